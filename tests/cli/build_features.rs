//! `cargo build` and `cargo test` compile the same crates. A dev-dependency that turns on
//! a feature of a crate the program uses too (jsonschema turns on `float_roundtrip` in
//! serde_json, which Typst reads its data with) makes Cargo compile that crate and every
//! crate above it twice, once per set of features: the README's two commands then
//! compiled the Typst stack twice, 5 more minutes on 2 cores. Cargo.toml turns those
//! features on for the program too; this test names any that differ again.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Every package of the dependency graph along `edges`, with the features Cargo turns on
/// in it (the union, where a package shows more than once).
fn features(edges: &str) -> BTreeMap<String, BTreeSet<String>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["tree", "--offline", "--locked", "--prefix", "none", "--format", "{p}|{f}", "--edges", edges])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo tree");
    assert!(output.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    let mut packages = BTreeMap::<String, BTreeSet<String>>::new();
    for line in String::from_utf8(output.stdout).expect("cargo tree prints UTF-8").lines() {
        // A package already shown ends in " (*)"; its features are the same.
        let line = line.trim_end_matches(" (*)");
        let (package, turned_on) = line.split_once('|').expect("`package|features` lines");
        let entry = packages.entry(package.to_owned()).or_default();
        entry.extend(turned_on.split(',').filter(|feature| !feature.is_empty()).map(str::to_owned));
    }
    packages
}

#[test]
fn the_tests_turn_on_no_feature_of_a_crate_the_program_uses_that_the_program_leaves_off() {
    let program = features("normal,build");
    let tests = features("normal,build,dev");
    assert!(program.keys().any(|package| package.starts_with("typst ")), "the graph holds Typst");
    let differing: Vec<String> = program
        .iter()
        .filter_map(|(package, on)| {
            let extra: Vec<&str> = tests.get(package)?.difference(on).map(String::as_str).collect();
            (!extra.is_empty()).then(|| format!("{package}: {}", extra.join(", ")))
        })
        .collect();
    assert!(
        differing.is_empty(),
        "the dev-dependencies turn on features the program leaves off, so `cargo test` and \
         `cargo build` compile these crates (and all above them) apart; turn them on in \
         Cargo.toml's [dependencies]:\n{}",
        differing.join("\n")
    );
}
