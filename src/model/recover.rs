//! Every problem of a YAML file in one run, not only the first.
//!
//! The reader stops at its first error. So that a team lead who misspelt a key, a value
//! and a quarter hears of all three at once, the file is read again with each problem
//! mended in a copy of its text (a misspelt key dropped, a wrong value replaced by one of
//! the expected kind), until it reads or a problem cannot be mended. Every problem is
//! reported from a real read of the file, at its place in the original text, in the
//! reader's own terms (turned into the user's words by `yaml_error`).

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_saphyr::Error;

use crate::diag::{Diagnostic, FileRef};
use crate::yaml_error;

/// A file with more problems than this is surely not worth listing further.
const MAX_PROBLEMS: usize = 30;

/// The diagnostics of every problem found in `text`, the first being `first`, in the order
/// of the file. `read` reads a text as the caller does, with the caller's options;
/// `read_yaml` reads it as YAML only, into no type, with the same options.
pub(crate) fn every_problem<T: DeserializeOwned>(
    file: FileRef,
    text: &str,
    first: Error,
    read: impl Fn(&str) -> Result<T, Error>,
    read_yaml: impl Fn(&str) -> Result<(), Error>,
) -> Vec<Diagnostic> {
    let mut mended = Mended { text: text.to_owned(), edits: Vec::new() };
    // Each problem found, and whether it is a missing key (the reading stops at one: none
    // is mended).
    let mut found: Vec<(Diagnostic, bool)> = Vec::new();
    let start = |diagnostic: &Diagnostic| diagnostic.loc.as_ref().map(|loc| loc.range.start);
    let mut error = first;
    while found.len() < MAX_PROBLEMS {
        let mut diagnostic = yaml_error::to_diagnostic(file, &mended.text, &error);
        if let Some(loc) = &mut diagnostic.loc {
            loc.range = mended.original(loc.range.start)..mended.original(loc.range.end);
        }
        if found.iter().any(|(seen, _)| start(seen) == start(&diagnostic)) {
            break; // mending did not move past it
        }
        let missing_key = matches!(error.without_snippet(), Error::SerdeMissingField { .. });
        found.push((diagnostic, missing_key));
        let Some(span) = span_of(&error) else { break };
        if !mended.mend(&error, span) {
            break;
        }
        match read(&mended.text) {
            Ok(_) => break,
            Err(next) => error = next,
        }
    }
    // A line out of line with the lines around it ends the mapping above it early, and
    // the reader reports the keys that mapping then lacks before it reaches the line
    // itself ("the key `kind` is missing" for a `kind:` one space short). The line is
    // the problem: where the file does not read as YAML at all, that is reported, in
    // place of a missing key, which may be its doing.
    if let Err(syntax) = read_yaml(text) {
        let diagnostic = yaml_error::to_diagnostic(file, text, &syntax);
        if !found.iter().any(|(seen, _)| start(seen) == start(&diagnostic)) {
            found.retain(|(_, missing_key)| !missing_key);
            found.push((diagnostic, false));
        }
    }
    let mut found: Vec<Diagnostic> = found.into_iter().map(|(diagnostic, _)| diagnostic).collect();
    found.sort_by_key(|diagnostic| start(diagnostic).unwrap_or(0));
    found
}

/// The byte range an error points at, in the text that was read.
fn span_of(error: &Error) -> Option<Range<usize>> {
    let span = error.location()?.span();
    let start = span.byte_offset()? as usize;
    Some(start..start + span.byte_len().unwrap_or(0) as usize)
}

/// A copy of the file's text with problems mended, and how to find places of the
/// original in it.
struct Mended {
    text: String,
    /// Each replacement: where it starts, the length it replaced, the length it wrote.
    edits: Vec<(usize, usize, usize)>,
}

impl Mended {
    /// The offset in the original text of an offset in the mended one.
    fn original(&self, mut offset: usize) -> usize {
        for &(start, old, new) in self.edits.iter().rev() {
            if offset >= start + new {
                offset = offset - new + old;
            } else if offset > start {
                offset = start;
            }
        }
        offset
    }

