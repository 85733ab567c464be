//! The rules of csv-format.md, one table row (or test) each, through the public
//! import/export API: what a user would check when a file is read or refused.

use mille::export::write_csv;
use mille::import::{read_csv, read_path, read_spreadsheet, ImportError, ImportOptions, Parsed};
use mille::model::{Format, Metrics, Platform, PostData};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::str::FromStr;

const H: &str = "date,brand,platform,format,fee";

fn opts() -> ImportOptions {
    ImportOptions::default()
}

fn read_with(bytes: &[u8], o: &ImportOptions) -> Result<Parsed, Vec<String>> {
    match read_csv(bytes, o) {
        Ok(p) => Ok(p),
        Err(ImportError::Refused { errors, total, .. }) => {
            assert_eq!(errors.len(), total, "every error is stored for small files");
            Err(errors.iter().map(ToString::to_string).collect())
        }
        Err(e) => panic!("unexpected {e}"),
    }
}

fn ok(text: &str) -> Parsed {
    read_with(text.as_bytes(), &opts()).unwrap_or_else(|e| panic!("refused: {e:#?}\n{text}"))
}

fn errs(text: &str) -> Vec<String> {
    match read_with(text.as_bytes(), &opts()) {
        Ok(p) => panic!("accepted {:?}\n{text}", p.rows),
        Err(e) => e,
    }
}

fn one(text: &str) -> PostData {
    let p = ok(text);
    assert_eq!(p.rows.len(), 1, "{text}");
    p.rows[0].post.clone()
}

fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_plain_row_reads_every_column() {
    let text = "date,brand,platform,format,fee,currency,fx_rate,impressions,reach,views,likes,comments,shares,saves,clicks,campaign,url,notes\n\
                2025-03-04,Acme,instagram,reel,1250.00,EUR,1.0853,48000,30000,25000,1200,80,15,40,300,Spring,https://x.test/1,great\n";
    let p = one(text);
    assert_eq!(
        p,
        PostData {
            date: d(2025, 3, 4),
            brand: "Acme".into(),
            platform: Platform::Instagram,
            format: Format::parse("reel").unwrap(),
            fee: dec!(1250.00),
            currency: "EUR".into(),
            fx_rate: Some(dec!(1.0853)),
            metrics: Metrics {
                impressions: Some(48000),
                reach: Some(30000),
                views: Some(25000),
                likes: Some(1200),
                comments: Some(80),
                shares: Some(15),
                saves: Some(40),
                clicks: Some(300),
            },
            campaign: "Spring".into(),
            url: "https://x.test/1".into(),
            notes: "great".into(),
        }
    );
    assert_eq!(p.fee.to_string(), "1250.00", "fee kept exactly as written");
    assert_eq!(p.fx_rate.unwrap().to_string(), "1.0853");
}

#[test]
fn optional_columns_may_be_absent_or_empty() {
    let p = one(&format!("{H},impressions,currency\n2025-03-04,Acme,tiktok,video,0,,\n"));
    assert_eq!(p.currency, "USD", "empty currency = base");
    assert_eq!(p.fx_rate, None);
    assert_eq!(p.metrics, Metrics::default(), "empty = not known");
    assert_eq!(p.fee, dec!(0), "0 means gifted");
    let o = ImportOptions::with_base("GBP");
    let p = read_with(format!("{H}\n2025-03-04,Acme,tiktok,video,10\n").as_bytes(), &o).unwrap();
    assert_eq!(p.rows[0].post.currency, "GBP");
}

#[test]
fn header_is_case_and_separator_insensitive_and_order_free() {
    let p = one("Notes,FEE,Platform,fx-rate,Currency, BRAND ,Date,Format\nhi,100,IG,1.1,eur,Acme,2025-01-02,Reels\n");
    assert_eq!(p.brand, "Acme");
    assert_eq!(p.platform, Platform::Instagram);
    assert_eq!(p.format.as_str(), "reel");
    assert_eq!(p.fx_rate, Some(dec!(1.1)));
    assert_eq!(p.notes, "hi");
}

#[test]
fn aliases_and_the_mapping_report() {
    let p =
        ok("Post Date,Sponsor,Platform,Deliverable,Rate (EUR),FX Rate,Impr,Video Views,Link Clicks,Deal,Post URL\n\
                2025-01-02,Acme,YT,Integration,900,1.08,1000,900,12,Q1,https://y.test\n");
    let post = &p.rows[0].post;
    assert_eq!(post.currency, "EUR", "Rate (EUR) sets the currency");
    assert_eq!(post.metrics.impressions, Some(1000));
    assert_eq!(post.metrics.views, Some(900));
    assert_eq!(post.metrics.clicks, Some(12));
    assert_eq!(post.campaign, "Q1");
    assert_eq!(post.url, "https://y.test");
    let m: Vec<(&str, &str)> = p.mapping.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        m,
        vec![
            ("Post Date", "date"),
            ("Sponsor", "brand"),
            ("Platform", "platform"),
            ("Deliverable", "format"),
            ("Rate (EUR)", "fee"),
            ("FX Rate", "fx_rate"),
            ("Impr", "impressions"),
            ("Video Views", "views"),
            ("Link Clicks", "clicks"),
            ("Deal", "campaign"),
            ("Post URL", "url"),
        ]
    );
}

#[test]
fn header_currency_must_agree_with_the_currency_cell() {
    let e = errs("date,brand,platform,format,Fee (USD),currency\n2025-01-02,Acme,x,post,900,EUR\n");
    assert_eq!(e, vec!["line 2, column Fee (USD): the amount is in USD but the currency is EUR (900)"]);
}

