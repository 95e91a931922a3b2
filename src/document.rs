//! The document: exactly what the layout reads, as JSON files.
//!
//! `/data/review.json` holds the meeting and the list of team files; each team is its
//! own `/data/teams/<n>-<slug>.json`, so that editing one team leaves the other files,
//! and Typst's caches for them, untouched. Every figure and label is final here: the
//! layout places text, it does not compute or format.

use serde::Serialize;

use crate::compute::allocation::{self, AllocationDoc};
use crate::compute::format;
use crate::compute::history::kpi_history;
use crate::compute::kpi::{self, KpiFigures, KpiStyle};
use crate::compute::scorecard::{self, Scorecard, TeamInput};
use crate::compute::skills::{self, SkillsDoc};
use crate::compute::table::{TableFigures, table_figures};
use crate::compute::ticks::nice_ticks;
use crate::markup::{self, Rich};
use crate::model::{Category, Chart, ChartKind, LoadedTeam, ObjectiveKind, OtherItem, Outcome};
use crate::validate::Review;

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
#[derive(Debug, Serialize)]
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
#[derive(Debug, Serialize)]
struct ReviewJson<'a> {
    #[serde(flatten)]
    review: &'a ReviewDoc,
    /// `None` for a whole deck; `front` or `team` for a part of one (see [`Part`]).
    part: Option<&'static str>,
    /// Whether the deck opens with the cover and the agenda.
    cover: bool,
    teams: &'a [TeamEntry],
    /// The overview slide after the agenda, in the review's deck.
    scorecard: Option<&'a Scorecard>,
}

/// A team as the agenda lists it, and the data file with the rest.
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Serialize)]
pub(crate) struct WorkflowType {
    pub(crate) letter: String,
    pub(crate) meaning: String,
}

/// One team's slides.
#[derive(Debug, Serialize)]
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
}

/// A category and its share of the team's time.
#[derive(Debug, Serialize)]
pub(crate) struct Share {
    pub(crate) category: &'static str,
    pub(crate) percent: String,
}

/// An objective slide.
#[derive(Debug, Serialize)]
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
}

/// A measure of success and whether it was met.
#[derive(Debug, Serialize)]
pub(crate) struct MeasureDoc {
    pub(crate) text: Rich,
    pub(crate) met: Option<bool>,
}

/// An entry of "Other successes and misses".
#[derive(Debug, Serialize)]
pub(crate) struct OtherDoc {
    /// `success`, `miss`, `learning` or `plain`.
    pub(crate) kind: &'static str,
    pub(crate) text: Rich,
}

/// A category of the core-workflow table.
#[derive(Debug, Serialize)]
pub(crate) struct WorkflowGroupDoc {
    pub(crate) category: String,
    pub(crate) items: Vec<WorkflowDoc>,
}

/// A row of the core-workflow table.
#[derive(Debug, Serialize)]
pub(crate) struct WorkflowDoc {
    pub(crate) workflow: String,
    pub(crate) comments: Rich,
    #[serde(rename = "type")]
    pub(crate) kind: Option<String>,
}

/// A data table slide.
#[derive(Debug, Serialize)]
pub(crate) struct TableDoc {
    pub(crate) title: String,
    pub(crate) caption: Option<String>,
    #[serde(flatten)]
    pub(crate) figures: TableFigures,
}

/// A chart, with its axis already worked out.
#[derive(Debug, Serialize)]
pub(crate) struct ChartDoc {
    pub(crate) title: String,
    pub(crate) kind: &'static str,
    pub(crate) unit: Option<String>,
    pub(crate) x: Vec<String>,
    pub(crate) series: Vec<SeriesDoc>,
    pub(crate) notes: Vec<String>,
    /// Tick values, lowest first; the axis runs from the first to the last.
    pub(crate) ticks: Vec<f64>,
    pub(crate) tick_labels: Vec<String>,
    /// A sentence describing the chart, for readers who cannot see it.
    pub(crate) alt: String,
}

/// One series of a chart.
#[derive(Debug, Serialize)]
pub(crate) struct SeriesDoc {
    pub(crate) name: String,
    pub(crate) values: Vec<f64>,
}

/// The whole document, what the layout reads: the meeting, its teams and the scorecard.
#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) kind: DeckKind,
    pub(crate) review: ReviewDoc,
    pub(crate) entries: Vec<TeamEntry>,
    pub(crate) teams: Vec<TeamDoc>,
    pub(crate) scorecard: Option<Scorecard>,
}

impl Document {
    /// The data files of the whole deck, typeset in one piece.
    pub(crate) fn data_files(&self) -> Vec<(String, Vec<u8>)> {
        let review = self.review_json(None, &self.entries);
        let mut files = vec![("/data/review.json".to_owned(), review)];
        for (entry, team) in self.entries.iter().zip(&self.teams) {
            files.push((entry.data.clone(), to_json(team)));
        }
        files
    }

