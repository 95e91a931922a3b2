//! `qreview preview`: one team's slides, as PDF or as one image per slide, optionally
//! rebuilt on every save.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::cli::{PreviewArgs, UsageError};
use crate::diag::{self, Diagnostics, SourceMap};
use crate::document::DeckKind;
use crate::pipeline;
use crate::render::{Format, LivePreview, Renderer};
use crate::team_select::{self, Selected};
use crate::watch::FileWatcher;

/// The preview's settings, checked before any file is read.
struct PreviewConfig {
    input: PathBuf,
    team: Option<String>,
    format: Format,
    output: Option<PathBuf>,
    /// `--emit-typst`: write a Typst project instead of slides.
    emit: Option<PathBuf>,
    watch: bool,
}

impl PreviewConfig {
    fn from_args(args: &PreviewArgs) -> anyhow::Result<Self> {
        let format = match (args.format, &args.output) {
            (Some(format), _) => format,
            (None, Some(output)) if has_extension(output, "png") || has_extension(output, "svg") => {
                return Err(UsageError(format!(
                    "`{}`: PNG and SVG slides go into a folder; add `--format png` or `--format svg`",
                    output.display()
                ))
                .into());
            }
            (None, _) => Format::Pdf,
        };
        if let Some(output) = &args.output
            && format == Format::Pdf
            && !has_extension(output, "pdf")
        {
            return Err(
                UsageError(format!("`{}`: a PDF preview's name must end in .pdf", output.display())).into()
            );
        }
        Ok(PreviewConfig {
            input: args.input.input.clone(),
            team: args.team.clone(),
            format,
            output: args.output.clone(),
            emit: args.emit_typst.clone(),
            watch: args.watch,
        })
    }

    /// Where a team's preview goes: `<slug>.pdf`, or a `<slug>-slides` folder.
    fn output_for(&self, slug: &str) -> PathBuf {
        self.output.clone().unwrap_or_else(|| match self.format {
            Format::Pdf => PathBuf::from(format!("{slug}.pdf")),
            Format::Png | Format::Svg => PathBuf::from(format!("{slug}-slides")),
        })
    }
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

pub(crate) fn run(args: &PreviewArgs) -> anyhow::Result<ExitCode> {
    let config = PreviewConfig::from_args(args)?;
    let renderer = Renderer::new(super::settings::render_settings(&args.layout)?);
    let mut session = Session { config: &config, live: renderer.live(), renderer: &renderer };
    if !config.watch {
        session.rebuild(&mut Vec::new())?;
        return Ok(ExitCode::SUCCESS);
    }
    session.watch()
}

/// One preview, kept alive across rebuilds in watch mode: the live preview, and with it
/// Typst's caches, survive from one save to the next.
struct Session<'a> {
    config: &'a PreviewConfig,
    renderer: &'a Renderer,
    live: LivePreview<'a>,
}

impl Session<'_> {
    /// Reads the files again and writes the preview; `inputs` are set to the files whose
    /// change should trigger the next rebuild as soon as they are known. The problems
    /// in the files are printed; an error says the preview was not written.
    fn rebuild(&mut self, inputs: &mut Vec<PathBuf>) -> anyhow::Result<()> {
        let started = Instant::now();
        let mut sources = SourceMap::default();
        let mut diagnostics = Diagnostics::default();
        let loaded = pipeline::load_for(
            &self.config.input,
            self.config.team.as_deref(),
            &mut sources,
            &mut diagnostics,
        )?;
        *inputs = loaded.input_paths();

        let wanted = match (&self.config.team, loaded.review_path.is_some()) {
            (Some(team), _) => Some(team.clone()),
            (None, false) => None, // a single team file: that team
            (None, true) => {
                diag::print(&sources, &diagnostics);
                anyhow::bail!("name the team to preview with --team (a name or a file slug)");
            }
        };
        let selected = match wanted {
            Some(wanted) if !loaded.teams.is_empty() || !loaded.failed.is_empty() => {
                match team_select::select(&loaded, &wanted) {
                    Ok(selected) => Some(selected),
                    Err(message) => {
                        diag::print(&sources, &diagnostics);
                        anyhow::bail!(message);
                    }
                }
            }
            Some(_) => None,
            None => (!loaded.teams.is_empty()).then_some(Selected::Loaded(0)),
        };
        let document = match selected {
            Some(Selected::Loaded(index)) => {
                pipeline::prepare(loaded.only(index), DeckKind::Team, &mut diagnostics)
            }
            Some(Selected::Failed(index)) => {
                diagnostics.extend(loaded.failed[index].diagnostics.iter().cloned());
                None
            }
            None => None,
        };
        let Some(document) = document else {
            diag::print(&sources, &diagnostics);
            anyhow::bail!("the preview was not built");
        };
        if let Some(dir) = &self.config.emit {
            diag::print(&sources, &diagnostics);
            return super::build::emit(&document, self.renderer, dir);
        }
        let output = self.config.output_for(&document.entries[0].slug);
        let deck = self.live.render(&document, &mut sources, &mut diagnostics);
        diag::print(&sources, &diagnostics);
        let Some(deck) = deck else {
            anyhow::bail!("{} was not written", output.display());
        };
        self.renderer.write(&deck, &document, self.config.format, &output)?;
        eprintln!(
            "wrote {}: {} slides of {} in {:.1} ms",
            output.display(),
            deck.slides(),
            document.teams[0].name,
            started.elapsed().as_secs_f64() * 1000.0
        );
        Ok(())
    }

    /// Rebuilds on every change of an input or layout file, until interrupted.
    fn watch(&mut self) -> anyhow::Result<ExitCode> {
        let mut watcher = FileWatcher::new()?;
        loop {
            // Even an unreadable input is worth waiting on: it may be fixed.
            let mut paths = vec![self.config.input.clone()];
            if let Err(err) = self.rebuild(&mut paths) {
                diag::print_error(&err);
            }
            // Old cache entries would otherwise pile up with every rebuild.
            self.live.evict();
            paths.extend(self.renderer.layout().files());
            watcher.set_files(paths)?;
            eprintln!("watching for changes (Ctrl-C to stop)");
            watcher.wait()?;
        }
    }
}
