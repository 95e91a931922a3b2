//! Autofit at little more than the cost of typesetting once.
//!
//! The layout sets a slide's content at the largest of a few type sizes at which it fits
//! (docs/layout.md, "Fitting"). Measuring lays the content out once per size tried, which
//! doubled the cost of a deck, and most slides fit at the first size anyway. So qreview
//! typesets a document with every slide at the first size, unmeasured; then only the
//! slides that ran onto a further page at the smallest, unmeasured; then only those of
//! them that fit there are measured at the sizes between. Typst's cache keeps every other
//! slide's pages from the pass before, so a pass costs little more than the slides it
//! changes, and the deck is the one that measuring every slide gives.

use std::collections::BTreeMap;

use typst::diag::{SourceResult, Warned};
use typst_layout::PagedDocument;

use super::slides;
use super::world::ReviewWorld;
use crate::document::FitStep;

/// The steps at which a compile set the slides of its document: those it does not name
/// are at the first.
pub(crate) type Steps = BTreeMap<String, FitStep>;

/// The rows of slides' tables that the first pass laid out whole, one page each (see
/// [`slides::whole_rows`]): set smaller they still fit a page, so the layout need not
/// measure them to keep them whole (measuring the workflow table's rows was 6% of the
/// instructions of a preview of the sample's Release Engineering, serial in one pass).
type WholeRows = BTreeMap<String, Vec<usize>>;

/// Compiles the world's document, its slides fitted. A layout that does not read the
/// fitting file is compiled once.
pub(super) fn compile(world: &ReviewWorld) -> Warned<SourceResult<PagedDocument>> {
    fitted(world).0
}

/// [`compile`], starting from `steps`, those of the last compile of the same document
/// before an edit, which become this compile's. After an edit, most slides keep their
/// step, so one pass with the old steps is tried first; it is the deck [`compile`] gives
/// if every slide at the first step fits and every one at the smallest still runs over
/// (a smaller step never takes more room). Else, or with a slide measured between, the
/// passes start over.
pub(super) fn compile_from(world: &ReviewWorld, steps: &mut Steps) -> Warned<SourceResult<PagedDocument>> {
    if !steps.is_empty() && !steps.values().any(|step| *step == FitStep::Between) {
        let result = pass(world, steps, &WholeRows::new());
        if !world.fit_was_read() {
            return result;
        }
        if let Ok(document) = &result.output {
            let over = slides::continued(document);
            let smallest = |id: &String| steps.get(id) == Some(&FitStep::Smallest);
            if over.len() == steps.len() && over.iter().all(smallest) {
                return result;
            }
        }
    }
    let (result, found) = fitted(world);
    *steps = found;
    result
}

/// [`compile`], and the steps it set the slides at in the end.
fn fitted(world: &ReviewWorld) -> (Warned<SourceResult<PagedDocument>>, Steps) {
    let mut steps = BTreeMap::new();
    let first = pass(world, &steps, &WholeRows::new());
    if !world.fit_was_read() {
        return (first, steps);
    }
    let (over, whole) = match &first.output {
        Ok(document) => {
            let over = slides::continued(document);
            if over.is_empty() {
                return (first, steps);
            }
            let whole = slides::whole_rows(document, &over);
            (over, whole)
        }
        Err(_) => return (first, steps),
    };
    steps.extend(over.iter().map(|id| (id.clone(), FitStep::Smallest)));
    let smallest = pass(world, &steps, &whole);
    let still_over = match &smallest.output {
        Ok(document) => slides::continued(document),
        Err(_) => return (smallest, steps),
    };
    let between: Vec<String> = over.into_iter().filter(|id| !still_over.contains(id)).collect();
    if between.is_empty() {
        return (smallest, steps);
    }
    steps.extend(between.into_iter().map(|id| (id, FitStep::Between)));
    (pass(world, &steps, &whole), steps)
}

