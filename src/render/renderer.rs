//! The one door to typesetting: a [`Renderer`] turns a document into a [`Deck`] and
//! writes it. Whether a deck is typeset in parts or whole, the page marks, and when
//! Typst's caches are evicted are its business alone.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use typst::diag::Warned;
use typst::foundations::Datetime;
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::PdfStandard;

use super::export::{self, ExportSettings, Format};
use super::handout::{self, Paper};
use super::layout::{Layout, MARKS};
use super::parts::{self, Marks, PartPages};
use super::world::ReviewWorld;
use super::{browser_svg, check_pages, compile, compile_raw, emit, fit, fonts, notes, report, typeset};
use crate::diag::{Diagnostics, SourceMap};
use crate::document::{self, DeckKind, Document, Part};

/// Typst's caches of a finished team's part are not used again: they are evicted after
/// every this many parts. Evicting takes time of its own (a batch of 50 teams at 2 jobs
/// peaked at 306-335 MiB evicting every fourth team, 260-267 MiB and a little faster
/// every other, 245 MiB but slower every team).
const PARTS_BETWEEN_EVICTIONS: usize = 2;

/// A review of at most this many teams is short: Typst's cache is kept whole while its
/// deck is typeset and put together, and its front matter is typeset beside the teams
/// (see [`Renderer::front_early`]). Evicting only saves memory, which such a review
/// hardly uses (a build of the sample's five teams peaks at about 80 MiB), and it costs
/// time: emptying the cache of two teams took 2.5 ms, more than the copies of their
/// pages it spares the assembly.
const SHORT_REVIEW: usize = 8;

/// The marks typeset beside a team's first preview are for this many pages: more than a
/// team's deck has (the sample's longest has 14), so that they are not typeset again
/// after the slides; a few ms of CPU more than the 16 of the fewest (see [`Marks::get`]),
/// on a core that would otherwise wait.
const TEAM_MARKS: usize = 32;

/// What a renderer is set up with, settled before any file is read.
#[derive(Debug, Clone)]
pub(crate) struct RenderSettings {
    pub(crate) layout: Layout,
    /// Also use the fonts installed on this machine.
    pub(crate) system_fonts: bool,
    /// PDF standards, checked to combine (see [`export::check_standards`]).
    pub(crate) standards: Vec<PdfStandard>,
    /// The creation date of a deck whose review gives none (`SOURCE_DATE_EPOCH`).
    pub(crate) build_date: Option<Datetime>,
}

/// Typesets and writes decks; shared by every deck of a run, so that fonts, the layout
/// and the page marks are loaded once.
pub(crate) struct Renderer {
    settings: RenderSettings,
    fonts: Arc<FontStore>,
    /// Whether the layout typesets decks in parts; settled once, so that every deck of
    /// a run is typeset the same way.
    in_parts: bool,
    /// The layout's page marks, typeset once for every deck of the run.
    marks: Marks,
    /// Team parts typeset so far, for the eviction policy.
    parts_done: AtomicUsize,
    /// Whether Typst's cache is kept for decks typeset again after an edit (a preview),
    /// rather than emptied before a review's deck is put together.
    rebuilds: bool,
}

/// A typeset deck, ready to write.
pub(crate) struct Deck(PagedDocument);

impl Deck {
    pub(crate) fn slides(&self) -> usize {
        self.0.pages().len()
    }

    /// Each page as SVG, in page order.
    pub(crate) fn svg_pages(&self) -> Vec<String> {
        self.0
            .pages()
            .par_iter()
            .map(|page| typst_svg::svg(page, &typst_svg::SvgOptions::default()))
            .collect()
    }

