//! Spreadsheets (xlsx, xlsm, xlsb, xls, ods) through calamine: the sheet named `posts`
//! (any case), else the first; the first non-empty row is the header; each cell
//! becomes text (a number by its shortest decimal text, a date cell as `YYYY-MM-DD`,
//! a text cell as is) and is then read under the rules of a `,` file. "Line" is the
//! spreadsheet's row number.

use super::headers;
use super::rows::RowReader;
use super::values::Convention;
use super::{ImportError, ImportOptions, ParsedRow, Parsed, RowError, Sink};
use calamine::{Cell, Data, DataRef, Range, Reader, Sheets};
use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;

pub(crate) fn read_path(path: &Path, opts: &ImportOptions) -> Result<Parsed, ImportError> {
    let shown = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| ImportError::Unreadable { path: shown.clone(), why: e.to_string() })?;
    read_named(&bytes, &shown, opts)
}

pub(crate) fn read_bytes(bytes: &[u8], opts: &ImportOptions) -> Result<Parsed, ImportError> {
    read_named(bytes, "the spreadsheet", opts)
}

/// The most cells a sheet's used area (from its first to its last non-empty row and
/// column) may span. calamine lays a sheet out as one dense grid, so a file of a few
/// bytes with one cell in A1 and one in XFD1048576 would ask for 17 billion cells
/// and abort the process; 25 million is 1.3 million posts of all 18 columns.
pub(crate) const MAX_CELLS: u64 = 25_000_000;

fn read_named(bytes: &[u8], shown: &str, opts: &ImportOptions) -> Result<Parsed, ImportError> {
    let unreadable = |why: String| ImportError::Unreadable { path: shown.to_string(), why };
    // calamine parses untrusted zip, XML and BIFF: should it panic on a cut-off or
    // malformed file, that is one sentence for the user, never a crash.
    let range = super::guarded(|| -> Result<Range<Data>, String> {
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| format!("not a spreadsheet calamine can read ({e})"))?;
        let names = book.sheet_names();
        let name = names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case("posts"))
            .or_else(|| names.first())
            .cloned()
            .ok_or_else(|| "the workbook has no sheet".to_string())?;
        let in_sheet = |e: &dyn std::fmt::Display| format!("sheet \"{name}\": {e}");
        // xlsx and xlsb: read the cells one by one and check the area before calamine
        // builds its grid. (xls and ods are laid out by calamine directly.)
        match &mut book {
            Sheets::Xlsx(x) => {
                let mut cells = x.worksheet_cells_reader(&name).map_err(|e| in_sheet(&e))?;
                bounded(&name, || cells.next_cell().map_err(|e| in_sheet(&e)))
            }
            Sheets::Xlsb(x) => {
                let mut cells = x.worksheet_cells_reader(&name).map_err(|e| in_sheet(&e))?;
                bounded(&name, || cells.next_cell().map_err(|e| in_sheet(&e)))
            }
            _ => book.worksheet_range(&name).map_err(|e| in_sheet(&e)),
        }
    })
    .unwrap_or_else(|| Err("the spreadsheet is damaged or cut off".to_string()))
    .map_err(unreadable)?;
    read_range(&range, opts)
}

/// Collects a sheet's non-empty cells into a [`Range`], refusing a used area larger
/// than [`MAX_CELLS`] before any grid is allocated.
fn bounded<'a>(
    name: &str,
    mut next: impl FnMut() -> Result<Option<Cell<DataRef<'a>>>, String>,
) -> Result<Range<Data>, String> {
    let mut cells = Vec::new();
    let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
    while let Some(cell) = next()? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        (r0, r1, c0, c1) = (r0.min(r), r1.max(r), c0.min(c), c1.max(c));
        let (rows, cols) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
        if rows * cols > MAX_CELLS {
            return Err(format!(
                "sheet \"{name}\" spans {rows} rows by {cols} columns, more than Mille reads \
                 ({MAX_CELLS} cells); delete the cells far away from the posts"
            ));
        }
        cells.push(Cell::new((r, c), Data::from(cell.get_value().clone())));
    }
    Ok(Range::from_sparse(cells))
}

