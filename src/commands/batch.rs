//! `qreview batch`: every team's deck and the whole review, built in parallel.
//!
//! Each team's slides are typeset once, as a part (see `render::assemble`), and serve
//! both the team's deck and the review's, which adds only its front matter. The jobs run
//! on a pool of `--jobs` threads that Typst's own parallel work shares, so `--jobs 1`
//! uses one core. Fonts and the Typst library are loaded once. A job's messages are kept
//! and printed in team order, so output never interleaves; a broken team is listed, and
//! the others are still built.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use comfy_table::{Cell, Color, Table, presets};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::cli::{BatchArgs, OutputFormat, UsageError};
use crate::diag::{self, Diagnostics, Severity, SourceMap};
use crate::document::{DeckKind, Document};
use crate::model::LoadedReview;
use crate::pipeline;
use crate::render::{Deck, Format, Renderer, TeamSlides};

/// What a job builds.
#[derive(Debug, Clone, Copy)]
enum Job {
    /// A team that loaded: its index in `LoadedReview::teams`.
    Team(usize),
    /// A team file that did not load: its index in `LoadedReview::failed`.
    Broken(usize),
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

/// A team's job between typesetting the team's slides and writing its deck.
struct TeamWork {
    name: String,
    output: PathBuf,
    /// Time spent on the team so far: the two halves of its job run apart.
    spent: Duration,
    sources: SourceMap,
    diagnostics: Diagnostics,
    /// `None` when the team's file did not load or is not valid.
    document: Option<Document>,
}

pub(crate) fn run(args: &BatchArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let pptx = match args.format {
        OutputFormat::Pdf => false,
        OutputFormat::Pptx => true,
        OutputFormat::Png | OutputFormat::Svg => {
            return Err(
                UsageError("a batch writes PDF or PowerPoint decks (--format pdf or pptx)".into()).into()
            );
        }
    };
    if pptx && !args.layout.pdf_standard.is_empty() {
        return Err(UsageError("--pdf-standard applies to PDF decks, not to PowerPoint decks".into()).into());
    }
    let extension = if pptx { "pptx" } else { "pdf" };
    let renderer = Renderer::new(super::settings::render_settings(&args.layout)?);
    if args.output.exists() && !args.output.is_dir() {
        anyhow::bail!("cannot write the decks into `{}`: it is a file, not a folder", args.output.display());
    }

    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let loaded = pipeline::load(&args.input.input, &mut sources, &mut diagnostics)?;
    if diagnostics.has_errors() || (loaded.teams.is_empty() && loaded.failed.is_empty()) {
        diag::print(&sources, &diagnostics);
        anyhow::bail!("the review cannot be read, so no deck was built");
    }
    diag::print(&sources, &diagnostics);
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create output folder `{}`", args.output.display()))?;

    let mut queue: Vec<Job> = (0..loaded.teams.len()).map(Job::Team).collect();
    queue.extend((0..loaded.failed.len()).map(Job::Broken));
    let slugs = queue.iter().map(|job| match *job {
        Job::Team(index) => loaded.teams[index].slug.as_str(),
        Job::Broken(index) => loaded.failed[index].slug.as_str(),
    });
    let outputs: Vec<PathBuf> =
        deck_names(slugs, extension).iter().map(|name| args.output.join(name)).collect();
    let jobs = workers(args.jobs, queue.len() + 1);
    // Two steps per team (its slides, its deck) and one for the review.
    let progress = progress_bar(2 * queue.len() + 1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("cannot start the worker threads")?;
    let (teams, review) = pool.install(|| {
        // First every team's slides, then, side by side, the review's deck from them and
        // the teams' decks: the review is the longest single job, and would otherwise
        // end the batch with one thread busy and the others idle.
        // The review is validated and its data built meanwhile: the review's own job
        // then only typesets and writes.
        let ((mut works, parts), review): ((Vec<TeamWork>, Vec<TeamPart>), ReviewWork) = rayon::join(
            || {
                queue
                    .par_iter()
                    .zip(&outputs)
                    .map(|(job, output)| {
                        let typeset = typeset_team(*job, &loaded, &sources, (&renderer, pptx), output);
                        progress.set_message(typeset.0.name.clone());
                        progress.inc(1);
                        typeset
                    })
                    .unzip()
            },
            || prepare_review(&loaded),
        );
        let (review, teams) = rayon::join(
            || {
                let output = args.output.join(format!("{REVIEW_DECK}.{extension}"));
                let review = run_review(review, &loaded, &parts, &sources, (&renderer, pptx), output);
                progress.inc(1);
                review
            },
            || {
                works
                    .par_iter_mut()
                    .zip(&parts)
                    .map(|(work, part)| {
                        let result = write_team(work, part.as_ref(), (&renderer, pptx));
                        progress.set_message(result.name.clone());
                        progress.inc(1);
                        result
                    })
                    .collect::<Vec<JobResult>>()
            },
        );
        // Like the decks, the teams' slides are left for the end of the process.
        std::mem::forget(parts);
        (teams, review)
    });
    progress.finish_and_clear();

    // Reports in review order: the teams, then the whole review.
    let ordered: Vec<&JobResult> = teams.iter().chain(std::iter::once(&review)).collect();
    for result in ordered.iter().filter(|result| !result.messages.is_empty()) {
        eprint!("{}:\n{}", result.output.display(), result.messages);
    }
    println!("{}", summary_table(&ordered));
    let failed = ordered.iter().filter(|result| result.error.is_some()).count();
    eprintln!(
        "{} of {} decks built into {} in {:.2} s with {jobs} job(s)",
        ordered.len() - failed,
        ordered.len(),
        args.output.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// A team's slides, typeset once for its deck and the review's.
type TeamPart = Option<TeamSlides>;

/// The file name of the whole review's deck in the output folder, without its extension.
const REVIEW_DECK: &str = "review";

/// The decks' file names, in order: `<slug>.pdf`, unless that name is the whole review's
/// or an earlier team's (in any case, for file systems that ignore it); then `<slug>-2.pdf`
/// and so on. No two decks of a run share a file.
fn deck_names<'a>(slugs: impl Iterator<Item = &'a str>, extension: &str) -> Vec<String> {
    let mut taken = std::collections::HashSet::from([format!("{REVIEW_DECK}.{extension}")]);
    slugs
        .map(|slug| {
            let name =
                (1..)
                    .map(|n| {
                        if n == 1 { format!("{slug}.{extension}") } else { format!("{slug}-{n}.{extension}") }
                    })
                    .find(|name| !taken.contains(&name.to_lowercase()))
                    .unwrap_or_default();
            taken.insert(name.to_lowercase());
            name
        })
        .collect()
}

/// How many threads to start: as asked (by default one per core), but never more than
/// there are decks to build or cores to run them on, which would only cost time.
fn workers(asked: Option<u16>, decks: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    asked.map_or(cores, usize::from).min(cores).min(decks).max(1)
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

/// Validates a team and typesets its slides.
fn typeset_team(
    job: Job,
    loaded: &LoadedReview,
    sources: &SourceMap,
    (renderer, pptx): (&Renderer, bool),
    output: &Path,
) -> (TeamWork, TeamPart) {
    let started = Instant::now();
    let mut work = TeamWork {
        name: String::new(),
        output: output.to_path_buf(),
        spent: Duration::ZERO,
        sources: sources.clone(),
        diagnostics: Diagnostics::default(),
        document: None,
    };
    let index = match job {
        Job::Team(index) => index,
        Job::Broken(index) => {
            let team = &loaded.failed[index];
            work.diagnostics.extend(team.diagnostics.iter().cloned());
            work.name = team.slug.clone();
            return (work, None);
        }
    };
    work.name = loaded.teams[index].data.team.value.trim().to_owned();
    work.document = pipeline::prepare(loaded.only(index), DeckKind::Team, &mut work.diagnostics);
    if let Some(document) = &work.document {
        // The validated name, should validation ever change it.
        work.name = document.teams[0].name.clone();
    }
    // A PowerPoint deck is written from the document: nothing to typeset.
    let part = work
        .document
        .as_ref()
        .filter(|_| !pptx)
        .and_then(|document| renderer.team_slides(document, &mut work.sources, &mut work.diagnostics));
    work.spent = started.elapsed();
    (work, part)
}

/// Marks and writes a team's deck.
fn write_team(
    work: &mut TeamWork,
    part: Option<&TeamSlides>,
    (renderer, pptx): (&Renderer, bool),
) -> JobResult {
    let started = Instant::now();
    let built = match (&work.document, part) {
        (Some(document), _) if pptx => super::outputs::powerpoint(document, renderer, &work.output).map(Some),
        (Some(document), Some(part)) => {
            let deck = renderer.team_deck(part, &mut work.sources, &mut work.diagnostics);
            write(document, deck, renderer, &work.output)
        }
        _ => Ok(None),
    };
    let time = work.spent + started.elapsed();
    job_result(work.name.clone(), work.output.clone(), time, built, &work.sources, &work.diagnostics)
}

/// The review's job before typesetting: validated, its data built.
struct ReviewWork {
    spent: Duration,
    diagnostics: Diagnostics,
    /// `None` when the review is not valid.
    document: Option<Document>,
}

fn prepare_review(loaded: &LoadedReview) -> ReviewWork {
    let started = Instant::now();
    let mut diagnostics = Diagnostics::default();
    let document = pipeline::prepare(loaded.clone(), DeckKind::Review, &mut diagnostics);
    ReviewWork { spent: started.elapsed(), diagnostics, document }
}

/// The review's deck: from the teams' slides when there are all of them, else in one piece.
fn run_review(
    work: ReviewWork,
    loaded: &LoadedReview,
    parts: &[TeamPart],
    sources: &SourceMap,
    (renderer, pptx): (&Renderer, bool),
    output: PathBuf,
) -> JobResult {
    let started = Instant::now();
    let mut sources = sources.clone();
    let ReviewWork { spent, mut diagnostics, document } = work;
    let built = match document {
        Some(document) if pptx => super::outputs::powerpoint(&document, renderer, &output).map(Some),
        Some(document) => {
            // Only the teams that loaded have slides, in review order.
            let teams: Option<Vec<&TeamSlides>> =
                parts.iter().take(loaded.teams.len()).map(Option::as_ref).collect();
            let deck = match teams {
                Some(teams) => renderer.review_from(&document, &teams, &mut sources, &mut diagnostics),
                None => renderer.render(&document, &mut sources, &mut diagnostics),
            };
            write(&document, deck, renderer, &output)
        }
        None => Ok(None),
    };
    let time = spent + started.elapsed();
    job_result("(whole review)".to_owned(), output, time, built, &sources, &diagnostics)
}

/// Writes a typeset deck as PDF; its number of slides.
fn write(
    document: &Document,
    deck: Option<Deck>,
    renderer: &Renderer,
    output: &Path,
) -> anyhow::Result<Option<usize>> {
    let Some(deck) = deck else { return Ok(None) };
    renderer.write(&deck, document, Format::Pdf, output)?;
    renderer.write_notes(&deck, output)?;
    let slides = deck.slides();
    // The batch ends soon: freeing the laid-out pages one by one would only add time.
    std::mem::forget(deck);
    Ok(Some(slides))
}

fn job_result(
    name: String,
    output: PathBuf,
    time: Duration,
    built: anyhow::Result<Option<usize>>,
    sources: &SourceMap,
    diagnostics: &Diagnostics,
) -> JobResult {
    let (slides, error) = match built {
        Ok(Some(slides)) => (Some(slides), None),
        Ok(None) => (
            None,
            Some(match diagnostics.count(Severity::Error) {
                0 => "not built".to_owned(),
                n => format!("{n} error(s)"),
            }),
        ),
        Err(err) => (None, Some(format!("{err:#}"))),
    };
    JobResult {
        name,
        output,
        slides,
        warnings: diagnostics.count(Severity::Warning),
        time,
        messages: diag::render(sources, diagnostics),
        error,
    }
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

#[cfg(test)]
mod tests {
    use super::{deck_names, workers};

    #[test]
    fn no_two_decks_share_a_file() {
        let names = deck_names(["review", "a", "A", "review-2", "a"].into_iter(), "pdf");
        assert_eq!(names, ["review-2.pdf", "a.pdf", "A-2.pdf", "review-2-2.pdf", "a-3.pdf"]);
    }

    #[test]
    fn never_more_workers_than_decks_or_cores() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(workers(Some(4096), 3), cores.min(3));
        assert_eq!(workers(Some(65535), 1), 1);
        assert_eq!(workers(None, 100), cores);
        assert_eq!(workers(Some(1), 100), 1);
    }
}
