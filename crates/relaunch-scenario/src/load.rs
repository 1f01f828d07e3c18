//! Reading scenario files: bytes to text, text to the spanned tree, and `extends` resolution
//! with cycle detection and the merge of a variant over its base.
//!
//! Merge rules (a variant, the "child", over its base):
//! - Tables merge key by key, recursively: a key the child sets replaces the base's value, keys
//!   the child does not mention keep the base's value.
//! - Arrays, including arrays of tables such as `[[station]]`, `[[product]]` or
//!   `[[localization.item]]`, are replaced wholesale by the child's array.
//! - A distribution (a table with a `dist` key) in the child replaces the base's value whole.
//! - In `[release]`, setting one of `plan`, `arrivals` or `saturated` drops the other two from
//!   the base; in `[calendar]`, setting `always_on` replaces the base's calendar whole; in
//!   `[learning]`, setting `model` drops the base's `prior_units` and `incompressible`.
//! - A child cannot delete a base key.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use toml::de::DeTable;

use crate::diagnostic::Diagnostic;
use crate::overrides::Overrides;
use crate::source::{FileIndex, Location, SourceFile};
use crate::tree::{Entry, Node, Table, Value, table_from_toml};

/// The deepest chain of `extends` followed before giving up.
const MAXIMUM_EXTENDS_DEPTH: usize = 32;

/// The most syntax errors reported for one file (the rest are usually follow-on errors).
const MAXIMUM_SYNTAX_ERRORS_PER_FILE: usize = 20;

/// The largest scenario file read (16 MiB): a scenario is a few kilobytes of text.
pub(crate) const MAXIMUM_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a scenario or base file: it must be a regular file (not a directory, FIFO, socket or
/// device, which are refused before they are opened, so reading never blocks or runs forever)
/// of at most [`MAXIMUM_FILE_BYTES`]. The error is a sentence for "cannot read ...: {error}".
fn read_scenario_bytes(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;

    let metadata = std::fs::metadata(path).map_err(|error| error.to_string())?;
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return Err("it is a directory, not a file".to_string());
    }
    if !file_type.is_file() {
        return Err("it is not a regular file (a FIFO, socket or device is not read)".to_string());
    }
    if metadata.len() > MAXIMUM_FILE_BYTES {
        return Err(format!(
            "it is {} bytes, over the limit of {MAXIMUM_FILE_BYTES} bytes (16 MiB)",
            metadata.len()
        ));
    }
    let file = std::fs::File::open(path).map_err(|error| error.to_string())?;
    // The file may have grown since its size was read: never read past the limit.
    let mut bytes = Vec::new();
    file.take(MAXIMUM_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| error.to_string())?;
    if bytes.len() as u64 > MAXIMUM_FILE_BYTES {
        return Err(format!(
            "it is over the limit of {MAXIMUM_FILE_BYTES} bytes (16 MiB)"
        ));
    }
    Ok(bytes)
}

/// Everything read for one scenario: the files, the merged tree (when every file parsed) and
/// the problems found so far.
pub(crate) struct LoadedDocument {
    pub files: Vec<SourceFile>,
    pub root: Option<Table>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the scenario at `path` and every base it extends.
pub(crate) fn load_path(path: &Path) -> LoadedDocument {
    load_path_with(path, &Overrides::default())
}

/// Reads the scenario at `path` and every base it extends, then merges `overrides` over it.
pub(crate) fn load_path_with(path: &Path, overrides: &Overrides) -> LoadedDocument {
    let mut loader = Loader::default();
    let name = path.display().to_string();
    let root = match read_scenario_bytes(path) {
        Ok(bytes) => loader.add_file(name, &bytes).and_then(|file_index| {
            let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            loader.parse_with_bases(file_index, path, &mut vec![identity])
        }),
        Err(error) => {
            loader.diagnostics.push(Diagnostic::without_place(
                &name,
                format!("cannot read the scenario: {error}"),
            ));
            None
        }
    };
    let root = root.and_then(|mut root| {
        let before = loader.diagnostics.len();
        crate::overrides::apply(
            &mut root,
            overrides,
            &mut loader.files,
            &mut loader.diagnostics,
        );
        (loader.diagnostics.len() == before).then_some(root)
    });
    loader.finish(root)
}

/// Reads a scenario given as text; an `extends` in it resolves relative to the directory of
/// `file_name` (the current directory for a bare name).
pub(crate) fn load_text(file_name: &str, text: &str) -> LoadedDocument {
    let mut loader = Loader::default();
    let path = Path::new(file_name);
    let root = loader
        .add_file(file_name.to_string(), text.as_bytes())
        .and_then(|file_index| {
            let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            loader.parse_with_bases(file_index, path, &mut vec![identity])
        });
    loader.finish(root)
}

#[derive(Default)]
struct Loader {
    files: Vec<SourceFile>,
    diagnostics: Vec<Diagnostic>,
}

impl Loader {
    fn finish(self, root: Option<Table>) -> LoadedDocument {
        LoadedDocument {
            files: self.files,
            root,
            diagnostics: self.diagnostics,
        }
    }

