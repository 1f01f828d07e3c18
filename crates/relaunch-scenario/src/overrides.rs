//! `--set KEY.PATH=VALUE`: a key of the scenario overridden from the command line, without
//! editing the file, read with the same diagnostics as the file itself.
//!
//! Each override becomes a one-line TOML source of its own, named `--set`: `KEY.PATH = VALUE`,
//! which TOML's dotted keys turn into nested tables, then merged over the scenario (after
//! `extends` is resolved) key by key. The value is TOML (`2`, `0.12`, `"2024-06-03"`, `[1, 2]`,
//! `{ dist = "triangular", min = "23d", mode = "28d", max = "50d" }`); a value that is not TOML
//! is taken as a string, so `--set workforce.training=30d` needs no quotes (nor does a date:
//! `--set workforce.hires.1.date=2024-07-01`). In an array of
//! tables, the next key names an element by its `id` (or, when no `id` is that, its position
//! from 0):
//! `station.trim.servers=2`, `kit.0.lead_time=...`, `workforce.hires.1.date=2024-07-01`.
//! A distribution (a table with `dist`) replaces the value whole, as in `extends`.

use crate::diagnostic::Diagnostic;
use crate::source::{Location, SourceFile};
use crate::tree::{Entry, Node, Table, Value, table_from_toml};

/// The overrides of one command line, in order (a later one wins over an earlier one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    items: Vec<String>,
}

