//! Tests of every value reader: dates, counts, money and currencies, fx rates, text,
//! platforms and formats, in each number convention.

use super::*;
use rust_decimal_macros::dec;
use Convention::{Comma, DecimalComma, Point, Semicolon};

#[test]
fn dates_only_iso_like() {
    for (text, want) in [
        ("2025-03-04", Some((2025, 3, 4))),
        ("2025/03/04", Some((2025, 3, 4))),
        (" 2024-02-29 ", Some((2024, 2, 29))),
        ("2025-02-29", None),
        ("2025-13-01", None),
        ("2025-04-31", None),
        ("03/04/2025", None),
        ("04.03.2025", None),
        ("2025-3-4", None),
        ("2025-03/04", None),
        ("2025-03-04T10:00", None),
        ("4 March 2025", None),
        ("", None),
    ] {
        let got = parse_date(text).ok();
        let want = want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        assert_eq!(got, want, "{text:?}");
    }
    assert_eq!(parse_date("2025-02-29").unwrap_err().message(), "no such day on the calendar");
    assert!(parse_date("03/04/2025").unwrap_err().message().contains("YYYY-MM-DD"));
}

#[test]
fn counts_per_convention() {
    for (text, conv, want) in [
        ("", Comma, Ok(None)),
        ("0", Comma, Ok(Some(0))),
        ("12345", Comma, Ok(Some(12345))),
        ("12,345", Comma, Ok(Some(12345))),
        ("1,234,567", Comma, Ok(Some(1_234_567))),
        ("12 345", Comma, Ok(Some(12345))),
        ("12.345", Semicolon, Ok(Some(12345))),
        ("12 345", Semicolon, Ok(Some(12345))),
        ("12\u{a0}345", Semicolon, Ok(Some(12345))),
        ("1.234.567", Semicolon, Ok(Some(1_234_567))),
        ("12,345", Semicolon, Err("not a whole number")),
        // real-files.md: in a `,` file that settles nothing, one whole reading.
        ("12.345", Comma, Ok(Some(12345))),
        ("48.211", Point, Err("not a whole number")),
        ("48.211", DecimalComma, Ok(Some(48211))),
        ("48,211", DecimalComma, Err("not a whole number")),
        ("1 104 477", Point, Ok(Some(1104477))),
        ("1,25,000", Comma, Err("thousands groups must have exactly 3 digits")),
        ("1234,567", Comma, Err("thousands groups must have exactly 3 digits")),
        ("12,34", Comma, Err("thousands groups must have exactly 3 digits")),
        ("1.234 567", Semicolon, Err("not a whole number")),
        ("-5", Comma, Err("must be 0 or more")),
        ("12.5", Comma, Err("not a whole number")),
        ("1e6", Comma, Err("not a whole number")),
        ("many", Comma, Err("not a whole number")),
        ("9223372036854775807", Comma, Ok(Some(9_223_372_036_854_775_807))),
        ("9223372036854775808", Comma, Err("too large a number")),
        ("99999999999999999999999999999999999999999", Comma, Err("too large a number")),
    ] {
        let got = read_count(text, conv).map_err(|e| e.message().to_string());
        assert_eq!(got, want.map_err(str::to_string), "{text:?} {conv:?}");
    }
}

#[test]
fn money_in_a_comma_file() {
    for (text, want, marks) in [
        ("1250", Some(dec!(1250)), 0),
        ("1250.00", Some(dec!(1250.00)), 0),
        ("1,250.00", Some(dec!(1250.00)), 0),
        ("$1,250", Some(dec!(1250)), 1),
        ("1250 USD", Some(dec!(1250)), 1),
        ("USD 1250", Some(dec!(1250)), 1),
        ("usd1250", Some(dec!(1250)), 1),
        ("€ 99.5", Some(dec!(99.5)), 1),
        ("99.5€", Some(dec!(99.5)), 1),
        ("0.123456789", Some(dec!(0.123456789)), 0),
        ("0", Some(dec!(0)), 0),
        ("1.250,00", None, 0),
        ("1250,00", None, 0),
        ("1 250.00", None, 0),
        ("1,25,000", None, 0),
        ("12.", None, 0),
        ("$", None, 0),
        ("abc", None, 0),
    ] {
        let got = read_money(text, Comma);
        match want {
            Some(v) => {
                let m = got.unwrap_or_else(|e| panic!("{text}: {e}"));
                assert_eq!(m.amount, v, "{text}");
                assert_eq!(m.amount.scale(), v.scale(), "{text} keeps its decimals");
                assert_eq!(m.marks.len(), marks, "{text}");
            }
            None => assert!(got.is_err(), "{text} must be refused"),
        }
    }
}

