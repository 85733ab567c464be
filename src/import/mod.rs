//! Reading campaign files (csv-format.md) and the files creators already keep
//! (real-files.md): CSV in any of the encodings and delimiters spreadsheets write,
//! spreadsheets themselves (xlsx, xlsm, xlsb, xls, ods), trackers in seven languages,
//! and the analytics exports of YouTube, Meta and TikTok. Pure: bytes or a path in,
//! validated [`PostData`] rows out (or handed on one by one, [`read_path_each`]), or
//! every error with its line and column. Storing the rows (duplicates,
//! all-or-nothing) is the store's job (`Store::begin_import`).
//!
//! - `sniff`: what a file is from its first bytes (a workbook, text, or an image…);
//! - `csv` / `sheet`: decoding and records of a CSV, or a sheet through calamine;
//! - [`headers`] (with its `aliases`): which file column is which Mille column;
//! - `table`: the rules every tracker shares: the first pass settles the number
//!   convention, the date order and payment columns; the second reads the rows,
//!   skipping blank and totals rows; a status ([`status`]) makes a row a post with a
//!   deal ([`RowDeal`]) or a deal without a post ([`DealRow`]);
//! - `rows`: one row of text cells to a [`PostData`] (or a [`DealRow`]);
//! - `rejected`: the rows kept out with `--rejected`, and their CSV;
//! - [`values`] and [`dates`]: single values (dates, counts, money, fx rates, ...),
//!   also used by the CLI's `posts add` / `posts edit` flags;
//! - [`platform`]: analytics exports that fill in the numbers of logged posts.
//!
//! Numbers (real-files.md): once a file's values settle its number convention, every
//! count and every amount with decimals is read under it; an amount that still has two
//! readings where the delimiter allows both (`1,250` in a `;` file, or in a `,` file
//! that settled the decimal comma) stays an error. In a `,` file that settled the
//! decimal point `$1,250` has one reading, 1250. Decisions where real-files.md is
//! silent: fx rates take no part in settling the convention (they never have thousands
//! separators). Only the `date` column's order is asked; a `paid_on` column's
//! order is settled by its own values, else it takes the `date` column's. A yes/no
//! `paid` column is recognised (and shown in the mapping) but not stored.

pub mod dates;
pub mod headers;
pub mod platform;
pub mod status;
pub mod values;

mod csv;
mod deal_row;
mod rejected;
mod rows;
mod sheet;
mod sniff;
mod table;

use crate::fx::Rates;
use crate::model::PostData;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

pub use dates::DateOrder;
pub use deal_row::{DealRow, RowDeal, RowFee};
pub use rejected::{write_rejected, Rejected};
pub use status::Stage;

pub use headers::Column;
pub use values::{
    needs_formula_prefix, parse_count, parse_currency, parse_date, parse_fee, parse_format, parse_fx_rate,
    parse_platform, resolve_fx_rate, strip_formula_prefix, Convention, ValueError,
};

/// How many errors a refused import keeps (all are counted in `total`).
pub const MAX_STORED_ERRORS: usize = 10_000;

/// What the import needs besides the file.
#[derive(Clone)]
pub struct ImportOptions {
    /// The profile's base currency (`USD` until the user sets one).
    pub base_currency: String,
    /// `--map 'Their header=column'`, as (their header, column) pairs; an empty column
    /// ignores that header.
    pub maps: Vec<(String, String)>,
    /// The order of a date column whose every numeric value reads both ways
    /// (`3/4/2025`); without it such a file is refused with
    /// [`ImportError::AmbiguousDates`].
    pub date_order: Option<DateOrder>,
    /// Keep the good rows: rows with errors go to [`Parsed::rejected`] instead of
    /// refusing the file (`--rejected`). A file with no good row is still refused.
    pub keep_going: bool,
    /// The ECB reference rates for foreign fees without a rate (the bundled history
    /// when `None`).
    pub rates: Option<Arc<Rates>>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions::with_base("USD")
    }
}

impl fmt::Debug for ImportOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportOptions")
            .field("base_currency", &self.base_currency)
            .field("maps", &self.maps)
            .field("date_order", &self.date_order)
            .field("keep_going", &self.keep_going)
            .finish_non_exhaustive()
    }
}

impl ImportOptions {
    /// Options with this base currency and nothing else chosen.
    pub fn with_base(base_currency: &str) -> ImportOptions {
        ImportOptions {
            base_currency: base_currency.to_string(),
            maps: Vec::new(),
            date_order: None,
            keep_going: false,
            rates: None,
        }
    }
}

/// The key a header row's remembered mapping is stored under: each header
/// normalised ([`headers::normalize`]) and joined with U+001F.
pub fn header_key<S: AsRef<str>>(headers: &[S]) -> String {
    headers.iter().map(|h| headers::normalize(h.as_ref())).collect::<Vec<_>>().join("\u{1f}")
}

