//! `qreview man`: the manual page, from the clap definition.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;

use crate::cli::Cli;

pub(crate) fn run() -> anyhow::Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page).context("cannot render the manual page")?;
    std::io::stdout().write_all(&page).context("cannot write the manual page")?;
    Ok(ExitCode::SUCCESS)
}
