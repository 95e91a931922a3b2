//! Writing a deck as a plain Typst project: the layout, the data files and the fonts, so
//! that `typst compile` gives the same slides. A designer can then work on the layout
//! with Typst's own tools, and the benchmark has its baseline.

use std::fs;
use std::path::Path;

use anyhow::Context;
use typst::foundations::Datetime;

use super::fonts::embedded_files;
use super::layout::{self, Layout};

/// Writes the project into `dir` (created if needed); files of an earlier emit are
/// overwritten, nothing else is touched.
pub(crate) fn emit_project(
    dir: &Path,
    layout: &Layout,
    data: &[(String, Vec<u8>)],
    date: Option<Datetime>,
) -> anyhow::Result<()> {
    let write = |relative: &str, bytes: &[u8]| -> anyhow::Result<()> {
        let path = dir.join(relative.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create folder `{}`", parent.display()))?;
        }
        fs::write(&path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
    };
    for (name, bytes) in layout.all_files()? {
        write(&name, &bytes)?;
    }
    for (path, bytes) in data {
        write(path, bytes)?;
    }
    for (name, bytes) in embedded_files() {
        write(&format!("fonts/{name}"), bytes)?;
    }
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
    write("README.txt", readme.as_bytes())
}
