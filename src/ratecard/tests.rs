//! Unit tests of the card's data: formatting helpers and what is (not) on it.

use super::*;
use crate::model::{Handle, Metrics, Profile};
use std::str::FromStr;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn post(date: &str, platform: &str, format: &str, fee: &str, impressions: Option<u64>) -> PostData {
    PostData {
        date: d(date),
        brand: "Brand".into(),
        platform: Platform::parse(platform).unwrap(),
        format: Format::parse(format).unwrap(),
        fee: Decimal::from_str(fee).unwrap(),
        currency: "USD".into(),
        fx_rate: None,
        metrics: Metrics { impressions, ..Metrics::default() },
        campaign: String::new(),
        url: String::new(),
        notes: String::new(),
    }
}

#[test]
fn audience_figures_are_short() {
    assert_eq!(audience_text(940), "940");
    assert_eq!(audience_text(18_540), "18.5k");
    assert_eq!(audience_text(182_000), "182k");
    assert_eq!(audience_text(999_600), "1M");
    assert_eq!(audience_text(1_240_000), "1.2M");
}

#[test]
fn money_is_whole_when_it_can_be() {
    assert_eq!(money_text(Decimal::from(1700), "USD"), "$1,700");
    assert_eq!(money_text(Decimal::new(125050, 2), "EUR"), "€1,250.50");
    assert_eq!(money_text(Decimal::from(1700), "CHF"), "1,700 CHF");
}

fn history() -> Vec<crate::model::PostData> {
    let mut posts = Vec::new();
    for (i, day) in ["2026-01-10", "2026-03-10", "2026-05-10", "2026-07-10"].iter().enumerate() {
        posts.push(post(day, "instagram", "reel", &format!("{}", 500 + 50 * i), Some(40000)));
        posts.push(post(day, "tiktok", "video", "300", Some(60000)));
    }
    // Outside the last 12 months: not sold any more, not on the card.
    posts.push(post("2024-05-10", "newsletter", "sponsorship", "400", Some(9000)));
    posts
}

#[test]
fn rates_and_packages_are_propose_targets() {
    let posts = history();
    let profile = Profile {
        name: "#set page(width: 1pt)".into(),
        handles: vec![Handle { platform: Platform::Instagram, handle: "@x".into(), audience: Some(182_000) }],
        ..Profile::default()
    };
    let settings = Settings::default();
    let as_of = d("2026-11-22");
    let specs: Vec<PackageSpec> = pricing::default_packages(&posts, as_of)
        .into_iter()
        .map(|p| PackageSpec { recommended: p.name == "Standard", package: p })
        .collect();
    let opts = CardOptions { date: Some(d("2026-12-01")), as_of, how_i_price: true, performance: true };
    let card = build_from(&profile, &settings, &posts, &specs, &opts).unwrap();
    assert_eq!(card.rates.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(), ["Instagram reel", "TikTok video"]);
    for r in &card.rates {
        let req = Request::new(
            vec![Deliverable {
                platform: Platform::parse(&r.platform).unwrap(),
                format: Format::parse(&r.format).unwrap(),
                quantity: 1,
            }],
            d("2026-12-01"),
            as_of,
        );
        let p = pricing::propose(&posts, &settings, &req, "USD").unwrap();
        assert_eq!(r.price, money::fixed(p.total.target, 2));
        assert_eq!(r.price_text, money_text(p.total.target, "USD"));
    }
    let standard = &card.packages[1];
    assert!(standard.recommended);
    let req = Request::new(specs[1].package.deliverables.clone(), d("2026-12-01"), as_of);
    let p = pricing::propose(&posts, &settings, &req, "USD").unwrap();
    assert_eq!(standard.price, money::fixed(p.total.target, 2));
    let perf = card.performance.as_ref().unwrap();
    assert_eq!(perf.package, "Standard");
    assert_eq!(Some(perf.base.clone()), p.performance.base.map(|b| money::fixed(b, 2)));
    // Never the cap, the floor or the anchor.
    let json = serde_json::to_string(&card).unwrap();
    assert!(!json.contains("cap") && !json.contains("floor") && !json.contains("anchor"), "{json}");
    assert_eq!(card.valid_until, d("2026-12-31"));
    assert_eq!(card.profile.handles[0].audience_text, "182k");
    // How I price: only kinds with at least 3 posts in the last 12 months.
    let how = card.how_i_price.clone().unwrap();
    assert_eq!(how.rows.len(), 2);
    assert_eq!(how.rows[0].posts, 4);
    // The data round-trips (the app sends it back to render).
    let back: CardData = serde_json::from_str(&serde_json::to_string(&card).unwrap()).unwrap();
    assert_eq!(back.rates, card.rates);
}

