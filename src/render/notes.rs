//! Speaker notes, page by page, read back from a typeset deck: the layout puts a slide's
//! notes in the labelled `metadata` that starts it (docs/layout.md, "Speaker notes"), and
//! a page that continues a slide has that slide's notes. Then the `.pdfpc` file, the
//! presenter outputs' common format.

use serde::Serialize;
use typst::foundations::{Str, Value};
use typst_layout::PagedDocument;

use super::slides::slide_start;

/// Each page's notes, in page order.
pub(super) fn page_notes(document: &PagedDocument) -> Vec<Option<String>> {
    let mut current = None;
    document
        .pages()
        .iter()
        .map(|page| {
            if let Some(value) = slide_start(&page.frame) {
                current = notes_of(&value);
            }
            current.clone()
        })
        .collect()
}

fn notes_of(value: &Value) -> Option<String> {
    let Value::Dict(dict) = value else { return None };
    dict.get("notes").ok()?.clone().cast::<Str>().ok().map(|notes| notes.to_string())
}

/// A `.pdfpc` file (pdfpc's JSON, format 2) of a deck with these notes per page.
pub(super) fn pdfpc(notes: &[Option<String>]) -> Vec<u8> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Pdfpc<'a> {
        pdfpc_format: u8,
        pages: Vec<PdfpcPage<'a>>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct PdfpcPage<'a> {
        idx: usize,
        label: String,
        overlay: usize,
        forced_overlay: bool,
        hidden: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'a str>,
    }
    let pages = notes
        .iter()
        .enumerate()
        .map(|(idx, note)| PdfpcPage {
            idx,
            // Every page is a slide of its own, numbered as the deck numbers it.
            label: (idx + 1).to_string(),
            overlay: 0,
            forced_overlay: false,
            hidden: false,
            note: note.as_deref(),
        })
        .collect();
    let mut json =
        serde_json::to_vec_pretty(&Pdfpc { pdfpc_format: 2, pages }).expect("notes serialise to JSON");
    json.push(b'\n');
    json
}
