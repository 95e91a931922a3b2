//! One module per subcommand; each exposes `run`.

pub(crate) mod batch;
pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod kpis;
pub(crate) mod man;
pub(crate) mod new;
mod outputs;
pub(crate) mod preview;
pub(crate) mod schema;
mod settings;