/// Reads one `--map` argument, `Their header=column` (split at the last `=`).
pub fn parse_map(arg: &str) -> Result<(String, String), ValueError> {
    match arg.rsplit_once('=') {
        Some((h, c)) if !h.trim().is_empty() => Ok((h.trim().to_string(), c.trim().to_string())),
        _ => Err(ValueError::new("a mapping is written 'Their header=column'", arg)),
    }
}

/// A file read without errors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    /// The rows, in file order.
    pub rows: Vec<ParsedRow>,
    /// Things the user should know that did not stop the import (ignored columns, the
    /// file read as Windows-1252, ...).
    pub warnings: Vec<String>,
    /// Which header was read as which column: (header as written, column), file order.
    pub mapping: Vec<(String, String)>,
    /// The header row as read (for the file of rejected rows).
    pub header: Vec<String>,
    /// With [`ImportOptions::keep_going`]: the rows with errors, in file order.
    pub rejected: Vec<Rejected>,
    /// Rows that are not posts: totals rows, and how many rows became deals without
    /// posts, by stage.
    pub skipped: Skipped,
    /// Rows whose status is not live (real-files.md "Statuses"), in file order: deals
    /// without posts. Kept here even when the posts are handed on one by one.
    pub deals: Vec<DealRow>,
    /// Fees converted at the ECB's reference rate, in file order (the first 10,000).
    pub converted: Vec<FxUse>,
    /// How many fees were converted in all.
    pub converted_total: usize,
    /// Every column of the file and how it is read, in file order.
    pub columns: Vec<ColumnRead>,
    /// How the date column's day-month order was settled, when it has numeric dates.
    pub date_order: Option<DateNote>,
    /// The file's number convention.
    pub convention: Convention,
}

/// Rows of a tracker that are not posts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Totals rows.
    pub totals: usize,
    /// Rows whose status is a stage before (or instead of) a post, by stage (each
    /// is in [`Parsed::deals`]).
    pub not_posts: BTreeMap<Stage, usize>,
}

/// A fee converted at the ECB's reference rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FxUse {
    pub line: usize,
    pub currency: String,
    /// Base units per unit of `currency`.
    #[serde(with = "rust_decimal::serde::str")]
    pub rate: Decimal,
    /// The ECB day whose rate was used.
    pub date: NaiveDate,
}

/// How one column of the file is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnRead {
    /// The header as written.
    pub header: String,
    /// The Mille column it is read as, or `None` when ignored.
    pub column: Option<String>,
    /// Why it is ignored, in a few words.
    pub note: Option<String>,
}

/// How the order of the date column was settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateNote {
    pub order: DateOrder,
    /// `the column` (a value read only one way) or `the choice made`.
    pub settled_by: String,
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
    /// The deal the row's status makes of the post, if any.
    pub deal: Option<RowDeal>,
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
    /// first [`MAX_STORED_ERRORS`] in line order, `total` counts them all; `columns`
    /// is how each column of the header was read (empty when there is no header), so
    /// a refusal over the columns can be answered by choosing them.
    #[error("{}", refused_sentence(.errors, *.total))]
    Refused { errors: Vec<RowError>, total: usize, columns: Vec<ColumnRead> },
    /// The file could not be read at all.
    #[error("cannot read {path}: {why}")]
    Unreadable { path: String, why: String },
    /// The file is not text or a spreadsheet (`looks` says what it looks like).
    #[error("{path} is not a spreadsheet or CSV file (it looks like {looks})")]
    NotASpreadsheet { path: String, looks: String },
    /// Every numeric date of a column reads both ways (`3/4/2025`): the order must be
    /// chosen ([`ImportOptions::date_order`]).
    #[error(
        "the dates of column {column} can be read day first or month first ({value}: {} or {}?)",
        day_first.format("%-d %B %Y"), month_first.format("%B %-d, %Y")
    )]
    AmbiguousDates {
        column: String,
        value: String,
        day_first: NaiveDate,
        month_first: NaiveDate,
        /// How each column of the file is read, as in [`Parsed::columns`].
        columns: Vec<ColumnRead>,
    },
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
            Err(ImportError::Refused { errors: self.errors, total: self.total, columns: parsed.columns })
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

/// Reads a campaign file, choosing the reader by what the file holds: a spreadsheet
/// (xlsx, xlsm, xlsb, xls, ods), else text read as CSV; anything else (an image, an
/// archive, a program) is refused in one sentence naming what it looks like.
pub fn read_path(path: &Path, opts: &ImportOptions) -> Result<Parsed, ImportError> {
    read_file(path, opts, None)
}

