//! JSON Schemas of the input files, for editors with a YAML language server: generated
//! from the same types the reader uses, described with the manual's own words (the key
//! tables of `docs/format.md`, embedded), so that the schema, the reader and the manual
//! cannot drift apart. Also the schemas of the data a layout reads, generated from the
//! document's types (docs/layout.md).

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::document::{ReviewJson, TeamDoc};
use crate::model::{ReviewFile, TeamFile};

/// The manual, for its descriptions of every key.
const MANUAL: &str = include_str!("../docs/format.md");

/// Which input file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum InputFile {
    /// A team file (`teams/<slug>.yaml`)
    Team,
    /// The review's `review.yaml`
    Review,
    /// The data a layout reads: `/data/review.json` (see docs/layout.md)
    ReviewData,
    /// The data a layout reads: a team's `/data/teams/<n>-<slug>.json` (see docs/layout.md)
    TeamData,
}

/// The manual's section for each type of the schema, by the name schemars gives it.
const SECTIONS: &[(&str, &str)] = &[
    ("ReviewFile", "review.yaml"),
    ("TeamFile", "Team file"),
    ("TimeSpent", "Time split"),
    ("Kpi", "KPI"),
    ("Objective", "Objective"),
    ("Measure", "Measure"),
    ("OtherItem", "Other item"),
    ("WorkflowGroup", "Workflow group"),
    ("Workflow", "Workflow"),
    ("Table", "Table"),
    ("Chart", "Chart"),
    ("Allocation", "Allocation"),
    ("Reported", "Reported"),
    ("Skills", "Skills"),
    ("Scale", "Scale"),
    ("TeamNotes", "Speaker notes"),
];

/// The schema of `file`, draft-07 (what the common YAML language server reads).
pub(crate) fn schema(file: InputFile) -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let (root, title) = match file {
        InputFile::Team => (generator.into_root_schema_for::<TeamFile>(), "TeamFile"),
        InputFile::Review => (generator.into_root_schema_for::<ReviewFile>(), "ReviewFile"),
        // The layout's data is described by its types' own comments, not by the manual.
        InputFile::ReviewData => {
            let mut root = generator.into_root_schema_for::<ReviewJson<'static>>().to_value();
            titled(&mut root, "qreview layout data, schema 1: /data/review.json");
            return root;
        }
        InputFile::TeamData => {
            let mut root = generator.into_root_schema_for::<TeamDoc>().to_value();
            titled(&mut root, "qreview layout data, schema 1: a team's /data/teams/<n>-<slug>.json");
            return root;
        }
    };
    let mut root = root.to_value();
    let sections = manual_sections();
    describe(&mut root, title, &sections);
    if let Some(Value::Object(definitions)) = root.get_mut("definitions") {
        for (name, definition) in definitions.iter_mut() {
            describe(definition, name, &sections);
        }
    }
    let what = if file == InputFile::Team { "a team file" } else { "review.yaml" };
    titled(&mut root, &format!("qreview input format v1: {what}"));
    root
}

fn titled(root: &mut Value, title: &str) {
    if let Value::Object(object) = root {
        object.insert("title".to_owned(), Value::from(title));
    }
}

/// Sets each property's description from the manual's row for it.
fn describe(schema: &mut Value, name: &str, sections: &[(String, Vec<Row>)]) {
    let Some((_, heading)) = SECTIONS.iter().find(|(type_name, _)| *type_name == name) else { return };
    let Some((_, rows)) = sections.iter().find(|(section, _)| section == heading) else { return };
    describe_properties(schema, rows);
}

/// Sets the descriptions of `schema`'s properties, and of those of its `anyOf` branches
/// (a value written as a text or a mapping has its keys in the mapping's branch).
fn describe_properties(schema: &mut Value, rows: &[Row]) {
    if let Some(Value::Array(branches)) = schema.get_mut("anyOf") {
        branches.iter_mut().for_each(|branch| describe_properties(branch, rows));
    }
    let Some(Value::Object(properties)) = schema.get_mut("properties") else { return };
    for row in rows {
        if let Some(Value::Object(property)) = properties.get_mut(&row.key) {
            property.insert("description".to_owned(), Value::from(row.description()));
        }
    }
}

/// One row of a key table in the manual.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) key: String,
    kind: String,
    required: String,
    default: String,
    example: String,
    meaning: String,
}

