//! qreview: compiles quarterly-review YAML files into a PDF slide deck.
//!
//! `main` parses the command line, runs one command, prints its error once, and sets
//! the exit code: 0 ok, 1 invalid input or failed build, 2 usage.

mod cli;
mod commands;
mod compute;
mod dates;
mod diag;
mod document;
mod markup;
mod model;
mod output;
mod pipeline;
mod pptx;
mod render;
mod scaffold;
mod schema;
mod serve;
mod suggest;
mod team_select;
mod validate;
mod watch;
mod yaml_error;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

// Faster than the system allocator for Typst's many small allocations, above all with
// several threads: measured with bench/run.sh (README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build(args) => commands::build::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Preview(args) => commands::preview::run(args),
        Command::Batch(args) => commands::batch::run(args),
        Command::Kpis(args) => commands::kpis::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man => commands::man::run(),
        Command::Schema(args) => commands::schema::run(args),
        Command::New(args) => commands::new::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            diag::print_error(&err);
            if err.downcast_ref::<cli::UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
