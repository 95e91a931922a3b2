//! Quarters as written in review files (`2015/16 Q2`, `2015 Q4`) and their place in time.
//!
//! A quarter keeps the spelling style it was written in so that slides show it the same
//! way, and compares by the calendar month it starts in, so that fiscal and calendar
//! spellings of the same period are the same quarter.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A quarter of a fiscal year (`2015/16 Q2`) or of a calendar year (`2015 Q4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Quarter {
    /// The calendar year in which the (fiscal) year begins.
    year: i32,
    /// 1 to 4.
    number: u8,
    fiscal: bool,
}

impl Quarter {
    /// Months since year 0 at which this quarter begins; `fiscal_year_start` is the month
    /// (1-12) in which a fiscal year's first quarter begins.
    pub(crate) fn start_month(self, fiscal_year_start: u8) -> i32 {
        let first_month = if self.fiscal { i32::from(fiscal_year_start) - 1 } else { 0 };
        self.year * 12 + first_month + 3 * (i32::from(self.number) - 1)
    }

    /// The same period named the way `like` names quarters (fiscal or calendar), for
    /// labels: with a fiscal year starting in April, calendar `2016 Q4` (October to
    /// December) is fiscal `2016/17 Q3`. A period that straddles two of `like`'s quarters
    /// (a calendar quarter in a fiscal year starting in February) is named by the one it
    /// starts in.
    pub(crate) fn spelt_like(self, like: Quarter, fiscal_year_start: u8) -> Quarter {
        let first_month = if like.fiscal { i32::from(fiscal_year_start) - 1 } else { 0 };
        let months = self.start_month(fiscal_year_start) - first_month;
        Quarter {
            year: months.div_euclid(12),
            number: (months.rem_euclid(12) / 3 + 1) as u8,
            fiscal: like.fiscal,
        }
    }

    /// The quarter before, in the same spelling: `2016/17 Q1` gives `2015/16 Q4`.
    pub(crate) fn previous(self) -> Quarter {
        match self.number {
            1 => Quarter { year: self.year - 1, number: 4, ..self },
            n => Quarter { number: n - 1, ..self },
        }
    }

    /// The calendar quarter of a month (1 to 12) of a year: the quarter `qreview new`
    /// proposes, today's.
    pub(crate) fn calendar(year: i32, month: u8) -> Quarter {
        Quarter { year, number: (month.clamp(1, 12) - 1) / 3 + 1, fiscal: false }
    }

    /// The label used on slides, as in the source decks: `Q2 - 2015/16`.
    pub(crate) fn slide_label(self) -> String {
        format!("Q{} - {}", self.number, self.year_label())
    }

    /// The short label used in "from Q1".
    pub(crate) fn short_label(self) -> String {
        format!("Q{}", self.number)
    }

    fn year_label(self) -> String {
        if self.fiscal {
            format!("{}/{:02}", self.year, (self.year + 1).rem_euclid(100))
        } else {
            self.year.to_string()
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} Q{}", self.year_label(), self.number)
    }
}

/// Why a text is not a quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuarterError(String);

impl fmt::Display for QuarterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Quarter {
    type Err = QuarterError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let expected = || {
            QuarterError(format!(
                "`{text}` is not a quarter: expected a fiscal quarter such as `2015/16 Q2` or a calendar quarter such as `2015 Q4`"
            ))
        };
        let (year_part, quarter_part) = text.trim().split_once(' ').ok_or_else(expected)?;
        let quarter_digits = quarter_part.trim().strip_prefix(['Q', 'q']).ok_or_else(expected)?;
        let number: u8 = parse_digits(quarter_digits).ok_or_else(expected)?;
        if !(1..=4).contains(&number) {
            return Err(QuarterError(format!(
                "`{text}` is not a quarter: Q{number} does not exist, a year has quarters Q1 to Q4"
            )));
        }
        let (year, fiscal) = match year_part.split_once('/') {
            None => (year_digits(year_part).ok_or_else(expected)?, false),
            Some((first, second)) => {
                let year = year_digits(first).ok_or_else(expected)?;
                let next: i32 = parse_digits(second).ok_or_else(expected)?;
                let consecutive = match second.len() {
                    2 => next == (year + 1).rem_euclid(100),
                    4 => next == year + 1,
                    _ => false,
                };
                if !consecutive {
                    return Err(QuarterError(format!(
                        "`{text}` is not a quarter: a fiscal year spans two consecutive years, such as `{year}/{:02}`",
                        (year + 1).rem_euclid(100)
                    )));
                }
                (year, true)
            }
        };
        Ok(Quarter { year, number, fiscal })
    }
}