#[test]
fn unknown_columns_are_a_warning() {
    let p = ok(&format!("{H},Followers\n2025-01-02,Acme,x,post,9,12000\n"));
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.warnings, vec!["column \"Followers\" is not a campaign column and is ignored"]);
}

#[test]
fn map_completes_and_overrides() {
    let o = ImportOptions {
        base_currency: "USD".into(),
        maps: vec![("Betrag".into(), "fee".into()), ("Kunde".into(), "brand".into())],
        ..ImportOptions::default()
    };
    let p = read_with(b"date,Kunde,platform,format,Betrag\n2025-01-02,Acme,x,post,9\n", &o).unwrap();
    assert_eq!(p.rows[0].post.fee, dec!(9));
    assert_eq!(p.rows[0].post.brand, "Acme");
    assert!(p.mapping.contains(&("Betrag".into(), "fee".into())));
    let e = read_with(
        format!("{H}\n2025-01-02,Acme,x,post,9\n").as_bytes(),
        &ImportOptions {
            base_currency: "USD".into(),
            maps: vec![("Betrag".into(), "fee".into())],
            ..ImportOptions::default()
        },
    )
    .unwrap_err();
    assert!(e[0].starts_with("line 1, column Betrag: the mapping names a header that is not in the file"), "{e:?}");
}

#[test]
fn header_refusals_are_on_line_1() {
    for (text, want) in [
        ("date,brand,platform,fee\n2025-01-02,Acme,x,9\n", "line 1, column format: the file has no format column"),
        (
            "date,brand,platform,format,Rate,Amount\n",
            "line 1, column Amount: headers \"Rate\" and \"Amount\" would both be read as fee",
        ),
        (
            "Post Date,Posted,brand,platform,format,fee\n",
            "line 1, column Posted: headers \"Post Date\" and \"Posted\" would both be read as date",
        ),
        ("", "line 1, column date: the file is empty"),
        ("\n\n", "line 1, column date: the file is empty"),
    ] {
        let e = errs(text);
        assert!(e[0].starts_with(want), "{text:?}: {e:?}");
    }
}

#[test]
fn a_header_without_rows_is_not_an_error() {
    let p = ok(&format!("{H}\n"));
    assert!(p.rows.is_empty());
    let p = ok(H);
    assert!(p.rows.is_empty());
}

#[test]
fn line_numbers_count_empty_lines_and_quoted_newlines() {
    let text = format!(
        "{H},notes\n\
         2025-01-01,A,x,post,1,\"two\nlines\"\n\
         \n\
         2025-01-02,B,x,post,1,\n\
         2025-01-03,C,x,post,oops,\n\
         \r\n\
         2025-01-04,D,x,post,1,\"a\r\nb\r\nc\"\n\
         2025-01-05,E,nope,post,1,\n"
    );
    let e = errs(&text);
    assert_eq!(
        e,
        vec![
            "line 6, column fee: not an amount; in a comma-separated file write it like 1250.00 or 1,250.00 (oops)"
                .to_string(),
            format!(
                "line 11, column platform: unknown platform; the known platforms are {} (nope)",
                Platform::known_list()
            ),
        ]
    );
    let ok_text = text.replace("oops", "2").replace("nope", "x");
    let lines: Vec<usize> = ok(&ok_text).rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 5, 6, 8, 11]);
}

#[test]
fn crlf_files_and_whitespace_only_lines() {
    let text = format!("{H}\r\n2025-01-01,A,x,post,1\r\n   \r\n,,,,\r\n2025-01-02,B,x,post,2\r\n");
    let p = ok(&text);
    assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 5]);
}

#[test]
fn wrong_field_counts_are_errors() {
    let e = errs(&format!("{H}\n2025-01-01,A,x,post\n2025-01-01,A,x,post,1,extra\n2025-01-01,A,x,post,1\n"));
    assert_eq!(
        e,
        vec![
            "line 2, column fee: the row has 4 fields but the header has 5 (empty)",
            "line 3, column field 6: the row has 6 fields but the header has 5 (extra)",
        ]
    );
}

#[test]
fn rfc4180_quoting() {
    let p = one(&format!("{H},notes\n2025-01-01,\"Acme, \"\"Inc.\"\"\",x,post,\"1,250.00\",\"a,b\nc\"\n"));
    assert_eq!(p.brand, "Acme, \"Inc.\"");
    assert_eq!(p.fee.to_string(), "1250.00");
    assert_eq!(p.notes, "a,b\nc");
}

#[test]
fn every_field_is_trimmed() {
    let p = one(&format!("{H},currency,notes\n 2025-01-01 ,  Acme  , IG , Reels ,\"  $1,250  \", usd ,  hi there  \n"));
    assert_eq!(p.brand, "Acme");
    assert_eq!(p.notes, "hi there");
    assert_eq!(p.fee, dec!(1250));
    assert_eq!(p.currency, "USD");
}

#[test]
fn required_values_may_not_be_empty() {
    let e = errs(&format!("{H}\n,  ,x,,\n"));
    assert_eq!(
        e,
        vec![
            "line 2, column date: a date is required in every row (empty)",
            "line 2, column brand: a brand is required in every row (empty)",
            "line 2, column format: a format is required in every row (empty)",
            "line 2, column fee: a fee is required in every row (empty)",
        ]
    );
}

