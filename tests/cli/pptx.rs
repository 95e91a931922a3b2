//! The PowerPoint deck, read back by real readers: python-pptx (tests/pptx/read_back.py)
//! for its slides, tables, charts and notes, and LibreOffice Impress, which converts it
//! to PDF; plus hostile text, reproducibility and the three commands that write it.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::*;

fn read_back(pptx: &Path) -> serde_json::Value {
    let output = Command::new("python3")
        .arg(root().join("tests/pptx/read_back.py"))
        .arg(pptx)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "python-pptx cannot read it:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Every text of a slide: title, text boxes, table cells.
fn slide_text(slide: &serde_json::Value) -> String {
    let mut text: Vec<String> =
        slide["texts"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect();
    for table in slide["tables"].as_array().unwrap() {
        for row in table.as_array().unwrap() {
            text.extend(row.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()));
        }
    }
    text.join("\n")
}

fn cells(deck: &serde_json::Value) -> Vec<String> {
    let mut cells = Vec::new();
    for slide in deck["slides"].as_array().unwrap() {
        for table in slide["tables"].as_array().unwrap() {
            for row in table.as_array().unwrap() {
                cells.extend(row.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()));
            }
        }
    }
    cells
}

#[test]
fn the_samples_deck_holds_every_title_figure_and_note_as_real_text() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let output = qreview(dir.path(), &["build", sample.to_str().unwrap(), "-o", "review.pptx"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let deck = read_back(&dir.path().join("review.pptx"));
    assert_eq!(
        (deck["width"].as_f64().unwrap(), deck["height"].as_f64().unwrap()),
        (10.0, 5.625),
        "16:9, the PDF's size"
    );
    assert_eq!(
        deck["layouts"],
        serde_json::json!(["Title and Content", "Title Slide"]),
        "a master with its layouts"
    );
    let slides = deck["slides"].as_array().unwrap();
    let titles: Vec<&str> =
        slides.iter().map(|s| s["title"].as_str().expect("every slide has its title placeholder")).collect();
    // The PDF's slides in the PDF's order, a "(cont.)" slide where the PDF has a page.
    let pdf = pdf_pages_text(&build(&sample, dir.path(), "review.pdf"));
    assert_eq!(slides.len(), pdf.len(), "{titles:#?}");
    for (title, page) in titles.iter().zip(&pdf) {
        let last_line = title.lines().last().unwrap().trim_end_matches(" (cont.)");
        assert!(squeeze(page).contains(&squeeze(last_line)), "`{last_line}` is on the PDF's slide:\n{page}");
        assert_eq!(
            title.ends_with("(cont.)"),
            page.contains("(cont.)"),
            "`{title}` continues as the PDF's page"
        );
    }
    for team in ["ARCHITECTURE", "OPERATIONS", "RELEASE ENGINEERING", "SERVICES", "SECURITY"] {
        assert!(titles.iter().any(|t| t.contains(team)), "{team}");
    }
    for objective in
        ["Objective: Encrypted PII", "Objective: Reduce CI wait time", "Objective: Static Security Testing"]
    {
        assert!(titles.iter().any(|t| t.ends_with(objective)), "{objective}");
    }
    // Figures computed as on the PDF's slides, each in its own table cell.
    let cells = cells(&deck);
    for figure in ["99.979%", "+0.037 pp from Q1", "544.14%", "121.08%", "8.48%", "67%", "\u{2212}8 pts"] {
        assert!(cells.iter().any(|c| c == figure), "`{figure}` is a cell");
    }
    // The chart is a native chart with its data.
    let chart = slides.iter().find_map(|s| s["charts"].as_array().unwrap().first()).expect("a chart");
    assert!(chart["kind"].as_str().unwrap().starts_with("LINE"), "{chart}");
    assert_eq!(chart["series"][0]["name"], "Mean time to merge");
    assert_eq!(chart["series"][0]["values"], serde_json::json!([11.0, 12.5, 10.0, 8.0, 9.5, 6.0]));
    // Notes in the notes pages; Noto Sans named, as in the PDF.
    let pii = slides.iter().find(|s| s["title"].as_str().unwrap().ends_with("Encrypted PII")).unwrap();
    assert!(
        pii["notes"].as_str().unwrap().starts_with("Say when udp2log was switched off"),
        "{}",
        pii["notes"]
    );
    // As in the .pdfpc: the workflow slide and its continuation both carry its notes.
    assert_eq!(slides.iter().filter(|s| s["notes"].is_string()).count(), 7);
    assert!(
        slides
            .iter()
            .all(|s| s["fonts"] == serde_json::json!(["Noto Sans"])
                || s["fonts"].as_array().unwrap().is_empty())
    );
    assert!(slide_text(&slides[8]).contains("DONE"), "the outcome badge");

    // The same input gives the same bytes.
    let first = fs::read(dir.path().join("review.pptx")).unwrap();
    assert!(
        qreview(dir.path(), &["build", sample.to_str().unwrap(), "--format", "pptx", "-o", "again.pptx"])
            .status
            .success()
    );
    assert!(first == fs::read(dir.path().join("again.pptx")).unwrap(), "reproducible");
}

#[test]
fn a_continued_workflow_slide_opens_with_its_category() {
    // As in the PDF (tests/cli/build.rs): each slide of workflows starts with a category;
    // the sample's as many as the PDF's (its rows' heights are estimates: 60 workflows
    // can take a slide more than in the PDF).
    let dir = tempfile::tempdir().unwrap();
    for input in [sample(), fixture("long")] {
        let output = qreview(dir.path(), &["build", input.to_str().unwrap(), "-o", "deck.pptx"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let deck = read_back(&dir.path().join("deck.pptx"));
        let firsts: Vec<String> = deck["slides"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|slide| slide["title"].as_str().unwrap().contains("Core workflows"))
            .map(|slide| slide["tables"][0][1][0].as_str().unwrap().to_owned())
            .collect();
        assert!(
            firsts.len() >= 4 && firsts.iter().all(|first| !first.is_empty()),
            "{}: {firsts:?}",
            input.display()
        );
        if input == sample() {
            let pdf = pdf_pages_text(&build(&input, dir.path(), "deck.pdf"));
            assert_eq!(firsts.len(), pdf.iter().filter(|page| page.contains("Core workflows")).count());
            assert_eq!(firsts[1], "Service maintenance", "Release Engineering splits between its categories");
        }
    }
}

/// Converts `decks` in `dir` to PDF with LibreOffice Impress, into `dir/converted`, with a
/// profile of its own; `home`, if given, is Impress's home (its `.fonts` are its fonts).
fn impress_to_pdf(dir: &Path, decks: &[&str], home: Option<&Path>) {
    assert!(
        Path::new("/usr/bin/soffice").exists(),
        "this test needs LibreOffice Impress (.ci/run installs it)"
    );
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let mut command = Command::new("soffice");
    if let Some(home) = home {
        command.env("HOME", home);
    }
    let converted = command
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.join("converted"))
        .args(decks.iter().map(|deck| dir.join(deck)))
        .output()
        .expect("soffice runs");
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
}

#[test]
fn libreoffice_opens_every_slide_and_hostile_text_comes_out_literally() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let literal = fixture("literal");
    for (input, name) in [(sample.as_path(), "review.pptx"), (literal.as_path(), "literal.pptx")] {
        let output = qreview(dir.path(), &["build", input.to_str().unwrap(), "-o", name]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    impress_to_pdf(dir.path(), &["review.pptx", "literal.pptx"], None);
    let review = read_back(&dir.path().join("review.pptx"));
    let pages = pdf_pages_text(&dir.path().join("converted/review.pdf"));
    assert_eq!(pages.len(), review["slides"].as_array().unwrap().len(), "Impress shows every slide");
    let text = squeeze(&pages.join("\n"));
    for expected in [
        "OPERATIONS",
        "Objective: Encrypted PII",
        "99.979%",
        "544.14%",
        "Core workflows",
        "Mean time to merge",
    ] {
        assert!(text.contains(&squeeze(expected)), "`{expected}` in Impress's PDF");
    }

    let deck = read_back(&dir.path().join("literal.pptx"));
    let all: String =
        deck["slides"].as_array().unwrap().iter().map(slide_text).collect::<Vec<_>>().join("\n");
    for literal in [
        "Literal ]#[ $team$",
        "#panic(\"x\")",
        "$x^2$",
        "back\\slash and <b>not bold</b>",
        "@ref <lbl> and **unclosed",
        "#set text(size: 100pt)",
        "<script>alert(1)</script>",
        "#import \"/etc/passwd\"",
        "{{ braces }} #let x = 1",
        "bell\u{2407} escape\u{241b}[31m red? nul-free",
    ] {
        assert!(all.contains(literal), "`{literal}` is in the deck as written:\n{all}");
    }
    let links: Vec<&str> = deck["slides"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["links"].as_array().unwrap())
        .map(|l| l.as_str().unwrap())
        .collect();
    // Web addresses are links (the written one and the bare one), javascript: stays text.
    assert!(links.contains(&"https://example.org") && links.len() == 2, "{links:?}");
    assert!(links.iter().all(|link| link.starts_with("https://")), "{links:?}");
    assert!(all.contains("[link](javascript:alert(1)) and x"), "the javascript: link stays text: {all}");
    assert!(pdf_text(&dir.path().join("converted/literal.pdf")).contains("alert(1)"), "Impress opens it too");
}

#[test]
fn the_scorecards_headers_keep_their_words_whole_in_impress() {
    let dir = tempfile::tempdir().unwrap();
    build(&sample(), dir.path(), "review.pptx");
    // Impress is given the deck's font, Noto Sans (from the repository's fonts), through
    // a home of its own: without it, it shows a wider font and the widths say little.
    let home = dir.path().join("home");
    fs::create_dir_all(home.join(".fonts")).unwrap();
    for face in ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"] {
        fs::copy(root().join("fonts").join(face), home.join(".fonts").join(face)).unwrap();
    }
    impress_to_pdf(dir.path(), &["review.pptx"], Some(&home));
    let fonts = Command::new("pdffonts").arg(dir.path().join("converted/review.pdf")).output().unwrap();
    assert!(String::from_utf8_lossy(&fonts.stdout).contains("NotoSans-Bold"), "Impress used Noto Sans");
    let pages = pdf_pages_text(&dir.path().join("converted/review.pdf"));
    let scorecard = pages.iter().find(|page| page.contains("Scorecard")).expect("a scorecard slide");
    let words: Vec<&str> = scorecard.split_whitespace().collect();
    for header in ["Objectives", "Partial", "Missed", "Dropped", "Architecture"] {
        assert!(words.contains(&header), "`{header}` whole on the scorecard:\n{scorecard}");
    }
}

/// The words of `slides`' tables (as python-pptx reads them back) that `pages` (a
/// reader's text of the same slides) do not show whole. A word with a hyphen or a slash
/// in it may be broken after one, and is left out.
fn broken_words(slides: &serde_json::Value, pages: &[String]) -> Vec<String> {
    let mut broken = Vec::new();
    for (slide, page) in slides.as_array().unwrap().iter().zip(pages) {
        let cells = slide["tables"].as_array().unwrap().iter().flat_map(|table| {
            table.as_array().unwrap().iter().flat_map(|row| row.as_array().unwrap().iter())
        });
        for word in cells.flat_map(|cell| cell.as_str().unwrap().split_whitespace()) {
            if !word.contains(['-', '/']) && !page.contains(word) {
                broken.push(word.to_owned());
            }
        }
    }
    broken
}

#[test]
fn no_table_breaks_a_word_in_the_wider_font_impress_shows_without_noto_sans() {
    let dir = tempfile::tempdir().unwrap();
    build(&sample(), dir.path(), "review.pptx");
    let home = dir.path().join("home");
    fs::create_dir_all(&home).unwrap();
    impress_to_pdf(dir.path(), &["review.pptx"], Some(&home));
    let converted = dir.path().join("converted/review.pdf");
    let fonts = Command::new("pdffonts").arg(&converted).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.contains("DejaVuSans-Bold") && !fonts.contains("NotoSans"),
        "Impress stands DejaVu Sans in for Noto Sans here (fonts-dejavu-core, no Noto Sans):\n{fonts}"
    );
    let slides = read_back(&dir.path().join("review.pptx"))["slides"].clone();
    let pages = pdf_pages_text(&converted);
    assert_eq!(pages.len(), slides.as_array().unwrap().len());
    // The check sees a broken word: in the columns' shares alone, Impress broke
    // "Architecture", "Dropped", "Maintenance" and "Development" inside.
    let broken_page = [pages[2].replace("Architecture", "Architectur e")];
    assert_eq!(broken_words(&serde_json::json!([slides[2]]), &broken_page), ["Architecture"]);
    assert_eq!(broken_words(&slides, &pages), Vec::<String>::new());
}

#[test]
fn preview_and_batch_write_powerpoint_decks_too() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    let output = qreview(
        dir.path(),
        &["preview", sample.to_str().unwrap(), "--team", "operations", "--format", "pptx"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let team = read_back(&dir.path().join("operations.pptx"));
    assert_eq!(team["slides"].as_array().unwrap().len(), 8, "the team's slides only");
    let output = qreview(dir.path(), &["batch", sample.to_str().unwrap(), "-o", "decks", "--format", "pptx"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let names = file_names(&dir.path().join("decks"));
    assert_eq!(
        names,
        [
            "architecture.pptx",
            "operations.pptx",
            "release-engineering.pptx",
            "review.pptx",
            "security.pptx",
            "services.pptx"
        ]
    );
    assert_eq!(read_back(&dir.path().join("decks/review.pptx"))["slides"].as_array().unwrap().len(), 42);
    // A PowerPoint name with a PDF format, or PNG from build, is a usage error.
    let output = qreview(dir.path(), &["build", sample.to_str().unwrap(), "--format", "pdf", "-o", "x.pptx"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let output = qreview(dir.path(), &["build", sample.to_str().unwrap(), "--format", "png"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("build writes a PDF or a PowerPoint deck"), "{}", stderr(&output));
    for command in ["build", "batch"] {
        let output = qreview(
            dir.path(),
            &[
                command,
                sample.to_str().unwrap(),
                "-o",
                "x.pptx",
                "--format",
                "pptx",
                "--pdf-standard",
                "a-2b",
            ],
        );
        assert_eq!(output.status.code(), Some(2), "{command}: {}", stderr(&output));
        assert!(stderr(&output).contains("--pdf-standard applies to PDF decks"), "{}", stderr(&output));
    }
}
