//! `qreview batch`: every team's deck and the whole review, built in parallel.
//!
//! One job per team plus one for the review, spread over worker threads. Fonts and the
//! Typst library are loaded once and shared; each job has its own world. A job's
//! messages are kept until the end and printed in team order, so output never
//! interleaves; a broken team is listed, and the others are still built.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use comfy_table::{Cell, Color, Table, presets};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::BatchArgs;
use crate::diag::{self, Diagnostics, Severity, SourceMap};
use crate::document::DeckKind;
use crate::model::LoadedReview;
use crate::pipeline::{self, Typesetter};
use crate::render::{self, Format};

/// What a job builds.
#[derive(Debug, Clone)]
enum Job {
    /// A team that loaded: its index in `LoadedReview::teams`.
    Team(usize),
    /// A team file that did not load: its index in `LoadedReview::failed`.
    Broken(usize),
    /// The whole review.
    Review,
}

/// How a job ended, for the summary.
struct JobResult {
    name: String,
    output: PathBuf,
    slides: Option<usize>,
    warnings: usize,
    time: Duration,
    /// The diagnostics, rendered, to print after the progress bar.
    messages: String,
    error: Option<String>,
}

pub(crate) fn run(args: &BatchArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let typesetter = super::build::typesetter(&args.layout)?;
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create output folder `{}`", args.output.display()))?;

    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let loaded = pipeline::load(&args.input.input, &mut sources, &mut diagnostics)?;
    if diagnostics.has_errors() || (loaded.teams.is_empty() && loaded.failed.is_empty()) {
        diag::print(&sources, &diagnostics);
        eprintln!("error: the review cannot be read, so no deck was built");
        return Ok(ExitCode::FAILURE);
    }
    diag::print(&sources, &diagnostics);

    // The whole review is by far the longest job: started first, it runs beside the
    // team decks instead of after them.
    let mut queue = vec![Job::Review];
    queue.extend((0..loaded.teams.len()).map(Job::Team));
    queue.extend((0..loaded.failed.len()).map(Job::Broken));

    let progress = progress_bar(queue.len());
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<JobResult>>> = Mutex::new((0..queue.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(queue.len()) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = queue.get(index) else { break };
                    let result = run_job(job, &loaded, &sources, &typesetter, &args.output);
                    // Cache entries of finished decks will not be used again; evicting
                    // every few jobs keeps memory flat without contending on every one.
                    if matches!(job, Job::Review) || index.is_multiple_of(2) {
                        comemo::evict(2);
                    }
                    progress.set_message(result.name.clone());
                    progress.inc(1);
                    results.lock().expect("results lock")[index] = Some(result);
                }
            });
        }
    });
    progress.finish_and_clear();

    let results: Vec<JobResult> =
        results.into_inner().expect("results lock").into_iter().map(|r| r.expect("every job ran")).collect();
    // Reports in review order: the teams, then the whole review.
    let (review, teams) = results.split_first().expect("the review job is first");
    let ordered: Vec<&JobResult> = teams.iter().chain(std::iter::once(review)).collect();
    for result in ordered.iter().filter(|result| !result.messages.is_empty()) {
        eprint!("{}:\n{}", result.output.display(), result.messages);
    }
    println!("{}", summary_table(&ordered));
    let failed = results.iter().filter(|result| result.error.is_some()).count();
    eprintln!(
        "{} of {} decks built into {} in {:.2} s with {jobs} job(s)",
        results.len() - failed,
        results.len(),
        args.output.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn progress_bar(len: usize) -> ProgressBar {
    // Drawn only on a terminal: piped output stays clean.
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len as u64), target);
    if let Ok(style) = ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

fn run_job(
    job: &Job,
    loaded: &LoadedReview,
    sources: &SourceMap,
    typesetter: &Typesetter,
    outdir: &Path,
) -> JobResult {
    let started = Instant::now();
    let mut sources = sources.clone();
    let mut diagnostics = Diagnostics::default();
    let (name, output, kind, subset) = match job {
        Job::Team(index) => {
            let team = &loaded.teams[*index];
            let name = team.data.team.value.trim().to_owned();
            (name, outdir.join(format!("{}.pdf", team.slug)), DeckKind::Team, Some(loaded.only(*index)))
        }
        Job::Broken(index) => {
            let team = &loaded.failed[*index];
            for diagnostic in &team.diagnostics {
                diagnostics.push(diagnostic.clone());
            }
            (team.slug.clone(), outdir.join(format!("{}.pdf", team.slug)), DeckKind::Team, None)
        }
        Job::Review => {
            ("(whole review)".to_owned(), outdir.join("review.pdf"), DeckKind::Review, Some(loaded.clone()))
        }
    };
    let built =
        subset.map(|subset| build_deck(subset, kind, typesetter, &output, &mut sources, &mut diagnostics));
    let (slides, error) = match built {
        Some(Ok(Some(slides))) => (Some(slides), None),
        Some(Ok(None)) | None => (
            None,
            Some(match diagnostics.count(Severity::Error) {
                0 => "not built".to_owned(),
                n => format!("{n} error(s)"),
            }),
        ),
        Some(Err(err)) => (None, Some(format!("{err:#}"))),
    };
    JobResult {
        name,
        output,
        slides,
        warnings: diagnostics.count(Severity::Warning),
        time: started.elapsed(),
        messages: diag::render(&sources, &diagnostics),
        error,
    }
}

/// Validates, typesets and writes one deck; the number of slides when it was written.
fn build_deck(
    loaded: LoadedReview,
    kind: DeckKind,
    typesetter: &Typesetter,
    output: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<Option<usize>> {
    let Some(prepared) = pipeline::prepare(loaded, kind, diagnostics) else { return Ok(None) };
    let Some(document) = typesetter.typeset(&prepared, sources, diagnostics)? else { return Ok(None) };
    render::write(&document, Format::Pdf, output, &typesetter.export_settings(&prepared)?)?;
    Ok(Some(document.pages().len()))
}

fn summary_table(results: &[&JobResult]) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    // Piped output has no width, and a zero-size terminal collapses every column.
    if table.width().is_none_or(|width| width == 0) {
        table.set_width(100);
    }
    table.set_header(["team", "slides", "warnings", "time", "output or error"]);
    for result in results {
        let outcome = match &result.error {
            None => Cell::new(result.output.display()),
            Some(error) => Cell::new(format!("FAILED: {error}")).fg(Color::Red),
        };
        table.add_row(vec![
            Cell::new(&result.name),
            Cell::new(result.slides.map_or("-".to_owned(), |n| n.to_string())),
            Cell::new(result.warnings),
            Cell::new(format!("{} ms", result.time.as_millis())),
            outcome,
        ]);
    }
    table
}
