//! `qreview build`: the review deck as one PDF.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use typst::foundations::Datetime;

use crate::cli::{BuildArgs, LayoutArgs};
use crate::diag::{self, Diagnostics, SourceMap};
use crate::output::write_atomically;
use crate::pipeline;
use crate::render::{self, Layout, ReviewWorld};
use crate::validate::Review;

/// The build's settings, checked before any file is read.
struct BuildConfig {
    input: PathBuf,
    output: PathBuf,
    layout: Layout,
    system_fonts: bool,
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
                "`{}`: build writes a PDF, so the output name must end in .pdf",
                output.display()
            ),
        }
        Ok(BuildConfig {
            input,
            output,
            layout: layout(&args.layout)?,
            system_fonts: args.layout.system_fonts,
        })
    }
}

/// The layout chosen by `--layout`, or the built-in one.
pub(crate) fn layout(args: &LayoutArgs) -> anyhow::Result<Layout> {
    match &args.layout {
        Some(folder) => Layout::folder(folder),
        None => Ok(Layout::Embedded),
    }
}

/// `samples/2015-16-q2` gives `2015-16-q2`; a team file gives its stem.
fn default_stem(input: &Path) -> String {
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
    let prepared = pipeline::prepare(&config.input, &mut sources, &mut diagnostics)?;
    let Some(prepared) = prepared else {
        diag::print(&sources, &diagnostics);
        eprintln!("error: {} was not built", config.output.display());
        return Ok(ExitCode::FAILURE);
    };
    let fonts = if config.system_fonts { render::fonts_with_system() } else { render::embedded_fonts() };
    let date = creation_date(&prepared.review)?;
    let world = ReviewWorld::new(config.layout.clone(), fonts, prepared.document.data_files(), date);
    let document = render::typeset(&world, &mut sources, &mut diagnostics);
    diag::print(&sources, &diagnostics);
    let Some(document) = document else {
        eprintln!("error: {} was not built", config.output.display());
        return Ok(ExitCode::FAILURE);
    };
    let ident = format!("qreview/{}/{}", prepared.review.meta.title, prepared.review.quarter);
    let pdf = render::pdf(&document, &ident, date)
        .map_err(|err| anyhow::anyhow!("cannot export the PDF: {err}"))?;
    write_atomically(&config.output, &pdf)?;
    eprintln!(
        "wrote {}: {} slides, {} team(s) in {:.2} s",
        config.output.display(),
        document.pages().len(),
        prepared.review.teams.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// The PDF's creation date: `SOURCE_DATE_EPOCH` if set, else the review's date. Never
/// the clock, so that the same input gives the same bytes.
pub(crate) fn creation_date(review: &Review) -> anyhow::Result<Option<Datetime>> {
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            anyhow::anyhow!("SOURCE_DATE_EPOCH must be whole seconds since 1970, not `{epoch}`")
        })?;
        return Ok(datetime_from_epoch(seconds));
    }
    Ok(review.date.and_then(|d| Datetime::from_ymd(d.year, d.month, d.day)))
}

fn datetime_from_epoch(seconds: i64) -> Option<Datetime> {
    // Civil-from-days (Howard Hinnant's algorithm), to avoid a date crate for one line.
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Datetime::from_ymd_hms(year, month, day, (secs / 3600) as u8, (secs % 3600 / 60) as u8, (secs % 60) as u8)
}

#[cfg(test)]
mod tests {
    use super::datetime_from_epoch;

    #[test]
    fn epoch_seconds_become_dates() {
        let date = datetime_from_epoch(1_453_334_400).unwrap(); // 2016-01-21 00:00:00 UTC
        assert_eq!((date.year(), date.month(), date.day()), (Some(2016), Some(1), Some(21)));
        let leap = datetime_from_epoch(951_782_400).unwrap(); // 2000-02-29
        assert_eq!((leap.month(), leap.day()), (Some(2), Some(29)));
    }
}
