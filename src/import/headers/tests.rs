//! Tests of reading header rows: name matching, every alias of the spec and other
//! languages, a currency in brackets, two headers for one column, a fee-named payment
//! column, missing required columns, and a chosen mapping over the detected one.

use super::*;

fn read(headers: &[&str], maps: &[(&str, &str)]) -> (Layout, Vec<String>, Vec<String>) {
    let maps: Vec<(String, String)> = maps.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    let (l, e, w) = resolve(headers, 1, &maps, &[]);
    (l, e.iter().map(|e| e.to_string()).collect(), w)
}

const BASIC: [&str; 5] = ["date", "brand", "platform", "format", "fee"];

#[test]
fn names_match_ignoring_case_spaces_underscores_dashes() {
    let (l, e, w) =
        read(&["DATE", " Brand ", "Plat-form", "FORMAT", "fee", "FX Rate", "fx-rate2", "Currency", "link_clicks"], &[]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(l.field(Column::FxRate), Some(5));
    assert_eq!(l.field(Column::Platform), Some(2));
    assert_eq!(l.field(Column::Clicks), Some(8));
    assert_eq!(w, vec!["column \"fx-rate2\" is not a campaign column and is ignored".to_string()]);
}

#[test]
fn every_alias_of_the_spec() {
    for (header, col) in [
        ("post date", Column::Date),
        ("Date Posted", Column::Date),
        ("live date", Column::Date),
        ("Publish Date", Column::Date),
        ("posted", Column::Date),
        ("Sponsor", Column::Brand),
        ("client", Column::Brand),
        ("Company", Column::Brand),
        ("advertiser", Column::Brand),
        ("Rate", Column::Fee),
        ("price", Column::Fee),
        ("Amount", Column::Fee),
        ("paid", Column::Fee),
        ("Payment", Column::Fee),
        ("Deal Value", Column::Fee),
        ("impr", Column::Impressions),
        ("Imps", Column::Impressions),
        ("Video Views", Column::Views),
        ("plays", Column::Views),
        ("Link Clicks", Column::Clicks),
        ("deal", Column::Campaign),
        ("Campaign Name", Column::Campaign),
        ("Link", Column::Url),
        ("Post URL", Column::Url),
        ("post_link", Column::Url),
        ("Deliverable", Column::Format),
        ("Type", Column::Format),
        ("Content Type", Column::Format),
        ("Fee (USD)", Column::Fee),
    ] {
        let mut headers: Vec<&str> =
            BASIC.iter().copied().filter(|h| super::aliases::column_named(h) != Some(col)).collect();
        headers.push(header);
        let (l, e, w) = read(&headers, &[]);
        assert!(e.is_empty() && w.is_empty(), "{header}: {e:?} {w:?}");
        assert_eq!(l.field(col), Some(headers.len() - 1), "{header}");
        assert!(l.mapping.contains(&(header.to_string(), col.name().to_string())), "{header}");
    }
}

#[test]
fn bracketed_currency_belongs_to_the_fee() {
    let (l, e, _) = read(&["date", "brand", "platform", "format", "Fee (eur)"], &[]);
    assert!(e.is_empty());
    assert_eq!(l.fee_marks, vec![Mark::Code("EUR".into())]);
    let (l, _, _) = read(&["date", "brand", "platform", "format", "Rate [$]"], &[]);
    assert_eq!(l.fee_marks, vec![Mark::Symbol("$")]);
    let (l, e, _) = read(&["date", "brand", "platform", "format", "Fee (incl. VAT)"], &[]);
    assert!(e.is_empty() && l.fee_marks.is_empty() && l.field(Column::Fee) == Some(4));
    let (_, e, _) = read(&["date", "brand", "platform", "format", "fee", "Views (USD)"], &[]);
    assert_eq!(
        e,
        vec!["line 1, column Views (USD): a currency in the header only applies to the fee column, not views (Views (USD))"]
    );
}

#[test]
fn two_headers_for_one_column_are_an_error_naming_both() {
    let (_, e, _) = read(&["date", "brand", "platform", "format", "Rate", "Amount"], &[]);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("line 1, column Amount: headers \"Rate\" and \"Amount\" would both be read as fee"),
        "{e:?}"
    );
    let (_, e, _) = read(&["date", "notes", "brand", "platform", "format", "fee", "Notes"], &[]);
    assert!(e[0].contains("\"notes\" and \"Notes\""), "{e:?}");
}

