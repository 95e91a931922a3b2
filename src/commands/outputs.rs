//! Outputs that several commands write besides the Typst renderer's slides: the Typst
//! project (`--emit-typst`) and the PowerPoint deck.

use std::path::Path;

use crate::document::Document;
use crate::render::Renderer;

/// Writes the document as a Typst project into `dir`, and says so.
pub(crate) fn typst_project(document: &Document, renderer: &Renderer, dir: &Path) -> anyhow::Result<()> {
    renderer.emit(document, dir)?;
    eprintln!("wrote the Typst project {} (see its README.txt)", dir.display());
    Ok(())
}

/// Writes the document as a PowerPoint deck to `output`; its number of slides.
pub(crate) fn powerpoint(document: &Document, renderer: &Renderer, output: &Path) -> anyhow::Result<usize> {
    let (bytes, slides) = crate::pptx::presentation(document, renderer.creation_stamp(document))?;
    crate::output::write_atomically(output, &bytes)?;
    Ok(slides)
}
