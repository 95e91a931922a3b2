//! `qreview build`: the review deck as one PDF.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::cli::{BuildArgs, OutputFormat, UsageError};
use crate::diag::{self, Diagnostics, SourceMap};
use crate::pipeline;
use crate::render::{Format, Paper, Renderer};

/// The build's settings, checked before any file is read.
struct BuildConfig {
    input: PathBuf,
    output: PathBuf,
    /// `--emit-typst`: write a Typst project instead of the PDF.
    emit: Option<PathBuf>,
    /// `--handout`: write the handout on this paper instead of the slides.
    handout: Option<Paper>,
    /// A PowerPoint deck rather than a PDF.
    pptx: bool,
    renderer: Renderer,
}

impl BuildConfig {
    fn from_args(args: &BuildArgs) -> anyhow::Result<Self> {
        let input = args.input.input.clone();
        let usage = |message: String| -> anyhow::Error { UsageError(message).into() };
        let named = args.output.as_deref().map(OutputFormat::of_name);
        let format = match (args.format, named) {
            (Some(format), _) => format,
            (None, Some(Some(format))) => format,
            (None, Some(None)) | (None, None) => OutputFormat::Pdf,
        };
        let pptx = match format {
            OutputFormat::Pdf => false,
            OutputFormat::Pptx => true,
            OutputFormat::Png | OutputFormat::Svg => {
                let name = args.output.as_deref().map(|o| format!("`{}`: ", o.display())).unwrap_or_default();
                return Err(usage(format!(
                    "{name}build writes a PDF or a PowerPoint deck, so the output name must end in .pdf or .pptx (for PNG or SVG slides, use `qreview preview --format`)"
                )));
            }
        };
        if pptx && args.handout {
            return Err(usage("the handout is a PDF: leave out `--format pptx` (or the .pptx name)".into()));
        }
        if pptx && !args.layout.pdf_standard.is_empty() {
            return Err(usage("--pdf-standard applies to PDF decks, not to a PowerPoint deck".into()));
        }
        if pptx && args.emit_typst.is_some() {
            return Err(usage("--emit-typst writes a Typst project, not a PowerPoint deck".into()));
        }
        let extension = if pptx { "pptx" } else { "pdf" };
        let output = match &args.output {
            Some(path) => path.clone(),
            None if args.handout => PathBuf::from(format!("{}-handout.pdf", default_stem(&input))),
            None => PathBuf::from(format!("{}.{extension}", default_stem(&input))),
        };
        if OutputFormat::of_name(&output) != Some(format) {
            return Err(usage(format!(
                "`{}`: build writes {}, so the output name must end in .{extension} (for PNG or SVG slides, use `qreview preview --format`)",
                output.display(),
                if pptx { "a PowerPoint deck" } else { "a PDF" },
            )));
        }
        let renderer = Renderer::new(super::settings::render_settings(&args.layout)?);
        let handout = args.handout.then_some(args.paper);
        Ok(BuildConfig { input, output, emit: args.emit_typst.clone(), handout, pptx, renderer })
    }
}

/// `samples/2015-16-q2` gives `2015-16-q2`; a team file gives its stem.
pub(crate) fn default_stem(input: &Path) -> String {
    let absolute = input.canonicalize().unwrap_or_else(|_| input.to_path_buf());
    let named = if absolute.file_name().is_some_and(|name| name == "review.yaml") {
        absolute.parent().map(Path::to_path_buf).unwrap_or(absolute)
    } else {
        absolute
    };
    named.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_else(|| "review".to_owned())
}

pub(crate) fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let config = BuildConfig::from_args(args)?;
    let started = Instant::now();
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let document = pipeline::prepare_review(&config.input, &mut sources, &mut diagnostics)?;
    if let Some(dir) = &config.emit {
        diag::print(&sources, &diagnostics);
        let Some(document) = document else {
            anyhow::bail!("{} was not written", dir.display());
        };
        super::outputs::typst_project(&document, &config.renderer, dir)?;
        return Ok(ExitCode::SUCCESS);
    }
    if config.pptx {
        diag::print(&sources, &diagnostics);
        let Some(document) = document else {
            anyhow::bail!("{} was not built", config.output.display());
        };
        let slides = super::outputs::powerpoint(&document, &config.renderer, &config.output)?;
        eprintln!(
            "wrote {}: {slides} slides, {} team(s) in {:.2} s",
            config.output.display(),
            document.teams.len(),
            started.elapsed().as_secs_f64()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let deck = document
        .as_ref()
        .and_then(|document| config.renderer.render(document, &mut sources, &mut diagnostics));
    diag::print(&sources, &diagnostics);
    let (Some(document), Some(deck)) = (document, deck) else {
        anyhow::bail!("{} was not built", config.output.display());
    };
    if let Some(paper) = config.handout {
        let handout = config.renderer.handout(&deck, &document, paper, &mut sources, &mut diagnostics);
        diag::print(&sources, &diagnostics);
        let Some(handout) = handout else {
            anyhow::bail!("{} was not built", config.output.display());
        };
        config.renderer.write(&handout, &document, Format::Pdf, &config.output)?;
        eprintln!(
            "wrote the handout {}: {} slides on {} pages in {:.2} s",
            config.output.display(),
            deck.slides(),
            handout.slides(),
            started.elapsed().as_secs_f64()
        );
        std::mem::forget((deck, handout));
        return Ok(ExitCode::SUCCESS);
    }
    config.renderer.write(&deck, &document, Format::Pdf, &config.output)?;
    config.renderer.write_notes(&deck, &config.output)?;
    eprintln!(
        "wrote {} (and its speaker notes, .pdfpc): {} slides, {} team(s) in {:.2} s",
        config.output.display(),
        deck.slides(),
        document.teams.len(),
        started.elapsed().as_secs_f64()
    );
    // The process ends here: freeing hundreds of laid-out pages would only add time.
    std::mem::forget(deck);
    Ok(ExitCode::SUCCESS)
}
