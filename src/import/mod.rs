//! Reading campaign files (csv-format.md): CSV in any of the encodings and delimiters
//! spreadsheets write, and spreadsheets themselves (xlsx, xlsm, xlsb, xls, ods). Pure:
//! bytes or a path in, validated [`PostData`] rows out, or every error with its line
//! and column. Storing the rows (duplicates, all-or-nothing) is the store's job
//! (`Store::import_posts`).
//!
//! - [`headers`]: which file column is which Mille column;
//! - [`values`]: single values (dates, counts, money, fx rates, ...), also used by the
//!   CLI's `posts add` / `posts edit` flags;
//! - `csv`: decoding, delimiter detection, records and their line numbers;
//! - `sheet`: spreadsheets through calamine;
//! - `rows`: one row of text cells to a [`PostData`], shared by both readers.

pub mod headers;
pub mod platform;
pub mod values;

mod csv;
mod rows;
mod sheet;

use crate::model::PostData;
use serde::Serialize;
use std::fmt;
use std::path::Path;

pub use headers::Column;
pub use values::{
    needs_formula_prefix, parse_count, parse_currency, parse_date, parse_fee, parse_format, parse_fx_rate,
    parse_platform, resolve_fx_rate, strip_formula_prefix, Convention, ValueError,
};

/// How many errors a refused import keeps (all are counted in `total`).
pub const MAX_STORED_ERRORS: usize = 10_000;

/// What the import needs besides the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The profile's base currency (`USD` until the user sets one).
    pub base_currency: String,
    /// `--map 'Their header=column'`, as (their header, column) pairs; an empty column
    /// ignores that header.
    pub maps: Vec<(String, String)>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { base_currency: "USD".to_string(), maps: Vec::new() }
    }
}

impl ImportOptions {
    /// Options with this base currency and no `--map`.
    pub fn with_base(base_currency: &str) -> ImportOptions {
        ImportOptions { base_currency: base_currency.to_string(), maps: Vec::new() }
    }
}

/// Reads one `--map` argument, `Their header=column` (split at the last `=`).
pub fn parse_map(arg: &str) -> Result<(String, String), ValueError> {
    match arg.rsplit_once('=') {
        Some((h, c)) if !h.trim().is_empty() => Ok((h.trim().to_string(), c.trim().to_string())),
        _ => Err(ValueError::new("--map is written 'Their header=column'", arg)),
    }
}

/// A file read without errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The rows, in file order.
    pub rows: Vec<ParsedRow>,
    /// Things the user should know that did not stop the import (ignored columns, the
    /// file read as Windows-1252, ...).
    pub warnings: Vec<String>,
    /// Which header was read as which column: (header as written, column), file order.
    pub mapping: Vec<(String, String)>,
}

impl Parsed {
    /// The posts alone, for `Store::import_posts`.
    pub fn posts(&self) -> Vec<PostData> {
        self.rows.iter().map(|r| r.post.clone()).collect()
    }

    /// The posts alone, consuming the result.
    pub fn into_posts(self) -> Vec<PostData> {
        self.rows.into_iter().map(|r| r.post).collect()
    }
}

/// One row of the file, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRow {
    /// The line in the file where the row starts (1 = the header); in a spreadsheet,
    /// its row number.
    pub line: usize,
    pub post: PostData,
}

/// One problem in a file: where (line, and the column's header as written) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub line: usize,
    pub column: String,
    pub message: String,
    pub value: String,
}

impl fmt::Display for RowError {
    /// `line 3, column Fee: could be read as 1.250 or 1250; ... (1.250)`; an empty
    /// value shows as `(empty)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = if self.value.is_empty() { "empty" } else { self.value.as_str() };
        write!(f, "line {}, column {}: {} ({})", self.line, self.column, self.message, value)
    }
}

/// Why a file gave no rows.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file was read but has errors: nothing may be imported. `errors` holds the
    /// first [`MAX_STORED_ERRORS`] in line order, `total` counts them all.
    #[error("{}", refused_sentence(.errors, *.total))]
    Refused { errors: Vec<RowError>, total: usize },
    /// The file could not be read at all.
    #[error("cannot read {path}: {why}")]
    Unreadable { path: String, why: String },
}

fn refused_sentence(errors: &[RowError], total: usize) -> String {
    match errors.first() {
        None => format!("the file has {total} errors and nothing was imported"),
        Some(first) if total <= 1 => format!("nothing was imported: {first}"),
        Some(first) if total == 2 => format!("nothing was imported: {first}, and 1 more error"),
        Some(first) => format!("nothing was imported: {first}, and {} more errors", total - 1),
    }
}

/// Errors of one file as they are found: all counted, the first
/// [`MAX_STORED_ERRORS`] kept.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub errors: Vec<RowError>,
    pub total: usize,
}

impl Sink {
    pub fn push(&mut self, e: RowError) {
        self.total += 1;
        if self.errors.len() < MAX_STORED_ERRORS {
            self.errors.push(e);
        }
    }

    /// The result of a whole file: its rows, or every error.
    pub fn finish(self, parsed: Parsed) -> Result<Parsed, ImportError> {
        if self.total == 0 {
            Ok(parsed)
        } else {
            Err(ImportError::Refused { errors: self.errors, total: self.total })
        }
    }
}

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while this thread runs a third-party reader under a panic guard (see
/// [`guarded`]): a panic hook should stay quiet then, since the panic is caught and
/// becomes an [`ImportError`] the user reads as one sentence.
pub fn panic_is_guarded() -> bool {
    GUARDED.with(|g| g.get())
}

/// Runs `f`, turning a panic into `None`. Used around calamine, which reads untrusted
/// bytes; Mille's own code is not guarded (the fuzz targets must see its panics).
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    let was = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    GUARDED.with(|g| g.set(was));
    result
}

/// Reads a campaign file, choosing the reader by extension: `.xlsx`, `.xlsm`, `.xlsb`,
/// `.xls`, `.ods` as a spreadsheet; anything else (`.csv`, `.tsv`, `.txt`, none) as CSV.
pub fn read_path(path: &Path, opts: &ImportOptions) -> Result<Parsed, ImportError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
        return sheet::read_path(path, opts);
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ImportError::Unreadable { path: path.display().to_string(), why: e.to_string() })?;
    read_csv(&bytes, opts)
}

/// Reads a campaign CSV from its bytes (csv-format.md): encoding, delimiter, header,
/// every row. Any error refuses the whole file, with every error listed.
pub fn read_csv(bytes: &[u8], opts: &ImportOptions) -> Result<Parsed, ImportError> {
    csv::read(bytes, opts)
}

/// Reads a spreadsheet (xlsx, xlsm, xlsb, xls or ods) from its bytes, as
/// [`read_path`] does for a file.
pub fn read_spreadsheet(bytes: &[u8], opts: &ImportOptions) -> Result<Parsed, ImportError> {
    sheet::read_bytes(bytes, opts)
}

/// Reads `path` as a platform analytics export (real-files.md §2) when it is one:
/// `Ok(None)` for anything else (a tracker), an error for another analytics export
/// (LinkedIn, X, …) or an unreadable file. See [`platform`].
pub fn read_platform_export(
    path: &Path,
) -> Result<Option<(platform::Source, Vec<platform::ExportRow>)>, platform::ExportError> {
    platform::read_path(path)
}
