//! The CSV side of the import: decoding (UTF-8 with or without BOM, UTF-16 with a BOM,
//! else Windows-1252 with a warning), choosing the delimiter from the header (`,`,
//! else `;` or tab when only that reads the header), RFC 4180 records through the
//! `csv` crate, and the physical line each record starts on (1 = the header, counting
//! empty lines and the extra lines of quoted newlines).

use super::headers::{self, Layout};
use super::table::{self, Cell, Grid, RowSink};
use super::values::Convention;
use super::{ImportError, ImportOptions, Parsed, RowError, Sink};
use csv::{ByteRecord, ReaderBuilder};
use std::borrow::Cow;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Files larger than this are read from disk twice (the survey, then the rows) rather
/// than held in memory: a million-row file stays a few megabytes of buffers.
pub(crate) const STREAM_ABOVE: u64 = 8 << 20;

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
pub(crate) fn start_line(text: &[u8], rec: &ByteRecord) -> usize {
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
    rec.iter()
        .all(|f| f.iter().all(u8::is_ascii_whitespace) || std::str::from_utf8(f).is_ok_and(|s| s.trim().is_empty()))
}

/// The CSV reader of every pass: no header handling (the header is found as the first
/// non-blank record), rows of any width (checked against the header by the table).
fn reader<R: Read>(source: R, delimiter: u8) -> csv::Reader<R> {
    ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(source)
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

/// The cells of `rec`, those not `wanted` left empty.
fn cells<'r>(rec: &'r ByteRecord, wanted: Option<&[bool]>) -> Vec<Cell<'r>> {
    (0..rec.len())
        .map(|i| match wanted {
            Some(w) if !w.get(i).copied().unwrap_or(false) => Cell::text(""),
            _ => Cell::text(field(rec, i)),
        })
        .collect()
}

impl Grid for Records<'_> {
    fn each(&self, wanted: Option<&[bool]>, f: &mut dyn FnMut(usize, &[Cell<'_>])) -> Result<(), ImportError> {
        let mut rdr = reader(self.text, self.delimiter);
        let mut rec = ByteRecord::new();
        while rdr.read_byte_record(&mut rec).map_err(unreadable)? {
            let line = start_line(self.text, &rec);
            if line <= self.header_line {
                continue;
            }
            f(line, &cells(&rec, wanted));
        }
        Ok(())
    }
}

pub(crate) fn read(bytes: &[u8], opts: &ImportOptions, each: RowSink<'_>) -> Result<Parsed, ImportError> {
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    let text: &[u8] = &text;
    // A NUL is never text (a UTF-16 file may decode to one): refused like a binary file.
    if text.contains(&0) {
        return Err(ImportError::NotASpreadsheet { path: "the file".into(), looks: "a binary file".into() });
    }
    let Some((delimiter, header_line, layout, _, _)) = choose_delimiter(text, opts).map_err(unreadable)? else {
        return empty(warnings);
    };
    let conv = if delimiter == b',' { Convention::Comma } else { Convention::Semicolon };
    let records = Records { text, delimiter, header_line };
    table::read(header_line, layout.headers, &records, opts, conv, warnings, each)
}

fn empty(warnings: Vec<String>) -> Result<Parsed, ImportError> {
    let mut sink = Sink::default();
    sink.push(RowError {
        line: 1,
        column: "date".into(),
        message: "the file is empty; it needs a header row naming its columns".into(),
        value: String::new(),
    });
    sink.finish(Parsed { warnings, ..Parsed::default() })
}

/// What a pass over a large file on disk found before reading it as CSV.
struct Scan {
    /// Bytes of a UTF-8 BOM at the start (0 or 3).
    bom: u64,
    /// The file is valid UTF-8 throughout.
    utf8: bool,
    /// It holds a NUL byte somewhere.
    nul: bool,
    /// Its last byte is a line end (so its last record is terminated).
    ends_with_newline: bool,
    /// Lines end with `\r\n` (`Some(true)`), `\n` alone (`Some(false)`), both
    /// (`None`), or the file has no `\n` (`Some(false)`).
    crlf: Option<bool>,
    len: u64,
}

fn scan(path: &Path) -> std::io::Result<Scan> {
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let mut buf = vec![0u8; 1 << 16];
    let mut carry: Vec<u8> = Vec::new();
    let (mut utf8, mut nul, mut first, mut bom, mut last) = (true, false, true, 0u64, 0u8);
    let (mut crlf, mut lf) = (false, false);
    let mut before = 0u8; // the byte before each chunk
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let mut chunk = &buf[..n];
        last = chunk[n - 1];
        if first {
            first = false;
            if chunk.starts_with(&[0xEF, 0xBB, 0xBF]) {
                bom = 3;
                chunk = &chunk[3..];
            }
        }
        nul |= chunk.contains(&0);
        for (i, b) in chunk.iter().enumerate() {
            if *b == b'\n' {
                let prev = if i == 0 { before } else { chunk[i - 1] };
                if prev == b'\r' {
                    crlf = true;
                } else {
                    lf = true;
                }
            }
        }
        before = last;
        if utf8 {
            carry.extend_from_slice(chunk);
            match std::str::from_utf8(&carry) {
                Ok(_) => carry.clear(),
                // An incomplete character at the end of the chunk: kept for the next.
                Err(e) if e.error_len().is_none() => {
                    let keep = carry.split_off(e.valid_up_to());
                    carry = keep;
                }
                Err(_) => utf8 = false,
            }
        }
    }
    utf8 &= carry.is_empty();
    let crlf = match (crlf, lf) {
        (true, true) => None,
        (c, _) => Some(c),
    };
    Ok(Scan { bom, utf8, nul, ends_with_newline: matches!(last, b'\n' | b'\r'), crlf, len })
}

