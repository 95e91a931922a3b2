//! `qreview build`: the review deck as one PDF.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::cli::{BuildArgs, LayoutArgs};
use crate::diag::{self, Diagnostics, SourceMap};
use crate::pipeline::{self, Typesetter};
use crate::render::{self, Format, Layout};

/// The build's settings, checked before any file is read.
struct BuildConfig {
    input: PathBuf,
    output: PathBuf,
    typesetter: Typesetter,
}

impl BuildConfig {
    fn from_args(args: &BuildArgs) -> anyhow::Result<Self> {
        let input = args.input.input.clone();
        let output = match &args.output {
            Some(path) => path.clone(),
            None => PathBuf::from(format!("{}.pdf", default_stem(&input))),
        };
        match output.extension().and_then(|ext| ext.to_str()).map(str::to_ascii_lowercase) {
            Some(ext) if ext == "pdf" => {}
            _ => anyhow::bail!(
                "`{}`: build writes a PDF, so the output name must end in .pdf (for PNG or SVG slides, use `qreview preview --format`)",
                output.display()
            ),
        }
        Ok(BuildConfig { input, output, typesetter: typesetter(&args.layout)? })
    }
}

/// The layout and fonts chosen by `--layout` and `--system-fonts`.
pub(crate) fn typesetter(args: &LayoutArgs) -> anyhow::Result<Typesetter> {
    let layout = match &args.layout {
        Some(folder) => Layout::folder(folder)?,
        None => Layout::Embedded,
    };
    Ok(Typesetter::new(layout, args.system_fonts, args.pdf_standard.clone()))
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

/// Writes the prepared deck as a Typst project into `dir`.
pub(crate) fn emit(
    prepared: &pipeline::Prepared,
    typesetter: &Typesetter,
    dir: &Path,
) -> anyhow::Result<ExitCode> {
    let date = pipeline::creation_date(&prepared.review)?;
    render::emit_project(dir, &typesetter.layout, &prepared.document.data_files(), date)?;
    eprintln!("wrote the Typst project {} (see its README.txt)", dir.display());
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run(args: &BuildArgs) -> anyhow::Result<ExitCode> {
    let config = BuildConfig::from_args(args)?;
    let started = Instant::now();
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let prepared = pipeline::prepare_review(&config.input, &mut sources, &mut diagnostics)?;
    if let Some(dir) = &args.emit_typst {
        diag::print(&sources, &diagnostics);
        let Some(prepared) = prepared else {
            anyhow::bail!("{} was not written", dir.display());
        };
        return emit(&prepared, &config.typesetter, dir);
    }
    let document = match &prepared {
        Some(prepared) => config.typesetter.typeset(prepared, &mut sources, &mut diagnostics)?,
        None => None,
    };
    diag::print(&sources, &diagnostics);
    let (Some(prepared), Some(document)) = (prepared, document) else {
        anyhow::bail!("{} was not built", config.output.display());
    };
    render::write(&document, Format::Pdf, &config.output, &config.typesetter.export_settings(&prepared)?)?;
    eprintln!(
        "wrote {}: {} slides, {} team(s) in {:.2} s",
        config.output.display(),
        document.pages().len(),
        prepared.review.teams.len(),
        started.elapsed().as_secs_f64()
    );
    // The process ends here: freeing hundreds of laid-out pages would only add time.
    std::mem::forget(document);
    Ok(ExitCode::SUCCESS)
}
