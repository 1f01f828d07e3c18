//! Source files kept in memory so byte offsets can be turned into lines, columns and snippets.

use std::ops::Range;

/// Index of a file in the list of files read for one scenario (0 is the file the user named).
pub(crate) type FileIndex = usize;

/// A place in one of the files: the file and a byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    pub file_index: FileIndex,
    pub span: Range<usize>,
}

impl Location {
    pub(crate) fn new(file_index: FileIndex, span: Range<usize>) -> Location {
        Location { file_index, span }
    }
}

/// One file's name (as the user or an `extends` named it) and its text.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    pub name: String,
    pub text: String,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
    /// UTF-8 continuation bytes in the text before each multiple of [`BLOCK`] bytes, so that
    /// a column is found in constant time however long its line is.
    continuation_bytes_before_block: Vec<usize>,
}

/// The block size of the continuation-byte index.
const BLOCK: usize = 256;

fn is_continuation_byte(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

impl SourceFile {
    pub(crate) fn new(name: String, text: String) -> SourceFile {
        let mut line_starts = vec![0];
        let mut continuation_bytes_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut continuation_bytes = 0;
        for (offset, byte) in text.bytes().enumerate() {
            if offset % BLOCK == 0 {
                continuation_bytes_before_block.push(continuation_bytes);
            }
            if byte == b'\n' {
                line_starts.push(offset + 1);
            }
            if is_continuation_byte(byte) {
                continuation_bytes += 1;
            }
        }
        continuation_bytes_before_block.push(continuation_bytes);
        SourceFile {
            name,
            text,
            line_starts,
            continuation_bytes_before_block,
        }
    }

    /// The 1-based line and column (counted in characters) of a byte offset.
    pub(crate) fn line_and_column(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp_to_char_boundary(offset);
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(index) => index,
            Err(index) => index.saturating_sub(1),
        };
        let line_start = self.line_starts[line_index];
        let column = self.characters_before(offset) - self.characters_before(line_start) + 1;
        (line_index + 1, column)
    }

    /// Characters in the text before byte `offset` (a character boundary).
    fn characters_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let block_start = block * BLOCK;
        let continuation_bytes = self.continuation_bytes_before_block[block]
            + self.text.as_bytes()[block_start..offset]
                .iter()
                .filter(|byte| is_continuation_byte(**byte))
                .count();
        offset - continuation_bytes
    }

    /// The byte range of a 1-based line without its line break.
    pub(crate) fn line_bounds(&self, line_number: usize) -> (usize, usize) {
        let Some(&start) = self.line_starts.get(line_number.saturating_sub(1)) else {
            return (self.text.len(), self.text.len());
        };
        let end = self
            .line_starts
            .get(line_number)
            .copied()
            .unwrap_or(self.text.len());
        let line = self.text[start..end].trim_end_matches(['\n', '\r']);
        (start, start + line.len())
    }

    /// The text of a 1-based line without its line break.
    #[cfg(test)]
    pub(crate) fn line_text(&self, line_number: usize) -> &str {
        let (start, end) = self.line_bounds(line_number);
        &self.text[start..end]
    }

    /// The text of a span, clamped to the file.
    pub(crate) fn span_text(&self, span: &Range<usize>) -> &str {
        let start = self.clamp_to_char_boundary(span.start);
        let end = self.clamp_to_char_boundary(span.end.max(start));
        &self.text[start..end]
    }

    pub(crate) fn clamp_to_char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let file = SourceFile::new("a.toml".into(), "ab\nçd = 1\n".into());
        assert_eq!(file.line_and_column(0), (1, 1));
        assert_eq!(file.line_and_column(3), (2, 1));
        assert_eq!(file.line_and_column(5), (2, 2));
        assert_eq!(file.line_text(2), "çd = 1");
        assert_eq!(file.line_text(9), "");
        assert_eq!(file.line_and_column(1000), (3, 1));
    }

    #[test]
    fn columns_on_a_long_line_with_multibyte_characters() {
        let text = format!("{}x", "é".repeat(1_000));
        let file = SourceFile::new("a.toml".into(), text.clone());
        assert_eq!(file.line_and_column(text.len() - 1), (1, 1_001));
        assert_eq!(file.line_and_column(600), (1, 301));
    }
}
