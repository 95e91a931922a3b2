//! The stages every command shares, as functions of the previous stage's type:
//! loaded files (`model`) → validated review (`validate`) → computed review (`compute`)
//! → document (`document`) → outputs (`render`).
//!
//! `check` and `kpis` stop at the document; `build`, `preview` and `batch` hand it to
//! the renderer. Keeping one path means `check` accepts exactly what `build` accepts.

use std::path::Path;

use crate::diag::{Diagnostics, SourceMap};
use crate::document::{self, DeckKind, Document};
use crate::model::{self, LoadedReview};
use crate::{compute, validate};

/// Reads the review at `input`; problems in its files go to `diagnostics`.
pub(crate) fn load(
    input: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<LoadedReview> {
    model::load_review(input, sources, diagnostics)
}

/// Reads the review at `input` for one team (see [`crate::model::load_review_for`]).
pub(crate) fn load_for(
    input: &Path,
    team: Option<&str>,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<LoadedReview> {
    model::load_review_for(input, team, sources, diagnostics)
}

/// Validates a loaded review, computes its figures and builds its document; `None`
/// when there are errors.
pub(crate) fn prepare(
    loaded: LoadedReview,
    kind: DeckKind,
    diagnostics: &mut Diagnostics,
) -> Option<Document> {
    let review = validate::validate(loaded, diagnostics)?;
    let computed = compute::compute(review, diagnostics);
    Some(document::build(computed, kind))
}

/// Load and prepare the whole review, as `build` and `check` do.
pub(crate) fn prepare_review(
    input: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<Option<Document>> {
    let loaded = load(input, sources, diagnostics)?;
    Ok(prepare(loaded, DeckKind::Review, diagnostics))
}

/// The bundled sample review's document, for the unit tests that typeset or inspect it.
#[cfg(test)]
pub(crate) fn sample_document() -> Document {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2015-16-q2");
    let (mut sources, mut diagnostics) = (SourceMap::default(), Diagnostics::default());
    prepare_review(&sample, &mut sources, &mut diagnostics).unwrap().expect("the sample is valid")
}
