//! Diagnostics: problems in the user's files, collected and printed together.
//!
//! YAML errors, validation rules and Typst errors all become a [`Diagnostic`] pointing
//! into a [`SourceMap`], and one printer shows them: path, line and column, the source
//! line and a caret under the span, as Typst's own CLI does.

use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::{self, termcolor};

/// How bad a problem is: errors stop the build, warnings are shown and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// An index into a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct FileRef(usize);

/// A place in a source file: the file and a byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Loc {
    pub(crate) file: FileRef,
    pub(crate) range: Range<usize>,
}

impl Loc {
    /// The start of a file, for problems that concern the whole of it.
    pub(crate) fn file_start(file: FileRef) -> Self {
        Loc { file, range: 0..0 }
    }

    /// The place of a value read with its span.
    pub(crate) fn of<T>(file: FileRef, value: &serde_saphyr::Spanned<T>) -> Self {
        Loc::from_location(file, value.referenced)
    }

    /// The place the YAML reader reported.
    pub(crate) fn from_location(file: FileRef, location: serde_saphyr::Location) -> Self {
        let span = location.span();
        let start = span.byte_offset().unwrap_or(0) as usize;
        let len = span.byte_len().unwrap_or(0) as usize;
        Loc { file, range: start..start + len }
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Diagnostic {
    pub(crate) severity: Severity,
    pub(crate) loc: Option<Loc>,
    pub(crate) message: String,
    pub(crate) hints: Vec<String>,
    /// Other places the problem concerns, each with a word on its part in it.
    pub(crate) related: Vec<(Loc, String)>,
}

impl Diagnostic {
    pub(crate) fn error(loc: impl Into<Option<Loc>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            loc: loc.into(),
            message: message.into(),
            hints: Vec::new(),
            related: Vec::new(),
        }
    }

    pub(crate) fn warning(loc: impl Into<Option<Loc>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            loc: loc.into(),
            message: message.into(),
            hints: Vec::new(),
            related: Vec::new(),
        }
    }

    /// Adds another place the problem concerns, such as the first of two duplicates.
    pub(crate) fn with_related(mut self, loc: Loc, note: impl Into<String>) -> Self {
        self.related.push((loc, note.into()));
        self
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

/// The problems of one run, in the order they were found.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds a problem, unless the same one is there already: parts of a deck typeset
    /// apart run into the same problem in a shared layout file.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        if !self.list.contains(&diagnostic) {
            self.list.push(diagnostic);
        }
    }

    /// Adds every problem of `more`, as [`Diagnostics::push`] does.
    pub(crate) fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        for diagnostic in more {
            self.push(diagnostic);
        }
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.severity == Severity::Error)
    }

    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.list.iter().filter(|d| d.severity == severity).count()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }
}

/// The text of every file a diagnostic may point into, YAML and Typst alike.
#[derive(Debug, Default, Clone)]
pub(crate) struct SourceMap {
    files: Vec<SourceFile>,
}

#[derive(Debug, Clone)]
struct SourceFile {
    name: String,
    text: Arc<str>,
    line_starts: Vec<usize>,
}

impl SourceMap {
    /// Adds a file under the name users see (a path as they typed it).
    pub(crate) fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> FileRef {
        let text = text.into();
        let line_starts = files::line_starts(&text).collect();
        self.files.push(SourceFile { name: name.into(), text, line_starts });
        FileRef(self.files.len() - 1)
    }

    pub(crate) fn name(&self, file: FileRef) -> &str {
        &self.files[file.0].name
    }

    pub(crate) fn text(&self, file: FileRef) -> &str {
        &self.files[file.0].text
    }

    /// 1-based line and column of a byte offset, columns counted in characters.
    pub(crate) fn line_column(&self, loc: &Loc) -> (usize, usize) {
        let line = self.line_index(loc.file.0, loc.range.start).unwrap_or(0);
        let column = self.column_number(loc.file.0, line, loc.range.start).unwrap_or(1);
        (line + 1, column)
    }
}

impl<'a> Files<'a> for SourceMap {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.files.get(id).ok_or(files::Error::FileMissing)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.files.get(id).ok_or(files::Error::FileMissing)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let file = self.files.get(id).ok_or(files::Error::FileMissing)?;
        Ok(file.line_starts.partition_point(|&start| start <= byte_index).saturating_sub(1))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = self.files.get(id).ok_or(files::Error::FileMissing)?;
        let start = *file
            .line_starts
            .get(line_index)
            .ok_or(files::Error::LineTooLarge { given: line_index, max: file.line_starts.len() - 1 })?;
        let end = file.line_starts.get(line_index + 1).copied().unwrap_or(file.text.len());
        Ok(start..end)
    }
}

/// Whether to colour the printed diagnostics.
pub(crate) fn color_choice() -> termcolor::ColorChoice {
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    }
}

