//! The document stage: exactly what a layout reads, as JSON files (the contract is
//! written down in docs/layout.md; `qreview schema document` prints it as a JSON Schema).
//!
//! `/data/review.json` holds the meeting and the list of team files; each team is its
//! own `/data/teams/<n>-<slug>.json`, so that editing one team leaves the other files,
//! and Typst's caches for them, untouched. Every figure and label is final here: the
//! layout places text, it does not compute or format.
//!
//! This module holds the contract's types; [`build`] maps a computed review to them,
//! and [`files`] splits a document into the data files of a deck or of a part of one.

mod build;
mod files;
#[cfg(test)]
mod snapshot_tests;

pub(crate) use build::build;
pub(crate) use files::{
    FIT_FILE, FitStep, fit_file, fit_rows_file, fit_rows_slide, fit_step_file, fit_step_slide, marks_files,
};

use schemars::JsonSchema;
use serde::Serialize;

use crate::compute::allocation::AllocationDoc;
use crate::compute::chart::ChartFigures;
use crate::compute::kpi::KpiFigures;
pub(crate) use crate::compute::review::Share;
use crate::compute::scorecard::Scorecard;
use crate::compute::skills::SkillsDoc;
use crate::compute::table::TableFigures;
use crate::markup::Rich;
use crate::validate::Date;

/// Version of the data contract between qreview and layouts.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// Which deck to make of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeckKind {
    /// The meeting's deck: cover, agenda, every team.
    Review,
    /// One team's slides only, for previews and per-team decks.
    Team,
}

/// The meeting: what every deck and every part of one shows of it.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ReviewDoc {
    pub(crate) schema: u32,
    pub(crate) title: String,
    pub(crate) organization: Option<String>,
    pub(crate) department: Option<String>,
    /// `Q2 - 2015/16`.
    pub(crate) quarter: String,
    /// `Q2`, for slide titles.
    pub(crate) quarter_short: String,
    pub(crate) date: Option<String>,
    pub(crate) footer: Option<String>,
    /// The department's size, the sum of the teams' FTE, formatted.
    pub(crate) total_fte: Option<String>,
    pub(crate) workflow_types: Vec<WorkflowType>,
}

/// `/data/review.json`: the meeting, and what this compilation typesets of it.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ReviewJson<'a> {
    #[serde(flatten)]
    review: &'a ReviewDoc,
    /// `null` for a whole deck; `"front"` or `"team"` for a part of one, typeset on its
    /// own (docs/layout.md, "Parts and marks").
    part: Option<&'static str>,
    /// Whether the deck opens with the cover and the agenda.
    cover: bool,
    teams: &'a [TeamEntry],
    /// The overview slide after the agenda, in the review's deck.
    scorecard: Option<&'a Scorecard>,
}

/// A team as the agenda lists it, and the data file with the rest.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct TeamEntry {
    pub(crate) name: String,
    pub(crate) slug: String,
    pub(crate) data: String,
    /// In the front matter of a deck typeset in parts: how many pages come between the
    /// front matter and the team's first slide, for the agenda's links.
    pub(crate) offset: Option<usize>,
}

/// A piece of a deck typeset on its own (see `render::parts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// Cover, agenda and scorecard; the agenda links to pages after it.
    Front,
    /// One team's slides.
    Team(usize),
}

/// A letter of the workflow table's Type column and its meaning.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WorkflowType {
    pub(crate) letter: String,
    pub(crate) meaning: String,
}

/// One team's slides.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TeamDoc {
    pub(crate) schema: u32,
    pub(crate) name: String,
    pub(crate) slug: String,
    /// `Q2 - Architecture`: the title of every content slide.
    pub(crate) heading: String,
    pub(crate) fte: Option<String>,
    pub(crate) fte_note: Option<String>,
    pub(crate) time_spent: Vec<Share>,
    pub(crate) kpis: Vec<KpiFigures>,
    pub(crate) objectives: Vec<ObjectiveDoc>,
    pub(crate) highlights: Vec<Rich>,
    pub(crate) other: Vec<OtherDoc>,
    pub(crate) workflows: Vec<WorkflowGroupDoc>,
    pub(crate) tables: Vec<TableDoc>,
    pub(crate) charts: Vec<ChartDoc>,
    pub(crate) allocation: Option<AllocationDoc>,
    pub(crate) skills: Option<SkillsDoc>,
    /// The speaker notes of the team's own slides.
    pub(crate) speaker_notes: TeamNotesDoc,
}

/// Speaker notes of a team's slides, as written (inline Markdown): the layout puts each
/// in its slide's labelled `metadata`, from where the presenter outputs read them.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub(crate) struct TeamNotesDoc {
    pub(crate) title: Option<String>,
    pub(crate) highlights: Option<String>,
    pub(crate) other: Option<String>,
    pub(crate) workflows: Option<String>,
    pub(crate) allocation: Option<String>,
    pub(crate) skills: Option<String>,
}

/// An objective slide.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ObjectiveDoc {
    pub(crate) title: String,
    /// `Focus`, `Strengthen`, `Experiment`.
    pub(crate) kind: &'static str,
    pub(crate) goal: Rich,
    pub(crate) team_members: Option<u32>,
    pub(crate) measures: Vec<MeasureDoc>,
    pub(crate) status: Rich,
    pub(crate) outcome: Option<&'static str>,
    pub(crate) learning: Option<Rich>,
    /// Index into the team's charts, for the slide after this one.
    pub(crate) chart: Option<usize>,
    pub(crate) speaker_notes: Option<String>,
}

/// A measure of success and whether it was met.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct MeasureDoc {
    pub(crate) text: Rich,
    pub(crate) met: Option<bool>,
}

/// An entry of "Other successes and misses".
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct OtherDoc {
    /// `success`, `miss`, `learning` or `plain`.
    pub(crate) kind: &'static str,
    pub(crate) text: Rich,
}

/// A category of the core-workflow table.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WorkflowGroupDoc {
    pub(crate) category: String,
    pub(crate) items: Vec<WorkflowDoc>,
}

/// A row of the core-workflow table.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct WorkflowDoc {
    pub(crate) workflow: String,
    pub(crate) comments: Rich,
    #[serde(rename = "type")]
    pub(crate) kind: Option<String>,
}

/// A data table slide.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TableDoc {
    pub(crate) title: String,
    pub(crate) caption: Option<String>,
    #[serde(flatten)]
    pub(crate) figures: TableFigures,
    pub(crate) speaker_notes: Option<String>,
}

/// A chart, with its axis already worked out.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ChartDoc {
    pub(crate) title: String,
    pub(crate) kind: &'static str,
    pub(crate) unit: Option<String>,
    pub(crate) x: Vec<String>,
    pub(crate) series: Vec<SeriesDoc>,
    pub(crate) notes: Vec<String>,
    #[serde(flatten)]
    pub(crate) figures: ChartFigures,
    pub(crate) speaker_notes: Option<String>,
}

/// One series of a chart.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SeriesDoc {
    pub(crate) name: String,
    pub(crate) values: Vec<f64>,
}

/// The whole document, what the layout reads: the meeting, its teams and the scorecard.
#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) kind: DeckKind,
    /// The PDF's identifier: stable across builds of the same review.
    pub(crate) ident: String,
    /// The review's own date, when it gives one (the deck's creation date).
    pub(crate) date: Option<Date>,
    pub(crate) review: ReviewDoc,
    pub(crate) entries: Vec<TeamEntry>,
    pub(crate) teams: Vec<TeamDoc>,
    pub(crate) scorecard: Option<Scorecard>,
}
