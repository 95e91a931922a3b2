//! A KPI's history: its own `values`, or a row of a table whose columns are quarters.

use crate::model::{Cell, Kpi, KpiValue, Quarter, Spanned, TeamFile};
use crate::suggest;

/// Why a `from:` reference cannot be followed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HistoryProblem {
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

/// The KPI's values by quarter, in the order written.
pub(crate) fn kpi_history(team: &TeamFile, kpi: &Kpi) -> Result<Vec<(Quarter, KpiValue)>, HistoryProblem> {
    if let Some(values) = &kpi.values {
        return Ok(values.iter().map(|(quarter, value)| (quarter.value, value.value)).collect());
    }
    let Some(from) = &kpi.from else { return Ok(Vec::new()) };
    let problem = |message: String, hint: Option<String>| HistoryProblem { message, hint };
    let Some((table_id, row_label)) = from.value.split_once('/') else {
        return Err(problem(
            format!("`{}` is not a table reference", from.value),
            Some("write `from: <table id>/<row label>`, e.g. `from: availability/Readers`".into()),
        ));
    };
    let ids = team.tables.iter().map(|table| table.id.value.as_str());
    let Some(table) = team.tables.iter().find(|table| table.id.value == table_id.trim()) else {
        let hint = suggest::did_you_mean_name(table_id, ids.clone())
            .or_else(|| Some(format!("tables of this team: {}", ids.collect::<Vec<_>>().join(", "))));
        return Err(problem(format!("no table has the id `{table_id}`"), hint));
    };
    let label_of = |row: &[Spanned<Cell>]| match row.first().map(|cell| &cell.value) {
        Some(Cell::Text(text)) => text.trim().to_owned(),
        Some(Cell::Number(n)) => n.to_string(),
        None => String::new(),
    };
    let Some(row) = table.rows.iter().find(|row| label_of(&row.value) == row_label.trim()) else {
        let labels: Vec<String> = table.rows.iter().map(|row| label_of(&row.value)).collect();
        let hint = suggest::did_you_mean(row_label, labels.iter().map(String::as_str), |close| {
            format!("{table_id}/{close}")
        })
        .or_else(|| Some(format!("rows of `{table_id}`: {}", labels.join(", "))));
        return Err(problem(format!("table `{table_id}` has no row `{row_label}`"), hint));
    };
    let mut history = Vec::new();
    for (column, cell) in table.columns.value.iter().zip(&row.value).skip(1) {
        let quarter: Quarter = column.0.parse().map_err(|_| {
            problem(
                format!(
                    "column `{}` of table `{table_id}` is not a quarter, so the KPI cannot read it",
                    column.0
                ),
                Some("a table a KPI reads from has quarters as column headers, e.g. `2015/16 Q1`".into()),
            )
        })?;
        match &cell.value {
            Cell::Number(value) => history.push((quarter, KpiValue::Number(*value))),
            Cell::Text(text) if text.trim().eq_ignore_ascii_case("redacted") => {
                history.push((quarter, KpiValue::Redacted));
            }
            Cell::Text(text) if text.trim().is_empty() => {}
            Cell::Text(text) => {
                return Err(problem(
                    format!("`{text}` in table `{table_id}` is not a number, so the KPI cannot read it"),
                    None,
                ));
            }
        }
    }
    Ok(history)
}
