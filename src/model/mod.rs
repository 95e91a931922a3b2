//! Input format v1: the types a review folder is read into, with source locations.
//!
//! These types mirror input format v1 (docs/format.md) one to one. They only parse:
//! rules that need more than one value (a team quarter that differs from the review's,
//! a `from:` that names no table) live in `validate`.

mod load;
mod ordered_map;
mod quarter;
mod recover;
mod scalars;

pub(crate) use load::{LoadedReview, LoadedTeam, ReviewMeta, load_review, load_review_for, same_slug};
pub(crate) use ordered_map::OrderedMap;
pub(crate) use quarter::{Quarter, QuarterError};
pub(crate) use scalars::{Cell, KpiValue, Label, Measure, OtherItem, TeamNotes, TextShape};

use schemars::JsonSchema;
use serde::Deserialize;

/// A value with the place in its file where it was written.
pub(crate) type Spanned<T> = serde_saphyr::Spanned<T>;

/// `review.yaml`: the meeting.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewFile {
    #[schemars(with = "String")]
    pub(crate) title: Spanned<String>,
    pub(crate) organization: Option<String>,
    pub(crate) department: Option<String>,
    #[schemars(with = "Quarter")]
    pub(crate) quarter: Spanned<Quarter>,
    #[schemars(with = "Option<u8>")]
    pub(crate) fiscal_year_start: Option<Spanned<u8>>,
    #[schemars(with = "Option<String>")]
    pub(crate) date: Option<Spanned<String>>,
    pub(crate) footer: Option<String>,
    #[schemars(with = "Vec<String>")]
    pub(crate) teams: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(crate) workflow_types: OrderedMap<String, String>,
}

/// `teams/<slug>.yaml`: one team's quarter.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TeamFile {
    #[schemars(with = "String")]
    pub(crate) team: Spanned<String>,
    #[schemars(with = "Option<Quarter>")]
    pub(crate) quarter: Option<Spanned<Quarter>>,
    #[schemars(with = "Option<f64>")]
    pub(crate) fte: Option<Spanned<f64>>,
    pub(crate) fte_note: Option<String>,
    #[schemars(with = "Option<TimeSpent>")]
    pub(crate) time_spent: Option<Spanned<TimeSpent>>,
    #[serde(default)]
    pub(crate) kpis: Vec<Kpi>,
    #[serde(default)]
    pub(crate) objectives: Vec<Objective>,
    #[serde(default)]
    pub(crate) highlights: Vec<String>,
    #[serde(default)]
    pub(crate) other: Vec<OtherItem>,
    #[serde(default)]
    pub(crate) workflows: Vec<WorkflowGroup>,
    #[serde(default)]
    pub(crate) tables: Vec<Table>,
    #[serde(default)]
    pub(crate) charts: Vec<Chart>,
    pub(crate) allocation: Option<Allocation>,
    pub(crate) skills: Option<Skills>,
    /// Speaker notes (an addition to format v1).
    pub(crate) notes: Option<TeamNotes>,
}

/// Percent of the team's time per category of the organization's plan.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimeSpent {
    #[schemars(with = "Option<f64>")]
    pub(crate) strengthen: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub(crate) focus: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub(crate) experiment: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub(crate) maintenance: Option<Spanned<f64>>,
}

/// The categories of work, in the order slides list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Category {
    Strengthen,
    Focus,
    Experiment,
    Maintenance,
}

impl Category {
    pub(crate) const ALL: [Category; 4] =
        [Category::Strengthen, Category::Focus, Category::Experiment, Category::Maintenance];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Category::Strengthen => "strengthen",
            Category::Focus => "focus",
            Category::Experiment => "experiment",
            Category::Maintenance => "maintenance",
        }
    }
}

impl TimeSpent {
    /// The share written for a category, with its place in the file.
    pub(crate) fn get(&self, category: Category) -> Option<&Spanned<f64>> {
        let share = match category {
            Category::Strengthen => &self.strengthen,
            Category::Focus => &self.focus,
            Category::Experiment => &self.experiment,
            Category::Maintenance => &self.maintenance,
        };
        share.as_ref()
    }
}