    /// Keeps a file's text; refuses text that is not UTF-8, pointing at the first bad byte.
    fn add_file(&mut self, name: String, bytes: &[u8]) -> Option<FileIndex> {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                self.files.push(SourceFile::new(name, text.to_string()));
                Some(self.files.len() - 1)
            }
            Err(error) => {
                let valid_prefix_length = error.valid_up_to();
                let valid_prefix =
                    String::from_utf8_lossy(&bytes[..valid_prefix_length]).into_owned();
                let bad_byte = bytes[valid_prefix_length];
                self.files.push(SourceFile::new(name, valid_prefix));
                let file_index = self.files.len() - 1;
                let location = Location::new(file_index, valid_prefix_length..valid_prefix_length);
                let diagnostic = Diagnostic::at(
                    &self.files,
                    &location,
                    format!("the file is not UTF-8 text (byte 0x{bad_byte:02x} at byte offset {valid_prefix_length})"),
                    "the text stops being UTF-8 here",
                )
                .with_help("save the scenario as UTF-8");
                self.diagnostics.push(diagnostic);
                None
            }
        }
    }

    fn error(&mut self, location: &Location, message: String, label: String) {
        let diagnostic = Diagnostic::at(&self.files, location, message, label);
        self.diagnostics.push(diagnostic);
    }

    /// Parses file `file_index` (read from `path`) and, if it has `extends`, its bases, and
    /// returns the merged tree. `chain` holds the canonical paths of the files that extend
    /// this one (and this one), to detect cycles.
    fn parse_with_bases(
        &mut self,
        file_index: FileIndex,
        path: &Path,
        chain: &mut Vec<PathBuf>,
    ) -> Option<Table> {
        let mut table = self.parse_one(file_index)?;
        let Some(extends_entry) = table.remove("extends") else {
            return Some(table);
        };
        let extends_location = extends_entry.value.location.clone();
        let Value::String(base_relative) = &extends_entry.value.value else {
            self.error(
                &extends_location,
                format!(
                    "`extends` must be a path string, found {}",
                    extends_entry.value.value.kind_name()
                ),
                "expected a file name like \"base.toml\"".to_string(),
            );
            return None;
        };
        let directory = path.parent().unwrap_or(Path::new(""));
        let base_path = directory.join(base_relative);
        let base_name = base_path.display().to_string();
        if chain.len() >= MAXIMUM_EXTENDS_DEPTH {
            self.error(
                &extends_location,
                format!("`extends` chain is deeper than {MAXIMUM_EXTENDS_DEPTH} files"),
                "stopped following `extends` here".to_string(),
            );
            return None;
        }
        let base_identity = match std::fs::canonicalize(&base_path) {
            Ok(identity) => identity,
            Err(error) => {
                self.error(
                    &extends_location,
                    format!("cannot read the base scenario `{base_name}`: {error}"),
                    "this base file is missing".to_string(),
                );
                return None;
            }
        };
        if let Some(cycle_start) = chain.iter().position(|seen| *seen == base_identity) {
            let mut cycle_names: Vec<String> = chain[cycle_start..]
                .iter()
                .map(|seen| file_name_of(seen))
                .collect();
            cycle_names.push(file_name_of(&base_identity));
            self.error(
                &extends_location,
                format!("`extends` makes a cycle: {}", cycle_names.join(" -> ")),
                "this file is already being extended".to_string(),
            );
            return None;
        }
        let bytes = match read_scenario_bytes(&base_identity) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.error(
                    &extends_location,
                    format!("cannot read the base scenario `{base_name}`: {error}"),
                    "this base file cannot be read".to_string(),
                );
                return None;
            }
        };
        let base_index = self.add_file(base_name, &bytes)?;
        chain.push(base_identity);
        let base_table = self.parse_with_bases(base_index, &base_path, chain);
        chain.pop();
        Some(merge_tables(base_table?, table, &[]))
    }

    /// Parses one file into the tree, reporting syntax errors and empty files.
    fn parse_one(&mut self, file_index: FileIndex) -> Option<Table> {
        let text = self.files[file_index].text.clone();
        let start_of_file = Location::new(file_index, 0..0);
        if text.trim().is_empty() {
            self.error(
                &start_of_file,
                "the file is empty; a scenario needs at least [scenario]".to_string(),
                "nothing here".to_string(),
            );
            return None;
        }
        let (parsed, errors) = DeTable::parse_recoverable(&text);
        if !errors.is_empty() {
            let mut seen_spans = Vec::new();
            for error in errors {
                let span = error.span().unwrap_or(0..0);
                if seen_spans.contains(&span) {
                    continue;
                }
                seen_spans.push(span.clone());
                if seen_spans.len() > MAXIMUM_SYNTAX_ERRORS_PER_FILE {
                    break;
                }
                let message = error.message().trim().replace('\n', " ");
                self.error(
                    &Location::new(file_index, span),
                    format!("TOML syntax error: {message}"),
                    "the TOML is not valid here".to_string(),
                );
            }
            return None;
        }
        let table = table_from_toml(file_index, parsed.get_ref());
        if table.entries.is_empty() {
            self.error(
                &start_of_file,
                "the file is empty; a scenario needs at least [scenario]".to_string(),
                "only comments here".to_string(),
            );
            return None;
        }
        Some(table)
    }
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Keys that, when the child sets any of them in the table at a path, drop the listed keys
/// from the base's table before merging.
const EXCLUSIVE_KEYS: [(&str, &[&str], &[&str]); 2] = [
    (
        "release",
        &["plan", "arrivals", "saturated"],
        &["plan", "arrivals", "saturated"],
    ),
    ("learning", &["model"], &["prior_units", "incompressible"]),
];

