//! The CSV side of the import: decoding (UTF-8 with or without BOM, UTF-16 with a BOM,
//! else Windows-1252 with a warning), choosing the delimiter from the header (`,`,
//! else `;` or tab when only that reads the header), RFC 4180 records through the
//! `csv` crate, and the physical line each record starts on (1 = the header, counting
//! empty lines and the extra lines of quoted newlines).

use super::headers::{self, Layout};
use super::table::{self, Cell, Grid};
use super::values::Convention;
use super::{ImportError, ImportOptions, Parsed, RowError, Sink};
use csv::{ByteRecord, ReaderBuilder};
use std::borrow::Cow;

/// Turns the file's bytes into UTF-8 without a BOM.
pub(crate) fn decode<'b>(bytes: &'b [u8], warnings: &mut Vec<String>) -> Cow<'b, [u8]> {
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((encoding_rs::UTF_16LE, rest)),
        [0xFE, 0xFF, rest @ ..] => Some((encoding_rs::UTF_16BE, rest)),
        _ => None,
    };
    if let Some((enc, rest)) = utf16 {
        let (text, had_errors) = enc.decode_without_bom_handling(rest);
        if had_errors {
            warnings.push("some characters of the UTF-16 file could not be decoded and were replaced by �".into());
        }
        return Cow::Owned(text.into_owned().into_bytes());
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if std::str::from_utf8(body).is_ok() {
        return Cow::Borrowed(body);
    }
    warnings.push("the file is not valid UTF-8; it was read as Windows-1252".into());
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
    Cow::Owned(text.into_owned().into_bytes())
}

/// The line a record starts on. The reader's position is where it began reading the
/// record, before any empty lines it skipped; those are counted here.
fn start_line(text: &[u8], rec: &ByteRecord) -> usize {
    let Some(pos) = rec.position() else { return 0 };
    let mut line = pos.line() as usize;
    let mut b = pos.byte() as usize;
    while let Some(c @ (b'\n' | b'\r')) = text.get(b) {
        if *c == b'\n' {
            line += 1;
        }
        b += 1;
    }
    line
}

fn field(rec: &ByteRecord, i: usize) -> &str {
    // The text was decoded to UTF-8 and the delimiters are ASCII: never fails.
    rec.get(i).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
}

fn is_blank(rec: &ByteRecord) -> bool {
    rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace) || std::str::from_utf8(f).is_ok_and(|s| s.trim().is_empty()))
}

fn reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text)
}

/// The header of the file read with `delimiter`: its line and fields. `None` for a file
/// with no non-blank record.
fn header_with(text: &[u8], delimiter: u8) -> Result<Option<(usize, Vec<String>)>, csv::Error> {
    let mut rdr = reader(text, delimiter);
    let mut rec = ByteRecord::new();
    while rdr.read_byte_record(&mut rec)? {
        if !is_blank(&rec) {
            let fields = (0..rec.len()).map(|i| field(&rec, i).to_string()).collect();
            return Ok(Some((start_line(text, &rec), fields)));
        }
    }
    Ok(None)
}

type Resolved = (u8, usize, Layout, Vec<RowError>, Vec<String>);

/// Chooses the delimiter: `,` when the header reads with it; else `;` or tab when that
/// one reads it; else the one that recognises most columns (`,` on a tie), whose
/// header errors are then reported.
fn choose_delimiter(text: &[u8], opts: &ImportOptions) -> Result<Option<Resolved>, csv::Error> {
    let mut best: Option<Resolved> = None;
    for d in [b',', b';', b'\t'] {
        let Some((line, fields)) = header_with(text, d)? else { return Ok(None) };
        let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
        let (layout, errors, warnings) = headers::resolve(&refs, line, &opts.maps, &[]);
        if errors.is_empty() {
            return Ok(Some((d, line, layout, errors, warnings)));
        }
        if best.as_ref().is_none_or(|b| layout.recognised > b.2.recognised) {
            best = Some((d, line, layout, errors, warnings));
        }
    }
    Ok(best)
}

fn unreadable(e: csv::Error) -> ImportError {
    ImportError::Unreadable { path: "the file".into(), why: e.to_string() }
}

/// The records of a decoded CSV text after its header line.
struct Records<'t> {
    text: &'t [u8],
    delimiter: u8,
    header_line: usize,
}

impl Grid for Records<'_> {
    fn each(&self, f: &mut dyn FnMut(usize, &[Cell<'_>])) -> Result<(), ImportError> {
        let mut rdr = reader(self.text, self.delimiter);
        let mut rec = ByteRecord::new();
        while rdr.read_byte_record(&mut rec).map_err(unreadable)? {
            let line = start_line(self.text, &rec);
            if line <= self.header_line {
                continue;
            }
            let cells: Vec<Cell> = (0..rec.len()).map(|i| Cell::text(field(&rec, i))).collect();
            f(line, &cells);
        }
        Ok(())
    }
}

pub(crate) fn read(bytes: &[u8], opts: &ImportOptions) -> Result<Parsed, ImportError> {
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    let text: &[u8] = &text;
    // A NUL is never text (a UTF-16 file may decode to one): refused like a binary file.
    if text.contains(&0) {
        return Err(ImportError::NotASpreadsheet { path: "the file".into(), looks: "a binary file".into() });
    }
    let Some((delimiter, header_line, layout, _, header_warnings)) = choose_delimiter(text, opts).map_err(unreadable)?
    else {
        let mut sink = Sink::default();
        sink.push(RowError {
            line: 1,
            column: "date".into(),
            message: "the file is empty; it needs a header row naming its columns".into(),
            value: String::new(),
        });
        return sink.finish(Parsed { warnings, ..Parsed::default() });
    };
    drop(header_warnings); // the table reads the header again, with its values
    let conv = if delimiter == b',' { Convention::Comma } else { Convention::Semicolon };
    let records = Records { text, delimiter, header_line };
    table::read(header_line, layout.headers, &records, opts, conv, warnings)
}