/// Which direction of change is good news.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Better {
    Higher,
    Lower,
}

/// A key performance indicator and its history.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Kpi {
    #[schemars(with = "String")]
    pub(crate) name: Spanned<String>,
    pub(crate) unit: Option<String>,
    #[schemars(with = "Option<u8>")]
    pub(crate) decimals: Option<Spanned<u8>>,
    #[serde(default)]
    pub(crate) approx: bool,
    pub(crate) qualifier: Option<String>,
    pub(crate) better: Option<Better>,
    #[schemars(with = "Option<OrderedMap<Quarter, KpiValue>>")]
    pub(crate) values: Option<OrderedMap<Spanned<Quarter>, Spanned<KpiValue>>>,
    #[schemars(with = "Option<String>")]
    pub(crate) from: Option<Spanned<String>>,
    pub(crate) note: Option<String>,
}

/// The kind of an objective: the three categories of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ObjectiveKind {
    Strengthen,
    Focus,
    Experiment,
}

/// How an objective ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Outcome {
    Done,
    Partial,
    Missed,
    Dropped,
}

/// One objective: a slide of its own.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Objective {
    #[schemars(with = "String")]
    pub(crate) title: Spanned<String>,
    pub(crate) kind: ObjectiveKind,
    pub(crate) goal: Option<String>,
    pub(crate) team_members: Option<u32>,
    #[serde(default)]
    pub(crate) measures: Vec<Measure>,
    pub(crate) status: String,
    pub(crate) outcome: Option<Outcome>,
    pub(crate) learning: Option<String>,
    #[schemars(with = "Option<String>")]
    pub(crate) chart: Option<Spanned<String>>,
    /// Speaker notes (an addition to format v1).
    pub(crate) notes: Option<String>,
}

/// A category of the core-workflow table and its rows.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WorkflowGroup {
    pub(crate) category: String,
    #[serde(default)]
    pub(crate) items: Vec<Workflow>,
}

/// One row of the core-workflow table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Workflow {
    pub(crate) workflow: String,
    pub(crate) comments: Option<String>,
    #[serde(rename = "type")]
    #[schemars(with = "Option<String>")]
    pub(crate) kind: Option<Spanned<String>>,
}

/// Which column of a data table to emphasise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Highlight {
    Last,
}

/// A free data table.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Table {
    #[schemars(with = "String")]
    pub(crate) id: Spanned<String>,
    pub(crate) title: Option<String>,
    pub(crate) caption: Option<String>,
    #[schemars(with = "Vec<Label>")]
    pub(crate) columns: Spanned<Vec<Label>>,
    #[serde(default)]
    #[schemars(with = "Vec<Vec<Cell>>")]
    pub(crate) rows: Vec<Spanned<Vec<Spanned<Cell>>>>,
    pub(crate) unit: Option<String>,
    pub(crate) decimals: Option<u8>,
    pub(crate) highlight: Option<Highlight>,
    #[serde(default)]
    pub(crate) change: bool,
    /// Speaker notes (an addition to format v1).
    pub(crate) notes: Option<String>,
}

/// Line or bar chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ChartKind {
    Line,
    Bar,
}

/// A chart drawn from series of numbers.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Chart {
    #[schemars(with = "String")]
    pub(crate) id: Spanned<String>,
    pub(crate) title: String,
    pub(crate) kind: ChartKind,
    pub(crate) unit: Option<String>,
    #[schemars(with = "Vec<Label>")]
    pub(crate) x: Spanned<Vec<Label>>,
    #[schemars(with = "OrderedMap<String, Vec<f64>>")]
    pub(crate) series: OrderedMap<String, Spanned<Vec<Spanned<f64>>>>,
    #[serde(default)]
    pub(crate) notes: Vec<String>,
    /// Speaker notes (an addition to format v1; `notes` are shown under the chart).
    pub(crate) speaker_notes: Option<String>,
}

