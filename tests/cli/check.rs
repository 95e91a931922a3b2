//! `qreview check`: validation without typesetting.

use crate::common::*;

#[test]
fn sample_checks_with_the_hand_made_totals_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let output = qreview(dir.path(), &["check", sample().to_str().unwrap()]);
    let messages = stderr(&output);
    assert!(output.status.success(), "{messages}");
    for project in ["Scap3 Migration", "Diff Migration", "Maintenance", "Nonsense stuff"] {
        assert!(messages.contains(&format!("reported total for `{project}`")), "{project}:\n{messages}");
    }
    assert!(!messages.contains("`CI Scaling`"), "CI Scaling adds up:\n{messages}");
    assert!(
        messages.contains("reported total for `Scap3 Migration` is 109.23, but its rows add up to 121.08")
    );
    assert!(messages.contains("release-engineering.yaml:130:21"), "line and column:\n{messages}");
    assert!(messages.contains("ok, 5 team(s), 17 objective(s)"), "{messages}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "check writes nothing");
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = qreview(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(2));
    let output = qreview(dir.path(), &["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_missing_input_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let output = qreview(dir.path(), &["check", "no-such-review"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot read `no-such-review`"), "{}", stderr(&output));
}