#[test]
fn errors_are_listed_all_in_line_order_and_column_order() {
    let e = errs(
        "Fee,Date,brand,platform,format,Impressions\n\
         x,2025-01-01,A,x,post,1\n\
         1,4 Smarch 2025,A,instagarm,post,-5\n\
         1,2025-02-30,A,x,post,1,25,000\n",
    );
    assert_eq!(
        e,
        vec![
            "line 2, column Fee: not an amount; in a comma-separated file write it like 1250.00 or 1,250.00 (x)"
                .to_string(),
            "line 3, column Date: not a date; write it like 2025-03-04, 4/3/2025 or March 4, 2025 (4 Smarch 2025)"
                .to_string(),
            format!(
                "line 3, column platform: unknown platform; the known platforms are {} (instagarm)",
                Platform::known_list()
            ),
            "line 3, column Impressions: must be 0 or more (-5)".to_string(),
            "line 4, column field 7: the row has 8 fields but the header has 6 (25)".to_string(),
        ]
    );
}

#[test]
fn dates() {
    for (value, want) in [
        ("2025-03-04", Ok(d(2025, 3, 4))),
        ("2025/03/04", Ok(d(2025, 3, 4))),
        ("2024-02-29", Ok(d(2024, 2, 29))),
        // real-files.md: the other forms people write (a lone 03/04/2025 asks its order).
        ("13/04/2025", Ok(d(2025, 4, 13))),
        ("2025-3-4", Ok(d(2025, 3, 4))),
        ("4 March 2025", Ok(d(2025, 3, 4))),
        ("March 4", Err("the date has no year; write the year too (March 4)")),
        ("4th of Smarch", Err("not a date; write it like 2025-03-04, 4/3/2025 or March 4, 2025 (4th of Smarch)")),
        ("2025-02-29", Err("no such day on the calendar (2025-02-29)")),
        ("2025-13-01", Err("no such day on the calendar (2025-13-01)")),
    ] {
        let text = format!("{H}\n{value},A,x,post,1\n");
        match want {
            Ok(date) => assert_eq!(one(&text).date, date, "{value}"),
            Err(msg) => assert_eq!(errs(&text), vec![format!("line 2, column date: {msg}")], "{value}"),
        }
    }
}

#[test]
fn platforms_and_formats() {
    for (value, want) in [
        ("IG", Platform::Instagram),
        ("Insta", Platform::Instagram),
        ("YT", Platform::Youtube),
        ("Twitter", Platform::X),
        ("TT", Platform::Tiktok),
        ("LinkedIn", Platform::Linkedin),
    ] {
        assert_eq!(one(&format!("{H}\n2025-01-01,A,{value},post,1\n")).platform, want, "{value}");
    }
    for (value, want) in [
        ("Reels", "reel"),
        ("Stories", "story"),
        ("IG Story", "story"),
        ("SHORT", "short"),
        ("Unboxing Video", "unboxing-video"),
    ] {
        assert_eq!(one(&format!("{H}\n2025-01-01,A,x,{value},1\n")).format.as_str(), want, "{value}");
    }
    let e = errs(&format!("{H}\n2025-01-01,A,Instagarm,post,1\n"));
    assert_eq!(
        e,
        vec!["line 2, column platform: unknown platform; the known platforms are instagram, tiktok, youtube, x, linkedin, twitch, facebook, snapchat, pinterest, podcast, newsletter, blog, other (Instagarm)"]
    );
}

#[test]
fn money_in_a_comma_file() {
    for (value, fee, cur) in [
        ("1250", "1250", "USD"),
        ("1250.00", "1250.00", "USD"),
        ("\"1,250.00\"", "1250.00", "USD"),
        ("$1250", "1250", "USD"),
        ("\"$1,250\"", "1250", "USD"),
        ("1250 USD", "1250", "USD"),
        ("USD 1250", "1250", "USD"),
        ("1250 eur", "1250", "EUR"),
        ("0.123456", "0.123456", "USD"),
        ("0", "0", "USD"),
        // real-files.md: a value read only one way settles the decimal comma.
        ("\"1.250,00\"", "1250.00", "USD"),
        ("\"1250,00\"", "1250.00", "USD"),
        ("\"1 250,00 $\"", "1250.00", "USD"),
    ] {
        let text = format!("{H},fx_rate\n2025-01-01,A,x,post,{value},{}\n", if cur == "USD" { "" } else { "1.1" });
        let p = one(&text);
        assert_eq!((p.fee.to_string().as_str(), p.currency.as_str()), (fee, cur), "{value}");
    }
    for (value, msg) in [
        ("\"1,25,000\"", "thousands groups must have exactly 3 digits (1,25,000)"),
        ("-5", "must be 0 or more (-5)"),
        ("1250 XYZ", "unknown currency code XYZ (1250 XYZ)"),
        ("€1250", "€ is not the base currency USD; fill in the currency column (€1250)"),
        ("free", "not an amount; in a comma-separated file write it like 1250.00 or 1,250.00 (free)"),
    ] {
        assert_eq!(
            errs(&format!("{H}\n2025-01-01,A,x,post,{value}\n")),
            vec![format!("line 2, column fee: {msg}")],
            "{value}"
        );
    }
}