/// A cell as text, or the spreadsheet error it holds (`#DIV/0!`).
fn cell_text(cell: &Data) -> Result<Cow<'_, str>, String> {
    Ok(match cell {
        Data::Empty => Cow::Borrowed(""),
        Data::String(s) => Cow::Borrowed(s.as_str()),
        // Rust's `{}` for f64 is the shortest text that reads back as the same f64
        // (1250.1, never 1250.0999…): the one place an f64 meets money, and only to
        // recover the decimal the user typed. It is parsed as a Decimal right after.
        Data::Float(f) => Cow::Owned(format!("{f}")),
        Data::Int(i) => Cow::Owned(i.to_string()),
        Data::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) if dt.is_duration() => Cow::Owned(format!("{}", dt.as_f64())),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Cow::Owned(format!("{y:04}-{m:02}-{d:02}"))
        }
        Data::DateTimeIso(s) => match s.split_once('T') {
            Some((date, _)) => Cow::Borrowed(date),
            None => Cow::Borrowed(s.as_str()),
        },
        Data::DurationIso(s) => Cow::Borrowed(s.as_str()),
        Data::Error(e) => return Err(e.to_string()),
    })
}

fn read_range(range: &Range<Data>, opts: &ImportOptions) -> Result<Parsed, ImportError> {
    let mut sink = Sink::default();
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let mut rows_iter = range.rows().enumerate().map(|(i, cells)| (first_row + i + 1, cells));
    let is_blank = |cells: &[Data]| cells.iter().all(|c| cell_text(c).map(|t| t.trim().is_empty()).unwrap_or(false));
    let Some((header_line, header_cells)) = rows_iter.by_ref().find(|(_, cells)| !is_blank(cells)) else {
        sink.push(RowError {
            line: 1,
            column: "date".into(),
            message: "the sheet is empty; it needs a header row naming its columns".into(),
            value: String::new(),
        });
        return sink.finish(Parsed { rows: Vec::new(), warnings: Vec::new(), mapping: Vec::new() });
    };
    let header_texts: Vec<String> =
        header_cells.iter().map(|c| cell_text(c).map(Cow::into_owned).unwrap_or_else(|e| e)).collect();
    let refs: Vec<&str> = header_texts.iter().map(String::as_str).collect();
    let (layout, header_errors, mut warnings) = headers::resolve(&refs, header_line, &opts.maps);
    for e in header_errors {
        sink.push(e);
    }
    let header_ok = sink.total == 0;
    let unnamed: Vec<usize> = (0..layout.headers.len()).filter(|i| layout.headers[*i].is_empty()).collect();
    let mut unnamed_used = vec![false; unnamed.len()];
    let used: Vec<usize> = layout.fields.iter().flatten().copied().collect();

    let mut rows = Vec::new();
    let mut reader = RowReader::new(&layout, Convention::Comma, &opts.base_currency, header_ok);
    let mut texts: Vec<Cow<str>> = Vec::new();
    for (line, cells) in rows_iter {
        if is_blank(cells) {
            continue;
        }
        texts.clear();
        let mut bad_cell = false;
        for (i, cell) in cells.iter().enumerate() {
            match cell_text(cell) {
                Ok(t) => texts.push(t),
                Err(e) => {
                    if used.contains(&i) {
                        bad_cell = true;
                        sink.push(RowError {
                            line,
                            column: layout.headers[i].clone(),
                            message: "the cell holds a spreadsheet error, not a value".into(),
                            value: e,
                        });
                    }
                    texts.push(Cow::Borrowed(""));
                }
            }
        }
        for (k, i) in unnamed.iter().enumerate() {
            if texts.get(*i).is_some_and(|t| !t.trim().is_empty()) {
                unnamed_used[k] = true;
            }
        }
        if bad_cell {
            continue;
        }
        let get = |i: usize| texts.get(i).map(|t| t.as_ref()).unwrap_or("");
        if let Some(post) = reader.read(line, get, &mut sink) {
            if sink.total == 0 {
                rows.push(ParsedRow { line, post });
            }
        }
    }
    for (k, i) in unnamed.iter().enumerate() {
        if unnamed_used[k] {
            warnings.push(format!("column {} has no header and is ignored", i + 1));
        }
    }
    let mapping = layout.mapping.clone();
    drop(reader);
    sink.finish(Parsed { rows, warnings, mapping })
}
