//! `qreview schema`: the JSON Schema of a team file or of review.yaml, for editors.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::SchemaArgs;

pub(crate) fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    let text = serde_json::to_string_pretty(&crate::schema::schema(args.file))? + "\n";
    std::io::stdout().write_all(text.as_bytes()).context("cannot write the schema")?;
    Ok(ExitCode::SUCCESS)
}
