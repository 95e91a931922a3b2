//! `qreview kpis`: the computed KPI, allocation and scorecard tables, for the terminal
//! or for scripts, with exactly the figures the slides show (they are read from the same
//! document the layout reads).

use std::io::IsTerminal;
use std::process::ExitCode;

use comfy_table::{Table, presets};
use serde::Serialize;

use crate::cli::{KpisArgs, TableFormat};
use crate::diag::{self, Diagnostics, SourceMap};
use crate::document::{DeckKind, Document};
use crate::pipeline;
use crate::team_select::{self, Selected};

#[derive(Serialize)]
struct KpiRow<'a> {
    team: &'a str,
    kpi: &'a str,
    value: &'a str,
    change: &'a str,
    year_over_year: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct ProjectRow<'a> {
    team: &'a str,
    project: &'a str,
    total: &'a str,
    percent_of_capacity: &'a str,
    percent_of_all_time: &'a str,
}

#[derive(Serialize)]
struct CategoryRow<'a> {
    team: &'a str,
    category: &'a str,
    percent_of_all_time: &'a str,
}

#[derive(Serialize)]
struct ScoreRow<'a> {
    team: &'a str,
    objectives: usize,
    done: usize,
    partial: usize,
    missed: usize,
    dropped: usize,
    done_percent: &'a str,
    against_target: &'a str,
    kpis_up: usize,
    kpis_down: usize,
}

/// Every table, borrowed from the document.
#[derive(Serialize)]
struct Tables<'a> {
    kpis: Vec<KpiRow<'a>>,
    allocation: Vec<ProjectRow<'a>>,
    categories: Vec<CategoryRow<'a>>,
    scorecard: Vec<ScoreRow<'a>>,
}

pub(crate) fn run(args: &KpisArgs) -> anyhow::Result<ExitCode> {
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let loaded = pipeline::load(&args.input.input, &mut sources, &mut diagnostics)?;
    let loaded = match &args.team {
        None => loaded,
        Some(wanted) => match team_select::select(&loaded, wanted) {
            Ok(Selected::Loaded(index)) => loaded.only(index),
            Ok(Selected::Failed(_)) => loaded,
            Err(message) => {
                diag::print(&sources, &diagnostics);
                anyhow::bail!(message);
            }
        },
    };
    let document = pipeline::prepare(loaded, DeckKind::Review, &mut diagnostics);
    diag::print(&sources, &diagnostics);
    let Some(document) = document else {
        anyhow::bail!("the review has errors, so no figures were computed");
    };
    let tables = tables(&document);
    let text = match args.format {
        TableFormat::Json => serde_json::to_string_pretty(&tables)? + "\n",
        TableFormat::Csv => csv(&tables)?,
        TableFormat::Table => terminal(&tables),
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

fn tables(document: &Document) -> Tables<'_> {
    let mut tables =
        Tables { kpis: Vec::new(), allocation: Vec::new(), categories: Vec::new(), scorecard: Vec::new() };
    for team in &document.teams {
        let name = team.name.as_str();
        for kpi in &team.kpis {
            tables.kpis.push(KpiRow {
                team: name,
                kpi: &kpi.name,
                value: &kpi.value,
                change: &kpi.change.text,
                year_over_year: &kpi.year_over_year.text,
                note: kpi.note.as_deref().unwrap_or(""),
            });
        }
        if let Some(allocation) = &team.allocation {
            // Columns are: person, projects..., Total; summary rows: total, capacity, share.
            let [totals, capacity, share] = &allocation.summary_rows[..] else { continue };
            for (column, project) in allocation.columns.iter().enumerate().skip(1) {
                tables.allocation.push(ProjectRow {
                    team: name,
                    project,
                    total: &totals[column],
                    percent_of_capacity: &capacity[column],
                    percent_of_all_time: &share[column],
                });
            }
            for category in &allocation.categories {
                tables.categories.push(CategoryRow {
                    team: name,
                    category: category.category,
                    percent_of_all_time: &category.percent,
                });
            }
        }
    }
    if let Some(card) = &document.scorecard {
        tables.scorecard = card
            .teams
            .iter()
            .map(|row| ScoreRow {
                team: &row.team,
                objectives: row.objectives,
                done: row.done,
                partial: row.partial,
                missed: row.missed,
                dropped: row.dropped,
                done_percent: &row.share_done,
                against_target: &row.against_target,
                kpis_up: row.kpis_good,
                kpis_down: row.kpis_bad,
            })
            .collect();
    }
    tables
}

/// A table as text: its header and its rows.
struct TextTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// A table's header and rows as text, from its serialised form.
fn rows<T: Serialize>(items: &[T]) -> TextTable {
    let values: Vec<serde_json::Map<String, serde_json::Value>> = items
        .iter()
        .filter_map(|item| match serde_json::to_value(item) {
            Ok(serde_json::Value::Object(map)) => Some(map),
            _ => None,
        })
        .collect();
    let header = values.first().map(|map| map.keys().cloned().collect()).unwrap_or_default();
    let rows = values
        .iter()
        .map(|map| {
            map.values()
                .map(|value| match value {
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    TextTable { header, rows }
}

fn sections(tables: &Tables<'_>) -> Vec<(&'static str, TextTable)> {
    vec![
        ("kpis", rows(&tables.kpis)),
        ("allocation", rows(&tables.allocation)),
        ("categories", rows(&tables.categories)),
        ("scorecard", rows(&tables.scorecard)),
    ]
}

fn csv(tables: &Tables<'_>) -> anyhow::Result<String> {
    let mut out = String::new();
    for (name, TextTable { header, rows }) in sections(tables) {
        if rows.is_empty() {
            continue;
        }
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&header)?;
        for row in rows {
            writer.write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()))?;
        }
        out.push_str(&format!("# {name}\n{}\n", String::from_utf8(writer.into_inner()?)?));
    }
    Ok(out)
}

/// A cell a spreadsheet reads as text, never as a formula: one that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, as OWASP's advice on
/// CSV injection says, unless it is a number (`-12`, `+0.5`, `-3%`), which stays as it
/// is so that figures remain figures.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.strip_suffix('%').unwrap_or(cell).parse::<f64>().is_ok_and(f64::is_finite);
    if risky && !number { format!("'{cell}").into() } else { cell.into() }
}

fn terminal(tables: &Tables<'_>) -> String {
    let piped = !std::io::stdout().is_terminal();
    let mut out = String::new();
    for (name, TextTable { header, rows }) in sections(tables) {
        if rows.is_empty() {
            continue;
        }
        let mut table = Table::new();
        table.load_style(if piped { presets::ASCII_MARKDOWN } else { presets::UTF8_FULL_CONDENSED });
        if table.width().is_none_or(|width| width == 0) {
            table.set_width(120);
        }
        table.set_header(header);
        for row in rows {
            table.add_row(row);
        }
        out.push_str(&format!("{name}\n{table}\n\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(spreadsheet_safe("\t=1"), "'\t=1");
        assert_eq!(spreadsheet_safe("-12"), "-12");
        assert_eq!(spreadsheet_safe("+0.5"), "+0.5");
        assert_eq!(spreadsheet_safe("-3%"), "-3%");
        assert_eq!(spreadsheet_safe("Ops"), "Ops");
    }
}
