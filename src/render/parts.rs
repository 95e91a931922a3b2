//! Decks typeset in parts: the front matter and each team's slides are compiled on
//! their own, possibly in parallel, then put together, with the page marks laid over.
//!
//! A whole review compiled in one piece redoes every team's layout, and in `batch` a
//! team's slides would be laid out twice, for its own deck and for the review. In parts,
//! the same laid-out slides serve both, each part is small enough to compile in parallel
//! with the others, and a part needs no page counter or other introspection: its marks
//! come last, so it lays out in one pass.

use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use typst::introspection::{Location, Tag};
use typst::layout::{Frame, FrameItem, Point};
use typst::model::{Destination, Document, DocumentInfo};
use typst::utils::hash128;
use typst_layout::{Page, PagedDocument};

use super::slides::slide_start;

/// A typeset part's pages, without its document's index of elements (the deck builds
/// its own once the parts are put together): a long review holds hundreds of parts at
/// once, and those indexes were a good share of its memory.
#[derive(Clone)]
pub(crate) struct PartPages {
    pages: Vec<Page>,
    info: DocumentInfo,
}

impl From<PagedDocument> for PartPages {
    fn from(document: PagedDocument) -> Self {
        PartPages { pages: document.pages().to_vec(), info: document.info().clone() }
    }
}

impl PartPages {
    pub(crate) fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// The part as a document of its own.
    pub(crate) fn into_document(self) -> PagedDocument {
        PagedDocument::new(self.pages.into(), self.info)
    }
}

/// Puts parts together into one deck: their pages in order, each with its marks from
/// `marks` (see [`Marks`]): the slide number, and "(cont.)" on a page that does not
/// start a slide.
///
/// Typst names every element with a `Location` that is unique within one compilation,
/// but not across them: a team part's "Quarterly review" line gets the same location as
/// the cover's, and two teams' identical table headers share theirs. In one PDF, links,
/// the outline and the tagged structure would mix such elements up, so every part but
/// the first has its locations moved, consistently within the part, to new ones.
///
/// The parts are taken: a page that nothing else holds (neither Typst's cache nor a
/// caller) is marked and moved where it is, not copied.
pub(crate) fn assemble(parts: Vec<PartPages>, marks: &PartPages) -> PagedDocument {
    let firsts: Vec<usize> = parts
        .iter()
        .scan(1, |next, part| {
            let first = *next;
            *next += part.pages().len();
            Some(first)
        })
        .collect();
    let info = parts.first().map(|part| part.info.clone()).unwrap_or_default();
    // Parts are independent here: a long review's are moved in parallel.
    let pages: Vec<Vec<Page>> = parts
        .into_par_iter()
        .zip(firsts)
        .enumerate()
        .map(|(part_index, (part, first))| {
            // A mark laid over several pages (the "(cont.)" mark) gets locations of its
            // own on each: the deck's page `number` moves them.
            let mark = |index: usize, number: usize| {
                let mut mark = marks.pages().get(index).map(|page| page.frame.clone())?;
                relocate(&mut mark, usize::MAX - number);
                Some(mark)
            };
            part.pages
                .into_iter()
                .zip(first..)
                .map(|(mut page, number)| {
                    if part_index > 0 {
                        relocate(&mut page.frame, part_index);
                    }
                    let continued = if slide_start(&page.frame).is_some() { None } else { mark(0, number) };
                    for mark in continued.into_iter().chain(mark(number, number)) {
                        page.frame.push_frame(Point::zero(), mark);
                    }
                    page.number = number as u64;
                    page
                })
                .collect()
        })
        .collect();
    PagedDocument::new(pages.into_iter().flatten().collect(), info)
}

/// Moves every location in `frame` to one derived from it and `part`: where elements
/// start and end, the logical parents of groups, links to elements.
fn relocate(frame: &mut Frame, part: usize) {
    let moved = |location: Location| Location::new(hash128(&(location.hash(), part)));
    frame.retain(|item| {
        match item {
            FrameItem::Group(group) => {
                if let Some(parent) = &mut group.parent {
                    parent.location = moved(parent.location);
                }
                relocate(&mut group.frame, part);
            }
            FrameItem::Tag(Tag::Start(element, _)) => {
                if let Some(location) = element.location() {
                    element.set_location(moved(location));
                }
            }
            FrameItem::Tag(Tag::End(location, ..)) => *location = moved(*location),
            FrameItem::Link(Destination::Location(location), _) => *location = moved(*location),
            FrameItem::Link(..) | FrameItem::Text(_) | FrameItem::Shape(..) | FrameItem::Image(..) => {}
        }
        true
    });
}

