//! Diagnostics: one problem in a scenario file, with its place, and their compiler-like rendering.
//!
//! Whatever a file contains, a diagnostic stays small and safe to print: control and invisible
//! characters are escaped (`\u{200b}`), messages are capped in length, and the quoted source
//! line is a window of at most [`SNIPPET_WIDTH`] characters around the problem. A list of
//! diagnostics prints the first [`SHOWN_DIAGNOSTICS`] and counts the rest.

use std::fmt;

use crate::source::{Location, SourceFile};

/// How many diagnostics a list prints before "and N more problems".
pub const SHOWN_DIAGNOSTICS: usize = 50;

/// The most characters of a source line quoted in one diagnostic (escapes count their width).
pub const SNIPPET_WIDTH: usize = 100;

/// Characters of context quoted before the problem when the line must be cut.
const SNIPPET_CONTEXT_BEFORE: usize = 30;

/// The most characters of a message, label or help line; longer text ends in `…`.
const MAXIMUM_TEXT_LENGTH: usize = 400;

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
    /// Invisible characters are escaped and a long line is cut to a window around the
    /// problem, marked with `…` where text was left out.
    pub source_line: String,
    /// Where the underline starts in `source_line`, in characters from its start.
    pub snippet_offset: usize,
    /// How many characters of `source_line` to underline, starting at `snippet_offset`.
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
            file: shown_text(file),
            line: 0,
            column: 0,
            message: shown_text(&message.into()),
            source_line: String::new(),
            snippet_offset: 0,
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
        let snippet = Snippet::around(file, line, location);
        Diagnostic {
            file: shown_text(&file.name),
            line,
            column,
            message: shown_text(&message),
            source_line: snippet.text,
            snippet_offset: snippet.offset,
            underline_length: snippet.underline_length,
            label: shown_text(&label.into()),
            help: None,
        }
    }

    /// The same diagnostic with a help line.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(shown_text(&help.into()));
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
        if self.line == 0 {
            // No place in the file (a missing or unreadable file): the file alone, without a
            // line and column that do not exist.
            writeln!(formatter, "error: {}", self.message)?;
            writeln!(formatter, " --> {}", self.file)?;
            if !self.label.is_empty() {
                writeln!(formatter, "  = {}", self.label)?;
            }
            if let Some(help) = &self.help {
                writeln!(formatter, "  = help: {help}")?;
            }
            return Ok(());
        }
        writeln!(formatter, "error: {}", self.message)?;
        let gutter_width = self.line.to_string().len();
        let pad = " ".repeat(gutter_width);
        writeln!(
            formatter,
            "{pad}--> {}:{}:{}",
            self.file, self.line, self.column
        )?;
        writeln!(formatter, "{pad} |")?;
        writeln!(formatter, "{} | {}", self.line, self.source_line)?;
        let indent = " ".repeat(self.snippet_offset);
        let carets = "^".repeat(self.underline_length.max(1));
        if self.label.is_empty() {
            writeln!(formatter, "{pad} | {indent}{carets}")?;
        } else {
            writeln!(formatter, "{pad} | {indent}{carets} {}", self.label)?;
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
        for (index, diagnostic) in self.0.iter().take(SHOWN_DIAGNOSTICS).enumerate() {
            if index > 0 {
                writeln!(formatter)?;
            }
            write!(formatter, "{diagnostic}")?;
        }
        let hidden = self.0.len().saturating_sub(SHOWN_DIAGNOSTICS);
        if hidden > 0 {
            writeln!(formatter)?;
            let noun = if hidden == 1 { "problem" } else { "problems" };
            writeln!(formatter, "... and {hidden} more {noun}")?;
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
                if diagnostic.line == 0 {
                    format!("{}: {}", diagnostic.file, diagnostic.message)
                } else {
                    format!(
                        "{}:{}:{}: {}",
                        diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.message
                    )
                }
            })
            .collect()
    }
}

/// The escaped form of one character, or `None` when it prints as itself: control characters
/// (tab included), and invisible or direction-changing ones (zero-width spaces and joiners,
/// bidirectional marks and overrides, the byte order mark, soft hyphens, line and paragraph
/// separators, private-use and unassigned-looking format characters) become `\u{...}`.
fn escaped(character: char) -> Option<String> {
    relaunch_core::text::is_hostile(character).then(|| character.escape_unicode().to_string())
}

