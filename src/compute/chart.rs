//! A chart's axis and its description for readers who cannot see it.

use serde::Serialize;

use super::format;
use super::ticks::nice_ticks;
use crate::model::{Chart, ChartKind};

/// What the layout needs of a chart beyond its data: the axis, worked out.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct ChartFigures {
    /// Tick values, lowest first; the axis runs from the first to the last.
    pub(crate) ticks: Vec<f64>,
    pub(crate) tick_labels: Vec<String>,
    /// A sentence describing the chart, for readers who cannot see it.
    pub(crate) alt: String,
}

pub(crate) fn figures(chart: &Chart) -> ChartFigures {
    let values = chart.series.values().flat_map(|series| series.value.iter().map(|value| value.value));
    let (min, max) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let ticks = if min.is_finite() { nice_ticks(min, max, 5) } else { nice_ticks(0.0, 1.0, 5) };
    let tick_labels = ticks.iter().map(|tick| format::number(*tick, None)).collect();
    let series: Vec<String> = chart
        .series
        .iter()
        .map(|(name, values)| {
            let points: Vec<String> = chart
                .x
                .value
                .iter()
                .zip(&values.value)
                .map(|(x, v)| format!("{} {}", x.0, format::number(v.value, None)))
                .collect();
            format!("{name}: {}", points.join(", "))
        })
        .collect();
    let kind = if chart.kind == ChartKind::Line { "Line" } else { "Bar" };
    let alt = format!("{kind} chart \"{}\": {}", chart.title, series.join("; "));
    ChartFigures { ticks, tick_labels, alt }
}
