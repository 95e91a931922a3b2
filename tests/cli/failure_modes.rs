//! `docs/failure-modes.md` against the tests: every message it promises is one a test
//! checks, for the exit code it names.

use std::fs;

use crate::common::*;

#[test]
fn the_failure_mode_table_matches_the_tests() {
    let table = fs::read_to_string(root().join("docs/failure-modes.md")).unwrap();
    let rows: Vec<Vec<String>> = table
        .lines()
        .filter(|line| {
            line.starts_with("| ") && !line.starts_with("| bad input") && !line.starts_with("|---")
        })
        .map(|line| line.trim_matches('|').split(" | ").map(|cell| cell.trim().to_owned()).collect())
        .collect();
    assert!(rows.len() >= 25, "found {} rows", rows.len());
    let invalid_cases: Vec<String> = fs::read_dir(fixture("invalid"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for case in &invalid_cases {
        assert!(table.contains(&format!("invalid/{case}")), "the table has no row for invalid/{case}");
    }
    for row in rows {
        let [what, message, exit, checked_by] = &row[..] else { panic!("malformed row {row:?}") };
        // The message column is one code span; its text may itself hold backticks.
        let message = message.strip_prefix('`').and_then(|m| m.strip_suffix('`'));
        let expectations = match checked_by.strip_prefix("invalid/") {
            Some(case) => {
                assert_eq!(exit, "1", "{what}: invalid fixtures exit with 1");
                fs::read_to_string(fixture("invalid").join(case).join("build.txt")).unwrap()
            }
            None => fs::read_to_string(root().join("tests/cli").join(format!("{checked_by}.rs")))
                .unwrap_or_else(|_| panic!("{what}: no test file {checked_by}.rs")),
        };
        if let Some(message) = message {
            assert!(expectations.contains(message), "{what}: `{message}` is not checked by {checked_by}");
        }
        if checked_by.strip_prefix("invalid/").is_none() {
            let code_checked = match exit.as_str() {
                "0" => expectations.contains("success()"),
                code => expectations.contains(&format!("Some({code})")),
            };
            assert!(code_checked, "{what}: {checked_by} does not check exit code {exit}");
        }
    }
}