impl Row {
    fn description(&self) -> String {
        let mut text = if self.meaning.is_empty() { self.kind.clone() } else { self.meaning.clone() };
        let required = if self.required == "yes" { "required" } else { &self.required };
        let mut details = vec![self.kind.clone(), required.to_owned()];
        if !self.default.is_empty() {
            details.push(format!("default: {}", self.default));
        }
        text.push_str(&format!(" ({})", details.join("; ")));
        if !self.example.is_empty() {
            text.push_str(&format!(". Example: {}", self.example));
        }
        text.replace('`', "")
    }
}

/// The key tables of the manual, by section heading, in order.
pub(crate) fn manual_sections() -> Vec<(String, Vec<Row>)> {
    let mut sections: Vec<(String, Vec<Row>)> = Vec::new();
    for line in MANUAL.lines() {
        if let Some(heading) = line.strip_prefix("### ").or_else(|| line.strip_prefix("## ")) {
            sections.push((heading.trim().to_owned(), Vec::new()));
            continue;
        }
        // `| key | type | required | default | example | meaning |`; no cell holds a `|`.
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (Some((_, rows)), ["", key, kind, required, default, example, meaning, ""]) =
            (sections.last_mut(), &cells[..])
        else {
            continue;
        };
        if let Some(key) = key.strip_prefix('`').and_then(|key| key.strip_suffix('`')) {
            let cell = |text: &str| text.trim().to_owned();
            rows.push(Row {
                key: key.to_owned(),
                kind: cell(kind),
                required: cell(required),
                default: cell(default),
                example: cell(example),
                meaning: cell(meaning),
            });
        }
    }
    sections.retain(|(_, rows)| !rows.is_empty());
    sections
}

#[cfg(test)]
mod layout_contract_tests {
    use std::collections::BTreeSet;

    use super::*;

    /// docs/layout.md: the field names of each table, by the type it describes (the
    /// name in a `### \`Type\`` heading; the two files' own sections by their roots).
    fn documented() -> Vec<(String, BTreeSet<String>)> {
        let mut sections: Vec<(String, BTreeSet<String>)> = Vec::new();
        for line in include_str!("../docs/layout.md").lines() {
            if let Some(heading) = line.strip_prefix("### ").or_else(|| line.strip_prefix("## ")) {
                let name = match heading.trim() {
                    "`/data/review.json`" => "ReviewJson".to_owned(),
                    heading if heading.starts_with("A team's data") => "TeamDoc".to_owned(),
                    heading => heading.trim_matches('`').to_owned(),
                };
                sections.push((name, BTreeSet::new()));
                continue;
            }
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            if let (Some((_, fields)), ["", field, _, _, _, ""]) = (sections.last_mut(), &cells[..])
                && let Some(field) = field.strip_prefix('`').and_then(|f| f.strip_suffix('`'))
            {
                fields.insert(field.to_owned());
            }
        }
        sections.retain(|(_, fields)| !fields.is_empty());
        sections
    }

    fn properties(schema: &Value) -> BTreeSet<String> {
        schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_layout_manual_documents_every_field_of_the_data() {
        let documented = documented();
        let mut types: Vec<(String, BTreeSet<String>)> = Vec::new();
        for (file, root) in [(InputFile::ReviewData, "ReviewJson"), (InputFile::TeamData, "TeamDoc")] {
            let schema = super::schema(file);
            types.push((root.to_owned(), properties(&schema)));
            for (name, definition) in schema["definitions"].as_object().unwrap() {
                let fields = properties(definition);
                if !fields.is_empty() && !types.iter().any(|(seen, _)| seen == name) {
                    types.push((name.clone(), fields));
                }
            }
        }
        let mut problems = Vec::new();
        for (name, fields) in &types {
            match documented.iter().find(|(section, _)| section == name) {
                None => problems.push(format!("docs/layout.md has no section for `{name}`")),
                Some((_, rows)) if rows != fields => problems.push(format!(
                    "`{name}`: the data has {:?}, docs/layout.md documents {:?}",
                    fields.difference(rows).collect::<Vec<_>>(),
                    rows.difference(fields).collect::<Vec<_>>()
                )),
                Some(_) => {}
            }
        }
        for (section, _) in &documented {
            if !types.iter().any(|(name, _)| name == section) {
                problems.push(format!("docs/layout.md documents `{section}`, which the data does not have"));
            }
        }
        assert!(types.len() >= 20, "found only {} types", types.len());
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
