//! The typesetting flags every typesetting command shares, checked into the renderer's
//! settings before any file is read: the layout folder found, the PDF standards checked
//! to combine, `SOURCE_DATE_EPOCH` read once for the whole run.

use typst::foundations::Datetime;

use crate::cli::{LayoutArgs, UsageError};
use crate::render::{self, Layout, RenderSettings};

pub(crate) fn render_settings(args: &LayoutArgs) -> anyhow::Result<RenderSettings> {
    render::check_standards(&args.pdf_standard).map_err(UsageError)?;
    let layout = match &args.layout {
        Some(folder) => Layout::folder(folder)?,
        None => Layout::Embedded,
    };
    Ok(RenderSettings {
        layout,
        system_fonts: args.system_fonts,
        standards: args.pdf_standard.clone(),
        build_date: build_date()?,
    })
}

/// The date of this build, for a deck whose review gives none: `SOURCE_DATE_EPOCH`,
/// the reproducible-builds convention for a build time; never the clock.
fn build_date() -> anyhow::Result<Option<Datetime>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(epoch) => {
            let seconds: i64 = epoch.trim().parse().map_err(|_| {
                UsageError(format!("SOURCE_DATE_EPOCH must be whole seconds since 1970, not `{epoch}`"))
            })?;
            Ok(crate::dates::datetime_from_epoch(seconds))
        }
        Err(_) => Ok(None),
    }
}
