//! A document as data files: the whole deck's, or those of one part of it (the parts
//! protocol of docs/layout.md).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{DeckKind, Document, Part, ReviewJson, TeamEntry};

impl Document {
    /// The data files of the whole deck, typeset in one piece.
    pub(crate) fn data_files(&self) -> Vec<(String, Vec<u8>)> {
        let review = self.review_json(None, &self.entries);
        let mut files = vec![("/data/review.json".to_owned(), review), fit_file(None)];
        for (entry, team) in self.entries.iter().zip(&self.teams) {
            files.push((entry.data.clone(), to_json(team)));
        }
        files
    }

    /// The data files of one part of the deck. The front matter needs how many pages
    /// each team's part has, `team_pages`, for the agenda's links.
    pub(crate) fn part_files(&self, part: Part, team_pages: &[usize]) -> Vec<(String, Vec<u8>)> {
        match part {
            Part::Front => {
                let mut offset = 0;
                let entries: Vec<TeamEntry> = self
                    .entries
                    .iter()
                    .zip(team_pages)
                    .map(|(entry, pages)| {
                        let entry = TeamEntry { offset: Some(offset), ..entry.clone() };
                        offset += pages;
                        entry
                    })
                    .collect();
                vec![
                    ("/data/review.json".to_owned(), self.review_json(Some("front"), &entries)),
                    fit_file(None),
                ]
            }
            Part::Team(index) => {
                let entry = &self.entries[index];
                vec![
                    (
                        "/data/review.json".to_owned(),
                        self.review_json(Some("team"), std::slice::from_ref(entry)),
                    ),
                    fit_file(None),
                    (entry.data.clone(), to_json(&self.teams[index])),
                ]
            }
        }
    }

    fn review_json(&self, part: Option<&'static str>, teams: &[TeamEntry]) -> Vec<u8> {
        let whole_review = self.kind == DeckKind::Review;
        to_json(&ReviewJson {
            review: &self.review,
            part,
            cover: whole_review && part != Some("team"),
            teams,
            scorecard: self.scorecard.as_ref().filter(|_| whole_review && part != Some("team")),
        })
    }
}

/// Where the layout finds the step at which autofit sets each slide (docs/layout.md,
/// "Fitting").
pub(crate) const FIT_FILE: &str = "/data/fit.json";

/// How the layout's autofit sets a slide (docs/layout.md, "Fitting"). A slide the
/// fitting file does not name is set at the first, largest step, unmeasured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FitStep {
    /// At the smallest step, unmeasured.
    Smallest,
    /// At the largest step that fits, measured: the slide runs over at the first step
    /// and fits at the smallest.
    Between,
}

/// The fitting file: these slides at these steps, every other at the first; or, with
/// `None` (as in every deck's data files), every slide measured by the layout itself.
pub(crate) fn fit_file(slides: Option<&BTreeMap<String, FitStep>>) -> (String, Vec<u8>) {
    (FIT_FILE.to_owned(), to_json(&serde_json::json!({ "schema": 1, "slides": slides })))
}

/// Where each slide's step is while qreview fits the slides, one JSON string per slide
/// (`"first"`, `"smallest"` or `"between"`), so that a slide's code reads its own step
/// alone (docs/layout.md, "Fitting"). Served for any slide id, never written.
const FIT_STEP_FOLDER: &str = "/data/fit/";

/// The slide id of a path of [`FIT_STEP_FOLDER`], `/data/fit/<id>.json`.
pub(crate) fn fit_step_slide(path: &str) -> Option<&str> {
    path.strip_prefix(FIT_STEP_FOLDER)?.strip_suffix(".json").filter(|id| !id.contains('/'))
}

/// The file of one slide's step; `None` is the first step.
pub(crate) fn fit_step_file(step: Option<FitStep>) -> Vec<u8> {
    match step {
        Some(step) => to_json(&step),
        None => to_json(&"first"),
    }
}

/// Where, while qreview fits the slides, the rows of each slide's table that were whole
/// on one page at the first step are: a JSON list of row numbers (the header row is 0),
/// empty for a slide with none known (docs/layout.md, "Fitting"). Served for any slide
/// id, never written.
const FIT_ROWS_FOLDER: &str = "/data/fit-rows/";

/// The slide id of a path of [`FIT_ROWS_FOLDER`], `/data/fit-rows/<id>.json`.
pub(crate) fn fit_rows_slide(path: &str) -> Option<&str> {
    path.strip_prefix(FIT_ROWS_FOLDER)?.strip_suffix(".json").filter(|id| !id.contains('/'))
}

/// The file of one slide's whole rows.
pub(crate) fn fit_rows_file(rows: Option<&Vec<usize>>) -> Vec<u8> {
    to_json(&rows.map_or(&[][..], Vec::as_slice))
}

/// The data file of the layout's page marks (`marks.typ`): how many pages to number.
pub(crate) fn marks_files(pages: usize) -> Vec<(String, Vec<u8>)> {
    vec![("/data/marks.json".to_owned(), to_json(&serde_json::json!({ "pages": pages })))]
}

/// JSON of plain data; serialising it cannot fail.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("document data serialises to JSON")
}