/// The records of a large UTF-8 CSV file, read from disk on each pass.
struct FileRecords<'p> {
    path: &'p Path,
    scan: Scan,
    delimiter: u8,
    header_line: usize,
}

impl Grid for FileRecords<'_> {
    fn each(&self, wanted: Option<&[bool]>, f: &mut dyn FnMut(usize, &[Cell<'_>])) -> Result<(), ImportError> {
        let io =
            |e: std::io::Error| ImportError::Unreadable { path: self.path.display().to_string(), why: e.to_string() };
        let mut file = std::fs::File::open(self.path).map_err(io)?;
        file.seek(SeekFrom::Start(self.scan.bom)).map_err(io)?;
        let body = self.scan.len - self.scan.bom;
        let mut rdr = reader(file, self.delimiter);
        let mut rec = ByteRecord::new();
        while rdr.read_byte_record(&mut rec).map_err(unreadable)? {
            // The line a record starts on, from where it ends: the reader has counted
            // the lines up to just after it, less the line ends inside its fields and
            // its own `\n` (a `\r\n` stops at the `\r`, and a last record may have
            // no line end).
            let end = rdr.position();
            let inner: usize = rec.iter().map(|f| f.iter().filter(|b| **b == b'\n').count()).sum();
            let terminated = self.scan.crlf == Some(false) && (end.byte() < body || self.scan.ends_with_newline);
            let line = (end.line() as usize).saturating_sub(inner + usize::from(terminated));
            if line <= self.header_line {
                continue;
            }
            f(line, &cells(&rec, wanted));
        }
        Ok(())
    }
}

/// Reads a CSV file from disk: a large UTF-8 one is streamed (never held whole), any
/// other is read into memory as [`read`] does. `shown` names it in messages.
pub(crate) fn read_file(
    path: &Path,
    shown: &str,
    opts: &ImportOptions,
    each: RowSink<'_>,
    stream_above: u64,
) -> Result<Parsed, ImportError> {
    let io = |e: std::io::Error| ImportError::Unreadable { path: shown.to_string(), why: e.to_string() };
    let len = std::fs::metadata(path).map_err(io)?.len();
    let whole = |each| {
        let bytes = std::fs::read(path).map_err(io)?;
        read(&bytes, opts, each)
    };
    if len <= stream_above {
        return whole(each);
    }
    let scan = scan(path).map_err(io)?;
    if scan.nul {
        return Err(ImportError::NotASpreadsheet { path: shown.to_string(), looks: "a binary file".into() });
    }
    if !scan.utf8 || scan.crlf.is_none() {
        // Windows-1252 (or UTF-16), or mixed line ends: read in memory.
        return whole(each);
    }
    // The header from the start of the file (a header is never a megabyte long).
    let mut head = Vec::new();
    let mut file = std::fs::File::open(path).map_err(io)?;
    file.seek(SeekFrom::Start(scan.bom)).map_err(io)?;
    file.take(1 << 20).read_to_end(&mut head).map_err(io)?;
    if let Err(e) = std::str::from_utf8(&head) {
        head.truncate(e.valid_up_to());
    }
    let Some((delimiter, header_line, layout, _, _)) = choose_delimiter(&head, opts).map_err(unreadable)? else {
        return empty(Vec::new());
    };
    drop(head);
    let conv = if delimiter == b',' { Convention::Comma } else { Convention::Semicolon };
    let records = FileRecords { path, scan, delimiter, header_line };
    table::read(header_line, layout.headers, &records, opts, conv, Vec::new(), each)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(p: &Result<Parsed, ImportError>) -> Vec<String> {
        match p {
            Ok(p) => p.rows.iter().map(|r| format!("{} {}", r.line, r.post.brand)).collect(),
            Err(ImportError::Refused { errors, .. }) => errors.iter().map(|e| e.to_string()).collect(),
            Err(e) => vec![e.to_string()],
        }
    }

    /// Streaming from disk gives the same rows, lines and errors as reading in memory.
    #[test]
    fn a_streamed_file_reads_as_the_same_file_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let bodies: [&[u8]; 5] = [
            b"date,brand,platform,format,fee,notes\n\n2025-01-01,A,x,post,1,\"two\nlines\"\n\n\n2025-01-02,B,x,post,2,x\n",
            b"\xef\xbb\xbfdate;brand;platform;format;fee\r\n2025-01-01;A;x;post;1,50\r\n\r\n2025-01-02;B;x;post;2\r\n2025-01-03;C;x;post;3",
            b"date,brand,platform,format,fee\n2025-01-01,A,x,post,1\n2025-02-30,B,x,post,2\n\"2025-01-03\",\"C\nC\",x,post,oops\n",
            b"\n\nDatum,Marke,Plattform,Art,Honorar\n13.03.2025,A,IG,Reel,\"1.250,00\"\n14.03.2025,\"B\r\nB\",IG,Reel,5\n",
            b"date,brand,platform,format,fee\n2025-01-01,A,x,post,1,extra\n2025-01-02,B,x,post\n2025-01-03,C,x,post,3\n",
        ];
        for (k, body) in bodies.iter().enumerate() {
            let path = dir.path().join(format!("f{k}.csv"));
            std::fs::write(&path, body).unwrap();
            let opts = ImportOptions::default();
            let memory = read(body, &opts, None);
            let streamed = read_file(&path, "f.csv", &opts, None, 0);
            assert_eq!(lines(&streamed), lines(&memory), "file {k}");
            assert!(!lines(&memory).is_empty(), "file {k}");
        }
    }
}
