//! Values of format v1 that may be written in more than one shape.
//!
//! Each gets a hand-written visitor instead of `#[serde(untagged)]`: untagged enums
//! buffer the input and lose the line and column of any error inside them.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// A KPI value: a number, or `redacted` for a figure that may not be shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum KpiValue {
    Number(f64),
    Redacted,
    /// Any other text: refused by validation, which can point at the value itself (the
    /// reader would point at its key) and report it with every other problem.
    Text(TextShape),
}

/// What a text written where a number belongs looks like, for the hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextShape {
    /// A number and its unit: `"99.9%"`, `"12 ms"`.
    NumberWithUnit,
    /// A number in quotes: `"12"`.
    QuotedNumber,
    Other,
}

impl TextShape {
    /// How a text written where a number belongs is best written, if it holds a number.
    pub(crate) fn hint(self) -> Option<&'static str> {
        match self {
            TextShape::NumberWithUnit => Some("write the number alone and give its unit once, with `unit:`"),
            TextShape::QuotedNumber => Some("write the number without quotes"),
            TextShape::Other => None,
        }
    }

    pub(crate) fn of(text: &str) -> TextShape {
        let text = text.trim();
        let number = text.trim_end_matches(|c: char| !c.is_ascii_digit()).trim();
        if text.parse::<f64>().is_ok() {
            TextShape::QuotedNumber
        } else if !number.is_empty() && number.parse::<f64>().is_ok() {
            TextShape::NumberWithUnit
        } else {
            TextShape::Other
        }
    }
}

impl<'de> Deserialize<'de> for KpiValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KpiValueVisitor;

        impl Visitor<'_> for KpiValueVisitor {
            type Value = KpiValue;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or `redacted`")
            }

            // A value that is not finite is kept, for validation to report with every
            // other one: the reader stops at its first error.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KpiValue, E> {
                Ok(KpiValue::Number(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KpiValue, E> {
                Ok(KpiValue::Number(v as f64))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KpiValue, E> {
                Ok(KpiValue::Number(v as f64))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<KpiValue, E> {
                if v.trim().eq_ignore_ascii_case("redacted") {
                    Ok(KpiValue::Redacted)
                } else {
                    Ok(KpiValue::Text(TextShape::of(v)))
                }
            }
        }

        deserializer.deserialize_any(KpiValueVisitor)
    }
}

/// A data-table cell: a number (formatted with the table's unit) or text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Number(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CellVisitor;

        impl Visitor<'_> for CellVisitor {
            type Value = Cell;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a text")
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell::Number(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
                Ok(Cell::Number(v as f64))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
                Ok(Cell::Number(v as f64))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_owned()))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
                Ok(Cell::Text(String::new()))
            }
        }

        deserializer.deserialize_any(CellVisitor)
    }
}

/// A column header or axis label: any scalar, kept as the text it was written as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label(pub(crate) String);

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LabelVisitor;

        impl Visitor<'_> for LabelVisitor {
            type Value = Label;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a label")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Label, E> {
                Ok(Label(v.to_owned()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Label, E> {
                Ok(Label(v.to_string()))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Label, E> {
                Ok(Label(v.to_string()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Label, E> {
                Ok(Label(v.to_string()))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Label, E> {
                Ok(Label(v.to_string()))
            }
        }

        // Asking for a string keeps the scalar as written (`2015-07`, `007`).
        deserializer.deserialize_str(LabelVisitor)
    }
}

/// A measure of success: plain text, or `{text, met}` to show (+) or (-).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Measure {
    pub(crate) text: String,
    pub(crate) met: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureFields {
    text: String,
    met: Option<bool>,
}

impl From<MeasureFields> for Measure {
    fn from(fields: MeasureFields) -> Self {
        Measure { text: fields.text, met: fields.met }
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let from_text = |text| Measure { text, met: None };
        deserializer.deserialize_any(TextOrMap::<Measure, MeasureFields>::new(
            "a measure: a text, or `{text, met}`",
            from_text,
        ))
    }
}

/// A team's speaker notes: a text, for its title slide, or a mapping with the notes of
/// each of its slides that have no other place for them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TeamNotes {
    pub(crate) title: Option<String>,
    pub(crate) highlights: Option<String>,
    pub(crate) other: Option<String>,
    pub(crate) workflows: Option<String>,
    pub(crate) allocation: Option<String>,
    pub(crate) skills: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamNotesFields {
    title: Option<String>,
    highlights: Option<String>,
    other: Option<String>,
    workflows: Option<String>,
    allocation: Option<String>,
    skills: Option<String>,
}

impl From<TeamNotesFields> for TeamNotes {
    fn from(f: TeamNotesFields) -> Self {
        TeamNotes {
            title: f.title,
            highlights: f.highlights,
            other: f.other,
            workflows: f.workflows,
            allocation: f.allocation,
            skills: f.skills,
        }
    }
}

impl<'de> Deserialize<'de> for TeamNotes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let from_text = |text| TeamNotes { title: Some(text), ..TeamNotes::default() };
        deserializer.deserialize_any(TextOrMap::<TeamNotes, TeamNotesFields>::new(
            "speaker notes: a text for the team's title slide, or notes by slide, `{title, highlights, other, workflows, allocation, skills}`",
            from_text,
        ))
    }
}

impl schemars::JsonSchema for TeamNotes {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TeamNotes".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let text = serde_json::json!({ "type": "string" });
        schemars::json_schema!({
            "description": "Speaker notes: a text for the team's title slide, or notes by slide.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "title": text, "highlights": text, "other": text,
                        "workflows": text, "allocation": text, "skills": text,
                    },
                    "additionalProperties": false,
                },
            ],
        })
    }
}