/// The layout's page marks (`marks.typ`), typeset once for the whole run: page 0 is the
/// "(cont.)" mark, page n the number n, the same in every deck.
#[derive(Default)]
pub(crate) struct Marks {
    typeset: Mutex<Option<Arc<PartPages>>>,
}

impl Marks {
    /// The marks of a deck of `count` pages; `typeset(n)` makes them for n pages when
    /// there are too few, and its failure is passed on.
    pub(crate) fn get<E>(
        &self,
        count: usize,
        typeset: impl FnOnce(usize) -> Result<PagedDocument, E>,
    ) -> Result<Arc<PartPages>, E> {
        let cached = self.cached();
        if let Some(marks) = cached.as_ref().filter(|marks| numbered(marks) >= count) {
            return Ok(marks.clone());
        }
        // Typeset with no lock held: a job with enough marks must not wait for a longer
        // deck's, and the compile may run other jobs of the pool (Typst works in
        // parallel), which would deadlock on a held lock. Two jobs may so typeset at
        // once, rarely; the longer marks are kept. They grow by doubling, so that a
        // batch typesets them a few times, not once per deck.
        let have = cached.as_ref().map_or(0, |marks| numbered(marks));
        let marks = Arc::new(PartPages::from(typeset(count.max(have * 2).max(16))?));
        let mut cached = self.typeset.lock().expect("page marks lock");
        if cached.as_ref().is_none_or(|kept| numbered(kept) < numbered(&marks)) {
            *cached = Some(marks.clone());
        }
        Ok(marks)
    }

    fn cached(&self) -> Option<Arc<PartPages>> {
        self.typeset.lock().expect("page marks lock").clone()
    }

    /// Forgets them: the layout changed.
    pub(crate) fn clear(&self) {
        *self.typeset.lock().expect("page marks lock") = None;
    }
}

/// How many pages the marks number: all but page 0, the "(cont.)" mark.
fn numbered(marks: &PartPages) -> usize {
    marks.pages().len().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use typst::foundations::{Content, Smart};
    use typst::layout::{Abs, Sides, Size};
    use typst::model::DocumentInfo;

    use super::*;

    /// Stand-in marks: `pages` blank pages.
    fn blank(pages: usize) -> PagedDocument {
        let page = || Page {
            frame: Frame::soft(Size::zero()),
            bleed: Sides::splat(Abs::zero()),
            fill: Smart::Auto,
            numbering: None,
            supplement: Content::empty(),
            number: 1,
        };
        PagedDocument::new((0..pages).map(|_| page()).collect(), DocumentInfo::default())
    }

    #[test]
    fn marks_are_typeset_again_only_when_too_few() {
        let marks = Marks::default();
        let typeset = RefCell::new(Vec::new());
        let get = |count| {
            let numbered = marks.get(count, |n: usize| {
                typeset.borrow_mut().push(n);
                Ok::<_, ()>(blank(n + 1))
            });
            numbered.unwrap().pages().len() - 1
        };
        assert_eq!(get(3), 16, "at least 16 at first");
        assert_eq!(get(16), 16, "enough: kept");
        assert_eq!(get(17), 32, "too few: doubled");
        assert_eq!(get(100), 100, "more than double: as many as asked");
        assert_eq!(get(5), 100, "the longest are kept");
        assert_eq!(typeset.into_inner(), vec![16, 32, 100], "typeset three times");
    }

    #[test]
    fn marks_typeset_while_typesetting_marks_do_not_deadlock() {
        // Typst's compile may run another job of the pool on the same thread, and that
        // job may need marks too.
        let marks = Marks::default();
        let outer = marks.get(40, |n| {
            let inner = marks.get(5, |m| Ok::<_, ()>(blank(m + 1))).unwrap();
            assert_eq!(inner.pages().len(), 17);
            Ok::<_, ()>(blank(n + 1))
        });
        assert_eq!(outer.unwrap().pages().len(), 41);
        assert_eq!(marks.get(30, |_| Err(())).unwrap().pages().len(), 41, "the longer marks are kept");
    }
}
