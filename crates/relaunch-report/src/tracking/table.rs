//! Aligned plain-text tables for the tracking documents: a header row, a rule, then the rows,
//! each column as wide as its widest cell; numbers right-aligned.

use crate::words::shown;

/// A table whose columns named in `right` are right-aligned.
pub(super) struct Table {
    header: Vec<String>,
    right: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Columns as `(title, right-aligned)`.
    pub(super) fn new(columns: &[(&str, bool)]) -> Table {
        Table {
            header: columns.iter().map(|c| c.0.to_string()).collect(),
            right: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
        }
    }

    /// A row; user text in it is shown with its invisible characters escaped.
    pub(super) fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.iter().map(|c| shown(c).into_owned()).collect());
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table, two spaces between columns, each line indented by two spaces.
    pub(super) fn render(&self, out: &mut String) {
        let n = self.header.len();
        let width = |i: usize| {
            std::iter::once(&self.header[i])
                .chain(self.rows.iter().filter_map(|r| r.get(i)))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..n).map(width).collect();
        let line = |cells: &[String], out: &mut String| {
            let mut text = String::from("  ");
            for (i, w) in widths.iter().enumerate() {
                let cell = cells.get(i).map_or("", |c| c.as_str());
                let pad = w - cell.chars().count().min(*w);
                if i > 0 {
                    text.push_str("  ");
                }
                if self.right[i] {
                    text.push_str(&" ".repeat(pad));
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    text.push_str(&" ".repeat(pad));
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&self.header, out);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(&rule, out);
        for row in &self.rows {
            line(row, out);
        }
    }
}
