//! Writing a deck as a plain Typst project: the layout, the data files and the fonts, so
//! that `typst compile` gives the same slides. A designer can then work on the layout
//! with Typst's own tools, and the benchmark has its baseline.

use std::path::Path;

use typst::foundations::Datetime;

use super::fonts::embedded_files;
use super::layout::{self, Layout};
use crate::output::write_folder_atomically;

/// Writes the project into `dir`, as a whole: a new or empty folder, or one an earlier
/// emit wrote and nobody changed since (see [`write_folder_atomically`]).
pub(crate) fn emit_project(
    dir: &Path,
    layout: &Layout,
    data: &[(String, Vec<u8>)],
    date: Option<Datetime>,
) -> anyhow::Result<()> {
    let mut files: Vec<(String, Vec<u8>)> = layout.all_files()?;
    files.extend(data.iter().map(|(path, bytes)| (path.trim_start_matches('/').to_owned(), bytes.clone())));
    files.extend(embedded_files().iter().map(|(name, bytes)| (format!("fonts/{name}"), bytes.to_vec())));
    let timestamp = date
        .and_then(|date| {
            let days = crate::dates::days_from_civil(date.year()?, date.month()?, date.day()?);
            let seconds = i64::from(date.hour().unwrap_or(0)) * 3600
                + i64::from(date.minute().unwrap_or(0)) * 60
                + i64::from(date.second().unwrap_or(0));
            Some(format!(" --creation-timestamp {}", days * 86_400 + seconds))
        })
        .unwrap_or_default();
    let readme = format!(
        "A quarterly-review deck as a plain Typst project, written by qreview.\n\n\
         Compile it with the Typst CLI (0.15):\n\n    \
         typst compile --root . --font-path fonts --ignore-system-fonts{timestamp} {} review.pdf\n\n\
         data/ holds the document as JSON (schema 1); the layout reads it with json().\n\n\
         {} is not compiled here: qreview typesets a deck in parts and lays its pages\n\
         (slide numbers, \"(cont.)\") over the slides. Compiled whole, as here, {} draws them\n\
         itself at the same places. A copy of this folder works as `qreview --layout`.\n",
        layout::MAIN,
        layout::MARKS,
        layout::MAIN,
    );
    files.push(("README.txt".to_owned(), readme.into_bytes()));
    // A layout folder that is itself an emitted project holds data and fonts of its own:
    // the ones written now replace them.
    let mut seen = std::collections::HashSet::new();
    let mut files: Vec<_> = files.into_iter().rev().filter(|(name, _)| seen.insert(name.clone())).collect();
    files.reverse();
    write_folder_atomically(dir, &files)
}
