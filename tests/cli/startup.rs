//! The executable starts without relocating itself (see build.rs at the repository's
//! root): a position-independent `qreview` spends half of a `--version` applying
//! relocations.

/// The ELF header's object type: 2 is a position-dependent executable, 3 a shared
/// object (which is what a position-independent executable is).
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
#[test]
fn the_executable_is_linked_position_dependent_so_that_it_starts_without_relocating() {
    // The header's first 18 bytes only: the executable is some 270 MB with its line tables.
    let mut header = [0u8; 18];
    std::fs::File::open(env!("CARGO_BIN_EXE_qreview"))
        .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut header))
        .expect("read the qreview executable's header");
    assert_eq!(&header[..4], b"\x7fELF", "an ELF file");
    let object_type = u16::from_le_bytes([header[16], header[17]]);
    assert_eq!(object_type, 2, "ET_EXEC, not ET_DYN (a position-independent executable)");
    let version =
        std::process::Command::new(env!("CARGO_BIN_EXE_qreview")).arg("--version").output().unwrap();
    assert!(version.status.success());
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("qreview "));
}