/// Merges `child` over `base` by the rules in this module's documentation.
pub(crate) fn merge_tables(mut base: Table, child: Table, path: &[&str]) -> Table {
    if let [table_name] = path {
        for (name, triggers, dropped) in EXCLUSIVE_KEYS {
            if *table_name == name && triggers.iter().any(|key| child.get(key).is_some()) {
                base.entries
                    .retain(|entry| !dropped.contains(&entry.key.as_str()));
            }
        }
    }
    // Keys are unique in a parsed table, so an index by key keeps the merge linear.
    let mut positions: HashMap<String, usize> = base
        .entries
        .iter()
        .enumerate()
        .map(|(position, entry)| (entry.key.clone(), position))
        .collect();
    let mut merged: Vec<Option<Entry>> = base.entries.into_iter().map(Some).collect();
    for child_entry in child.entries {
        match positions.get(&child_entry.key) {
            Some(&position) => {
                let base_entry = merged[position].take();
                merged[position] = Some(match base_entry {
                    Some(base_entry) => merge_entry(base_entry, child_entry, path),
                    None => child_entry,
                });
            }
            None => {
                positions.insert(child_entry.key.clone(), merged.len());
                merged.push(Some(child_entry));
            }
        }
    }
    base.entries = merged.into_iter().flatten().collect();
    base
}

fn merge_entry(base_entry: Entry, child_entry: Entry, path: &[&str]) -> Entry {
    let replaces_whole = path.is_empty()
        && child_entry.key == "calendar"
        && matches!(&child_entry.value.value, Value::Table(table) if table.get("always_on").is_some());
    match (base_entry.value.value, child_entry.value.value) {
        (Value::Table(base_table), Value::Table(child_table))
            if !replaces_whole && child_table.get("dist").is_none() =>
        {
            let mut child_path = path.to_vec();
            child_path.push(&child_entry.key);
            let merged = merge_tables(base_table, child_table, &child_path);
            Entry {
                key: child_entry.key,
                key_location: child_entry.key_location,
                value: Node {
                    value: Value::Table(merged),
                    location: child_entry.value.location,
                },
            }
        }
        (_, child_value) => Entry {
            key: child_entry.key,
            key_location: child_entry.key_location,
            value: Node {
                value: child_value,
                location: child_entry.value.location,
            },
        },
    }
}
