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

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let keys = ["objectives", "outcome", "learning", "measures"];
        assert_eq!(closest("objectivs", keys), Some("objectives"));
        assert_eq!(closest("Learnings", keys), Some("learning"));
        assert_eq!(closest("colour", keys), None);
    }
}
