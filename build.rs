//! Links `qreview` on Linux as a position-dependent executable.
//!
//! A position-independent one (Rust's default) makes the dynamic loader write ~107,000
//! relocated pointers into 1.8 MB of read-only tables (vtables and the like) at every
//! start, copying each page it touches: half of `qreview --version`'s CPU time (3.2 ms
//! against 1.6 ms) and a third of a small `qreview check` (7.9 ms against 5.3 ms), on
//! every run (bench/results.md). Go links its programs this way by default on Linux. The
//! price: the executable's own code and data load at a fixed address (shared libraries,
//! heap and stacks are still placed at random). Only the executable is linked so (the
//! test binaries are not), and only where the C compiler driver that links it takes
//! `-no-pie`.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && (env == "gnu" || env == "musl") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
