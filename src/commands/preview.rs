//! `qreview preview`: one team's slides, as PDF or as one image per slide, optionally
//! rebuilt on every save; or, with `--serve`, shown in the browser and updated there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use std::net::{IpAddr, Ipv4Addr};

use crate::cli::{OutputFormat, PreviewArgs, UsageError};
use crate::diag::{self, Diagnostics, Problem, SourceMap};
use crate::document::{DeckKind, Document};
use crate::pipeline;
use crate::render::{Deck, Format, LivePreview, Renderer, SvgCache};
use crate::serve::{PreviewServer, SlideEntry};
use crate::team_select::{self, Selected};
use crate::watch::FileWatcher;

/// The preview's settings, checked before any file is read.
struct PreviewConfig {
    input: PathBuf,
    team: Option<String>,
    format: OutputFormat,
    output: Option<PathBuf>,
    /// `--emit-typst`: write a Typst project instead of slides.
    emit: Option<PathBuf>,
    watch: bool,
    /// `--serve`: where to serve the live preview.
    serve: Option<(IpAddr, Option<u16>)>,
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
            (None, Some(output)) if has_extension(output, "pptx") => OutputFormat::Pptx,
            (None, _) => OutputFormat::Pdf,
        };
        for (wanted, ext, what) in
            [(OutputFormat::Pdf, "pdf", "a PDF"), (OutputFormat::Pptx, "pptx", "a PowerPoint")]
        {
            if let Some(output) = &args.output
                && format == wanted
                && !has_extension(output, ext)
            {
                return Err(UsageError(format!(
                    "`{}`: {what} preview's name must end in .{ext}",
                    output.display()
                ))
                .into());
            }
        }
        Ok(PreviewConfig {
            input: args.input.input.clone(),
            team: args.team.clone(),
            format,
            output: args.output.clone(),
            emit: args.emit_typst.clone(),
            watch: args.watch,
            serve: args.serve.then(|| (args.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)), args.port)),
        })
    }

    /// Where a team's preview goes: `<slug>.pdf`, or a `<slug>-slides` folder.
    fn output_for(&self, slug: &str) -> PathBuf {
        self.output.clone().unwrap_or_else(|| match self.format {
            OutputFormat::Pdf => PathBuf::from(format!("{slug}.pdf")),
            OutputFormat::Pptx => PathBuf::from(format!("{slug}.pptx")),
            OutputFormat::Png | OutputFormat::Svg => PathBuf::from(format!("{slug}-slides")),
        })
    }
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

