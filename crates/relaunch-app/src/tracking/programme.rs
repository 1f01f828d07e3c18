//! A programme in the store: its identity is the scenario's `name`; its version is the
//! SHA-256 (hex) of the resolved scenario — the file with its `extends` merged, as JSON with
//! every object's keys sorted and no spaces — so that reformatting the file or moving a key
//! into a base is the same version, and any change of a value is a new one. Every tracking
//! command saves the version it ran on (idempotent by hash).

use std::fmt::Write as _;
use std::path::Path;

use jiff::civil::Date;
use relaunch_core::Scenario;
use relaunch_core::actuals::Row;
use relaunch_store::ScenarioVersion;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::StoreHandle;
use crate::AppError;

/// A scenario being tracked, with its version's text and hash.
#[derive(Debug, Clone)]
pub struct Programme {
    pub scenario: Scenario,
    /// The scenario file as the user named it.
    pub file: String,
    /// The resolved scenario as canonical JSON: what the store keeps as the version.
    pub text: String,
    /// The hex SHA-256 of `text`.
    pub hash: String,
    /// The stored version this programme was read from ([`crate::tracking::catalogue`]), so
    /// that [`Programme::register`] need not write: `None` for one read from a file.
    pub stored: Option<ScenarioVersion>,
}

impl Programme {
    /// The programme of the scenario read from `path` (`scenario` is that file, validated).
    pub fn new(scenario: Scenario, path: &Path) -> Result<Programme, AppError> {
        let resolved = relaunch_scenario::resolve_to_json(path).map_err(AppError::Scenario)?;
        Ok(Programme::from_resolved(
            scenario,
            &path.display().to_string(),
            &resolved,
        ))
    }

    /// The programme of `scenario` whose resolved JSON is `resolved`.
    pub fn from_resolved(scenario: Scenario, file: &str, resolved: &Value) -> Programme {
        let text = canonical_json(resolved);
        let hash = sha256_hex(text.as_bytes());
        Programme {
            scenario,
            file: file.to_string(),
            text,
            hash,
            stored: None,
        }
    }

    /// Its identity in the store: the scenario's name.
    pub fn name(&self) -> &str {
        &self.scenario.name
    }

    /// Saves this version in the store (nothing new when its hash is stored); a programme read
    /// from the store is not written again.
    pub fn register(
        &self,
        store: &StoreHandle,
        created: &str,
    ) -> Result<ScenarioVersion, AppError> {
        if let Some(stored) = &self.stored
            && stored.hash == self.hash
        {
            return Ok(stored.clone());
        }
        store.call(|store| store.save_scenario(self.name(), &self.text, &self.hash, created))
    }
}

/// `value` as JSON with every object's keys sorted, without whitespace.
pub fn canonical_json(value: &Value) -> String {
    serde_json::to_string(&sorted(value)).expect("a JSON value serialises")
}

fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(key, value)| (key.clone(), sorted(value)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// The hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut text = String::with_capacity(64);
    for byte in digest.iter() {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

/// The hash of the actuals a forecast at `as_of` starts from: the SHA-256 of the rows dated on
/// or before `as_of`, sorted by (date, metric, item), one `date,metric,item,value` line each.
/// Notes are left out: a changed note changes no forecast.
pub fn actuals_hash(rows: &[Row], as_of: Date) -> String {
    let mut known: Vec<&Row> = rows.iter().filter(|row| row.date <= as_of).collect();
    known.sort_by(|a, b| a.key().cmp(&b.key()));
    let mut text = String::new();
    for row in known {
        let _ = writeln!(
            text,
            "{},{},{},{}",
            row.date,
            row.metric.name(),
            row.item,
            row.value
        );
    }
    sha256_hex(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use relaunch_core::actuals::Metric;

    use super::*;

    #[test]
    fn sha256_of_known_text() {
        // FIPS 180-2's example.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let value: Value =
            serde_json::from_str(r#"{"b": 1, "a": {"z": [ {"y": 2, "x": 3} ], "c": true}}"#)
                .unwrap();
        assert_eq!(
            canonical_json(&value),
            r#"{"a":{"c":true,"z":[{"x":3,"y":2}]},"b":1}"#
        );
    }

    #[test]
    fn actuals_hash_reads_rows_through_as_of_in_key_order() {
        let row = |date: &str, metric, item: &str, value, note: &str| Row {
            date: date.parse().unwrap(),
            metric,
            item: item.to_string(),
            value,
            note: note.to_string(),
        };
        let a = row("2024-03-27", Metric::Good, "crossover", 15, "");
        let b = row("2024-03-26", Metric::Released, "crossover", 16, "");
        let later = row("2024-03-28", Metric::Good, "crossover", 9, "");
        let as_of: Date = "2024-03-27".parse().unwrap();
        let expected =
            sha256_hex(b"2024-03-26,released,crossover,16\n2024-03-27,good,crossover,15\n");
        assert_eq!(actuals_hash(&[a.clone(), b.clone()], as_of), expected);
        // Order, later rows and notes do not count.
        let mut noted = a.clone();
        noted.note = "interpolated".to_string();
        assert_eq!(actuals_hash(&[later, noted, b.clone()], as_of), expected);
        // A value does.
        let mut corrected = a;
        corrected.value = 14;
        assert_ne!(actuals_hash(&[corrected, b], as_of), expected);
    }
}
