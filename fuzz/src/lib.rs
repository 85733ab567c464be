//! What each fuzz target checks, shared with the normal test suite: the targets in
//! `fuzz_targets/` call these functions on libFuzzer's inputs, and
//! `tests/fuzz_replay.rs` (which includes this file by path) calls them on every file
//! of `fuzz/corpus/` and `tests/fuzz-regressions/`. Each function panics only when
//! Mille does something wrong with the input: a panic inside Mille, or a file that
//! reads but does not survive export and re-import unchanged, or a parsed value that
//! does not read back as itself. Refusing a bad input is the right outcome, never a
//! finding.

use mille::export;
use mille::import::{self, ImportError, ImportOptions};
use mille::model::{Format, Platform, PostData};
use std::io::{Cursor, Write};

/// Everything of a post, with the fee's and rate's scale (`1250.00` is not `1250`).
fn exact(p: &PostData) -> (String, String, Option<String>, &PostData) {
    (p.fee.to_string(), p.currency.clone(), p.fx_rate.map(|r| r.to_string()), p)
}

/// A refusal must be well formed: at least one error, each with a line and a message.
fn check_refusal(e: &ImportError) {
    match e {
        ImportError::Refused { errors, total, .. } => {
            assert!(*total >= errors.len() && !errors.is_empty(), "a refusal without errors");
            for err in errors {
                assert!(!err.message.is_empty(), "an error without a message: {err:?}");
                let _ = err.to_string();
            }
        }
        ImportError::Unreadable { why, .. } => assert!(!why.is_empty()),
        ImportError::NotASpreadsheet { looks, .. } => assert!(!looks.is_empty()),
        ImportError::AmbiguousDates { value, day_first, month_first, .. } => {
            assert!(!value.is_empty() && day_first != month_first, "an ambiguous date with one reading")
        }
    }
    assert!(!e.to_string().is_empty());
}

/// Posts that were read must export as a campaign CSV that reads back as the same
/// posts (csv-format.md: "a file exported and imported again gives back the same data").
fn check_round_trip(posts: &[PostData], opts: &ImportOptions) {
    let mut csv = Vec::new();
    export::write_csv(posts.iter(), &mut csv).expect("export to memory");
    let again = match import::read_csv(&csv, opts) {
        Ok(p) => p.into_posts(),
        Err(e) => panic!(
            "an exported file was refused on re-import: {e}\n--- exported ---\n{}",
            String::from_utf8_lossy(&csv)
        ),
    };
    assert_eq!(posts.len(), again.len(), "re-import changed the number of posts");
    for (a, b) in posts.iter().zip(&again) {
        assert_eq!(exact(a), exact(b), "a post changed on export and re-import");
    }
}

/// The CSV import over arbitrary bytes: never a panic; what reads, round-trips.
pub fn check_csv(data: &[u8]) {
    let opts = ImportOptions::default();
    match import::read_csv(data, &opts) {
        Ok(parsed) => check_round_trip(&parsed.into_posts(), &opts),
        Err(e) => check_refusal(&e),
    }
}

/// The spreadsheet import (xlsx, xlsb, xls, ods through calamine) over arbitrary
/// bytes: never a panic; what reads, round-trips through CSV.
pub fn check_sheet(data: &[u8]) {
    let opts = ImportOptions::default();
    match import::read_spreadsheet(data, &opts) {
        Ok(parsed) => check_round_trip(&parsed.into_posts(), &opts),
        Err(e) => check_refusal(&e),
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="posts" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// Wraps fuzzer bytes into a well-formed xlsx container (stored, so the bytes reach
/// calamine's XML reader instead of failing the zip checksum): the bytes up to the
/// first `0xFF` are `xl/worksheets/sheet1.xml`, the rest `xl/sharedStrings.xml`
/// (an empty table when there is no `0xFF`).
pub fn xlsx_from_parts(data: &[u8]) -> Vec<u8> {
    const NO_STRINGS: &[u8] =
        br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>"#;
    let (sheet, strings) = match data.iter().position(|b| *b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        // Without shared strings, a valid empty table (an empty part is not XML).
        None => (data, NO_STRINGS),
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
    ];
    for (name, bytes) in parts {
        zip.start_file(name, opts).expect("zip in memory");
        zip.write_all(bytes).expect("zip in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}

/// calamine's xlsx XML reading over arbitrary sheet and shared-string XML.
pub fn check_xlsx_xml(data: &[u8]) {
    check_sheet(&xlsx_from_parts(data));
}

/// The single-value parsers (dates, counts, money, fx rates, currencies, platforms,
/// formats, the formula-safe prefix) over arbitrary text: never a panic, and what
/// parses reads back as itself.
pub fn check_values(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(d) = import::parse_date(text) {
        assert_eq!(import::parse_date(&d.format("%Y-%m-%d").to_string()).ok(), Some(d), "{text:?}");
    }
    if let Ok(Some(n)) = import::parse_count(text) {
        assert_eq!(import::parse_count(&n.to_string()).ok(), Some(Some(n)), "{text:?}");
    }
    for (currency, base) in [(None, "USD"), (Some("EUR"), "USD"), (None, "JPY"), (Some("CAD"), "EUR")] {
        if let Ok((fee, cur)) = import::parse_fee(text, currency, base) {
            assert!(fee >= rust_decimal::Decimal::ZERO, "negative fee from {text:?}");
            assert!(mille::money::is_iso_currency(&cur), "currency {cur:?} from {text:?}");
            // As export writes it, the fee reads back exactly (scale kept).
            let back = import::parse_fee(&fee.to_string(), Some(&cur), base).map(|(f, c)| (f.to_string(), c));
            assert_eq!(back.ok(), Some((fee.to_string(), cur)), "{text:?}");
        }
    }
    if let Ok(rate) = import::parse_fx_rate(text) {
        assert!(rate > rust_decimal::Decimal::ZERO, "rate {rate} from {text:?}");
        assert_eq!(import::parse_fx_rate(&rate.to_string()).map(|r| r.to_string()).ok(), Some(rate.to_string()));
    }
    if let Ok(Some(cur)) = import::parse_currency(text) {
        assert!(mille::money::is_iso_currency(&cur), "{text:?}");
    }
    if let Ok(p) = import::parse_platform(text) {
        assert_eq!(Platform::parse(p.as_str()), Some(p));
    }
    if let Some(f) = Format::parse(text) {
        assert_eq!(Format::parse(f.as_str()).as_ref().map(Format::as_str), Some(f.as_str()), "{text:?}");
    }
    // Export's formula-safe prefix and import's strip undo each other.
    let written = if import::needs_formula_prefix(text) { format!("'{text}") } else { text.to_string() };
    assert!(
        !matches!(written.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@')),
        "{written:?} would run as a formula"
    );
    assert_eq!(import::strip_formula_prefix(&written), text);
}

/// libFuzzer's panic hook aborts the process, which would turn a panic that Mille
/// catches on purpose (inside calamine, see `mille::import::panic_is_guarded`) into a
/// false crash. This hook lets those through (printing the first one, so a fuzzing
/// log still shows that calamine panicked) and leaves every other panic fatal.
pub fn install_guard_aware_hook() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static SHOWN: AtomicBool = AtomicBool::new(false);
    let fatal = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if import::panic_is_guarded() {
            if !SHOWN.swap(true, Ordering::Relaxed) {
                eprintln!("note: calamine panicked and Mille caught it: {info}");
            }
            return;
        }
        fatal(info);
    }));
}
