//! `qreview new`'s review folder: review.yaml and one commented team file per team, with
//! example entries a team lead replaces, and the schemas their editor reads.
//!
//! Every example text is one of [`EXAMPLE_TEXTS`]; loading a file warns at each that is
//! still as written here, so that no deck goes to the meeting with an example in it.

use crate::model::Quarter;

/// The example texts of a scaffolded team file: a file that still holds one is warned
/// about at its line.
pub(crate) const EXAMPLE_TEXTS: &[&str] = &[
    "My team",
    "Example KPI",
    "Example objective",
    "What the team set out to do",
    "How you would know it worked",
    "What happened this quarter",
    "What the team learned",
    "Something else the team is proud of",
];

/// A file of the new review: its path in the folder and its text.
pub(crate) type File = (String, String);

/// The files of a new review of `quarter` with the teams `names` (slugs from the names).
pub(crate) fn review(quarter: Quarter, names: &[String]) -> Vec<File> {
    let slugs: Vec<String> = names.iter().map(|name| slug(name)).collect();
    let listing: String = slugs.iter().map(|slug| format!("  - teams/{slug}.yaml\n")).collect();
    let review = format!(
        "# yaml-language-server: $schema=schema/review.schema.json\n\
         # The meeting. Every key is explained in qreview's manual (docs/format.md).\n\
         title: Quarterly review\n\
         # organization: Your organization     # on the cover and in every footer\n\
         # department: Your department\n\
         quarter: {quarter}\n\
         # The month a fiscal year's Q1 begins (7 = July); leave it out for calendar years.\n\
         # fiscal_year_start: 7\n\
         # The meeting date (YYYY-MM-DD): on the cover, and the PDF's creation date.\n\
         # date: 2016-01-21\n\
         # The team files, in the order of the deck.\n\
         teams:\n{listing}"
    );
    let mut files = vec![("review.yaml".to_owned(), review)];
    for (name, slug) in names.iter().zip(&slugs) {
        files.push((format!("teams/{slug}.yaml"), team(name, quarter)));
    }
    for (which, name) in
        [(crate::schema::InputFile::Team, "team"), (crate::schema::InputFile::Review, "review")]
    {
        let text = serde_json::to_string_pretty(&crate::schema::schema(which)).unwrap_or_default() + "\n";
        files.push((format!("schema/{name}.schema.json"), text));
    }
    files
}

/// A team file with one example of the common keys, each commented.
fn team(name: &str, quarter: Quarter) -> String {
    // JSON's quoted string is a YAML scalar too: any name reads back as written.
    let quoted = serde_json::to_string(name).unwrap_or_default();
    let previous = quarter.previous();
    format!(
        "# yaml-language-server: $schema=../schema/team.schema.json\n\
         # One team's quarter. Replace each example with your team's own, or delete it:\n\
         # `qreview check` warns about every example still as written here.\n\
         # `qreview preview <review folder> --team <slug> --watch` shows the slides as you save.\n\
         team: {quoted}\n\
         \n\
         # Approximate team size in full-time equivalents.\n\
         fte: 1\n\
         # Percent of the team's time per category; together 100.\n\
         time_spent: {{strengthen: 25, focus: 50, experiment: 25, maintenance: 0}}\n\
         \n\
         # Key performance indicators: a value per quarter; the change is computed.\n\
         kpis:\n\
         \x20 - name: Example KPI\n\
         \x20   unit: \"%\"           # a % figure changes in percentage points\n\
         \x20   better: higher       # or lower: colours the change\n\
         \x20   values:\n\
         \x20     {previous}: 99.0\n\
         \x20     {quarter}: 99.5\n\
         \n\
         # One slide per objective.\n\
         objectives:\n\
         \x20 - title: Example objective\n\
         \x20   kind: focus          # strengthen, focus or experiment\n\
         \x20   goal: What the team set out to do\n\
         \x20   measures:\n\
         \x20     - How you would know it worked\n\
         \x20   status: What happened this quarter\n\
         \x20   outcome: done        # done, partial, missed or dropped\n\
         \x20   learning: What the team learned\n\
         \n\
         # Further results, on a slide of their own.\n\
         highlights:\n\
         \x20 - Something else the team is proud of\n"
    )
}

/// A file slug for a team name: `Release Engineering` gives `release-engineering`.
pub(crate) fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "team".to_owned() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_file_names() {
        assert_eq!(slug("Release Engineering"), "release-engineering");
        assert_eq!(slug("  R&D / Ops!"), "r-d-ops");
        assert_eq!(slug("Ünïcode Team"), "ünïcode-team");
        assert_eq!(slug("../.."), "team");
    }

    #[test]
    fn every_example_text_is_in_the_team_file() {
        let text = team("My team", "2016/17 Q1".parse().unwrap());
        for example in EXAMPLE_TEXTS {
            assert!(text.contains(example), "{example}");
        }
    }
}