/// An entry of "Other successes and misses": plain text, or one of `success`, `miss`
/// and `learning` with its text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum OtherItem {
    Plain(String),
    Success(String),
    Miss(String),
    Learning(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "lowercase")]
enum OtherFields {
    Success(String),
    Miss(String),
    Learning(String),
}

impl From<OtherFields> for OtherItem {
    fn from(fields: OtherFields) -> Self {
        match fields {
            OtherFields::Success(text) => OtherItem::Success(text),
            OtherFields::Miss(text) => OtherItem::Miss(text),
            OtherFields::Learning(text) => OtherItem::Learning(text),
        }
    }
}

impl<'de> Deserialize<'de> for OtherItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextOrMap::<OtherItem, OtherFields>::new(
            "a text, or one of `success: ...`, `miss: ...`, `learning: ...`",
            OtherItem::Plain,
        ))
    }
}

/// Reads a value written either as a plain string or as a mapping of fields `F`.
struct TextOrMap<T, F> {
    expecting: &'static str,
    from_text: fn(String) -> T,
    fields: PhantomData<F>,
}

impl<T, F> TextOrMap<T, F> {
    fn new(expecting: &'static str, from_text: fn(String) -> T) -> Self {
        TextOrMap { expecting, from_text, fields: PhantomData }
    }
}

impl<'de, T, F: Deserialize<'de> + Into<T>> Visitor<'de> for TextOrMap<T, F> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok((self.from_text)(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        F::deserialize(MapAccessDeserializer::new(map)).map(Into::into)
    }
}

// What editors check these values against: the same shapes the visitors above accept.

impl schemars::JsonSchema for KpiValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "KpiValue".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number, or `redacted` for a figure that may not be shown.",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^\\s*[Rr][Ee][Dd][Aa][Cc][Tt][Ee][Dd]\\s*$" },
            ],
        })
    }
}

impl schemars::JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A table cell: a number (shown with the table's unit) or a text.",
            "type": ["number", "string", "boolean", "null"],
        })
    }
}

impl schemars::JsonSchema for Label {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Label".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A label, shown as written.",
            "type": ["string", "number", "boolean"],
        })
    }
}

impl schemars::JsonSchema for Measure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Measure".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A measure of success: a text, or its text and whether it was met.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "text": { "type": "string" }, "met": { "type": "boolean" } },
                    "required": ["text"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

impl schemars::JsonSchema for OtherItem {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OtherItem".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = |key: &str| {
            serde_json::json!({
                "type": "object",
                "properties": { key: { "type": "string" } },
                "required": [key],
                "additionalProperties": false,
            })
        };
        schemars::json_schema!({
            "description": "A text, or one of `success`, `miss` and `learning` with its text.",
            "anyOf": [{ "type": "string" }, one("success"), one("miss"), one("learning")],
        })
    }
}
