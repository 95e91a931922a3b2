//! The computed stage: derived figures, computed once here, in tested Rust, never in the
//! layout. [`review::compute`] is the stage; the other modules each compute one kind.

pub(crate) mod allocation;
pub(crate) mod chart;
pub(crate) mod crosscheck;
pub(crate) mod format;
pub(crate) mod kpi;
pub(crate) mod review;
pub(crate) mod scorecard;
pub(crate) mod skills;
pub(crate) mod table;
pub(crate) mod ticks;

pub(crate) use review::{ComputedReview, ComputedTeam, compute};
