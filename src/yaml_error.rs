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
    let mut diagnostic = Diagnostic::error(loc, message.clone());
    if let Some(hint) = unknown_key_hint(&message) {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// For serde's "unknown field `x`, expected one of `a`, `b`", the closest known key.
fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, expected) = rest.split_once('`')?;
    let expected = expected.trim_start_matches(", expected ").trim_start_matches("one of ");
    let known: Vec<&str> = expected
        .split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|key| key.trim().trim_matches('`'))
        .filter(|key| !key.is_empty())
        .collect();
    match crate::suggest::closest(unknown, known.iter().copied()) {
        Some(closest) => Some(format!("did you mean `{closest}`?")),
        None if !known.is_empty() => Some(format!("known keys here: {}", known.join(", "))),
        None => None,
    }
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
        assert_eq!(unknown_key_hint(far).as_deref(), Some("known keys here: team, kpis"));
        assert_eq!(unknown_key_hint("invalid type: string"), None);
    }
}
