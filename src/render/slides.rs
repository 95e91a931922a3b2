//! The slides of a typeset deck, as the layout marks them: a slide starts on the page
//! that holds a labelled `metadata` (docs/layout.md, "Parts and marks"), whose value is
//! the slide's id, or a dictionary with its `id` and `notes`; a page without one
//! continues the slide before it.

use typst::foundations::{Str, Value};
use typst::introspection::{MetadataElem, Tag};
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

/// The value of the labelled metadata that starts a slide on this page, if one does.
pub(super) fn slide_start(frame: &Frame) -> Option<Value> {
    frame.items().find_map(|(_, item)| match item {
        FrameItem::Group(group) => slide_start(&group.frame),
        FrameItem::Tag(Tag::Start(element, _)) if element.label().is_some() => {
            element.to_packed::<MetadataElem>().map(|metadata| metadata.value.clone())
        }
        _ => None,
    })
}

/// The ids of the slides whose content runs onto a further page, in page order.
pub(super) fn continued(document: &PagedDocument) -> Vec<String> {
    let mut current: Option<String> = None;
    let mut found: Vec<String> = Vec::new();
    for page in document.pages() {
        match slide_start(&page.frame) {
            Some(value) => current = id_of(&value),
            None => {
                if let Some(id) = &current
                    && found.last() != Some(id)
                {
                    found.push(id.clone());
                }
            }
        }
    }
    found
}

fn id_of(value: &Value) -> Option<String> {
    let id = match value {
        Value::Dict(dict) => dict.get("id").ok()?.clone(),
        other => other.clone(),
    };
    id.cast::<Str>().ok().map(|id| id.to_string())
}