    /// Mends the problem `error` reports at `span`; whether it could.
    fn mend(&mut self, error: &Error, span: Range<usize>) -> bool {
        let error = error.without_snippet();
        if span.start > self.text.len() || span.end > self.text.len() {
            return false;
        }
        match error {
            // A key that does not belong, or belongs once: drop it and what it holds.
            Error::SerdeUnknownField { .. } | Error::DuplicateMappingKey { .. } => {
                self.blank_entry(span.start)
            }
            Error::UnsupportedTag { .. } => {
                let line_start = self.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                match self.text[line_start..span.start].rfind('!') {
                    Some(bang) => self.replace(line_start + bang..span.start, ""),
                    None => false,
                }
            }
            Error::SerdeUnknownVariant { expected, .. } => match expected.first() {
                Some(value) if !span.is_empty() => self.replace(span, value),
                _ => false,
            },
            Error::InvalidScalar { ty, .. } => self.replace_value(span, ty),
            Error::SerdeInvalidType { expected, .. } | Error::SerdeInvalidValue { expected, .. } => {
                self.replace_value(span, expected)
            }
            Error::Message { msg, .. } if msg.contains("is not a quarter") => {
                self.replace_value(span, "quarter")
            }
            Error::Unexpected { expected, .. } => self.replace_value(span, expected),
            Error::NullIntoString { .. } => {
                let end = self.text[span.start..].find('\n').map_or(self.text.len(), |i| span.start + i);
                self.replace(end..end, " x")
            }
            _ => false,
        }
    }

    /// Replaces a single-line value by one of the kind `expected` describes.
    fn replace_value(&mut self, span: Range<usize>, expected: &str) -> bool {
        if span.is_empty() || self.text[span.clone()].contains('\n') {
            return false;
        }
        self.replace(span, stand_in(expected))
    }

    fn replace(&mut self, span: Range<usize>, with: &str) -> bool {
        self.edits.push((span.start, span.len(), with.len()));
        self.text.replace_range(span, with);
        true
    }

    /// Blanks the entry starting at `start`: the rest of its line and the lines under it
    /// indented deeper. Spaces keep every other offset where it was.
    fn blank_entry(&mut self, start: usize) -> bool {
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = start - line_start;
        let mut end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        while end < self.text.len() {
            let next = end + 1;
            let line_end = self.text[next..].find('\n').map_or(self.text.len(), |i| next + i);
            let line = &self.text[next..line_end];
            let indent = line.len() - line.trim_start_matches(' ').len();
            let blank = line.trim().is_empty() || line.trim_start().starts_with('#');
            if !blank && indent <= column {
                break;
            }
            end = line_end;
        }
        // A multi-byte character becomes as many spaces as it has bytes.
        let spaces: String = self.text[start..end]
            .chars()
            .map(|c| if c == '\n' { "\n".to_owned() } else { " ".repeat(c.len_utf8()) })
            .collect();
        self.text.replace_range(start..end, &spaces);
        true
    }
}

/// A value of the kind the reader expected, to read on past a wrong one.
fn stand_in(expected: &str) -> &'static str {
    let expected = expected.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| expected.contains(word));
    if has(&["quarter"]) {
        "2000 Q1"
    } else if has(&[
        "f64", "f32", "float", "number", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "integer",
    ]) {
        "0"
    } else if has(&["bool"]) {
        "false"
    } else if has(&["sequence", "list"]) {
        "[]"
    } else if has(&["map", "struct"]) {
        "{}"
    } else {
        "x"
    }
}

#[cfg(test)]
mod tests {
    use super::Mended;

    #[test]
    fn blanking_an_entry_keeps_every_offset() {
        let text = "team: A\nobjectivs:\n  - title: é\n    kind: focus\nfte: 2\n";
        let mut mended = Mended { text: text.to_owned(), edits: Vec::new() };
        assert!(mended.blank_entry(text.find("objectivs").unwrap()));
        assert_eq!(mended.text.len(), text.len());
        assert_eq!(mended.text.lines().nth(4), Some("fte: 2"));
        assert!(mended.text.lines().skip(1).take(3).all(|line| line.trim().is_empty()));
    }

    #[test]
    fn places_map_back_through_replacements() {
        let text = "kind: focuss\nfte: lots\n";
        let mut mended = Mended { text: text.to_owned(), edits: Vec::new() };
        mended.replace(6..12, "focus");
        let fte = mended.text.find("lots").unwrap();
        assert_eq!(mended.original(fte), text.find("lots").unwrap());
    }
}
