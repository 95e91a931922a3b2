//! `qreview preview`: one team, as PDF, PNG or SVG, and the watch loop.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::common::*;

fn preview(dir: &Path, args: &[&str]) -> std::process::Output {
    let sample = sample();
    let mut all = vec!["preview", sample.to_str().unwrap()];
    all.extend(args);
    qreview(dir, &all)
}

#[test]
fn a_team_is_found_by_name_or_slug_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    for (wanted, name) in [
        ("operations", "by-slug.pdf"),
        ("OPERATIONS", "by-upper-slug.pdf"),
        ("Operations", "by-name.pdf"),
        ("release engineering", "by-name-with-space.pdf"),
    ] {
        let output = preview(dir.path(), &["--team", wanted, "-o", name]);
        assert!(output.status.success(), "{wanted}: {}", stderr(&output));
        let text = pdf_text(&dir.path().join(name));
        assert!(!text.contains("Agenda"), "a preview has no cover or agenda");
    }
    let text = pdf_text(&dir.path().join("by-name.pdf"));
    assert!(text.contains("OPERATIONS") && text.contains("Objective: Encrypted PII"));
    assert!(!text.contains("SECURITY"), "only the chosen team");
    assert!(pdf_text(&dir.path().join("by-name-with-space.pdf")).contains("RELEASE ENGINEERING"));
}

