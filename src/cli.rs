//! Command-line interface: the clap types and the CLI's value types.

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
    /// Preview one team's slides, optionally rebuilding on every save
    ///
    /// Writes the team's slides only, as a PDF or as one PNG or SVG per slide.
    /// Examples:
    ///   qreview preview samples/2015-16-q2 --team operations
    ///   qreview preview samples/2015-16-q2 --team "Release Engineering" --format png -o slides
    ///   qreview preview samples/2015-16-q2/teams/security.yaml --watch
    ///   qreview preview samples/2015-16-q2 --team operations --serve
    #[command(verbatim_doc_comment)]
    Preview(PreviewArgs),
    /// Build every team's deck and the whole review, in parallel
    ///
    /// Writes OUTDIR/<team slug>.pdf for each team and OUTDIR/review.pdf. A broken team
    /// does not stop the others; it is listed in the summary and the exit code is 1.
    /// Example: qreview batch samples/2015-16-q2 -o decks --jobs 2
    Batch(BatchArgs),
    /// Print the computed KPI, allocation and scorecard tables
    ///
    /// The same figures as the slides, for the terminal or for scripts.
    /// Examples:
    ///   qreview kpis samples/2015-16-q2
    ///   qreview kpis samples/2015-16-q2 --team release-engineering --format json
    #[command(verbatim_doc_comment)]
    Kpis(KpisArgs),
    /// Print a shell completion script
    ///
    /// Example: qreview completions bash > /etc/bash_completion.d/qreview
    Completions(CompletionsArgs),
    /// Print the manual page (roff)
    ///
    /// Example: qreview man > qreview.1 && man ./qreview.1
    Man,
    /// Start a review folder: review.yaml and a commented file per team
    ///
    /// Writes DIR/review.yaml, DIR/teams/<slug>.yaml for each --team, and the schemas
    /// editors read, never over an existing file. `check` accepts the result and warns
    /// about every example left as written.
    /// Example: qreview new 2016-17-q1 --quarter "2016/17 Q1" --team Operations --team Security
    New(NewArgs),
    /// Print the JSON Schema of a team file or of review.yaml, for editors
    ///
    /// A YAML language server (VS Code's YAML extension, Neovim's yamlls, ...) then
    /// completes keys and marks mistakes as you type; see docs/format.md. `review-data`
    /// and `team-data` describe the JSON a layout reads instead (docs/layout.md).
    /// Example: qreview schema team > team.schema.json
    Schema(SchemaArgs),
}

/// What a deck is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    /// One PDF file
    Pdf,
    /// One PNG image per slide, in a folder (preview)
    Png,
    /// One SVG image per slide, in a folder (preview)
    Svg,
    /// An editable PowerPoint presentation (.pptx)
    Pptx,
}

impl OutputFormat {
    /// The format of an output name, when its extension says.
    pub(crate) fn of_name(path: &std::path::Path) -> Option<OutputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(OutputFormat::Pdf),
            "png" => Some(OutputFormat::Png),
            "svg" => Some(OutputFormat::Svg),
            "pptx" => Some(OutputFormat::Pptx),
            _ => None,
        }
    }
}

/// A command line that cannot work as given, found before any file is read: printed as
/// any error, with the exit code of a usage error (2).
#[derive(Debug)]
pub(crate) struct UsageError(pub(crate) String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

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

    /// Make the PDF conform to these standards, e.g. `a-2b,ua-1` (PDF/A-2b and PDF/UA-1)
    #[arg(long, value_name = "STANDARD", value_delimiter = ',', value_parser = crate::render::parse_standard)]
    pub(crate) pdf_standard: Vec<typst_pdf::PdfStandard>,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    /// Where to write the deck [default: <review folder name>.pdf, or .pptx]
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,

    /// pdf, or pptx for an editable PowerPoint deck [default: from the output's name, else pdf]
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub(crate) format: Option<OutputFormat>,

    /// Instead of a PDF, write a plain Typst project (layout, data, fonts) into OUTDIR
    ///
    /// `typst compile --root OUTDIR --font-path OUTDIR/fonts --ignore-system-fonts
    /// OUTDIR/main.typ` then gives the same slides; OUTDIR/README.txt has the command.
    #[arg(long, value_name = "OUTDIR", conflicts_with = "output")]
    pub(crate) emit_typst: Option<PathBuf>,

    /// Instead of the slides, write a handout: each slide with its speaker notes under
    /// it, several to a page [default name: <review folder name>-handout.pdf]
    #[arg(long, conflicts_with = "emit_typst")]
    pub(crate) handout: bool,

    /// The handout's paper
    #[arg(long, value_enum, default_value = "a4", requires = "handout")]
    pub(crate) paper: crate::render::Paper,

    #[command(flatten)]
    pub(crate) layout: LayoutArgs,
}

