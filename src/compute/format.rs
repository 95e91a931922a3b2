//! Number formatting and rounding, in one place: the layout never formats a number.

/// The minus sign used on slides (U+2212), wider than a hyphen and aligned with `+`.
pub(crate) const MINUS: char = '\u{2212}';

/// What a slide shows where there is no figure.
pub(crate) const NOT_SHOWN: &str = "\u{2014}";

/// Whether a unit is percent: such figures change in percentage points, not in percent.
pub(crate) fn is_percent(unit: Option<&str>) -> bool {
    unit.map(str::trim) == Some("%")
}

/// A number with its unit, as slides show it: `99.9%` (a percent sign sticks to the
/// number), `6 mins`; an empty unit is none.
pub(crate) fn with_unit(number: String, unit: Option<&str>) -> String {
    match unit.map(str::trim).filter(|unit| !unit.is_empty()) {
        Some("%") => format!("{number}%"),
        Some(unit) => format!("{number} {unit}"),
        None => number,
    }
}

/// A change of a figure with its unit: in percentage points for a percent (`+0.04 pp`).
pub(crate) fn change_with_unit(change: String, unit: Option<&str>) -> String {
    if is_percent(unit) { format!("{change} pp") } else { with_unit(change, unit) }
}

/// A number as written (its decimals, without binary noise), or rounded to a fixed
/// number of decimals. Never shows a negative zero.
pub(crate) fn number(value: f64, decimals: Option<u8>) -> String {
    let decimal = Decimal::of(value);
    let places = decimals.map_or_else(|| decimal.places(), i32::from);
    sign_fixed(decimal.rounded(places).fixed(places))
}

/// A change with its sign always shown: `+0.037`, `−45`.
pub(crate) fn signed(value: f64, decimals: Option<u8>) -> String {
    let text = number(value, decimals);
    if text.starts_with(MINUS) || is_zero(&text) { text } else { format!("+{text}") }
}

/// The decimals a value was written with, as far as a float can tell.
pub(crate) fn decimals_of(value: f64) -> u8 {
    Decimal::of(value).places().min(12) as u8
}

/// Decimals for a relative change in percent: whole percents unless the change is small.
pub(crate) fn percent_decimals(percent: f64) -> u8 {
    if percent.abs() >= 10.0 || percent.fract() == 0.0 { 0 } else { 1 }
}

/// Whether a value shows as zero when written without binary noise: a base so small
/// that no change from it can be told as a percentage.
pub(crate) fn reads_as_zero(value: f64) -> bool {
    Decimal::of(value).digits.is_empty()
}

/// Decimals kept at most, below which a digit is taken for binary noise (the difference
/// of two values near 100 carries noise at about 1e-14).
const MAX_PLACES: i32 = 10;
/// Significant digits kept at most: an f64 holds 15 for sure.
const MAX_DIGITS: usize = 15;

/// A value as the decimal people read: `digits` (no leading or trailing zeros) times a
/// power of ten, the first digit's place being `exponent` (1.005 is 1005, exponent 0).
/// Rounding works on these digits, half away from zero, as people round by hand: 0.125
/// to two decimals is 0.13, although the float nearest 0.125 is below it.
#[derive(Debug, Clone, PartialEq)]
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    exponent: i32,
}

impl Decimal {
    /// The shortest decimal that reads back as `value` (as Rust prints it), with binary
    /// noise removed: at most 15 significant digits and 10 decimals.
    fn of(value: f64) -> Decimal {
        if !value.is_finite() || value == 0.0 {
            return Decimal { negative: false, digits: Vec::new(), exponent: 0 };
        }
        let mut text = format!("{:e}", value.abs());
        if text.split('e').next().is_some_and(|mantissa| mantissa.len() > MAX_DIGITS + 1) {
            text = format!("{:.*e}", MAX_DIGITS - 1, value.abs());
        }
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let digits = mantissa.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
        let decimal = Decimal { negative: value < 0.0, digits, exponent: exponent.parse().unwrap_or(0) };
        decimal.rounded(MAX_PLACES)
    }

    /// How many decimals it has.
    fn places(&self) -> i32 {
        (self.digits.len() as i32 - 1 - self.exponent).max(0)
    }

