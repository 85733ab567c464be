//! The readers, table-driven: what each takes, what it refuses and the sentence it
//! refuses with.

use super::*;
use crate::fx::Rates;
use crate::model::{Platform, Profile};
use crate::pricing::UsageRights;
use chrono::NaiveDate;
use rust_decimal_macros::dec;

fn form(fee: &str) -> PostForm {
    PostForm {
        date: Some("2025-03-04".into()),
        brand: Some(" Glow Co ".into()),
        platform: Some("instagram".into()),
        format: Some("reel".into()),
        fee: Some(fee.into()),
        ..PostForm::default()
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn a_new_post_reads_every_field() {
    let mut f = form("$1,250.00");
    f.counts[0] = Some("48,000".into());
    f.notes = Some("  first reel  ".into());
    let p = post(&f, None, "USD", &Rates::bundled()).unwrap();
    assert_eq!((p.brand.as_str(), p.fee, p.currency.as_str(), p.fx_rate), ("Glow Co", dec!(1250.00), "USD", None));
    assert_eq!(p.metrics.impressions, Some(48_000));
    assert_eq!(p.notes, "first reel");
}

#[test]
fn a_foreign_fee_without_a_rate_takes_the_ecbs() {
    let p = post(&form("1000 EUR"), None, "EUR", &Rates::bundled()).unwrap();
    assert_eq!(p.fx_rate, None);
    let p = post(&form("1000 EUR"), None, "USD", &Rates::bundled()).unwrap();
    // The ECB's USD per EUR on 2025-03-04, as published (eurofxref-hist: 1.0557).
    assert_eq!(p.fx_rate, Some(dec!(1.0557)));
}

#[test]
fn an_edit_keeps_what_is_not_given_and_clears_what_is_empty() {
    let rates = Rates::bundled();
    let mut f = form("1250");
    f.campaign = Some("Spring".into());
    f.counts[3] = Some("900".into());
    let old = post(&f, None, "USD", &rates).unwrap();
    let edit = PostForm {
        campaign: Some(String::new()),
        counts: [None, None, None, Some("".into()), None, None, None, None],
        ..PostForm::default()
    };
    let new = post(&edit, Some(&old), "USD", &rates).unwrap();
    assert_eq!(
        (new.campaign.as_str(), new.metrics.likes, new.fee, new.brand.as_str()),
        ("", None, dec!(1250), "Glow Co")
    );
}

#[test]
fn refusals_name_the_field_the_value_and_what_is_wrong() {
    let rates = Rates::bundled();
    let cases: &[(PostForm, &str)] = &[
        (form("99999999999999999999999999"), "fee \"99999999999999999999999999\": more than 1,000,000,000,000, which Mille does not take"),
        (form("0.000000000001"), "fee \"0.000000000001\": more than 10 decimals"),
        (form(""), "fee: what the brand paid is required (0 for a gifted post)"),
        (PostForm { date: Some("9999-12-31".into()), ..form("1") }, "date \"9999-12-31\": a date between 1900 and 2200 is needed"),
        (PostForm { date: Some("+10000-01-01".into()), ..form("1") }, "date \"+10000-01-01\": not a date; write it as YYYY-MM-DD"),
        (PostForm { brand: Some("  ".into()), ..form("1") }, "brand: a name is required"),
        (PostForm { brand: None, ..form("1") }, "brand: a brand is required"),
        (PostForm { platform: Some("myspace".into()), ..form("1") }, "platform \"myspace\": not a platform Mille knows (instagram, tiktok, youtube, x, linkedin, twitch, facebook, snapchat, pinterest, podcast, newsletter, blog, other)"),
        (PostForm { notes: Some("x".repeat(10_001)), ..form("1") }, "notes: 10,001 characters; at most 10,000 are kept"),
        (PostForm { fx_rate: Some("1.1".into()), ..form("1") }, "exchange rate \"1.1\": only for fees in another currency than USD"),
        (PostForm { fx_rate: Some("20000000".into()), ..form("1 EUR") }, "exchange rate \"20000000\": an exchange rate above 0 and at most 10,000,000 is needed"),
        (PostForm { counts: [Some("1000000000001".into()), None, None, None, None, None, None, None], ..form("1") }, "impressions \"1000000000001\": more than 1,000,000,000,000, which Mille does not take"),
        (PostForm { counts: [None, None, None, Some("-3".into()), None, None, None, None], ..form("1") }, "likes \"-3\": "),
        (PostForm { currency: Some("EURO".into()), ..form("1") }, "currency \"EURO\": not an ISO 4217 currency code such as USD or EUR"),
    ];
    for (f, want) in cases {
        let e = post(f, None, "USD", &rates).unwrap_err().to_string();
        assert!(e.starts_with(want), "{e:?} does not start with {want:?}");
    }
}

fn line(p: &str, f: &str, q: &str) -> DeliverableForm {
    DeliverableForm { platform: p.into(), format: f.into(), quantity: q.into(), impressions: String::new() }
}

#[test]
fn a_request_reads_and_bounds_every_part() {
    let as_of = day("2026-12-04");
    let ok = RequestForm {
        deliverables: vec![line("instagram", "reel", "2"), line("TikTok", "video", "")],
        date: "2027-01-10".into(),
        usage_rights: "Perpetual".into(),
        exclusivity: "30".into(),
        offer: "$2,500".into(),
        ..RequestForm::default()
    };
    let r = request(&ok, "USD", as_of).unwrap();
    assert_eq!(r.deliverables.iter().map(|d| d.quantity).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(r.deliverables[1].platform, Platform::Tiktok);
    assert_eq!(
        (r.usage_rights, r.exclusivity_days, r.offer),
        (Some(UsageRights::Perpetual), Some(30), Some(dec!(2500)))
    );

    let cases: &[(RequestForm, &str)] = &[
        (
            RequestForm { deliverables: vec![line("instagram", "reel", "100000000")], ..ok.clone() },
            "line 1: quantity \"100000000\": more than 1,000 units in one line",
        ),
        (
            RequestForm {
                deliverables: vec![line("instagram", "reel", "1"), line("instagram", "reel", "0")],
                ..ok.clone()
            },
            "line 2: quantity \"0\": a whole number of units, at least 1, is needed",
        ),
        (RequestForm { deliverables: vec![], ..ok.clone() }, "line 1: platform: at least one deliverable is needed"),
        (
            RequestForm { deliverables: vec![line("instagram", "reel", "1"); 101], ..ok.clone() },
            "line 101: platform \"101\": more than 100 deliverables",
        ),
        (
            RequestForm { date: "9999-12-31".into(), ..ok.clone() },
            "date \"9999-12-31\": a date between 1900 and 2200 is needed",
        ),
        (RequestForm { exclusivity: "40000".into(), ..ok.clone() }, "exclusivity \"40000\": more than 36,500 days"),
        (
            RequestForm { usage_rights: "forever".into(), ..ok.clone() },
            "usage rights \"forever\": a whole number of days, or perpetual, is needed",
        ),
        (
            RequestForm { offer: "2500 EUR".into(), ..ok.clone() },
            "offer \"2500 EUR\": an amount in the base currency, USD, is needed",
        ),
        (RequestForm { offer: "1e30".into(), ..ok.clone() }, "offer \"1e30\": "),
    ];
    for (f, want) in cases {
        let e = request(f, "USD", as_of).unwrap_err().to_string();
        assert!(e.starts_with(want), "{e:?} does not start with {want:?}");
    }
    let e = request(&ok, "USD", day("1000-01-01")).unwrap_err().to_string();
    assert_eq!(e, "pricing date \"1000-01-01\": a date between 1900 and 2200 is needed");
}

#[test]
fn audiences_read_as_people_write_them() {
    let f = Field::of(FieldName::Audience);
    for (text, want) in [
        ("182000", Some(182_000)),
        ("182,000", Some(182_000)),
        ("182k", Some(182_000)),
        ("1.2M", Some(1_200_000)),
        ("", None),
    ] {
        assert_eq!(audience(f, text).unwrap(), want, "{text}");
    }
    for text in ["-5", "lots", "1.5", "k", "2000000000000", "1e9"] {
        assert!(audience(f, text).is_err(), "{text}");
    }
}

#[test]
fn a_profile_reads_its_handles_and_colour() {
    let form = ProfileForm {
        name: " Maya ".into(),
        handles: vec![
            HandleForm { platform: "instagram".into(), handle: "@maya".into(), audience: "182k".into() },
            HandleForm { platform: "".into(), handle: " ".into(), audience: "".into() },
        ],
        base_currency: "eur".into(),
        payment_terms: "Net 30".into(),
        accent: "5B3FD1".into(),
        business: None,
    };
    let p = profile(&form, &Profile::default()).unwrap();
    assert_eq!((p.name.as_str(), p.base_currency.as_str(), p.accent.as_str()), ("Maya", "EUR", "#5b3fd1"));
    assert_eq!(p.handles.len(), 1);
    assert_eq!(p.handles[0].audience, Some(182_000));
    let e = profile(&ProfileForm { accent: "purple".into(), ..form.clone() }, &Profile::default()).unwrap_err();
    assert_eq!(e.to_string(), "accent \"purple\": not a colour like #5b3fd1");
    let e = profile(
        &ProfileForm {
            handles: vec![HandleForm { platform: "x".into(), handle: "@m".into(), audience: "many".into() }],
            ..form
        },
        &Profile::default(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 1: audience \"many\": a whole number of followers is needed, such as 182000 or 182k"
    );
}

#[test]
fn logos_are_known_by_their_bytes() {
    let f = Field::of(FieldName::Logo);
    assert!(logo(f, "a.png", b"\x89PNG\r\n\x1a\n....").is_ok());
    assert!(logo(f, "a.jpg", &[0xFF, 0xD8, 0xFF, 0xE0]).is_ok());
    assert!(logo(f, "a.svg", b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>").is_ok());
    assert_eq!(
        logo(f, "notes.txt", b"hello").unwrap_err().to_string(),
        "logo \"notes.txt\": not a PNG, JPEG or SVG image"
    );
    let big = vec![0u8; bounds::MAX_LOGO_BYTES + 1];
    assert!(logo(f, "big.png", &big).unwrap_err().problem.starts_with("larger than 10 MB"));
}

#[test]
fn a_long_value_is_quoted_cut() {
    let e = InputError::new(Field::of(FieldName::Notes), &"a".repeat(100), "too long");
    assert_eq!(e.value.chars().count(), 61);
    assert!(e.value.ends_with('…'));
}

#[test]
fn business_block_is_free_text_kept_unless_given() {
    let current = Profile {
        business: crate::model::Business { legal_name: "Maya L. Studio".into(), ..Default::default() },
        ..Profile::default()
    };
    let form = ProfileForm { base_currency: "USD".into(), accent: "#5b3fd1".into(), ..ProfileForm::default() };
    // No business form: the stored block stays.
    assert_eq!(profile(&form, &current).unwrap().business.legal_name, "Maya L. Studio");
    let given = BusinessForm {
        address: " Sveavägen 1\n111 57 Stockholm ".into(),
        email: "maya@example.com".into(),
        ..BusinessForm::default()
    };
    let p = profile(&ProfileForm { business: Some(given.clone()), ..form.clone() }, &current).unwrap();
    assert_eq!(p.business.legal_name, "", "a form given replaces the whole block");
    assert_eq!(p.business.address, "Sveavägen 1\n111 57 Stockholm");
    let e = business(&BusinessForm { email: "maya at example".into(), ..given }).unwrap_err();
    assert_eq!(e.to_string(), "email \"maya at example\": not an email address such as name@example.com");
}
