//! The skills matrix: ratings with their change since the last survey, split into
//! parts by column group so that a wide matrix never runs off its slide.

use serde::Serialize;

use super::format::MINUS;
use super::kpi::Tone;
use crate::model::Skills;

/// Skill columns a slide can show legibly with a scale of `marks` marks: a column holds
/// the marks and a change such as `(+2)`, at a size readable across a room.
fn max_columns_per_slide(marks: i64) -> usize {
    (42 / (marks.max(1) as usize + 2)).clamp(2, 8)
}

/// The matrix as shown.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct SkillsDoc {
    pub(crate) min: i64,
    pub(crate) max: i64,
    /// `On a scale of 1-5 where 1 means "no idea" and 5 means "expert"`.
    pub(crate) legend: String,
    pub(crate) survey: Option<String>,
    pub(crate) parts: Vec<SkillsPart>,
}

/// The columns of one slide.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct SkillsPart {
    pub(crate) groups: Vec<SkillGroup>,
    pub(crate) skills: Vec<String>,
    pub(crate) people: Vec<PersonRatings>,
}

/// A group header spanning its skills.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct SkillGroup {
    pub(crate) name: String,
    pub(crate) span: usize,
}

/// One person's row of a part.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct PersonRatings {
    pub(crate) name: String,
    pub(crate) ratings: Vec<Rating>,
}

/// A rating and its change since the previous survey, `(+1)` or `(−1)`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct Rating {
    pub(crate) value: i64,
    pub(crate) change: Option<String>,
    /// Whether the change is up (good) or down (bad).
    pub(crate) change_tone: Option<Tone>,
}

/// Builds the matrix; ratings are as long as the skill list (validated).
pub(crate) fn to_doc(skills: &Skills) -> SkillsDoc {
    let scale = &skills.scale.value;
    let legend = match (&scale.low, &scale.high) {
        (Some(low), Some(high)) => format!(
            "On a scale of {min}-{max} where {min} means \u{201c}{low}\u{201d} and {max} means \u{201c}{high}\u{201d}",
            min = scale.min,
            max = scale.max
        ),
        _ => format!("On a scale of {}-{}", scale.min, scale.max),
    };
    let max_columns = max_columns_per_slide(scale.max - scale.min + 1);
    // Groups in slide-sized runs; a group is never split.
    let mut runs: Vec<Vec<(usize, &String, &Vec<String>)>> = Vec::new();
    let mut first_column = 0;
    for (name, group_skills) in skills.groups.iter() {
        let fits = runs.last().is_some_and(|run| {
            run.iter().map(|(_, _, s)| s.len()).sum::<usize>() + group_skills.len() <= max_columns
        });
        if !fits {
            runs.push(Vec::new());
        }
        runs.last_mut().expect("a run was just pushed").push((first_column, name, group_skills));
        first_column += group_skills.len();
    }
    let previous_of = |person: &str| {
        skills.previous.as_ref()?.iter().find(|(name, _)| name == person).map(|(_, ratings)| &ratings.value)
    };
    let parts = runs
        .iter()
        .map(|run| {
            let columns: Vec<usize> =
                run.iter().flat_map(|(start, _, group)| *start..*start + group.len()).collect();
            SkillsPart {
                groups: run
                    .iter()
                    .map(|(_, name, group)| SkillGroup { name: (*name).clone(), span: group.len() })
                    .collect(),
                skills: run.iter().flat_map(|(_, _, group)| group.iter().cloned()).collect(),
                people: skills
                    .ratings
                    .iter()
                    .map(|(name, ratings)| PersonRatings {
                        name: name.clone(),
                        ratings: columns
                            .iter()
                            .map(|column| {
                                let value = ratings.value.get(*column).copied().unwrap_or(scale.min);
                                let before =
                                    previous_of(name).and_then(|previous| previous.get(*column)).copied();
                                let delta = before.map(|before| value - before).filter(|delta| *delta != 0);
                                Rating {
                                    value,
                                    change: delta.and_then(change_label),
                                    change_tone: delta
                                        .map(|delta| if delta > 0 { Tone::Good } else { Tone::Bad }),
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    SkillsDoc {
        min: scale.min,
        max: scale.max,
        legend,
        survey: skills.survey.as_ref().map(|survey| survey.0.clone()),
        parts,
    }
}

fn change_label(delta: i64) -> Option<String> {
    match delta {
        0 => None,
        d if d > 0 => Some(format!("(+{d})")),
        d => Some(format!("({MINUS}{})", -d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_and_splitting_by_group() {
        let skills: Skills = serde_saphyr::from_str(
            "scale: {min: 1, max: 5, low: no idea, high: expert}\ngroups:\n  A: [a1, a2, a3, a4, a5]\n  B: [b1, b2, b3, b4]\n  C: [c1]\nratings: {Ana: [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]}\nprevious: {Ana: [2, 2, 3, 4, 5, 1, 2, 3, 4, 3]}\n",
        )
        .unwrap();
        let doc = to_doc(&skills);
        assert_eq!(doc.parts.len(), 2, "A alone, then B and C");
        assert_eq!(doc.parts[1].groups.iter().map(|g| g.span).collect::<Vec<_>>(), [4, 1]);
        assert_eq!(doc.parts[0].people[0].ratings[0].change.as_deref(), Some("(\u{2212}1)"));
        assert_eq!(doc.parts[1].people[0].ratings[4].change.as_deref(), Some("(+2)"));
        assert_eq!(doc.parts[1].people[0].ratings[0].change, None);
        assert!(doc.legend.contains("1 means \u{201c}no idea\u{201d}"));
    }
}
