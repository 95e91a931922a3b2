//! Picking one team of a review by what a user types: its name or its file slug, in any
//! case.

use crate::model::{LoadedReview, same_slug};

/// A team found in a review: loaded, or failed to load (with its problems).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Selected {
    Loaded(usize),
    Failed(usize),
}

/// Finds the team `wanted` names; the error lists the teams there are.
pub(crate) fn select(review: &LoadedReview, wanted: &str) -> Result<Selected, String> {
    let by_slug = |slug: &str| same_slug(slug, wanted);
    // A slug is unique in a review; a team name may not be (validation reports that).
    if let Some(index) = review.teams.iter().position(|team| by_slug(&team.slug)) {
        return Ok(Selected::Loaded(index));
    }
    let named: Vec<usize> =
        (0..review.teams.len()).filter(|index| by_slug(&review.teams[*index].data.team.value)).collect();
    match named[..] {
        [index] => return Ok(Selected::Loaded(index)),
        [_, _, ..] => {
            let files: Vec<String> =
                named.iter().map(|index| review.teams[*index].path.display().to_string()).collect();
            let slugs: Vec<&str> = named.iter().map(|index| review.teams[*index].slug.as_str()).collect();
            return Err(format!(
                "{} team files name their team `{wanted}` ({}); name the one you mean by its file slug: {}",
                named.len(),
                files.join(", "),
                slugs.join(", ")
            ));
        }
        [] => {}
    }
    if let Some(index) = review.failed.iter().position(|team| by_slug(&team.slug)) {
        return Ok(Selected::Failed(index));
    }
    let mut known: Vec<String> = review
        .teams
        .iter()
        .map(|team| format!("{} ({})", team.slug, team.data.team.value.trim()))
        .chain(review.failed.iter().map(|team| team.slug.clone()))
        .collect();
    known.sort();
    let mut message = format!("the review has no team `{wanted}`; its teams are: {}", known.join(", "));
    let names =
        review.teams.iter().map(|t| t.slug.as_str()).chain(review.failed.iter().map(|t| t.slug.as_str()));
    if let Some(hint) = crate::suggest::did_you_mean_name(wanted, names) {
        message.push_str(&format!(" ({hint})"));
    }
    Err(message)
}

#[cfg(test)]
mod tests {
    use crate::model::same_slug;

    #[test]
    fn names_and_slugs_match_in_any_case() {
        assert!(same_slug("release-engineering", "Release Engineering"));
        assert!(same_slug("security", " SECURITY "));
        assert!(!same_slug("operations", "Ops"));
    }
}
