//! Checks on the typeset pages: characters no font could draw, and text that runs off
//! its slide. A hand-made deck hides both; qreview says so.

use std::collections::BTreeSet;

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// The characters typeset with the "missing glyph" box, in code-point order.
pub(crate) fn missing_glyphs(document: &PagedDocument) -> Vec<char> {
    let mut missing = BTreeSet::new();
    for page in document.pages() {
        visit(&page.frame, Transform::identity(), &mut |item, _| {
            for glyph in item.glyphs.iter().filter(|glyph| glyph.id == 0) {
                let chars = item.text.get(glyph.range()).unwrap_or_default().chars();
                missing.extend(chars.filter(|c| !c.is_whitespace() && !c.is_control()));
            }
        });
    }
    missing.into_iter().collect()
}

/// Text that lies (partly) outside its page: the 1-based page and the start of the text.
pub(crate) fn text_off_page(document: &PagedDocument) -> Vec<(usize, String)> {
    // Rounding in layout can leave a glyph a hair past the edge.
    let tolerance = Abs::pt(1.0);
    let mut found = Vec::new();
    for (index, page) in document.pages().iter().enumerate() {
        let size = page.frame.size();
        let mut first = None;
        visit(&page.frame, Transform::identity(), &mut |item, ts| {
            let start = Point::zero().transform(ts);
            let end = Point::with_x(item.width()).transform(ts);
            let outside = start.x < -tolerance
                || end.x > size.x + tolerance
                || start.y < -tolerance
                || start.y > size.y + tolerance;
            if outside && first.is_none() {
                first = Some(item.text.chars().take(40).collect::<String>());
            }
        });
        if let Some(text) = first {
            found.push((index + 1, text));
        }
    }
    found
}

/// Calls `on_text` for every text run with the transform from its origin to the page.
/// Text that a clipped group cuts away (its start lies outside the clip) is not on the
/// slide, so it is not visited.
fn visit(frame: &Frame, ts: Transform, on_text: &mut dyn FnMut(&typst::text::TextItem, Transform)) {
    visit_clipped(frame, ts, None, on_text);
}

/// [`visit`] within `clip`, a rectangle of the page (top left and bottom right corners).
fn visit_clipped(
    frame: &Frame,
    ts: Transform,
    clip: Option<(Point, Point)>,
    on_text: &mut dyn FnMut(&typst::text::TextItem, Transform),
) {
    for (pos, item) in frame.items() {
        let item_ts = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => {
                let group_ts = item_ts.pre_concat(group.transform);
                let clip = match &group.clip {
                    Some(_) => {
                        let (a, b) = (
                            Point::zero().transform(group_ts),
                            group.frame.size().to_point().transform(group_ts),
                        );
                        let own =
                            (Point::new(a.x.min(b.x), a.y.min(b.y)), Point::new(a.x.max(b.x), a.y.max(b.y)));
                        Some(match clip {
                            Some((low, high)) => (low.max(own.0), high.min(own.1)),
                            None => own,
                        })
                    }
                    None => clip,
                };
                visit_clipped(&group.frame, group_ts, clip, on_text);
            }
            FrameItem::Text(text) => {
                let start = Point::zero().transform(item_ts);
                let cut = clip.is_some_and(|(low, high)| {
                    start.x < low.x || start.y < low.y || start.x > high.x || start.y > high.y
                });
                if !cut {
                    on_text(text, item_ts);
                }
            }
            _ => {}
        }
    }
}
