//! Data tables as shown: numbers formatted with the table's unit, and the computed
//! change column (last minus previous).

use serde::Serialize;

use super::format;
use crate::model::{Cell, Spanned, Table};

/// A data table ready for the layout: every cell is text.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct TableFigures {
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
    /// The index of the emphasised column, if any.
    pub(crate) highlight: Option<usize>,
    /// Whether the last column is the computed change.
    pub(crate) has_change: bool,
}

/// Formats a table and adds its change column when asked.
pub(crate) fn table_figures(table: &Table) -> TableFigures {
    let unit = table.unit.as_deref().map(str::trim).filter(|unit| !unit.is_empty());
    let cell_text = |cell: &Cell| match cell {
        Cell::Number(value) => format::with_unit(format::number(*value, table.decimals), unit),
        Cell::Text(text) => text.clone(),
    };
    let mut columns: Vec<String> = table.columns.value.iter().map(|label| label.0.clone()).collect();
    let mut rows: Vec<Vec<String>> =
        table.rows.iter().map(|row| row.value.iter().map(|cell| cell_text(&cell.value)).collect()).collect();
    let highlight = table.highlight.map(|_| columns.len().saturating_sub(1));
    if table.change {
        columns.push("Change".to_owned());
        for (row, cells) in table.rows.iter().zip(&mut rows) {
            cells.push(change_text(&row.value, table.decimals, unit));
        }
    }
    TableFigures { columns, rows, highlight, has_change: table.change }
}

fn change_text(cells: &[Spanned<Cell>], decimals: Option<u8>, unit: Option<&str>) -> String {
    let [.., previous, last] = cells else { return format::NOT_SHOWN.to_owned() };
    let (Cell::Number(previous), Cell::Number(last)) = (&previous.value, &last.value) else {
        return format::NOT_SHOWN.to_owned();
    };
    let places = decimals.unwrap_or_else(|| format::decimals_of(*previous).max(format::decimals_of(*last)));
    format::change_with_unit(format::signed(last - previous, Some(places)), unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(yaml: &str) -> Table {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn formats_cells_and_computes_the_change() {
        let t = table(
            "id: uptime\ncolumns: [Service, 2023/24 Q1, 2023/24 Q2]\nrows:\n  - [API, 99.91, 99.95]\n  - [Web, 99.93, 99.9]\n  - [New, n/a, 99.5]\nunit: \"%\"\ndecimals: 2\nhighlight: last\nchange: true\n",
        );
        let f = table_figures(&t);
        assert_eq!(f.columns.last().unwrap(), "Change");
        assert_eq!(f.rows[0], ["API", "99.91%", "99.95%", "+0.04 pp"]);
        assert_eq!(f.rows[1][3], "\u{2212}0.03 pp");
        assert_eq!(f.rows[2][3], "\u{2014}");
        assert_eq!(f.highlight, Some(2));
    }

    #[test]
    fn an_empty_table_stays_empty() {
        let f = table_figures(&table("id: t\ncolumns: [A, B]\n"));
        assert!(f.rows.is_empty());
        assert_eq!(f.columns, ["A", "B"]);
    }
}
