//! Tests of the ECB rates: the bundled history and quotes from it, the 7-day window
//! and half-up rounding, files refused or read (csv and zip alike), exact packing, and
//! a newer file extending the history.

use super::*;
use rust_decimal_macros::dec;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

#[test]
fn the_bundled_history_is_the_ecb_file_through_2026_10_30() {
    let started = std::time::Instant::now();
    let rates = Rates::bundled();
    eprintln!("Rates::bundled() parsed in {:?}", started.elapsed());
    assert_eq!(rates.first_date(), d("1999-01-04"));
    assert_eq!(rates.last_date(), d("2026-10-30"));
    assert_eq!(rates.days(), 7126);
    assert_eq!(rates.currencies().len(), 41);
    assert!(rates.currencies().contains(&"USD") && rates.currencies().contains(&"TRL"));
    // Parsed once: the same history afterwards.
    assert!(Arc::ptr_eq(&rates, &Rates::bundled()));
}

#[test]
fn quotes_from_the_real_history() {
    let rates = Rates::bundled();
    // (post date, currency, base, rate, ECB day used), worked by hand from the file:
    // 2026-10-30 USD 1.1172, GBP 0.8338, JPY 175.68; 2026-10-23 (Fri) USD 1.1193,
    // GBP 0.83728; 2024-12-31 CHF 0.9412; RUB 117.201 on 2022-03-01, N/A from 03-02.
    let cases = [
        ("2026-10-30", "EUR", "USD", dec!(1.1172), "2026-10-30"),
        ("2026-10-30", "USD", "EUR", dec!(0.895095), "2026-10-30"), // 1 / 1.1172 = 0.89509488…
        ("2026-10-30", "GBP", "USD", dec!(1.339890), "2026-10-30"), // 1.1172 / 0.8338 = 1.33988966…
        ("2026-10-30", "USD", "GBP", dec!(0.746330), "2026-10-30"), // 0.8338 / 1.1172 = 0.74632993…
        ("2026-10-30", "USD", "JPY", dec!(157.250269), "2026-10-30"), // 175.68 / 1.1172
        ("2026-10-30", "JPY", "USD", dec!(0.006359), "2026-10-30"), // 1.1172 / 175.68 = 0.0063593…
        // A Sunday takes the Friday before.
        ("2026-10-25", "EUR", "USD", dec!(1.1193), "2026-10-23"),
        ("2026-10-25", "GBP", "USD", dec!(1.336829), "2026-10-23"), // 1.1193 / 0.83728
        ("2024-12-31", "CHF", "EUR", dec!(1.062473), "2024-12-31"), // 1 / 0.9412
        // RUB is N/A from 2022-03-02: the last day that has it, within 7 days.
        ("2022-03-03", "RUB", "USD", dec!(0.009524), "2022-03-01"), // 1.1162 / 117.201
        ("2022-03-08", "RUB", "EUR", dec!(0.008532), "2022-03-01"), // 1 / 117.201, 7 days back
        ("1999-01-04", "EUR", "USD", dec!(1.1789), "1999-01-04"),
    ];
    for (date, currency, base, rate, used) in cases {
        let q = rates.quote(d(date), currency, base);
        assert_eq!(q, Ok(Quote { rate, date: d(used) }), "{date} {currency} in {base}");
    }
}

#[test]
fn what_the_real_history_cannot_answer() {
    let rates = Rates::bundled();
    let cases = [
        ("2022-03-09", "RUB", "USD", FxError::NoRate { currency: "RUB".into(), date: d("2022-03-09") }),
        // The base's rate missing names the base.
        ("2022-03-09", "USD", "RUB", FxError::NoRate { currency: "RUB".into(), date: d("2022-03-09") }),
        ("1998-12-31", "USD", "EUR", FxError::NoRate { currency: "USD".into(), date: d("1998-12-31") }),
        ("2026-10-31", "USD", "EUR", FxError::AfterHistory { date: d("2026-10-31"), last: d("2026-10-30") }),
        ("2026-10-30", "XAU", "USD", FxError::UnknownCurrency("XAU".into())),
        ("2026-10-30", "USD", "ARS", FxError::UnknownBase("ARS".into())),
    ];
    for (date, currency, base, want) in cases {
        assert_eq!(rates.quote(d(date), currency, base), Err(want), "{date} {currency} in {base}");
    }
    let e = rates.quote(d("2026-11-02"), "GBP", "USD").unwrap_err().to_string();
    assert_eq!(e, "2026-11-02 is after the last day of the ECB rates Mille has (2026-10-30)");
    assert_eq!(rates.quote(d("2026-11-02"), "USD", "USD"), Ok(Quote { rate: dec!(1), date: d("2026-11-02") }));
}

