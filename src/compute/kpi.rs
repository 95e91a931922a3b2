//! KPI figures: the current value, the change since the previous quarter and year over
//! year, formatted for the slides.
//!
//! "Previous" is the latest earlier quarter that has a value; "year over year" compares
//! with the quarter that starts twelve months earlier. A `%` KPI changes in percentage
//! points, any other KPI in percent of its base.

use serde::Serialize;

use super::format::{self, MINUS};
use crate::model::{Better, KpiValue, Quarter};

/// A trend line needs at least this many values to say more than the change does.
const TREND_MIN_VALUES: usize = 3;

/// How a change reads: good news, bad news, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Tone {
    Good,
    Bad,
    Neutral,
}

/// A change as shown: `+0.037 pp from Q1`, `∞% YoY`, `—`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct Change {
    pub(crate) text: String,
    pub(crate) tone: Tone,
    /// The change as a number (points or percent), where there is one.
    pub(crate) value: Option<f64>,
}

impl Change {
    fn none() -> Self {
        Change { text: format::NOT_SHOWN.to_owned(), tone: Tone::Neutral, value: None }
    }
}

/// Everything the title slide shows of one KPI.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct KpiFigures {
    pub(crate) name: String,
    /// `99.979%`, `~6 mins`, `REDACTED`, or empty when there is no value.
    pub(crate) value: String,
    pub(crate) change: Change,
    pub(crate) year_over_year: Change,
    pub(crate) note: Option<String>,
    /// Numeric values in quarter order, for a trend line.
    pub(crate) trend: Vec<f64>,
    /// Whether the slide draws the trend line: from three values on.
    pub(crate) show_trend: bool,
}

/// How a KPI is written: its unit and display settings.
#[derive(Debug, Clone, Default)]
pub(crate) struct KpiStyle {
    pub(crate) unit: Option<String>,
    pub(crate) decimals: Option<u8>,
    pub(crate) approx: bool,
    pub(crate) qualifier: Option<String>,
    pub(crate) better: Option<Better>,
}

impl KpiStyle {
    fn is_percent(&self) -> bool {
        format::is_percent(self.unit.as_deref())
    }

    fn value_text(&self, value: f64) -> String {
        let mut text = String::new();
        if self.approx {
            text.push('~');
        }
        text.push_str(&format::with_unit(format::number(value, self.decimals), self.unit.as_deref()));
        if let Some(qualifier) = self.qualifier.as_deref().filter(|q| !q.trim().is_empty()) {
            text.push(' ');
            text.push_str(qualifier.trim());
        }
        text
    }
}

/// The figures of a KPI for `current`, from its history (any order).
pub(crate) fn figures(
    name: &str,
    style: &KpiStyle,
    note: Option<&str>,
    history: &[(Quarter, KpiValue)],
    current: Quarter,
    fiscal_year_start: u8,
) -> KpiFigures {
    let month = |quarter: Quarter| quarter.start_month(fiscal_year_start);
    let mut sorted: Vec<(Quarter, KpiValue)> = history.to_vec();
    sorted.sort_by_key(|(quarter, _)| month(*quarter));
    let now = month(current);
    let value_at = |target: i32| sorted.iter().find(|(q, _)| month(*q) == target).map(|(_, v)| *v);

    let current_value = value_at(now);
    let previous = sorted.iter().rev().find(|(q, _)| month(*q) < now).copied();
    let year_ago = value_at(now - 12);

    let value = match current_value {
        Some(KpiValue::Number(v)) => style.value_text(v),
        Some(KpiValue::Redacted) => "REDACTED".to_owned(),
        // Refused by validation: no deck gets here.
        Some(KpiValue::Text(_)) | None => String::new(),
    };
    let change = match (current_value, previous) {
        (Some(now_value), Some((quarter, base))) => {
            // Named as the review names its quarters, however the value's key was spelt.
            let label = format!("from {}", quarter.spelt_like(current, fiscal_year_start).short_label());
            compare(style, now_value, base, &label)
        }
        _ => Change::none(),
    };
    let year_over_year = match (current_value, year_ago) {
        (Some(now_value), Some(base)) => compare(style, now_value, base, "YoY"),
        _ => Change::none(),
    };
    let trend: Vec<f64> = sorted
        .iter()
        .filter(|(q, _)| month(*q) <= now)
        .filter_map(|(_, v)| match v {
            KpiValue::Number(n) => Some(*n),
            KpiValue::Redacted | KpiValue::Text(_) => None,
        })
        .collect();
    let show_trend = trend.len() >= TREND_MIN_VALUES;
    KpiFigures {
        name: name.to_owned(),
        value,
        change,
        year_over_year,
        note: note.map(str::to_owned),
        trend,
        show_trend,
    }
}