#[test]
fn currency_symbols_and_codes_agree_with_the_currency_column() {
    let row =
        |fee: &str, cur: &str, fx: &str| format!("{H},currency,fx_rate\n2025-01-01,A,x,post,\"{fee}\",{cur},{fx}\n");
    assert_eq!(one(&row("$1,250", "CAD", "0.73")).currency, "CAD");
    assert_eq!(one(&row("$1,250", "AUD", "0.65")).currency, "AUD");
    assert_eq!(one(&row("¥150000", "JPY", "0.0067")).currency, "JPY");
    assert_eq!(one(&row("¥1000", "CNY", "0.14")).currency, "CNY");
    assert_eq!(one(&row("£900", "gbp", "1.27")).currency, "GBP");
    assert_eq!(one(&row("900 €", "EUR", "1.08")).currency, "EUR");
    assert_eq!(
        errs(&row("$1,250", "EUR", "1.1")),
        vec!["line 2, column fee: the amount is in $ but the currency is EUR ($1,250)"]
    );
    assert_eq!(
        errs(&row("€1,250", "GBP", "1.1")),
        vec!["line 2, column fee: the amount is in € but the currency is GBP (€1,250)"]
    );
    assert_eq!(
        errs(&row("1250 USD", "EUR", "1.1")),
        vec!["line 2, column fee: the amount is in USD but the currency is EUR (1250 USD)"]
    );
    assert_eq!(
        errs(&row("1250", "EURO", "1.1")),
        vec!["line 2, column currency: not a currency code; use an ISO 4217 code such as USD or EUR (EURO)"]
    );
    assert_eq!(
        errs(&row("1250", "ABC", "1.1")),
        vec!["line 2, column currency: unknown currency code; use an ISO 4217 code such as USD or EUR (ABC)"]
    );
    // With the currency empty, a symbol stands for the base currency when it agrees.
    let eur = ImportOptions::with_base("EUR");
    let p = read_with(row("€1.250", "", "").replace("€1.250", "€1,250").as_bytes(), &eur).unwrap();
    assert_eq!((p.rows[0].post.currency.as_str(), p.rows[0].post.fee), ("EUR", dec!(1250)));
    let e = read_with(row("$1,250", "", "").as_bytes(), &eur).unwrap_err();
    assert_eq!(e, vec!["line 2, column fee: $ is not the base currency EUR; fill in the currency column ($1,250)"]);
}

#[test]
fn fx_rate_rules() {
    let row = |cur: &str, fx: &str| format!("{H},currency,fx_rate\n2025-01-01,A,x,post,100,{cur},{fx}\n");
    assert_eq!(one(&row("EUR", "1.0853")).fx_rate, Some(dec!(1.0853)));
    assert_eq!(one(&row("", "")).fx_rate, None);
    assert_eq!(one(&row("USD", "1")).fx_rate, None, "1 on a base row is stored as none");
    assert_eq!(one(&row("USD", "1.00")).fx_rate, None);
    // No rate: the ECB's of the post's date, or of the last day before it with one
    // (2025-01-01 is a holiday: 2024-12-31, USD 1.0389 per EUR).
    assert_eq!(one(&row("EUR", "")).fx_rate, Some(dec!(1.0389)));
    // GBP through the euro: 1.0389 / 0.82918 = 1.252925…, half up to 6 places.
    assert_eq!(one(&row("GBP", "")).fx_rate, Some(dec!(1.252925)));
    for (cur, fx, msg) in [
        ("ARS", "", "line 2, column fx_rate: an fx rate is required: the ECB publishes no euro reference rate for ARS; fill in the fx rate for this row (empty)"),
        ("USD", "1.1", "line 2, column fx_rate: on a USD row (the base currency) the fx rate must be empty or 1 (1.1)"),
        ("EUR", "0", "line 2, column fx_rate: an fx rate must be greater than 0 (0)"),
        ("EUR", "-1.1", "line 2, column fx_rate: an fx rate must be greater than 0 (-1.1)"),
        ("EUR", "\"1,0853\"", "line 2, column fx_rate: not an fx rate; write it like 1.0853, with no thousands separators (1,0853)"),
    ] {
        assert_eq!(errs(&row(cur, fx)), vec![msg.to_string()], "{cur} {fx}");
    }
    // No fx_rate column at all: the ECB's rate, else still required on a foreign row.
    assert_eq!(one(&format!("{H},currency\n2025-01-01,A,x,post,100,EUR\n")).fx_rate, Some(dec!(1.0389)));
    assert_eq!(
        errs(&format!("{H},currency\n2026-11-02,A,x,post,100,EUR\n")),
        vec!["line 2, column fx_rate: an fx rate is required: 2026-11-02 is after the last day of the ECB rates Mille has (2026-10-30); fill in the fx rate for this row (empty)"]
    );
}

#[test]
fn integers() {
    for (value, want) in [
        ("12345", 12345u64),
        ("\"12,345\"", 12345),
        ("\"1,234,567\"", 1_234_567),
        ("0", 0),
        ("1000000000000", 1_000_000_000_000),
        ("12.345", 12345),
    ] {
        // `12.345`: in a `,` file that settles nothing, its one whole reading (real-files.md).
        let p = one(&format!("{H},views\n2025-01-01,A,x,post,1,{value}\n"));
        assert_eq!(p.metrics.views, Some(want), "{value}");
    }
    for (value, msg) in [
        ("\"1,25,000\"", "thousands groups must have exactly 3 digits (1,25,000)"),
        ("12.5", "not a whole number (12.5)"),
        ("-3", "must be 0 or more (-3)"),
        ("9223372036854775808", "too large a number (9223372036854775808)"),
        // The input's bound (issue 14): no post has more than 10^12 of anything.
        ("1000000000001", "more than 1,000,000,000,000, which Mille does not take (1000000000001)"),
        ("lots", "not a whole number (lots)"),
    ] {
        assert_eq!(
            errs(&format!("{H},views\n2025-01-01,A,x,post,1,{value}\n")),
            vec![format!("line 2, column views: {msg}")],
            "{value}"
        );
    }
}

