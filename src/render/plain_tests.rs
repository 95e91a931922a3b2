//! The layout measures a workflow category's rows as a plain grid of plain text (`plain:
//! true` of `data-table` and `rich`), which Typst need not locate, to decide whether they
//! stay on one slide; here a plain row and the real one are measured side by side and
//! must take the same room, or rows would be kept together that do not fit, or split that
//! do.

use typst::foundations::{NativeElement, Value};
use typst::introspection::MetadataElem;
use typst_layout::PagedDocument;

use super::fonts;
use super::layout::Layout;
use super::world::ReviewWorld;
use crate::markup;

/// Measures every row of `/data/rows.json` both ways at the first and the smallest table
/// size, at the width of a slide's body, with the deck's own text settings (`deck-text`,
/// which `main.typ` applies), and leaves the heights as metadata, plain then real.
const CHECK: &str = r#"
#import "theme.typ": *
#import "rich.typ": rich
#import "slides.typ": data-table, body-width
#show: deck-text
#for size in (fit-steps.first().table, fit-steps.last().table) {
  set text(size: size)
  for comments in json("/data/rows.json") {
    let row(plain) = data-table(
      columns: (1fr, 1.2fr, 2.6fr, auto),
      header: ("Category", "Workflow", "Comments", "Type"),
      plain: plain,
      text(weight: "bold", "Continuous Integration / Test maintenance"),
      "MediaWiki Selenium (automated browser tests library)",
      rich(comments, plain: plain),
      align(center, text(weight: "bold", "R")),
    )
    context metadata((
      measure(block(width: body-width, row(true))).height.pt(),
      measure(block(width: body-width, row(false))).height.pt(),
    ))
  }
}
"#;

/// Comments as team leads write them: every inline style, paragraphs and lists in
/// either order, lines of one word, a pasted hash, other scripts.
const COMMENTS: &[&str] = &[
    "Updating libraries, removing unused tests, etc",
    "Changes to our CI configuration to enable/disable tests in a repository, etc\n- 215 config change requests closed by RelEng members in Q2\n- 610 total\nMigrating repos to CI test entry point thanks to volunteers help (eg: Paladox)",
    "3 releases in Q2\n- https://rubygems.org/gems/mediawiki_selenium/versions",
    "**Bold** and *italic*, `code`, ~~struck~~ and [a link](https://example.org/a/long/path) in one line that wraps over several lines of the comments column",
    "- first item, long enough to wrap onto a second line of the column of comments\n- **second** item\n- *third*\n\nA paragraph after the list.\n\nAnd another one.",
    "A\nB\nC\nD\nE\nF",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "中文的评论，足够长，可以换行到第二行，甚至第三行。中文的评论，足够长，可以换行。",
    "تعليق باللغة العربية طويل بما يكفي ليلتف على سطر ثان في عمود التعليقات",
];

#[test]
fn a_plain_row_takes_the_room_of_the_real_one() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in Layout::Embedded.all_files().unwrap() {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    std::fs::write(dir.path().join("check.typ"), CHECK).unwrap();
    let mut comments: Vec<String> = COMMENTS.iter().map(|text| (*text).to_owned()).collect();
    // Ten, sixty and four hundred words: the last is taller than a slide.
    comments.extend([10, 60, 400].map(|words| vec!["deployment"; words].join(" ")));
    let rows: Vec<markup::Rich> = comments.iter().map(|text| markup::parse(text)).collect();
    let data = vec![("/data/rows.json".to_owned(), serde_json::to_vec(&rows).unwrap())];
    let layout = Layout::folder(dir.path()).unwrap();
    let world = ReviewWorld::starting_at(layout, fonts::embedded(), data, None, "check.typ");
    let document = typst::compile::<PagedDocument>(&world).output.expect("the check typesets");

    let heights: Vec<(f64, f64)> = document
        .introspector()
        .elements()
        .query(&MetadataElem::ELEM.select())
        .iter()
        .map(|element| {
            let value = element.to_packed::<MetadataElem>().unwrap().value.clone();
            let Value::Array(pair) = value else { panic!("a pair of heights: {value:?}") };
            let height = |i: usize| pair.at(i as i64, None).unwrap().cast::<f64>().unwrap();
            (height(0), height(1))
        })
        .collect();
    assert_eq!(heights.len(), 2 * comments.len(), "every row measured at both sizes");
    let tallest = heights.iter().map(|(_, real)| *real).fold(0.0, f64::max);
    assert!(tallest > 400.0, "the longest comment is taller than a slide: {tallest} pt");
    for ((plain, real), comment) in heights.iter().zip(comments.iter().cycle()) {
        assert!((plain - real).abs() < 0.01, "plain {plain} pt, real {real} pt: {comment:?}");
    }
}
