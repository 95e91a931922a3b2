//! Hostile and broken files: each gets a clear error within two seconds, never a panic,
//! a hang or a stack overflow. The files are made here rather than committed (one is
//! 50 MB).

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;

/// Checks `input` (relative to `dir`); returns exit code and messages.
fn check(dir: &Path, input: &str) -> (Option<i32>, String) {
    let started = Instant::now();
    let output = qreview(dir, &["check", input]);
    let elapsed = started.elapsed();
    let messages = stderr(&output);
    assert!(elapsed < Duration::from_secs(2), "{input} took {elapsed:?}");
    assert!(!messages.contains("panicked") && !messages.contains("overflow"), "{input}: {messages}");
    (output.status.code(), messages)
}

fn team_file(dir: &Path, name: &str, bytes: &[u8]) -> String {
    fs::write(dir.join(name), bytes).unwrap();
    name.to_owned()
}

#[test]
fn hostile_team_files_get_clear_errors_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut bomb = String::from("team: A\nhighlights:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let prev = level - 1;
        bomb.push_str(&format!("  - &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    let deep = format!("team: A\nhighlights: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let mut big = String::from("team: Big\nhighlights:\n");
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&format!("  - {}\n", "x".repeat(1000)));
    }
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let cases: Vec<(String, &str)> = vec![
        (team_file(d, "bomb.yaml", bomb.as_bytes()), "bomb.yaml:"),
        (team_file(d, "deep.yaml", deep.as_bytes()), "recursion limit exceeded"),
        (
            team_file(d, "big.yaml", big.as_bytes()),
            "is too large (50 MiB; a review file may have at most 4 MiB)",
        ),
        (team_file(d, "garbage.yaml", &garbage), "is not UTF-8 text"),
        (team_file(d, "latin1.yaml", b"team: caf\xe9\n"), "badutf8"),
        (team_file(d, "tabs.yaml", b"team: Tabs\nquarter: 2015 Q4\nhighlights:\n\t- one\n"), "tabs"),
        (team_file(d, "empty.yaml", b""), "`empty.yaml` is empty"),
        (team_file(d, "blank.yaml", b"  \n\n"), "`blank.yaml` is empty"),
    ];
    for (input, expected) in &cases {
        let (code, messages) = check(d, input);
        assert_eq!(code, Some(1), "{input}: {messages}");
        match *expected {
            "badutf8" => assert!(
                messages.contains("not UTF-8 text: invalid byte 0xe9")
                    && messages.contains("latin1.yaml:1:10")
            ),
            "tabs" => assert!(messages.contains("tabs.yaml:") && messages.contains("tab"), "{messages}"),
            _ => assert!(messages.contains(expected), "{input}: expected `{expected}` in\n{messages}"),
        }
        // Long lines are named, not printed.
        assert!(messages.lines().all(|line| line.len() < 2_000), "{input} printed a huge line");
    }
}

#[test]
fn byte_order_marks_and_crlf_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bom = team_file(d, "bom.yaml", b"\xef\xbb\xbfteam: Bom\nquarter: 2015 Q4\n");
    let crlf = team_file(d, "crlf.yaml", b"team: Crlf\r\nquarter: 2015 Q4\r\nhighlights:\r\n  - one\r\n");
    for input in [bom, crlf] {
        let (code, messages) = check(d, &input);
        assert_eq!(code, Some(0), "{input}: {messages}");
    }
}

#[test]
fn paths_that_are_not_plain_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("review/teams/folder.yaml")).unwrap();
    fs::create_dir_all(d.join("outside")).unwrap();
    fs::write(d.join("outside/secret.yaml"), "team: Secret\n").unwrap();
    std::os::unix::fs::symlink("loop.yaml", d.join("review/teams/loop.yaml")).unwrap();
    std::os::unix::fs::symlink("../../outside/secret.yaml", d.join("review/teams/link.yaml")).unwrap();
    fs::write(
        d.join("review/review.yaml"),
        "title: R\nquarter: 2015 Q4\nteams: [teams/folder.yaml, teams/loop.yaml, teams/link.yaml, ../outside/secret.yaml, /etc/passwd]\n",
    )
    .unwrap();
    let (code, messages) = check(d, "review");
    assert_eq!(code, Some(1));
    for expected in [
        "`review/teams/folder.yaml` is a folder, not a YAML file",
        "cannot read `review/teams/loop.yaml`: too many levels of symbolic links",
        "team path `teams/link.yaml` leads outside the review folder (through a link)",
        "team path `../outside/secret.yaml` leaves the review folder",
        "team path `/etc/passwd` leaves the review folder",
    ] {
        assert!(messages.contains(expected), "`{expected}` in\n{messages}");
    }
    assert!(!messages.contains("Secret"), "nothing outside the folder was read");

    let (code, messages) = check(d, "review/teams/loop.yaml");
    assert_eq!(code, Some(1));
    assert!(messages.contains("too many levels of symbolic links"), "{messages}");
}

#[test]
fn a_layout_cannot_read_outside_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("outside.txt"), "the secret").unwrap();
    let layout = d.join("layout");
    fs::create_dir(&layout).unwrap();
    fs::copy(fixture("layouts/reads-outside/main.typ"), layout.join("main.typ")).unwrap();
    std::os::unix::fs::symlink(d.join("outside.txt"), layout.join("secret.txt")).unwrap();
    let sample = sample();
    let output = qreview(d, &["build", sample.to_str().unwrap(), "-o", "out.pdf", "--layout", "layout"]);
    let messages = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{messages}");
    assert!(messages.contains("main.typ:4:"), "the read is pointed at: {messages}");
    assert!(!messages.contains("the secret") && !d.join("out.pdf").exists());
}
