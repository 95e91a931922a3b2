//! Slides for a room: type sizes and the use of space, read back from the PDF.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

/// The sizes of the words on `page` whose text is `text`.
fn sizes_of(words: &[Word], page: usize, text: &str) -> Vec<f64> {
    words.iter().filter(|word| word.page == page && word.text == text).map(|word| word.size).collect()
}

fn near(size: f64, wanted: f64) -> bool {
    (size - wanted).abs() < 0.3
}

#[test]
fn the_sample_is_set_in_type_sized_for_a_room() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&sample(), dir.path(), "review.pdf");
    let words = pdf_words(&pdf);
    let pages = pdf_pages_text(&pdf);
    let page_of = |text: &str| pages.iter().position(|page| page.contains(text)).unwrap() + 1;

    // Titles over subtitles; the cover and a team's title slide larger still.
    let objective = page_of("Objective: Prepare WikiDev");
    assert!(sizes_of(&words, objective, "Architecture").iter().all(|s| near(*s, 28.0)), "title 28 pt");
    assert!(sizes_of(&words, objective, "Objective:").iter().all(|s| near(*s, 18.0)), "subtitle 18 pt");
    assert!(sizes_of(&words, 1, "Quarterly").iter().any(|s| near(*s, 50.0)), "cover title 50 pt");
    let team_title = page_of("Approximate team size during this quarter"); // the first team's
    assert!(sizes_of(&words, team_title, "ARCHITECTURE").iter().any(|s| near(*s, 40.0)), "team name 40 pt");

    // Nothing under 10 pt but the licence small print, at 9 pt.
    let footer = "All content of these slides is (c) Wikimedia Foundation and available under a CC BY-SA 3.0 license, unless noted otherwise.";
    for word in &words {
        if word.size < 9.95 {
            assert!(footer.split(' ').any(|w| w == word.text) && word.size > 8.9, "{word:?} is under 10 pt");
        }
    }

    // Body text 14 to 18 pt, table text 12 to 14 pt: every word of the highlights and
    // of the objective tables.
    let highlights = page_of("Highlights");
    let body: Vec<f64> = words
        .iter()
        .filter(|w| w.page == highlights && w.bottom > 0.25 && w.bottom < 0.9)
        .map(|w| w.size)
        .collect();
    assert!(!body.is_empty() && body.iter().all(|s| (13.9..=18.1).contains(s)), "highlights: {body:?}");
    // The status badge is as large as the text around it.
    for badge in ["DONE", "PARTIAL", "MISSED", "DROPPED"] {
        for word in words.iter().filter(|w| w.text == badge) {
            let status = sizes_of(&words, word.page, "Status");
            assert!(
                status.iter().all(|s| word.size >= s - 0.3),
                "{badge} on slide {}: {} against {status:?}",
                word.page,
                word.size
            );
            assert!(word.size >= 11.9, "{badge} {}", word.size);
        }
    }

    // Slides use their space: the median slide's lowest line of content (above the
    // footer) is at 65% of the height or lower.
    let mut lowest = vec![0.0f64; pages.len()];
    for word in words.iter().filter(|w| w.bottom < 0.92) {
        lowest[word.page - 1] = lowest[word.page - 1].max(word.bottom);
    }
    lowest.sort_by(f64::total_cmp);
    let median = lowest[lowest.len() / 2];
    assert!(median >= 0.65, "median lowest line at {median:.2}");

    // A Latin deck embeds no CJK face: the minus sign comes from the Noto family.
    let fonts = pdf_fonts(&pdf);
    assert!(fonts.iter().all(|font| !font.contains("WenQuanYi")), "{fonts:?}");
    assert!(fonts.iter().any(|font| font.ends_with("NotoSansMath-Regular")), "{fonts:?}");
}

/// A review of one team whose highlights are `items`.
fn highlights(dir: &Path, items: &[String]) -> PathBuf {
    fs::create_dir_all(dir.join("teams")).unwrap();
    fs::write(dir.join("review.yaml"), "title: Review\nquarter: 2015/16 Q2\nteams: [teams/a.yaml]\n")
        .unwrap();
    let list: String = items.iter().map(|item| format!("  - {item}\n")).collect();
    fs::write(dir.join("teams/a.yaml"), format!("team: A\nhighlights:\n{list}")).unwrap();
    dir.to_path_buf()
}

