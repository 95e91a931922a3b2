//! The stages every command shares: load, validate, build the document.
//!
//! `check` stops here; `build` goes on to typeset. Keeping one path means `check`
//! accepts exactly what `build` accepts.

use std::path::Path;

use crate::diag::{Diagnostics, SourceMap};
use crate::document::{self, Document};
use crate::model::load_review;
use crate::validate::{self, Review};

/// A review read, validated and turned into the document.
pub(crate) struct Prepared {
    pub(crate) review: Review,
    pub(crate) document: Document,
}

/// Runs the stages up to the document. `Ok(None)` when the input has errors (they are
/// in `diagnostics`); `Err` when it cannot be read at all.
pub(crate) fn prepare(
    input: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<Option<Prepared>> {
    let loaded = load_review(input, sources, diagnostics)?;
    let Some(review) = validate::validate(loaded, diagnostics) else {
        return Ok(None);
    };
    let document = document::build(&review);
    Ok(Some(Prepared { review, document }))
}
