//! The CSV side of the import: decoding (UTF-8 with or without BOM, UTF-16 with a BOM,
//! else Windows-1252 with a warning), choosing the delimiter from the header (`,`,
//! else `;` or tab when only that reads the header), RFC 4180 records through the
//! `csv` crate, and the physical line each record starts on (1 = the header, counting
//! empty lines and the extra lines of quoted newlines).

use super::headers::{self, Layout};
use super::rows::RowReader;
use super::values::Convention;
use super::{ImportError, ImportOptions, ParsedRow, Parsed, RowError, Sink};
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
        let (layout, errors, warnings) = headers::resolve(&refs, line, &opts.maps);
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

pub(crate) fn read(bytes: &[u8], opts: &ImportOptions) -> Result<Parsed, ImportError> {
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    let text: &[u8] = &text;
    let mut sink = Sink::default();
    let Some((delimiter, header_line, layout, header_errors, header_warnings)) =
        choose_delimiter(text, opts).map_err(unreadable)?
    else {
        sink.push(RowError {
            line: 1,
            column: "date".into(),
            message: "the file is empty; it needs a header row naming its columns".into(),
            value: String::new(),
        });
        return sink.finish(Parsed { rows: Vec::new(), warnings, mapping: Vec::new() });
    };
    warnings.extend(header_warnings);
    for e in header_errors {
        sink.push(e);
    }
    let conv = if delimiter == b',' { Convention::Comma } else { Convention::Semicolon };
    let width = layout.headers.len();
    let unnamed: Vec<usize> = (0..width).filter(|i| layout.headers[*i].is_empty()).collect();
    let mut unnamed_used = vec![false; unnamed.len()];

    let mut rows = Vec::new();
    let header_ok = sink.total == 0;
    let mut row_reader = RowReader::new(&layout, conv, &opts.base_currency, header_ok);
    let mut rdr = reader(text, delimiter);
    let mut rec = ByteRecord::new();
    while rdr.read_byte_record(&mut rec).map_err(unreadable)? {
        let line = start_line(text, &rec);
        if line <= header_line || is_blank(&rec) {
            continue;
        }
        if rec.len() != width {
            let (column, value) = if rec.len() < width {
                (layout.headers[rec.len()].clone(), String::new())
            } else {
                (format!("field {}", width + 1), field(&rec, width).to_string())
            };
            sink.push(RowError {
                line,
                column,
                message: format!("the row has {} fields but the header has {width}", rec.len()),
                value,
            });
            continue;
        }
        for (k, i) in unnamed.iter().enumerate() {
            if !field(&rec, *i).trim().is_empty() {
                unnamed_used[k] = true;
            }
        }
        if let Some(post) = row_reader.read(line, |i| field(&rec, i), &mut sink) {
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
    drop(row_reader);
    sink.finish(Parsed { rows, warnings, mapping })
}