#[test]
fn money_in_a_semicolon_file() {
    for (text, want) in [
        ("1250", Ok(dec!(1250))),
        ("1250,00", Ok(dec!(1250.00))),
        ("1.250,00", Ok(dec!(1250.00))),
        ("1 250,00", Ok(dec!(1250.00))),
        ("1\u{202f}250,00 €", Ok(dec!(1250.00))),
        ("1,250.00", Ok(dec!(1250.00))),
        ("1250.5", Ok(dec!(1250.5))),
        ("0,5", Ok(dec!(0.5))),
        ("1,250", Err("could be read as 1250 or 1.250")),
        ("1.250", Err("could be read as 1.250 or 1250")),
        ("1.25.000", Err("thousands groups must have exactly 3 digits")),
    ] {
        let got = read_money(text, Semicolon).map(|m| m.amount).map_err(|e| e.message().to_string());
        match (got, want) {
            (Ok(g), Ok(w)) => {
                assert_eq!(g, w, "{text}");
                assert_eq!(g.scale(), w.scale(), "{text}");
            }
            (Err(g), Err(w)) => assert!(g.starts_with(w), "{text}: {g}"),
            (g, w) => panic!("{text}: got {g:?}, want {w:?}"),
        }
    }
}

#[test]
fn money_refusals_name_the_problem() {
    assert_eq!(read_money("-50", Comma).err().unwrap().message(), "must be 0 or more");
    assert_eq!(read_money("-$50", Comma).err().unwrap().message(), "must be 0 or more");
    assert_eq!(read_money("$-50", Comma).err().unwrap().message(), "must be 0 or more");
    assert_eq!(read_money("1250 XYZ", Comma).err().unwrap().message(), "unknown currency code XYZ");
    assert_eq!(read_money("1,25,000", Comma).err().unwrap().message(), "thousands groups must have exactly 3 digits");
    assert!(read_money("1.250,00", Comma).err().unwrap().message().starts_with("not an amount"));
}

#[test]
fn currency_marks_agree_or_refuse() {
    let r = |text: &str, cell: Option<&str>, base: &str| {
        let m = read_money(text, Comma).map_err(|e| e.message().to_string())?;
        resolve_currency(&m.marks, cell, base, text).map_err(|e| e.message().to_string())
    };
    assert_eq!(r("$1,250", Some("USD"), "USD"), Ok("USD".into()));
    assert_eq!(r("$1,250", Some("CAD"), "USD"), Ok("CAD".into()));
    assert_eq!(r("$1,250", Some("AUD"), "EUR"), Ok("AUD".into()));
    assert_eq!(r("¥1000", Some("JPY"), "USD"), Ok("JPY".into()));
    assert_eq!(r("¥1000", Some("CNY"), "USD"), Ok("CNY".into()));
    assert_eq!(r("£10", Some("GBP"), "USD"), Ok("GBP".into()));
    assert_eq!(r("€10", Some("EUR"), "USD"), Ok("EUR".into()));
    assert_eq!(r("$1,250", Some("EUR"), "USD"), Err("the amount is in $ but the currency is EUR".into()));
    assert_eq!(r("1250 USD", Some("EUR"), "USD"), Err("the amount is in USD but the currency is EUR".into()));
    // Empty currency cell: a code sets it, a symbol stands for the base if it agrees.
    assert_eq!(r("1250 EUR", None, "USD"), Ok("EUR".into()));
    assert_eq!(r("eur 1250", None, "USD"), Ok("EUR".into()));
    assert_eq!(r("$1250", None, "USD"), Ok("USD".into()));
    assert_eq!(r("$1250", None, "CAD"), Ok("CAD".into()));
    assert_eq!(r("1250", None, "GBP"), Ok("GBP".into()));
    assert_eq!(r("€1250", None, "USD"), Err("€ is not the base currency USD; fill in the currency column".into()));
    assert_eq!(r("$1250 EUR", None, "USD"), Err("$ and EUR do not agree".into()));
    assert_eq!(r("€1250 EUR", None, "USD"), Ok("EUR".into()));
}

