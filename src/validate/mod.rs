//! The validated stage: rules across values, what a file can get wrong even when every
//! value parses, and the review they let through.
//!
//! Every rule reports through `Diagnostics` with the place in the file, and all rules
//! run, so that one `qreview check` lists everything to fix. Validation computes no
//! figure: comparing figures written by hand with computed ones is the computed stage's
//! cross-check (`compute::crosscheck`).

mod history;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

pub(crate) use history::kpi_history;

use crate::compute::{allocation, format};
use crate::diag::{Diagnostic, Diagnostics, FileRef, Loc};
use crate::model::{
    Category, Cell, KpiValue, LoadedReview, LoadedTeam, Quarter, ReviewMeta, Spanned, TeamFile,
};
use crate::suggest;

/// A review that passed validation: what the later stages read. Nothing raw is left:
/// names are trimmed and every KPI's `from:` reference is followed.
#[derive(Debug, Clone)]
pub(crate) struct Review {
    pub(crate) meta: ReviewMeta,
    pub(crate) quarter: Quarter,
    pub(crate) fiscal_year_start: u8,
    pub(crate) date: Option<Date>,
    pub(crate) teams: Vec<ValidTeam>,
}

/// A team file that passed validation.
#[derive(Debug, Clone)]
pub(crate) struct ValidTeam {
    /// The team's name, trimmed.
    pub(crate) name: String,
    /// The file stem, e.g. `release-engineering`.
    pub(crate) slug: String,
    pub(crate) file: FileRef,
    /// The file's data, with the names of its KPIs and objectives trimmed.
    pub(crate) data: TeamFile,
    /// Each KPI's values by quarter (its own, or read from a table), in `data.kpis` order.
    pub(crate) histories: Vec<Vec<(Quarter, KpiValue)>>,
}

impl ValidTeam {
    /// A team whose every check passed. `from:` references were checked, so following
    /// them again cannot fail.
    fn new(team: LoadedTeam) -> ValidTeam {
        let LoadedTeam { slug, file, mut data, .. } = team;
        let histories = data.kpis.iter().map(|kpi| kpi_history(&data, kpi).unwrap_or_default()).collect();
        for kpi in &mut data.kpis {
            kpi.name.value = kpi.name.value.trim().to_owned();
        }
        for objective in &mut data.objectives {
            objective.title.value = objective.title.value.trim().to_owned();
        }
        ValidTeam { name: data.team.value.trim().to_owned(), slug, file, data, histories }
    }
}

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Date {
    pub(crate) year: i32,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

/// Template text that must never reach a slide (the hand-made decks showed it).
const PLACEHOLDERS: &[&str] = &["team name", "tbd", "todo", "xxx", "lorem ipsum"];

/// Checks the loaded review; `None` when any error was found.
pub(crate) fn validate(loaded: LoadedReview, diagnostics: &mut Diagnostics) -> Option<Review> {
    let LoadedReview { meta, teams, failed, .. } = loaded;
    // A team file that could not be read is an error for a deck that needs it.
    for team in failed {
        diagnostics.extend(team.diagnostics);
    }

    let fiscal_year_start = match &meta.fiscal_year_start {
        Some((month, loc)) if !(1..=12).contains(month) => {
            diagnostics.push(Diagnostic::error(
                loc.clone(),
                format!("fiscal_year_start is a month from 1 to 12, not {month}"),
            ));
            1
        }
        Some((month, _)) => *month,
        None => 1,
    };

    let date = meta.date.as_ref().and_then(|(text, loc)| match parse_date(text) {
        Some(date) => Some(date),
        None => {
            diagnostics.push(Diagnostic::error(
                loc.clone(),
                format!("`{text}` is not a date: expected YYYY-MM-DD, e.g. 2016-01-21"),
            ));
            None
        }
    });

    let quarter = review_quarter(&meta, &teams, fiscal_year_start, diagnostics);

    let mut names: Vec<(String, &LoadedTeam)> = Vec::new();
    for team in &teams {
        // Two teams of one name would show twice in the agenda, and `--team` could not
        // tell them apart.
        let name = team.data.team.value.trim().to_lowercase();
        match names.iter().find(|(seen, _)| !name.is_empty() && *seen == name) {
            Some((_, first)) => diagnostics.push(
                Diagnostic::error(
                    Loc::of(team.file, &team.data.team),
                    format!(
                        "two team files name their team `{}`: this one and `{}`",
                        team.data.team.value.trim(),
                        first.path.display()
                    ),
                )
                .with_related(Loc::of(first.file, &first.data.team), "the same name, first given here")
                .with_hint("each team of a review needs a name of its own"),
            ),
            None => names.push((name, team)),
        }
        check_team(team, &meta, fiscal_year_start, diagnostics);
    }

    if diagnostics.has_errors() {
        return None;
    }
    let teams = teams.into_iter().map(ValidTeam::new).collect();
    Some(Review { meta, quarter: quarter?, fiscal_year_start, date, teams })
}

/// The quarter under review: the review's, or a lone team file's own.
fn review_quarter(
    meta: &ReviewMeta,
    teams: &[LoadedTeam],
    fiscal_year_start: u8,
    diagnostics: &mut Diagnostics,
) -> Option<Quarter> {
    let review = meta.quarter.as_ref().map(|(quarter, _)| *quarter);
    for team in teams {
        let Some(team_quarter) = &team.data.quarter else { continue };
        let loc = Loc::of(team.file, team_quarter);
        match review {
            Some(expected)
                if expected.start_month(fiscal_year_start)
                    != team_quarter.value.start_month(fiscal_year_start) =>
            {
                diagnostics.push(
                    Diagnostic::error(
                        loc,
                        format!(
                            "this team file is for {}, but the review is for {expected}",
                            team_quarter.value
                        ),
                    )
                    .with_hint(format!("write `quarter: {expected}`, or leave the key out")),
                );
            }
            _ => {}
        }
    }
    if review.is_some() {
        return review;
    }
    match teams.first() {
        Some(team) => match &team.data.quarter {
            Some(quarter) => Some(quarter.value),
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        Loc::file_start(team.file),
                        "a team file built on its own needs a `quarter:` (e.g. `quarter: 2015/16 Q2`)",
                    )
                    .with_hint("or build the review folder that lists this team"),
                );
                None
            }
        },
        None => None,
    }
}