const TINY: &str = "Date,USD,AAA,BBB,\n\
    2025-01-20,1.5,2000000,1.0000005,\n\
    2025-01-10,1.25,N/A,8,\n\
    2025-01-09,N/A,4,N/A,\n";

#[test]
fn the_window_is_the_date_and_seven_days_back_and_rounding_is_half_up() {
    let rates = Rates::parse_csv(TINY).expect("parses");
    assert_eq!((rates.first_date(), rates.last_date(), rates.days()), (d("2025-01-09"), d("2025-01-20"), 3));
    let ok = |rate, used: &str| Ok(Quote { rate, date: d(used) });
    let no = |currency: &str, date: &str| Err(FxError::NoRate { currency: currency.into(), date: d(date) });
    let cases = [
        ("2025-01-10", "EUR", "USD", ok(dec!(1.25), "2025-01-10")),
        ("2025-01-17", "EUR", "USD", ok(dec!(1.25), "2025-01-10")), // 7 days back
        ("2025-01-18", "EUR", "USD", no("USD", "2025-01-18")),      // 8: a gap of more than 7 days
        ("2025-01-19", "BBB", "USD", no("BBB", "2025-01-19")),
        ("2025-01-20", "USD", "USD", ok(dec!(1), "2025-01-20")),
        // USD is N/A on the 9th: the 10th has no AAA, so no day in the window has both.
        ("2025-01-10", "AAA", "USD", no("AAA", "2025-01-10")),
        ("2025-01-09", "USD", "EUR", no("USD", "2025-01-09")),
        ("2025-01-10", "AAA", "EUR", ok(dec!(0.25), "2025-01-09")), // the day before has it
        ("2025-01-10", "BBB", "USD", ok(dec!(0.15625), "2025-01-10")), // 1.25 / 8
        // Exact midpoints round away from zero, never to even.
        ("2025-01-20", "AAA", "EUR", ok(dec!(0.000001), "2025-01-20")), // 1 / 2000000 = 0.0000005
        ("2025-01-20", "EUR", "BBB", ok(dec!(1.0000005), "2025-01-20")), // as published
        ("2025-01-20", "USD", "BBB", ok(dec!(0.666667), "2025-01-20")), // 1.0000005 / 1.5 = 0.6666670
        ("2025-01-20", "BBB", "AAA", ok(dec!(1999999), "2025-01-20")),  // 2000000 / 1.0000005 = 1999999.00000049999…
        ("2025-01-20", "BBB", "EUR", ok(dec!(1), "2025-01-20")), // 1 / 1.0000005 = 0.99999950000025 (just past half)
    ];
    for (date, currency, base, want) in cases {
        assert_eq!(rates.quote(d(date), currency, base), want, "{date} {currency} in {base}");
    }
}

