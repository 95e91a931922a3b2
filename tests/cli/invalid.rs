//! Broken reviews: one fixture folder per case under `tests/fixtures/invalid/`, each with
//! an `expected.txt` whose every line must appear in what qreview prints, and an optional
//! `args` file of extra arguments. Every case must fail with exit code 1, write nothing,
//! and leave an earlier output byte for byte as it was.

use std::fs;

use crate::common::*;

const EARLIER_OUTPUT: &[u8] = b"%PDF- an earlier good deck";

#[test]
fn every_broken_review_is_refused_with_its_message() {
    let cases = fs::read_dir(fixture("invalid")).expect("fixture folder").map(|entry| entry.unwrap().path());
    let mut failures = Vec::new();
    let mut count = 0;
    for case in cases {
        count += 1;
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected = fs::read_to_string(case.join("expected.txt")).expect("each case has expected.txt");
        let extra = fs::read_to_string(case.join("args")).unwrap_or_default();
        for command in ["build", "check"] {
            if command == "check" && !extra.is_empty() {
                continue; // layout cases only fail when typesetting
            }
            let out_dir = tempfile::tempdir().unwrap();
            let out = out_dir.path().join("deck.pdf");
            fs::write(&out, EARLIER_OUTPUT).unwrap();
            let mut args = vec![command, "."];
            if command == "build" {
                args.extend(["-o", out.to_str().unwrap()]);
            }
            args.extend(extra.split_whitespace());
            let output = qreview(&case, &args);
            let messages = stderr(&output);
            if output.status.code() != Some(1) {
                failures
                    .push(format!("{name} ({command}): exit code {:?}\n{messages}", output.status.code()));
            }
            for line in expected.lines().filter(|line| !line.trim().is_empty()) {
                if !messages.contains(line) {
                    failures.push(format!("{name} ({command}): missing `{line}` in:\n{messages}"));
                }
            }
            if fs::read(&out).unwrap() != EARLIER_OUTPUT {
                failures.push(format!("{name} ({command}): the earlier output was changed"));
            }
            let left: Vec<_> =
                fs::read_dir(out_dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
            if left.len() != 1 {
                failures.push(format!("{name} ({command}): files left behind: {left:?}"));
            }
        }
    }
    assert!(count >= 10, "found only {count} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
