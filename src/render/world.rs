//! The Typst world a review is compiled in: layout files, data files, embedded fonts.
//!
//! Data reaches Typst only as JSON files under `/data/`, read by the layout with
//! `json(...)`. Nothing a team writes is ever spliced into Typst source, so no text can
//! run code or break the layout.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

use super::layout::{self, Layout};
use crate::document::{self, FitStep};

/// One compilation's world. Cheap to build: fonts and the library are shared.
pub(crate) struct ReviewWorld {
    library: Arc<LazyHash<Library>>,
    fonts: Arc<FontStore>,
    main: FileId,
    layout: Layout,
    data: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
    /// The autofit steps of the next compile, served as the fitting file in place of the
    /// data's and one slide to a file (see [`ReviewWorld::fit_slides`]).
    fit: Mutex<Option<BTreeMap<String, FitStep>>>,
    /// The rows of slides' tables known to be whole on one page at the first step, served
    /// one slide to a file while the slides are fitted.
    fit_rows: Mutex<BTreeMap<String, Vec<usize>>>,
    fit_id: FileId,
    /// Whether the layout read the fitting file since [`ReviewWorld::fit_slides`].
    fit_read: AtomicBool,
}

/// Parsed layout sources, shared by every world of the process: a review's team parts,
/// front matter, marks and every rebuild of a preview read the same layout, and parsing
/// it cost as much as a few slides' layout per world. A source is only taken from here
/// if its text is the file's.
fn parsed_sources() -> &'static Mutex<HashMap<FileId, Source>> {
    static PARSED: OnceLock<Mutex<HashMap<FileId, Source>>> = OnceLock::new();
    PARSED.get_or_init(Default::default)
}

/// Parses the embedded layout's sources into [`parsed_sources`] on a thread of its own,
/// so that the first compile finds them parsed: started with the renderer, it runs while
/// the main thread reads and checks the YAML, a few ms in which no core typesets yet;
/// else the first compiles of a review's teams both wait for the one that parses (9 M
/// instructions, a tenth of a small team's cost). A one-team preview took 42 ms instead
/// of 46, the two-team review 114 instead of 116 (41 and 61 alternated runs). Evaluating
/// the layout's slide functions there as well, as a first fitting pass would, gained
/// nothing more.
pub(crate) fn parse_ahead(layout: &Layout) {
    let sources = layout.embedded_sources();
    if sources.is_empty() {
        return;
    }
    std::thread::spawn(move || {
        for (name, text) in sources {
            let id = file_id(&format!("/{name}"));
            let source = Source::new(id, (*text).into());
            parsed_sources().lock().expect("source cache lock").entry(id).or_insert(source);
        }
    });
}

/// The id of a file at an absolute path inside the project.
pub(crate) fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("paths built by qreview are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl ReviewWorld {
    /// A world over `layout` serving `data` (path, JSON bytes) under `/data/`.
    pub(crate) fn new(
        layout: Layout,
        fonts: Arc<FontStore>,
        data: Vec<(String, Vec<u8>)>,
        today: Option<Datetime>,
    ) -> Self {
        Self::starting_at(layout, fonts, data, today, layout::MAIN)
    }

    /// A world whose document starts at the layout's file `main` instead of `main.typ`.
    pub(crate) fn starting_at(
        layout: Layout,
        fonts: Arc<FontStore>,
        data: Vec<(String, Vec<u8>)>,
        today: Option<Datetime>,
        main: &str,
    ) -> Self {
        static LIBRARY: OnceLock<Arc<LazyHash<Library>>> = OnceLock::new();
        let library = LIBRARY.get_or_init(|| Arc::new(LazyHash::new(Library::builder().build()))).clone();
        let data = data.into_iter().map(|(path, bytes)| (file_id(&path), Bytes::new(bytes))).collect();
        ReviewWorld {
            library,
            fonts,
            main: file_id(&format!("/{main}")),
            layout,
            data,
            today,
            fit: Mutex::new(None),
            fit_rows: Mutex::new(BTreeMap::new()),
            fit_id: file_id(document::FIT_FILE),
            fit_read: AtomicBool::new(false),
        }
    }

    /// Sets the slides at these autofit steps in the next compile, telling each the rows
    /// of its table in `whole_rows` (see `render::fit`).
    pub(crate) fn fit_slides(
        &self,
        slides: &BTreeMap<String, FitStep>,
        whole_rows: &BTreeMap<String, Vec<usize>>,
    ) {
        *self.fit.lock().expect("fit lock") = Some(slides.clone());
        whole_rows.clone_into(&mut self.fit_rows.lock().expect("fit rows lock"));
        self.fit_read.store(false, Ordering::Relaxed);
    }

    /// Whether the layout read the fitting file, or a slide's step, since
    /// [`ReviewWorld::fit_slides`]: a layout that does not, takes no part in fitting.
    pub(crate) fn fit_was_read(&self) -> bool {
        self.fit_read.load(Ordering::Relaxed)
    }

    /// Replaces the data files and the date for the next compile. Layout files are read
    /// again at every compile anyway (see [`World::source`]).
    pub(crate) fn update(&mut self, data: Vec<(String, Vec<u8>)>, today: Option<Datetime>) {
        self.data = data.into_iter().map(|(path, bytes)| (file_id(&path), Bytes::new(bytes))).collect();
        self.today = today;
    }

    /// How a file of this world is named in messages.
    pub(crate) fn display_name(&self, id: FileId) -> String {
        let vpath = id.vpath();
        if self.data.contains_key(&id) {
            format!("<data>{}", vpath.get_with_slash())
        } else {
            self.layout.display_name(vpath)
        }
    }

    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if let VirtualRoot::Package(package) = id.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                format!("packages such as {package} cannot be used: qreview works offline, layouts use plain Typst")
                    .into(),
            ))));
        }
        let slide = document::fit_step_slide(id.vpath().get_with_slash());
        if id == self.fit_id || slide.is_some() {
            self.fit_read.store(true, Ordering::Relaxed);
            if let Some(steps) = &*self.fit.lock().expect("fit lock") {
                let bytes = match slide {
                    Some(slide) => document::fit_step_file(steps.get(slide).copied()),
                    None => document::fit_file(Some(steps)).1,
                };
                return Ok(Bytes::new(bytes));
            }
        }
        if let Some(slide) = document::fit_rows_slide(id.vpath().get_with_slash())
            && self.fit.lock().expect("fit lock").is_some()
        {
            return Ok(Bytes::new(document::fit_rows_file(
                self.fit_rows.lock().expect("fit rows lock").get(slide),
            )));
        }
        if let Some(bytes) = self.data.get(&id) {
            return Ok(bytes.clone());
        }
        self.layout.read(id.vpath())
    }
}

impl World for ReviewWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        // Read every time, parsed only when it changed: an edited layout file is seen at
        // the next compile, an unchanged one is not parsed again.
        let bytes = self.read(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        let mut cache = parsed_sources().lock().expect("source cache lock");
        if let Some(source) = cache.get(&id).filter(|source| source.text() == text) {
            return Ok(source.clone());
        }
        let source = Source::new(id, text.into());
        cache.insert(id, source.clone());
        Ok(source)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The review's date, never the clock: the same input gives the same output.
        self.today
    }
}