#[test]
fn semicolon_files_read_the_decimal_comma() {
    let text = "date;brand;platform;format;fee;currency;fx_rate;impressions;likes\n\
                2025-01-01;Acme;x;post;1.250,00;EUR;1,0853;12.345;1 234\n\
                2025-01-02;Acme;x;post;1 250,5;;;12345;\n\
                2025-01-03;Acme;x;post;1250,00;USD;1;;\n";
    let p = ok(text);
    let fees: Vec<String> = p.rows.iter().map(|r| r.post.fee.to_string()).collect();
    assert_eq!(fees, vec!["1250.00", "1250.5", "1250.00"]);
    // A file whose values settle a convention reads its other values under it alone:
    // `1,250.00` after `1.250,00` is an error quoting both (real-files.md "Numbers").
    let e = errs(&format!("{text}2025-01-04;Acme;x;post;1,250.00;USD;;;\n"));
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("line 5, column fee: ")
            && e[0].contains("(1.250,00 on line 2)")
            && e[0].ends_with("(1,250.00)"),
        "{e:?}"
    );
    assert_eq!(p.rows[0].post.fx_rate, Some(dec!(1.0853)));
    assert_eq!(p.rows[0].post.metrics.impressions, Some(12345));
    assert_eq!(p.rows[0].post.metrics.likes, Some(1234));
    assert_eq!(p.rows[2].post.fx_rate, None);
    // Ambiguous amounts are errors, never guesses.
    let e = errs("date;brand;platform;format;fee\n2025-01-01;A;x;post;1,250\n2025-01-01;A;x;post;1.250\n");
    assert_eq!(
        e,
        vec![
            "line 2, column fee: could be read as 1250 or 1.250; write it without thousands separators or with decimals (1,250)",
            "line 3, column fee: could be read as 1.250 or 1250; write it without thousands separators or with decimals (1.250)",
        ]
    );
    // Still errors once the file settled the decimal comma: a single separator and
    // three digits has two readings in a `;` file whatever came before (real-files.md).
    let e = errs(&format!("{text}2025-01-04;A;x;post;1,250;USD;;;\n2025-01-05;A;x;post;€1.250;EUR;1,1;;\n"));
    assert_eq!(
        e,
        vec![
            "line 5, column fee: could be read as 1250 or 1.250; write it without thousands separators or with decimals (1,250)",
            "line 6, column fee: could be read as 1.250 or 1250; write it without thousands separators or with decimals (€1.250)",
        ]
    );
    // In a `,` file that settled the decimal point, `1,250` has one reading: 1250.
    let p = ok(&format!("{H}\n2025-01-01,A,x,post,\"1,250.50\"\n2025-01-02,A,x,post,\"1,250\"\n"));
    assert_eq!(p.rows[1].post.fee, dec!(1250));
    // A `,` file that settled the decimal comma (a quoted `25,93`): `1,250` is two again.
    let e = errs(&format!("{H}\n2025-01-01,A,x,post,\"25,93\"\n2025-01-02,A,x,post,\"1,250\"\n"));
    assert_eq!(e, vec!["line 3, column fee: could be read as 1250 or 1.250; write it without thousands separators or with decimals (1,250)"]);
    // Integers: `,` is not a thousands separator there.
    let e = errs("date;brand;platform;format;fee;views\n2025-01-01;A;x;post;1;12,345\n");
    assert_eq!(e, vec!["line 2, column views: not a whole number (12,345)"]);
}

#[test]
fn tab_files_are_detected_too() {
    let p = ok("date\tbrand\tplatform\tformat\tfee\tnotes\n2025-01-01\tA, B\tx\tpost\t99,50\tsemi; colon\n");
    assert_eq!(p.rows[0].post.brand, "A, B");
    assert_eq!(p.rows[0].post.fee.to_string(), "99.50");
    assert_eq!(p.rows[0].post.notes, "semi; colon");
}

#[test]
fn comma_wins_when_the_header_reads_with_it() {
    // The header reads with `,`: `;` inside values does not switch the delimiter, and
    // the decimal comma is not read.
    let p = ok("date,brand,platform,format,fee,notes\n2025-01-01,A;B,x,post,5,x;y\n");
    assert_eq!(p.rows[0].post.brand, "A;B");
    // A value read only one way settles the file's convention (real-files.md): here
    // the decimal comma, though the file is `,`-delimited.
    assert_eq!(one("date,brand,platform,format,fee\n2025-01-01,A,x,post,\"1250,00\"\n").fee.to_string(), "1250.00");
}

#[test]
fn encodings() {
    let body = format!("{H}\n2025-01-01,Café Müller,x,post,1\n");
    // UTF-8 with BOM.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(body.as_bytes());
    let p = read_with(&bom, &opts()).unwrap();
    assert_eq!(p.rows[0].post.brand, "Café Müller");
    assert!(p.warnings.is_empty());
    // Windows-1252 (not valid UTF-8): read, with a warning.
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&body);
    let p = read_with(&cp1252, &opts()).unwrap();
    assert_eq!(p.rows[0].post.brand, "Café Müller");
    assert_eq!(p.warnings, vec!["the file is not valid UTF-8; it was read as Windows-1252"]);
    // UTF-16 with a BOM, both byte orders.
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in body.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(read_with(&le, &opts()).unwrap().rows[0].post.brand, "Café Müller");
    assert_eq!(read_with(&be, &opts()).unwrap().rows[0].post.brand, "Café Müller");
}

