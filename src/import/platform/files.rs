//! An export as a file: recognised from its first bytes (encoding, `sep=` line,
//! delimiter, header row) before the whole file is read, then read as CSV.

use super::rows::read_rows;
use super::{detect, detect_other, ExportError, ExportRow, Source};
use crate::import::csv::decode;
use crate::import::ImportError;
use csv::{ByteRecord, ReaderBuilder};
use std::io::Read;
use std::path::Path;

/// How much of a file is read to recognise it.
const SNIFF_BYTES: u64 = 64 * 1024;
/// How many non-blank records are searched for another export's header (LinkedIn's
/// start with a note line).
const HEADER_SEARCH: usize = 5;

/// Reads a file that may be a platform export. `Ok(None)`: it is not one (a tracker,
/// or a spreadsheet: exports are read as CSV only). Only the file's start is read
/// unless it is an export.
pub fn read_path(path: &Path) -> Result<Option<(Source, Vec<ExportRow>)>, ExportError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
        return Ok(None);
    }
    let unreadable =
        |e: std::io::Error| ImportError::Unreadable { path: path.display().to_string(), why: e.to_string() };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut head = Vec::new();
    file.take(SNIFF_BYTES).read_to_end(&mut head).map_err(unreadable)?;
    if head.len() as u64 == SNIFF_BYTES {
        cut_at_line_end(&mut head);
    }
    if sniff(&head)?.is_none() {
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    read_csv(&bytes)
}

/// Drops a partial last line (and keeps UTF-16 text whole).
fn cut_at_line_end(bytes: &mut Vec<u8>) {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let end = if utf16 {
        (2..bytes.len().saturating_sub(1))
            .step_by(2)
            .rev()
            .find(|&i| bytes[i] == b'\n' || bytes[i + 1] == b'\n')
            .map(|i| i + 2)
    } else {
        bytes.iter().rposition(|&b| b == b'\n').map(|i| i + 1)
    };
    if let Some(end) = end {
        bytes.truncate(end);
    }
}

/// The source, delimiter and header of an export's text; another analytics export is
/// an error; anything else `None`.
fn sniff(bytes: &[u8]) -> Result<Option<(Source, u8)>, ExportError> {
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    let (text, declared) = skip_sep_line(&text);
    let delimiters: Vec<u8> = match declared {
        Some(d) => vec![d],
        None => vec![b',', b';', b'\t'],
    };
    let mut other = None;
    for d in delimiters {
        let records = first_records(text, d, HEADER_SEARCH);
        if let Some((_, header)) = records.first() {
            let refs: Vec<&str> = header.iter().map(String::as_str).collect();
            if let Some(source) = detect(&refs) {
                return Ok(Some((source, d)));
            }
        }
        for (_, rec) in &records {
            let refs: Vec<&str> = rec.iter().map(String::as_str).collect();
            if other.is_none() {
                other = detect_other(&refs);
            }
        }
    }
    match other {
        Some(o) => Err(ExportError::Other(o)),
        None => Ok(None),
    }
}

/// Spreadsheet programs read a first line `sep=;` as the delimiter; Meta writes it
/// in some exports.
fn skip_sep_line(text: &[u8]) -> (&[u8], Option<u8>) {
    if let Some(rest) = text.strip_prefix(b"sep=") {
        if let Some(&d) = rest.first() {
            let after = &rest[1..];
            let after = after.strip_prefix(b"\r").unwrap_or(after);
            let after = after.strip_prefix(b"\n").unwrap_or(after);
            return (after, Some(d));
        }
    }
    (text, None)
}

fn reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text)
}

/// The line a record starts on, counting the blank lines the reader skipped.
fn start_line(text: &[u8], rec: &ByteRecord, offset: usize) -> usize {
    crate::import::csv::start_line(text, rec) + offset
}

fn fields(rec: &ByteRecord) -> Vec<String> {
    rec.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect()
}

/// Up to `n` non-blank records with their lines; a CSV error ends the list.
fn first_records(text: &[u8], delimiter: u8, n: usize) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut rdr = reader(text, delimiter);
    let mut rec = ByteRecord::new();
    while out.len() < n && matches!(rdr.read_byte_record(&mut rec), Ok(true)) {
        let f = fields(&rec);
        if f.iter().any(|x| !x.trim().is_empty()) {
            out.push((start_line(text, &rec, 0), f));
        }
    }
    out
}

/// Reads an export from its bytes: `Ok(None)` when it is not one Mille reads.
pub fn read_csv(bytes: &[u8]) -> Result<Option<(Source, Vec<ExportRow>)>, ExportError> {
    let Some((source, delimiter)) = sniff(bytes)? else {
        return Ok(None);
    };
    let mut warnings = Vec::new();
    let decoded = decode(bytes, &mut warnings);
    let (text, declared) = skip_sep_line(&decoded);
    let offset = usize::from(declared.is_some());
    let mut rdr = reader(text, delimiter);
    let mut rec = ByteRecord::new();
    let mut header: Option<Vec<String>> = None;
    let mut records = Vec::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(ImportError::Unreadable { path: "the file".into(), why: e.to_string() }.into()),
        }
        let f = fields(&rec);
        if header.is_none() {
            if f.iter().any(|x| !x.trim().is_empty()) {
                header = Some(f);
            }
            continue;
        }
        records.push((start_line(text, &rec, offset), f));
    }
    let header = header.unwrap_or_default();
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    Ok(Some((source, read_rows(source, &refs, &records))))
}
