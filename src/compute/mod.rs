//! Derived figures: computed once here, in tested Rust, never in the layout.

pub(crate) mod allocation;
pub(crate) mod format;
pub(crate) mod history;
pub(crate) mod kpi;
pub(crate) mod scorecard;
pub(crate) mod skills;
pub(crate) mod table;
pub(crate) mod ticks;