#[test]
fn a_preview_numbers_every_slide_and_marks_continued_ones() {
    // The page marks of a first preview are typeset beside its slides.
    let dir = tempfile::tempdir().unwrap();
    let output = preview(dir.path(), &["--team", "release-engineering", "-o", "re.pdf"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pages = pdf_pages_text(&dir.path().join("re.pdf"));
    assert!(pages.len() > 1, "Release Engineering has several slides");
    for (index, page) in pages.iter().enumerate() {
        let last = page.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or_default();
        assert!(
            last.trim_end().ends_with(&(index + 1).to_string()),
            "slide {} ends with `{last}`",
            index + 1
        );
    }
    assert!(
        pages.iter().any(|page| page.contains("(cont.)")),
        "its core workflows continue on a further slide"
    );
}

#[test]
fn a_team_file_previews_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let team = sample().join("teams/security.yaml");
    let output = qreview(dir.path(), &["preview", team.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(pdf_text(&dir.path().join("security.pdf")).contains("Objective: Static Security Testing"));
}

#[test]
fn an_unknown_team_lists_the_teams_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let output = preview(dir.path(), &["--team", "operatoins"]);
    assert_eq!(output.status.code(), Some(1));
    let messages = stderr(&output);
    assert!(messages.contains("the review has no team `operatoins`"), "{messages}");
    for slug in ["architecture", "operations", "release-engineering", "services", "security"] {
        assert!(messages.contains(slug), "{slug} is listed: {messages}");
    }
    assert!(messages.contains("did you mean `operations`?"), "{messages}");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
}

#[test]
fn png_and_svg_write_one_file_per_slide() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = preview(dir.path(), &["--team", "release-engineering", "-o", "re.pdf"]);
    assert!(pdf.status.success());
    let slides = pdf_pages_text(&dir.path().join("re.pdf")).len();
    for format in ["png", "svg"] {
        let output =
            preview(dir.path(), &["--team", "release-engineering", "--format", format, "-o", format]);
        assert!(output.status.success(), "{}", stderr(&output));
        let mut names: Vec<String> = fs::read_dir(dir.path().join(format))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name != ".qreview-manifest")
            .collect();
        names.sort();
        assert_eq!(names.len(), slides, "{format}: one file per slide");
        assert_eq!(names[0], format!("slide-01.{format}"));
        assert_eq!(names[slides - 1], format!("slide-{slides:02}.{format}"));
    }
    let png = fs::read(dir.path().join("png/slide-01.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let svg = fs::read_to_string(dir.path().join("svg/slide-01.svg")).unwrap();
    assert!(svg.starts_with("<svg"));
}

#[test]
fn a_failed_preview_leaves_the_earlier_output() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("review");
    copy_dir(&sample(), &review);
    let output = qreview(dir.path(), &["preview", "review", "--team", "services", "-o", "services.pdf"]);
    assert!(output.status.success());
    let before = fs::read(dir.path().join("services.pdf")).unwrap();
    fs::write(review.join("teams/services.yaml"), "team: [broken\n").unwrap();
    let output = qreview(dir.path(), &["preview", "review", "--team", "services", "-o", "services.pdf"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("services.yaml:1:"), "{}", stderr(&output));
    assert_eq!(fs::read(dir.path().join("services.pdf")).unwrap(), before, "byte for byte");
    // Another team's broken file does not stop this preview.
    let output = qreview(dir.path(), &["preview", "review", "--team", "security", "-o", "security.pdf"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A watching preview, its stderr read line by line on a thread.
pub struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Watching {
    pub fn start(dir: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_qreview"))
            .args(args)
            .current_dir(dir)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Watching { child, lines }
    }

    /// Waits (at most 20 s) for a line containing `needle`; returns the lines seen.
    pub fn expect(&self, needle: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = line.contains(needle);
                    seen.push(line);
                    if found {
                        return seen;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no line with `{needle}` within 20 s; saw:\n{}", seen.join("\n"));
    }

    /// The lines printed in the next `span`.
    pub fn lines_within(&self, span: Duration) -> Vec<String> {
        let deadline = Instant::now() + span;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        seen
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_rebuilds_on_edits_renames_and_survives_broken_saves() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("review");
    copy_dir(&sample(), &review);
    let team = review.join("teams/services.yaml");
    let original = fs::read_to_string(&team).unwrap();
    let watching =
        Watching::start(dir.path(), &["preview", "review", "--team", "services", "--watch", "-o", "s.pdf"]);
    watching.expect("watching for changes");
    assert!(pdf_text(&dir.path().join("s.pdf")).contains("248 req/s"));

    // An edit in place.
    fs::write(&team, original.replace("2015/16 Q2: 248", "2015/16 Q2: 251")).unwrap();
    watching.expect("wrote s.pdf");
    watching.expect("watching for changes");
    assert!(pdf_text(&dir.path().join("s.pdf")).contains("251 req/s"));

    // A save by rename, as many editors do.
    let staged = review.join("teams/.services.yaml.swp");
    fs::write(&staged, original.replace("2015/16 Q2: 248", "2015/16 Q2: 260")).unwrap();
    fs::rename(&staged, &team).unwrap();
    watching.expect("wrote s.pdf");
    watching.expect("watching for changes");
    assert!(pdf_text(&dir.path().join("s.pdf")).contains("260 req/s"));
    // The rename reaches the watcher as the new name and then as the pair of names: one
    // save, built once.
    let after = watching.lines_within(Duration::from_secs(1));
    assert!(!after.iter().any(|line| line.contains("wrote")), "built again after one save: {after:?}");

    // Saved again as it was, to have it built again (the output was deleted): built.
    fs::remove_file(dir.path().join("s.pdf")).unwrap();
    fs::write(&team, original.replace("2015/16 Q2: 248", "2015/16 Q2: 260")).unwrap();
    watching.expect("wrote s.pdf");
    watching.expect("watching for changes");
    assert!(pdf_text(&dir.path().join("s.pdf")).contains("260 req/s"));

    // A broken save is reported, the last good output stays, and watching goes on.
    let good = fs::read(dir.path().join("s.pdf")).unwrap();
    fs::write(&team, "team: [\n").unwrap();
    let lines = watching.expect("the preview was not built");
    assert!(lines.iter().any(|line| line.contains("services.yaml:1:")), "{lines:?}");
    watching.expect("watching for changes");
    assert_eq!(fs::read(dir.path().join("s.pdf")).unwrap(), good);

    // Fixed again: the next save builds.
    fs::write(&team, &original).unwrap();
    watching.expect("wrote s.pdf");
    assert!(pdf_text(&dir.path().join("s.pdf")).contains("248 req/s"));
}
