//! The layout's data contract (docs/layout.md): the sample's data fits the schemas
//! `qreview schema review-data` and `team-data` print, and a second layout written only
//! from the document builds the sample.

use std::fs;

use crate::common::*;

fn validator(file: &str) -> jsonschema::Validator {
    let output = qreview(&root(), &["schema", file]);
    assert!(output.status.success(), "{}", stderr(&output));
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).expect("the schema is JSON");
    jsonschema::draft7::new(&schema).expect("a valid draft-07 schema")
}

fn json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap_or_else(|err| panic!("{path:?}: {err}"))
}

#[test]
fn the_samples_data_fits_the_data_schemas() {
    let (review, team) = (validator("review-data"), validator("team-data"));
    let dir = tempfile::tempdir().unwrap();
    let sample = sample();
    for (args, teams) in
        [(vec!["build", "review-project"], 5), (vec!["preview", "ops-project", "--team", "operations"], 1)]
    {
        let mut command = vec![args[0], sample.to_str().unwrap(), "--emit-typst", args[1]];
        command.extend(&args[2..]);
        let output = qreview(dir.path(), &command);
        assert!(output.status.success(), "{}", stderr(&output));
        let data = dir.path().join(args[1]).join("data");
        let review_json = json(&data.join("review.json"));
        let errors: Vec<String> =
            review.iter_errors(&review_json).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "review.json: {errors:?}");
        let files: Vec<_> = fs::read_dir(data.join("teams")).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), teams);
        assert_eq!(review_json["teams"].as_array().unwrap().len(), teams);
        for file in files {
            let errors: Vec<String> =
                team.iter_errors(&json(&file)).map(|e| format!("{e} at {}", e.instance_path())).collect();
            assert!(errors.is_empty(), "{file:?}: {errors:?}");
        }
    }
    // The schema is not a formality: a figure the layout would format itself is refused.
    let mut broken = json(&dir.path().join("review-project/data/teams/1-operations.json"));
    broken["kpis"][0]["value"] = serde_json::json!(99.979);
    assert!(!team.is_valid(&broken), "a KPI value is text, formatted by qreview");
}

#[test]
fn a_layout_written_from_the_contract_builds_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let layout = fixture("minimal-layout");
    let output = qreview(
        dir.path(),
        &["build", sample().to_str().unwrap(), "--layout", layout.to_str().unwrap(), "-o", "min.pdf"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let pages = pdf_pages_text(&dir.path().join("min.pdf"));
    assert!(pages.len() >= 6, "a cover and a page or more per team: {}", pages.len());
    assert!(pages[0].contains("Quarterly review") && pages[0].contains("Q2 - 2015/16"), "{}", pages[0]);
    let text = pages.join("\n");
    for heading in
        ["Q2 - Architecture", "Q2 - Operations", "Q2 - Release Engineering", "Q2 - Services", "Q2 - Security"]
    {
        assert!(text.contains(heading), "{heading}");
    }
    // Computed figures, as the built-in layout shows them, and rich text as text.
    for figure in ["Availability: 99.979% (+0.037 pp from Q1)", "Encrypted PII"] {
        assert!(text.contains(figure), "{figure} in:\n{text}");
    }
    // No marks.typ: typeset in one piece, the layout numbers its own pages.
    assert!(pages[1].trim_end().ends_with('2'), "page 2 is numbered by the layout: {}", pages[1]);
}