fn check_team(team: &LoadedTeam, meta: &ReviewMeta, fiscal_year_start: u8, diagnostics: &mut Diagnostics) {
    let data = &team.data;
    let file = team.file;
    let name = data.team.value.trim();
    if name.is_empty() {
        diagnostics.push(Diagnostic::error(Loc::of(file, &data.team), "the team name is empty"));
    } else if PLACEHOLDERS.contains(&name.to_lowercase().as_str()) {
        diagnostics.push(
            Diagnostic::error(
                Loc::of(file, &data.team),
                format!("`{name}` is a template placeholder, not a team name"),
            )
            .with_hint("write the team's name as it should appear on the slides"),
        );
    }
    let finite = check_finite(team, diagnostics);
    if let Some(fte) = &data.fte
        && fte.value < 0.0
        && fte.value.is_finite()
    {
        diagnostics.push(Diagnostic::error(Loc::of(file, fte), "fte is a team size and cannot be negative"));
    }
    if let Some(time_spent) = &data.time_spent
        && finite
    {
        let shares: Vec<(Category, &Spanned<f64>)> = Category::ALL
            .iter()
            .filter_map(|category| time_spent.value.get(*category).map(|share| (*category, share)))
            .collect();
        for (category, share) in &shares {
            if !(0.0..=100.0).contains(&share.value) {
                diagnostics.push(Diagnostic::warning(
                    Loc::of(file, *share),
                    format!(
                        "time_spent gives {} {}%: a share of the team's time is from 0 to 100%",
                        category.name(),
                        format::number(share.value, None)
                    ),
                ));
            }
        }
        let total = shares.iter().fold(0.0, |sum, (_, share)| sum + share.value);
        if (total - 100.0).abs() > 0.5 {
            diagnostics.push(Diagnostic::warning(
                Loc::of(file, time_spent),
                format!("time_spent adds up to {total}%, not 100%"),
            ));
        }
    }

    check_kpis(team, fiscal_year_start, diagnostics);
    check_tables(data, team, diagnostics);
    check_charts(data, team, diagnostics);
    check_workflows(data, team, meta, diagnostics);
    if finite {
        check_allocation(data, team, diagnostics);
    }
    check_skills(data, team, diagnostics);
}

