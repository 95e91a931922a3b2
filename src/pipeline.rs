//! The stages every command shares: load, validate, build the document, typeset.
//!
//! `check` stops after the document; `build`, `preview` and `batch` go on to typeset.
//! Keeping one path means `check` accepts exactly what `build` accepts.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use typst::foundations::Datetime;
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::PdfStandard;

use crate::diag::{Diagnostics, SourceMap};
use crate::document::{self, DeckKind, Document, Part};
use crate::model::{LoadedReview, load_review};
use crate::render::{self, ExportSettings, Layout, Marks, ReviewWorld};
use crate::validate::{self, Review};

/// A review read, validated and turned into the document.
pub(crate) struct Prepared {
    pub(crate) review: Review,
    pub(crate) document: Document,
}

impl Prepared {
    /// The PDF's identifier: stable across builds of the same review.
    pub(crate) fn ident(&self) -> String {
        format!("qreview/{}/{}", self.review.meta.title, self.review.quarter)
    }
}

/// Reads the review at `input`; problems in its files go to `diagnostics`.
pub(crate) fn load(
    input: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<LoadedReview> {
    load_review(input, sources, diagnostics)
}

/// Reads the review at `input` for one team (see [`crate::model::load_review_for`]).
pub(crate) fn load_for(
    input: &Path,
    team: Option<&str>,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<LoadedReview> {
    crate::model::load_review_for(input, team, sources, diagnostics)
}

/// Validates a loaded review and builds its document; `None` when there are errors.
pub(crate) fn prepare(
    loaded: LoadedReview,
    kind: DeckKind,
    diagnostics: &mut Diagnostics,
) -> Option<Prepared> {
    let review = validate::validate(loaded, diagnostics)?;
    let document = document::build(&review, kind);
    Some(Prepared { review, document })
}

/// Load and prepare the whole review, as `build` and `check` do.
pub(crate) fn prepare_review(
    input: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<Option<Prepared>> {
    let loaded = load(input, sources, diagnostics)?;
    Ok(prepare(loaded, DeckKind::Review, diagnostics))
}

/// How many teams' parts are typeset between two evictions of Typst's caches.
const TEAMS_BETWEEN_EVICTIONS: usize = 8;

/// The layout and fonts decks are typeset with, shared by every compilation of a run.
#[derive(Clone)]
pub(crate) struct Typesetter {
    pub(crate) layout: Layout,
    pub(crate) fonts: Arc<FontStore>,
    pub(crate) standards: Vec<PdfStandard>,
    /// Whether the layout typesets decks in parts; settled once, so that every deck of
    /// a run is typeset the same way.
    in_parts: bool,
    /// The layout's page marks, typeset once for every deck of the run.
    marks: Arc<Marks>,
}

impl Typesetter {
    pub(crate) fn new(layout: Layout, system_fonts: bool, standards: Vec<PdfStandard>) -> Self {
        let fonts = if system_fonts { render::fonts_with_system() } else { render::embedded_fonts() };
        let in_parts = layout.typesets_in_parts();
        Typesetter { layout, fonts, standards, in_parts, marks: Arc::default() }
    }

    /// How a prepared deck is exported: its identifier, date and PDF standards.
    pub(crate) fn export_settings(&self, prepared: &Prepared) -> anyhow::Result<ExportSettings> {
        Ok(ExportSettings {
            ident: prepared.ident(),
            date: creation_date(&prepared.review)?,
            standards: self.standards.clone(),
        })
    }

    /// A world holding the prepared document's data, to typeset it in one piece.
    pub(crate) fn world(&self, prepared: &Prepared) -> anyhow::Result<ReviewWorld> {
        self.world_with(prepared, prepared.document.data_files())
    }

    /// A world with this layout and fonts, the prepared review's date and `files`.
    fn world_with(&self, prepared: &Prepared, files: Vec<(String, Vec<u8>)>) -> anyhow::Result<ReviewWorld> {
        Ok(ReviewWorld::new(self.layout.clone(), self.fonts.clone(), files, creation_date(&prepared.review)?))
    }

    /// The data files of a one-team deck: its part when the layout typesets in parts.
    pub(crate) fn deck_files(&self, prepared: &Prepared) -> Vec<(String, Vec<u8>)> {
        if self.in_parts() {
            prepared.document.part_files(Part::Team(0), &[])
        } else {
            prepared.document.data_files()
        }
    }

    /// A world for a one-team deck, to keep and typeset with [`Typesetter::typeset_world`]
    /// after every edit.
    pub(crate) fn deck_world(&self, prepared: &Prepared) -> anyhow::Result<ReviewWorld> {
        self.world_with(prepared, self.deck_files(prepared))
    }

    /// Typesets the one-team deck of a [`Typesetter::deck_world`].
    pub(crate) fn typeset_world(
        &self,
        world: &ReviewWorld,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> Option<PagedDocument> {
        if self.in_parts() {
            let part = render::compile(world, sources, diagnostics)?;
            self.marked(&[&part], sources, diagnostics)
        } else {
            render::typeset(world, sources, diagnostics)
        }
    }

    /// Whether decks are typeset in parts (see [`render::assemble`]) with this layout.
    pub(crate) fn in_parts(&self) -> bool {
        self.in_parts
    }

    /// A world for one part of the prepared deck. The front matter needs how many pages
    /// each team's part has, `team_pages`, for the agenda's links.
    pub(crate) fn part_world(
        &self,
        prepared: &Prepared,
        part: Part,
        team_pages: &[usize],
    ) -> anyhow::Result<ReviewWorld> {
        self.world_with(prepared, prepared.document.part_files(part, team_pages))
    }

    /// Typesets a prepared deck: in parts, the teams in parallel, when the layout can;
    /// else in one piece. Typst's problems go to `diagnostics`.
    pub(crate) fn typeset(
        &self,
        prepared: &Prepared,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> anyhow::Result<Option<PagedDocument>> {
        if !self.in_parts() {
            return Ok(render::typeset(&self.world(prepared)?, sources, diagnostics));
        }
        let worlds = (0..prepared.document.teams.len())
            .map(|index| self.part_world(prepared, Part::Team(index), &[]))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let mut teams = Vec::new();
        // A few teams at a time, with Typst's caches of the finished ones dropped between:
        // a long review's memory would otherwise grow with every team.
        for chunk in worlds.chunks(TEAMS_BETWEEN_EVICTIONS) {
            let compiled: Vec<_> = chunk.par_iter().map(render::compile_raw).collect();
            comemo::evict(2);
            // Reported in team order, whatever order they finished in.
            for (world, result) in chunk.iter().zip(compiled) {
                teams.push(render::report(world, result, sources, diagnostics));
            }
        }
        let Some(teams) = teams.into_iter().collect::<Option<Vec<_>>>() else { return Ok(None) };
        self.review_deck(prepared, &teams.iter().collect::<Vec<_>>(), sources, diagnostics)
    }

    /// A deck of typeset team parts: with the front matter for the review's deck, and
    /// numbered. `teams` are the parts of the prepared document's teams, in order.
    pub(crate) fn review_deck(
        &self,
        prepared: &Prepared,
        teams: &[&PagedDocument],
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> anyhow::Result<Option<PagedDocument>> {
        let front = match prepared.document.kind {
            DeckKind::Review => {
                let team_pages: Vec<usize> = teams.iter().map(|team| team.pages().len()).collect();
                let world = self.part_world(prepared, Part::Front, &team_pages)?;
                // The marks for the whole deck are typeset beside the front matter; they
                // are cheap, so a generous guess at its length costs little.
                let guess = team_pages.iter().sum::<usize>() + 8 + teams.len() / 4;
                let (front, ()) = rayon::join(|| render::compile_raw(&world), || self.prepare_marks(guess));
                match render::report(&world, front, sources, diagnostics) {
                    Some(front) => Some(front),
                    None => return Ok(None),
                }
            }
            DeckKind::Team => None,
        };
        let parts: Vec<&PagedDocument> = front.iter().chain(teams.iter().copied()).collect();
        Ok(self.marked(&parts, sources, diagnostics))
    }

    /// Puts typeset parts together, marks the pages (numbers, "(cont.)") and checks them.
    pub(crate) fn marked(
        &self,
        parts: &[&PagedDocument],
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> Option<PagedDocument> {
        let count = parts.iter().map(|part| part.pages().len()).sum();
        let marks = self
            .marks
            .get(count, |count| render::compile(&self.marks_world(count), sources, diagnostics).ok_or(()))
            .ok()?;
        let deck = render::assemble(parts, &marks);
        render::check_pages(&deck, diagnostics);
        Some(deck)
    }

    /// Typesets the marks of `count` pages ahead of [`Typesetter::marked`], unless there
    /// are enough. A problem is left for `marked` to find again and report.
    fn prepare_marks(&self, count: usize) {
        let _ = self.marks.get(count, |count| render::compile_raw(&self.marks_world(count)).output);
    }

    fn marks_world(&self, count: usize) -> ReviewWorld {
        let (layout, fonts) = (self.layout.clone(), self.fonts.clone());
        ReviewWorld::starting_at(layout, fonts, document::marks_files(count), None, render::MARKS)
    }

    /// Forgets the typeset page marks, for a layout that may have changed.
    pub(crate) fn forget_marks(&self) {
        self.marks.clear();
    }
}

/// The PDF's creation date: the review's `date`, which is part of what the review says;
/// without one, `SOURCE_DATE_EPOCH` (the reproducible-builds convention for a build
/// time); else none. Never the clock, so that the same input gives the same bytes.
pub(crate) fn creation_date(review: &Review) -> anyhow::Result<Option<Datetime>> {
    if let Some(date) = review.date {
        return Ok(Datetime::from_ymd(date.year, date.month, date.day));
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) => {
            let seconds: i64 = epoch.trim().parse().map_err(|_| {
                anyhow::anyhow!("SOURCE_DATE_EPOCH must be whole seconds since 1970, not `{epoch}`")
            })?;
            Ok(crate::dates::datetime_from_epoch(seconds))
        }
        Err(_) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use typst::foundations::NativeElement;
    use typst::introspection::{Location, MetadataElem, Tag};
    use typst::layout::{Frame, FrameItem};
    use typst::model::HeadingElem;

    use super::*;

    /// The location of every element on the pages, in order.
    fn locations(document: &PagedDocument) -> Vec<Location> {
        fn walk(frame: &Frame, out: &mut Vec<Location>) {
            for (_, item) in frame.items() {
                match item {
                    FrameItem::Group(group) => walk(&group.frame, out),
                    FrameItem::Tag(Tag::Start(element, _)) => out.extend(element.location()),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        for page in document.pages() {
            walk(&page.frame, &mut out);
        }
        out
    }

    fn repeated(locations: &[Location]) -> usize {
        let mut seen = std::collections::HashSet::new();
        locations.iter().filter(|location| !seen.insert(**location)).count()
    }

    /// A review of two teams whose slides are the same but for the team's name.
    fn twins(dir: &Path) -> Prepared {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2015-16-q2");
        let review = std::fs::read_to_string(sample.join("review.yaml")).unwrap();
        let head = &review[..review.find("teams:").unwrap()];
        let tail = &review[review.find("workflow_types:").unwrap()..];
        std::fs::create_dir(dir.join("teams")).unwrap();
        std::fs::write(dir.join("review.yaml"), format!("{head}teams: [teams/a.yaml, teams/b.yaml]\n{tail}"))
            .unwrap();
        let team = std::fs::read_to_string(sample.join("teams/services.yaml")).unwrap();
        for name in ["a", "b"] {
            let renamed = team.replacen("team: Services", &format!("team: Services {name}"), 1);
            std::fs::write(dir.join(format!("teams/{name}.yaml")), renamed).unwrap();
        }
        let (mut sources, mut diagnostics) = (SourceMap::default(), Diagnostics::default());
        prepare_review(dir, &mut sources, &mut diagnostics).unwrap().expect("the twins review is valid")
    }

    #[test]
    fn parts_typeset_apart_keep_their_elements_apart() {
        let dir = tempfile::tempdir().unwrap();
        let prepared = twins(dir.path());
        let typesetter = Typesetter::new(Layout::Embedded, false, Vec::new());
        let (mut sources, mut diagnostics) = (SourceMap::default(), Diagnostics::default());

        // Compiled apart, the twins' parts share locations: the problem.
        let part = |index| {
            let world = typesetter.part_world(&prepared, Part::Team(index), &[]).unwrap();
            render::compile(&world, &mut SourceMap::default(), &mut Diagnostics::default()).unwrap()
        };
        let (a, b) = (part(0), part(1));
        let apart: Vec<Location> = locations(&a).into_iter().chain(locations(&b)).collect();
        assert!(repeated(&apart) > 0, "the twins' parts have elements with the same location");

        // Put together, every element has its own.
        let deck = typesetter.typeset(&prepared, &mut sources, &mut diagnostics).unwrap().unwrap();
        let all = locations(&deck);
        assert!(all.len() > apart.len(), "the deck has the front matter and both teams");
        assert_eq!(repeated(&all), 0, "every element of the deck has its own location");
        let headings = deck.introspector().elements().query(&HeadingElem::ELEM.select());
        // A slide starts with a labelled metadata; its continued pages have none.
        let slides = deck.introspector().elements().query(&MetadataElem::ELEM.select());
        assert!(slides.len() < deck.pages().len(), "some slides continue");
        assert_eq!(headings.len(), slides.len(), "one outline entry per slide");
    }
}