/// The sizes of the highlights' words, and the number of pages they take.
fn highlight_sizes(dir: &Path, items: &[String]) -> (Vec<f64>, usize) {
    let review = highlights(&dir.join("in"), items);
    let pdf = build(&review, dir, "deck.pdf");
    let pages = pdf_pages_text(&pdf);
    let first = pages.iter().position(|page| page.contains("Highlights")).unwrap() + 1;
    let count = pages.len() - first + 1;
    let sizes = pdf_words(&pdf)
        .into_iter()
        .filter(|w| w.page >= first && w.text.starts_with("word"))
        .map(|w| (w.size * 10.0).round() / 10.0)
        .collect();
    (sizes, count)
}

#[test]
fn autofit_keeps_short_content_large_and_shrinks_long_content_to_the_floor_then_continues() {
    let item =
        |n: usize, words: usize| (0..words).map(|w| format!("word{n}x{w}")).collect::<Vec<_>>().join(" ");
    let dir = tempfile::tempdir().unwrap();

    // One line per item at 18 pt; ten lines fit a slide at 18 pt, sixteen at 14 pt.
    let (short, pages) =
        highlight_sizes(&dir.path().join("short"), &(0..3).map(|n| item(n, 4)).collect::<Vec<_>>());
    assert!(short.iter().all(|s| near(*s, 18.0)) && pages == 1, "short: {short:?}, {pages} page(s)");

    // A little more than a slide holds at 18 pt: set smaller, on one slide.
    let (medium, pages) =
        highlight_sizes(&dir.path().join("medium"), &(0..13).map(|n| item(n, 8)).collect::<Vec<_>>());
    let size = medium[0];
    assert!(size < 17.9 && size > 14.1, "medium is shrunk, not to the floor: {size}");
    assert!(medium.iter().all(|s| near(*s, size)) && pages == 1, "medium: one size, one slide ({pages})");

    let (long, pages) =
        highlight_sizes(&dir.path().join("long"), &(0..40).map(|n| item(n, 8)).collect::<Vec<_>>());
    assert!(long.iter().all(|s| near(*s, 14.0)), "long content is at the floor: {long:?}");
    assert!(pages >= 2, "and continues: {pages} pages");

    // The same input chooses the same sizes.
    let (again, _) =
        highlight_sizes(&dir.path().join("again"), &(0..13).map(|n| item(n, 8)).collect::<Vec<_>>());
    assert_eq!(again, medium);
}

/// A review of one team whose core workflows are `comments`, one row each.
fn workflows(dir: &Path, comments: &[String]) -> PathBuf {
    fs::create_dir_all(dir.join("teams")).unwrap();
    fs::write(dir.join("review.yaml"), "title: Review\nquarter: 2015/16 Q2\nteams: [teams/a.yaml]\n")
        .unwrap();
    let items: String = comments
        .iter()
        .enumerate()
        .map(|(n, comment)| {
            format!("      - workflow: Workflow {n}\n        comments: {comment}\n        type: M\n")
        })
        .collect();
    fs::write(
        dir.join("teams/a.yaml"),
        format!("team: A\nworkflows:\n  - category: Work\n    items:\n{items}"),
    )
    .unwrap();
    dir.to_path_buf()
}