/// Reports every number of the team's file that is not finite (`.nan`, `.inf`, a
/// literal too large for a number): no slide can show one, and no figure can be
/// computed from one. Whether all were finite.
fn check_finite(team: &LoadedTeam, diagnostics: &mut Diagnostics) -> bool {
    let data = &team.data;
    let mut numbers: Vec<(Loc, f64)> = Vec::new();
    let mut add = |value: &Spanned<f64>| numbers.push((Loc::of(team.file, value), value.value));
    data.fte.iter().for_each(&mut add);
    if let Some(time_spent) = &data.time_spent {
        Category::ALL.iter().filter_map(|category| time_spent.value.get(*category)).for_each(&mut add);
    }
    for chart in &data.charts {
        chart.series.values().flat_map(|series| &series.value).for_each(&mut add);
    }
    if let Some(allocation) = &data.allocation {
        allocation.people.values().flat_map(|shares| &shares.value).for_each(&mut add);
        let totals = allocation.reported.as_ref().and_then(|reported| reported.totals.as_ref());
        totals.iter().flat_map(|totals| &totals.value).for_each(&mut add);
    }
    for kpi in &data.kpis {
        for (_, value) in kpi.values.iter().flat_map(|values| values.iter()) {
            if let KpiValue::Number(number) = value.value {
                numbers.push((Loc::of(team.file, value), number));
            }
        }
    }
    for cell in data.tables.iter().flat_map(|table| &table.rows).flat_map(|row| &row.value) {
        if let Cell::Number(number) = cell.value {
            numbers.push((Loc::of(team.file, cell), number));
        }
    }
    // In file order, as every other problem.
    numbers.sort_by_key(|(loc, _)| loc.range.start);
    let mut finite = true;
    for (loc, value) in numbers.into_iter().filter(|(_, value)| !value.is_finite()) {
        finite = false;
        let what = if value.is_nan() {
            "`.nan` (not a number)"
        } else if value > 0.0 {
            "infinite (`.inf`, or a number too large to hold)"
        } else {
            "minus infinity (`-.inf`, or a number too large to hold)"
        };
        diagnostics.push(
            Diagnostic::error(loc, format!("this value is {what}, so no slide can show it"))
                .with_hint("write the figure as a finite number, or leave the key out"),
        );
    }
    finite
}

fn check_kpis(team: &LoadedTeam, fiscal_year_start: u8, diagnostics: &mut Diagnostics) {
    let file = team.file;
    for kpi in &team.data.kpis {
        for (_, value) in kpi.values.iter().flat_map(|values| values.iter()) {
            let KpiValue::Text(shape) = value.value else { continue };
            let hint = shape.hint().unwrap_or("a value the slide may not show is written `redacted`");
            diagnostics.push(
                Diagnostic::error(Loc::of(file, value), "expected a number or `redacted` here, not a text")
                    .with_hint(hint),
            );
        }
        let name_loc = Loc::of(file, &kpi.name);
        if kpi.name.value.trim().is_empty() {
            diagnostics.push(Diagnostic::error(name_loc.clone(), "a KPI needs a name"));
        }
        if let Some(decimals) = &kpi.decimals
            && decimals.value > 10
        {
            diagnostics.push(Diagnostic::error(Loc::of(file, decimals), "decimals is at most 10"));
        }
        match (&kpi.values, &kpi.from) {
            (Some(_), Some(from)) => diagnostics.push(
                Diagnostic::error(
                    Loc::of(file, from),
                    "a KPI takes its values either from `values` or from `from`, not both",
                )
                .with_hint("remove one of the two"),
            ),
            (None, None) if kpi.note.is_none() => diagnostics.push(
                Diagnostic::warning(
                    name_loc.clone(),
                    format!("KPI `{}` has no values and no note", kpi.name.value),
                )
                .with_hint(
                    "add `values:`, `from: table/row`, or a `note:` saying why there is no figure yet",
                ),
            ),
            _ => {}
        }
        if let Some(values) = &kpi.values {
            let mut seen: Vec<(i32, &Quarter)> = Vec::new();
            for (quarter, _) in values.iter() {
                let month = quarter.value.start_month(fiscal_year_start);
                if let Some((_, first)) = seen.iter().find(|(m, _)| *m == month) {
                    diagnostics.push(Diagnostic::error(
                        Loc::of(file, quarter),
                        format!(
                            "{} is the same quarter as {first}, which already has a value",
                            quarter.value
                        ),
                    ));
                }
                seen.push((month, &quarter.value));
            }
        }
        if let (Some(from), None) = (&kpi.from, &kpi.values)
            && let Err(problem) = kpi_history(&team.data, kpi)
        {
            let mut diagnostic = Diagnostic::error(Loc::of(file, from), problem.message);
            if let Some(hint) = problem.hint {
                diagnostic = diagnostic.with_hint(hint);
            }
            diagnostics.push(diagnostic);
        }
    }
}

