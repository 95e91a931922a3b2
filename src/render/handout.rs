//! A handout of a typeset deck: its slides as pictures, each with its speaker notes
//! under it, on A4 or US Letter pages, for printing or reading before the meeting.
//! Typeset by `handout.typ` with the deck's fonts; the slides are the deck's own pages
//! as SVG, so they look exactly as in its PDF.

use serde::Serialize;
use typst::foundations::NativeElement;
use typst::model::HeadingElem;
use typst_layout::PagedDocument;

use crate::markup::{self, Rich};

/// The handout's paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Paper {
    /// ISO A4, 210 × 297 mm
    A4,
    /// US Letter, 8.5 × 11 in
    UsLetter,
}

/// The handout's entry point, served as a data file (a layout may have no handout).
pub(super) const MAIN: &str = "qreview-handout.typ";
const SOURCE: &str = include_str!("handout.typ");

#[derive(Serialize)]
struct HandoutJson {
    title: String,
    subtitle: String,
    paper: &'static str,
    slides: Vec<SlideJson>,
}

#[derive(Serialize)]
struct SlideJson {
    number: usize,
    image: String,
    /// The slide's outline entry, on the first page of a slide.
    heading: Option<String>,
    notes: Option<Rich>,
}

/// The files of the handout's world: its source, its data and a picture per slide.
pub(super) fn files(
    deck: &PagedDocument,
    svgs: Vec<String>,
    notes: Vec<Option<String>>,
    title: String,
    subtitle: String,
    paper: Paper,
) -> Vec<(String, Vec<u8>)> {
    let headings = slide_headings(deck);
    let mut files = vec![(format!("/{MAIN}"), SOURCE.as_bytes().to_vec())];
    let mut slides = Vec::new();
    for (index, (svg, notes)) in svgs.into_iter().zip(notes).enumerate() {
        let image = format!("/slides/{:04}.svg", index + 1);
        files.push((image.clone(), svg.into_bytes()));
        slides.push(SlideJson {
            number: index + 1,
            image,
            heading: headings.get(index).cloned().flatten(),
            notes: notes.as_deref().map(markup::parse),
        });
    }
    let paper = match paper {
        Paper::A4 => "a4",
        Paper::UsLetter => "us-letter",
    };
    let data = HandoutJson { title, subtitle, paper, slides };
    files.push(("/handout.json".to_owned(), serde_json::to_vec(&data).expect("the handout serialises")));
    files
}

/// Per page, the text of the first heading on it: the deck's outline entry of the
/// slide that starts there.
fn slide_headings(deck: &PagedDocument) -> Vec<Option<String>> {
    let introspector = deck.introspector();
    let mut headings = vec![None; deck.pages().len()];
    for heading in introspector.elements().query(&HeadingElem::ELEM.select()) {
        let Some(position) = heading.location().and_then(|location| introspector.position(location)) else {
            continue;
        };
        let page = position.page.get() - 1;
        if let Some(slot) = headings.get_mut(page).filter(|slot| slot.is_none()) {
            let text = heading
                .to_packed::<HeadingElem>()
                .map_or_else(|| heading.plain_text(), |h| h.body.plain_text());
            *slot = Some(text.trim().to_owned());
        }
    }
    headings
}
