//! "Did you mean": the closest of a set of known names to a misspelt one.

/// The candidate closest to `wanted`, if any is close enough to be a plausible typo.
pub(crate) fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&wanted_lower, &candidate.to_lowercase()), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// The hint for a misspelt name: "did you mean `x`?", where `x` is the closest candidate
/// as `shown` writes it (a path, `table/row`), if any is close enough.
pub(crate) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    shown: impl FnOnce(&str) -> String,
) -> Option<String> {
    closest(wanted, candidates).map(|close| format!("did you mean `{}`?", shown(close)))
}

/// [`did_you_mean`] for a name shown as it is.
pub(crate) fn did_you_mean_name<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    did_you_mean(wanted, candidates, str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::{closest, did_you_mean, did_you_mean_name};

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let keys = ["objectives", "outcome", "learning", "measures"];
        assert_eq!(closest("objectivs", keys), Some("objectives"));
        assert_eq!(closest("Learnings", keys), Some("learning"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(did_you_mean_name("objectivs", keys).as_deref(), Some("did you mean `objectives`?"));
        assert_eq!(
            did_you_mean("outcom", keys, |k| format!("t/{k}")).as_deref(),
            Some("did you mean `t/outcome`?")
        );
    }
}