fn check_tables(data: &TeamFile, team: &LoadedTeam, diagnostics: &mut Diagnostics) {
    let mut ids = HashSet::new();
    for table in &data.tables {
        if !ids.insert(table.id.value.as_str()) {
            diagnostics.push(Diagnostic::error(
                Loc::of(team.file, &table.id),
                format!("two tables have the id `{}`", table.id.value),
            ));
        }
        let columns = table.columns.value.len();
        if columns == 0 {
            diagnostics.push(Diagnostic::error(Loc::of(team.file, &table.columns), "a table needs columns"));
        }
        for row in &table.rows {
            if row.value.len() != columns {
                diagnostics.push(Diagnostic::error(
                    Loc::of(team.file, row),
                    format!("this row has {} cells, but the table has {columns} columns", row.value.len()),
                ));
            }
        }
        if table.decimals.is_some_and(|d| d > 10) {
            diagnostics.push(Diagnostic::error(Loc::of(team.file, &table.id), "decimals is at most 10"));
        }
    }
}

fn check_charts(data: &TeamFile, team: &LoadedTeam, diagnostics: &mut Diagnostics) {
    let mut ids = HashSet::new();
    for chart in &data.charts {
        if !ids.insert(chart.id.value.as_str()) {
            diagnostics.push(Diagnostic::error(
                Loc::of(team.file, &chart.id),
                format!("two charts have the id `{}`", chart.id.value),
            ));
        }
        let points = chart.x.value.len();
        if chart.series.len() == 0 {
            diagnostics
                .push(Diagnostic::error(Loc::of(team.file, &chart.id), "a chart needs at least one series"));
        }
        for (name, values) in chart.series.iter() {
            if values.value.len() != points {
                diagnostics.push(Diagnostic::error(
                    Loc::of(team.file, values),
                    format!("series `{name}` has {} values, but x has {points}", values.value.len()),
                ));
            }
        }
    }
    let chart_ids: Vec<&str> = data.charts.iter().map(|chart| chart.id.value.as_str()).collect();
    for objective in &data.objectives {
        if let Some(chart) = &objective.chart
            && !chart_ids.contains(&chart.value.as_str())
        {
            let mut diagnostic = Diagnostic::error(
                Loc::of(team.file, chart),
                format!("no chart has the id `{}`", chart.value),
            );
            if let Some(hint) = suggest::did_you_mean_name(&chart.value, chart_ids.iter().copied()) {
                diagnostic = diagnostic.with_hint(hint);
            }
            diagnostics.push(diagnostic);
        }
    }
}

fn check_workflows(data: &TeamFile, team: &LoadedTeam, meta: &ReviewMeta, diagnostics: &mut Diagnostics) {
    if meta.workflow_types.is_empty() {
        return;
    }
    let letters: Vec<&str> = meta.workflow_types.iter().map(|(letter, _)| letter.as_str()).collect();
    for item in data.workflows.iter().flat_map(|group| &group.items) {
        if let Some(kind) = &item.kind
            && !letters.contains(&kind.value.as_str())
        {
            diagnostics.push(Diagnostic::warning(
                Loc::of(team.file, kind),
                format!(
                    "workflow type `{}` is not in the review's workflow_types ({})",
                    kind.value,
                    letters.join(", ")
                ),
            ));
        }
    }
}