/// `text` with control and invisible characters escaped, cut to [`MAXIMUM_TEXT_LENGTH`]
/// characters (ending in `…` when cut). Every text shown in a diagnostic goes through here.
pub(crate) fn shown_text(text: &str) -> String {
    let mut shown = String::new();
    let mut length = 0;
    for character in text.chars() {
        let piece = escaped(character);
        let width = piece.as_ref().map_or(1, String::len);
        if length + width > MAXIMUM_TEXT_LENGTH {
            shown.push('…');
            break;
        }
        match piece {
            Some(piece) => shown.push_str(&piece),
            None => shown.push(character),
        }
        length += width;
    }
    shown
}

/// The quoted part of a source line and where the underline goes in it.
struct Snippet {
    text: String,
    offset: usize,
    underline_length: usize,
}

impl Snippet {
    /// At most [`SNIPPET_WIDTH`] characters of line `line` around `location`, escaped. The work
    /// done is bounded by the snippet's width, not by the line's length.
    fn around(file: &SourceFile, line: usize, location: &Location) -> Snippet {
        let (line_start, line_end) = file.line_bounds(line);
        let start = file.clamp_to_char_boundary(location.span.start.clamp(line_start, line_end));
        let span_end = file.clamp_to_char_boundary(location.span.end.clamp(start, line_end));
        // Up to SNIPPET_CONTEXT_BEFORE characters before the problem, walking back from it.
        let mut window_start = start;
        for (taken, (index, _)) in file.text[line_start..start]
            .char_indices()
            .rev()
            .enumerate()
        {
            if taken >= SNIPPET_CONTEXT_BEFORE {
                break;
            }
            window_start = line_start + index;
        }
        let mut snippet = Snippet {
            text: String::new(),
            offset: 0,
            underline_length: 0,
        };
        let mut width = 0;
        if window_start > line_start {
            snippet.text.push('…');
            width += 1;
        }
        let mut cut = false;
        for (index, character) in file.text[window_start..line_end].char_indices() {
            let at = window_start + index;
            let piece = if character == '\t' {
                " ".to_string()
            } else {
                escaped(character).unwrap_or_else(|| character.to_string())
            };
            let piece_width = piece.chars().count();
            if width + piece_width > SNIPPET_WIDTH {
                cut = true;
                break;
            }
            if at == start {
                snippet.offset = width;
            }
            if at >= start && at < span_end {
                snippet.underline_length += piece_width;
            }
            snippet.text.push_str(&piece);
            width += piece_width;
        }
        if start >= line_end {
            snippet.offset = width;
        }
        if cut {
            snippet.text.push('…');
        }
        snippet.underline_length = snippet.underline_length.max(1);
        snippet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_control_characters_are_escaped() {
        assert_eq!(shown_text("a\u{200b}b"), "a\\u{200b}b");
        assert_eq!(shown_text("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(shown_text("naïve café"), "naïve café");
        let long = "x".repeat(1_000);
        assert_eq!(shown_text(&long).chars().count(), MAXIMUM_TEXT_LENGTH + 1);
    }

    #[test]
    fn a_long_line_is_quoted_as_a_window_around_the_problem() {
        let line = format!("key = [{}\"bad\"]", "1, ".repeat(10_000));
        let file = SourceFile::new("a.toml".into(), line.clone());
        let start = line.find("\"bad\"").unwrap();
        let diagnostic = Diagnostic::at(
            &[file],
            &Location::new(0, start..start + 5),
            "message",
            "label",
        );
        assert_eq!(diagnostic.column, start + 1);
        assert!(diagnostic.source_line.chars().count() <= SNIPPET_WIDTH + 2);
        assert!(diagnostic.source_line.starts_with('…'));
        let underlined: String = diagnostic
            .source_line
            .chars()
            .skip(diagnostic.snippet_offset)
            .take(diagnostic.underline_length)
            .collect();
        assert_eq!(underlined, "\"bad\"");
    }
}