#[test]
fn text_is_never_interpreted_and_the_formula_prefix_is_stripped() {
    for (value, want) in [
        ("'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")", "=HYPERLINK(\"http://x\",\"y\")"),
        ("=HYPERLINK(\"\"http://x\"\",\"\"y\"\")", "=HYPERLINK(\"http://x\",\"y\")"),
        ("'+cmd", "+cmd"),
        ("'-1", "-1"),
        ("'@x", "@x"),
        ("''quoted", "'quoted"),
        ("'tis", "'tis"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("#set page(width: 1pt)", "#set page(width: 1pt)"),
    ] {
        let p = one(&format!("{H},notes\n2025-01-01,\"{value}\",x,post,1,\"{value}\"\n"));
        assert_eq!(p.brand, want, "{value}");
        assert_eq!(p.notes, want, "{value}");
    }
}

#[test]
fn errors_are_counted_past_the_stored_limit() {
    let mut text = format!("{H}\n");
    for _ in 0..10_005 {
        text.push_str("2025-01-01,A,x,post,bad\n");
    }
    match read_csv(text.as_bytes(), &opts()) {
        Err(ImportError::Refused { errors, total, .. }) => {
            assert_eq!(total, 10_005);
            assert_eq!(errors.len(), 10_000);
            assert_eq!(errors[0].line, 2);
            assert!(errors.windows(2).all(|w| w[0].line < w[1].line));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn refused_message_is_one_sentence_naming_the_first_error() {
    let e =
        read_csv(format!("{H}\n2025-01-01,A,x,post,bad\n2025-01-01,A,x,post,bad\n").as_bytes(), &opts()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "nothing was imported: line 2, column fee: not an amount; in a comma-separated file write it like 1250.00 or 1,250.00 (bad), and 1 more error"
    );
}

// ----- round trip ------------------------------------------------------------------

/// A small deterministic generator (xorshift64*), so the test needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const HOSTILE: &[&str] = &[
    "=HYPERLINK(\"http://x\",\"y\")",
    "+cmd|' /C calc'!A0",
    "-1",
    "@x",
    "'quoted",
    "''double",
    "<img src=x onerror=alert(1)>",
    "#set page(width: 1pt)",
    "say \"hi\", then leave",
    "two\nlines",
    "crlf\r\ninside",
    "\u{200F}مرحبا\u{200E} RTL",
    "emoji 🎉👩‍👩‍👧",
    "semi;colon\ttab",
    "Café Müller",
    "plain",
];

fn generate(seed: u64, n: usize) -> Vec<PostData> {
    let mut r = Rng(seed);
    let formats = [
        "reel",
        "story",
        "post",
        "carousel",
        "video",
        "short",
        "live",
        "integration",
        "dedicated",
        "midroll",
        "sponsorship",
        "unboxing-video",
        "-dash",
    ];
    (0..n)
        .map(|i| {
            let foreign = r.below(3) == 0;
            let scale = r.below(5) as u32;
            let fee = match i % 7 {
                0 => dec!(1250.00),
                1 => dec!(0.5),
                2 => dec!(0),
                _ => Decimal::new(r.below(100_000_000) as i64, scale),
            };
            let mut metrics = Metrics::default();
            for name in Metrics::NAMES {
                let v = match r.below(5) {
                    0 => None,
                    1 => Some(0),
                    2 => Some(1_000_000_000_000), // the largest count Mille takes
                    _ => Some(r.below(10_000_000_000)),
                };
                *metrics.slot_mut(name).unwrap() = v;
            }
            let notes = if i % 10 == 0 {
                let unit = "note with 🎉, \"quotes\"\nand lines; ";
                let mut s = String::from("=start ");
                while s.chars().count() < 5000 {
                    s.push_str(unit);
                }
                let mut s: String = s.chars().take(4999).collect();
                s.push('.');
                s
            } else if r.below(3) == 0 {
                String::new()
            } else {
                r.pick(HOSTILE).to_string()
            };
            PostData {
                date: d(2020, 1, 1) + chrono::Days::new(r.below(2500)),
                brand: format!("{} {}", r.pick(HOSTILE), i).trim().to_string(),
                platform: Platform::ALL[r.below(13) as usize],
                format: Format::parse(r.pick(&formats)).unwrap(),
                fee,
                currency: if foreign { r.pick(&["EUR", "GBP", "JPY", "CAD"]).to_string() } else { "USD".into() },
                fx_rate: foreign.then(|| Decimal::new(r.below(2_000_000) as i64 + 1, r.below(7) as u32)),
                metrics,
                campaign: if r.below(2) == 0 { String::new() } else { r.pick(HOSTILE).to_string() },
                url: if r.below(2) == 0 {
                    format!("https://example.test/p/{i}?a=1&b=2")
                } else {
                    r.pick(HOSTILE).to_string()
                },
                notes,
            }
        })
        .collect()
}

#[test]
fn export_then_import_gives_back_the_same_posts() {
    let posts = generate(0x5EED_1234, 400);
    assert!(posts.iter().any(|p| p.fx_rate.is_some()) && posts.iter().any(|p| p.notes.chars().count() == 5000));
    let mut out = Vec::new();
    write_csv(posts.iter(), &mut out).unwrap();
    let back = read_with(&out, &opts()).unwrap_or_else(|e| panic!("{:#?}", &e[..e.len().min(5)]));
    // The one thing said of a generated history: YouTube posts whose impressions count
    // thumbnail showings (real-files.md).
    assert!(back.warnings.iter().all(|w| w.contains("YouTube posts have impressions over 5×")), "{:?}", back.warnings);
    assert_eq!(back.rows.len(), posts.len());
    for (want, got) in posts.iter().zip(&back.rows) {
        assert_eq!(&got.post, want, "line {}", got.line);
        assert_eq!(got.post.fee.to_string(), want.fee.to_string(), "fee scale kept");
        assert_eq!(got.post.fx_rate.map(|r| r.to_string()), want.fx_rate.map(|r| r.to_string()));
    }
    // And again: the second export is byte-identical.
    let mut again = Vec::new();
    write_csv(back.rows.iter().map(|r| &r.post), &mut again).unwrap();
    assert_eq!(out, again);
}

// ----- spreadsheets ----------------------------------------------------------------

fn xlsx_book(rows: &[Vec<Cell>], sheet: &str, other_first: bool) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook};
    let mut wb = Workbook::new();
    if other_first {
        let s = wb.add_worksheet();
        s.set_name("Summary").unwrap();
        s.write_string(0, 0, "not the posts").unwrap();
    }
    let s = wb.add_worksheet();
    s.set_name(sheet).unwrap();
    let date_fmt = XFormat::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        // Row 1 (index 0) left empty: lines are spreadsheet row numbers.
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::S(t) => s.write_string(r, c, *t).map(|_| ()).unwrap(),
                Cell::N(n) => s.write_number(r, c, *n).map(|_| ()).unwrap(),
                Cell::D(y, m, d) => s
                    .write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date_fmt)
                    .map(|_| ())
                    .unwrap(),
                Cell::E => {}
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

enum Cell {
    S(&'static str),
    N(f64),
    D(u16, u8, u8),
    E,
}

fn sheet_header() -> Vec<Cell> {
    ["Date", "Brand", "Platform", "Format", "Fee", "Currency", "FX Rate", "Impressions", "Notes"].map(Cell::S).into()
}

#[test]
fn xlsx_cells_by_type_and_the_posts_sheet() {
    use Cell::*;
    let rows = vec![
        sheet_header(),
        vec![D(2025, 3, 4), S("Acme"), S("IG"), S("Reels"), N(1250.1), E, E, N(48000.0), S("'=1+1")],
        vec![
            S("2025-03-05"),
            S("Beta"),
            S("youtube"),
            S("integration"),
            S("$1,250.00"),
            S("USD"),
            N(1.0),
            S("12,345"),
            E,
        ],
        vec![D(2025, 3, 6), S("Gamma"), S("tiktok"), S("video"), N(0.1), S("EUR"), N(1.0853), E, E],
    ];
    let bytes = xlsx_book(&rows, "POSTS", true);
    let p = read_spreadsheet(&bytes, &opts()).unwrap_or_else(|e| panic!("{e}"));
    let posts: Vec<&PostData> = p.rows.iter().map(|r| &r.post).collect();
    assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![3, 4, 5]);
    assert_eq!(posts[0].date, d(2025, 3, 4));
    assert_eq!(posts[0].fee.to_string(), "1250.1", "shortest decimal text of the number cell");
    assert_eq!(posts[0].platform, Platform::Instagram);
    assert_eq!(posts[0].format.as_str(), "reel");
    assert_eq!(posts[0].metrics.impressions, Some(48000));
    assert_eq!(posts[0].notes, "=1+1");
    assert_eq!(posts[1].fee.to_string(), "1250.00");
    assert_eq!(posts[1].fx_rate, None);
    assert_eq!(posts[1].metrics.impressions, Some(12345));
    assert_eq!(posts[2].fee.to_string(), "0.1");
    assert_eq!(posts[2].fx_rate, Some(Decimal::from_str("1.0853").unwrap()));

    // Also through a path, by extension.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.XLSX");
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(read_path(&path, &opts()).unwrap().rows.len(), 3);
}

#[test]
fn xlsx_errors_name_the_row_number_and_header() {
    use Cell::*;
    let rows = vec![
        sheet_header(),
        vec![D(2025, 3, 4), S("Acme"), S("Instagarm"), S("reel"), N(10.0), E, E, E, E],
        vec![S("30.02.2025"), S("Acme"), S("ig"), S("reel"), S("free"), E, E, N(-4.0), E],
    ];
    let bytes = xlsx_book(&rows, "Sheet1", false);
    let e = match read_spreadsheet(&bytes, &opts()) {
        Err(ImportError::Refused { errors, .. }) => errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        e,
        vec![
            format!(
                "line 3, column Platform: unknown platform; the known platforms are {} (Instagarm)",
                Platform::known_list()
            ),
            "line 4, column Date: no such day on the calendar (30.02.2025)".to_string(),
            "line 4, column Fee: not an amount; in a comma-separated file write it like 1250.00 or 1,250.00 (free)"
                .to_string(),
            "line 4, column Impressions: must be 0 or more (-4)".to_string(),
        ]
    );
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// tests/fixtures/posts.{ods,xls} were made by LibreOffice from tests/fixtures/posts.csv
/// (see tests/fixtures/README.md): number cells, date cells and text cells.
#[test]
fn ods_and_xls_fixtures() {
    for name in ["posts.ods", "posts.xls"] {
        let p = read_path(&fixture(name), &opts()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let posts: Vec<&PostData> = p.rows.iter().map(|r| &r.post).collect();
        assert_eq!(posts.len(), 2, "{name}");
        assert_eq!(posts[0].date, d(2025, 3, 4), "{name}");
        assert_eq!(posts[0].brand, "Acme", "{name}");
        assert_eq!(posts[0].fee.to_string(), "1250.1", "{name}");
        assert_eq!(posts[0].metrics.impressions, Some(48000), "{name}");
        assert_eq!(posts[1].currency, "EUR", "{name}");
        assert_eq!(posts[1].fx_rate.map(|r| r.to_string()), Some("1.0853".into()), "{name}");
        assert_eq!(posts[1].fee.to_string(), "0.5", "{name}");
        assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 3], "{name}");
    }
}

#[test]
fn unreadable_spreadsheets_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.xlsx");
    std::fs::write(&path, b"not a zip").unwrap();
    let e = read_path(&path, &opts()).unwrap_err();
    assert!(matches!(e, ImportError::Unreadable { .. }), "{e}");
    let e = read_path(&dir.path().join("missing.csv"), &opts()).unwrap_err();
    assert!(e.to_string().starts_with("cannot read "), "{e}");
}