#[derive(Debug, Args)]
pub(crate) struct PreviewArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    /// The team to preview: its name or file slug, in any case (not needed for a team file)
    #[arg(short, long, value_name = "NAME")]
    pub(crate) team: Option<String>,

    /// What to write [default: from the output name, else pdf; png and svg write a folder of slides]
    #[arg(short, long, value_enum)]
    pub(crate) format: Option<OutputFormat>,

    /// The PDF or PowerPoint file, or the folder for PNG and SVG slides [default: <slug>.pdf, <slug>.pptx or <slug>-slides]
    #[arg(short, long, value_name = "PATH")]
    pub(crate) output: Option<PathBuf>,

    /// Rebuild on every save of the team file, review.yaml or a layout file
    #[arg(short, long)]
    pub(crate) watch: bool,

    /// Instead of slides, write the team's deck as a plain Typst project into OUTDIR
    #[arg(long, value_name = "OUTDIR", conflicts_with_all = ["output", "watch", "format", "serve"])]
    pub(crate) emit_typst: Option<PathBuf>,

    /// Show the slides in the browser, updated on every save, with a presenter view;
    /// without --team, a review folder's whole deck. Writes no file
    #[arg(long, conflicts_with_all = ["output", "format"])]
    pub(crate) serve: bool,

    /// The port to serve on [default: a free one]
    #[arg(long, value_name = "PORT", requires = "serve")]
    pub(crate) port: Option<u16>,

    /// Serve on this address rather than 127.0.0.1 (e.g. 0.0.0.0: every other machine
    /// that reaches this one then sees the slides)
    #[arg(long, value_name = "ADDRESS", requires = "serve")]
    pub(crate) bind: Option<std::net::IpAddr>,

    #[command(flatten)]
    pub(crate) layout: LayoutArgs,
}

#[derive(Debug, Args)]
pub(crate) struct BatchArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    /// The folder to write the decks into (created if needed)
    #[arg(short, long, value_name = "OUTDIR")]
    pub(crate) output: PathBuf,

    /// How many threads to build with, all typesetting included [default: the number of cores]
    ///
    /// Never more than there are cores or decks to build.
    #[arg(short, long, value_name = "N", value_parser = parse_jobs)]
    pub(crate) jobs: Option<u16>,

    /// pdf, or pptx for editable PowerPoint decks
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value = "pdf")]
    pub(crate) format: OutputFormat,

    #[command(flatten)]
    pub(crate) layout: LayoutArgs,
}

#[derive(Debug, Args)]
pub(crate) struct KpisArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    /// Only this team (its name or file slug, in any case)
    #[arg(short, long, value_name = "NAME")]
    pub(crate) team: Option<String>,

    /// How to print the tables
    #[arg(short, long, value_enum, default_value = "table")]
    pub(crate) format: TableFormat,
}

/// How the tables are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum TableFormat {
    /// Tables for people (plain ASCII when piped)
    Table,
    /// Comma-separated values, one block per table, each after a `# name` line
    Csv,
    /// One JSON object with every table
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The folder to create (or an empty one)
    pub(crate) dir: PathBuf,

    /// The quarter under review, e.g. "2016/17 Q1" or "2016 Q3" [default: this calendar quarter]
    #[arg(long, value_name = "QUARTER", value_parser = parse_quarter)]
    pub(crate) quarter: Option<crate::model::Quarter>,

    /// A team of the review, by its name (repeat for each team) [default: "My team"]
    #[arg(long, value_name = "NAME")]
    pub(crate) team: Vec<String>,
}

fn parse_quarter(text: &str) -> Result<crate::model::Quarter, String> {
    text.parse().map_err(|err: crate::model::QuarterError| err.to_string())
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Which file the schema describes
    #[arg(value_enum, default_value = "team")]
    pub(crate) file: crate::schema::InputFile,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
}

/// `--jobs`: a number of threads, 1 or more.
fn parse_jobs(text: &str) -> Result<u16, String> {
    match text.trim().parse::<u16>() {
        Ok(0) => Err("a batch needs at least one thread: give 1 or more".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{text}` is not a number of threads: give a whole number from 1 to 65535")),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
