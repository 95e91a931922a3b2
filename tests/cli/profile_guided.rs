//! Every optimised compile reads the profile in `pgo/` (pgo/README.md): the wrapper that
//! Cargo runs rustc through adds it, with a path that holds from any crate's folder.

use std::path::Path;
use std::process::Command;

/// The arguments the wrapper would run the compiler with, given these.
fn wrapped(args: &[&str]) -> Vec<String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(repo.join("pgo/rustc-wrapper"))
        .arg("echo")
        .args(args)
        // Cargo runs rustc for a dependency in the dependency's own folder.
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run pgo/rustc-wrapper");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().split_whitespace().map(str::to_owned).collect()
}

#[test]
fn an_optimised_compile_reads_the_profile_from_any_folder_and_others_do_not() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let args = wrapped(&["--crate-name", "typst_layout", "-C", "opt-level=3"]);
    let profile = args
        .iter()
        .find_map(|arg| arg.strip_prefix("-Cprofile-use="))
        .unwrap_or_else(|| panic!("no -Cprofile-use in {args:?}"));
    assert_eq!(
        Path::new(profile).canonicalize().unwrap(),
        repo.join("pgo/qreview.profdata").canonicalize().unwrap()
    );
    assert!(args.contains(&"-Cllvm-args=-no-pgo-warn-mismatch".to_owned()), "{args:?}");
    // LLVM's indexed profile: its magic number, then a format version.
    let bytes = std::fs::read(profile).unwrap();
    assert_eq!(&bytes[..8], b"\xfflprofi\x81".as_slice(), "not an indexed profile");

    let unoptimised = wrapped(&["--crate-name", "build_script_build", "-C", "opt-level=0"]);
    assert_eq!(unoptimised, ["--crate-name", "build_script_build", "-C", "opt-level=0"]);
    assert_eq!(wrapped(&["-vV"]), ["-vV"]);
}

#[test]
fn cargo_runs_every_compile_of_the_repository_through_the_wrapper() {
    let config =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".cargo/config.toml")).unwrap();
    assert!(config.lines().any(|line| line.trim() == r#"rustc-wrapper = "pgo/rustc-wrapper""#), "{config}");
}
