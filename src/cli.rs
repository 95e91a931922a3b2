//! Command-line interface: the clap types, and nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Compiles quarterly-review YAML files into a PDF slide deck.
///
/// A review is a folder with review.yaml and one YAML file per team (input format v1).
/// qreview validates it, computes the KPI figures and typesets the quarterly-review
/// layout with Typst, offline and reproducibly.
#[derive(Debug, Parser)]
#[command(name = "qreview", version, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the review deck as one PDF
    ///
    /// Example: qreview build samples/2015-16-q2 -o review.pdf
    Build(BuildArgs),
    /// Validate a review without typesetting it
    ///
    /// Runs everything `build` runs up to the layout, and reports every problem found.
    /// Example: qreview check samples/2015-16-q2
    Check(CheckArgs),
}

/// What to read.
#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// A review folder (with review.yaml), its review.yaml, or a single team file
    pub(crate) input: PathBuf,
}

/// How to typeset.
#[derive(Debug, Args)]
pub(crate) struct LayoutArgs {
    /// Use the Typst layout in this folder (its main.typ) instead of the built-in one
    #[arg(long, value_name = "DIR")]
    pub(crate) layout: Option<PathBuf>,

    /// Also use the fonts installed on this machine (output then depends on them)
    #[arg(long)]
    pub(crate) system_fonts: bool,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    /// Where to write the PDF [default: <review folder name>.pdf]
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    #[command(flatten)]
    pub(crate) layout: LayoutArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