/// Renders diagnostics as text, as they are printed, for output that must not interleave.
pub(crate) fn render(sources: &SourceMap, diagnostics: &Diagnostics) -> String {
    let mut buffer = termcolor::Buffer::no_color();
    write_all(&mut buffer, sources, diagnostics);
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// Prints diagnostics to standard error, in one write. Standard error is not buffered,
/// and a diagnostic printed straight to it took some thirty writes: a 500-team review's
/// 2,500 warnings were 68,000 system calls, a third of the time of its `check`.
pub(crate) fn print(sources: &SourceMap, diagnostics: &Diagnostics) {
    let stderr = termcolor::BufferWriter::stderr(color_choice());
    let mut buffer = stderr.buffer();
    write_all(&mut buffer, sources, diagnostics);
    // A printer failure (closed stderr) leaves nothing better to do than go on.
    let _ = stderr.print(&buffer);
}

fn write_all(out: &mut dyn termcolor::WriteColor, sources: &SourceMap, diagnostics: &Diagnostics) {
    let config = term::Config { tab_width: 2, ..term::Config::default() };
    for diagnostic in diagnostics.iter() {
        let report = to_report(sources, diagnostic);
        // A printer failure (closed stderr) leaves nothing better to do than go on.
        let _ = term::emit(out, &config, sources, &report);
    }
}

/// Source lines longer than this are not quoted: a minified or generated line would
/// flood the terminal. The place is still named.
const MAX_QUOTED_LINE: usize = 300;

fn to_report(sources: &SourceMap, diagnostic: &Diagnostic) -> Report<usize> {
    let report = match diagnostic.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    };
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    let quotable = diagnostic.loc.as_ref().is_none_or(|loc| {
        let line = sources.line_index(loc.file.0, loc.range.start).unwrap_or(0);
        sources.line_range(loc.file.0, line).is_ok_and(|range| range.len() <= MAX_QUOTED_LINE)
    });
    if let Some(loc) = diagnostic.loc.as_ref().filter(|_| !quotable) {
        let (line, column) = sources.line_column(loc);
        notes.push(format!("at {}:{line}:{column} (the line is too long to show)", sources.name(loc.file)));
    }
    let span = |loc: &Loc| {
        let text = sources.text(loc.file);
        let start = floor_char_boundary(text, loc.range.start);
        start..floor_char_boundary(text, loc.range.end.max(start))
    };
    if let Some(loc) = diagnostic.loc.as_ref().filter(|_| quotable) {
        labels.push(Label::primary(loc.file.0, span(loc)));
    }
    for (loc, note) in &diagnostic.related {
        labels.push(Label::secondary(loc.file.0, span(loc)).with_message(note));
    }
    notes.extend(diagnostic.hints.iter().map(|hint| format!("hint: {hint}")));
    report.with_message(&diagnostic.message).with_labels(labels).with_notes(notes)
}

/// The largest char boundary at or before `index`, so that a span never splits a character.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// An error as a page shows it: where, and what (the live preview's overlay).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct Problem {
    /// The file as the terminal names it, when the problem is in one.
    pub(crate) file: Option<String>,
    pub(crate) line: Option<usize>,
    pub(crate) column: Option<usize>,
    pub(crate) message: String,
    pub(crate) hints: Vec<String>,
}

impl Problem {
    /// A problem that is in no file (an output that cannot be written, say).
    pub(crate) fn plain(message: String) -> Problem {
        Problem { file: None, line: None, column: None, message, hints: Vec::new() }
    }
}

/// The errors among `diagnostics`, in order.
pub(crate) fn problems(sources: &SourceMap, diagnostics: &Diagnostics) -> Vec<Problem> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| {
            let place = diagnostic
                .loc
                .as_ref()
                .map(|loc| (sources.name(loc.file).to_owned(), sources.line_column(loc)));
            Problem {
                file: place.as_ref().map(|(name, _)| name.clone()),
                line: place.as_ref().map(|(_, (line, _))| *line),
                column: place.as_ref().map(|(_, (_, column))| *column),
                message: diagnostic.message.clone(),
                hints: diagnostic.hints.clone(),
            }
        })
        .collect()
}

/// Prints an error that ends a command (or, in a watch, one rebuild): the one place
/// errors leave by.
pub(crate) fn print_error(err: &anyhow::Error) {
    eprintln!("error: {err:#}");
}

/// An I/O error as a message users read: lowercase, without Rust's "(os error N)" and
/// without the temporary file's path that some wrappers append.
pub(crate) fn io_reason(err: &std::io::Error) -> String {
    let text = err.to_string();
    let end =
        [" (os error", " at path "].iter().filter_map(|marker| text.find(marker)).min().unwrap_or(text.len());
    let reason = &text[..end];
    let mut chars = reason.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::io_reason;

    #[test]
    fn io_reasons_read_as_messages() {
        let err = std::io::Error::from_raw_os_error(28);
        assert_eq!(io_reason(&err), "no space left on device");
    }
}
