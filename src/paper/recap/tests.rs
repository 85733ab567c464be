//! The recap's figures on hand-worked deals.

use super::*;
use crate::deals::{AddOns, LinkedPost, Snapshot, Stage};
use crate::model::{Format, Platform, PostData};
use rust_decimal_macros::dec;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn post(id: i64, date: &str, fee: Decimal, m: Metrics) -> Post {
    Post {
        id,
        data: PostData {
            date: d(date),
            brand: "Loop Audio".into(),
            platform: Platform::Instagram,
            format: Format::parse("reel").unwrap(),
            fee,
            currency: "USD".into(),
            fx_rate: None,
            metrics: m,
            campaign: String::new(),
            url: format!("https://instagram.com/p/{id}"),
            notes: "private: she haggled hard".into(),
        },
    }
}

/// A snapshot quoting `projected` impressions per unit on one line of `quantity`.
fn snapshot(projected: u64, quantity: u32) -> Snapshot {
    let totals: Vec<serde_json::Value> = (0..=100).map(|q| serde_json::json!(format!("{}", 1000 + q))).collect();
    let json = serde_json::json!({
        "proposal": {
            "date": "2026-11-01",
            "lines": [{ "platform": "instagram", "format": "reel", "quantity": quantity,
                        "projected_impressions": projected,
                        "price": { "floor": "800.00", "target": "1000.00", "anchor": "1300.00" } }],
            "total": { "floor": "800.00", "target": "1000.00", "anchor": "1300.00" },
        },
        "price_point": "target",
        "totals_by_q": totals,
    });
    Snapshot::parse(&json.to_string()).unwrap()
}

fn deal(fee: Option<Decimal>, posts: &[&Post], proposal: Option<Snapshot>) -> Deal {
    Deal {
        id: 7,
        brand: "Loop Audio".into(),
        category: "audio".into(),
        title: "Spring launch".into(),
        stage: Stage::Delivered,
        stages: Vec::new(),
        deliverables: Vec::new(),
        proposal,
        offers: Vec::new(),
        agreed_fee: fee,
        currency: "USD".into(),
        fx_rate: None,
        add_ons: AddOns::default(),
        net_days: None,
        invoice: None,
        payments: Vec::new(),
        posts: posts
            .iter()
            .map(|p| LinkedPost { id: p.id, date: p.date, fee_base: p.fee_base(), impressions: p.metrics.impressions })
            .collect(),
        notes: "walk-away 800".into(),
    }
}

fn m(impressions: Option<u64>, likes: Option<u64>, clicks: Option<u64>) -> Metrics {
    Metrics { impressions, likes, clicks, ..Metrics::default() }
}

#[test]
fn one_post_costs_on_the_agreed_fee() {
    // $1,250 for one reel: 98,400 impressions, 4,100 likes, 512 clicks.
    // CPM 1250 / 98400 × 1000 = 12.7032… → $12.70; CPE 1250 / 4100 = 0.30487… → $0.30;
    // CPC 1250 / 512 = 2.44140… → $2.44.
    let p = post(1, "2026-11-03", dec!(1250), m(Some(98_400), Some(4_100), Some(512)));
    let r = build(
        &deal(Some(dec!(1250)), &[&p], None),
        std::slice::from_ref(&p),
        &Profile::default(),
        "a4",
        d("2026-12-04"),
    )
    .unwrap();
    assert_eq!((r.cpm.as_deref(), r.cpe.as_deref(), r.cpc.as_deref()), (Some("12.70"), Some("0.30"), Some("2.44")));
    assert_eq!((r.paid_text.as_str(), r.cpm_text.as_deref()), ("$1,250.00", Some("$12.70")));
    assert_eq!((r.from, r.to), (Some(d("2026-11-03")), Some(d("2026-11-03"))));
    assert!(r.projection.is_none(), "no proposal, no projection");
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("haggled") && !json.contains("walk-away"), "notes never reach the recap: {json}");
}

#[test]
fn ten_posts_against_the_projection() {
    // Ten reels at $300 each (agreed $3,000), 13,840 impressions each: 138,400 in all
    // against a projection of 12,000 × 10 = 120,000: +15.33 % → +15 %.
    // CPM 3000 / 138400 × 1000 = 21.676… → $21.68; quoted CPM 3000 / 120000 × 1000 = $25.00.
    let posts: Vec<Post> =
        (1..=10).map(|i| post(i, &format!("2026-11-{:02}", i), dec!(300), m(Some(13_840), None, None))).collect();
    let refs: Vec<&Post> = posts.iter().collect();
    let r = build(
        &deal(Some(dec!(3000)), &refs, Some(snapshot(12_000, 10))),
        &posts,
        &Profile::default(),
        "a4",
        d("2026-12-04"),
    )
    .unwrap();
    assert_eq!(r.totals.impressions, Some(138_400));
    assert_eq!(r.cpm.as_deref(), Some("21.68"));
    assert_eq!((r.cpe, r.cpc, r.totals.clicks), (None, None, None), "nothing reported, nothing shown");
    let p = r.projection.unwrap();
    assert_eq!((p.projected, p.delivered, p.change_text.as_str()), (120_000, 138_400, "+15 %"));
    assert_eq!(p.quoted_cpm_text.as_deref(), Some("$25.00"));
}

#[test]
fn a_figure_counts_the_fee_of_the_posts_that_report_it() {
    // $1,000 agreed over two posts whose fees are $600 and $400: shares $600 and $400.
    // Only the second reports clicks (50): CPC = 400 / 50 = $8.00, not 1000 / 50.
    // Impressions 30,000 and 10,000: CPM 1000 / 40000 × 1000 = $25.00.
    let a = post(1, "2026-11-01", dec!(600), m(Some(30_000), None, None));
    let b = post(2, "2026-11-02", dec!(400), m(Some(10_000), None, Some(50)));
    let r = build(
        &deal(Some(dec!(1000)), &[&a, &b], None),
        &[b.clone(), a.clone()],
        &Profile::default(),
        "a4",
        d("2026-12-04"),
    )
    .unwrap();
    assert_eq!((r.cpm.as_deref(), r.cpc.as_deref()), (Some("25.00"), Some("8.00")));
    assert_eq!(r.posts[0].date, d("2026-11-01"), "posts in date order");
    // Delivered below the projection: 40,000 against 50,000 → -20 %.
    let r = build(
        &deal(Some(dec!(1000)), &[&a, &b], Some(snapshot(25_000, 2))),
        &[a, b],
        &Profile::default(),
        "a4",
        d("2026-12-04"),
    )
    .unwrap();
    assert_eq!(r.projection.unwrap().change_text, "-20 %");
}

#[test]
fn no_posts_no_figures() {
    let r =
        build(&deal(Some(dec!(500)), &[], Some(snapshot(10_000, 1))), &[], &Profile::default(), "a4", d("2026-12-04"))
            .unwrap();
    assert_eq!((r.posts.len(), r.cpm, r.from, r.projection), (0, None, None, None));
    assert_eq!(r.paid, "500.00");
    // A deal not booked yet: the posts' own fees, in the base currency.
    let p = post(1, "2026-11-03", dec!(700), m(Some(70_000), None, None));
    let r = build(&deal(None, &[&p], None), &[p], &Profile::default(), "a4", d("2026-12-04")).unwrap();
    assert_eq!((r.paid.as_str(), r.cpm.as_deref()), ("700.00", Some("10.00")));
}
