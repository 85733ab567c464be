//! Spreadsheets (xlsx, xlsm, xlsb, xls, ods) through calamine: the sheet named `posts`
//! (any case), else the first; the first non-empty row is the header; each cell
//! becomes text (a number by its shortest decimal text, a date cell as `YYYY-MM-DD`,
//! a text cell as is) and is then read under the rules of a `,` file. "Line" is the
//! spreadsheet's row number.

use super::table::{self, Cell as TableCell, Grid, RowSink};
use super::values::Convention;
use super::{ImportError, ImportOptions, Parsed, RowError, Sink};
use calamine::{Cell, Data, DataRef, Range, Reader, Sheets};
use std::borrow::Cow;
use std::io::Cursor;

/// The most cells a sheet's used area (from its first to its last non-empty row and
/// column) may span. calamine lays a sheet out as one dense grid, so a file of a few
/// bytes with one cell in A1 and one in XFD1048576 would ask for 17 billion cells
/// and abort the process; 25 million is 1.3 million posts of all 18 columns.
pub(crate) const MAX_CELLS: u64 = 25_000_000;

pub(crate) fn read_named(
    bytes: &[u8],
    shown: &str,
    opts: &ImportOptions,
    each: RowSink<'_>,
) -> Result<Parsed, ImportError> {
    let unreadable = |why: String| ImportError::Unreadable { path: shown.to_string(), why };
    // calamine parses untrusted zip, XML and BIFF: should it panic on a cut-off or
    // malformed file, that is one sentence for the user, never a crash.
    let range = super::guarded(|| -> Result<Range<Data>, String> {
        xls_declared_area_ok(bytes)?;
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
    read_range(&range, opts, each)
}

/// xls: calamine reserves room for the area a sheet's DIMENSIONS record declares
/// before reading a cell (and in a release build an end before the start wraps to
/// 4 billion rows), so a few KB could ask for a terabyte and abort the process.
/// This reads the file's Workbook stream (with the `cfb` crate), walks its records as
/// calamine does, and refuses a DIMENSIONS record with an area over [`MAX_CELLS`] (or
/// an end before its start). A container `cfb` cannot read is refused as damaged
/// (calamine is more lenient, and would go on to read such a file's records).
fn xls_declared_area_ok(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if !bytes.starts_with(&CFB_MAGIC) {
        return Ok(());
    }
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("the xls file is damaged: its container cannot be read ({e})"))?;
    for name in ["/Workbook", "/Book"] {
        let Ok(stream) = file.open_stream(name) else { continue };
        let mut data = Vec::new();
        // A stream cannot hold more than the file; a looping sector chain stops here.
        if stream.take(bytes.len() as u64).read_to_end(&mut data).is_err() {
            continue;
        }
        // Records as calamine reads them: from the start of the stream, and from each
        // sheet's start as its BOUNDSHEET record (0x0085) gives it.
        let mut starts = vec![0usize];
        let mut k = 0;
        while k < starts.len() {
            let mut at = starts[k];
            k += 1;
            while at + 4 <= data.len() {
                let typ = u16::from_le_bytes([data[at], data[at + 1]]);
                let len = usize::from(u16::from_le_bytes([data[at + 2], data[at + 3]]));
                let Some(body) = data.get(at + 4..at + 4 + len) else { break };
                at += 4 + len;
                if typ == 0x0085 && k == 1 && body.len() >= 4 {
                    let pos = u32::from_le_bytes([body[0], body[1], body[2], body[3]]) as usize;
                    if pos < data.len() && !starts.contains(&pos) && starts.len() < 4096 {
                        starts.push(pos);
                    }
                }
                if typ == 0x0200 {
                    check_dimensions(body)?;
                }
            }
        }
    }
    Ok(())
}

/// One DIMENSIONS record, read as calamine's `parse_dimensions` reads it.
fn check_dimensions(body: &[u8]) -> Result<(), String> {
    let u16_at = |i: usize| u32::from(u16::from_le_bytes([body[i], body[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([body[i], body[i + 1], body[i + 2], body[i + 3]]);
    let (rf, rl, mut cf, cl) = match body.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return Ok(()),
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (rows, cols) =
        if rl >= 1 && cl >= 1 { (i64::from(rl) - i64::from(rf), i64::from(cl) - i64::from(cf)) } else { (1, 1) };
    if rows <= 0 || cols <= 0 || (rows as u64).saturating_mul(cols as u64) > MAX_CELLS {
        return Err(format!(
            "the xls file declares a sheet of {} rows by {} columns, more than Mille reads ({MAX_CELLS} cells)",
            rows.max(0),
            cols.max(0)
        ));
    }
    Ok(())
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

/// A cell as text (a spreadsheet error as its code, `#DIV/0!`, which the rows read as
/// "not known"), and whether it is a number cell.
fn cell_text(cell: &Data) -> (Cow<'_, str>, bool) {
    let number = matches!(cell, Data::Float(_) | Data::Int(_));
    let text = match cell {
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
        Data::Error(e) => Cow::Owned(e.to_string()),
    };
    (text, number)
}

/// The rows of a sheet after its header.
struct Rows<'r> {
    range: &'r Range<Data>,
    first_row: usize,
    header_at: usize,
}

impl Grid for Rows<'_> {
    fn each(&self, _wanted: Option<&[bool]>, f: &mut dyn FnMut(usize, &[TableCell<'_>])) -> Result<(), ImportError> {
        let mut texts: Vec<(Cow<str>, bool)> = Vec::new();
        for (i, cells) in self.range.rows().enumerate().skip(self.header_at + 1) {
            texts.clear();
            texts.extend(cells.iter().map(cell_text));
            let row: Vec<TableCell> = texts.iter().map(|(t, n)| TableCell { text: t, number: *n }).collect();
            f(self.first_row + i + 1, &row);
        }
        Ok(())
    }
}

fn read_range(range: &Range<Data>, opts: &ImportOptions, each: RowSink<'_>) -> Result<Parsed, ImportError> {
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let is_blank = |cells: &[Data]| cells.iter().all(|c| cell_text(c).0.trim().is_empty());
    let Some((header_at, header_cells)) = range.rows().enumerate().find(|(_, cells)| !is_blank(cells)) else {
        let mut sink = Sink::default();
        sink.push(RowError {
            line: 1,
            column: "date".into(),
            message: "the sheet is empty; it needs a header row naming its columns".into(),
            value: String::new(),
        });
        return sink.finish(Parsed::default());
    };
    let header: Vec<String> = header_cells.iter().map(|c| cell_text(c).0.trim().to_string()).collect();
    let rows = Rows { range, first_row, header_at };
    table::read(first_row + header_at + 1, header, &rows, opts, Convention::Comma, Vec::new(), each)
}
