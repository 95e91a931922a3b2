//! `qreview completions SHELL`: a completion script from the clap definition.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub(crate) fn run(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "qreview", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}
