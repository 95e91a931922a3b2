//! `qreview schema`: the JSON Schemas editors read, checked by a JSON Schema validator
//! against the sample, the v1 example and the broken fixtures.

use std::fs;
use std::path::Path;

use crate::common::*;

fn schema(file: &str) -> serde_json::Value {
    let output = qreview(&root(), &["schema", file]);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("the schema is JSON")
}

fn validator(file: &str) -> jsonschema::Validator {
    let schema = schema(file);
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#", "draft-07, as yamlls reads");
    jsonschema::draft7::new(&schema).expect("a valid draft-07 schema")
}

/// A YAML file as the JSON value a YAML language server sees: YAML 1.2, where `N` and
/// `yes` are texts, not booleans.
fn yaml(path: &Path) -> serde_json::Value {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(&fs::read_to_string(path).unwrap(), options)
        .unwrap_or_else(|err| panic!("{path:?}: {err}"))
}

fn team_files(review: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> =
        fs::read_dir(review.join("teams")).unwrap().map(|entry| entry.unwrap().path()).collect();
    files.sort();
    files
}

#[test]
fn the_committed_schemas_are_the_ones_qreview_prints() {
    for file in ["team", "review", "review-data", "team-data"] {
        let committed = fs::read_to_string(root().join(format!("schema/{file}.schema.json"))).unwrap();
        let printed = String::from_utf8(qreview(&root(), &["schema", file]).stdout).unwrap();
        assert!(committed == printed, "schema/{file}.schema.json is out of date: qreview schema {file} > it");
    }
}

#[test]
fn the_sample_and_the_v1_example_fit_the_schemas() {
    let (team, review) = (validator("team"), validator("review"));
    let dir = tempfile::tempdir().unwrap();
    let scaffold = dir.path().join("new");
    assert!(qreview(dir.path(), &["new", "new", "--team", "Ops", "--team", "Web"]).status.success());
    for folder in [sample(), format_example(), root().join("samples/every-key"), scaffold] {
        let errors: Vec<String> =
            review.iter_errors(&yaml(&folder.join("review.yaml"))).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{folder:?}/review.yaml: {errors:?}");
        for file in team_files(&folder) {
            let errors: Vec<String> =
                team.iter_errors(&yaml(&file)).map(|e| format!("{}: {e}", e.instance_path())).collect();
            assert!(errors.is_empty(), "{file:?}: {errors:?}");
        }
    }
    // The sample's files name the schemas for editors.
    let modeline = "# yaml-language-server: $schema=../../../schema/team.schema.json";
    for file in team_files(&sample()) {
        assert!(fs::read_to_string(&file).unwrap().starts_with(modeline), "{file:?}");
        assert!(file.parent().unwrap().join("../../../schema/team.schema.json").is_file());
    }
}

/// The broken fixtures whose problem is one of shape are refused by the schema too, at
/// the same key.
#[test]
fn shape_problems_are_refused_by_the_schema() {
    let (team, review) = (validator("team"), validator("review"));
    for (case, file, at) in [
        ("wrong-type", "teams/a.yaml", "/fte"),
        ("unknown-key", "teams/a.yaml", ""),
        ("several-problems", "teams/b.yaml", "/objectives/0/kind"),
        ("not-a-list", "teams/a.yaml", "/highlights"),
        ("value-as-text", "teams/a.yaml", "/kpis/0/values/2015~116 Q2"),
        ("bad-quarter", "review.yaml", "/quarter"),
    ] {
        let validator = if file == "review.yaml" { &review } else { &team };
        let instance = yaml(&fixture("invalid").join(case).join(file));
        let paths: Vec<String> =
            validator.iter_errors(&instance).map(|e| e.instance_path().to_string()).collect();
        assert!(paths.iter().any(|path| path == at), "{case}: expected a problem at `{at}`, found {paths:?}");
    }
}
