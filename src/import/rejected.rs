//! The rows an import kept out (`--rejected`, the app's "save the rows with errors"):
//! each with its fields as read and its errors, and the CSV they are written to
//! (real-files.md "Keep the good rows, lose nothing").

use super::{needs_formula_prefix, Parsed, RowError};

/// A row kept out of the import, with its fields as read and its errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub line: usize,
    pub fields: Vec<String>,
    pub errors: Vec<RowError>,
}

impl Rejected {
    /// Its errors as one text, `; ` between them (the `errors` column).
    pub fn messages(&self) -> String {
        self.errors
            .iter()
            .map(|e| {
                let value = if e.value.is_empty() { "empty" } else { e.value.as_str() };
                format!("column {}: {} ({value})", e.column, e.message)
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Writes the rows an import kept out ([`super::ImportOptions::keep_going`]) as CSV
/// (real-files.md "Keep the good rows"): the file's header as read plus a last column
/// `errors`, each row's fields as read and its messages joined by `; `, formula-safe
/// like every CSV Mille writes. Used by `mille import --rejected` and the app.
pub fn write_rejected(parsed: &Parsed, out: impl std::io::Write) -> std::io::Result<()> {
    let mut csv = ::csv::WriterBuilder::new().flexible(true).from_writer(out);
    let safe = |t: &str| -> String {
        if needs_formula_prefix(t) {
            format!("'{t}")
        } else {
            t.to_string()
        }
    };
    let mut header: Vec<String> = parsed.header.iter().map(|h| safe(h)).collect();
    header.push("errors".into());
    csv.write_record(&header)?;
    for r in &parsed.rejected {
        let mut row: Vec<String> = r.fields.iter().map(|f| safe(f)).collect();
        row.push(safe(&r.messages()));
        csv.write_record(&row)?;
    }
    csv.flush()
}
