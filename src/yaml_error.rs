//! Turning the YAML reader's errors into diagnostics users can act on.
//!
//! serde names an unknown key and lists the expected ones; this adds the closest known
//! key as a hint, since a misspelt key is the commonest mistake in hand-written files.

use serde_saphyr::MessageFormatter;

use crate::diag::{Diagnostic, FileRef, Loc};

/// The diagnostic for a YAML error in `file`.
pub(crate) fn to_diagnostic(file: FileRef, err: &serde_saphyr::Error) -> Diagnostic {
    let message = serde_saphyr::DefaultMessageFormatter.format_message(err);
    // Control characters from the file must not reach the terminal.
    let mut message: String = message.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    // The reader's advice is for programmers embedding it, not for people writing YAML.
    if let Some(start) = message.find(", set DuplicateKeyPolicy") {
        message.truncate(start);
        message.push_str(" (each key may appear once)");
    }
    let loc = err.location().map(|location| Loc::from_location(file, location));
    if let Some(plain) = plain_wording(&message) {
        message = plain.to_owned();
    }
    let mut diagnostic = Diagnostic::error(loc, message.clone());
    if let Some(hint) = unknown_key_hint(&message) {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// Parser wording that says what went wrong inside the parser rather than in the file.
fn plain_wording(message: &str) -> Option<&'static str> {
    match message {
        "invalid floating point" => Some("expected a number here"),
        "invalid integer" => Some("expected a whole number here"),
        _ => None,
    }
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant"), the
/// closest known name.
fn unknown_key_hint(message: &str) -> Option<String> {
    let rest =
        message.split("unknown field `").nth(1).or_else(|| message.split("unknown variant `").nth(1))?;
    let (unknown, expected) = rest.split_once('`')?;
    let expected = expected.trim_start_matches(", expected ").trim_start_matches("one of ");
    let known: Vec<&str> = expected
        .split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|key| key.trim().trim_matches('`'))
        .filter(|key| !key.is_empty())
        .collect();
    // The message already lists the known names; the hint only adds a likely typo.
    crate::suggest::closest(unknown, known.iter().copied())
        .map(|closest| format!("did you mean `{closest}`?"))
}

#[cfg(test)]
mod tests {
    use super::unknown_key_hint;

    #[test]
    fn names_the_closest_key() {
        let message = "unknown field `objectivs`, expected one of `team`, `kpis`, `objectives`";
        assert_eq!(unknown_key_hint(message).as_deref(), Some("did you mean `objectives`?"));
        let bare = "unknown field `objectivs`, expected one of team, kpis, objectives";
        assert_eq!(unknown_key_hint(bare).as_deref(), Some("did you mean `objectives`?"));
        let far = "unknown field `zzz`, expected `team` or `kpis`";
        assert_eq!(unknown_key_hint(far), None);
        assert_eq!(unknown_key_hint("invalid type: string"), None);
        let variant = "unknown variant `focuss`, expected one of strengthen, focus, experiment";
        assert_eq!(unknown_key_hint(variant).as_deref(), Some("did you mean `focus`?"));
    }
}