    /// Rounded to `places` decimals, half away from zero.
    fn rounded(mut self, places: i32) -> Decimal {
        let keep = self.exponent + places + 1;
        if keep >= self.digits.len() as i32 {
            return self;
        }
        if keep < 0 {
            self.digits.clear();
            return self.trimmed();
        }
        let keep = keep as usize;
        let up = self.digits[keep] >= 5;
        self.digits.truncate(keep);
        if up {
            // Carry from the last kept digit: 0.995 to two decimals is 1.00.
            let mut index = keep;
            loop {
                if index == 0 {
                    self.digits.insert(0, 1);
                    self.exponent += 1;
                    break;
                }
                index -= 1;
                if self.digits[index] == 9 {
                    self.digits[index] = 0;
                } else {
                    self.digits[index] += 1;
                    break;
                }
            }
        }
        self.trimmed()
    }

    fn trimmed(mut self) -> Decimal {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
        if self.digits.is_empty() {
            self.exponent = 0;
        }
        self
    }

    /// Written out with exactly `places` decimals (a hyphen for the sign).
    fn fixed(&self, places: i32) -> String {
        let digit = |place: i32| {
            let index = self.exponent - place;
            match usize::try_from(index) {
                Ok(index) if index < self.digits.len() => char::from(b'0' + self.digits[index]),
                _ => '0',
            }
        };
        let mut text = String::new();
        if self.negative {
            text.push('-');
        }
        for place in (0..=self.exponent.max(0)).rev() {
            text.push(digit(place));
        }
        if places > 0 {
            text.push('.');
            for place in 1..=places {
                text.push(digit(-place));
            }
        }
        text
    }
}

fn sign_fixed(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) if is_zero(rest) => rest.to_owned(),
        Some(rest) => format!("{MINUS}{rest}"),
        None => text,
    }
}

fn is_zero(text: &str) -> bool {
    text.chars().all(|c| c == '0' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_written_or_fixed() {
        assert_eq!(number(99.979, None), "99.979");
        assert_eq!(number(6.0, None), "6");
        assert_eq!(number(99.979 - 99.942, None), "0.037");
        assert_eq!(number(2.0 / 3.0, Some(2)), "0.67");
        assert_eq!(number(-1.5, None), "\u{2212}1.5");
    }

    #[test]
    fn never_shows_negative_zero() {
        assert_eq!(number(-0.0, None), "0");
        assert_eq!(number(-0.0001, Some(2)), "0.00");
        assert_eq!(signed(-0.0001, Some(1)), "0.0");
    }

    #[test]
    fn signs_changes() {
        assert_eq!(signed(0.037, Some(3)), "+0.037");
        assert_eq!(signed(-45.45, Some(0)), "\u{2212}45");
        assert_eq!(signed(0.0, None), "0");
    }

    #[test]
    fn rounds_the_decimal_written_half_away_from_zero() {
        assert_eq!(number(0.125, Some(2)), "0.13");
        assert_eq!(number(1.005, Some(2)), "1.01");
        assert_eq!(number(2.5, Some(0)), "3");
        assert_eq!(number(-12.5, Some(0)), "\u{2212}13");
        assert_eq!(signed(-12.5, Some(0)), "\u{2212}13");
        assert_eq!(number(0.995, Some(2)), "1.00");
        assert_eq!(number(99.5, Some(0)), "100");
        assert_eq!(number(0.004, Some(2)), "0.00");
        assert_eq!(number(0.005, Some(2)), "0.01");
        assert_eq!(number(1234.5678, Some(1)), "1234.6");
        assert_eq!(number(1.0 / 3.0, None), "0.3333333333");
        assert_eq!(number(0.1 + 0.2, None), "0.3");
        assert_eq!(number(1e21, None), "1000000000000000000000");
        assert_eq!(number(1e-320, None), "0");
        assert!(reads_as_zero(1e-320) && reads_as_zero(0.0) && !reads_as_zero(0.001));
    }

    #[test]
    fn counts_written_decimals() {
        assert_eq!(decimals_of(99.942), 3);
        assert_eq!(decimals_of(11.0), 0);
        assert_eq!(percent_decimals(-45.45), 0);
        assert_eq!(percent_decimals(4.2), 1);
        assert_eq!(percent_decimals(4.0), 0);
    }
}
