//! `qreview batch`: every team and the whole review, with a broken team among them.

use std::fs;

use crate::common::*;
use crate::preview::copy_dir;

#[test]
fn batch_builds_every_team_and_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let output = qreview(dir.path(), &["batch", sample().to_str().unwrap(), "-o", "decks", "--jobs", "2"]);
    let messages = stderr(&output);
    assert!(output.status.success(), "{messages}");
    let summary = String::from_utf8_lossy(&output.stdout);
    let decks = dir.path().join("decks");
    for (slug, heading) in [
        ("architecture", "Q2 - Architecture"),
        ("operations", "Q2 - Operations"),
        ("release-engineering", "Q2 - Release Engineering"),
        ("services", "Q2 - Services"),
        ("security", "Q2 - Security"),
    ] {
        let text = pdf_text(&decks.join(format!("{slug}.pdf")));
        assert!(text.contains(heading), "{slug}.pdf");
        assert!(summary.contains(&format!("{slug}.pdf")), "{slug} in the summary:\n{summary}");
    }
    let review = pdf_pages_text(&decks.join("review.pdf"));
    assert!(review[0].contains("Quarterly review") && review[1].contains("Agenda"));
    assert!(messages.contains("6 of 6 decks built"), "{messages}");
}

/// However many threads build it, a batch writes the same bytes; its review is the deck
/// `build` writes, and a team's deck the one `preview` writes, though a batch typesets
/// each team once for both.
#[test]
fn batch_output_does_not_depend_on_the_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample();
    for jobs in ["1", "2"] {
        let output = qreview(dir.path(), &["batch", input.to_str().unwrap(), "-o", jobs, "--jobs", jobs]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let built = build(&input, dir.path(), "review.pdf");
    let preview = dir.path().join("security.pdf");
    let args = ["preview", input.to_str().unwrap(), "--team", "security", "-o", preview.to_str().unwrap()];
    assert!(qreview(dir.path(), &args).status.success());
    for name in ["architecture.pdf", "release-engineering.pdf", "security.pdf", "review.pdf"] {
        let one = fs::read(dir.path().join("1").join(name)).unwrap();
        assert!(one == fs::read(dir.path().join("2").join(name)).unwrap(), "{name} differs with 2 jobs");
    }
    let batch_review = fs::read(dir.path().join("1/review.pdf")).unwrap();
    assert!(batch_review == fs::read(built).unwrap(), "batch and build write the same review.pdf");
    let batch_team = fs::read(dir.path().join("1/security.pdf")).unwrap();
    assert!(batch_team == fs::read(preview).unwrap(), "batch and preview write the same team deck");
}

#[test]
fn a_broken_team_is_listed_and_the_others_are_built() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("review");
    copy_dir(&sample(), &review);
    fs::write(review.join("teams/security.yaml"), "team: Security\nobjectivs: []\n").unwrap();
    let output = qreview(dir.path(), &["batch", "review", "-o", "decks"]);
    assert_eq!(output.status.code(), Some(1));
    let summary = String::from_utf8_lossy(&output.stdout);
    let messages = stderr(&output);
    for slug in ["architecture", "operations", "release-engineering", "services"] {
        assert!(dir.path().join(format!("decks/{slug}.pdf")).is_file(), "{slug} was built");
    }
    assert!(!dir.path().join("decks/security.pdf").exists());
    assert!(!dir.path().join("decks/review.pdf").exists(), "the review needs every team");
    assert!(summary.contains("FAILED"), "{summary}");
    assert!(messages.contains("unknown key `objectivs`"), "{messages}");
    assert!(messages.contains("security.yaml:2:1"), "{messages}");
    assert!(messages.contains("4 of 6 decks built"), "{messages}");
    // Piped output has no progress bar drawing.
    assert!(!messages.contains('\r'), "no terminal control in piped output");
}

#[test]
fn completions_and_man_page_come_from_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let bash = qreview(dir.path(), &["completions", "bash"]);
    assert!(bash.status.success());
    let script = String::from_utf8_lossy(&bash.stdout);
    assert!(script.contains("qreview") && script.contains("preview") && script.contains("--watch"));
    let man = qreview(dir.path(), &["man"]);
    assert!(man.status.success());
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(page.contains(".TH qreview") && page.contains("batch"));
    for command in ["build", "check", "preview", "batch"] {
        let help = qreview(dir.path(), &[command, "--help"]);
        assert!(String::from_utf8_lossy(&help.stdout).contains("xample"), "{command} --help has an example");
    }
}
