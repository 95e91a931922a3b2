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
    // Line 131: the first line of the file names its schema.
    assert!(messages.contains("release-engineering.yaml:133:21"), "line and column:\n{messages}");
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

/// An unknown key, a value of the wrong type and a bad quarter, in three places of one
/// file: all three in one run, in file order, each with its place, line and hint.
#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("teams")).unwrap();
    std::fs::write(dir.path().join("review.yaml"), "title: R\nquarter: 2015/16 Q2\nteams: [teams/a.yaml]\n")
        .unwrap();
    let team =
        "team: A\nobjectivs: []\nkpis:\n  - name: Uptime\n    better: lowr\n    values:\n      2015 Q5: 3\n";
    std::fs::write(dir.path().join("teams/a.yaml"), team).unwrap();
    let output = qreview(dir.path(), &["check", "."]);
    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    let errors: Vec<&str> = messages.lines().filter(|line| line.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 3, "{messages}");
    let places: Vec<&str> = messages.lines().filter(|line| line.contains("┌─")).collect();
    assert_eq!(places.len(), 3, "{messages}");
    assert!(places[0].ends_with("teams/a.yaml:2:1") && errors[0].contains("unknown key `objectivs`"));
    assert!(places[1].ends_with("teams/a.yaml:5:13") && errors[1].contains("`lowr` is not a value"));
    assert!(places[2].ends_with("teams/a.yaml:7:7") && errors[2].contains("`2015 Q5` is not a quarter"));
    for (line, underline) in [
        ("2 │ objectivs: []", "^^^^^^^^^"),
        ("5 │     better: lowr", "^^^^"),
        ("7 │       2015 Q5: 3", "^^^^^^^"),
    ] {
        assert!(messages.contains(line) && messages.contains(underline), "{line}:\n{messages}");
    }
    assert!(
        messages.contains("hint: did you mean `objectives`?")
            && messages.contains("hint: did you mean `lower`?")
    );
    assert!(messages.contains(".: 3 error(s), 0 warning(s)"), "{messages}");
}
