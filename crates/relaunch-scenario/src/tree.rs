//! The spanned document tree: every value of a scenario file with the file and byte range it
//! came from, so that values merged from an `extends` base keep pointing into the base file.

use toml::de::{DeTable, DeValue};

use crate::source::{FileIndex, Location};

/// A value with its place.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub value: Value,
    pub location: Location,
}

/// A TOML value. Integers too large for `i64` are kept as `IntegerOutOfRange`.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    String(String),
    Integer(i64),
    IntegerOutOfRange(String),
    Float(f64),
    Boolean(bool),
    /// A TOML date or time written without quotes, kept as text for the diagnostic.
    Datetime(String),
    Array(Vec<Node>),
    Table(Table),
}

/// A table: its entries in file order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub entries: Vec<Entry>,
}

/// One `key = value` of a table.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub key: String,
    pub key_location: Location,
    pub value: Node,
}

impl Value {
    /// What kind of value this is, for messages ("a string", "an integer", ...).
    pub(crate) fn kind_name(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) | Value::IntegerOutOfRange(_) => "an integer",
            Value::Float(_) => "a number with a fraction",
            Value::Boolean(_) => "a boolean",
            Value::Datetime(_) => "an unquoted TOML date",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

impl Table {
    pub(crate) fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.key == key)
    }

    pub(crate) fn remove(&mut self, key: &str) -> Option<Entry> {
        let index = self.entries.iter().position(|entry| entry.key == key)?;
        Some(self.entries.remove(index))
    }
}

/// Converts the parser's tree into ours, tagging every place with `file_index`, with table
/// entries sorted by their place in the file.
pub(crate) fn table_from_toml(file_index: FileIndex, table: &DeTable<'_>) -> Table {
    let mut entries: Vec<Entry> = table
        .iter()
        .map(|(key, value)| Entry {
            key: key.get_ref().to_string(),
            key_location: Location::new(file_index, key.span()),
            value: Node {
                value: value_from_toml(file_index, value.get_ref()),
                location: Location::new(file_index, value.span()),
            },
        })
        .collect();
    entries.sort_by_key(|entry| entry.key_location.span.start);
    Table { entries }
}

fn value_from_toml(file_index: FileIndex, value: &DeValue<'_>) -> Value {
    match value {
        DeValue::String(text) => Value::String(text.to_string()),
        DeValue::Integer(integer) => match i64::from_str_radix(integer.as_str(), integer.radix()) {
            Ok(number) => Value::Integer(number),
            Err(_) => Value::IntegerOutOfRange(integer.to_string()),
        },
        DeValue::Float(float) => {
            Value::Float(float.as_str().replace('_', "").parse().unwrap_or(f64::NAN))
        }
        DeValue::Boolean(boolean) => Value::Boolean(*boolean),
        DeValue::Datetime(datetime) => Value::Datetime(datetime.to_string()),
        DeValue::Array(array) => Value::Array(
            array
                .iter()
                .map(|item| Node {
                    value: value_from_toml(file_index, item.get_ref()),
                    location: Location::new(file_index, item.span()),
                })
                .collect(),
        ),
        DeValue::Table(table) => Value::Table(table_from_toml(file_index, table)),
    }
}

/// The tree as JSON (for the JSON Schema check and for `resolve_to_json`).
pub(crate) fn value_to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::String(text) | Value::Datetime(text) | Value::IntegerOutOfRange(text) => {
            serde_json::Value::String(text.clone())
        }
        Value::Integer(number) => serde_json::Value::from(*number),
        Value::Float(number) => serde_json::Number::from_f64(*number)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        Value::Boolean(boolean) => serde_json::Value::Bool(*boolean),
        Value::Array(items) => serde_json::Value::Array(
            items
                .iter()
                .map(|item| value_to_json(&item.value))
                .collect(),
        ),
        Value::Table(table) => table_to_json(table),
    }
}

pub(crate) fn table_to_json(table: &Table) -> serde_json::Value {
    serde_json::Value::Object(
        table
            .entries
            .iter()
            .map(|entry| (entry.key.clone(), value_to_json(&entry.value.value)))
            .collect(),
    )
}