pub(crate) fn run(args: &PreviewArgs) -> anyhow::Result<ExitCode> {
    let config = PreviewConfig::from_args(args)?;
    let renderer = Renderer::new(super::settings::render_settings(&args.layout)?).for_rebuilds();
    let server = match config.serve {
        Some((ip, port)) => {
            let server = PreviewServer::start(ip, port)?;
            if !ip.is_loopback() {
                eprintln!("warning: serving on {ip}: other machines that reach this one can see the slides");
            }
            eprintln!("serving the preview at {} (presenter view: {}presenter)", server.url(), server.url());
            Some(server)
        }
        None => None,
    };
    let mut session = Session {
        config: &config,
        live: renderer.live(),
        renderer: &renderer,
        server,
        problems: Vec::new(),
        pictures: SvgCache::default(),
    };
    if !config.watch && session.server.is_none() {
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
    /// `--serve`: the slides go to the browser, not to a file.
    server: Option<PreviewServer>,
    /// The errors of the last rebuild, for the browser's overlay.
    problems: Vec<Problem>,
    /// The last slides' pictures, for the browser.
    pictures: SvgCache,
}

impl Session<'_> {
    /// Reads the files again and writes the preview, or shows it in the browser;
    /// `inputs` are set to the files whose change should trigger the next rebuild as
    /// soon as they are known. The problems in the files are printed (and kept for the
    /// browser); an error says the preview was not written.
    fn rebuild(&mut self, inputs: &mut Vec<PathBuf>) -> anyhow::Result<()> {
        let started = Instant::now();
        let mut sources = SourceMap::default();
        let mut diagnostics = Diagnostics::default();
        self.problems.clear();
        let built = self.typeset(inputs, &mut sources, &mut diagnostics);
        diag::print(&sources, &diagnostics);
        self.problems = diag::problems(&sources, &diagnostics);
        let Some((document, deck)) = built? else { return Ok(()) };
        let name = match document.kind {
            DeckKind::Team => document.teams[0].name.clone(),
            DeckKind::Review => format!("{} {}", document.review.title, document.review.quarter),
        };
        let (wrote, what) = match &self.server {
            Some(server) => {
                let notes = deck.notes();
                let pictures = deck.svg_pages_cached(&mut self.pictures);
                let slides = pictures
                    .into_iter()
                    .zip(notes)
                    .map(|((hash, svg), notes)| SlideEntry::new(hash, svg, notes));
                server.show_slides(name.clone(), slides.collect());
                (server.url(), "showed")
            }
            None => {
                let output = self.config.output_for(&document.entries[0].slug);
                let format = match self.config.format {
                    OutputFormat::Pdf => Format::Pdf,
                    OutputFormat::Png => Format::Png,
                    OutputFormat::Svg => Format::Svg,
                    OutputFormat::Pptx => unreachable!("a PowerPoint preview is not typeset"),
                };
                self.renderer.write(&deck, &document, format, &output)?;
                (output.display().to_string(), "wrote")
            }
        };
        eprintln!(
            "{what} {wrote}: {} slides of {name} in {:.1} ms",
            deck.slides(),
            started.elapsed().as_secs_f64() * 1000.0
        );
        Ok(())
    }

    /// Loads, checks and typesets the deck to preview; `None` when it was written as a
    /// Typst project instead.
    fn typeset(
        &mut self,
        inputs: &mut Vec<PathBuf>,
        sources: &mut SourceMap,
        diagnostics: &mut Diagnostics,
    ) -> anyhow::Result<Option<(Document, Deck)>> {
        let whole_review = self.config.team.is_none() && self.server.is_some();
        let loaded = if whole_review {
            pipeline::load(&self.config.input, sources, diagnostics)?
        } else {
            pipeline::load_for(&self.config.input, self.config.team.as_deref(), sources, diagnostics)?
        };
        *inputs = loaded.input_paths();
        if whole_review && loaded.review_path.is_some() {
            let Some(document) = pipeline::prepare(loaded, DeckKind::Review, diagnostics) else {
                anyhow::bail!("the preview was not built");
            };
            let Some(deck) = self.renderer.render(&document, sources, diagnostics) else {
                anyhow::bail!("the preview was not built");
            };
            return Ok(Some((document, deck)));
        }
        let wanted = match (&self.config.team, loaded.review_path.is_some()) {
            (Some(team), _) => Some(team.clone()),
            (None, false) => None, // a single team file: that team
            (None, true) => anyhow::bail!("name the team to preview with --team (a name or a file slug)"),
        };
        let selected = match wanted {
            Some(wanted) if !loaded.teams.is_empty() || !loaded.failed.is_empty() => {
                Some(team_select::select(&loaded, &wanted).map_err(anyhow::Error::msg)?)
            }
            Some(_) => None,
            None => (!loaded.teams.is_empty()).then_some(Selected::Loaded(0)),
        };
        let document = match selected {
            Some(Selected::Loaded(index)) => {
                pipeline::prepare(loaded.only(index), DeckKind::Team, diagnostics)
            }
            Some(Selected::Failed(index)) => {
                diagnostics.extend(loaded.failed[index].diagnostics.iter().cloned());
                None
            }
            None => None,
        };
        let Some(document) = document else {
            anyhow::bail!("the preview was not built");
        };
        if let Some(dir) = &self.config.emit {
            super::outputs::typst_project(&document, self.renderer, dir)?;
            return Ok(None);
        }
        if self.config.format == OutputFormat::Pptx && self.server.is_none() {
            // The PowerPoint deck is written from the document, not from typeset pages.
            let output = self.config.output_for(&document.entries[0].slug);
            let slides = super::outputs::powerpoint(&document, self.renderer, &output)?;
            eprintln!("wrote {}: {slides} slides of {}", output.display(), document.teams[0].name);
            return Ok(None);
        }
        let Some(deck) = self.live.render(&document, sources, diagnostics) else {
            let what = match &self.server {
                Some(_) => "the preview".to_owned(),
                None => self.config.output_for(&document.entries[0].slug).display().to_string(),
            };
            anyhow::bail!("{what} was not written");
        };
        Ok(Some((document, deck)))
    }

    /// Rebuilds on every change of an input or layout file, until interrupted.
    fn watch(&mut self) -> anyhow::Result<ExitCode> {
        let mut watcher = FileWatcher::new()?;
        loop {
            // Even an unreadable input is worth waiting on: it may be fixed.
            let mut paths = vec![self.config.input.clone()];
            if let Err(err) = self.rebuild(&mut paths) {
                diag::print_error(&err);
                if let Some(server) = &self.server {
                    // Problems in the files say it all; else the error itself is the news.
                    let mut problems = std::mem::take(&mut self.problems);
                    if problems.is_empty() {
                        problems.push(Problem::plain(format!("{err:#}")));
                    }
                    server.show_problems(problems);
                }
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