// ----- real-files.md: cells, rows that are not posts, spreadsheets ----------------

#[test]
fn placeholders_are_unknown_in_optional_columns_and_errors_in_required_ones() {
    let p = ok(&format!("{H},impressions,currency,fx_rate,url\n2025-01-01,A,x,post,1,—,n/a,#N/A,TBD\n2025-01-02,B,x,post,2,#DIV/0!,,?,-\n"));
    assert_eq!(p.rows.len(), 2);
    assert!(p
        .rows
        .iter()
        .all(|r| r.post.metrics.impressions.is_none() && r.post.url.is_empty() && r.post.currency == "USD"));
    assert!(p.warnings.iter().any(|w| w.starts_with("7 cells held a placeholder")), "{:?}", p.warnings);
    let e = errs(&format!("{H}\n2025-01-01,A,x,post,#VALUE!\nTBD,B,x,post,1\n"));
    assert_eq!(
        e,
        vec![
            "line 2, column fee: a placeholder, not a fee; a fee is required in every row (#VALUE!)",
            "line 3, column date: a placeholder, not a date; a date is required in every row (TBD)",
        ]
    );
}

#[test]
fn notion_relations_read_as_their_titles_and_text_stays_verbatim() {
    let p = ok(&format!(
        "{H},campaign,notes\n2025-01-01,Finch Audio (https://www.notion.so/Finch-Audio-9f8e7d6c5b4a43218765fedcba987654?pvs=21),x,post,1,\"Spring (https://www.notion.so/a1), Summer (https://www.notion.so/b2)\",#N/A (sic)\n"
    ));
    assert_eq!(p.rows[0].post.brand, "Finch Audio");
    assert_eq!(p.rows[0].post.campaign, "Spring, Summer");
    assert_eq!(p.rows[0].post.notes, "#N/A (sic)");
}

