//! Places of keys in a scenario file: a key path such as `release.plan[1].per_day` turned into
//! `file:line:column`, so that a pre-flight warning points at the key responsible.
//!
//! The path is walked through the merged spanned tree that the reader builds, so a key that a
//! variant inherits from its `extends` base points into the base file. When the whole path
//! cannot be found (a key left to its default, say), the deepest part that exists is used; when
//! not even the first key exists, the warning names the file without a line.
//!
//! The same walk places the core's model problems (`relaunch_core::check`), at the value of the
//! key rather than at the key.

use std::fmt;

use relaunch_core::check::ModelProblem;
use relaunch_core::preflight::Warning;

use crate::diagnostic::Diagnostic;
use crate::load::LoadedDocument;
use crate::source::{Location, SourceFile};
use crate::tree::{Table, Value};

/// The files read for one scenario and its merged tree, kept to place warnings.
#[derive(Debug, Clone)]
pub struct KeyPlaces {
    files: Vec<SourceFile>,
    root: Option<Table>,
    /// Where the elements of the model's lists stand in the file (see `convert`).
    source_indices: crate::convert::SourceIndices,
}

/// A warning with its place in the file, rendered like a diagnostic but as `warning[code]`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedWarning {
    /// The warning's code (`plan-above-capacity`, ...).
    pub code: &'static str,
    /// The place, message, label and help, in the diagnostics' shape.
    pub diagnostic: Diagnostic,
}

impl KeyPlaces {
    pub(crate) fn new(loaded: &LoadedDocument) -> KeyPlaces {
        KeyPlaces {
            files: loaded.files.clone(),
            root: loaded.root.clone(),
            source_indices: Vec::new(),
        }
    }

    pub(crate) fn with_source_indices(self, source_indices: crate::convert::SourceIndices) -> Self {
        KeyPlaces {
            source_indices,
            ..self
        }
    }

    /// The place of the key at `key_path`, or of the deepest part of it that exists.
    fn locate(&self, key_path: &str) -> Option<Location> {
        let key_path = crate::convert::key_path_in_file(&self.source_indices, key_path);
        locate_in(self.root.as_ref()?, &key_path, PathEnd::Key)
    }

    /// `warning` with its place: the key's `file:line:column`, or the file alone.
    pub fn place(&self, warning: &Warning) -> PlacedWarning {
        let diagnostic = match self.locate(&warning.key_path) {
            Some(location) => Diagnostic::at(
                &self.files,
                &location,
                warning.message.clone(),
                warning.label.clone(),
            ),
            None => {
                let file = self
                    .files
                    .first()
                    .map_or("<scenario>", |file| file.name.as_str());
                let mut diagnostic = Diagnostic::without_place(file, warning.message.clone());
                diagnostic.label = format!("at `{}`", warning.key_path);
                diagnostic
            }
        }
        .with_help(warning.help.clone());
        PlacedWarning {
            code: warning.kind.code(),
            diagnostic,
        }
    }
}

/// What a key path points at when it ends with a key: the key (`per_day`, where a warning about
/// the key reads best) or its value (`4`, where a problem with the value is shown).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathEnd {
    Key,
    Value,
}

/// The place of `key_path` in the merged tree `root`, or of the deepest part of it that exists.
pub(crate) fn locate_in(root: &Table, key_path: &str, end: PathEnd) -> Option<Location> {
    let mut table = root;
    let mut found: Option<Location> = None;
    let segments: Vec<&str> = key_path.split('.').collect();
    for (segment_index, segment) in segments.iter().enumerate() {
        let Some((key, indices)) = split_segment(segment) else {
            return found;
        };
        let Some(entry) = table.get(key) else {
            return found;
        };
        let last_segment = segment_index + 1 == segments.len();
        found = Some(
            if last_segment && indices.is_empty() && end == PathEnd::Value {
                entry.value.location.clone()
            } else {
                entry.key_location.clone()
            },
        );
        let mut value = &entry.value;
        for index in indices {
            let Value::Array(items) = &value.value else {
                return found;
            };
            let Some(item) = items.get(index) else {
                return found;
            };
            found = Some(item.location.clone());
            value = item;
        }
        match &value.value {
            Value::Table(inner) => table = inner,
            _ => {
                // A path that goes on below a value that is not a table stops here.
                return found;
            }
        }
    }
    found
}