/// One compile with the slides at these steps, each told the rows of its tables that
/// were whole at the first step.
fn pass(world: &ReviewWorld, steps: &Steps, whole: &WholeRows) -> Warned<SourceResult<PagedDocument>> {
    world.fit_slides(steps, whole);
    typst::compile::<PagedDocument>(world)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::sample_document as sample;
    use crate::render::{Layout, fonts};

    fn pdf(document: &PagedDocument) -> Vec<u8> {
        typst_pdf::pdf(document, &typst_pdf::PdfOptions::default()).expect("the sample exports")
    }

    #[test]
    fn a_rebuild_from_the_last_steps_gives_the_deck_of_a_fresh_build() {
        let document = sample();
        let part = |index| {
            let files = document.part_files(crate::document::Part::Team(index), &[]);
            ReviewWorld::new(Layout::Embedded, fonts::embedded(), files, None)
        };
        // A team with a slide that runs over even at the smallest step, and none between.
        let (world, fresh, found) = (0..document.teams.len())
            .map(|index| {
                let world = part(index);
                let (result, found) = fitted(&world);
                (world, result.output.unwrap(), found)
            })
            .find(|(_, _, found)| !found.is_empty() && found.values().all(|step| *step == FitStep::Smallest))
            .expect("a team of the sample has slides at the smallest step only");
        let fresh = pdf(&fresh);

        // Steps that still hold are kept, and give the same deck.
        let mut steps = found.clone();
        let again = compile_from(&world, &mut steps).output.unwrap();
        assert_eq!(steps, found);
        assert!(pdf(&again) == fresh, "the rebuilt deck is the fresh one");

        // Steps that no longer hold (the team's title slide, which fits at the first
        // step, said to be at the smallest) are found again from the start.
        let mut wrong = found.clone();
        let title = wrong.keys().next().unwrap().split('-').take(3).collect::<Vec<_>>().join("-");
        wrong.insert(title, FitStep::Smallest);
        let rebuilt = compile_from(&world, &mut wrong).output.unwrap();
        assert_eq!(wrong, found, "the steps were found again");
        assert!(pdf(&rebuilt) == fresh, "the rebuilt deck is the fresh one");
    }

    /// The sample's Release Engineering as a part of its own, with the last comment of its
    /// workflow table replaced by `last_comment` if given; and its workflow slide's id.
    fn release_engineering(last_comment: Option<&str>) -> (ReviewWorld, String) {
        let mut document = sample();
        let index = document.teams.iter().position(|team| team.name == "Release Engineering").unwrap();
        if let Some(text) = last_comment {
            let group = document.teams[index].workflows.last_mut().unwrap();
            group.items.last_mut().unwrap().comments = crate::markup::parse(text);
        }
        let files = document.part_files(crate::document::Part::Team(index), &[]);
        (ReviewWorld::new(Layout::Embedded, fonts::embedded(), files, None), "qr-team-0-workflows".to_owned())
    }

    #[test]
    fn rows_laid_out_whole_at_the_first_step_are_known_and_rows_split_are_not() {
        // The sample's workflow table runs over at the first step, each of its rows (the
        // header is 0) whole on one page, but its second category's two (4 and 5) on two
        // pages: the first of them, where the category's cell spanning both starts, is
        // not whole. At the smallest step only that category is measured.
        let (world, id) = release_engineering(None);
        let first = pass(&world, &Steps::new(), &WholeRows::new()).output.unwrap();
        assert!(slides::continued(&first).contains(&id), "the workflow table runs over at the first step");
        let whole = slides::whole_rows(&first, std::slice::from_ref(&id));
        assert_eq!(whole, WholeRows::from([(id.clone(), vec![0, 1, 2, 3, 5])]));

        // A last workflow far taller than a slide is split over several: not known, nor
        // is its category's cell.
        let long = vec!["deployment"; 700].join(" ");
        let (world, id) = release_engineering(Some(&long));
        let first = pass(&world, &Steps::new(), &WholeRows::new()).output.unwrap();
        let whole = slides::whole_rows(&first, &[id.clone(), "qr-team-0-other".to_owned()]);
        assert_eq!(whole, WholeRows::from([(id, vec![0, 1, 2, 3]), ("qr-team-0-other".to_owned(), vec![])]));
    }

    #[test]
    fn a_row_said_whole_is_kept_whole_without_measuring_it() {
        // A last workflow far taller than a slide: fitted, it is measured and split over
        // the slides it needs, and nothing runs off.
        let long = vec!["deployment"; 700].join(" ");
        let (world, id) = release_engineering(Some(&long));
        let (fitted, steps) = fitted(&world);
        let fitted = fitted.output.unwrap();
        assert_eq!(steps.get(&id), Some(&FitStep::Smallest));
        assert!(crate::render::inspect::text_off_page(&fitted).is_empty());

        // Said whole (which the first pass never says of it), it is kept on one slide
        // and runs off it: the layout takes the rows file at its word.
        let whole = WholeRows::from([(id, vec![0, 1, 2, 3, 4, 5])]);
        let told = pass(&world, &steps, &whole).output.unwrap();
        assert!(!crate::render::inspect::text_off_page(&told).is_empty(), "the long row runs off its slide");
    }

    #[test]
    fn while_fitting_each_slide_has_its_step_in_a_file_of_its_own() {
        use typst::World;
        let document = sample();
        let world = ReviewWorld::new(Layout::Embedded, fonts::embedded(), document.data_files(), None);
        let read = |path: &str| {
            world
                .file(super::super::world::file_id(path))
                .map(|bytes| String::from_utf8(bytes.to_vec()).unwrap())
        };
        // The data as written has none: the layout measures every slide.
        assert!(read("/data/fit/qr-team-0-other.json").is_err());
        assert!(read("/data/fit-rows/qr-team-0-other.json").is_err());
        let whole = WholeRows::from([("qr-team-0-other".to_owned(), vec![1, 3])]);
        world.fit_slides(&Steps::from([("qr-team-0-other".to_owned(), FitStep::Between)]), &whole);
        assert_eq!(read("/data/fit/qr-team-0-other.json").unwrap(), r#""between""#);
        assert_eq!(read("/data/fit/qr-team-1-other.json").unwrap(), r#""first""#);
        assert!(read("/data/fit/a/b.json").is_err(), "a slide id has no slash");
        assert_eq!(read("/data/fit-rows/qr-team-0-other.json").unwrap(), "[1,3]");
        assert_eq!(read("/data/fit-rows/qr-team-1-other.json").unwrap(), "[]");
    }

    #[test]
    fn fitting_in_passes_gives_the_deck_of_every_slide_measured() {
        let document = sample();
        let world = || ReviewWorld::new(Layout::Embedded, fonts::embedded(), document.data_files(), None);

        // The data as written says `slides: null`: every slide measures itself.
        let measured = typst::compile::<PagedDocument>(&world()).output.unwrap();
        let (result, steps) = fitted(&world());
        let fitted = result.output.unwrap();

        let count = |step| steps.values().filter(|s| **s == step).count();
        assert!(
            count(FitStep::Smallest) >= 1,
            "a slide of the sample runs over even at the smallest: {steps:?}"
        );
        assert!(count(FitStep::Between) >= 1, "a slide of the sample fits at a size between: {steps:?}");
        assert_eq!(fitted.pages().len(), measured.pages().len());
        assert!(pdf(&fitted) == pdf(&measured), "the fitted deck differs from the measured one");
    }
}
