//! Time allocation: totals per person and project, percent of capacity, share of all
//! logged time, and the share per category, checked against hand-made figures.
//!
//! The seed's own table is why this exists: its "Avg" row was neither the sum nor the
//! average of its rows for four of five projects.

use serde::Serialize;

use super::format;
use crate::model::{Allocation, Category, TeamFile};

/// Figures further apart than this (in points) are reported as a mismatch.
pub(crate) const TOLERANCE: f64 = 0.5;

/// Everything computed from an allocation, unrounded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AllocationFigures {
    pub(crate) projects: Vec<(String, Category)>,
    pub(crate) people: Vec<(String, Vec<f64>, f64)>,
    /// Per project: the sum over people.
    pub(crate) totals: Vec<f64>,
    /// Per project: total divided by the number of people.
    pub(crate) capacity: Vec<f64>,
    /// Per project: percent of all logged time.
    pub(crate) share: Vec<f64>,
    /// Percent of all logged time per category, in `Category::ALL` order.
    pub(crate) categories: Vec<(Category, f64)>,
    pub(crate) grand_total: f64,
}

/// Computes the allocation figures. Rows are as long as the project list (validated).
pub(crate) fn compute(allocation: &Allocation) -> AllocationFigures {
    let projects: Vec<(String, Category)> = allocation.projects.value.iter().cloned().collect();
    let count = projects.len();
    let people: Vec<(String, Vec<f64>, f64)> = allocation
        .people
        .iter()
        .map(|(name, shares)| {
            let shares: Vec<f64> = shares.value.iter().map(|share| share.value).collect();
            let total = shares.iter().fold(0.0, |sum, share| sum + share);
            (name.clone(), shares, total)
        })
        .collect();
    let totals: Vec<f64> = (0..count)
        .map(|column| {
            people.iter().fold(0.0, |sum, (_, shares, _)| sum + shares.get(column).copied().unwrap_or(0.0))
        })
        .collect();
    let headcount = people.len().max(1) as f64;
    let capacity = totals.iter().map(|total| total / headcount).collect();
    let grand_total = totals.iter().fold(0.0, |sum, total| sum + total);
    let percent_of_all = |part: f64| if grand_total > 0.0 { part / grand_total * 100.0 } else { 0.0 };
    let share = totals.iter().map(|total| percent_of_all(*total)).collect();
    let categories = Category::ALL
        .iter()
        .map(|category| (*category, percent_of_all(category_sum(&projects, &totals, *category))))
        .collect();
    AllocationFigures { projects, people, totals, capacity, share, categories, grand_total }
}

/// A team's time split in percent per category: computed from its allocation table when
/// it has one (the slides always show computed figures), else as written in `time_spent`.
pub(crate) fn time_split(
    team: &TeamFile,
    figures: Option<&AllocationFigures>,
) -> Option<Vec<(Category, f64)>> {
    if let Some(figures) = figures {
        return Some(figures.categories.clone());
    }
    let spent = &team.time_spent.as_ref()?.value;
    Some(Category::ALL.iter().filter_map(|c| Some((*c, spent.get(*c)?.value))).collect())
}

/// A computed figure that differs from the one written by hand.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mismatch {
    /// Index of the project or category.
    pub(crate) index: usize,
    pub(crate) reported: f64,
    pub(crate) computed: f64,
}

/// Reported project totals that differ from the computed ones.
pub(crate) fn total_mismatches(figures: &AllocationFigures, reported: &[f64]) -> Vec<Mismatch> {
    reported
        .iter()
        .zip(&figures.totals)
        .enumerate()
        .filter(|(_, (reported, computed))| (**reported - **computed).abs() > TOLERANCE)
        .map(|(index, (reported, computed))| Mismatch { index, reported: *reported, computed: *computed })
        .collect()
}

/// The allocation table as shown: every cell formatted with two decimals, as the source.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct AllocationDoc {
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
    /// Rows after the people: totals, % of capacity, % of all time.
    pub(crate) summary_rows: Vec<Vec<String>>,
    pub(crate) categories: Vec<CategoryShare>,
    /// Each person's time by category, for stacked bars.
    pub(crate) people_by_category: Vec<PersonCategories>,
    pub(crate) note: Option<String>,
}

/// One person's time by category, in percent of a full-time person.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct PersonCategories {
    pub(crate) name: String,
    pub(crate) total: String,
    pub(crate) segments: Vec<CategoryShare>,
}

/// A category's share of all logged time.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct CategoryShare {
    pub(crate) category: &'static str,
    pub(crate) percent: String,
    /// Unrounded, for bars.
    pub(crate) value: f64,
}

/// The sum of `values` (one per project, in column order) over the projects of `category`.
fn category_sum(projects: &[(String, Category)], values: &[f64], category: Category) -> f64 {
    projects
        .iter()
        .zip(values)
        .filter(|((_, of), _)| *of == category)
        .fold(0.0, |sum, (_, value)| sum + value)
}