/// A model problem of the core with its place: the value at its key path in the merged tree.
pub(crate) fn place_model_problem(
    files: &[SourceFile],
    root: &Table,
    key_path: &str,
    problem: &ModelProblem,
) -> Diagnostic {
    match locate_in(root, key_path, PathEnd::Value) {
        Some(location) => Diagnostic::at(
            files,
            &location,
            problem.message.clone(),
            problem.label.clone(),
        ),
        None => {
            let file = files
                .first()
                .map_or("<scenario>", |file| file.name.as_str());
            let mut diagnostic = Diagnostic::without_place(file, problem.message.clone());
            diagnostic.label = format!("at `{key_path}`");
            diagnostic
        }
    }
}

/// `plan[1]` into `("plan", [1])`; `None` for a malformed segment.
fn split_segment(segment: &str) -> Option<(&str, Vec<usize>)> {
    let key_end = segment.find('[').unwrap_or(segment.len());
    let key = &segment[..key_end];
    let mut indices = Vec::new();
    let mut rest = &segment[key_end..];
    while let Some(after_open) = rest.strip_prefix('[') {
        let close = after_open.find(']')?;
        indices.push(after_open[..close].parse().ok()?);
        rest = &after_open[close + 1..];
    }
    (rest.is_empty() && !key.is_empty()).then_some((key, indices))
}

impl PlacedWarning {
    /// `file:line:column: warning[code]: message`, on one line (for logs and tests).
    pub fn short_line(&self) -> String {
        let d = &self.diagnostic;
        format!(
            "{}:{}:{}: warning[{}]: {}",
            d.file, d.line, d.column, self.code, d.message
        )
    }
}

impl fmt::Display for PlacedWarning {
    /// Renders exactly like a diagnostic, with `warning[code]:` in place of `error:`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rendered = self.diagnostic.to_string();
        let body = rendered.strip_prefix("error: ").unwrap_or(&rendered);
        write!(formatter, "warning[{}]: {body}", self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_text;

    fn places(text: &str) -> KeyPlaces {
        KeyPlaces::new(&load_text("w.toml", text))
    }

    fn line_and_column(places: &KeyPlaces, path: &str) -> Option<(usize, usize)> {
        let location = places.locate(path)?;
        Some(places.files[location.file_index].line_and_column(location.span.start))
    }

    const TEXT: &str = "\
[scenario]
name = \"x\"

[[station]]
id = \"a\"

[[station]]
id = \"b\"
cycle = \"1min\"

[release]
plan = [{ from = \"2024-01-01\", per_day = 4 },
        { from = \"2024-02-01\", per_day = 8 }]
";

    #[test]
    fn key_paths_find_keys_in_inline_and_header_tables() {
        let places = places(TEXT);
        assert_eq!(
            line_and_column(&places, "release.plan[1].per_day"),
            Some((13, 32))
        );
        assert_eq!(line_and_column(&places, "station[1].cycle"), Some((9, 1)));
        assert_eq!(line_and_column(&places, "scenario.name"), Some((2, 1)));
    }

    #[test]
    fn missing_keys_fall_back_to_the_deepest_part_found() {
        let places = places(TEXT);
        assert_eq!(
            line_and_column(&places, "release.plan[1].limit"),
            line_and_column(&places, "release.plan[1]")
        );
        assert_eq!(line_and_column(&places, "workforce.hires"), None);
        assert_eq!(line_and_column(&places, "release.plan[9]"), Some((12, 1)));
        assert_eq!(line_and_column(&places, "release..x[]"), Some((11, 2)));
    }

    #[test]
    fn a_path_not_in_the_file_names_the_file_alone() {
        let warning = Warning {
            kind: relaunch_core::preflight::WarningKind::StaffBelowOneShift,
            key_path: "workforce.hires".to_string(),
            message: "the line can never run".to_string(),
            label: "fewer than 15 trained people".to_string(),
            help: "hire more people".to_string(),
        };
        let placed = places(TEXT).place(&warning);
        assert_eq!(
            placed.short_line(),
            "w.toml:0:0: warning[staff-below-one-shift]: the line can never run"
        );
        let rendered = placed.to_string();
        assert!(
            rendered.starts_with("warning[staff-below-one-shift]: the line can never run\n"),
            "{rendered}"
        );
        assert!(rendered.contains("= at `workforce.hires`"), "{rendered}");
        assert!(rendered.contains("= help: hire more people"), "{rendered}");
    }

    #[test]
    fn malformed_segments_are_refused() {
        assert_eq!(split_segment("plan[1]"), Some(("plan", vec![1])));
        assert_eq!(split_segment("a[1][2]"), Some(("a", vec![1, 2])));
        assert_eq!(split_segment("a[x]"), None);
        assert_eq!(split_segment("a[1"), None);
        assert_eq!(split_segment("[1]"), None);
    }
}
