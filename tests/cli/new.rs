//! `qreview new`: a review folder that `check` accepts, with every example left as
//! written reported, never written over anything.

use std::fs;

use crate::common::*;

#[test]
fn a_new_review_checks_builds_and_warns_about_each_example() {
    let dir = tempfile::tempdir().unwrap();
    let output = qreview(
        dir.path(),
        &["new", "q1", "--quarter", "2016/17 Q1", "--team", "Operations", "--team", "R&D: \"Labs\""],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("qreview preview q1 --team operations --watch"), "{}", stderr(&output));
    let review = dir.path().join("q1");
    for file in ["review.yaml", "teams/operations.yaml", "teams/r-d-labs.yaml", "schema/team.schema.json"] {
        assert!(review.join(file).is_file(), "{file}");
    }

    let check = qreview(dir.path(), &["check", "q1"]);
    let messages = stderr(&check);
    assert!(check.status.success(), "no error: {messages}");
    assert!(messages.contains("q1: ok, 2 team(s), 2 objective(s), 14 warning(s)"), "{messages}");
    assert!(messages.contains("`Example KPI` is an example `qreview new` wrote, still as written"));
    assert!(messages.contains("q1/teams/operations.yaml:14:11"), "the KPI's name, at its line:\n{messages}");

    let pdf = build(&review, dir.path(), "deck.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("R&D: \"LABS\"") || text.contains("R&D: “LABS”"), "the name as typed:\n{text}");

    // A team lead fills the file in: no warning is left.
    let filled = fs::read_to_string(review.join("teams/operations.yaml"))
        .unwrap()
        .replace("Example KPI", "Pages per week")
        .replace("Example objective", "Fewer pages")
        .replace("What the team set out to do", "Halve the pages")
        .replace("How you would know it worked", "Under 10 a week")
        .replace("What happened this quarter", "Down to 8 a week")
        .replace("What the team learned", "Alerts need owners")
        .replace("Something else the team is proud of", "New on-call rota");
    fs::write(review.join("teams/operations.yaml"), filled).unwrap();
    let messages = stderr(&qreview(dir.path(), &["check", "q1"]));
    assert!(messages.contains("7 warning(s)") && !messages.contains("operations.yaml:"), "{messages}");
}

#[test]
fn new_never_writes_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("q1/teams")).unwrap();
    fs::write(dir.path().join("q1/teams/my-team.yaml"), "team: Mine\n").unwrap();
    let output = qreview(dir.path(), &["new", "q1", "--quarter", "2016 Q3"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("never writes over a file"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(dir.path().join("q1/teams/my-team.yaml")).unwrap(), "team: Mine\n");
    assert!(!dir.path().join("q1/review.yaml").exists(), "nothing was written");

    let bad = qreview(dir.path(), &["new", "q2", "--quarter", "2016 Q5"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("Q5 does not exist"), "{}", stderr(&bad));
    let twins = qreview(dir.path(), &["new", "q3", "--team", "Ops", "--team", "OPS"]);
    assert_eq!(twins.status.code(), Some(1));
    assert!(!dir.path().join("q3").exists());
}