#[test]
fn bad_files_are_refused_naming_what_and_where() {
    let cases = [
        ("", "the file is empty"),
        ("Day,USD\n2025-01-02,1.1\n", "its first line should start with Date"),
        ("Date,usd\n2025-01-02,1.1\n", "the header's \"usd\" is not a currency code"),
        ("Date,USD,USD\n2025-01-02,1.1,1.2\n", "the header has a column USD"),
        ("Date,USD,EUR\n2025-01-02,1.1,1\n", "the header has a column EUR"),
        ("Date,\n2025-01-02\n", "its header names no currency"),
        ("Date,USD\n", "it holds no day's rates"),
        ("Date,USD\n2025-01-02,1.1\n02/01/2025,1.2\n", "line 3: \"02/01/2025\" is not a date"),
        ("Date,USD,GBP\n2025-01-02,1.1,0.8\n2025-01-03,1.1x,0.8\n", "line 3: the USD rate \"1.1x\" is not a number"),
        ("Date,USD\n2025-01-02,-1.1\n", "line 2: the USD rate \"-1.1\" is not a number"),
        ("Date,USD\n2025-01-02,1e3\n", "line 2: the USD rate \"1e3\" is not a number"),
        ("Date,USD\n2025-01-02,0\n", "line 2: the USD rate 0 is not a usable rate"),
        ("Date,USD,GBP\n2025-01-02,1.1\n", "line 2 has 1 rate where the header has 2 currencies"),
        ("Date,USD\n2025-01-02,1.1,0.8\n", "line 2 has more values than the header has currencies"),
        ("Date,USD\n2025-01-02,1.1\n2025-01-02,1.2\n", "the day 2025-01-02 appears twice"),
    ];
    for (text, want) in cases {
        let e = Rates::parse_csv(text).unwrap_err();
        assert!(matches!(e, FxError::BadFile(_)), "{text:?}: {e:?}");
        assert!(e.to_string().contains(want), "{text:?}: {e}");
    }
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_eq!(
        Rates::parse_file(png).unwrap_err().to_string(),
        "not a usable ECB rate history (it looks like a PNG image, not a CSV or zip file)"
    );
    assert!(Rates::parse_file(b"PK\x03\x04 cut off").unwrap_err().to_string().contains("damaged zip"));
}

#[test]
fn csv_and_zip_files_read_alike_crlf_bom_and_all() {
    let crlf = format!("\u{feff}{}", TINY.replace('\n', "\r\n"));
    let from_csv = Rates::parse_file(crlf.as_bytes()).expect("csv");
    let mut zipped = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut zipped);
        w.start_file("eurofxref-hist.csv", zip::write::SimpleFileOptions::default()).expect("entry");
        std::io::Write::write_all(&mut w, TINY.as_bytes()).expect("write");
        w.finish().expect("finish");
    }
    let from_zip = Rates::parse_file(zipped.get_ref()).expect("zip");
    for rates in [&from_csv, &from_zip] {
        assert_eq!((rates.dates.clone(), rates.cells.clone()), (from_zip.dates.clone(), from_zip.cells.clone()));
        assert_eq!(rates.quote(d("2025-01-12"), "BBB", "USD").map(|q| q.rate), Ok(dec!(0.15625)));
    }
}

#[test]
fn packed_rates_keep_every_digit() {
    for text in ["1.1172", "20275.17", "372274", "0.58231", "1.0000005", "123456789012345.678"] {
        let v = Decimal::from_str(text).expect("decimal");
        assert_eq!(pack(v).and_then(unpack).map(|r| r.to_string()), Some(text.to_string()));
    }
    assert_eq!(pack(dec!(0)), None);
    assert_eq!(pack(dec!(1234567890123456789)), None);
}

#[test]
fn a_newer_file_extends_the_history() {
    let old = Rates::parse_csv("Date,USD,GBP\n2025-01-02,1.1,0.8\n2025-01-03,1.2,0.81\n").expect("old");
    let new = Rates::parse_csv("Date,JPY,USD\n2025-01-03,160,1.3\n2025-01-06,161,1.4\n").expect("new");
    let all = old.extended_by(&new);
    assert_eq!(all.currencies, ["USD", "GBP", "JPY"]);
    assert_eq!(all.dates, [d("2025-01-02"), d("2025-01-03"), d("2025-01-06")]);
    let rate = |date: &str, c: &str| all.quote(d(date), c, "EUR").map(|q| (q.rate, q.date));
    assert_eq!(rate("2025-01-02", "USD"), Ok((dec!(0.909091), d("2025-01-02"))));
    assert_eq!(rate("2025-01-03", "USD"), Ok((dec!(0.769231), d("2025-01-03")))); // the newer file's 1.3
                                                                                  // The newer file has no GBP: the older file's rate of that day stays.
    assert_eq!(rate("2025-01-03", "GBP"), Ok((dec!(1.234568), d("2025-01-03"))));
    assert_eq!(rate("2025-01-06", "JPY"), Ok((dec!(0.006211), d("2025-01-06"))));
    assert_eq!(all.last_date(), d("2025-01-06"));
}