#[test]
fn the_own_name_wins_over_an_alias() {
    let (l, e, w) = read(&["date", "brand", "platform", "Deliverables", "Format", "Fee", "Amount"], &[]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!((l.field(Column::Format), l.field(Column::Fee)), (Some(4), Some(5)));
    assert_eq!(
        w,
        vec![
            "column \"Deliverables\" is ignored: \"Format\" is read as format".to_string(),
            "column \"Amount\" is ignored: \"Fee\" is read as fee".to_string()
        ]
    );
}

#[test]
fn a_fee_named_column_of_yes_no_or_dates_is_a_payment_column() {
    let h = ["Datum", "Marke", "Plattform", "Art", "Honorar", "Bezahlt", "Paid"];
    let content = |yes_no, dates| Content { values: 3, yes_no, dates };
    let c = [
        Content::default(),
        Content::default(),
        Content::default(),
        Content::default(),
        content(0, 0),
        content(3, 0),
        content(0, 3),
    ];
    let (l, e, w) = resolve(&h, 1, &[], &c);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!((l.field(Column::Fee), l.field(Column::Paid), l.field(Column::PaidOn)), (Some(4), Some(5), Some(6)));
    assert!(
        w.contains(&"column \"Bezahlt\" holds yes/no values and is read as paid, not as the fee".to_string()),
        "{w:?}"
    );
    assert!(w.contains(&"column \"Paid\" holds dates and is read as paid_on, not as the fee".to_string()), "{w:?}");
    // Amounts keep a `Paid` column the fee.
    let (l, e, _) = resolve(&["date", "brand", "platform", "format", "Paid"], 1, &[], &[]);
    assert!(e.is_empty() && l.field(Column::Fee) == Some(4), "{e:?}");
}

#[test]
fn headers_in_other_languages_with_accents_and_punctuation() {
    let (l, e, w) = read(
        &[
            "Veröffentlichungsdatum",
            "AUFTRAGGEBER",
            "Réseau",
            "Type de contenu",
            "Vergütung (€)",
            "Link-Klicks",
            "Nr.",
            "#",
        ],
        &[],
    );
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(l.field(Column::Clicks), Some(5));
    assert_eq!(l.fee_marks, vec![Mark::Symbol("€")]);
    assert_eq!(w.len(), 2, "{w:?}"); // `Nr.` and `#` are not columns Mille knows
}

#[test]
fn missing_required_columns_are_errors_on_line_1() {
    let (_, e, _) = read(&["date", "brand", "platform", "notes"], &[]);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].starts_with("line 1, column format: the file has no format column"), "{e:?}");
    assert!(e[1].starts_with("line 1, column fee: the file has no fee column"), "{e:?}");
}

#[test]
fn map_overrides_and_completes() {
    // Completes: an unknown header becomes the fee.
    let (l, e, w) = read(&["date", "brand", "platform", "format", "Betrag"], &[("Betrag", "fee")]);
    assert!(e.is_empty() && w.is_empty(), "{e:?} {w:?}");
    assert_eq!(l.field(Column::Fee), Some(4));
    // Overrides: the mapped header wins, the guessed one is ignored with a warning.
    let (l, e, w) = read(&["date", "brand", "platform", "format", "Fee", "Net"], &[("net", "FEE")]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(l.field(Column::Fee), Some(5));
    assert_eq!(w, vec!["column \"Fee\" is ignored: the mapping reads \"Net\" as fee".to_string()]);
    // An empty column ignores a header.
    let (l, e, _) = read(&["date", "brand", "platform", "format", "Fee", "Amount"], &[("Amount", "")]);
    assert!(e.is_empty(), "{e:?}");
    assert_eq!(l.field(Column::Fee), Some(4));
    // Bad maps.
    let (_, e, _) = read(&BASIC, &[("Nope", "fee")]);
    assert!(e[0].starts_with("line 1, column Nope: the mapping names a header that is not in the file"), "{e:?}");
    let (_, e, _) = read(&BASIC, &[("fee", "money")]);
    assert!(e[0].starts_with("line 1, column fee: the mapping names an unknown column"), "{e:?}");
    // Two maps onto one column.
    let (_, e, _) = read(&["date", "brand", "platform", "format", "A", "B"], &[("A", "fee"), ("B", "fee")]);
    assert!(e[0].contains("\"A\" and \"B\" would both be read as fee"), "{e:?}");
}
