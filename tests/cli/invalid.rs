//! Broken reviews: one fixture folder per case under `tests/fixtures/invalid/`, each with
//! `check.txt` and `build.txt`, the whole of what `qreview check` and `qreview build`
//! print (the output's folder written `<OUT>`, the case's `<CASE>`), so that an extra or a lost problem
//! fails, and an optional `args` file of extra arguments (then only `build` runs: a
//! layout's problems are found when typesetting). Every case must fail with exit code
//! 1, write nothing, and leave an earlier output byte for byte as it was.
//!
//! After an intended change of the messages, `QREVIEW_BLESS=1 cargo test --release
//! invalid` rewrites the files; read their diff before committing.

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
            // A layout's files are named by their full path, where the checkout is.
            let case_path = case.canonicalize().unwrap();
            let messages = stderr(&output)
                .replace(out_dir.path().to_str().unwrap(), "<OUT>")
                .replace(case_path.to_str().unwrap(), "<CASE>");
            if output.status.code() != Some(1) {
                failures
                    .push(format!("{name} ({command}): exit code {:?}\n{messages}", output.status.code()));
            }
            let expected_path = case.join(format!("{command}.txt"));
            if std::env::var_os("QREVIEW_BLESS").is_some() {
                fs::write(&expected_path, &messages).unwrap();
            }
            let expected = fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{name} has no {command}.txt (QREVIEW_BLESS=1 writes it)"));
            if messages != expected {
                failures.push(format!(
                    "{name} ({command}): the messages differ from {command}.txt\n--- expected\n{expected}\n--- printed\n{messages}"
                ));
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
