//! The checker: collects diagnostics while reading the spanned tree, with the table view that
//! names keys in messages. The typed readers live beside it: single values (`values.rs`),
//! distributions (`distribution.rs`) and ids (`ids.rs`).
//!
//! Every reader reports its own problem and returns `None`, so callers keep going and every
//! problem in a file is reported in one pass.

mod distribution;
mod ids;
mod values;

pub(crate) use distribution::{read_bounded_distribution, read_distribution};
pub(crate) use ids::IdRegistry;
pub(crate) use values::{
    NumberRange, PROBABILITY, read_array, read_bool, read_date, read_duration, read_lag, read_name,
    read_number_in, read_string, read_table, read_u32, read_u64,
};

use crate::diagnostic::Diagnostic;
use crate::source::{Location, SourceFile};
use crate::text_values::suggest;
use crate::tree::{Entry, Node, Table};

/// How many candidate comparisons "did you mean" suggestions for ids may cost in one file.
/// A file with thousands of unknown references among thousands of ids would otherwise take
/// quadratic time; past the budget, references are reported without a suggestion.
const SUGGESTION_BUDGET: usize = 200_000;

/// Collects every problem found while reading one scenario.
pub(crate) struct Checker<'f> {
    pub files: &'f [SourceFile],
    pub diagnostics: Vec<Diagnostic>,
    /// Comparisons left for id suggestions (see [`SUGGESTION_BUDGET`]).
    suggestion_budget: usize,
}

impl<'f> Checker<'f> {
    pub(crate) fn new(files: &'f [SourceFile]) -> Checker<'f> {
        Checker {
            files,
            diagnostics: Vec::new(),
            suggestion_budget: SUGGESTION_BUDGET,
        }
    }

    /// Whether a suggestion among `candidates` candidates is still affordable; spends them.
    pub(crate) fn spend_suggestion_budget(&mut self, candidates: usize) -> bool {
        if candidates > self.suggestion_budget {
            self.suggestion_budget = 0;
            return false;
        }
        self.suggestion_budget -= candidates;
        true
    }

    pub(crate) fn error(
        &mut self,
        location: &Location,
        message: impl Into<String>,
        label: impl Into<String>,
    ) {
        let diagnostic = Diagnostic::at(self.files, location, message, label);
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn error_with_help(
        &mut self,
        location: &Location,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        let diagnostic = Diagnostic::at(self.files, location, message, label).with_help(help);
        self.diagnostics.push(diagnostic);
    }

    /// Where `location` is, as `file:line:column`, for messages that mention a second place.
    pub(crate) fn describe_location(&self, location: &Location) -> String {
        match self.files.get(location.file_index) {
            Some(file) => {
                let (line, column) = file.line_and_column(location.span.start);
                format!("{}:{line}:{column}", file.name)
            }
            None => "an unknown place".to_string(),
        }
    }
}

/// A table being read, with the words that name it in messages (`[scenario]`,
/// `[[station]] "trim-1"`).
#[derive(Clone, Copy)]
pub(crate) struct TableView<'t> {
    pub table: &'t Table,
    pub location: &'t Location,
    pub place: &'t str,
}

impl<'t> TableView<'t> {
    /// Reports every key not in `allowed_keys`, suggesting the closest allowed key.
    pub(crate) fn check_keys(&self, checker: &mut Checker<'_>, allowed_keys: &[&str]) {
        for entry in &self.table.entries {
            if allowed_keys.contains(&entry.key.as_str()) {
                continue;
            }
            let message = format!("unknown key `{}` in {}", entry.key, self.place);
            match suggest(&entry.key, allowed_keys) {
                Some(suggestion) => checker.error(
                    &entry.key_location,
                    message,
                    format!("did you mean `{suggestion}`?"),
                ),
                None => checker.error_with_help(
                    &entry.key_location,
                    message,
                    "unknown key",
                    format!(
                        "the keys of {} are {}",
                        self.place,
                        quoted_list(allowed_keys)
                    ),
                ),
            }
        }
    }

    pub(crate) fn entry(&self, key: &str) -> Option<&'t Entry> {
        self.table.get(key)
    }

    pub(crate) fn node(&self, key: &str) -> Option<&'t Node> {
        self.table.get(key).map(|entry| &entry.value)
    }

    /// The value of a key that must be present; reports it missing otherwise.
    pub(crate) fn required(
        &self,
        checker: &mut Checker<'_>,
        key: &str,
        expected: &str,
    ) -> Option<&'t Node> {
        let node = self.node(key);
        if node.is_none() {
            checker.error(
                self.location,
                format!("missing key `{key}` in {}", self.place),
                format!("add `{key}` ({expected}) to this table"),
            );
        }
        node
    }

    /// The words naming `key` of this table in messages.
    pub(crate) fn describe(&self, key: &str) -> String {
        format!("`{key}` in {}", self.place)
    }
}

/// The most words [`quoted_list`] names before "and N more".
pub(crate) const QUOTED_LIST_LENGTH: usize = 10;

/// `["a", "b"]` as "`a`, `b`"; a long list names its first words and counts the rest.
pub(crate) fn quoted_list(words: &[&str]) -> String {
    let mut list = words
        .iter()
        .take(QUOTED_LIST_LENGTH)
        .map(|word| format!("`{word}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if words.len() > QUOTED_LIST_LENGTH {
        list.push_str(&format!(" and {} more", words.len() - QUOTED_LIST_LENGTH));
    }
    list
}

/// Whether a duration of zero makes sense for a value.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zero {
    Allowed,
    Refused,
}
