//! The slides of a typeset deck, as the layout marks them: a slide starts on the page
//! that holds a labelled `metadata` (docs/layout.md, "Parts and marks"), whose value is
//! the slide's id, or a dictionary with its `id` and `notes`; a page without one
//! continues the slide before it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use typst::foundations::{Smart, Str, Value};
use typst::introspection::{Location, MetadataElem, Tag};
use typst::layout::{Frame, FrameItem};
use typst::model::TableCell;
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

/// For each of the slides `ids`, the rows of its tables (numbered as Typst numbers them,
/// the header row 0) every cell of which lies on one page: such a row, set smaller,
/// still fits a page (docs/layout.md, "Fitting"). A cell spanning rows counts for the
/// first of them, whole only if all the rows it spans are, on its page. A row number of
/// two tables on one slide counts only if whole in both.
///
/// Typst tags a cell's start and end in its first frame; a cell split over pages has a
/// further frame on each following page, a group whose logical parent is the cell. A
/// cell spanning rows need not: its text, in its first rows, can end on the first page
/// while the rows it spans go on.
pub(super) fn whole_rows(document: &PagedDocument, ids: &[String]) -> BTreeMap<String, Vec<usize>> {
    /// Where a cell starts: its row, its page and the number of rows it spans.
    #[derive(Clone, Copy)]
    struct Start {
        row: usize,
        page: usize,
        rows: usize,
    }
    /// A slide's cells seen so far: where each started and ended, and the rows found split.
    #[derive(Default)]
    struct Cells {
        started: HashMap<Location, Start>,
        ended: HashSet<Location>,
        split: BTreeSet<usize>,
    }
    impl Cells {
        /// The cell at `location` has a part on `page`.
        fn seen(&mut self, location: &Location, page: usize) {
            if let Some(start) = self.started.get(location)
                && start.page != page
            {
                self.split.insert(start.row);
            }
        }
        /// The rows found split, and the first rows of cells spanning rows that are not
        /// all on the cell's page.
        fn split_rows(&self) -> BTreeSet<usize> {
            // A cell that did not end on the slide is not known to be whole.
            let unended = self.started.iter().filter(|(location, _)| !self.ended.contains(location));
            let mut split: BTreeSet<usize> =
                self.split.iter().copied().chain(unended.map(|(_, start)| start.row)).collect();
            let mut pages: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
            for start in self.started.values() {
                pages.entry(start.row).or_default().insert(start.page);
            }
            let spanning = self.started.values().filter(|start| start.rows > 1);
            let broken: Vec<usize> = spanning
                .filter(|start| {
                    (start.row..start.row + start.rows).any(|row| {
                        split.contains(&row)
                            || pages.get(&row).is_some_and(|on| on.iter().any(|p| *p != start.page))
                    })
                })
                .map(|start| start.row)
                .collect();
            split.extend(broken);
            split
        }
    }
    fn walk(frame: &Frame, page: usize, cells: &mut Cells) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => {
                    if let Some(parent) = &group.parent {
                        cells.seen(&parent.location, page);
                    }
                    walk(&group.frame, page, cells);
                }
                FrameItem::Tag(Tag::Start(element, _)) => {
                    if let (Some(cell), Some(location)) =
                        (element.to_packed::<TableCell>(), element.location())
                        && let Some(Smart::Custom(row)) = cell.y.as_option()
                    {
                        // Typst sets a cell's row as it places the cell in its table.
                        let rows = cell.rowspan.as_option().map_or(1, |rows| rows.get());
                        cells.started.insert(location, Start { row: *row, page, rows });
                    }
                }
                FrameItem::Tag(Tag::End(location, ..)) => {
                    cells.seen(location, page);
                    cells.ended.insert(*location);
                }
                _ => {}
            }
        }
    }
    let mut slides: BTreeMap<String, Cells> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (page, frame) in document.pages().iter().map(|page| &page.frame).enumerate() {
        if let Some(value) = slide_start(frame) {
            current = id_of(&value).filter(|id| ids.contains(id));
        }
        if let Some(id) = &current {
            walk(frame, page, slides.entry(id.clone()).or_default());
        }
    }
    slides
        .into_iter()
        .map(|(id, cells)| {
            let split = cells.split_rows();
            let rows: BTreeSet<usize> = cells.started.values().map(|start| start.row).collect();
            (id, rows.difference(&split).copied().collect())
        })
        .collect()
}
