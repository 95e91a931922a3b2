//! The validation rules one at a time: each test reads a small team file and checks
//! the problems found, their severity and their place (`line:column`).

use super::*;
use crate::diag::{Severity, SourceMap};

/// What validation found in a team file of `yaml` (with a `quarter:`): each problem as
/// `error 4:7 message` or `warning …`, and the validated review when there was no error.
fn validated(yaml: &str) -> (Vec<String>, Option<Review>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.yaml");
    std::fs::write(&path, yaml).unwrap();
    let (mut sources, mut diagnostics) = (SourceMap::default(), Diagnostics::default());
    let loaded = crate::model::load_review(&path, &mut sources, &mut diagnostics).unwrap();
    assert!(!diagnostics.has_errors(), "the file reads: {}", crate::diag::render(&sources, &diagnostics));
    let review = validate(loaded, &mut diagnostics);
    let found = diagnostics
        .iter()
        .map(|diagnostic| {
            let severity = if diagnostic.severity == Severity::Error { "error" } else { "warning" };
            let place = diagnostic.loc.as_ref().map_or("-".to_owned(), |loc| {
                let (line, column) = sources.line_column(loc);
                format!("{line}:{column}")
            });
            format!("{severity} {place} {}", diagnostic.message)
        })
        .collect();
    (found, review)
}

fn problems(yaml: &str) -> Vec<String> {
    validated(yaml).0
}

const HEAD: &str = "team: Ops\nquarter: 2015/16 Q2\n";

#[test]
fn a_template_placeholder_is_not_a_team_name() {
    assert_eq!(
        problems("team: Team name\nquarter: 2015/16 Q2\n"),
        ["error 1:7 `Team name` is a template placeholder, not a team name"]
    );
    assert_eq!(problems("team: '  '\nquarter: 2015/16 Q2\n"), ["error 1:7 the team name is empty"]);
}

#[test]
fn a_team_size_is_not_negative_and_a_time_split_adds_up() {
    let found = problems(&format!(
        "{HEAD}fte: -2\ntime_spent: {{strengthen: 120, focus: 10, experiment: 0, maintenance: 0}}\n"
    ));
    assert_eq!(
        found,
        [
            "error 3:6 fte is a team size and cannot be negative",
            "warning 4:26 time_spent gives strengthen 120%: a share of the team's time is from 0 to 100%",
            "warning 4:13 time_spent adds up to 130%, not 100%",
        ]
    );
}

#[test]
fn every_number_that_is_not_finite_is_reported_at_its_place() {
    let found = problems(&format!(
        "{HEAD}fte: .nan\ncharts:\n  - {{id: c, title: C, kind: line, x: [a, b], series: {{s: [1, .inf]}}}}\n"
    ));
    assert_eq!(
        found,
        [
            "error 3:6 this value is `.nan` (not a number), so no slide can show it",
            "error 5:62 this value is infinite (`.inf`, or a number too large to hold), so no slide can show it",
        ]
    );
}

#[test]
fn a_kpi_takes_values_or_a_reference_and_quarters_once() {
    let found = problems(&format!(
        "{HEAD}tables:\n  - {{id: t, columns: [M, 2015/16 Q2], rows: [[A, 1]]}}\nkpis:\n  \
         - {{name: Both, values: {{2015/16 Q2: 1}}, from: t/A}}\n  \
         - {{name: Twice, values: {{2015/16 Q2: 1, 2015 Q2: 2}}}}\n  \
         - {{name: Lost, from: tt/A}}\n  \
         - {{name: Empty}}\n"
    ));
    assert_eq!(
        found,
        [
            "error 6:49 a KPI takes its values either from `values` or from `from`, not both",
            "error 7:43 2015 Q2 is the same quarter as 2015/16 Q2, which already has a value",
            "error 8:24 no table has the id `tt`",
            "warning 9:12 KPI `Empty` has no values and no note",
        ]
    );
}

#[test]
fn rows_series_and_chart_references_have_the_right_shape() {
    let found = problems(&format!(
        "{HEAD}tables:\n  - {{id: t, columns: [A, B], rows: [[1, 2, 3]]}}\n\
         charts:\n  - {{id: speed, title: S, kind: bar, x: [a, b], series: {{s: [1]}}}}\n\
         objectives:\n  - {{title: O, kind: focus, status: ok, chart: sped}}\n"
    ));
    assert_eq!(
        found,
        [
            "error 4:37 this row has 3 cells, but the table has 2 columns",
            "error 6:61 series `s` has 1 values, but x has 2",
            "error 8:48 no chart has the id `sped`",
        ]
    );
}

#[test]
fn allocation_shares_fit_the_projects_and_skills_the_scale() {
    let found = problems(&format!(
        "{HEAD}allocation:\n  projects: {{A: focus, B: strengthen}}\n  people:\n    Ana: [50]\n    Ben: [50, 150]\n\
         skills:\n  scale: {{min: 1, max: 5}}\n  groups: {{G: [x, y]}}\n  ratings:\n    Ana: [1, 9]\n"
    ));
    assert_eq!(
        found,
        [
            "error 6:10 Ana has 1 shares, but there are 2 projects",
            "error 7:10 Ben's shares must be percentages from 0 to 100",
            "error 12:10 rating 9 is outside the scale 1 to 5",
        ]
    );
}

#[test]
fn a_valid_team_comes_out_trimmed_with_its_references_followed() {
    let (found, review) = validated(
        "team: '  Ops  '\nquarter: 2015/16 Q2\n\
         tables:\n  - {id: t, columns: [M, 2015/16 Q1, 2015/16 Q2], rows: [[Up, 1, redacted]]}\n\
         kpis:\n  - {name: '  Uptime ', from: t/Up}\n\
         objectives:\n  - {title: ' Faster ', kind: focus, status: done}\n",
    );
    assert!(found.is_empty(), "{found:?}");
    let review = review.expect("valid");
    let team = &review.teams[0];
    assert_eq!(team.name, "Ops");
    assert_eq!(team.data.kpis[0].name.value, "Uptime");
    assert_eq!(team.data.objectives[0].title.value, "Faster");
    let quarter = |text: &str| text.parse::<Quarter>().unwrap();
    assert_eq!(
        team.histories,
        [vec![(quarter("2015/16 Q1"), KpiValue::Number(1.0)), (quarter("2015/16 Q2"), KpiValue::Redacted)]]
    );
}

#[test]
fn a_lone_team_file_needs_its_quarter() {
    assert_eq!(
        problems("team: Ops\n"),
        ["error 1:1 a team file built on its own needs a `quarter:` (e.g. `quarter: 2015/16 Q2`)"]
    );
}

#[test]
fn dates() {
    assert!(parse_date("2016-01-21").is_some());
    assert!(parse_date("2016-02-29").is_some());
    assert!(parse_date("2015-02-29").is_none());
    assert!(parse_date("2016-13-01").is_none());
    assert!(parse_date("21.01.2016").is_none());
}
