//! Number formatting and rounding, in one place: the layout never formats a number.

/// The minus sign used on slides (U+2212), wider than a hyphen and aligned with `+`.
pub(crate) const MINUS: char = '\u{2212}';

/// A number as written (shortest form that reads back the same), or with a fixed number
/// of decimals. Never shows a negative zero.
pub(crate) fn number(value: f64, decimals: Option<u8>) -> String {
    let text = match decimals {
        Some(places) => format!("{:.*}", usize::from(places), value),
        None => format!("{}", round_noise(value)),
    };
    sign_fixed(text)
}

/// A change with its sign always shown: `+0.037`, `−45`.
pub(crate) fn signed(value: f64, decimals: Option<u8>) -> String {
    let text = number(value, decimals);
    if text.starts_with(MINUS) || is_zero(&text) { text } else { format!("+{text}") }
}

/// The decimals a value was written with, as far as a float can tell.
pub(crate) fn decimals_of(value: f64) -> u8 {
    let text = format!("{}", round_noise(value));
    text.split_once('.').map_or(0, |(_, fraction)| fraction.len().min(12) as u8)
}

/// Decimals for a relative change in percent: whole percents unless the change is small.
pub(crate) fn percent_decimals(percent: f64) -> u8 {
    if percent.abs() >= 10.0 || percent.fract() == 0.0 { 0 } else { 1 }
}

/// Removes binary floating-point noise such as `0.037000000000006`.
fn round_noise(value: f64) -> f64 {
    let rounded = (value * 1e9).round() / 1e9;
    if rounded.is_finite() { rounded } else { value }
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
    fn counts_written_decimals() {
        assert_eq!(decimals_of(99.942), 3);
        assert_eq!(decimals_of(11.0), 0);
        assert_eq!(percent_decimals(-45.45), 0);
        assert_eq!(percent_decimals(4.2), 1);
        assert_eq!(percent_decimals(4.0), 0);
    }
}
