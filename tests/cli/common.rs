//! Helpers shared by the end-to-end tests: running the binary and reading PDFs back.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `samples/` and `tests/fixtures/` are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample() -> PathBuf {
    root().join("samples/2015-16-q2")
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The example review that came with input format v1 as first agreed, kept as it was:
/// files written against v1 must keep building.
pub fn format_example() -> PathBuf {
    fixture("format-v1")
}

/// Runs qreview with `args` in `dir`, without `SOURCE_DATE_EPOCH` from the caller.
pub fn qreview(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qreview"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("qreview runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Builds `input` into `dir/name` and returns the PDF path, failing the test on error.
pub fn build(input: &Path, dir: &Path, name: &str) -> PathBuf {
    build_reporting(input, dir, name).0
}

/// Like [`build`], also returning what qreview printed (its warnings).
pub fn build_reporting(input: &Path, dir: &Path, name: &str) -> (PathBuf, String) {
    let out = dir.join(name);
    let output = qreview(dir, &["build", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let messages = stderr(&output);
    assert!(output.status.success(), "build failed:\n{messages}");
    (out, messages)
}

/// The PDF's text, page by page, as pdftotext reads it.
pub fn pdf_pages_text(pdf: &Path) -> Vec<String> {
    let output = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is installed (apt-get install poppler-utils)");
    assert!(output.status.success(), "pdftotext failed");
    let text = String::from_utf8(output.stdout).expect("pdftotext writes UTF-8");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|last| last.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The whole text with runs of spaces folded, so that phrases can be searched for.
pub fn pdf_text(pdf: &Path) -> String {
    pdf_pages_text(pdf)
        .join("\n")
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn load_pdf(pdf: &Path) -> lopdf::Document {
    lopdf::Document::load(pdf).expect("the output is a readable PDF")
}

/// Every page of the PDF as a grey-scale picture (PGM bytes, by pdftoppm), in order.
pub fn pdf_pictures(pdf: &Path, dir: &Path) -> Vec<Vec<u8>> {
    let prefix = dir.join(pdf.file_stem().unwrap());
    let output = Command::new("pdftoppm")
        .args(["-r", "40", "-gray", pdf.to_str().unwrap(), prefix.to_str().unwrap()])
        .output()
        .expect("pdftoppm is installed (apt-get install poppler-utils)");
    assert!(output.status.success(), "pdftoppm failed");
    let stem = prefix.file_name().unwrap().to_string_lossy().into_owned();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with(&format!("{stem}-")))
        .collect();
    files.sort();
    files.into_iter().map(|path| std::fs::read(path).unwrap()).collect()
}

/// A review of `count` copies of the sample's Security team (`Security 1` ...), written
/// into `dir`: a long agenda and scorecard, as a large department has.
pub fn many_teams(dir: &Path, count: usize) -> PathBuf {
    let review = std::fs::read_to_string(sample().join("review.yaml")).unwrap();
    let head = &review[..review.find("teams:").unwrap()];
    let tail = &review[review.find("workflow_types:").unwrap()..];
    let team = std::fs::read_to_string(sample().join("teams/security.yaml")).unwrap();
    std::fs::create_dir_all(dir.join("teams")).unwrap();
    let mut listing = String::from("teams:\n");
    for n in 1..=count {
        let renamed = team.replacen("team: Security", &format!("team: Security {n}"), 1);
        std::fs::write(dir.join(format!("teams/security-{n}.yaml")), renamed).unwrap();
        listing.push_str(&format!("  - teams/security-{n}.yaml\n"));
    }
    std::fs::write(dir.join("review.yaml"), format!("{head}{listing}{tail}")).unwrap();
    dir.to_path_buf()
}

/// A word of a PDF as pdftotext places it.
#[derive(Debug, Clone)]
pub struct Word {
    /// 1-based.
    pub page: usize,
    pub text: String,
    /// The type size in points: the word's box height over Noto Sans' ascent plus
    /// descent (1.362 em). A word in another font reads a little larger.
    pub size: f64,
    /// Where the word's box ends, as a share of the page height.
    pub bottom: f64,
    /// Where the word's box starts and ends across the page, in points from its left.
    pub left: f64,
    pub right: f64,
}

/// Every word of the PDF with its size and place (`pdftotext -bbox-layout`).
pub fn pdf_words(pdf: &Path) -> Vec<Word> {
    let output = Command::new("pdftotext")
        .args(["-bbox-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is installed (apt-get install poppler-utils)");
    assert!(output.status.success(), "pdftotext failed");
    let xml = String::from_utf8(output.stdout).expect("pdftotext writes UTF-8");
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("the attribute is there") + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let (mut words, mut page, mut height) = (Vec::new(), 0, 1.0);
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
            height = attribute(line, "height");
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').unwrap();
            let text = text.trim_end_matches("</word>");
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            let (y0, y1) = (attribute(tag, "yMin"), attribute(tag, "yMax"));
            let (left, right) = (attribute(tag, "xMin"), attribute(tag, "xMax"));
            words.push(Word { page, text, size: (y1 - y0) / 1.362, bottom: y1 / height, left, right });
        }
    }
    words
}

/// The names of the fonts the PDF embeds.
pub fn pdf_fonts(pdf: &Path) -> Vec<String> {
    let document = load_pdf(pdf);
    let mut names: Vec<String> = document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|name| name == b"Font"))
        .filter_map(|dict| dict.get(b"BaseFont").and_then(lopdf::Object::as_name).ok())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Text without its white space (and zero-width breaks), for comparing text laid out in
/// lines with text written in one.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<String>().replace('\u{200b}', "")
}

/// The names of the files in `dir`, sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