    /// Each page as SVG for a browser's `<img>` (see [`browser_svg`]) with a hash of the
    /// SVG, in page order; a page the same as one of the last call's is taken from
    /// `cache`, not drawn again (after an edit, most slides of a live preview are). The
    /// picture's own hash names it: a page's may change where its picture does not (its
    /// elements' locations).
    pub(crate) fn svg_pages_cached(&self, cache: &mut SvgCache) -> Vec<(u128, Arc<str>)> {
        let pages = self.0.pages();
        let drawn: Vec<(u128, (u128, Arc<str>))> = pages
            .par_iter()
            .map(|page| {
                let page_hash = typst::utils::hash128(page);
                let picture = cache.0.get(&page_hash).cloned().unwrap_or_else(|| {
                    let svg =
                        browser_svg::flatten_glyphs(&typst_svg::svg(page, &typst_svg::SvgOptions::default()));
                    (typst::utils::hash128(&svg), svg.into())
                });
                (page_hash, picture)
            })
            .collect();
        // Only this deck's pages are kept: the cache never grows beyond one deck.
        cache.0 = drawn.iter().cloned().collect();
        drawn.into_iter().map(|(_, picture)| picture).collect()
    }

    /// Each page's speaker notes, in page order.
    pub(crate) fn notes(&self) -> Vec<Option<String>> {
        notes::page_notes(&self.0)
    }

    #[cfg(test)]
    pub(crate) fn pages(&self) -> &PagedDocument {
        &self.0
    }
}

/// The SVG of the pages of the last deck drawn, and its hash, by a hash of the page.
#[derive(Default)]
pub(crate) struct SvgCache(std::collections::HashMap<u128, (u128, Arc<str>)>);

/// A one-team document's slides, typeset once to serve as the team's own deck and as
/// its part of the review's (see [`Renderer::review_from`]).
pub(crate) struct TeamSlides(PartPages);

impl RenderSettings {
    /// The built-in layout and fonts, no PDF standard, no build date.
    #[cfg(test)]
    pub(crate) fn embedded() -> RenderSettings {
        RenderSettings {
            layout: Layout::Embedded,
            system_fonts: false,
            standards: Vec::new(),
            build_date: None,
        }
    }
}

impl Renderer {
    pub(crate) fn new(settings: RenderSettings) -> Renderer {
        let fonts = if settings.system_fonts { fonts::with_system() } else { fonts::embedded() };
        let in_parts = settings.layout.typesets_in_parts();
        super::world::parse_ahead(&settings.layout);
        Renderer {
            settings,
            fonts,
            in_parts,
            marks: Marks::default(),
            parts_done: AtomicUsize::new(0),
            rebuilds: false,
        }
    }

    /// A renderer for a preview, whose decks are typeset again after every edit: Typst's
    /// cache is kept for the next rebuild.
    pub(crate) fn for_rebuilds(self) -> Renderer {
        Renderer { rebuilds: true, ..self }
    }

    pub(crate) fn layout(&self) -> &Layout {
        &self.settings.layout
    }

