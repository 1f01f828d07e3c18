//! What-if: a scenario with a few of its values changed before it is read — a hire date, a
//! kit's lead time, the shift pattern — so that a front end can ask "and if?" without editing
//! the file. The changes are applied to the resolved scenario (its JSON, the document the JSON
//! Schema describes), which is then written as TOML and read as any scenario is, so every rule
//! and diagnostic of the reader applies to the changed values.
//!
//! A change is a key path and a JSON value:
//!
//! ```text
//!   workforce.hires[0].date        = "2023-11-01"        an element by its index
//!   kit[c5-skd].lead_time          = {"dist": "triangular", "min": "10d", "mode": "14d", "max": "30d"}
//!   station[final].servers         = 2                   an element of an array of tables by id
//!   calendar.shifts                = 2
//!   learning                       = null                removes the key (or the element)
//! ```
//!
//! Segments are separated by `.`; a segment may end in selectors `[N]` (an index) or `[ID]`
//! (the element whose `id` is ID). Missing tables on the way are created; missing array
//! elements are not. Changes apply in the order given.

use serde_json::{Map, Value};

use crate::AppError;
use crate::check::Checked;
use crate::scenario_text::{load_text, toml_from_json};

/// The most changes in one what-if.
pub const MAX_OVERRIDES: usize = 100;

/// One change: the value at `path` becomes `value` (removed when `value` is null).
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    pub path: String,
    pub value: Value,
}

/// `resolved` (a resolved scenario as JSON) with `overrides` applied, written as TOML and read:
/// the changed scenario with its warnings, and the TOML it was read from. A path that names
/// nothing is a user error saying which; a changed value the reader refuses is reported with
/// its diagnostics, placed in the TOML returned with them (`file_name`).
pub fn apply_and_load(
    file_name: &str,
    resolved: &Value,
    overrides: &[Override],
) -> Result<(Checked, String), AppError> {
    let mut changed = resolved.clone();
    apply(&mut changed, overrides)?;
    let text = toml_from_json(&changed).map_err(|_| {
        AppError::Request(
            "the changed scenario cannot be written as TOML (a list mixing tables and values?)"
                .to_string(),
        )
    })?;
    let checked = load_text(file_name, &text)?;
    Ok((checked, text))
}

/// Applies `overrides` to `document` in order.
pub fn apply(document: &mut Value, overrides: &[Override]) -> Result<(), AppError> {
    if overrides.len() > MAX_OVERRIDES {
        return Err(AppError::Request(format!(
            "{} changes in one what-if, more than {MAX_OVERRIDES}",
            overrides.len()
        )));
    }
    for change in overrides {
        let steps = parse_path(&change.path)?;
        set(document, &steps, change.value.clone())
            .map_err(|message| AppError::Request(format!("`{}`: {message}", change.path)))?;
    }
    Ok(())
}

/// The value at key path `path` in `document` (written as for [`Override::path`]), if the path
/// is well formed and names one.
pub fn value_at<'a>(document: &'a Value, path: &str) -> Option<&'a Value> {
    let steps = parse_path(path).ok()?;
    let mut node = document;
    for step in &steps {
        node = match step {
            Step::Key(key) => node.as_object()?.get(key)?,
            Step::Index(index) => node.as_array()?.get(*index)?,
            Step::Id(id) => node
                .as_array()?
                .iter()
                .find(|item| item.get("id").and_then(Value::as_str) == Some(id))?,
        };
    }
    Some(node)
}

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
    Id(String),
}

impl Step {
    fn shown(&self) -> String {
        match self {
            Step::Key(key) => key.clone(),
            Step::Index(index) => format!("[{index}]"),
            Step::Id(id) => format!("[{id}]"),
        }
    }
}

fn parse_path(path: &str) -> Result<Vec<Step>, AppError> {
    let bad = |why: &str| {
        AppError::Request(format!(
            "`{path}` is not a key path ({why}); write it like `workforce.hires[0].date` or \
             `kit[c5-skd].lead_time`"
        ))
    };
    let mut steps = Vec::new();
    let mut rest = path;
    loop {
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let key = &rest[..end];
        if key.is_empty() {
            return Err(bad("an empty key"));
        }
        steps.push(Step::Key(key.to_string()));
        rest = &rest[end..];
        while let Some(inside) = rest.strip_prefix('[') {
            let Some(close) = inside.find(']') else {
                return Err(bad("a `[` without its `]`"));
            };
            let selector = inside[..close].trim();
            if selector.is_empty() {
                return Err(bad("an empty `[]`"));
            }
            steps.push(match selector.parse::<usize>() {
                Ok(index) => Step::Index(index),
                Err(_) => Step::Id(selector.to_string()),
            });
            rest = &inside[close + 1..];
        }
        match rest.strip_prefix('.') {
            Some(after) => rest = after,
            None if rest.is_empty() => return Ok(steps),
            None => return Err(bad("text after a `]` that is not `.` or `[`")),
        }
    }
}

