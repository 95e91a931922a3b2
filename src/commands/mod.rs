//! One module per subcommand; each exposes `run`.

pub(crate) mod build;
pub(crate) mod check;
