//! End-to-end tests: run the `qreview` binary on fixture reviews and read its output back.

mod batch;
mod build;
mod build_features;
mod check;
mod common;
mod contract;
mod defects;
mod failure_modes;
mod hostile;
mod invalid;
mod kpis;
mod new;
mod notes;
mod output;
mod pptx;
mod preview;
mod profile_guided;
mod room;
mod schema;
mod serve;
mod startup;