fn check_allocation(data: &TeamFile, team: &LoadedTeam, diagnostics: &mut Diagnostics) {
    let Some(allocation) = &data.allocation else { return };
    let projects = allocation.projects.value.len();
    if projects == 0 {
        diagnostics.push(Diagnostic::error(
            Loc::of(team.file, &allocation.projects),
            "allocation lists no projects",
        ));
    }
    // The table adds rows and a column of its own; a project or person of the same name
    // would read as one of them.
    let own = |name: &str| allocation::OWN_LABELS.iter().find(|own| own.eq_ignore_ascii_case(name.trim()));
    for (name, what) in allocation
        .projects
        .value
        .keys()
        .map(|name| (name, "project"))
        .chain(allocation.people.keys().map(|name| (name, "person")))
    {
        if let Some(label) = own(name) {
            diagnostics.push(
                Diagnostic::warning(
                    Loc::of(team.file, &allocation.projects),
                    format!(
                        "a {what} is named `{}`, as a row or column the allocation table computes (`{label}`)",
                        name.trim()
                    ),
                )
                .with_hint(format!("rename the {what}, so that the slide shows which is which")),
            );
        }
    }
    for (person, shares) in allocation.people.iter() {
        if shares.value.len() != projects {
            diagnostics.push(Diagnostic::error(
                Loc::of(team.file, shares),
                format!("{person} has {} shares, but there are {projects} projects", shares.value.len()),
            ));
        }
        if shares.value.iter().any(|share| !(0.0..=100.0).contains(&share.value)) {
            diagnostics.push(Diagnostic::error(
                Loc::of(team.file, shares),
                format!("{person}'s shares must be percentages from 0 to 100"),
            ));
        }
    }
    let reported = allocation.reported.as_ref().and_then(|reported| reported.totals.as_ref());
    if let Some(totals) = reported
        && totals.value.len() != projects
    {
        diagnostics.push(Diagnostic::error(
            Loc::of(team.file, totals),
            format!("reported totals has {} values, but there are {projects} projects", totals.value.len()),
        ));
    }
}

fn check_skills(data: &TeamFile, team: &LoadedTeam, diagnostics: &mut Diagnostics) {
    let Some(skills) = &data.skills else { return };
    let scale = &skills.scale.value;
    if scale.min >= scale.max {
        diagnostics.push(Diagnostic::error(
            Loc::of(team.file, &skills.scale),
            format!("the scale's min ({}) must be below its max ({})", scale.min, scale.max),
        ));
    }
    let count: usize = skills.groups.values().map(Vec::len).sum();
    let people: Vec<&str> = skills.ratings.keys().map(String::as_str).collect();
    let rows = skills.ratings.iter().map(|row| (row, "ratings"));
    let previous = skills.previous.iter().flat_map(|map| map.iter()).map(|row| (row, "previous"));
    for ((person, ratings), which) in rows.chain(previous) {
        if ratings.value.len() != count {
            diagnostics.push(Diagnostic::error(
                Loc::of(team.file, ratings),
                format!("{person} has {} {which}, but the groups list {count} skills", ratings.value.len()),
            ));
        }
        if let Some(bad) = ratings.value.iter().find(|r| **r < scale.min || **r > scale.max) {
            diagnostics.push(Diagnostic::error(
                Loc::of(team.file, ratings),
                format!("rating {bad} is outside the scale {} to {}", scale.min, scale.max),
            ));
        }
        if which == "previous" && !people.contains(&person.as_str()) {
            diagnostics.push(Diagnostic::warning(
                Loc::of(team.file, ratings),
                format!("{person} has previous ratings but no current ones"),
            ));
        }
    }
}

fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let date = Date { year: year.parse().ok()?, month: month.parse().ok()?, day: day.parse().ok()? };
    let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0);
    let days = match date.month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&date.day).then_some(date)
}