#[test]
fn no_recent_post_is_a_clear_refusal() {
    let posts = history();
    let opts = CardOptions::new(d("2028-01-01"));
    let err = build_from(&Profile::default(), &Settings::default(), &posts, &[], &opts).unwrap_err();
    assert!(err.to_string().contains("no measured paid post"), "{err}");
}

#[test]
fn hostile_text_renders_and_pdf_is_deterministic() {
    let posts = history();
    let profile = Profile {
        name: "#set page(width: 1pt) ] $x$ <b>bold</b> مايا Майя 玛雅".into(),
        payment_terms: "#pagebreak() 50 % upfront".into(),
        ..Profile::default()
    };
    let opts = CardOptions::new(d("2026-11-22"));
    let card = build_from(&profile, &Settings::default(), &posts, &[], &opts).unwrap();
    let a = render_pdf(&card, None).unwrap();
    let b = render_pdf(&card, None).unwrap();
    assert!(a.starts_with(b"%PDF"));
    assert_eq!(a, b, "same data, same bytes");
    let png = render_png(&card, None, 0, 0.5).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    assert!(matches!(render_png(&card, None, 3, 0.5), Err(RatecardError::NoPage { page: 3, pages: 1 })));
    let bad = Logo::from_bytes(b"not an image".to_vec());
    assert!(matches!(bad, Err(RatecardError::Logo(_))));
}

/// The card's data with every price from its own `pricing::propose` (the posts indexed
/// again for each), as cards were built before [`Pricer`].
fn card_one_propose_per_price(
    profile: &Profile,
    settings: &Settings,
    posts: &[PostData],
    specs: &[PackageSpec],
    opts: &CardOptions,
) -> Result<CardData, RatecardError> {
    let currency = profile.base_currency.as_str();
    build_priced(profile, settings, posts, specs, opts, &mut |req| pricing::propose(posts, settings, req, currency))
}

#[test]
fn one_pricer_gives_the_card_of_one_propose_per_price() {
    let posts = crate::sample::generate(&crate::sample::SampleOptions {
        rows: 600,
        seed: 11,
        ..crate::sample::SampleOptions::default()
    });
    let profile = Profile { name: "Maya".into(), base_currency: "EUR".into(), ..Profile::default() };
    let as_of = d("2026-11-01");
    let mut specs: Vec<PackageSpec> = pricing::default_packages(&posts, as_of)
        .into_iter()
        .map(|p| PackageSpec { recommended: p.name == "Standard", package: p })
        .collect();
    assert_eq!(specs.len(), 3);
    // A package of several units with every add-on, and one of a kind never posted.
    let mut all_in = specs[2].package.clone();
    all_in.name = "All in".into();
    all_in.deliverables[0].quantity = 3;
    all_in.usage_rights = Some(UsageRights::Days(60));
    all_in.exclusivity_days = Some(14);
    all_in.whitelisting_days = Some(30);
    all_in.rush = true;
    specs.push(PackageSpec { package: all_in, recommended: false });
    let mut perpetual = specs[0].package.clone();
    perpetual.name = "Forever".into();
    perpetual.usage_rights = Some(UsageRights::Perpetual);
    specs.push(PackageSpec { package: perpetual, recommended: false });
    let short = Settings { lookback_months: 6, bundle_tiers: vec![Decimal::ZERO, Decimal::TEN], ..Settings::default() };
    let mut cards = 0;
    for settings in [Settings::default(), short] {
        for date in [None, Some(d("2026-12-05")), Some(d("2027-05-01")), Some(d("2025-06-30"))] {
            for (how_i_price, performance) in [(false, false), (true, true)] {
                let opts = CardOptions { date, as_of, how_i_price, performance };
                let card = build_from(&profile, &settings, &posts, &specs, &opts).unwrap();
                let one_by_one = card_one_propose_per_price(&profile, &settings, &posts, &specs, &opts).unwrap();
                assert_eq!(card, one_by_one, "{date:?}");
                assert!(card.rates.len() >= 5 && card.packages.len() == 5, "{card:?}");
                cards += 1;
            }
        }
    }
    assert_eq!(cards, 16);
    // Refusals are the same too: a package of a kind with no post, a date too far.
    let mut never = specs[0].package.clone();
    never.name = "Never".into();
    never.deliverables =
        vec![Deliverable { platform: Platform::Twitch, format: Format::parse("stream").unwrap(), quantity: 1 }];
    let with_never = [specs.clone(), vec![PackageSpec { package: never, recommended: false }]].concat();
    let settings = Settings::default();
    for (specs, date) in [(&with_never[..], None), (&specs[..], Some(d("2040-01-01")))] {
        let opts = CardOptions { date, as_of, how_i_price: false, performance: false };
        let a = build_from(&profile, &settings, &posts, specs, &opts).unwrap_err();
        let b = card_one_propose_per_price(&profile, &settings, &posts, specs, &opts).unwrap_err();
        assert_eq!(a.to_string(), b.to_string());
    }
}
