//! Typeset pages to files: one PDF, or one PNG or SVG per slide.

use std::path::Path;

use rayon::prelude::*;
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::output::{write_atomically, write_folder_atomically};

/// What the Typst renderer writes a deck as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// One PDF file
    Pdf,
    /// One PNG image per slide, in a folder
    Png,
    /// One SVG image per slide, in a folder
    Svg,
}

/// Pixels per point of PNG slides: 2 gives 1440 × 810 pixels for a 16:9 slide.
const PNG_PIXELS_PER_POINT: f32 = 2.0;

/// How a deck is exported, beyond its pages.
#[derive(Debug, Clone)]
pub(crate) struct ExportSettings {
    /// A stable identifier of the document (same review, same identifier).
    pub(crate) ident: String,
    /// The creation date; never the clock, so output is reproducible.
    pub(crate) date: Option<Datetime>,
    /// PDF standards to conform to, such as PDF/A-2b and PDF/UA-1.
    pub(crate) standards: Vec<PdfStandard>,
}

/// Parses a PDF standard as Typst names it (`a-2b`, `ua-1`, `1.7`).
pub(crate) fn parse_standard(name: &str) -> Result<PdfStandard, String> {
    serde_json::from_value(serde_json::Value::String(name.trim().to_lowercase())).map_err(|_| {
        format!(
            "`{name}` is not a PDF standard Typst knows; use one of 1.4, 1.5, 1.6, 1.7, 2.0, a-1b, a-1a, a-2b, a-2u, a-2a, a-3b, a-3u, a-3a, a-4, a-4f, a-4e, ua-1"
        )
    })
}

/// Whether PDF standards can be combined in one file: why not, when not.
pub(crate) fn check_standards(standards: &[PdfStandard]) -> Result<(), String> {
    combined(standards).map(|_| ())
}

fn combined(standards: &[PdfStandard]) -> Result<PdfStandards, String> {
    PdfStandards::new(standards)
        .map_err(|err| format!("these PDF standards cannot be combined: {}", err.message()))
}

/// The PDF of a document.
pub(crate) fn pdf(document: &PagedDocument, settings: &ExportSettings) -> anyhow::Result<Vec<u8>> {
    let standards = combined(&settings.standards).map_err(anyhow::Error::msg)?;
    let options = PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        creator: Smart::Custom(Some(format!("qreview {}", env!("CARGO_PKG_VERSION")))),
        timestamp: settings.date.map(Timestamp::new_utc),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        let messages: Vec<String> = errors
            .iter()
            .map(|error| {
                let hints: Vec<String> =
                    error.hints.iter().map(|hint| format!(" (hint: {})", hint.v)).collect();
                format!("{}{}", error.message, hints.concat())
            })
            .collect();
        anyhow::anyhow!("cannot export the PDF: {}", messages.join("; "))
    })
}

/// Writes a document to `target`: a file for PDF, a folder of `slide-NN.ext` files for
/// images (numbered with as many digits as the last slide needs, so that they sort).
pub(crate) fn write(
    document: &PagedDocument,
    format: Format,
    target: &Path,
    settings: &ExportSettings,
) -> anyhow::Result<()> {
    let pages = document.pages();
    let digits = pages.len().to_string().len().max(2);
    let name = |index: usize, ext: &str| format!("slide-{:0digits$}.{ext}", index + 1);
    match format {
        Format::Pdf => write_atomically(target, &pdf(document, settings)?),
        Format::Png => {
            let options = typst_render::RenderOptions {
                pixel_per_pt: f64::from(PNG_PIXELS_PER_POINT).into(),
                ..typst_render::RenderOptions::default()
            };
            // Each page rasterised and compressed on its own core: serial, a one-team
            // preview's seven PNG slides took 250 ms.
            let files = pages
                .par_iter()
                .enumerate()
                .map(|(index, page)| {
                    let png = typst_render::render(page, &options)
                        .encode_png()
                        .map_err(|err| anyhow::anyhow!("cannot encode slide {} as PNG: {err}", index + 1))?;
                    Ok((name(index, "png"), png))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            write_folder_atomically(target, &files)
        }
        Format::Svg => {
            let files: Vec<(String, Vec<u8>)> = pages
                .par_iter()
                .enumerate()
                .map(|(index, page)| {
                    (name(index, "svg"), typst_svg::svg(page, &typst_svg::SvgOptions::default()).into_bytes())
                })
                .collect();
            write_folder_atomically(target, &files)
        }
    }
}
