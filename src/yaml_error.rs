//! Turning the YAML reader's errors into diagnostics users can act on.
//!
//! The reader speaks to programmers ("cannot deserialize null into string; use
//! Option<String>", "expected sequence start"); a team lead needs what they wrote and
//! what belongs there instead, in the words of the manual. A misspelt key or value also
//! gets the closest known one as a hint, since that is the commonest mistake.

use serde_saphyr::{Error, MessageFormatter};

use crate::diag::{Diagnostic, FileRef, Loc};
use crate::model::TextShape;

/// The diagnostic for a YAML error in `file`, whose text is `text`.
pub(crate) fn to_diagnostic(file: FileRef, text: &str, err: &Error) -> Diagnostic {
    let loc = err.location().map(|location| Loc::from_location(file, location));
    let written = loc.as_ref().and_then(|loc| text.get(loc.range.clone())).unwrap_or("").trim();
    let (message, hint) = wording(err.without_snippet(), written);
    // Control characters from the file must not reach the terminal.
    let message: String = message.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let diagnostic = Diagnostic::error(loc, message);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// The message and hint for an error; `written` is the text at its place in the file.
fn wording(err: &Error, written: &str) -> (String, Option<String>) {
    match err {
        Error::SerdeUnknownField { field, expected, .. } => (
            format!("unknown key `{field}`; the keys here are {}", list(expected)),
            did_you_mean(field, expected),
        ),
        Error::SerdeUnknownVariant { variant, expected, .. } => (
            format!("`{variant}` is not a value this key takes; it takes {}", list(expected)),
            did_you_mean(variant, expected),
        ),
        Error::SerdeMissingField { field, .. } => {
            (format!("the key `{field}` is missing here"), Some(format!("add `{field}: ...`")))
        }
        Error::SerdeInvalidType { unexpected, expected, .. } => {
            let hint = unquoted_number_hint(unexpected);
            (format!("expected {}, found {}", expected_words(expected), found_words(unexpected)), hint)
        }
        Error::SerdeInvalidValue { unexpected, expected, .. } => {
            let hint = unquoted_number_hint(unexpected);
            (format!("expected {}, found {}", expected_words(expected), found_words(unexpected)), hint)
        }
        Error::SerdeInvalidLength { len, expected, .. } => {
            (format!("expected {}, found {len} of them", expected_words(expected)), None)
        }
        Error::NullIntoString { .. } => (
            "this value is empty, but a text belongs here".to_owned(),
            Some("write the text after the colon, or leave the key out if it is optional".to_owned()),
        ),
        Error::TaggedScalarCannotDeserializeIntoString { .. } | Error::BinaryNotUtf8 { .. } => (
            "a tagged value (such as `!!binary`) cannot stand where a text belongs".to_owned(),
            Some("remove the tag and write the text itself".to_owned()),
        ),
        Error::UnsupportedTag { tag, .. } => (
            format!("unknown tag `{tag}`: qreview files use no YAML tags"),
            Some("remove the tag; quote the value if it starts with `!`".to_owned()),
        ),
        Error::Unexpected { expected, .. } => (format!("expected {} here", structure_words(expected)), None),
        Error::InvalidScalar { ty, .. } => match number_too_large(written) {
            true => (format!("`{written}` is too large to be a number"), None),
            false => (format!("expected {} here, found `{written}`", expected_words(ty)), None),
        },
        Error::NonFiniteFloat { value, .. } => (format!("`{value}` is not a finite number"), None),
        Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(key) => format!("the key `{key}` appears twice here; each key may appear once"),
                None => "a key appears twice here; each key may appear once".to_owned(),
            },
            None,
        ),
        Error::InvalidBooleanStrict { .. } => ("expected `true` or `false` here".to_owned(), None),
        Error::Eof { .. } => ("the file ends in the middle of a value".to_owned(), None),
        Error::MultipleDocuments { .. } => (
            "the file holds more than one YAML document (`---` lines)".to_owned(),
            Some("a review file is one document: remove the `---` lines between parts".to_owned()),
        ),
        other => {
            let message = serde_saphyr::UserMessageFormatter.format_message(other).into_owned();
            let message = match message.find(", set ") {
                // Advice for programmers embedding the reader: not for people writing YAML.
                Some(start) => message[..start].to_owned(),
                None => message,
            };
            (message, None)
        }
    }
}