/// Time per person per project.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Allocation {
    pub(crate) note: Option<String>,
    #[schemars(with = "OrderedMap<String, Category>")]
    pub(crate) projects: Spanned<OrderedMap<String, Category>>,
    #[schemars(with = "OrderedMap<String, Vec<f64>>")]
    pub(crate) people: OrderedMap<String, Spanned<Vec<Spanned<f64>>>>,
    pub(crate) reported: Option<Reported>,
}

/// Hand-made figures to check against the computed ones.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Reported {
    #[schemars(with = "Option<Vec<f64>>")]
    pub(crate) totals: Option<Spanned<Vec<Spanned<f64>>>>,
}

/// A self-rated skills matrix.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Skills {
    #[schemars(with = "Scale")]
    pub(crate) scale: Spanned<Scale>,
    pub(crate) survey: Option<Label>,
    pub(crate) groups: OrderedMap<String, Vec<String>>,
    #[schemars(with = "OrderedMap<String, Vec<i64>>")]
    pub(crate) ratings: OrderedMap<String, Spanned<Vec<i64>>>,
    #[schemars(with = "Option<OrderedMap<String, Vec<i64>>>")]
    pub(crate) previous: Option<OrderedMap<String, Spanned<Vec<i64>>>>,
}

/// The rating scale of a skills survey.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Scale {
    pub(crate) min: i64,
    pub(crate) max: i64,
    pub(crate) low: Option<String>,
    pub(crate) high: Option<String>,
}

/// The manual (`docs/format.md`) and these types agree: every key the reader accepts is
/// documented, and every documented key is accepted.
#[cfg(test)]
mod manual_tests {
    use serde::de::DeserializeOwned;
    use serde_saphyr::Error;

    use super::*;

    /// The keys `T` accepts, as the reader lists them when it meets one it does not know.
    fn accepted<T: DeserializeOwned + std::fmt::Debug>() -> Vec<String> {
        let err = serde_saphyr::from_str::<T>("no-such-key: 1\n").expect_err("an unknown key is refused");
        match err.without_snippet() {
            Error::SerdeUnknownField { expected, .. } | Error::SerdeUnknownVariant { expected, .. } => {
                expected.iter().map(|key| key.to_string()).collect()
            }
            other => panic!("no list of keys in {other:?}"),
        }
    }

    /// The keys the manual documents in the table of each section, by its heading.
    fn documented() -> Vec<(String, Vec<String>)> {
        let sections = crate::schema::manual_sections();
        sections
            .into_iter()
            .map(|(heading, rows)| (heading, rows.into_iter().map(|row| row.key).collect()))
            .collect()
    }

    #[test]
    fn every_key_is_documented_and_every_documented_key_accepted() {
        let types: Vec<(&str, Vec<String>)> = vec![
            ("review.yaml", accepted::<ReviewFile>()),
            ("Team file", accepted::<TeamFile>()),
            ("Time split", accepted::<TimeSpent>()),
            ("KPI", accepted::<Kpi>()),
            ("Objective", accepted::<Objective>()),
            ("Measure", accepted::<Measure>()),
            ("Other item", accepted::<OtherItem>()),
            ("Workflow group", accepted::<WorkflowGroup>()),
            ("Workflow", accepted::<Workflow>()),
            ("Table", accepted::<Table>()),
            ("Chart", accepted::<Chart>()),
            ("Allocation", accepted::<Allocation>()),
            ("Reported", accepted::<Reported>()),
            ("Skills", accepted::<Skills>()),
            ("Scale", accepted::<Scale>()),
            ("Speaker notes", accepted::<TeamNotes>()),
        ];
        let documented = documented();
        let headings: Vec<&str> = documented.iter().map(|(heading, _)| heading.as_str()).collect();
        let names: Vec<&str> = types.iter().map(|(name, _)| *name).collect();
        assert_eq!(headings, names, "one table in the manual per type, in this order");
        for ((name, accepted), (_, documented)) in types.iter().zip(&documented) {
            assert_eq!(accepted, documented, "{name}: the keys the reader accepts, and the manual's");
        }
    }
}
