//! A document as data files: the whole deck's, or those of one part of it (the parts
//! protocol of docs/layout.md).

use serde::Serialize;

use super::{DeckKind, Document, Part, ReviewJson, TeamEntry};

impl Document {
    /// The data files of the whole deck, typeset in one piece.
    pub(crate) fn data_files(&self) -> Vec<(String, Vec<u8>)> {
        let review = self.review_json(None, &self.entries);
        let mut files = vec![("/data/review.json".to_owned(), review)];
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
                vec![("/data/review.json".to_owned(), self.review_json(Some("front"), &entries))]
            }
            Part::Team(index) => {
                let entry = &self.entries[index];
                vec![
                    (
                        "/data/review.json".to_owned(),
                        self.review_json(Some("team"), std::slice::from_ref(entry)),
                    ),
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

/// The data file of the layout's page marks (`marks.typ`): how many pages to number.
pub(crate) fn marks_files(pages: usize) -> Vec<(String, Vec<u8>)> {
    vec![("/data/marks.json".to_owned(), to_json(&serde_json::json!({ "pages": pages })))]
}

/// JSON of plain data; serialising it cannot fail.
fn to_json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("document data serialises to JSON")
}
