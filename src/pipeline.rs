//! The stages every command shares: load, validate, build the document, typeset.
//!
//! `check` stops after the document; `build`, `preview` and `batch` go on to typeset.
//! Keeping one path means `check` accepts exactly what `build` accepts.

use std::path::Path;
use std::sync::Arc;

use typst::foundations::Datetime;
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::PdfStandard;

use crate::diag::{Diagnostics, SourceMap};
use crate::document::{self, DeckKind, Document};
use crate::model::{LoadedReview, load_review};
use crate::render::{self, ExportSettings, Layout, ReviewWorld};
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

/// The layout and fonts decks are typeset with, shared by every compilation of a run.
#[derive(Clone)]
pub(crate) struct Typesetter {
    pub(crate) layout: Layout,
    pub(crate) fonts: Arc<FontStore>,
    pub(crate) standards: Vec<PdfStandard>,
}

impl Typesetter {
    pub(crate) fn new(layout: Layout, system_fonts: bool, standards: Vec<PdfStandard>) -> Self {
        let fonts = if system_fonts { render::fonts_with_system() } else { render::embedded_fonts() };
        Typesetter { layout, fonts, standards }
    }

    /// How a prepared deck is exported: its identifier, date and PDF standards.
    pub(crate) fn export_settings(&self, prepared: &Prepared) -> anyhow::Result<ExportSettings> {
        Ok(ExportSettings {
            ident: prepared.ident(),
            date: creation_date(&prepared.review)?,
            standards: self.standards.clone(),
        })
    }

    /// A world holding the prepared document's data.
    pub(crate) fn world(&self, prepared: &Prepared) -> anyhow::Result<ReviewWorld> {
        Ok(ReviewWorld::new(
            self.layout.clone(),
            self.fonts.clone(),
            prepared.document.data_files(),
            creation_date(&prepared.review)?,
        ))
    }

    /// Typesets a prepared document; Typst's problems go to `diagnostics`.
    pub(crate) fn typeset(
        &self,
        prepared: &Prepared,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> anyhow::Result<Option<PagedDocument>> {
        let world = self.world(prepared)?;
        Ok(render::typeset(&world, sources, diagnostics))
    }
}

/// The PDF's creation date: `SOURCE_DATE_EPOCH` if set, else the review's date. Never
/// the clock, so that the same input gives the same bytes.
pub(crate) fn creation_date(review: &Review) -> anyhow::Result<Option<Datetime>> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            anyhow::anyhow!("SOURCE_DATE_EPOCH must be whole seconds since 1970, not `{epoch}`")
        })?;
        return Ok(crate::dates::datetime_from_epoch(seconds));
    }
    Ok(review.date.and_then(|d| Datetime::from_ymd(d.year, d.month, d.day)))
}