impl Overrides {
    /// The overrides `items`, each `KEY.PATH=VALUE` as typed.
    pub fn new(items: Vec<String>) -> Overrides {
        Overrides { items }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The overrides as typed.
    pub fn items(&self) -> &[String] {
        &self.items
    }
}

/// The name overrides carry in diagnostics.
pub const SOURCE_NAME: &str = "--set";

/// Merges every override over `root`; a malformed one is a diagnostic (and `root` is then not
/// to be used). Each adds its source to `files`.
pub(crate) fn apply(
    root: &mut Table,
    overrides: &Overrides,
    files: &mut Vec<SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for item in &overrides.items {
        let Some((path, value)) = item.split_once('=') else {
            diagnostics.push(Diagnostic::without_place(
                SOURCE_NAME,
                format!(
                    "`--set {item}` has no `=`: expected KEY.PATH=VALUE, such as \
                     workforce.training=30d or station.trim.servers=2"
                ),
            ));
            continue;
        };
        let (path, value) = (path.trim(), value.trim());
        if path == "extends" || path.starts_with("extends.") {
            diagnostics.push(Diagnostic::without_place(
                SOURCE_NAME,
                format!(
                    "`--set {item}`: `extends` is resolved before overrides apply; name the \
                     variant file itself instead"
                ),
            ));
            continue;
        }
        if path.is_empty() {
            diagnostics.push(Diagnostic::without_place(
                SOURCE_NAME,
                format!("`--set {item}` names no key before `=`"),
            ));
            continue;
        }
        let Some(table) = parse(path, value, files, diagnostics) else {
            continue;
        };
        merge(root, table, files, diagnostics, &mut Vec::new());
    }
}

/// The override as a one-line source: TOML when the value is, else the value as a string.
fn parse(
    path: &str,
    value: &str,
    files: &mut Vec<SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let as_toml = format!("{path} = {value}");
    // A bare date (`2024-06-03`) is a TOML date, which the format writes quoted: on a command
    // line it is the date string.
    let bare_date = value.parse::<toml::value::Datetime>().is_ok();
    // A value written as TOML structure or a quoted string stays TOML (its syntax error is
    // reported), never silently a string.
    let structured = value.starts_with(['{', '[', '"', '\'']);
    let text = match toml::de::DeTable::parse(&as_toml) {
        Ok(_) if !bare_date => as_toml,
        Err(_) if structured => as_toml,
        _ => {
            let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
            format!("{path} = \"{quoted}\"")
        }
    };
    files.push(SourceFile::new(SOURCE_NAME.to_string(), text.clone()));
    let file_index = files.len() - 1;
    match toml::de::DeTable::parse(&text) {
        Ok(parsed) => Some(table_from_toml(file_index, parsed.get_ref())),
        Err(error) => {
            let span = error.span().unwrap_or(0..text.len());
            diagnostics.push(Diagnostic::at(
                files,
                &Location::new(file_index, span),
                format!(
                    "`--set {path}={value}` is not valid TOML: {}",
                    error.message().trim().replace('\n', " ")
                ),
                "expected KEY.PATH=VALUE: keys joined by dots, a TOML value",
            ));
            None
        }
    }
}

/// Merges `set` (one override's nested tables) into `target`. `path` is where `target` stands,
/// for messages.
fn merge(
    target: &mut Table,
    set: Table,
    files: &[SourceFile],
    diagnostics: &mut Vec<Diagnostic>,
    path: &mut Vec<String>,
) {
    for entry in set.entries {
        let existing = target.entries.iter_mut().find(|e| e.key == entry.key);
        match (existing, entry.value.value) {
            // A table into a table (not a distribution, which replaces whole): key by key.
            (Some(existing), Value::Table(inner))
                if matches!(existing.value.value, Value::Table(_))
                    && inner.get("dist").is_none() =>
            {
                let Value::Table(existing_table) = &mut existing.value.value else {
                    continue;
                };
                path.push(entry.key.clone());
                merge(existing_table, inner, files, diagnostics, path);
                path.pop();
            }
            // A table into an array of tables: each key picks an element.
            (Some(existing), Value::Table(inner))
                if matches!(existing.value.value, Value::Array(_)) =>
            {
                let Value::Array(elements) = &mut existing.value.value else {
                    continue;
                };
                path.push(entry.key.clone());
                for pick in inner.entries {
                    let Some(index) = element_index(elements, &pick.key) else {
                        let ids: Vec<String> = elements
                            .iter()
                            .enumerate()
                            .map(|(i, e)| element_id(e).unwrap_or_else(|| i.to_string()))
                            .collect();
                        diagnostics.push(Diagnostic::at(
                            files,
                            &pick.key_location,
                            format!(
                                "`{}` has no element `{}`: name one by its `id` or its position \
                                 from 0 ({})",
                                path.join("."),
                                pick.key,
                                if ids.is_empty() {
                                    "it is empty".to_string()
                                } else {
                                    format!("here: {}", ids.join(", "))
                                }
                            ),
                            "no such element",
                        ));
                        continue;
                    };
                    let element = &mut elements[index];
                    match (&mut element.value, pick.value.value) {
                        (Value::Table(element_table), Value::Table(inner))
                            if inner.get("dist").is_none() =>
                        {
                            path.push(pick.key.clone());
                            merge(element_table, inner, files, diagnostics, path);
                            path.pop();
                        }
                        (_, value) => {
                            *element = Node {
                                value,
                                location: pick.value.location,
                            };
                        }
                    }
                }
                path.pop();
            }
            // A value over a value: replaced (its place is the override's).
            (Some(existing), value) => {
                existing.value = Node {
                    value,
                    location: entry.value.location,
                };
                existing.key_location = entry.key_location;
            }
            // A key the scenario does not have: added (the reader judges it as any key).
            (None, value) => target.entries.push(Entry {
                key: entry.key,
                key_location: entry.key_location,
                value: Node {
                    value,
                    location: entry.value.location,
                },
            }),
        }
    }
}

/// The element `key` names: the one whose `id` is `key`, else its position from 0 (an `id`
/// that looks like a number wins over the position).
fn element_index(elements: &[Node], key: &str) -> Option<usize> {
    elements
        .iter()
        .position(|element| element_id(element).as_deref() == Some(key))
        .or_else(|| {
            key.parse::<usize>()
                .ok()
                .filter(|&index| index < elements.len())
        })
}

fn element_id(element: &Node) -> Option<String> {
    match &element.value {
        Value::Table(table) => match &table.get("id")?.value.value {
            Value::String(id) => Some(id.clone()),
            _ => None,
        },
        _ => None,
    }
}
