//! `qreview preview --serve`: the live preview in a real headless browser (Chromium,
//! driven by Selenium through ChromeDriver: tests/browser/live_preview.py), its pictures
//! against Typst's own SVG of the same slides, and the server's refusals, spoken to over
//! a plain socket.

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;

use crate::common::*;
use crate::preview::{Watching, copy_dir};

/// Starts a serving preview in `dir` with `args`; it and its address.
fn serve(dir: &std::path::Path, args: &[&str]) -> (Watching, String) {
    let watching = Watching::start(dir, args);
    let lines = watching.expect("serving the preview at");
    let line = lines.last().unwrap();
    let url = line.split_whitespace().find(|word| word.starts_with("http://")).unwrap().to_owned();
    watching.expect("showed");
    (watching, url)
}

/// The status line and body of a raw HTTP request to the server at `url`.
fn request(url: &str, text: &str) -> (String, String) {
    let address = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(address).unwrap();
    stream.write_all(text.replace("{HOST}", address).as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.lines().next().unwrap_or("").to_owned();
    let body = response.split_once("\r\n\r\n").map(|(_, body)| body.to_owned()).unwrap_or_default();
    (status, body)
}

fn get(url: &str, path: &str) -> (String, String) {
    // HTTP/1.0, so that the body comes whole, not in chunks.
    request(url, &format!("GET {path} HTTP/1.0\r\nHost: {{HOST}}\r\n\r\n"))
}

#[test]
fn the_live_preview_updates_in_a_real_browser_and_shows_problems_over_the_slides() {
    assert!(
        std::path::Path::new("/usr/bin/chromium").exists()
            && std::path::Path::new("/usr/bin/chromedriver").exists(),
        "this test needs Debian's chromium and chromium-driver (.ci/run installs them)"
    );
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("review");
    copy_dir(&sample(), &review);
    // Typst's own SVG of the same slides, which the served pictures must look like.
    let typst_svg = tempfile::tempdir().unwrap();
    let svg_dir = typst_svg.path().join("operations");
    let written = qreview(
        dir.path(),
        &["preview", "review", "--team", "operations", "--format", "svg", "-o", svg_dir.to_str().unwrap()],
    );
    assert!(written.status.success(), "{}", stderr(&written));
    let (_watching, url) = serve(dir.path(), &["preview", "review", "--team", "operations", "--serve"]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let shots = root().join("target/browser-screenshots");
    fs::create_dir_all(&shots).unwrap();
    let script = root().join("tests/browser/live_preview.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(&url)
        .arg(review.join("teams/operations.yaml"))
        .arg(&shots)
        .arg(&svg_dir)
        .output()
        .expect("python3 runs");
    let printed =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success() && printed.contains("OK"), "the browser checks failed:\n{printed}");
    // The serving preview writes no file of its own.
    let mut left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    left.sort();
    assert_eq!(left, ["review"], "nothing written beside the review");
}

#[test]
fn the_server_answers_only_get_for_its_own_pages_and_host() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("review");
    copy_dir(&sample(), &review);
    // A hostile team name: it must reach the page only as data.
    let team = review.join("teams/services.yaml");
    let text = fs::read_to_string(&team).unwrap();
    fs::write(&team, text.replacen("team: Services", "team: \"<img src=x onerror=alert(1)> Services\"", 1))
        .unwrap();
    let (_watching, url) = serve(dir.path(), &["preview", "review", "--team", "services", "--serve"]);

    let (status, page) = get(&url, "/");
    assert!(status.contains("200"), "{status}");
    assert!(page.contains("<main id=\"slides\"") && !page.contains("onerror"), "the page is static: {page}");
    let (status, state) = get(&url, "/state.json");
    assert!(status.contains("200"), "{status}");
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert_eq!(state["title"], "<img src=x onerror=alert(1)> Services", "the name, as data");
    let slides = state["slides"].as_array().unwrap().len();
    assert!(slides >= 5, "{slides}");
    let (status, svg) = get(&url, "/slides/0.svg");
    assert!(status.contains("200") && svg.starts_with("<svg"), "{status}");

    for (what, raw, expected) in [
        (
            "a POST",
            "POST / HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "405",
        ),
        (
            "a PUT of a slide",
            "PUT /slides/0.svg HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "405",
        ),
        (
            "a path out of the server",
            "GET /../../../etc/passwd HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n",
            "404",
        ),
        (
            "an encoded path",
            "GET /slides/..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n",
            "404",
        ),
        ("an absolute path", "GET /etc/passwd HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n", "404"),
        (
            "a slide past the last",
            "GET /slides/999.svg HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n",
            "404",
        ),
        ("another host name", "GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n", "403"),
    ] {
        let (status, _) = request(&url, raw);
        assert!(status.contains(expected), "{what}: {status}");
    }
    // Nothing a request says changed what is served.
    let (_, again) = get(&url, "/state.json");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&again).unwrap()["slides"].as_array().unwrap().len(),
        slides
    );
}

#[test]
fn a_taken_port_is_refused_in_words_and_another_address_needs_a_flag() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let output = qreview(
        &root(),
        &["preview", sample().to_str().unwrap(), "--team", "services", "--serve", "--port", &port],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(&format!("port {port} is already in use")), "{}", stderr(&output));
    let output = qreview(&root(), &["preview", sample().to_str().unwrap(), "--port", "8080"]);
    assert_eq!(output.status.code(), Some(2), "--port needs --serve: {}", stderr(&output));
}

#[test]
fn without_a_team_the_whole_review_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let (_watching, url) = serve(dir.path(), &["preview", sample.to_str().unwrap(), "--serve"]);
    let (_, state) = get(&url, "/state.json");
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert_eq!(state["title"], "Quarterly review Q2 - 2015/16");
    let built = pdf_pages_text(&build(&sample, dir.path(), "review.pdf")).len();
    assert_eq!(state["slides"].as_array().unwrap().len(), built, "every slide of the review's deck");
    let notes: Vec<&str> =
        state["slides"].as_array().unwrap().iter().filter_map(|s| s["notes"].as_str()).collect();
    assert_eq!(notes.len(), 7, "the sample's notes, the workflow slide's on both its pages: {notes:?}");
}