#[test]
fn parse_fee_for_flags() {
    assert_eq!(parse_fee("1,250.00", None, "USD"), Ok((dec!(1250.00), "USD".into())));
    assert_eq!(parse_fee("900", Some("eur"), "USD"), Ok((dec!(900), "EUR".into())));
    assert_eq!(parse_fee("€900", None, "EUR"), Ok((dec!(900), "EUR".into())));
    let e = parse_fee("1.250,00", None, "USD").unwrap_err();
    assert_eq!(e.value(), "1.250,00");
    assert!(e.to_string().ends_with("(1.250,00)"), "{e}");
    assert!(parse_fee("900", Some("EUD"), "USD").is_err());
}

#[test]
fn fx_rates() {
    for (text, conv, want) in [
        ("", Comma, Ok(None)),
        ("1.0853", Comma, Ok(Some(dec!(1.0853)))),
        ("1.0853", Semicolon, Ok(Some(dec!(1.0853)))),
        ("1,0853", Semicolon, Ok(Some(dec!(1.0853)))),
        ("0.000123", Comma, Ok(Some(dec!(0.000123)))),
        ("150", Comma, Ok(Some(dec!(150)))),
        ("1,0853", Comma, Err(())),
        ("1,085.3", Comma, Err(())),
        ("1.085,3", Semicolon, Err(())),
        ("0", Comma, Err(())),
        ("0.0", Comma, Err(())),
        ("-1.2", Comma, Err(())),
        ("abc", Comma, Err(())),
    ] {
        let got = read_fx_rate(text, conv).map_err(|_| ());
        assert_eq!(got, want, "{text:?} {conv:?}");
        if let Ok(Some(v)) = got {
            assert_eq!(v.to_string(), text.replace(',', "."), "scale kept");
        }
    }
    assert_eq!(read_fx_rate("0", Comma).unwrap_err().message(), "an fx rate must be greater than 0");
    assert_eq!(parse_fx_rate("1.1"), Ok(dec!(1.1)));
}

#[test]
fn fx_rate_base_rules() {
    assert_eq!(resolve_fx_rate(None, "USD", "USD"), Ok(None));
    assert_eq!(resolve_fx_rate(Some(dec!(1)), "USD", "USD"), Ok(None));
    assert_eq!(resolve_fx_rate(Some(dec!(1.000)), "USD", "USD"), Ok(None));
    assert!(resolve_fx_rate(Some(dec!(1.1)), "USD", "USD").is_err());
    assert_eq!(resolve_fx_rate(Some(dec!(1.1)), "EUR", "USD"), Ok(Some(dec!(1.1))));
    // A foreign row may have a rate of exactly 1 (a pegged currency).
    assert_eq!(resolve_fx_rate(Some(dec!(1)), "EUR", "USD"), Ok(Some(dec!(1))));
    let e = resolve_fx_rate(None, "EUR", "USD").unwrap_err();
    assert!(e.message().contains("EUR") && e.message().contains("USD"), "{e}");
}

#[test]
fn currency_cells() {
    assert_eq!(parse_currency(""), Ok(None));
    assert_eq!(parse_currency(" eur "), Ok(Some("EUR".into())));
    assert!(parse_currency("EUD").is_err());
    assert!(parse_currency("€").is_err());
    assert!(parse_currency("Euro").is_err());
}

#[test]
fn platforms_and_formats() {
    assert_eq!(parse_platform("instagram"), Ok(Platform::Instagram));
    assert_eq!(parse_platform("IG"), Ok(Platform::Instagram));
    assert_eq!(parse_platform("YouTube"), Ok(Platform::Youtube));
    let e = parse_platform("Instagarm").unwrap_err();
    assert!(e.message().contains("instagram, tiktok, youtube, x, linkedin"), "{e}");
    assert_eq!(parse_format("Reels").unwrap().as_str(), "reel");
    assert_eq!(parse_format("Unboxing Video").unwrap().as_str(), "unboxing-video");
}

#[test]
fn formula_prefix() {
    for (text, want) in [
        ("'=1+1", "=1+1"),
        ("'+cmd", "+cmd"),
        ("'-1", "-1"),
        ("'@x", "@x"),
        ("''quoted", "'quoted"),
        ("'tis", "'tis"),
        ("'", "'"),
        ("=1+1", "=1+1"),
        ("plain", "plain"),
    ] {
        assert_eq!(strip_formula_prefix(text), want, "{text}");
    }
    for (text, want) in
        [("=x", true), ("+x", true), ("-x", true), ("@x", true), ("'x", true), ("x=", false), ("", false)]
    {
        assert_eq!(needs_formula_prefix(text), want, "{text}");
    }
}
