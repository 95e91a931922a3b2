//! Speaker notes: the `.pdfpc` file beside each PDF (pdfpc's JSON, one entry per page,
//! a continued page with its slide's notes) and the handout (each slide with its notes
//! under it), read back.

use std::fs;

use crate::common::*;

/// The sample's illustrative notes, and a text on the slide each belongs to.
const NOTES: &[(&str, &str)] = &[
    ("Availability is read from the table further on", "OPERATIONS"),
    ("Say when **udp2log** was switched off", "Objective: Encrypted PII"),
    ("Start with out-of-band management", "Highlights"),
    ("Donors dipped a little during the December fundraiser", "Availability by audience"),
    ("The two spikes are the 1.26 release branches", "MediaWiki changes resident time"),
    ("Reactive work is most of the table", "Core workflows"),
];

fn pdfpc(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).expect("a .pdfpc beside the PDF")).expect("the .pdfpc is JSON")
}

#[test]
fn build_writes_each_pages_notes_beside_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&sample(), dir.path(), "review.pdf");
    let notes = pdfpc(&dir.path().join("review.pdfpc"));
    assert_eq!(notes["pdfpcFormat"], 2);
    let pages = pdf_pages_text(&pdf);
    let entries = notes["pages"].as_array().unwrap();
    assert_eq!(entries.len(), pages.len(), "one entry per page");
    let mut noted = 0;
    for (index, (entry, text)) in entries.iter().zip(&pages).enumerate() {
        assert_eq!(entry["idx"], index);
        assert_eq!(entry["label"], (index + 1).to_string());
        let Some(note) = entry["note"].as_str() else { continue };
        noted += 1;
        let (_, on) = NOTES
            .iter()
            .find(|(start, _)| note.starts_with(start))
            .unwrap_or_else(|| panic!("page {}: a note the sample does not have: {note}", index + 1));
        let continued = text.contains("(cont.)");
        assert!(
            text.contains(on) || continued,
            "page {}: `{note}` belongs to the slide with `{on}`:\n{text}",
            index + 1
        );
        if continued {
            assert_eq!(entries[index - 1]["note"], entry["note"], "a continued page has its slide's notes");
        }
    }
    // Each note once, and the workflow slide's twice: it continues onto a second page.
    assert_eq!(noted, NOTES.len() + 1, "{entries:?}");
}

#[test]
fn batch_writes_notes_beside_every_deck() {
    let dir = tempfile::tempdir().unwrap();
    let output = qreview(dir.path(), &["batch", sample().to_str().unwrap(), "-o", "decks"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for deck in ["review", "operations", "release-engineering", "services", "security", "architecture"] {
        let notes = pdfpc(&dir.path().join(format!("decks/{deck}.pdfpc")));
        let pages = pdf_pages_text(&dir.path().join(format!("decks/{deck}.pdf"))).len();
        assert_eq!(notes["pages"].as_array().unwrap().len(), pages, "{deck}");
    }
    let operations = pdfpc(&dir.path().join("decks/operations.pdfpc"));
    assert!(operations["pages"][0]["note"].as_str().unwrap().starts_with("Availability is read"));
}

#[test]
fn the_handout_has_every_slide_with_its_notes_on_the_paper_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let slides = pdf_pages_text(&build(&sample(), dir.path(), "review.pdf")).len();
    let sample = sample();
    let output = qreview(dir.path(), &["build", sample.to_str().unwrap(), "--handout"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let handout = dir.path().join("2015-16-q2-handout.pdf");
    let pages = pdf_pages_text(&handout);
    assert!(
        pages.len() > 1 && pages.len() * 2 < slides,
        "{} pages for {slides} slides: several to a page",
        pages.len()
    );
    let text = pages.join("\n");
    // Each slide's number and outline title, and the notes, their Markdown as type.
    for slide in ["1 · Quarterly review", "9 · Objective: Encrypted PII", "24 · (cont.)"] {
        assert!(text.contains(slide), "{slide}");
    }
    assert!(
        text.contains("Say when udp2log was switched off (mid-December)") && !text.contains("**"),
        "{text}"
    );
    assert_eq!(count_slides_in_handout(&text), slides);
    let info = |path: &std::path::Path| {
        String::from_utf8(std::process::Command::new("pdfinfo").arg(path).output().unwrap().stdout).unwrap()
    };
    assert!(info(&handout).contains("595.276 x 841.89 pts (A4)"), "{}", info(&handout));
    assert!(pdf_fonts(&handout).iter().any(|font| font.contains("NotoSans")), "the deck's fonts");
    // The deck's outline: an entry per slide (not per "(cont.)" page).
    let toc = load_pdf(&handout).get_toc().expect("the handout has an outline");
    let starts =
        pdf_pages_text(&dir.path().join("review.pdf")).iter().filter(|p| !p.contains("(cont.)")).count();
    assert_eq!(toc.toc.len(), starts, "{:#?}", toc.toc);
    assert!(toc.toc.iter().any(|entry| entry.title == "9 · Objective: Encrypted PII"), "{:#?}", toc.toc);

    let output = qreview(
        dir.path(),
        &["build", sample.to_str().unwrap(), "--handout", "--paper", "us-letter", "-o", "letter.pdf"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(info(&dir.path().join("letter.pdf")).contains("612 x 792 pts (letter)"));
}

/// How many slide captions (`N · title`) the handout's text has.
fn count_slides_in_handout(text: &str) -> usize {
    text.lines()
        .filter(|line| {
            line.split_once(" · ").is_some_and(|(number, _)| number.trim().parse::<usize>().is_ok())
        })
        .count()
}