    /// The data files of one part of the deck. The front matter needs how many pages
    /// each team's part has, `team_pages`, for the agenda's links.
    pub(crate) fn part_files(&self, part: Part, team_pages: &[usize]) -> Vec<(String, Vec<u8>)> {
        match part {
            Part::Front => {
                let mut offset = 0;
                let entries: Vec<TeamEntry> = self
                    .entries
                    .iter()
                    .zip(team_pages)
                    .map(|(entry, pages)| {
                        let entry = TeamEntry { offset: Some(offset), ..entry.clone() };
                        offset += pages;
                        entry
                    })
                    .collect();
                vec![("/data/review.json".to_owned(), self.review_json(Some("front"), &entries))]
            }
            Part::Team(index) => {
                let entry = &self.entries[index];
                vec![
                    (
                        "/data/review.json".to_owned(),
                        self.review_json(Some("team"), std::slice::from_ref(entry)),
                    ),
                    (entry.data.clone(), to_json(&self.teams[index])),
                ]
            }
        }
    }

    fn review_json(&self, part: Option<&'static str>, teams: &[TeamEntry]) -> Vec<u8> {
        let whole_review = self.kind == DeckKind::Review;
        to_json(&ReviewJson {
            review: &self.review,
            part,
            cover: whole_review && part != Some("team"),
            teams,
            scorecard: self.scorecard.as_ref().filter(|_| whole_review && part != Some("team")),
        })
    }
}

/// The data file of the layout's page marks (`marks.typ`): how many pages to number.
pub(crate) fn marks_files(pages: usize) -> Vec<(String, Vec<u8>)> {
    vec![("/data/marks.json".to_owned(), to_json(&serde_json::json!({ "pages": pages })))]
}

/// JSON of plain data; serialising it cannot fail.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("document data serialises to JSON")
}

/// Builds the document for a validated review.
pub(crate) fn build(review: &Review, kind: DeckKind) -> Document {
    let teams: Vec<TeamDoc> = review.teams.iter().map(|team| team_doc(review, team)).collect();
    let entries = review
        .teams
        .iter()
        .zip(&teams)
        .enumerate()
        .map(|(index, (team, doc))| TeamEntry {
            name: doc.name.clone(),
            slug: team.slug.clone(),
            data: format!("/data/teams/{index}-{}.json", file_safe(&team.slug)),
            offset: None,
        })
        .collect();
    let inputs: Vec<TeamInput<'_>> = review
        .teams
        .iter()
        .zip(&teams)
        .map(|(team, doc)| TeamInput {
            data: &team.data,
            kpis: &doc.kpis,
            time_split: allocation::time_split(&team.data),
        })
        .collect();
    let card = scorecard::compute(&inputs);
    let meta = &review.meta;
    let doc = ReviewDoc {
        schema: SCHEMA_VERSION,
        title: meta.title.clone(),
        organization: meta.organization.clone(),
        department: meta.department.clone(),
        quarter: review.quarter.slide_label(),
        quarter_short: review.quarter.short_label(),
        date: review.date.map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        footer: meta.footer.clone(),
        total_fte: card.total_fte.clone(),
        workflow_types: meta
            .workflow_types
            .iter()
            .map(|(letter, meaning)| WorkflowType { letter: letter.clone(), meaning: meaning.clone() })
            .collect(),
    };
    let scorecard = (kind == DeckKind::Review && !teams.is_empty()).then_some(card);
    Document { kind, review: doc, entries, teams, scorecard }
}