#[test]
fn totals_blank_and_status_rows_are_not_posts() {
    let text = "Date,Brand,Platform,Format,Fee,Status\n\
                2025-01-01,A,x,post,100,Paid\n\
                ,,,,,\n\
                2025-01-02,B,x,post,200,In Verhandlung\n\
                2025-01-03,C,x,post,300,\n\
                2025-01-04,D,x,post,400,waiting on brand\n\
                2025-01-05,E,x,post,500,Declined\n\
                ,Total,,,1500,\n";
    let p = ok(text);
    let brands: Vec<&str> = p.rows.iter().map(|r| r.post.brand.as_str()).collect();
    assert_eq!(brands, vec!["A", "C", "D"]);
    assert_eq!(p.skipped.totals, 1);
    assert_eq!(p.skipped.not_posts.values().sum::<usize>(), 2);
    // Rows not live are deals without posts (real-files.md "Statuses").
    let deals: Vec<(&str, &str)> = p.deals.iter().map(|d| (d.brand.as_str(), d.stage.as_str())).collect();
    assert_eq!(deals, vec![("B", "negotiating"), ("E", "declined")]);
    let stages: Vec<Option<&str>> = p.rows.iter().map(|r| r.deal.map(|d| d.stage.as_str())).collect();
    assert_eq!(stages, vec![Some("paid"), None, None]);
    // A row reading `Total` that has a date is a post (a brand may be called Total).
    assert_eq!(ok(&format!("{H}\n2025-01-01,Total,x,post,1\n")).rows.len(), 1);
}

#[test]
fn xlsx_number_cells_keep_their_value_in_a_decimal_comma_file() {
    use Cell::*;
    // Number cells are exact; the text cell `1.250,00 €` settles the decimal comma for
    // the text cells, and `48.211` impressions in text are 48211.
    let rows = vec![
        sheet_header(),
        vec![S("13.03.2025"), S("Acme"), S("ig"), S("reel"), S("1.250,00 €"), S("EUR"), S("1,1"), S("48.211"), E],
        vec![D(2025, 3, 14), S("Acme"), S("ig"), S("reel"), N(1250.5), S("EUR"), N(1.1), N(48211.0), E],
    ];
    let p = read_spreadsheet(&xlsx_book(&rows, "Sheet1", false), &opts()).unwrap();
    let got: Vec<(String, Option<u64>, String)> =
        p.rows.iter().map(|r| (r.post.fee.to_string(), r.post.metrics.impressions, r.post.date.to_string())).collect();
    assert_eq!(
        got,
        vec![("1250.00".into(), Some(48211), "2025-03-13".into()), ("1250.5".into(), Some(48211), "2025-03-14".into())]
    );
}