/// `a`, `b` or `c`, each in backticks.
fn list(names: &[&str]) -> String {
    match names {
        [] => "none".to_owned(),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|name| format!("`{name}`")).collect();
            format!("{} and `{last}`", init.join(", "))
        }
    }
}

fn did_you_mean(unknown: &str, known: &[&str]) -> Option<String> {
    crate::suggest::did_you_mean_name(unknown, known.iter().copied())
}

/// Serde's name for what was expected, in the manual's words.
fn expected_words(expected: &str) -> String {
    let words = match expected {
        "f64" | "f32" | "a float" | "floating point" => "a number",
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "an integer" | "integer" => {
            "a whole number"
        }
        "a string" | "string" => "a text",
        "a boolean" | "boolean" | "bool" => "`true` or `false`",
        "a sequence" | "sequence" => "a list (lines starting with `- `, or `[a, b]`)",
        "a map" | "map" => "a mapping (`key: value` lines)",
        other if other.starts_with("struct ") => "a mapping (`key: value` lines)",
        other if other.starts_with("a sequence of") => "a list",
        other if other.starts_with("variant identifier") || other.starts_with("enum ") => {
            "one of the allowed values"
        }
        other => other,
    };
    words.to_owned()
}

/// Serde's description of what was found (`string "99.9%"`, `integer `5``).
fn found_words(unexpected: &str) -> String {
    if let Some(text) = unexpected.strip_prefix("string ") {
        return format!("the text {text}");
    }
    for (serde, words) in [
        ("integer ", "the number "),
        ("floating point ", "the number "),
        ("boolean ", ""),
        ("char ", "the text "),
    ] {
        if let Some(value) = unexpected.strip_prefix(serde) {
            return format!("{words}{value}");
        }
    }
    match unexpected {
        "sequence" => "a list".to_owned(),
        "map" => "a mapping (`key: value` lines)".to_owned(),
        "unit value" | "null" => "an empty value".to_owned(),
        other => other.to_owned(),
    }
}

/// The reader's structural expectations (`sequence start`, `mapping start`).
fn structure_words(expected: &str) -> String {
    match expected {
        "sequence start" => "a list (lines starting with `- `, or `[a, b]`)".to_owned(),
        "mapping start" | "map start" => "a mapping (`key: value` lines)".to_owned(),
        "scalar" | "string scalar" => "a single value, not a list or a mapping".to_owned(),
        other => other.to_owned(),
    }
}

/// For a number written as text (`"99.9%"`, `"12"`): how to write it.
fn unquoted_number_hint(unexpected: &str) -> Option<String> {
    let text = unexpected.strip_prefix("string ")?.trim_matches('"');
    TextShape::of(text).hint().map(str::to_owned)
}

/// Whether a scalar is a number that no float can hold (`1e400`).
fn number_too_large(written: &str) -> bool {
    written.parse::<f64>().is_ok_and(f64::is_infinite)
        && written.trim_start_matches(['+', '-']).starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaks_of_what_was_written() {
        assert_eq!(found_words("string \"99.9%\""), "the text \"99.9%\"");
        assert_eq!(expected_words("f64"), "a number");
        assert_eq!(
            unquoted_number_hint("string \"99.9%\"").as_deref(),
            Some("write the number alone and give its unit once, with `unit:`")
        );
        assert_eq!(unquoted_number_hint("string \"12\"").as_deref(), Some("write the number without quotes"));
        assert_eq!(unquoted_number_hint("string \"soon\""), None);
        assert!(number_too_large("1e400") && !number_too_large("inf") && !number_too_large("12"));
        assert_eq!(list(&["a", "b", "c"]), "`a`, `b` and `c`");
        assert_eq!(
            did_you_mean("objectivs", &["team", "objectives"]).as_deref(),
            Some("did you mean `objectives`?")
        );
    }
}
