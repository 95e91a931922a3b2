//! The Typst renderer: the document as JSON in, pages out as PDF, PNG, SVG or a Typst
//! project, Typst's diagnostics translated. Commands reach it through [`Renderer`]
//! alone; the rest of this module is its inside.

mod browser_svg;
mod emit;
mod export;
mod fit;
mod fonts;
mod handout;
mod inspect;
mod layout;
#[cfg(test)]
mod look_tests;
mod notes;
mod parts;
#[cfg(test)]
mod plain_tests;
mod renderer;
mod slides;
mod world;

pub(crate) use export::{Format, check_standards, parse_standard};
pub(crate) use fonts::embedded_files as embedded_font_files;
pub(crate) use handout::Paper;
pub(crate) use layout::Layout;
pub(crate) use renderer::{Deck, LivePreview, RenderSettings, Renderer, SvgCache, TeamSlides};

use std::collections::HashMap;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic, SourceResult, Tracepoint, Warned};
use typst::syntax::FileId;
use typst_layout::PagedDocument;

use world::ReviewWorld;

use crate::diag::{Diagnostic, Diagnostics, Loc, Severity, SourceMap};

/// Compiles the world's document and checks its pages. Typst's errors and warnings, and
/// the pages' problems, go to `diagnostics`.
fn typeset(
    world: &ReviewWorld,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Option<PagedDocument> {
    let document = compile(world, sources, diagnostics)?;
    check_pages(&document, diagnostics);
    Some(document)
}

/// Compiles the world's document. Typst's errors and warnings go to `diagnostics`.
fn compile(
    world: &ReviewWorld,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Option<PagedDocument> {
    report(world, compile_raw(world), sources, diagnostics)
}

/// Compiles the world's document, keeping Typst's problems as Typst gives them: worlds
/// compiled in parallel report theirs afterwards, in order, with [`report`].
fn compile_raw(world: &ReviewWorld) -> Warned<SourceResult<PagedDocument>> {
    fit::compile(world)
}

/// The document of a [`compile_raw`], its problems passed to `diagnostics`.
fn report<T>(
    world: &ReviewWorld,
    result: Warned<SourceResult<T>>,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let mut files = HashMap::new();
    let mut translate = |list: &[SourceDiagnostic], diagnostics: &mut Diagnostics| {
        for diagnostic in list {
            diagnostics.push(translate(world, sources, &mut files, diagnostic));
        }
    };
    translate(&result.warnings, diagnostics);
    match result.output {
        Ok(document) => Some(document),
        Err(errors) => {
            translate(&errors, diagnostics);
            None
        }
    }
}

/// Warns of text that runs off a slide or has no glyph, on a finished deck (its slide
/// numbers are the ones the warnings give).
fn check_pages(document: &PagedDocument, diagnostics: &mut Diagnostics) {
    for (page, text) in inspect::text_off_page(document) {
        diagnostics.push(Diagnostic::warning(None, format!("text runs off slide {page}: \"{text}\"")));
    }
    let missing = inspect::missing_glyphs(document);
    if !missing.is_empty() {
        let list: String = missing.iter().map(|c| format!("{c} (U+{:04X}) ", u32::from(*c))).collect();
        diagnostics.push(
            Diagnostic::warning(
                None,
                format!(
                    "no bundled font has these characters; they show as empty boxes: {}",
                    list.trim_end()
                ),
            )
            .with_hint("`--system-fonts` also uses the fonts installed on this machine"),
        );
    }
}

fn translate(
    world: &ReviewWorld,
    sources: &mut SourceMap,
    files: &mut HashMap<FileId, crate::diag::FileRef>,
    diagnostic: &SourceDiagnostic,
) -> Diagnostic {
    let severity = match diagnostic.severity {
        TypstSeverity::Error => Severity::Error,
        TypstSeverity::Warning => Severity::Warning,
    };
    let loc = diagnostic.span.id().and_then(|id| {
        let range = world.range(diagnostic.span)?;
        let file = match files.get(&id) {
            Some(file) => *file,
            None => {
                let text = typst::World::source(world, id).ok()?.text().to_owned();
                let file = sources.add(world.display_name(id), text);
                files.insert(id, file);
                file
            }
        };
        Some(Loc { file, range })
    });
    let mut result = Diagnostic {
        severity,
        loc,
        message: diagnostic.message.to_string(),
        hints: diagnostic.hints.iter().map(|hint| hint.v.to_string()).collect(),
        related: Vec::new(),
    };
    for point in &diagnostic.trace {
        let text = match &point.v {
            Tracepoint::Call(Some(name)) => format!("error occurred in this call of function `{name}`"),
            Tracepoint::Call(None) => "error occurred in this function call".to_owned(),
            Tracepoint::Show(name) => format!("error occurred while applying show rule to this {name}"),
            Tracepoint::Import(_) | Tracepoint::Include(_) => continue,
        };
        let place = world
            .range(point.span)
            .zip(point.span.id())
            .and_then(|(range, id)| files.get(&id).map(|file| (*file, range)))
            .map(|(file, range)| {
                let (line, column) = sources.line_column(&Loc { file, range });
                format!(" ({}:{line}:{column})", sources.name(file))
            })
            .unwrap_or_default();
        result.hints.push(format!("{text}{place}"));
    }
    result
}