/// The labels of the rows and column the table adds to the people and projects.
pub(crate) const OWN_LABELS: [&str; 3] = ["Total", "% of capacity", "% of all time"];

/// Formats the figures for the slide.
pub(crate) fn to_doc(figures: &AllocationFigures, note: Option<&str>) -> AllocationDoc {
    let percent = |value: f64| format!("{}%", format::number(value, Some(2)));
    let mut columns = vec![String::new()];
    columns.extend(figures.projects.iter().map(|(name, _)| name.clone()));
    columns.push(OWN_LABELS[0].to_owned());
    let rows = figures
        .people
        .iter()
        .map(|(name, shares, total)| {
            let mut row = vec![name.clone()];
            row.extend(shares.iter().map(|share| percent(*share)));
            row.push(percent(*total));
            row
        })
        .collect();
    let summary = |label: &str, values: &[f64], last: f64| {
        let mut row = vec![label.to_owned()];
        row.extend(values.iter().map(|value| percent(*value)));
        row.push(percent(last));
        row
    };
    let headcount = figures.people.len().max(1) as f64;
    let share_total = if figures.grand_total > 0.0 { 100.0 } else { 0.0 };
    let summary_rows = vec![
        summary(OWN_LABELS[0], &figures.totals, figures.grand_total),
        summary(OWN_LABELS[1], &figures.capacity, figures.grand_total / headcount),
        summary(OWN_LABELS[2], &figures.share, share_total),
    ];
    let categories = figures
        .categories
        .iter()
        .map(|(category, value)| CategoryShare {
            category: category.name(),
            percent: percent(*value),
            value: *value,
        })
        .collect();
    let people_by_category = figures
        .people
        .iter()
        .map(|(name, shares, total)| PersonCategories {
            name: name.clone(),
            total: percent(*total),
            segments: Category::ALL
                .iter()
                .map(|category| {
                    let value = category_sum(&figures.projects, shares, *category);
                    CategoryShare { category: category.name(), percent: percent(value), value }
                })
                .collect(),
        })
        .collect();
    AllocationDoc {
        columns,
        rows,
        summary_rows,
        categories,
        people_by_category,
        note: note.map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Release Engineering's table from the seed, Q2 2015/16.
    const RELENG: &str = "
projects:
  CI Scaling: strengthen
  Scap3 Migration: focus
  Diff Migration: focus
  Maintenance: maintenance
  Nonsense stuff: maintenance
people:
  Antoine: [36.92, 3.08, 2.31, 36.54, 8.85]
  Chad:    [0, 7.50, 11.67, 42.92, 24.17]
  Dan:     [0, 38.00, 2.50, 31.00, 9.44]
  Mukunda: [0, 32.50, 15.83, 27.50, 24.17]
  Tyler:   [0, 40.00, 1.54, 43.85, 3.85]
  Zeljko:  [9.23, 0, 0, 37.69, 53.08]
reported:
  totals: [46.15, 109.23, 31.15, 206.92, 116.92]
";

    fn releng() -> Allocation {
        serde_saphyr::from_str(RELENG).unwrap()
    }

    #[test]
    fn seed_figures() {
        let figures = compute(&releng());
        let doc = to_doc(&figures, None);
        let capacity = &doc.summary_rows[1];
        assert_eq!(capacity[1], "7.69%");
        assert_eq!(capacity[2], "20.18%");
        let shares: Vec<&str> = doc.categories.iter().map(|c| c.percent.as_str()).collect();
        assert_eq!(shares, ["8.48%", "28.47%", "0.00%", "63.05%"]);
        assert_eq!(doc.summary_rows[2].last().unwrap(), "100.00%");
        let antoine = &doc.people_by_category[0];
        assert_eq!(antoine.total, "87.70%");
        let parts: Vec<&str> = antoine.segments.iter().map(|s| s.percent.as_str()).collect();
        assert_eq!(parts, ["36.92%", "5.39%", "0.00%", "45.39%"]);
    }

    #[test]
    fn flags_the_hand_made_totals_that_do_not_add_up() {
        let allocation = releng();
        let figures = compute(&allocation);
        let totals = &allocation.reported.as_ref().unwrap().totals.as_ref().unwrap().value;
        let reported: Vec<f64> = totals.iter().map(|total| total.value).collect();
        let flagged: Vec<usize> = total_mismatches(&figures, &reported).iter().map(|m| m.index).collect();
        // Scap3, Diff Migration, Maintenance and Nonsense; not CI Scaling.
        assert_eq!(flagged, [1, 2, 3, 4]);
    }

    #[test]
    fn an_empty_allocation_has_zero_shares() {
        let allocation: Allocation =
            serde_saphyr::from_str("projects: {A: focus}\npeople: {Ana: [0]}\n").unwrap();
        let figures = compute(&allocation);
        assert_eq!(figures.share, [0.0]);
        assert_eq!(to_doc(&figures, None).summary_rows[2][1], "0.00%");
    }
}
