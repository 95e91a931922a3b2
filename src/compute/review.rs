//! The computed stage: every figure of a validated review, computed once, before the
//! document maps them, with the text around them, to the layout's data.

use serde::Serialize;

use super::allocation::{self, AllocationDoc};
use super::chart::{self, ChartFigures};
use super::crosscheck;
use super::format;
use super::kpi::{self, KpiFigures, KpiStyle};
use super::scorecard::{self, Scorecard, TeamInput};
use super::skills::{self, SkillsDoc};
use super::table::{TableFigures, table_figures};
use crate::diag::Diagnostics;
use crate::model::Category;
use crate::validate::{Review, ValidTeam};

/// A validated review and its figures.
#[derive(Debug)]
pub(crate) struct ComputedReview {
    pub(crate) review: Review,
    /// In `review.teams` order.
    pub(crate) teams: Vec<ComputedTeam>,
    pub(crate) scorecard: Scorecard,
}

/// The figures of one team, each as its slide shows it.
#[derive(Debug)]
pub(crate) struct ComputedTeam {
    pub(crate) fte: Option<String>,
    pub(crate) time_spent: Vec<Share>,
    /// In `data.kpis` order.
    pub(crate) kpis: Vec<KpiFigures>,
    /// In `data.tables` order.
    pub(crate) tables: Vec<TableFigures>,
    /// In `data.charts` order.
    pub(crate) charts: Vec<ChartFigures>,
    pub(crate) allocation: Option<AllocationDoc>,
    pub(crate) skills: Option<SkillsDoc>,
}

/// A category and its share of the team's time.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct Share {
    pub(crate) category: &'static str,
    /// `45%`.
    pub(crate) percent: String,
}

/// Computes every figure of the review. Figures written by hand that differ from the
/// computed ones are warned about (see [`crosscheck`]).
pub(crate) fn compute(review: Review, diagnostics: &mut Diagnostics) -> ComputedReview {
    let mut splits = Vec::new();
    let teams: Vec<ComputedTeam> = review
        .teams
        .iter()
        .map(|team| {
            let (computed, split) = compute_team(&review, team, diagnostics);
            splits.push(split);
            computed
        })
        .collect();
    let inputs: Vec<TeamInput<'_>> = review
        .teams
        .iter()
        .zip(&teams)
        .zip(splits)
        .map(|((team, computed), time_split)| TeamInput {
            name: &team.name,
            data: &team.data,
            kpis: &computed.kpis,
            time_split,
        })
        .collect();
    let scorecard = scorecard::compute(&inputs);
    ComputedReview { review, teams, scorecard }
}

/// A team's figures, and its time split unrounded for the scorecard's weighted one.
fn compute_team(
    review: &Review,
    team: &ValidTeam,
    diagnostics: &mut Diagnostics,
) -> (ComputedTeam, Option<Vec<(Category, f64)>>) {
    let data = &team.data;
    let kpis = data
        .kpis
        .iter()
        .zip(&team.histories)
        .map(|(kpi, history)| {
            let style = KpiStyle {
                unit: kpi.unit.clone(),
                decimals: kpi.decimals.as_ref().map(|d| d.value),
                approx: kpi.approx,
                qualifier: kpi.qualifier.clone(),
                better: kpi.better,
            };
            kpi::figures(
                &kpi.name.value,
                &style,
                kpi.note.as_deref(),
                history,
                review.quarter,
                review.fiscal_year_start,
            )
        })
        .collect();
    let allocation_figures = data.allocation.as_ref().map(allocation::compute);
    if let Some(figures) = &allocation_figures {
        crosscheck::allocation(team, figures, diagnostics);
    }
    let split = allocation::time_split(data, allocation_figures.as_ref());
    // Computed shares win over typed ones (the cross-check warned where they differ);
    // they are shown in whole percents, as the source decks did, typed ones as written.
    let decimals = allocation_figures.as_ref().map(|_| 0);
    let time_spent = split
        .iter()
        .flatten()
        .filter(|(category, share)| *share > 0.0 || *category != Category::Maintenance)
        .map(|(category, share)| Share {
            category: category.name(),
            percent: format!("{}%", format::number(*share, decimals)),
        })
        .collect();
    let computed = ComputedTeam {
        fte: data.fte.as_ref().map(|fte| format::number(fte.value, None)),
        time_spent,
        kpis,
        tables: data.tables.iter().map(table_figures).collect(),
        charts: data.charts.iter().map(chart::figures).collect(),
        allocation: allocation_figures.as_ref().map(|figures| {
            allocation::to_doc(figures, data.allocation.as_ref().and_then(|a| a.note.as_deref()))
        }),
        skills: data.skills.as_ref().map(skills::to_doc),
    };
    (computed, split)
}