fn year_digits(text: &str) -> Option<i32> {
    (text.len() == 4).then_some(())?;
    parse_digits(text)
}

fn parse_digits<T: FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct QuarterVisitor;

        impl Visitor<'_> for QuarterVisitor {
            type Value = Quarter;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a quarter such as `2015/16 Q2` or `2015 Q4`")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Quarter, E> {
                text.parse().map_err(|err: QuarterError| E::custom(err))
            }
        }

        deserializer.deserialize_str(QuarterVisitor)
    }
}

/// What editors check a quarter against: a fiscal or a calendar spelling (the parser
/// also refuses a quarter that does not exist, such as `2015/17 Q1`).
pub(crate) const QUARTER_PATTERN: &str = r"^\s*[0-9]{4}(/([0-9]{2}|[0-9]{4}))?\s+[Qq][1-4]\s*$";

impl schemars::JsonSchema for Quarter {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Quarter".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": QUARTER_PATTERN,
            "description": "A quarter: `2015/16 Q2` (a fiscal year's second quarter) or `2015 Q4` (calendar).",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quarter {
        text.parse().unwrap()
    }

    #[test]
    fn parses_fiscal_and_calendar_spellings() {
        assert_eq!(q("2015/16 Q2").to_string(), "2015/16 Q2");
        assert_eq!(q("2015/2016 q2").to_string(), "2015/16 Q2");
        assert_eq!(q("2015 Q4").to_string(), "2015 Q4");
        assert_eq!(q("1999/00 Q1").slide_label(), "Q1 - 1999/00");
        assert_eq!(q("2015/16 Q2").slide_label(), "Q2 - 2015/16");
        assert_eq!(q("2015/16 Q2").short_label(), "Q2");
    }

    #[test]
    fn refuses_what_is_not_a_quarter() {
        for bad in ["2015 Q5", "2015 Q0", "2015/17 Q1", "15/16 Q1", "2015", "Q2 2015", "2015/16 Q", ""] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad} was accepted");
        }
        let err = "2015 Q5".parse::<Quarter>().unwrap_err().to_string();
        assert!(err.contains("Q5 does not exist"), "{err}");
    }

    #[test]
    fn fiscal_year_start_aligns_fiscal_and_calendar_quarters() {
        // With a July start, fiscal 2015/16 Q2 is October to December 2015.
        assert_eq!(q("2015/16 Q2").start_month(7), q("2015 Q4").start_month(7));
        // Fiscal Q1 2016/17 follows fiscal Q4 2015/16 by three months.
        assert_eq!(q("2016/17 Q1").start_month(7) - q("2015/16 Q4").start_month(7), 3);
        assert_eq!(q("2016/17 Q1").previous().to_string(), "2015/16 Q4");
        assert_eq!(q("2016 Q3").previous().to_string(), "2016 Q2");
        assert_eq!(Quarter::calendar(2026, 12).to_string(), "2026 Q4");
        // Labels name a quarter the way the review does.
        let april = 4;
        assert_eq!(q("2016 Q4").spelt_like(q("2017/18 Q1"), april).to_string(), "2016/17 Q3");
        assert_eq!(q("2017 Q1").spelt_like(q("2017/18 Q1"), april).to_string(), "2016/17 Q4");
        assert_eq!(q("2016/17 Q3").spelt_like(q("2017 Q1"), april).to_string(), "2016 Q4");
        assert_eq!(q("2016/17 Q3").spelt_like(q("2017/18 Q1"), april), q("2016/17 Q3"));
        // With the default January start, a fiscal year is the calendar year it starts in.
        assert_eq!(q("2015/16 Q1").start_month(1), q("2015 Q1").start_month(1));
    }
}
