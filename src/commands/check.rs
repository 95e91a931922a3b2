//! `qreview check`: everything `build` does before typesetting.

use std::process::ExitCode;

use crate::cli::CheckArgs;
use crate::diag::{self, Diagnostics, Severity, SourceMap};
use crate::pipeline;

pub(crate) fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let document = pipeline::prepare_review(&args.input.input, &mut sources, &mut diagnostics)?;
    diag::print(&sources, &diagnostics);
    let Some(document) = document else {
        eprintln!(
            "{}: {} error(s), {} warning(s)",
            args.input.input.display(),
            diagnostics.count(Severity::Error),
            diagnostics.count(Severity::Warning)
        );
        return Ok(ExitCode::FAILURE);
    };
    let objectives: usize = document.teams.iter().map(|team| team.objectives.len()).sum();
    eprintln!(
        "{}: ok, {} team(s), {objectives} objective(s), {} warning(s)",
        args.input.input.display(),
        document.teams.len(),
        diagnostics.count(Severity::Warning)
    );
    Ok(ExitCode::SUCCESS)
}
