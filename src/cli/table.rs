//! Aligned plain-text tables for the human output of the CLI: every table the CLI
//! prints (posts, report, proposals, backups) is one [`Table`], padded by terminal
//! columns so East Asian wide characters and emoji keep the columns aligned.

use unicode_width::UnicodeWidthStr;

/// How a column is aligned.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table built row by row and rendered with every column padded to its widest cell.
pub struct Table {
    headers: Vec<String>,
    aligns: Vec<Align>,
    rows: Vec<Line>,
}

/// One line under the header: cells, or a rule across the whole table.
enum Line {
    Cells(Vec<String>),
    Rule,
}

/// The columns `text` takes in a terminal: 2 for a wide character (CJK, Hangul,
/// full-width forms, most emoji), 0 for a combining or zero-width mark, else 1.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

impl Table {
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            aligns: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(Line::Cells(cells));
    }

    /// A rule (`─`) as wide as the table, under what is there so far (the header when
    /// no row has been added yet).
    pub fn rule(&mut self) {
        self.rows.push(Line::Rule);
    }

    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            let Line::Cells(row) = row else { continue };
            for (i, cell) in row.iter().enumerate().take(widths.len()) {
                widths[i] = widths[i].max(width(cell));
            }
        }
        let mut out = String::new();
        let line = |cells: &[String], out: &mut String| {
            let mut parts = Vec::with_capacity(cells.len());
            for (i, cell) in cells.iter().enumerate().take(widths.len()) {
                let pad = widths[i] - width(cell);
                let last = i + 1 == widths.len();
                parts.push(match self.aligns[i] {
                    Align::Right => format!("{}{}", " ".repeat(pad), cell),
                    Align::Left if last => cell.clone(),
                    Align::Left => format!("{}{}", cell, " ".repeat(pad)),
                });
            }
            out.push_str(parts.join("  ").trim_end());
            out.push('\n');
        };
        line(&self.headers, &mut out);
        for row in &self.rows {
            match row {
                Line::Cells(cells) => line(cells, &mut out),
                Line::Rule => {
                    let across = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
                    out.push_str(&"─".repeat(across));
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// Cuts a cell to `max` characters with an ellipsis, so one long brand or note does not
/// stretch a table (the JSON output always carries the full text).
pub fn clip(text: &str, max: usize) -> String {
    let one_line: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut s: String = one_line.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}
