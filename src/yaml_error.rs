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
    let loc = err.location().map(|location| match location.span().byte_offset() {
        Some(_) => Loc::from_location(file, location),
        // The reader's syntax errors give a line and column only: without this, they
        // were all reported at the file's first character.
        None => at_line_and_column(file, text, location.line(), location.column()),
    });
    let written = loc.as_ref().and_then(|loc| text.get(loc.range.clone())).unwrap_or("").trim();
    let (message, hint) = wording(err.without_snippet(), written);
    // The reader places a tab where it gave up on what came before it (the end of the
    // line above, or just after the tab): the tab is shown, the first from that line on.
    let loc = match loc {
        Some(loc) if message == TAB => Some(first_tab_from_line_of(text, loc)),
        other => other,
    };
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
            if let Some(words) = syntax_words(&message) {
                return words;
            }
            let message = match message.find(", set ") {
                // Advice for programmers embedding the reader: not for people writing YAML.
                Some(start) => message[..start].to_owned(),
                None => message,
            };
            (message, None)
        }
    }
}

/// The message for a tab in the indentation.
const TAB: &str = "a tab where YAML takes spaces only";

/// The first tab in the indentation of a line of `text`, from `loc`'s line on (a tab
/// inside a value is allowed), or `loc` when there is none.
fn first_tab_from_line_of(text: &str, loc: Loc) -> Loc {
    let mut line_start = text[..loc.range.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    for line in text[line_start..].split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            return Loc { file: loc.file, range: line_start + tab..line_start + tab + 1 };
        }
        line_start += line.len();
    }
    loc
}

/// The place of a 1-based line and column (in characters) of `text`: the character there.
fn at_line_and_column(file: FileRef, text: &str, line: u64, column: u64) -> Loc {
    let line_start: usize =
        text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(str::len).sum();
    let rest = &text[line_start.min(text.len())..];
    let line = rest.split('\n').next().unwrap_or("");
    let start = line_start
        + line.char_indices().nth(column.saturating_sub(1) as usize).map_or(line.len(), |(offset, _)| offset);
    let len = text[start..].chars().next().filter(|c| *c != '\n').map_or(0, char::len_utf8);
    Loc { file, range: start..start + len }
}

/// The reader's words for the text of a file that does not read as YAML, in the words of
/// someone writing it: what is wrong at the place, and what to do about it.
fn syntax_words(message: &str) -> Option<(String, Option<String>)> {
    let words = |message: &str, hint: &str| Some((message.to_owned(), Some(hint.to_owned())));
    if message.contains("did not find expected '-' indicator") {
        words(
            "this line does not line up with the list item above it",
            "the keys of a list item start in the column of its first key, the one after `- `: \
             check the spaces at the start of this line",
        )
    } else if message.contains("did not find expected key") {
        words(
            "this line does not line up with the keys above it",
            "the keys of one mapping start in the same column: check the spaces at the start of \
             this line (a list under a key starts on the line after `key:`)",
        )
    } else if message.contains("mapping values are not allowed") {
        words(
            "a `: ` cannot stand here",
            "is this line indented deeper than the key above it? Line the keys up; a value with \
             `: ` in it goes in quotes (\"...\")",
        )
    } else if message.contains("unclosed quote") {
        words("this quote is not closed", "end the value with the same quote it starts with")
    } else if message.contains("unclosed bracket '['") {
        words("this `[` is not closed", "a list written on one line ends with `]`: `[a, b]`")
    } else if message.contains("unclosed bracket '{'") {
        words("this `{` is not closed", "a mapping written on one line ends with `}`: `{a: 1, b: 2}`")
    } else if message.contains("unknown escape character") {
        words(
            "a backslash in double quotes starts an escape such as `\\n`, and this one is not one",
            "write `\\\\` for a backslash, or put the value in single quotes ('...')",
        )
    } else if message.contains("found a tab") || message.contains("tabs disallowed") {
        words(TAB, "indent with spaces: replace the tabs at the start of this line")
    } else if message.contains("unknown anchor") {
        words(
            "this `*name` refers to no `&name` above it",
            "write the value itself, or give it an anchor first",
        )
    } else {
        None
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
    fn a_line_and_column_place_the_character_there_in_a_text_of_several_bytes_a_character() {
        let text = "team: Équipe\nquarter: \"é2015\n";
        let file = crate::diag::SourceMap::default().add("a.yaml", text);
        let quote = at_line_and_column(file, text, 2, 10);
        assert_eq!(&text[quote.range.clone()], "\"");
        let accent = at_line_and_column(file, text, 2, 11);
        assert_eq!(&text[accent.range.clone()], "é");
        // Past the end of its line: the line's end, nothing underlined.
        let end = at_line_and_column(file, text, 1, 40);
        assert_eq!(end.range, text.find('\n').unwrap()..text.find('\n').unwrap());
        let tab = first_tab_from_line_of("a: 1\n\tb: 2\n", Loc { file, range: 3..4 });
        assert_eq!(tab.range, 5..6);
        // A tab inside a value is not the one: the one in the indentation below it is.
        let tab = first_tab_from_line_of("a: \"x\ty\"\n \tb: 2\n", Loc { file, range: 0..1 });
        assert_eq!(tab.range, 10..11);
    }

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
