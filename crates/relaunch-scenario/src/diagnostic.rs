//! Diagnostics: one problem in a scenario file, with its place, and their compiler-like rendering.

use std::fmt;

use crate::source::{Location, SourceFile};

/// One problem found in a scenario file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file the problem is in, as the user (or an `extends`) named it.
    pub file: String,
    /// 1-based line and column (columns count characters); 0 when the problem has no place
    /// (a missing or unreadable file).
    pub line: usize,
    pub column: usize,
    /// What is wrong, in one line.
    pub message: String,
    /// The source line the problem is on, without its line break; empty when there is none.
    pub source_line: String,
    /// How many characters of `source_line` to underline, starting at `column`.
    pub underline_length: usize,
    /// The text written beside the underline: what was expected, or a suggestion.
    pub label: String,
    /// An optional longer hint shown below the snippet.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic without a place in the file (line and column 0).
    pub(crate) fn without_place(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: String::new(),
            underline_length: 0,
            label: String::new(),
            help: None,
        }
    }

    /// A diagnostic at `location` in one of `files`.
    pub(crate) fn at(
        files: &[SourceFile],
        location: &Location,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Diagnostic {
        let message = message.into();
        let Some(file) = files.get(location.file_index) else {
            return Diagnostic::without_place("<unknown file>", message);
        };
        let (line, column) = file.line_and_column(location.span.start);
        let source_line = file.line_text(line).replace('\t', " ");
        let characters_left_on_line = source_line.chars().count().saturating_sub(column - 1);
        let span_characters = file.span_text(&location.span).chars().count();
        let underline_length = span_characters.clamp(1, characters_left_on_line.max(1));
        Diagnostic {
            file: file.name.clone(),
            line,
            column,
            message,
            source_line,
            underline_length,
            label: label.into(),
            help: None,
        }
    }

    /// The same diagnostic with a help line.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// Renders like a compiler:
    ///
    /// ```text
    /// error: unknown key `cycel` in [[station]] "trim-1"
    ///   --> examples/bad.toml:12:1
    ///    |
    /// 12 | cycel = "5min"
    ///    | ^^^^^ did you mean `cycle`?
    /// ```
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(formatter, "error: {}", self.message)?;
        let gutter_width = self.line.to_string().len();
        let pad = " ".repeat(gutter_width);
        writeln!(
            formatter,
            "{pad}--> {}:{}:{}",
            self.file, self.line, self.column
        )?;
        if self.line > 0 {
            writeln!(formatter, "{pad} |")?;
            writeln!(formatter, "{} | {}", self.line, self.source_line)?;
            let indent = " ".repeat(self.column.saturating_sub(1));
            let carets = "^".repeat(self.underline_length.max(1));
            if self.label.is_empty() {
                writeln!(formatter, "{pad} | {indent}{carets}")?;
            } else {
                writeln!(formatter, "{pad} | {indent}{carets} {}", self.label)?;
            }
        } else if !self.label.is_empty() {
            writeln!(formatter, "{pad} = {}", self.label)?;
        }
        if let Some(help) = &self.help {
            writeln!(formatter, "{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(formatter)?;
            }
            write!(formatter, "{diagnostic}")?;
        }
        if self.0.len() > 1 {
            writeln!(formatter)?;
            writeln!(formatter, "{} problems found", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl Diagnostics {
    /// The problems as `file:line:column: message` lines, one per diagnostic (for logs and tests).
    pub fn short_lines(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|diagnostic| {
                format!(
                    "{}:{}:{}: {}",
                    diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.message
                )
            })
            .collect()
    }
}