/// A slug reduced to characters every file system and Typst path accepts.
fn file_safe(slug: &str) -> String {
    slug.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

fn team_doc(review: &Review, team: &LoadedTeam) -> TeamDoc {
    let data = &team.data;
    let name = data.team.value.trim().to_owned();
    let kpis = data
        .kpis
        .iter()
        .map(|kpi| {
            let style = KpiStyle {
                unit: kpi.unit.clone(),
                decimals: kpi.decimals.as_ref().map(|d| d.value),
                approx: kpi.approx,
                qualifier: kpi.qualifier.clone(),
                better: kpi.better,
            };
            // Validation has already refused references that cannot be followed.
            let history = kpi_history(data, kpi).unwrap_or_default();
            kpi::figures(
                kpi.name.value.trim(),
                &style,
                kpi.note.as_deref(),
                &history,
                review.quarter,
                review.fiscal_year_start,
            )
        })
        .collect();
    let chart_index = |id: &str| data.charts.iter().position(|chart| chart.id.value == id);
    let objectives = data
        .objectives
        .iter()
        .map(|objective| ObjectiveDoc {
            title: objective.title.value.trim().to_owned(),
            kind: match objective.kind {
                ObjectiveKind::Strengthen => "Strengthen",
                ObjectiveKind::Focus => "Focus",
                ObjectiveKind::Experiment => "Experiment",
            },
            goal: markup::parse(objective.goal.as_deref().unwrap_or(&objective.title.value)),
            team_members: objective.team_members,
            measures: objective
                .measures
                .iter()
                .map(|measure| MeasureDoc { text: markup::parse(&measure.text), met: measure.met })
                .collect(),
            status: markup::parse(&objective.status),
            outcome: objective.outcome.map(|outcome| match outcome {
                Outcome::Done => "done",
                Outcome::Partial => "partial",
                Outcome::Missed => "missed",
                Outcome::Dropped => "dropped",
            }),
            learning: objective.learning.as_deref().map(markup::parse),
            chart: objective.chart.as_ref().and_then(|id| chart_index(&id.value)),
        })
        .collect();
    let other = data
        .other
        .iter()
        .map(|item| {
            let (kind, text) = match item {
                OtherItem::Plain(text) => ("plain", text),
                OtherItem::Success(text) => ("success", text),
                OtherItem::Miss(text) => ("miss", text),
                OtherItem::Learning(text) => ("learning", text),
            };
            OtherDoc { kind, text: markup::parse(text) }
        })
        .collect();
    let workflows = data
        .workflows
        .iter()
        .map(|group| WorkflowGroupDoc {
            category: group.category.clone(),
            items: group
                .items
                .iter()
                .map(|item| WorkflowDoc {
                    workflow: item.workflow.clone(),
                    comments: markup::parse(item.comments.as_deref().unwrap_or("")),
                    kind: item.kind.as_ref().map(|kind| kind.value.clone()),
                })
                .collect(),
        })
        .collect();
    let tables = data
        .tables
        .iter()
        .map(|table| TableDoc {
            title: table.title.clone().unwrap_or_else(|| table.id.value.clone()),
            caption: table.caption.clone(),
            figures: table_figures(table),
        })
        .collect();
    let allocation_figures = data.allocation.as_ref().map(allocation::compute);
    // Computed shares win over typed ones (validation warned where they differ); they
    // are shown in whole percents, as the source decks did, typed ones as written.
    let decimals = allocation_figures.as_ref().map(|_| 0);
    let time_spent = allocation::time_split(data)
        .unwrap_or_default()
        .into_iter()
        .filter(|(category, share)| *share > 0.0 || *category != Category::Maintenance)
        .map(|(category, share)| Share {
            category: category.name(),
            percent: format!("{}%", format::number(share, decimals)),
        })
        .collect();
    TeamDoc {
        schema: SCHEMA_VERSION,
        heading: format!("{} - {name}", review.quarter.short_label()),
        name,
        slug: team.slug.clone(),
        fte: data.fte.as_ref().map(|fte| format::number(fte.value, None)),
        fte_note: data.fte_note.clone(),
        time_spent,
        kpis,
        objectives,
        highlights: data.highlights.iter().map(|text| markup::parse(text)).collect(),
        other,
        workflows,
        tables,
        charts: data.charts.iter().map(chart_doc).collect(),
        allocation: allocation_figures.as_ref().map(|figures| {
            allocation::to_doc(figures, data.allocation.as_ref().and_then(|a| a.note.as_deref()))
        }),
        skills: data.skills.as_ref().map(skills::to_doc),
    }
}

fn chart_doc(chart: &Chart) -> ChartDoc {
    let values = chart.series.values().flat_map(|series| series.value.iter().map(|value| value.value));
    let (min, max) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let ticks = if min.is_finite() { nice_ticks(min, max, 5) } else { nice_ticks(0.0, 1.0, 5) };
    let tick_labels = ticks.iter().map(|tick| format::number(*tick, None)).collect();
    let unit = chart.unit.clone();
    let series: Vec<SeriesDoc> = chart
        .series
        .iter()
        .map(|(name, values)| SeriesDoc {
            name: name.clone(),
            values: values.value.iter().map(|value| value.value).collect(),
        })
        .collect();
    let x: Vec<String> = chart.x.value.iter().map(|label| label.0.clone()).collect();
    let alt = format!(
        "{} chart \"{}\": {}",
        if chart.kind == ChartKind::Line { "Line" } else { "Bar" },
        chart.title,
        series
            .iter()
            .map(|s| {
                let points: Vec<String> = x
                    .iter()
                    .zip(&s.values)
                    .map(|(x, v)| format!("{x} {}", format::number(*v, None)))
                    .collect();
                format!("{}: {}", s.name, points.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    ChartDoc {
        title: chart.title.clone(),
        kind: if chart.kind == ChartKind::Line { "line" } else { "bar" },
        unit,
        x,
        series,
        notes: chart.notes.clone(),
        ticks,
        tick_labels,
        alt,
    }
}
