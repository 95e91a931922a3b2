//! Figures written by hand against the ones computed from the same data. The slides
//! always show the computed figure; a difference is a warning at the hand-made one, so
//! that the author sees which of the two the slide will not show.

use super::allocation::{self, AllocationFigures};
use super::format;
use crate::diag::{Diagnostic, Diagnostics, Loc};
use crate::validate::ValidTeam;

/// Warns where the allocation's reported totals, or `time_spent`, differ from what the
/// allocation table adds up to.
pub(crate) fn allocation(team: &ValidTeam, figures: &AllocationFigures, diagnostics: &mut Diagnostics) {
    let data = &team.data;
    let reported = data.allocation.as_ref().and_then(|a| a.reported.as_ref()).and_then(|r| r.totals.as_ref());
    if let Some(totals) = reported {
        let values: Vec<f64> = totals.value.iter().map(|total| total.value).collect();
        for mismatch in allocation::total_mismatches(figures, &values) {
            let project = &figures.projects[mismatch.index].0;
            diagnostics.push(
                Diagnostic::warning(
                    Loc::of(team.file, &totals.value[mismatch.index]),
                    format!(
                        "reported total for `{project}` is {}, but its rows add up to {}",
                        format::number(mismatch.reported, Some(2)),
                        format::number(mismatch.computed, Some(2))
                    ),
                )
                .with_hint("the slides show the computed total"),
            );
        }
    }
    if let Some(time_spent) = &data.time_spent {
        for (category, computed) in &figures.categories {
            let Some(given) = time_spent.value.get(*category) else { continue };
            if (given.value - computed).abs() > allocation::TOLERANCE {
                diagnostics.push(
                    Diagnostic::warning(
                        Loc::of(team.file, given),
                        format!(
                            "time_spent gives {} {}%, but the allocation table gives {}%",
                            category.name(),
                            format::number(given.value, None),
                            format::number(*computed, Some(2))
                        ),
                    )
                    .with_hint("the slides show the figure computed from the allocation table"),
                );
            }
        }
    }
}