#[test]
fn a_workflow_row_that_fits_a_slide_is_never_split_over_two_and_a_longer_one_still_breaks() {
    // In the sample, both tables of core workflows run over: the row that does not fit
    // moves whole onto the "(cont.)" slide, with its workflow's name.
    let dir = tempfile::tempdir().unwrap();
    let pages = pdf_pages_text(&build(&sample(), dir.path(), "review.pdf"));
    for (workflow, first, last) in [
        ("MediaWiki + SWAT", "Daily SWAT deployments", "rolling responsibility"),
        ("Cassandra / service", "Expanded Cassandra capacity", "Approx effort: 1 FTE"),
    ] {
        let page = pages.iter().position(|page| page.contains(first)).expect(first);
        assert!(pages[page].contains(workflow) && pages[page].contains(last), "{workflow}: one slide");
        assert!(pages[page].contains("(cont.)"), "{workflow}: on the continued slide");
    }

    // Rows of a few lines each, then one longer than a slide.
    let words = |n: usize, count: usize| (0..count).map(|w| format!("row{n}x{w}")).collect::<Vec<_>>();
    let mut comments: Vec<String> = (0..14).map(|n| words(n, 24).join(" ")).collect();
    comments.push(words(14, 700).join(" "));
    let review = workflows(&dir.path().join("in"), &comments);
    let (pdf, messages) = build_reporting(&review, dir.path(), "deck.pdf");
    assert!(!messages.contains("runs off"), "{messages}");
    let found = pdf_words(&pdf);
    let pages_of = |n: usize| {
        let prefix = format!("row{n}x");
        let mut pages: Vec<usize> =
            found.iter().filter(|w| w.text.starts_with(&prefix)).map(|w| w.page).collect();
        pages.dedup();
        pages
    };
    let spread: Vec<usize> = (0..14).map(|n| pages_of(n).len()).collect();
    assert!(spread.iter().all(|pages| *pages == 1), "every short row on one slide: {spread:?}");
    assert!(pages_of(0) != pages_of(13), "the short rows take more than one slide");
    let long = found.iter().filter(|w| w.text.starts_with("row14x")).count();
    assert_eq!(long, 700, "the long row keeps every word");
    assert!(pages_of(14).len() > 1, "the long row breaks over slides");
}

#[test]
fn the_scorecards_columns_and_legend_keep_apart_and_together() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&sample(), dir.path(), "review.pdf");
    let pages = pdf_pages_text(&pdf);
    let scorecard = pages.iter().position(|page| page.contains("objectives done, against")).unwrap() + 1;
    let words: Vec<Word> = pdf_words(&pdf).into_iter().filter(|word| word.page == scorecard).collect();
    let same_line = |a: &Word, b: &Word| (a.bottom - b.bottom).abs() < 0.01;

    // Each bar's label ("−50 pts") ends well before the next column's figure: with the
    // bars centred in their column, the longest ended 1.6 mm from it and read as one.
    let labels: Vec<&Word> = words.iter().filter(|word| word.text == "pts").collect();
    assert_eq!(labels.len(), 5, "one label a team");
    for label in labels {
        let next = words
            .iter()
            .filter(|word| same_line(word, label) && word.left > label.right)
            .min_by(|a, b| a.left.total_cmp(&b.left))
            .expect("the KPI counts follow the label");
        let gap_mm = (next.left - label.right) * 25.4 / 72.0;
        assert!(gap_mm >= 4.0, "`pts` {gap_mm:.1} mm from `{}`", next.text);
    }

    // The time split's legend is one line beside its bar (its last entry had wrapped
    // alone under the bar): the legend's entries are each category's last mention.
    let legend: Vec<&Word> = ["strengthen", "focus", "experiment", "maintenance"]
        .iter()
        .map(|category| words.iter().rfind(|word| word.text == *category).expect("a legend entry"))
        .collect();
    assert!(legend.windows(2).all(|pair| same_line(pair[0], pair[1])), "{legend:?}");
    assert!(legend.windows(2).all(|pair| pair[0].right < pair[1].left), "{legend:?}");
}

#[test]
fn no_two_words_of_the_samples_slides_touch() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&sample(), dir.path(), "review.pdf");
    let mut words = pdf_words(&pdf);
    // Words on one baseline, left to right: a table's columns too. The narrowest space
    // in the deck is the small print's, 2.3 pt; the time allocation's "Maintenance", in
    // its column's share alone, overlapped "Diff" beside it by 4 pt.
    words.sort_by(|a, b| (a.page, a.bottom).partial_cmp(&(b.page, b.bottom)).unwrap());
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for word in &words {
        match lines.last_mut() {
            Some(line) if line[0].page == word.page && (word.bottom - line[0].bottom).abs() < 0.001 => {
                line.push(word)
            }
            _ => lines.push(vec![word]),
        }
    }
    let mut touching = Vec::new();
    for line in &mut lines {
        line.sort_by(|a, b| a.left.total_cmp(&b.left));
        for pair in line.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if b.left - a.right < 1.5 {
                touching.push(format!(
                    "slide {}: `{}` {:.1} pt from `{}`",
                    a.page,
                    a.text,
                    b.left - a.right,
                    b.text
                ));
            }
        }
    }
    assert!(lines.len() > 500, "{} lines", lines.len());
    assert!(touching.is_empty(), "{}", touching.join("\n"));
}
