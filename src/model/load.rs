//! Reading a review folder (or a single team file) into format-v1 types.
//!
//! Every file goes into the [`SourceMap`] first, so that any problem found later can
//! point into it. Problems with one file are recorded and the other files are still read:
//! a run reports everything that is wrong, not only the first thing.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use anyhow::bail;
use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::{Quarter, ReviewFile, Spanned, TeamFile};
use crate::diag::{Diagnostic, Diagnostics, FileRef, Loc, SourceMap, io_reason};

/// Larger files are refused before parsing: no team writes megabytes of YAML, and
/// reading one should not take the machine's memory.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The meeting-wide settings, from `review.yaml` or defaults for a single team file.
#[derive(Debug, Clone)]
pub(crate) struct ReviewMeta {
    pub(crate) title: String,
    pub(crate) organization: Option<String>,
    pub(crate) department: Option<String>,
    pub(crate) quarter: Option<(Quarter, Loc)>,
    pub(crate) fiscal_year_start: Option<(u8, Loc)>,
    pub(crate) date: Option<(String, Loc)>,
    pub(crate) footer: Option<String>,
    pub(crate) workflow_types: Vec<(String, String)>,
}

/// A review as read from disk, before validation.
#[derive(Debug, Clone)]
pub(crate) struct LoadedReview {
    pub(crate) meta: ReviewMeta,
    pub(crate) teams: Vec<LoadedTeam>,
    /// Team files that could not be read or parsed, with their problems. They are kept
    /// apart so that previewing or batch-building one team is not stopped by another.
    pub(crate) failed: Vec<FailedTeam>,
    /// `review.yaml`, when the review has one.
    pub(crate) review_path: Option<PathBuf>,
}

