//! The executable starts without relocating itself (see build.rs at the repository's
//! root): a position-independent `qreview` spends half of a `--version` applying
//! relocations.

/// The ELF header's object type: 2 is a position-dependent executable, 3 a shared
/// object (which is what a position-independent executable is).
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
#[test]
fn the_executable_is_linked_position_dependent_so_that_it_starts_without_relocating() {
    let binary = std::fs::read(env!("CARGO_BIN_EXE_qreview")).expect("read the qreview executable");
    assert_eq!(&binary[..4], b"\x7fELF", "an ELF file");
    let object_type = u16::from_le_bytes([binary[16], binary[17]]);
    assert_eq!(object_type, 2, "ET_EXEC, not ET_DYN (a position-independent executable)");
    let version =
        std::process::Command::new(env!("CARGO_BIN_EXE_qreview")).arg("--version").output().unwrap();
    assert!(version.status.success());
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("qreview "));
}