fn compare(style: &KpiStyle, now: KpiValue, base: KpiValue, label: &str) -> Change {
    let (KpiValue::Number(now), KpiValue::Number(base)) = (now, base) else {
        return Change { text: format!("REDACTED {label}"), tone: Tone::Neutral, value: None };
    };
    let delta = now - base;
    let tone = match style.better {
        _ if delta == 0.0 => Tone::Neutral,
        None => Tone::Neutral,
        Some(Better::Higher) if delta > 0.0 => Tone::Good,
        Some(Better::Lower) if delta < 0.0 => Tone::Good,
        Some(_) => Tone::Bad,
    };
    if style.is_percent() {
        let places =
            style.decimals.unwrap_or_else(|| format::decimals_of(now).max(format::decimals_of(base)));
        let text = format!("{} pp {label}", format::signed(delta, Some(places)));
        return Change { text, tone, value: Some(delta) };
    }
    // A base that reads as zero gives no percentage: 1e-320 to 1 is not "+inf%".
    if format::reads_as_zero(base) {
        let text = if delta == 0.0 { format!("0% {label}") } else { format!("\u{221e}% {label}") };
        let text = if delta < 0.0 { format!("{MINUS}{text}") } else { text };
        return Change { text, tone, value: None };
    }
    let percent = delta / base.abs() * 100.0;
    let text = format!("{}% {label}", format::signed(percent, Some(format::percent_decimals(percent))));
    Change { text, tone, value: Some(percent) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quarter {
        text.parse().unwrap()
    }

    fn n(v: f64) -> KpiValue {
        KpiValue::Number(v)
    }

    fn percent() -> KpiStyle {
        KpiStyle { unit: Some("%".into()), better: Some(Better::Higher), ..KpiStyle::default() }
    }

    #[test]
    fn percent_kpis_change_in_points_from_the_previous_quarter() {
        let history = [(q("2015/16 Q1"), n(99.942)), (q("2015/16 Q2"), n(99.979))];
        let f = figures("Availability", &percent(), None, &history, q("2015/16 Q2"), 7);
        assert_eq!(f.value, "99.979%");
        assert_eq!(f.change.text, "+0.037 pp from Q1");
        assert_eq!(f.change.tone, Tone::Good);
        assert_eq!(f.year_over_year.text, "\u{2014}");
    }

    #[test]
    fn other_kpis_change_in_percent_skipping_quarters_without_values() {
        let style = KpiStyle {
            unit: Some("mins".into()),
            approx: true,
            better: Some(Better::Lower),
            ..KpiStyle::default()
        };
        let history = [(q("2014/15 Q4"), n(11.0)), (q("2015/16 Q2"), n(6.0))];
        let f = figures("Time to merge", &style, None, &history, q("2015/16 Q2"), 7);
        assert_eq!(f.value, "~6 mins");
        assert_eq!(f.change.text, "\u{2212}45% from Q4");
        assert_eq!(f.change.tone, Tone::Good);
    }

    #[test]
    fn zero_base_is_infinite_and_missing_base_is_a_dash() {
        let style =
            KpiStyle { unit: Some("req/s".into()), qualifier: Some("mean".into()), ..KpiStyle::default() };
        let history = [(q("2014/15 Q2"), n(0.0)), (q("2015/16 Q1"), n(216.0)), (q("2015/16 Q2"), n(248.0))];
        let f = figures("REST API usage", &style, None, &history, q("2015/16 Q2"), 7);
        assert_eq!(f.value, "248 req/s mean");
        assert_eq!(f.change.text, "+15% from Q1");
        assert_eq!(f.year_over_year.text, "\u{221e}% YoY");
        let none = figures("x", &style, None, &history[2..], q("2015/16 Q2"), 7);
        assert_eq!(none.change.text, "\u{2014}");
        let tiny = [(q("2015/16 Q1"), n(1e-320)), (q("2015/16 Q2"), n(1.0))];
        assert_eq!(figures("x", &style, None, &tiny, q("2015/16 Q2"), 7).change.text, "\u{221e}% from Q1");
    }

    #[test]
    fn changes_round_half_away_from_zero() {
        let history = [(q("2015 Q1"), n(8.0)), (q("2015 Q2"), n(7.0))];
        assert_eq!(
            figures("x", &KpiStyle::default(), None, &history, q("2015 Q2"), 1).change.text,
            "\u{2212}13% from Q1"
        );
    }

    #[test]
    fn negative_bases_and_redacted_values() {
        let style = KpiStyle::default();
        let history = [(q("2015 Q1"), n(-10.0)), (q("2015 Q2"), n(-5.0))];
        assert_eq!(figures("x", &style, None, &history, q("2015 Q2"), 1).change.text, "+50% from Q1");
        let redacted = [(q("2015 Q1"), KpiValue::Redacted), (q("2015 Q2"), KpiValue::Redacted)];
        let f = figures("x", &style, None, &redacted, q("2015 Q2"), 1);
        assert_eq!(f.value, "REDACTED");
        assert_eq!(f.change.text, "REDACTED from Q1");
    }

    #[test]
    fn previous_crosses_the_fiscal_year_boundary() {
        let history = [(q("2015/16 Q4"), n(10.0)), (q("2016/17 Q1"), n(12.0))];
        let f = figures("x", &KpiStyle::default(), None, &history, q("2016/17 Q1"), 7);
        assert_eq!(f.change.text, "+20% from Q4");
        // A calendar spelling of the year-ago quarter counts for year over year.
        let mixed = [(q("2015 Q3"), n(6.0)), (q("2016/17 Q1"), n(12.0))];
        assert_eq!(
            figures("x", &KpiStyle::default(), None, &mixed, q("2016/17 Q1"), 7).year_over_year.text,
            "+100% YoY"
        );
    }

    #[test]
    fn a_calendar_spelt_previous_quarter_is_labelled_as_the_review_spells_it() {
        // A fiscal year from April: 2016 Q4 is October to December 2016, fiscal Q3.
        let history = [(q("2016 Q4"), n(10.0)), (q("2016/17 Q4"), n(12.0))];
        let f = figures("x", &KpiStyle::default(), None, &history, q("2016/17 Q4"), 4);
        assert_eq!(f.change.text, "+20% from Q3");
        let history = [(q("2017 Q1"), n(10.0)), (q("2017/18 Q1"), n(12.0))];
        let f = figures("x", &KpiStyle::default(), None, &history, q("2017/18 Q1"), 4);
        assert_eq!(f.change.text, "+20% from Q4");
    }
}
