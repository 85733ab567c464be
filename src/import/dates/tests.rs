//! The date forms of real-files.md, table by table.
use super::*;

fn d(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn exact(t: &str) -> NaiveDate {
    match scan(t) {
        Ok(Shape::Exact(x)) => x,
        other => panic!("{t}: {other:?}"),
    }
}

#[test]
fn every_form_of_the_spec() {
    let m4 = d(2025, 3, 4);
    for t in [
        "2025-03-04",
        "2025/03/04",
        "2025.03.04",
        "2025-3-4",
        "March 4, 2025",
        "Mar 4, 2025",
        "4 March 2025",
        "04-Mar-2025",
        "4. März 2025",
        "4 mars 2025",
        "4 de marzo de 2025",
        "Tue, 4 Mar 2025",
        "Tuesday, March 4, 2025",
        "2025-03-04T10:42:00Z",
        "2025-03-04 10:42:00",
        "March 4, 2025 10:42 AM",
        "March 4th, 2025",
        "4 marzo 2025",
        "4 de março de 2025",
        "4 maart 2025",
        "4 mrt 2025",
        "Di., 4. März 2025",
        "mar. 4 mars 2025",
        "March 4, 2025 → March 6, 2025",
        "4-Mar-25",
    ] {
        assert_eq!(exact(t), m4, "{t}");
    }
    assert_eq!(exact("February 20, 2025 10:42 AM"), d(2025, 2, 20));
    assert_eq!(exact("1er août 2025"), d(2025, 8, 1));
    assert_eq!(exact("31 dic 2024"), d(2024, 12, 31));
    assert_eq!(exact("15 okt. 2025"), d(2025, 10, 15));
}

#[test]
fn numeric_forms_wait_for_their_column() {
    let s = scan("3/4/2025").unwrap();
    assert_eq!(s.says(), None);
    assert_eq!(s.date(DateOrder::Dmy), Ok(d(2025, 4, 3)));
    assert_eq!(s.date(DateOrder::Mdy), Ok(d(2025, 3, 4)));
    assert_eq!(scan("13.03.2025").unwrap().says(), Some(DateOrder::Dmy));
    assert_eq!(scan("4.3.2025").unwrap().says(), Some(DateOrder::Dmy));
    assert_eq!(scan("22/3/2025").unwrap().says(), Some(DateOrder::Dmy));
    assert_eq!(scan("3/22/2025").unwrap().says(), Some(DateOrder::Mdy));
    assert_eq!(scan("03-22-2025").unwrap().says(), Some(DateOrder::Mdy));
    assert_eq!(scan("03/25/2025 22:00").unwrap().says(), Some(DateOrder::Mdy));
    assert_eq!(scan("3/4/25").unwrap().date(DateOrder::Mdy), Ok(d(2025, 3, 4)));
}

#[test]
fn refusals() {
    assert_eq!(scan("2025-02-30"), Err(Problem::NoSuchDay));
    assert_eq!(scan("31 April 2025"), Err(Problem::NoSuchDay));
    assert_eq!(scan("13/13/2025"), Err(Problem::NoSuchDay));
    assert_eq!(scan("30.02.2025"), Err(Problem::NoSuchDay));
    assert_eq!(scan("March 4"), Err(Problem::NoYear));
    assert_eq!(scan("4. März"), Err(Problem::NoYear));
    for t in ["yesterday", "2025", "12345", "1/2", "TBD", "Q1 2025", "4 Smarch 2025", "2025-03-04 lunch"] {
        assert_eq!(scan(t), Err(Problem::NotADate), "{t}");
    }
}

#[test]
fn evidence_settles_or_stays_ambiguous() {
    let mut e = Evidence::default();
    for (line, t) in [(2, "3/4/2025"), (3, "2025-05-06"), (4, "5/6/2025")] {
        e.add(line, t, &scan(t).unwrap());
    }
    assert_eq!(e.order(), None);
    assert_eq!(e.both_ways, Some((2, "3/4/2025".to_string())));
    e.add(5, "3/22/2025", &scan("3/22/2025").unwrap());
    assert_eq!(e.order(), Some(DateOrder::Mdy));
    e.add(6, "22/3/2025", &scan("22/3/2025").unwrap());
    assert_eq!(e.order(), None);
    assert!(e.day_first.is_some() && e.month_first.is_some());
}

#[test]
fn month_prefixes_must_be_unique() {
    assert_eq!(month_of("jui"), None);
    assert_eq!(month_of("juil"), Some(7));
    assert_eq!(month_of("sept"), Some(9));
    assert_eq!(month_of("mag"), Some(5));
    assert_eq!(month_of("dez"), Some(12));
    assert_eq!(month_of("ma"), None);
}
