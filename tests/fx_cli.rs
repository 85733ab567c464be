//! `mille fx update FILE` through the real binary: a newer ECB history (csv or zip) is
//! kept and extends the bundled one; a bad file is refused in one sentence and changes
//! nothing.

mod common;
use common::{s, Env};
use std::io::Write;

/// Two days past the bundled history (which ends 2026-10-30), newest first as the ECB
/// writes it, with its trailing empty column and an `N/A`.
const NEWER: &str = "Date,USD,GBP,\n2026-11-03,1.2,N/A,\n2026-11-02,1.25,0.9,\n";

fn zipped(name: &str, text: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut buf);
    w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
    w.write_all(text.as_bytes()).unwrap();
    w.finish().unwrap();
    buf.into_inner()
}

#[test]
fn a_newer_history_is_kept_and_extends_the_bundled_one() {
    let env = Env::new();
    let csv = env.write("eurofxref-hist.csv", NEWER);
    let line = env.ok(&["fx", "update", s(&csv)]);
    assert_eq!(line, "ECB rates now run from 1999-01-04 to 2026-11-03 (7,128 days, 41 currencies)\n");
    let j = env.json(&["fx", "update", s(&csv)]);
    assert_eq!(j["first_date"], "1999-01-04");
    assert_eq!(j["last_date"], "2026-11-03");
    assert_eq!(j["days"], 7128);
    let currencies = j["currencies"].as_array().unwrap();
    assert_eq!(currencies.len(), 41);
    assert!(currencies.iter().any(|c| c == "USD") && currencies.iter().any(|c| c == "GBP"));
    assert_eq!(j.as_object().unwrap().len(), 4, "{j}");

    // The zip the ECB publishes reads the same, with a newer day still.
    let zip = env.path("eurofxref-hist.zip");
    std::fs::write(&zip, zipped("eurofxref-hist.csv", &NEWER.replace("2026-11-03", "2026-11-04"))).unwrap();
    assert_eq!(env.json(&["fx", "update", s(&zip)])["last_date"], "2026-11-04");
}

#[test]
fn a_history_that_ends_earlier_leaves_the_bundled_rates_in_use() {
    let env = Env::new();
    let csv = env.write("old.csv", "Date,USD\n2026-10-01,1.5\n");
    let line = env.ok(&["fx", "update", s(&csv)]);
    assert!(line.contains("runs to 2026-10-01, no further than the rates bundled with Mille"), "{line}");
    assert!(line.contains("to 2026-10-30 (7,126 days, 41 currencies)"), "{line}");
    assert_eq!(env.json(&["fx", "update", s(&csv)])["last_date"], "2026-10-30");
}

#[test]
fn a_bad_file_is_refused_in_one_sentence_and_changes_nothing() {
    let env = Env::new();
    let png = env.path("rates.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let bad_number =
        env.write("bad.csv", "Date,USD,GBP,\n2026-11-03,1.2,0.9,\n2026-11-02,1,25,0.9,\n2026-10-31,1.x,0.9,\n");
    let bad_line = "Date,USD,GBP,\n2026-11-03,1.2,0.9,\n2026-11-02,1.25,0.9x,\n";
    let bad_zip = env.path("bad.zip");
    std::fs::write(&bad_zip, zipped("eurofxref-hist.csv", bad_line)).unwrap();
    let empty_zip = env.path("empty.zip");
    std::fs::write(&empty_zip, zipped("readme.txt", "no rates here")).unwrap();
    let cases = [
        (&png, "rates.png is not a usable ECB rate history (it looks like a PNG image, not a CSV or zip file); nothing was changed."),
        (&bad_number, "line 3 has more values than the header has currencies"),
        (&bad_zip, "line 3: the GBP rate \"0.9x\" is not a number"),
        (&empty_zip, "the zip file holds no CSV file"),
    ];
    // With no database yet, none is created.
    for (file, want) in &cases {
        let (out, err) = env.fails(&["fx", "update", s(file)], 1);
        assert!(out.is_empty(), "{out}");
        assert!(err.contains(want), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
        assert!(err.trim_end().ends_with("nothing was changed."), "{err}");
    }
    assert!(!env.db.exists(), "no database was created");
    // With a history kept, the database stays byte for byte as it was.
    let good = env.write("good.csv", NEWER);
    env.ok(&["fx", "update", s(&good)]);
    let before = std::fs::read(&env.db).unwrap();
    for (file, _) in &cases {
        env.fails(&["fx", "update", s(file)], 1);
    }
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
    let (_, err) = env.fails(&["fx", "update", s(&env.path("missing.csv"))], 1);
    assert!(err.contains("Could not read") && err.contains("missing.csv"), "{err}");
}