/// Sets (or with null removes) the value at `steps` under `node`.
fn set(node: &mut Value, steps: &[Step], value: Value) -> Result<(), String> {
    let (step, rest) = steps.split_first().expect("a path has a step");
    let last = rest.is_empty();
    match step {
        Step::Key(key) => {
            let Value::Object(table) = node else {
                return Err(format!("`{key}` is asked of a value that is not a table"));
            };
            if last {
                if value.is_null() {
                    table.remove(key);
                } else {
                    table.insert(key.clone(), value);
                }
                return Ok(());
            }
            let child = table.entry(key.clone()).or_insert_with(|| match rest[0] {
                Step::Key(_) => Value::Object(Map::new()),
                _ => Value::Array(Vec::new()),
            });
            set(child, rest, value)
        }
        Step::Index(_) | Step::Id(_) => {
            let Value::Array(items) = node else {
                return Err(format!(
                    "`{}` selects an element of a value that is not a list",
                    step.shown()
                ));
            };
            let position = match step {
                Step::Index(index) => {
                    (*index < items.len()).then_some(*index).ok_or_else(|| {
                        format!(
                            "no element [{index}]: the list has {} elements",
                            items.len()
                        )
                    })?
                }
                Step::Id(id) => items
                    .iter()
                    .position(|item| item.get("id").and_then(Value::as_str) == Some(id))
                    .ok_or_else(|| {
                        let ids: Vec<&str> = items
                            .iter()
                            .filter_map(|item| item.get("id").and_then(Value::as_str))
                            .collect();
                        format!(
                            "no element with id `{id}`; the ids are: {}",
                            if ids.is_empty() {
                                "none".to_string()
                            } else {
                                ids.join(", ")
                            }
                        )
                    })?,
                Step::Key(_) => unreachable!("a selector"),
            };
            if last {
                if value.is_null() {
                    items.remove(position);
                } else {
                    items[position] = value;
                }
                return Ok(());
            }
            set(&mut items[position], rest, value)
        }
    }
}

#[cfg(test)]
mod tests {
    use relaunch_scenario::Diagnostics;
    use serde_json::json;

    use super::*;

    fn change(path: &str, value: Value) -> Override {
        Override {
            path: path.to_string(),
            value,
        }
    }

    #[test]
    fn paths_set_keys_elements_and_ids() {
        let mut document = json!({
            "workforce": { "hires": [{ "date": "2023-10-02", "count": 40 }] },
            "kit": [{ "id": "a", "lead_time": "5d" }, { "id": "b", "lead_time": "6d" }],
        });
        apply(
            &mut document,
            &[
                change("workforce.hires[0].date", json!("2023-11-01")),
                change("kit[b].lead_time", json!("9d")),
                change("learning.rate", json!(0.9)),
                change("kit[0]", Value::Null),
            ],
        )
        .unwrap();
        assert_eq!(
            document,
            json!({
                "workforce": { "hires": [{ "date": "2023-11-01", "count": 40 }] },
                "kit": [{ "id": "b", "lead_time": "9d" }],
                "learning": { "rate": 0.9 },
            })
        );
    }

    #[test]
    fn a_path_naming_nothing_says_why() {
        let mut document = json!({ "kit": [{ "id": "a" }], "calendar": { "shifts": 1 } });
        let message = |path: &str| {
            apply(&mut document.clone(), &[change(path, json!(1))])
                .unwrap_err()
                .to_string()
        };
        assert!(message("kit[3].x").contains("no element [3]"));
        assert!(message("kit[z].x").contains("the ids are: a"));
        assert!(message("calendar.shifts.x").contains("not a table"));
        assert!(message("kit..x").contains("an empty key"));
        assert!(message("kit[0").contains("without its `]`"));
        assert!(message("kit[0]x").contains("not `.` or `[`"));
        assert!(apply(&mut document, &[change("calendar.shifts", json!(2))]).is_ok());
    }

    #[test]
    fn a_changed_scenario_reads_or_reports_the_reader_s_diagnostics() {
        let text = include_str!("../../../examples/textbook/mm1.toml");
        let resolved = relaunch_scenario::resolve_str_to_json("mm1.toml", text).unwrap();
        let (checked, _) = apply_and_load(
            "what-if.toml",
            &resolved,
            &[change("scenario.replications", json!(7))],
        )
        .unwrap();
        assert_eq!(checked.scenario.replications, 7);
        let Err(AppError::Scenario(Diagnostics(diagnostics))) = apply_and_load(
            "what-if.toml",
            &resolved,
            &[change("scenario.horizon", json!("ten days"))],
        ) else {
            panic!("a bad duration is refused");
        };
        assert_eq!(diagnostics[0].file, "what-if.toml");
        assert!(diagnostics[0].line > 0);
    }
}