    /// Typesets a whole deck, the review's or a team's. Typst's problems, and the pages',
    /// go to `diagnostics`.
    pub(crate) fn render(
        &self,
        document: &Document,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> Option<Deck> {
        if !self.in_parts {
            return typeset(&self.world(document, document.data_files()), sources, diagnostics).map(Deck);
        }
        if document.kind == DeckKind::Team {
            let slides = self.team_slides(document, sources, diagnostics)?;
            return self.team_deck(&slides, sources, diagnostics);
        }
        let worlds: Vec<ReviewWorld> = (0..document.teams.len())
            .map(|index| self.world(document, document.part_files(Part::Team(index), &[])))
            .collect();
        // A short review's front matter is typeset early by the first team to finish,
        // if another is still being typeset (see `front_early`).
        let short = document.teams.len() <= SHORT_REVIEW;
        let (started, finished) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let compiled: Vec<_> = worlds
            .par_iter()
            .map(|world| {
                started.fetch_add(1, Ordering::Relaxed);
                let result = compile_raw(world);
                if !short {
                    self.part_done();
                } else if finished.fetch_add(1, Ordering::Relaxed) == 0 && worlds.len() > 1 {
                    if started.load(Ordering::Relaxed) == worlds.len() {
                        // Every team has started: what is left of theirs is the longest
                        // one's pages, which this core helps lay out first (see
                        // `front_early`).
                        while rayon::yield_now() == Some(rayon::Yield::Executed) {}
                    }
                    self.front_early(document);
                }
                Warned { output: result.output.map(PartPages::from), warnings: result.warnings }
            })
            .collect();
        // Reported in team order, whatever order they finished in.
        let teams: Option<Vec<TeamSlides>> = worlds
            .iter()
            .zip(compiled)
            .map(|(world, result)| report(world, result, sources, diagnostics).map(TeamSlides))
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        let teams = teams?;
        self.review_of(document, teams.into_iter().map(|team| team.0).collect(), sources, diagnostics)
    }

    /// Typesets a short review's front matter and page marks while the last of its teams'
    /// slides are typeset, where a core would otherwise wait. The front matter needs the
    /// teams' page counts (the agenda links to their first slides), so it is typeset
    /// here without them, and its pages are dropped: what it leaves is Typst's cache,
    /// from which [`Renderer::review_of`], typesetting it with the counts, lays out again
    /// only what they change (3.5 ms of the 6.5 that the sample's two-team front matter
    /// takes). The marks are typeset for a generous guess at the deck's length. Run once,
    /// by the first team to finish: started beside the teams, it went before the longest.
    /// When every team has started by then (a review of two teams), the other team's
    /// pages come first: its page runs wait in the queue of the core that typesets it,
    /// which this one would otherwise leave to it for the 15-20 ms this takes (the two
    /// teams of the benchmark built in 106-110 ms instead of 112-116, 41 and 61
    /// alternated runs). With teams still to start it goes first: helping with the rest
    /// left it to the end of the sample's five teams, alone on a core (194 ms, not 186).
    fn front_early(&self, document: &Document) {
        let teams = document.teams.len();
        let world = self.world(document, document.part_files(Part::Front, &vec![0; teams]));
        drop(compile_raw(&world));
        self.prepare_marks(teams * 16 + 8);
    }

    /// Typesets the slides of a one-team document.
    pub(crate) fn team_slides(
        &self,
        document: &Document,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> Option<TeamSlides> {
        let files =
            if self.in_parts { document.part_files(Part::Team(0), &[]) } else { document.data_files() };
        let slides = compile(&self.world(document, files), sources, diagnostics);
        if self.in_parts {
            self.part_done();
        }
        slides.map(|slides| TeamSlides(slides.into()))
    }

    /// A team's own deck of its typeset slides.
    pub(crate) fn team_deck(
        &self,
        slides: &TeamSlides,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> Option<Deck> {
        if !self.in_parts {
            let deck = slides.0.clone().into_document();
            check_pages(&deck, diagnostics);
            return Some(Deck(deck));
        }
        self.marked(vec![slides.0.clone()], sources, diagnostics)
    }

    /// The review's deck of its document and the typeset slides of each of its teams, in
    /// order (typeset from one-team documents of the same review).
    pub(crate) fn review_from(
        &self,
        document: &Document,
        teams: &[&TeamSlides],
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> Option<Deck> {
        if !self.in_parts {
            return self.render(document, sources, diagnostics);
        }
        self.review_of(document, teams.iter().map(|team| team.0.clone()).collect(), sources, diagnostics)
    }

    /// [`Renderer::review_from`], taking the teams' slides to move their pages into the
    /// deck.
    fn review_of(
        &self,
        document: &Document,
        teams: Vec<PartPages>,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> Option<Deck> {
        let team_pages: Vec<usize> = teams.iter().map(|team| team.pages().len()).collect();
        let world = self.world(document, document.part_files(Part::Front, &team_pages));
        // The marks for the whole deck are typeset beside the front matter; they are
        // cheap, so a generous guess at its length costs little.
        let guess = team_pages.iter().sum::<usize>() + 8 + teams.len() / 4;
        let (front, ()) = rayon::join(|| compile_raw(&world), || self.prepare_marks(guess));
        let front = report(&world, front, sources, diagnostics)?;
        // Typst's cache holds the parts' pages too, and so would have them copied as
        // they are marked: emptied, it lets the pages of slides that are not kept
        // elsewhere (a build's, not a batch's) move into the deck as they are. A 500-team
        // review peaked 370 MiB higher with the copies. A short review's copies cost
        // less than emptying the cache, and a preview keeps it for the next rebuild.
        if !self.rebuilds && teams.len() > SHORT_REVIEW {
            comemo::evict(0);
        }
        self.marked(std::iter::once(front.into()).chain(teams).collect(), sources, diagnostics)
    }

    /// Writes a deck of `document` as `format` to `target` (a file, or a folder of images).
    pub(crate) fn write(
        &self,
        deck: &Deck,
        document: &Document,
        format: Format,
        target: &Path,
    ) -> anyhow::Result<()> {
        let settings = ExportSettings {
            ident: document.ident.clone(),
            date: self.creation_date(document),
            standards: self.settings.standards.clone(),
        };
        export::write(&deck.0, format, target, &settings)
    }

    /// Writes the deck's speaker notes as a `.pdfpc` file beside its PDF at `pdf`, for
    /// pdfpc and the other presenter consoles that read the format.
    pub(crate) fn write_notes(&self, deck: &Deck, pdf: &Path) -> anyhow::Result<()> {
        crate::output::write_atomically(&pdf.with_extension("pdfpc"), &notes::pdfpc(&deck.notes()))
    }

    /// The handout of a deck of `document`: each slide with its speaker notes under it,
    /// on `paper`, with the deck's fonts; written like a deck.
    pub(crate) fn handout(
        &self,
        deck: &Deck,
        document: &Document,
        paper: Paper,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> Option<Deck> {
        let review = &document.review;
        let title = match document.kind {
            DeckKind::Review => review.title.clone(),
            DeckKind::Team => format!("{} · {}", document.teams[0].name, review.title),
        };
        let subtitle = [review.organization.as_deref(), review.department.as_deref(), Some(&review.quarter)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let files = handout::files(&deck.0, deck.svg_pages(), deck.notes(), title, subtitle, paper);
        let world = ReviewWorld::starting_at(
            self.settings.layout.clone(),
            self.fonts.clone(),
            files,
            self.creation_date(document),
            handout::MAIN,
        );
        typeset(&world, sources, diagnostics).map(Deck)
    }

    /// Writes `document` with the layout and fonts as a plain Typst project into `dir`.
    pub(crate) fn emit(&self, document: &Document, dir: &Path) -> anyhow::Result<()> {
        emit::emit_project(dir, &self.settings.layout, &document.data_files(), self.creation_date(document))
    }

    /// A renderer's live preview of one team: its Typst world, and with it Typst's
    /// caches, kept from one rebuild to the next.
    pub(crate) fn live(&self) -> LivePreview<'_> {
        LivePreview { renderer: self, world: None, steps: fit::Steps::new() }
    }

    /// The deck's creation date: the review's `date`, which is part of what the review
    /// says; without one, the build's (`SOURCE_DATE_EPOCH`); else none. Never the clock,
    /// so that the same input gives the same bytes.
    /// [`Renderer::creation_date`] as a W3C date-time, for outputs beside Typst's (the
    /// PowerPoint file's properties).
    pub(crate) fn creation_stamp(&self, document: &Document) -> Option<String> {
        let date = self.creation_date(document)?;
        Some(format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            date.year()?,
            date.month()?,
            date.day()?,
            date.hour().unwrap_or(0),
            date.minute().unwrap_or(0),
            date.second().unwrap_or(0)
        ))
    }

    fn creation_date(&self, document: &Document) -> Option<Datetime> {
        match document.date {
            Some(date) => Datetime::from_ymd(date.year, date.month, date.day),
            None => self.settings.build_date,
        }
    }

    fn world(&self, document: &Document, files: Vec<(String, Vec<u8>)>) -> ReviewWorld {
        ReviewWorld::new(
            self.settings.layout.clone(),
            self.fonts.clone(),
            files,
            self.creation_date(document),
        )
    }

    /// Counts a typeset team part, and evicts Typst's caches every
    /// [`PARTS_BETWEEN_EVICTIONS`] parts.
    fn part_done(&self) {
        if (self.parts_done.fetch_add(1, Ordering::Relaxed) + 1).is_multiple_of(PARTS_BETWEEN_EVICTIONS) {
            comemo::evict(2);
        }
    }

    /// Puts typeset parts together, marks the pages (numbers, "(cont.)") and checks them.
    fn marked(
        &self,
        parts: Vec<PartPages>,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> Option<Deck> {
        let count = parts.iter().map(|part| part.pages().len()).sum();
        let marks = self
            .marks
            .get(count, |count| compile(&self.marks_world(count), sources, diagnostics).ok_or(()))
            .ok()?;
        let deck = parts::assemble(parts, &marks);
        check_pages(&deck, diagnostics);
        Some(Deck(deck))
    }

    /// Typesets the marks of `count` pages ahead of [`Renderer::marked`], unless there
    /// are enough. A problem is left for `marked` to find again and report.
    fn prepare_marks(&self, count: usize) {
        let _ = self.marks.get(count, |count| compile_raw(&self.marks_world(count)).output);
    }

    fn marks_world(&self, count: usize) -> ReviewWorld {
        let (layout, fonts) = (self.settings.layout.clone(), self.fonts.clone());
        ReviewWorld::starting_at(layout, fonts, document::marks_files(count), None, MARKS)
    }
}

/// One team's deck typeset again after every edit (see [`Renderer::live`]).
pub(crate) struct LivePreview<'a> {
    renderer: &'a Renderer,
    world: Option<ReviewWorld>,
    /// The autofit steps of the last rebuild's slides, to start the next one from.
    steps: fit::Steps,
}

impl LivePreview<'_> {
    /// Typesets the one-team `document`, reusing what Typst kept of the last one.
    pub(crate) fn render(
        &mut self,
        document: &Document,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> Option<Deck> {
        let renderer = self.renderer;
        let files =
            if renderer.in_parts { document.part_files(Part::Team(0), &[]) } else { document.data_files() };
        let date = renderer.creation_date(document);
        let world = match &mut self.world {
            Some(world) => {
                world.update(files, date);
                world
            }
            None => self.world.insert(renderer.world(document, files)),
        };
        if matches!(renderer.settings.layout, Layout::Folder(_)) {
            // Its page numbers may have been edited too.
            renderer.marks.clear();
        }
        // The first preview's marks (or a layout folder's, after every edit) are
        // typeset beside the slides, not after them: a cold preview of the sample's
        // Operations waited 6 ms for them. Later, there are enough and this returns at once.
        let steps = &mut self.steps;
        let marks = || {
            if renderer.in_parts {
                renderer.prepare_marks(TEAM_MARKS)
            }
        };
        let (compiled, ()) = rayon::join(|| fit::compile_from(world, steps), marks);
        let part = report(world, compiled, sources, diagnostics)?;
        if !renderer.in_parts {
            check_pages(&part, diagnostics);
            return Some(Deck(part));
        }
        renderer.marked(vec![part.into()], sources, diagnostics)
    }

    /// Drops Typst's cache entries that the last few rebuilds did not use.
    pub(crate) fn evict(&self) {
        comemo::evict(10);
    }
}

#[cfg(test)]
mod tests {

    use typst::foundations::NativeElement;
    use typst::introspection::{Location, MetadataElem, Tag};
    use typst::layout::{Frame, FrameItem};
    use typst::model::HeadingElem;

    use super::*;
    use crate::pipeline::prepare_review;

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
    fn twins(dir: &Path) -> Document {
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
        let document = twins(dir.path());
        let renderer = Renderer::new(RenderSettings::embedded());
        let (mut sources, mut diagnostics) = (SourceMap::default(), Diagnostics::default());

        // Compiled apart, the twins' parts share locations: the problem.
        let part = |index| {
            let world = renderer.world(&document, document.part_files(Part::Team(index), &[]));
            compile(&world, &mut SourceMap::default(), &mut Diagnostics::default()).unwrap()
        };
        let (a, b) = (part(0), part(1));
        let apart: Vec<Location> = locations(&a).into_iter().chain(locations(&b)).collect();
        assert!(repeated(&apart) > 0, "the twins' parts have elements with the same location");

        // Put together, every element has its own.
        let deck = renderer.render(&document, &mut sources, &mut diagnostics).unwrap().0;
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