/// Reads a campaign file as [`read_path`] does, handing each good row to `each` as it
/// is read instead of keeping it ([`Parsed::rows`] stays empty): an import of a large
/// file holds neither the file nor its rows. Rows are handed on only while the file
/// has no error; the result is still the whole file's verdict, so a caller that
/// stored rows undoes them on an error (as `Store::begin_import` does when dropped).
/// An error returned by `each` stops the reading and is returned.
///
/// The file is read on a second thread while `each` runs on the caller's (storing the
/// rows overlaps with reading the next ones); rows cross in batches, in file order.
pub fn read_path_each(
    path: &Path,
    opts: &ImportOptions,
    each: &mut dyn FnMut(ParsedRow) -> Result<(), ImportError>,
) -> Result<Parsed, ImportError> {
    const BATCH: usize = 1024;
    let stopped = || ImportError::Unreadable { path: path.display().to_string(), why: "the import was stopped".into() };
    let (to_caller, from_reader) = std::sync::mpsc::sync_channel::<Vec<ParsedRow>>(4);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let mut send = |row: ParsedRow| -> Result<(), ImportError> {
                batch.push(row);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    to_caller.send(full).map_err(|_| stopped())?;
                }
                Ok(())
            };
            let read = read_file(path, opts, Some(&mut send));
            if read.is_ok() && !batch.is_empty() {
                to_caller.send(batch).map_err(|_| stopped())?;
            }
            read
        });
        let mut failed = None;
        'rows: for rows in from_reader {
            for row in rows {
                if let Err(e) = each(row) {
                    failed = Some(e);
                    break 'rows;
                }
            }
        }
        // The receiver is gone: a reader still sending stops at its next batch.
        let read = reader.join().unwrap_or_else(|_| {
            Err(ImportError::Unreadable { path: path.display().to_string(), why: "the file could not be read".into() })
        });
        match failed {
            Some(e) => Err(e),
            None => read,
        }
    })
}

fn read_file(path: &Path, opts: &ImportOptions, each: table::RowSink<'_>) -> Result<Parsed, ImportError> {
    let shown = path.display().to_string();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| shown.clone());
    let io = |e: std::io::Error| ImportError::Unreadable { path: shown.clone(), why: e.to_string() };
    let mut head = Vec::with_capacity(8192);
    std::io::Read::read_to_end(&mut std::io::Read::take(std::fs::File::open(path).map_err(io)?, 8192), &mut head)
        .map_err(io)?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let workbook_name = matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods");
    match sniff::kind(&head) {
        // A file named as a workbook that holds no workbook is a damaged one, said so.
        sniff::Kind::Spreadsheet => {}
        sniff::Kind::Text if workbook_name => {}
        sniff::Kind::Text => {
            return csv::read_file(path, &name, opts, each, csv::STREAM_ABOVE).map_err(|e| named(e, &name))
        }
        sniff::Kind::Other(looks) => return Err(ImportError::NotASpreadsheet { path: name, looks: looks.to_string() }),
    }
    let bytes = std::fs::read(path).map_err(io)?;
    sheet::read_named(&bytes, &name, opts, each)
}

/// A refusal of "the file" names the file.
fn named(e: ImportError, name: &str) -> ImportError {
    match e {
        ImportError::NotASpreadsheet { looks, .. } => ImportError::NotASpreadsheet { path: name.to_string(), looks },
        e => e,
    }
}

/// Reads a campaign file from its bytes, as [`read_path`] does; `name` is how the
/// file is called in messages.
pub fn read_bytes(bytes: &[u8], name: &str, opts: &ImportOptions) -> Result<Parsed, ImportError> {
    match sniff::kind(bytes) {
        sniff::Kind::Spreadsheet => sheet::read_named(bytes, name, opts, None),
        sniff::Kind::Text => csv::read(bytes, opts, None).map_err(|e| named(e, name)),
        sniff::Kind::Other(looks) => {
            Err(ImportError::NotASpreadsheet { path: name.to_string(), looks: looks.to_string() })
        }
    }
}

/// Reads a campaign CSV from its bytes (csv-format.md): encoding, delimiter, header,
/// every row. Any error refuses the whole file, with every error listed. Bytes that
/// are not text are refused as [`read_bytes`] does.
pub fn read_csv(bytes: &[u8], opts: &ImportOptions) -> Result<Parsed, ImportError> {
    match sniff::kind(bytes) {
        sniff::Kind::Other(looks) => {
            Err(ImportError::NotASpreadsheet { path: "the file".to_string(), looks: looks.to_string() })
        }
        _ => csv::read(bytes, opts, None),
    }
}

/// Reads a spreadsheet (xlsx, xlsm, xlsb, xls or ods) from its bytes, as
/// [`read_path`] does for a file.
pub fn read_spreadsheet(bytes: &[u8], opts: &ImportOptions) -> Result<Parsed, ImportError> {
    sheet::read_named(bytes, "the spreadsheet", opts, None)
}

/// Reads `path` as a platform analytics export (real-files.md §2) when it is one:
/// `Ok(None)` for anything else (a tracker), an error for another analytics export
/// (LinkedIn, X, …) or an unreadable file. See [`platform`].
pub fn read_platform_export(
    path: &Path,
) -> Result<Option<(platform::Source, Vec<platform::ExportRow>)>, platform::ExportError> {
    platform::read_path(path)
}