/// A team file that could not be read, and why.
#[derive(Debug, Clone)]
pub(crate) struct FailedTeam {
    pub(crate) slug: String,
    pub(crate) path: PathBuf,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl LoadedReview {
    fn empty(review_path: PathBuf) -> Self {
        LoadedReview {
            meta: ReviewMeta::untitled(),
            teams: Vec::new(),
            failed: Vec::new(),
            review_path: Some(review_path),
        }
    }

    /// The files a watcher rebuilds on: `review.yaml` and every team file.
    pub(crate) fn input_paths(&self) -> Vec<PathBuf> {
        let teams = self.teams.iter().map(|team| team.path.clone());
        let failed = self.failed.iter().map(|team| team.path.clone());
        self.review_path.iter().cloned().chain(teams).chain(failed).collect()
    }

    /// The same review with only the team at `index` of `teams`.
    pub(crate) fn only(&self, index: usize) -> LoadedReview {
        LoadedReview {
            meta: self.meta.clone(),
            teams: vec![self.teams[index].clone()],
            failed: Vec::new(),
            review_path: self.review_path.clone(),
        }
    }
}

/// One team file as read from disk.
#[derive(Debug, Clone)]
pub(crate) struct LoadedTeam {
    /// The file stem, e.g. `release-engineering`.
    pub(crate) slug: String,
    pub(crate) path: PathBuf,
    pub(crate) file: FileRef,
    pub(crate) data: TeamFile,
}

/// Reads the review at `input`: a folder with `review.yaml`, `review.yaml` itself, or a
/// single team file. Problems in the files go to `diagnostics`; an input that cannot be
/// read at all is an error.
pub(crate) fn load_review(
    input: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<LoadedReview> {
    load_review_for(input, None, sources, diagnostics)
}

/// Like [`load_review`], but when `only` is the slug of a listed team (in any case),
/// reads just that team's file: a preview of one team of a large review reads one file,
/// and only that file's saves matter to a watch.
pub(crate) fn load_review_for(
    input: &Path,
    only: Option<&str>,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<LoadedReview> {
    let metadata = fs::metadata(input)
        .map_err(|err| anyhow::anyhow!("cannot read `{}`: {}", input.display(), io_reason(&err)))?;
    let review_path = if metadata.is_dir() {
        let path = input.join("review.yaml");
        if !path.is_file() {
            bail!(
                "`{}` is not a review folder: it has no review.yaml (give a review folder or a team file)",
                input.display()
            );
        }
        path
    } else if input.file_name().is_some_and(|name| name == "review.yaml") {
        input.to_path_buf()
    } else {
        return load_single_team(input, sources, diagnostics);
    };

    let Some(review_file) = read_source(&review_path, None, sources, diagnostics) else {
        return Ok(LoadedReview::empty(review_path));
    };
    let Some(review) = parse::<ReviewFile>(sources, review_file, diagnostics) else {
        return Ok(LoadedReview::empty(review_path));
    };

    let root = review_path.parent().unwrap_or(Path::new("."));
    // The files are read in order, into the source map; then parsed on every core (a
    // 500-team review spent a third of `qreview check` parsing); then put together in
    // order again, so that messages and teams keep the review's order.
    let mut read: Vec<ReadTeam> = Vec::new();
    let listed = |wanted: &str| {
        review.teams.value.iter().any(|entry| same_slug(&slug_of(Path::new(&entry.value)), wanted))
    };
    let only = only.filter(|wanted| listed(wanted));
    // Each team once: by its slug, which names its deck and its data, in any case. Looked
    // up by key, not compared with each team before (a 500-team review spent 75 ms so).
    let mut seen: HashMap<String, &Spanned<String>> = HashMap::new();
    for entry in &review.teams.value {
        let loc = Loc::of(review_file, entry);
        let slug = slug_of(Path::new(&entry.value));
        let key = slug_key(&slug);
        if let Some(first) = seen.get(&key) {
            let message = if Path::new(&first.value).components().eq(Path::new(&entry.value).components()) {
                format!("`{}` is listed twice", entry.value)
            } else {
                format!(
                    "`{}` and `{}` are both team `{slug}`: team files need names of their own",
                    first.value, entry.value
                )
            };
            diagnostics.push(
                Diagnostic::error(loc, message)
                    .with_related(Loc::of(review_file, *first), "first listed here")
                    .with_hint("list each team file once"),
            );
            continue;
        }
        seen.insert(key, entry);
        if let Some(wanted) = only
            && !same_slug(&slug, wanted)
        {
            continue;
        }
        let mut problems = Diagnostics::default();
        let path = team_path(root, &entry.value, &loc, &mut problems);
        let file = path.as_ref().and_then(|path| read_source(path, Some(loc), sources, &mut problems));
        read.push(ReadTeam { written: &entry.value, path, file, problems });
    }
    let parsed: Vec<Option<TeamFile>> = read
        .par_iter_mut()
        .map(|team| team.file.and_then(|file| parse_team(sources, file, &mut team.problems)))
        .collect();
    let mut teams = Vec::new();
    let mut failed = Vec::new();
    for (team, data) in read.into_iter().zip(parsed) {
        match (team.path, team.file, data) {
            (Some(path), Some(file), Some(data)) => {
                // A team that loaded may still have warnings.
                diagnostics.extend(team.problems.iter().cloned());
                teams.push(LoadedTeam { slug: slug_of(&path), path, file, data });
            }
            (path, ..) => failed.push(FailedTeam {
                slug: slug_of(Path::new(team.written)),
                path: path.unwrap_or_else(|| PathBuf::from(team.written)),
                diagnostics: team.problems.iter().cloned().collect(),
            }),
        }
    }
    if review.teams.value.is_empty() {
        diagnostics.push(
            Diagnostic::error(Loc::of(review_file, &review.teams), "the review lists no teams")
                .with_hint("list team files under `teams:`, e.g. `- teams/platform.yaml`"),
        );
    }

    let meta = ReviewMeta {
        title: review.title.value,
        organization: review.organization,
        department: review.department,
        quarter: Some((review.quarter.value, Loc::of(review_file, &review.quarter))),
        fiscal_year_start: review
            .fiscal_year_start
            .as_ref()
            .map(|month| (month.value, Loc::of(review_file, month))),
        date: review.date.as_ref().map(|date| (date.value.clone(), Loc::of(review_file, date))),
        footer: review.footer,
        workflow_types: review.workflow_types.0,
    };
    Ok(LoadedReview { meta, teams, failed, review_path: Some(review_path) })
}

fn load_single_team(
    path: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<LoadedReview> {
    let teams = load_team(path, None, sources, diagnostics).into_iter().collect();
    Ok(LoadedReview { meta: ReviewMeta::untitled(), teams, failed: Vec::new(), review_path: None })
}

impl ReviewMeta {
    /// Settings for a team file built on its own: the quarter comes from the team.
    fn untitled() -> Self {
        ReviewMeta {
            title: "Quarterly review".to_owned(),
            organization: None,
            department: None,
            quarter: None,
            fiscal_year_start: None,
            date: None,
            footer: None,
            workflow_types: Vec::new(),
        }
    }
}

/// A listed team file as read, before it is parsed.
struct ReadTeam<'a> {
    /// The path as review.yaml lists it.
    written: &'a str,
    path: Option<PathBuf>,
    file: Option<FileRef>,
    problems: Diagnostics,
}

fn load_team(
    path: &Path,
    blame: Option<Loc>,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Option<LoadedTeam> {
    let file = read_source(path, blame, sources, diagnostics)?;
    let data = parse_team(sources, file, diagnostics)?;
    Some(LoadedTeam { slug: slug_of(path), path: path.to_path_buf(), file, data })
}

/// A team file read into the source map, parsed, and checked for `qreview new`'s
/// example texts.
fn parse_team(sources: &SourceMap, file: FileRef, diagnostics: &mut Diagnostics) -> Option<TeamFile> {
    let data = parse::<TeamFile>(sources, file, diagnostics)?;
    warn_examples(sources, file, diagnostics);
    Some(data)
}

/// Warns at every example text of `qreview new` still as written: the original decks went
/// to the meeting with "Team name" on a slide.
fn warn_examples(sources: &SourceMap, file: FileRef, diagnostics: &mut Diagnostics) {
    let text = sources.text(file);
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        // The value of a `key: value` or `- value` line, outside a comment.
        let content = line.split(" #").next().unwrap_or(line).trim_end();
        let value =
            content.split_once(": ").map_or(content.trim_start().trim_start_matches("- "), |(_, v)| v);
        let bare = value.trim().trim_matches('"');
        if let Some(example) = crate::scaffold::EXAMPLE_TEXTS.iter().find(|example| **example == bare) {
            let start = line_start + content.find(example).unwrap_or(0);
            diagnostics.push(
                Diagnostic::warning(
                    Loc { file, range: start..start + example.len() },
                    format!("`{example}` is an example `qreview new` wrote, still as written"),
                )
                .with_hint("replace it with your team's own, or delete the entry"),
            );
        }
        line_start += line.len();
    }
}

/// Whether a slug is the one a user typed: case and `-`, `_`, space do not matter.
pub(crate) fn same_slug(slug: &str, typed: &str) -> bool {
    slug_key(slug) == slug_key(typed)
}

/// What [`same_slug`] compares: the slug trimmed, lower case, with `-` for `_` and spaces.
fn slug_key(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A team's slug: its file stem, e.g. `release-engineering`.
fn slug_of(path: &Path) -> String {
    path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Resolves a team path written in review.yaml, refusing any that leaves the review
/// folder: a review must not read files it does not contain.
fn team_path(root: &Path, written: &str, loc: &Loc, diagnostics: &mut Diagnostics) -> Option<PathBuf> {
    let relative = Path::new(written);
    let leaves = relative.is_absolute()
        || relative.components().any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)));
    if leaves {
        diagnostics.push(
            Diagnostic::error(loc.clone(), format!("team path `{written}` leaves the review folder"))
                .with_hint("team files are given relative to review.yaml, e.g. `teams/platform.yaml`"),
        );
        return None;
    }
    let path = root.join(relative);
    // A link inside the folder may still point outside it.
    if let (Ok(real_root), Ok(real_path)) = (root.canonicalize(), path.canonicalize())
        && !real_path.starts_with(&real_root)
    {
        diagnostics.push(Diagnostic::error(
            loc.clone(),
            format!("team path `{written}` leads outside the review folder (through a link)"),
        ));
        return None;
    }
    Some(path)
}

/// Reads a file into the source map. `blame` is where the file was named, if anywhere.
fn read_source(
    path: &Path,
    blame: Option<Loc>,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Option<FileRef> {
    let shown = path.display();
    let fail = |message: String| Diagnostic::error(blame.clone(), message);
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {
            let mut diagnostic = fail(format!("team file `{shown}` does not exist"));
            if let Some(hint) = similar_file_hint(path) {
                diagnostic = diagnostic.with_hint(hint);
            }
            diagnostics.push(diagnostic);
            return None;
        }
        Err(ReadError::Io(err)) => {
            diagnostics.push(fail(format!("cannot read `{shown}`: {}", io_reason(&err))));
            return None;
        }
        Err(ReadError::Directory) => {
            diagnostics.push(fail(format!("`{shown}` is a folder, not a YAML file")));
            return None;
        }
        Err(ReadError::TooLarge(size)) => {
            diagnostics.push(fail(format!(
                "`{shown}` is too large ({} MiB; a review file may have at most {} MiB)",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            )));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let file = sources.add(shown.to_string(), prefix);
            diagnostics.push(
                Diagnostic::error(
                    Loc { file, range: valid..valid },
                    format!("`{shown}` is not UTF-8 text: invalid byte 0x{:02x}", bytes[valid]),
                )
                .with_hint("save the file as UTF-8"),
            );
            return None;
        }
    };
    // A byte-order mark is not content; editors on some systems add one.
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    Some(sources.add(shown.to_string(), text))
}

enum ReadError {
    Io(std::io::Error),
    Directory,
    TooLarge(u64),
}

/// Reads at most [`MAX_FILE_BYTES`] (plus one, to tell that there is more).
fn read_limited(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = fs::File::open(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if metadata.is_dir() {
        return Err(ReadError::Directory);
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|err| {
        if err.raw_os_error() == Some(21) { ReadError::Directory } else { ReadError::Io(err) }
    })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Names the YAML file in the same folder whose name is closest to a missing one.
fn similar_file_hint(missing: &Path) -> Option<String> {
    let folder = missing.parent()?;
    let wanted = missing.file_name()?.to_string_lossy().into_owned();
    let names = fs::read_dir(if folder.as_os_str().is_empty() { Path::new(".") } else { folder }).ok()?;
    let candidates: Vec<String> = names
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        .collect();
    crate::suggest::did_you_mean(&wanted, candidates.iter().map(String::as_str), |closest| {
        folder.join(closest).display().to_string()
    })
}

/// Reads YAML text into `T` with the reader's options for qreview's files.
fn read_with<T: DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        // Numbers that are not finite (`.nan`, `.inf`, `1e400`) are read as they are, for
        // validation to report every one of them at its place: the reader stops at its first.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
        // A tag the format does not know (`!custom`) would otherwise be dropped unseen.
        reject_unsupported_tags: true,
    };
    serde_saphyr::from_str_with_options::<T>(text, options)
}

/// Parses YAML text into `T`; a problem becomes a diagnostic at its line and column.
fn parse<T: DeserializeOwned>(
    sources: &SourceMap,
    file: FileRef,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    if sources.text(file).trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(Loc::file_start(file), format!("`{}` is empty", sources.name(file))).with_hint(
                "a team file needs at least `team: <name>`; review.yaml needs title, quarter and teams",
            ),
        );
        return None;
    }
    let read = read_with::<T>;
    match read(sources.text(file)) {
        Ok(value) => Some(value),
        Err(err) => {
            let read_yaml = |text: &str| read_with::<serde::de::IgnoredAny>(text).map(|_| ());
            diagnostics.extend(super::recover::every_problem(file, sources.text(file), err, read, read_yaml));
            None
        }
    }
}
