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
}

impl<'de> Deserialize<'de> for KpiValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KpiValueVisitor;

        impl Visitor<'_> for KpiValueVisitor {
            type Value = KpiValue;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or `redacted`")
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KpiValue, E> {
                finite(v).map(KpiValue::Number)
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
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
        }

        deserializer.deserialize_any(KpiValueVisitor)
    }
}

fn finite<E: de::Error>(v: f64) -> Result<f64, E> {
    if v.is_finite() { Ok(v) } else { Err(E::custom(format!("{v} is not a finite number"))) }
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
                finite(v).map(Cell::Number)
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
