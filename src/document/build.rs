//! The mapping from a computed review to the document: text parsed to rich text, enums
//! to the layout's words, figures copied from the computed stage. No arithmetic here.

use super::{
    ChartDoc, DeckKind, Document, MeasureDoc, ObjectiveDoc, OtherDoc, ReviewDoc, SCHEMA_VERSION, SeriesDoc,
    TableDoc, TeamDoc, TeamEntry, TeamNotesDoc, WorkflowDoc, WorkflowGroupDoc, WorkflowType,
};
use rayon::prelude::*;

use crate::compute::chart::ChartFigures;
use crate::compute::{ComputedReview, ComputedTeam};
use crate::markup;
use crate::model::{Chart, ChartKind, ObjectiveKind, OtherItem, Outcome};
use crate::validate::{Review, ValidTeam};

/// Builds the document of a computed review, as a deck of `kind`.
pub(crate) fn build(computed: ComputedReview, kind: DeckKind) -> Document {
    let ComputedReview { review, teams: figures, scorecard: card } = computed;
    // Each team's text parsed on its own core: the inline Markdown is most of this
    // stage's time (a third of `qreview check` of a 500-team review).
    let teams: Vec<TeamDoc> = review
        .teams
        .par_iter()
        .zip(figures)
        .map(|(team, figures)| team_doc(&review, team, figures))
        .collect();
    let entries = review
        .teams
        .iter()
        .enumerate()
        .map(|(index, team)| TeamEntry {
            name: team.name.clone(),
            slug: team.slug.clone(),
            data: format!("/data/teams/{index}-{}.json", file_safe(&team.slug)),
            offset: None,
        })
        .collect();
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
    Document {
        kind,
        ident: format!("qreview/{}/{}", meta.title, review.quarter),
        date: review.date,
        review: doc,
        entries,
        teams,
        scorecard,
    }
}

/// A slug reduced to characters every file system and Typst path accepts.
fn file_safe(slug: &str) -> String {
    slug.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

fn team_doc(review: &Review, team: &ValidTeam, figures: ComputedTeam) -> TeamDoc {
    let data = &team.data;
    let chart_index = |id: &str| data.charts.iter().position(|chart| chart.id.value == id);
    let objectives = data
        .objectives
        .iter()
        .map(|objective| ObjectiveDoc {
            title: objective.title.value.clone(),
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
            speaker_notes: notes(&objective.notes),
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
        .zip(figures.tables)
        .map(|(table, figures)| TableDoc {
            title: table.title.clone().unwrap_or_else(|| table.id.value.clone()),
            caption: table.caption.clone(),
            figures,
            speaker_notes: notes(&table.notes),
        })
        .collect();
    TeamDoc {
        schema: SCHEMA_VERSION,
        heading: format!("{} - {}", review.quarter.short_label(), team.name),
        name: team.name.clone(),
        slug: team.slug.clone(),
        fte: figures.fte,
        fte_note: data.fte_note.clone(),
        time_spent: figures.time_spent,
        kpis: figures.kpis,
        objectives,
        highlights: data.highlights.iter().map(|text| markup::parse(text)).collect(),
        other,
        workflows,
        tables,
        charts: data
            .charts
            .iter()
            .zip(figures.charts)
            .map(|(chart, figures)| chart_doc(chart, figures))
            .collect(),
        allocation: figures.allocation,
        skills: figures.skills,
        speaker_notes: data.notes.as_ref().map_or_else(TeamNotesDoc::default, |n| TeamNotesDoc {
            title: notes(&n.title),
            highlights: notes(&n.highlights),
            other: notes(&n.other),
            workflows: notes(&n.workflows),
            allocation: notes(&n.allocation),
            skills: notes(&n.skills),
        }),
    }
}

/// Notes as written, without the blank lines around them; none when only blanks.
fn notes(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).filter(|text| !text.is_empty()).map(str::to_owned)
}

fn chart_doc(chart: &Chart, figures: ChartFigures) -> ChartDoc {
    ChartDoc {
        title: chart.title.clone(),
        kind: if chart.kind == ChartKind::Line { "line" } else { "bar" },
        unit: chart.unit.clone(),
        x: chart.x.value.iter().map(|label| label.0.clone()).collect(),
        series: chart
            .series
            .iter()
            .map(|(name, values)| SeriesDoc {
                name: name.clone(),
                values: values.value.iter().map(|value| value.value).collect(),
            })
            .collect(),
        notes: chart.notes.clone(),
        figures,
        speaker_notes: notes(&chart.speaker_notes),
    }
}
