//! The review scorecard: per team, objectives by outcome and KPIs that moved; for the
//! department, its size and time split weighted by each team's size.
//!
//! The original overview aimed at about 75% of objectives met: a team that meets every
//! goal did not aim high enough, so the target is shown, not just the score.

use serde::Serialize;

use super::format;
use super::kpi::{KpiFigures, Tone};
use crate::model::{Category, Outcome, TeamFile};

/// The share of objectives done that the organization aimed for.
pub(crate) const TARGET_PERCENT: f64 = 75.0;

/// One team's row.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct TeamScore {
    pub(crate) team: String,
    pub(crate) objectives: usize,
    pub(crate) done: usize,
    pub(crate) partial: usize,
    pub(crate) missed: usize,
    pub(crate) dropped: usize,
    /// Objectives without an outcome.
    pub(crate) open: usize,
    /// Percent of objectives done, formatted; `—` without objectives.
    pub(crate) share_done: String,
    /// Unrounded, for the bar against the target.
    pub(crate) share_done_value: Option<f64>,
    /// The share done as a fraction of the bar (0 to 1).
    pub(crate) share_done_fraction: Option<f64>,
    /// Whether the share done reaches the target (the bar is green).
    pub(crate) meets_target: bool,
    /// `+8 pts`, `−25 pts` against the target; `—` without objectives.
    pub(crate) against_target: String,
    pub(crate) kpis_good: usize,
    pub(crate) kpis_bad: usize,
}

/// The whole department.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct Scorecard {
    pub(crate) teams: Vec<TeamScore>,
    pub(crate) target: String,
    /// Where the target sits on a team's bar (0 to 1).
    pub(crate) target_fraction: f64,
    /// The sum of the teams' FTE, formatted.
    pub(crate) total_fte: Option<String>,
    /// Percent per category, weighted by FTE over the teams that give both.
    pub(crate) time_split: Vec<CategoryPercent>,
}

/// A category and its weighted share.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct CategoryPercent {
    pub(crate) category: &'static str,
    pub(crate) percent: String,
    pub(crate) value: f64,
}

/// A team's inputs to the scorecard.
pub(crate) struct TeamInput<'a> {
    /// The team's name as the slides show it.
    pub(crate) name: &'a str,
    pub(crate) data: &'a TeamFile,
    pub(crate) kpis: &'a [KpiFigures],
    /// The team's time split (computed from its allocation, or as given).
    pub(crate) time_split: Option<Vec<(Category, f64)>>,
}

pub(crate) fn compute(teams: &[TeamInput<'_>]) -> Scorecard {
    let rows = teams.iter().map(team_score).collect();
    let sized: Vec<(f64, &Vec<(Category, f64)>)> = teams
        .iter()
        .filter_map(|team| Some((team.data.fte.as_ref()?.value, team.time_split.as_ref()?)))
        .filter(|(fte, _)| *fte > 0.0)
        .collect();
    let weight = sized.iter().fold(0.0, |sum, (fte, _)| sum + fte);
    let time_split = if weight > 0.0 {
        Category::ALL
            .iter()
            .map(|category| {
                let weighted = sized.iter().fold(0.0, |sum, (fte, split)| {
                    let share = split.iter().find(|(c, _)| c == category).map_or(0.0, |(_, share)| *share);
                    sum + fte * share
                });
                let value = weighted / weight;
                CategoryPercent {
                    category: category.name(),
                    percent: format!("{}%", format::number(value, Some(0))),
                    value,
                }
            })
            .filter(|share| share.value > 0.0 || share.category != "maintenance")
            .collect()
    } else {
        Vec::new()
    };
    let ftes: Vec<f64> =
        teams.iter().filter_map(|team| team.data.fte.as_ref().map(|fte| fte.value)).collect();
    Scorecard {
        teams: rows,
        target: format!("{}%", format::number(TARGET_PERCENT, Some(0))),
        target_fraction: TARGET_PERCENT / 100.0,
        total_fte: (!ftes.is_empty())
            .then(|| format::number(ftes.iter().fold(0.0, |sum, fte| sum + fte), Some(1))),
        time_split,
    }
}

fn team_score(team: &TeamInput<'_>) -> TeamScore {
    let outcomes: Vec<Option<Outcome>> =
        team.data.objectives.iter().map(|objective| objective.outcome).collect();
    let count = |wanted: Outcome| outcomes.iter().filter(|outcome| **outcome == Some(wanted)).count();
    let done = count(Outcome::Done);
    let total = outcomes.len();
    let share = (total > 0).then(|| done as f64 / total as f64 * 100.0);
    let dash = || format::NOT_SHOWN.to_owned();
    TeamScore {
        team: team.name.to_owned(),
        objectives: total,
        done,
        partial: count(Outcome::Partial),
        missed: count(Outcome::Missed),
        dropped: count(Outcome::Dropped),
        open: outcomes.iter().filter(|outcome| outcome.is_none()).count(),
        share_done: share.map_or_else(dash, |share| format!("{}%", format::number(share, Some(0)))),
        share_done_value: share,
        share_done_fraction: share.map(|share| share / 100.0),
        meets_target: share.is_some_and(|share| share >= TARGET_PERCENT),
        against_target: share
            .map_or_else(dash, |share| format!("{} pts", format::signed(share - TARGET_PERCENT, Some(0)))),
        kpis_good: team.kpis.iter().filter(|kpi| kpi.change.tone == Tone::Good).count(),
        kpis_bad: team.kpis.iter().filter(|kpi| kpi.change.tone == Tone::Bad).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(yaml: &str) -> TeamFile {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn counts_outcomes_against_the_target() {
        let data = team(
            "team: A\nfte: 4\nobjectives:\n  - {title: a, kind: focus, status: s, outcome: done}\n  - {title: b, kind: focus, status: s, outcome: done}\n  - {title: c, kind: focus, status: s, outcome: missed}\n  - {title: d, kind: focus, status: s}\n",
        );
        let card = compute(&[TeamInput { name: "Team", data: &data, kpis: &[], time_split: None }]);
        let row = &card.teams[0];
        assert_eq!((row.objectives, row.done, row.missed, row.open), (4, 2, 1, 1));
        assert_eq!(row.share_done, "50%");
        assert_eq!(row.against_target, "\u{2212}25 pts");
        assert_eq!(card.total_fte.as_deref(), Some("4.0"));
    }

    #[test]
    fn time_split_is_weighted_by_team_size() {
        let big = team("team: Big\nfte: 3\n");
        let small = team("team: Small\nfte: 1\n");
        let split = |strengthen: f64, focus: f64| {
            Some(vec![
                (Category::Strengthen, strengthen),
                (Category::Focus, focus),
                (Category::Experiment, 0.0),
            ])
        };
        let card = compute(&[
            TeamInput { name: "Team", data: &big, kpis: &[], time_split: split(100.0, 0.0) },
            TeamInput { name: "Team", data: &small, kpis: &[], time_split: split(0.0, 100.0) },
        ]);
        let shares: Vec<(&str, &str)> =
            card.time_split.iter().map(|s| (s.category, s.percent.as_str())).collect();
        assert_eq!(shares, [("strengthen", "75%"), ("focus", "25%"), ("experiment", "0%")]);
    }

    #[test]
    fn a_team_without_objectives_has_no_share() {
        let data = team("team: A\n");
        let card = compute(&[TeamInput { name: "Team", data: &data, kpis: &[], time_split: None }]);
        assert_eq!(card.teams[0].share_done, "\u{2014}");
        assert!(card.time_split.is_empty() && card.total_fte.is_none());
    }
}
