//! Shared test helpers and the end-to-end tests of the pricing engine: each step pinned
//! on small hand-checked histories, and properties over generated histories.

use crate::model::{Format, Metrics, Platform, PostData};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(crate) fn post(date: &str, platform: &str, format: &str, fee: &str, impressions: Option<u64>) -> PostData {
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

use super::*;
use crate::money;
use rust_decimal_macros::dec;

fn deliverable(slug: &str, quantity: u32) -> Deliverable {
    let (p, f) = slug.split_once('/').unwrap();
    Deliverable { platform: Platform::parse(p).unwrap(), format: Format::parse(f).unwrap(), quantity }
}

fn request(lines: &[(&str, u32)], date: &str, as_of: &str) -> Request {
    Request::new(lines.iter().map(|(s, q)| deliverable(s, *q)).collect(), d(date), d(as_of))
}

fn close(a: Decimal, b: Decimal, tol: Decimal) -> bool {
    (a - b).abs() <= tol
}

/// Nine instagram reels in Q1 2026, 100,000 impressions each, fees 1000, 800, 1200,
/// 900, 1000, 1500, 1100, 1000, 1300 in date order (CPMs 10, 8, 12, 9, 10, 15, 11, 10,
/// 13). Dates span 79 days (< 180), so both growth rates are 0; one segment with equal
/// impressions in one season, so every season factor is 1.
fn nine_reels() -> Vec<PostData> {
    let fees = ["1000", "800", "1200", "900", "1000", "1500", "1100", "1000", "1300"];
    let dates = [
        "2026-01-05",
        "2026-01-15",
        "2026-01-25",
        "2026-02-05",
        "2026-02-15",
        "2026-02-25",
        "2026-03-05",
        "2026-03-15",
        "2026-03-25",
    ];
    dates.iter().zip(fees).map(|(day, fee)| post(day, "instagram", "reel", fee, Some(100_000))).collect()
}

#[test]
fn one_line_pinned_by_hand() {
    // Step 1: span 79 days < 180 → g_a = g_p = 0. Step 3: ratios CPM/10 have median 1,
    // so Q1 = (9·1 + 3)/(9 + 3) = 1, Q2 (no posts) = 1.
    // Step 2: 9 segment posts, all 100,000, moved at 0 → P = 100,000 ("segment").
    // Step 4: n = 9 ≥ 8 → L = median(8, 9, 10, 10, 10, 11, 12, 13, 15) = 10.
    // Step 5: quoted impressions exist for the 4th post on (3 earlier posts): 100,000
    // each, so quoted CPMs = CPMs of posts 4-9: 9, 10, 15, 11, 10, 13.
    //   Sorted 9 10 10 11 13 15: Q(.25) = 10 (h = 1.25), Q(.5) = 10.5, Q(.75) = 12.5
    //   → R_q(.25) = 10/10.5 = 0.952381, R_q(.75) = 12.5/10.5 = 1.190476 (one segment:
    //   segment, platform and all agree, so pooling changes nothing).
    //   Values 8 9 10 10 10 11 12 13 15: Q(.25) = 10, Q(.5) = 10, Q(.75) = 12
    //   → R_d(.25) = 1, R_d(.75) = 1.2.
    //   R(.25) = e^−√(ln² 0.952381 + π/18·0) = 0.952381;
    //   R(.75) = e^√(ln² 1.190476 + π/18·ln² 1.2) = e^√(0.0303989 + 0.1745329·0.0332412)
    //          = e^0.1902649 = 1.2095701.
    // Step 6: floor 100,000 × 9.52381/1000 = 952.38 → 950 (50s); target 1000 → 1000;
    // anchor 1209.57 → 1200.
    let posts = nine_reels();
    let req = request(&[("instagram/reel", 1)], "2026-04-15", "2026-04-01");
    let p = propose(&posts, &Settings::default(), &req, "USD").unwrap();
    assert_eq!((p.audience_growth, p.cpm_growth), (dec!(0), dec!(0)));
    assert_eq!((p.season.to_string(), p.season_factor, p.season_posts), ("Q2".to_string(), dec!(1), 0));
    let l = &p.lines[0];
    assert_eq!((l.projected_impressions, l.projection), (100_000, ProjectionKind::Segment));
    assert_eq!(l.level, dec!(10));
    assert!(close(l.cpm.floor, dec!(200) / dec!(21), Decimal::new(1, 20)), "{}", l.cpm.floor);
    assert_eq!(l.cpm.target, dec!(10));
    assert!(close(l.cpm.anchor, dec!(12.095701184189347528635165), Decimal::new(1, 20)), "{}", l.cpm.anchor);
    assert_eq!(l.price, PricePoints::new(dec!(950), dec!(1000), dec!(1200)));
    assert_eq!((l.confidence, l.evidence_posts), (Confidence::High, 9));
    assert_eq!((l.evidence_from, l.evidence_to), (Some(d("2026-01-05")), Some(d("2026-03-25"))));
    assert_eq!(l.working, "100,000 impressions × $10.00 CPM × Q2 1.00 = $1,000.00 → $1,000");
    // One unit: no bundle discount, totals as the line.
    assert_eq!(p.total, l.price);
    assert_eq!(p.bundle_discount_percent, dec!(0));
    // Step 11: guarantee ⌊0.8 × 100,000⌋ = 80,000; bonus CPM 1000/100,000 × 1000 = 10;
    // base 80,000 × 10 / 1000 = 800 → 800; cap = anchor total 1200.
    assert_eq!(p.performance.guaranteed_impressions, 80_000);
    assert_eq!(p.performance.bonus_cpm, Some(dec!(10)));
    assert_eq!(p.performance.base, Some(dec!(800)));
    assert_eq!(p.performance.cap, dec!(1200));
    assert!(p.offer.is_none());
}

#[test]
fn offer_check_pinned_by_hand() {
    // Same history: the total at q is 1000 × R(q). R(.64) = 1.0979392 (1097.94, gap
    // 2.06) and R(.65) = 1.1079979 (1108.00, gap 8.00): an offer of 1100 sits at p = 64.
    // Verdict against the rounded totals 950 / 1000 / 1200: at or above target, no counter.
    // Effective CPM 1100 / 100,000 × 1000 = 11.
    let posts = nine_reels();
    let mut req = request(&[("instagram/reel", 1)], "2026-04-15", "2026-04-01");
    for (offer, percentile, verdict, counter) in [
        (dec!(1100), 64, Verdict::AtOrAboveTarget, None),
        (dec!(1000), 50, Verdict::AtOrAboveTarget, None),
        (dec!(900), 11, Verdict::BelowFloor, Some(dec!(1000))),
        // Below the median R_d = 1 (values' Q(q) = 10 for q in .25-.5), so R(q) =
        // R_q(q): at q = .45, h = 2.25 → 10 + 0.25·1 = 10.25 → 10.25/10.5 → 976.19
        // (gap 1.19); q = .44 gives 971.43 (gap 3.57): p = 45.
        (dec!(975), 45, Verdict::BetweenFloorAndTarget, Some(dec!(1000))),
        (dec!(1150), 69, Verdict::AtOrAboveTarget, None),
        (dec!(700), 0, Verdict::BelowFloor, Some(dec!(1000))),
    ] {
        req.offer = Some(offer);
        let p = propose(&posts, &Settings::default(), &req, "USD").unwrap();
        let o = p.offer.unwrap();
        assert_eq!((o.percentile, o.verdict, o.counter), (percentile, verdict, counter), "offer {offer}");
        assert_eq!(o.cpm, Some(offer / dec!(100)));
    }
}

/// A history exercising every fallback, all in Q1 2026 with constant CPM per segment
/// (so season factors are 1) and a span under 180 days (so growth is 0):
/// - instagram/reel: 40,000 / 50,000 / 60,000 impressions at CPM 10;
/// - instagram/story: 10,000 / 10,000 / 12,000 at CPM 5;
/// - instagram/carousel: one post, 30,000 at CPM 12;
/// - tiktok/video: 80,000 / 100,000 / 120,000 / 100,000 at CPM 5.
fn mixed() -> Vec<PostData> {
    vec![
        post("2026-01-10", "instagram", "reel", "400", Some(40_000)),
        post("2026-01-20", "instagram", "reel", "500", Some(50_000)),
        post("2026-01-30", "instagram", "reel", "600", Some(60_000)),
        post("2026-01-12", "instagram", "story", "50", Some(10_000)),
        post("2026-01-22", "instagram", "story", "50", Some(10_000)),
        post("2026-02-01", "instagram", "story", "60", Some(12_000)),
        post("2026-02-10", "instagram", "carousel", "360", Some(30_000)),
        post("2026-01-15", "tiktok", "video", "400", Some(80_000)),
        post("2026-01-25", "tiktok", "video", "500", Some(100_000)),
        post("2026-02-04", "tiktok", "video", "600", Some(120_000)),
        post("2026-02-14", "tiktok", "video", "500", Some(100_000)),
        // Not evidence: gifted, unmeasured, and on/after as_of.
        post("2026-02-20", "youtube", "short", "0", Some(90_000)),
        post("2026-02-21", "youtube", "short", "300", None),
        post("2026-04-01", "youtube", "short", "300", Some(90_000)),
    ]
}

#[test]
fn projections_and_levels_fall_back_as_specified() {
    let posts = mixed();
    let mut req = request(
        &[("instagram/reel", 1), ("instagram/story", 2), ("instagram/carousel", 1), ("tiktok/story", 1)],
        "2026-04-15",
        "2026-04-01",
    );
    req.impressions = vec![(Platform::Instagram, Format::parse("story").unwrap(), 20_000)];
    let p = propose(&posts, &Settings::default(), &req, "USD").unwrap();
    // Every relative value is 1 (constant CPM per segment), so R(q) = 1 and C = L.
    let summary: Vec<_> = p
        .lines
        .iter()
        .map(|l| (l.format.to_string(), l.projected_impressions, l.projection, l.confidence, l.level))
        .collect();
    assert_eq!(
        summary,
        [
            // 3 posts: segment projection, median(40k, 50k, 60k) = 50,000; n = 3 → L =
            // median fee value 500 × 1000 / 50,000 = 10; medium confidence.
            ("reel".to_string(), 50_000, ProjectionKind::Segment, Confidence::Medium, dec!(10)),
            // Entered 20,000; L from step 2's own projection (median 10k, 10k, 12k =
            // 10,000): median fee value 50 × 1000 / 10,000 = 5; low (entered).
            ("story".to_string(), 20_000, ProjectionKind::Entered, Confidence::Low, dec!(5)),
            // One post and no platform with 3 carousels: thin segment 30,000;
            // L = 360 × 1000 / 30,000 = 12.
            ("carousel".to_string(), 30_000, ProjectionKind::ThinSegment, Confidence::Low, dec!(12)),
            // No tiktok story: tiktok's median 100,000 × story's typical share on
            // instagram (median story 10,000 / median of all 7 instagram posts 30,000 =
            // 1/3) = 33,333.3 → 33,333; n = 0 → L = tiktok's median value 5.
            ("story".to_string(), 33_333, ProjectionKind::PlatformShare, Confidence::Low, dec!(5)),
        ]
    );
    // Prices (R = 1, season 1): reel 500 → 500/550/600 after the repair; story
    // 2 × 20,000 × 5/1000 = 200 → 200/225/250; carousel 360 → 350/375/400;
    // tiktok story 33,333 × 5/1000 = 166.665 → 175/200/225.
    let prices: Vec<PricePoints> = p.lines.iter().map(|l| l.price).collect();
    assert_eq!(
        prices,
        [
            PricePoints::new(dec!(500), dec!(550), dec!(600)),
            PricePoints::new(dec!(200), dec!(225), dec!(250)),
            PricePoints::new(dec!(350), dec!(375), dec!(400)),
            PricePoints::new(dec!(175), dec!(200), dec!(225)),
        ]
    );
    // Bundle: units 500, 360, 166.665, 100, 100 → 500 + 0.95·360 + 0.95·166.665 +
    // 0.9·100 + 0.9·100 = 500 + 342 + 158.33175 + 90 + 90 = 1180.33175, undiscounted
    // 1226.665; discount 46.33325 / 1226.665 = 3.7772 %.
    assert_eq!(p.total_unrounded.target, dec!(1180.33175));
    assert_eq!(p.total_undiscounted.target, dec!(1226.665));
    assert_eq!(money::trimmed(p.bundle_discount_percent, 2), "3.78");
    // 1180.33 → 1200 (50s: 23.6 → 24); floor and target both 1200 → target + 50 = 1250,
    // anchor 1200 → 1250 → 1300.
    assert_eq!(p.total, PricePoints::new(dec!(1200), dec!(1250), dec!(1300)));
    // Step 11: Σ P × qty = 50,000 + 40,000 + 30,000 + 33,333 = 153,333;
    // guarantee ⌊0.8 × 153,333⌋ = 122,666; bonus 1250 / 153,333 × 1000 = 8.1522;
    // base 122,666 × 8.1522 / 1000 = 999.997 → 1000 (50s); cap = anchor total 1300.
    assert_eq!(p.performance.guaranteed_impressions, 122_666);
    assert_eq!(money::fixed(p.performance.bonus_cpm.unwrap(), 2), "8.15");
    assert_eq!(p.performance.base, Some(dec!(1000)));
    assert_eq!(p.performance.cap, dec!(1300));
    // Offer: every q prices the same total (R = 1), so every p ties: the lowest, 0.
    // 1100 is below the rounded floor 1200; effective CPM 1100 / 153,333 × 1000 = 7.17.
    let mut req = req.clone();
    req.offer = Some(dec!(1100));
    let o = propose(&posts, &Settings::default(), &req, "USD").unwrap().offer.unwrap();
    assert_eq!((o.percentile, o.verdict, o.counter), (0, Verdict::BelowFloor, Some(dec!(1250))));
    assert_eq!(money::fixed(o.cpm.unwrap(), 2), "7.17");
}

#[test]
fn a_line_that_cannot_be_projected_is_refused_naming_it_and_what_to_enter() {
    let posts = mixed();
    let req = request(&[("instagram/reel", 1), ("youtube/short", 1)], "2026-04-15", "2026-04-01");
    let err = propose(&posts, &Settings::default(), &req, "USD").unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, PricingError::NoProjection { line: 2, .. }), "{err:?}");
    assert!(
        text.contains("line 2 (youtube/short)") && text.contains("enter the impressions you expect for it"),
        "{text}"
    );
    assert!(!text.contains("--"), "the core names no CLI flag: {text}");
    assert!(text.contains("no measured post on youtube before 2026-04-01"), "{text}");
    assert_eq!(text.matches(". ").count(), 0, "one sentence: {text}");
    // A format never seen anywhere on a known platform: no share either.
    let req = request(&[("instagram/live", 1)], "2026-04-15", "2026-04-01");
    let text = propose(&posts, &Settings::default(), &req, "USD").unwrap_err().to_string();
    assert!(text.contains("line 1 (instagram/live)") && text.contains("enter the impressions you expect"), "{text}");
    // Entering a projection makes it priceable (L from instagram's values).
    let mut req = request(&[("instagram/live", 1)], "2026-04-15", "2026-04-01");
    req.impressions = vec![(Platform::Instagram, Format::parse("live").unwrap(), 25_000)];
    let p = propose(&posts, &Settings::default(), &req, "USD").unwrap();
    assert_eq!(p.lines[0].projection, ProjectionKind::Entered);
    // No evidence at all before as_of.
    let req = request(&[("instagram/reel", 1)], "2026-01-05", "2026-01-01");
    assert!(matches!(propose(&posts, &Settings::default(), &req, "USD"), Err(PricingError::NoEvidence { .. })));
}

#[test]
fn json_has_exactly_the_documented_shape() {
    // Nine reels; 2 reels and 3 days... exclusivity 7 days (10 × 7/30 = 2.333… %) and rush
    // 25 %: add-ons 27.333… %. Unit target 1000 × 1.273333… = 1273.33; two units:
    // 1273.33 + 0.95 × 1273.33 = 2483.00 (discount 2.5 % of 2546.67).
    let posts = nine_reels();
    let mut req = request(&[("instagram/reel", 2)], "2026-04-15", "2026-04-01");
    req.exclusivity_days = Some(7);
    req.rush = true;
    req.offer = Some(dec!(2400));
    req.brand = Some("Acme".into());
    let p = propose(&posts, &Settings::default(), &req, "USD").unwrap();
    let json = serde_json::to_value(&p).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let mut want = vec![
        "date",
        "as_of",
        "season",
        "season_factor",
        "season_posts",
        "audience_growth",
        "cpm_growth",
        "currency",
        "lines",
        "addons",
        "bundle_discount_percent",
        "total",
        "performance",
        "offer",
    ];
    want.sort();
    assert_eq!(keys(&json), want);
    let mut line_keys = vec![
        "platform",
        "format",
        "quantity",
        "projected_impressions",
        "projection",
        "confidence",
        "evidence_posts",
        "evidence_from",
        "evidence_to",
        "cpm",
        "price",
        "working",
    ];
    line_keys.sort();
    assert_eq!(keys(&json["lines"][0]), line_keys);
    assert_eq!(json["date"], "2026-04-15");
    assert_eq!(json["as_of"], "2026-04-01");
    assert_eq!(json["season"], "Q2");
    assert_eq!(json["season_factor"], "1.00");
    assert_eq!(json["season_posts"], 0);
    assert_eq!(json["audience_growth"], "0.00");
    assert_eq!(json["currency"], "USD");
    let line = &json["lines"][0];
    assert_eq!(line["platform"], "instagram");
    assert_eq!(line["format"], "reel");
    assert_eq!(line["quantity"], 2);
    assert_eq!(line["projected_impressions"], 100_000);
    assert_eq!(line["projection"], "segment");
    assert_eq!(line["confidence"], "high");
    assert_eq!(line["evidence_posts"], 9);
    assert_eq!(line["evidence_from"], "2026-01-05");
    assert_eq!(line["evidence_to"], "2026-03-25");
    assert_eq!(line["cpm"], serde_json::json!({"floor": "9.52", "target": "10.00", "anchor": "12.10"}));
    // Line target 2 × 1273.333… = 2546.67 → 2500 (100s).
    assert_eq!(line["price"]["target"], "2500.00");
    assert_eq!(
        line["working"],
        "100,000 impressions × $10.00 CPM × Q2 1.00 × (1 + 27.33 % add-ons) × 2 = $2,546.67 → $2,500"
    );
    assert_eq!(
        json["addons"],
        serde_json::json!([
            {"name": "exclusivity", "days": 7, "percent": "2.33"},
            {"name": "rush", "days": null, "percent": "25"}
        ])
    );
    // Two units, the second at −5 %: discount 0.05 × 1273.33 / 2546.67 = 2.5 %.
    assert_eq!(json["bundle_discount_percent"], "2.5");
    // 2483.00 → 2500 (100s: 24.83 → 25).
    assert_eq!(json["total"]["target"], "2500.00");
    assert_eq!(keys(&json["performance"]), ["base", "bonus_cpm", "cap", "guaranteed_impressions"]);
    // Guarantee ⌊0.8 × 200,000⌋ = 160,000; bonus 2500 / 200,000 × 1000 = 12.50;
    // base 160,000 × 12.5 / 1000 = 2000 → 2000.
    assert_eq!(json["performance"]["guaranteed_impressions"], 160_000);
    assert_eq!(json["performance"]["bonus_cpm"], "12.50");
    assert_eq!(json["performance"]["base"], "2000.00");
    assert_eq!(keys(&json["offer"]), ["amount", "counter", "cpm", "percentile", "verdict"]);
    assert_eq!(json["offer"]["amount"], "2400.00");
    assert_eq!(json["offer"]["cpm"], "12.00");
    assert_eq!(json["offer"]["counter"], "2500.00");
    // The brand changes no price and is not in the JSON; without an offer, no "offer".
    req.offer = None;
    req.brand = None;
    let json2 = serde_json::to_value(propose(&posts, &Settings::default(), &req, "USD").unwrap()).unwrap();
    assert!(json2.get("offer").is_none());
    assert_eq!(json2["total"], json["total"]);
    // Usage rights perpetual prints "perpetual".
    req.usage_rights = Some(UsageRights::Perpetual);
    let json3 = serde_json::to_value(propose(&posts, &Settings::default(), &req, "USD").unwrap()).unwrap();
    assert_eq!(json3["addons"][0], serde_json::json!({"name": "usage rights", "days": "perpetual", "percent": "75"}));
}

#[test]
fn season_and_growth_enter_the_price() {
    // instagram/reel, 8 posts a quarter apart over 2 years (span 639 days), impressions
    // 10,000 → growing 1,000 a quarter, fee 100 except Q4 posts at 200.
    //   CPMs per date: posts in Q4 have CPM 200 × 1000 / imps.
    // Rather than the exact figures, check the relations the steps imply:
    // g_a > 0 (impressions grow), Q4 factor = (n·m + 3)/(n + 3) with n = 2 Q4 posts.
    let mut posts = Vec::new();
    let dates = [
        "2024-02-01",
        "2024-05-01",
        "2024-08-01",
        "2024-11-01",
        "2025-02-01",
        "2025-05-01",
        "2025-08-01",
        "2025-11-01",
    ];
    for (k, day) in dates.iter().enumerate() {
        let imps = 10_000 + 1_000 * k as u64;
        let q4 = day.contains("-11-");
        let fee = if q4 { (imps / 50).to_string() } else { (imps / 100).to_string() };
        posts.push(post(day, "instagram", "reel", &fee, Some(imps)));
    }
    // CPM = 10 off-season, 20 in Q4: segment median 10 (6 of 8 at 10); Q4 ratios 2, 2 →
    // median 2, n = 2: (2·2 + 3)/5 = 1.4. Other seasons: ratios 1 → 1.
    let req = request(&[("instagram/reel", 1)], "2026-12-05", "2025-12-01");
    let p = propose(&posts, &Settings::default(), &req, "USD").unwrap();
    assert_eq!((p.season_factor, p.season_posts), (dec!(1.4), 2));
    // Step 1 (checked with Python's decimal at 40 digits): the least-squares slope of
    // ln(10,000 + 1,000k) against days/365.25 is 0.30154356399152493460126434153; of the
    // season-neutral ln CPM (ln 10, or ln(20/1.4) on the Q4 dates) 0.10224149220793284738.
    let tol = Decimal::new(1, 22);
    assert!(close(p.audience_growth, dec!(0.3015435639915249346012643415), tol), "{}", p.audience_growth);
    assert!(close(p.cpm_growth, dec!(0.1022414922079328473818153219), tol), "{}", p.cpm_growth);
    // The working names the campaign's season and factor.
    assert!(p.lines[0].working.contains("× Q4 1.40 ="), "{}", p.lines[0].working);
    // Same request in Q2: no Q2 post had a different CPM, factor 1, so a lower price.
    let req2 = request(&[("instagram/reel", 1)], "2026-05-05", "2025-12-01");
    let p2 = propose(&posts, &Settings::default(), &req2, "USD").unwrap();
    assert_eq!(p2.season_factor, dec!(1));
    assert!(p2.lines[0].price_unrounded.target < p.lines[0].price_unrounded.target);
}

#[test]
fn backtest_pinned_by_hand() {
    // Nine reels at CPM 10 (all 100,000 impressions, fee 1000), every 10 days through
    // Q1 2026, a gifted post, and a paid youtube short without impressions on 03-20.
    let mut posts: Vec<PostData> = nine_reels()
        .into_iter()
        .map(|mut p| {
            p.fee = dec!(1000);
            p
        })
        .collect();
    posts.push(post("2026-03-20", "youtube", "short", "500", None));
    posts.push(post("2026-03-22", "instagram", "reel", "0", Some(100_000)));
    // Latest post 2026-03-25; 1 month back: deals dated 2026-02-25..2026-03-25 with a
    // fee: the reels of 02-25, 03-05, 03-15, 03-25 and the youtube short (no youtube
    // evidence: skipped). Each reel: CPM 10, R = 1, P = 100,000 → 1000 → floor 1000,
    // target 1050, anchor 1100 (repair). Fee 1000: not below floor, below target and
    // anchor. Error |1050 − 1000|/1000 = 0.05; bias ln 1.05 = 0.0488 → "0.049";
    // baseline Σfee/Σimpressions × 100,000 = 1000: error 0.
    let b = backtest(&posts, &Settings::default(), 1);
    let json = serde_json::to_value(&b).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"months": 1, "deals": 4, "skipped": 1, "target_error": "0.050", "bias": "0.049",
            "below_floor": "0.000", "below_target": "1.000", "below_anchor": "1.000", "baseline_error": "0.000"})
    );
    let segs: Vec<(String, usize, usize)> =
        b.segments.iter().map(|s| (format!("{}/{}", s.platform, s.format), s.stats.deals, s.stats.skipped)).collect();
    assert_eq!(segs, [("instagram/reel".to_string(), 4, 0), ("youtube/short".to_string(), 0, 1)]);
    let text = render_backtest(&b);
    assert!(text.contains("instagram/reel") && text.contains("youtube/short") && text.contains("All"), "{text}");
    // No posts at all: nothing to report, nulls.
    let empty = backtest(&Vec::<PostData>::new(), &Settings::default(), 6);
    assert_eq!(serde_json::to_value(&empty).unwrap()["target_error"], serde_json::Value::Null);
}

#[test]
fn human_view_reads_like_a_quote_and_keeps_private_figures_apart() {
    let posts = nine_reels();
    let mut req = request(&[("instagram/reel", 1)], "2026-04-15", "2026-04-01");
    req.brand = Some("Acme".into());
    req.exclusivity_days = Some(30);
    req.offer = Some(dec!(900));
    let p = propose(&posts, &Settings::default(), &req, "USD").unwrap();
    let text = render_proposal(&p);
    let (quote, private) = text.split_once("For you only").unwrap();
    assert!(quote.contains("Proposal for Acme, campaign going live 2026-04-15"), "{text}");
    assert!(quote.contains("Instagram reel") && quote.contains("exclusivity 30 days +10 %"), "{text}");
    assert!(quote.contains(&format!("Total: {}", money::display(p.total.target, "USD", 0))), "{text}");
    // Floor, anchor, cap and the offer stay in the private part.
    assert!(!quote.contains("Floor") && !quote.contains("cap") && !quote.contains("Offer"), "{text}");
    assert!(
        private.contains("Floor") && private.contains("Offer $900.00") && private.contains("below floor"),
        "{text}"
    );
    assert!(private.contains(&p.lines[0].working), "{text}");
}

// ----- generated histories ---------------------------------------------------------

/// splitmix64: a small seeded generator, enough for test histories.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// A plausible history of `rows` posts between 2023-01-01 and 2026-10-31: five
/// segments with their own CPM and audience, audiences growing 18 %/yr and CPMs 5 %/yr
/// (linear), season multipliers (Q1 0.82 … Q4 1.32), ±25 % noise on the price and
/// −35/+50 % on delivered impressions, fees rounded to 25, some gifted and some
/// unmeasured posts, a few in EUR. Integer and decimal arithmetic only.
pub(crate) fn generated(seed: u64, rows: usize) -> Vec<PostData> {
    // (platform, format, weight, base CPM, typical impressions)
    const SEGMENTS: [(&str, &str, u64, i64, u64); 5] = [
        ("instagram", "reel", 14, 14, 42_000),
        ("instagram", "story", 10, 9, 11_000),
        ("tiktok", "video", 16, 8, 65_000),
        ("youtube", "integration", 6, 22, 38_000),
        ("newsletter", "sponsorship", 3, 45, 9_000),
    ];
    const SEASON: [i64; 4] = [82, 95, 100, 132];
    let mut rng = Rng(seed);
    let start = d("2023-01-01");
    let span = (d("2026-10-31") - start).num_days() as u64;
    let total_weight: u64 = SEGMENTS.iter().map(|s| s.2).sum();
    let mut out = Vec::with_capacity(rows);
    for _ in 0..rows {
        let days = rng.range(0, span);
        let date = start + chrono::Duration::days(days as i64);
        let mut pick = rng.range(0, total_weight - 1);
        let seg = SEGMENTS.iter().find(|s| {
            if pick < s.2 {
                true
            } else {
                pick -= s.2;
                false
            }
        });
        let (platform, format, _, base_cpm, typical) = *seg.unwrap_or(&SEGMENTS[0]);
        let years = Decimal::from(days) / dec!(365.25);
        let expected = Decimal::from(typical) * (Decimal::ONE + dec!(0.18) * years);
        let season = Decimal::from(SEASON[maths::season_of(date)]) / dec!(100);
        let noise = Decimal::from(rng.range(75, 125)) / dec!(100);
        let cpm = Decimal::from(base_cpm) * season * (Decimal::ONE + dec!(0.05) * years) * noise;
        let mut fee = maths::round_to(cpm * expected / dec!(1000), dec!(25)).max(dec!(25));
        let delivered = maths::round_count(expected * Decimal::from(rng.range(65, 150)) / dec!(100));
        let roll = rng.range(0, 99);
        let impressions = if roll < 5 { None } else { Some(delivered) };
        if (5..9).contains(&roll) {
            fee = Decimal::ZERO;
        }
        let mut p = post(&date.to_string(), platform, format, "0", impressions);
        p.fee = fee;
        if (90..97).contains(&roll) {
            p.currency = "EUR".into();
            p.fx_rate = Some(dec!(1.0825));
            p.fee = maths::round_to(fee / dec!(1.0825), dec!(0.01));
        }
        out.push(p);
    }
    out
}

fn shuffled(posts: &[PostData], seed: u64) -> Vec<PostData> {
    let mut v = posts.to_vec();
    let mut rng = Rng(seed);
    for i in (1..v.len()).rev() {
        let j = rng.range(0, i as u64) as usize;
        v.swap(i, j);
    }
    v
}

fn all_points(p: &Proposal) -> Vec<Decimal> {
    let mut v: Vec<Decimal> =
        p.lines.iter().flat_map(|l| l.price.to_array().into_iter().chain(l.price_unrounded.to_array())).collect();
    v.extend(p.total.to_array());
    v.extend(p.total_unrounded.to_array());
    v
}

fn generated_requests(seed: u64) -> Vec<Request> {
    let mut rng = Rng(seed ^ 0xABCDEF);
    let slugs = [
        "instagram/reel",
        "instagram/story",
        "tiktok/video",
        "youtube/integration",
        "newsletter/sponsorship",
        "instagram/post",
    ];
    let mut out = Vec::new();
    for k in 0..3 {
        let lines: Vec<(&str, u32)> = (0..rng.range(1, 3))
            .map(|_| (slugs[rng.range(0, slugs.len() as u64 - 1) as usize], rng.range(1, 3) as u32))
            .collect();
        let as_of = d("2025-06-01") + chrono::Duration::days(rng.range(0, 500) as i64);
        let date = as_of + chrono::Duration::days(rng.range(0, 300) as i64 - 30);
        let mut req = request(&lines, &date.to_string(), &as_of.to_string());
        if k == 2 {
            req.offer = Some(Decimal::from(rng.range(100, 5000)));
        }
        out.push(req);
    }
    out
}

#[test]
fn property_floor_below_target_below_anchor_on_every_line() {
    let settings = Settings::default();
    let mut checked = 0;
    for seed in 0..12u64 {
        let posts = generated(seed, 160);
        for req in generated_requests(seed) {
            let Ok(p) = propose(&posts, &settings, &req, "USD") else { continue };
            checked += 1;
            for l in &p.lines {
                assert!(
                    l.price.floor < l.price.target && l.price.target < l.price.anchor,
                    "seed {seed}: {:?}",
                    l.price
                );
                let u = l.price_unrounded;
                assert!(u.floor <= u.target && u.target <= u.anchor, "seed {seed}: {u:?}");
                assert!(l.cpm.floor <= l.cpm.target && l.cpm.target <= l.cpm.anchor);
            }
            assert!(p.total.floor < p.total.target && p.total.target < p.total.anchor, "seed {seed}: {:?}", p.total);
        }
    }
    assert!(checked >= 20, "only {checked} requests could be priced");
}

#[test]
fn property_more_quantity_never_lowers_a_price() {
    let settings = Settings::default();
    for seed in 0..12u64 {
        let posts = generated(seed, 160);
        for req in generated_requests(seed) {
            let Ok(before) = propose(&posts, &settings, &req, "USD") else { continue };
            // One more unit of each line in turn, and one more line.
            let mut variants = Vec::new();
            for i in 0..req.deliverables.len() {
                let mut r = req.clone();
                r.deliverables[i].quantity += 1;
                variants.push(r);
            }
            let mut r = req.clone();
            r.deliverables.push(deliverable("instagram/reel", 1));
            variants.push(r);
            for r in variants {
                let after = propose(&posts, &settings, &r, "USD").unwrap();
                for (a, b) in after.total.to_array().iter().zip(before.total.to_array()) {
                    assert!(*a >= b, "seed {seed}: total {a} < {b}");
                }
                for (a, b) in after.total_unrounded.to_array().iter().zip(before.total_unrounded.to_array()) {
                    assert!(*a >= b, "seed {seed}: unrounded total {a} < {b}");
                }
                for (la, lb) in after.lines.iter().zip(&before.lines) {
                    for (a, b) in la.price.to_array().iter().zip(lb.price.to_array()) {
                        assert!(*a >= b, "seed {seed}: line {a} < {b}");
                    }
                }
            }
        }
    }
}

#[test]
fn property_an_addon_never_lowers_a_price() {
    let settings = Settings::default();
    let mut checked = 0;
    for seed in 0..12u64 {
        let posts = generated(seed, 160);
        for req in generated_requests(seed) {
            let Ok(before) = propose(&posts, &settings, &req, "USD") else { continue };
            let mut variants = Vec::new();
            for days in [0u32, 7, 45, 120, 400] {
                let mut r = req.clone();
                r.usage_rights = Some(UsageRights::Days(days));
                variants.push(r);
                let mut r = req.clone();
                r.exclusivity_days = Some(days);
                variants.push(r);
                let mut r = req.clone();
                r.whitelisting_days = Some(days);
                variants.push(r);
            }
            let mut r = req.clone();
            r.usage_rights = Some(UsageRights::Perpetual);
            variants.push(r);
            let mut r = req.clone();
            r.rush = true;
            variants.push(r);
            checked += 1;
            for mut r in variants {
                r.offer = None;
                let after = propose(&posts, &settings, &r, "USD").unwrap();
                for (a, b) in all_points(&after).iter().zip(all_points(&before)) {
                    assert!(*a >= b, "seed {seed}: {a} < {b} with {r:?}");
                }
            }
        }
    }
    assert!(checked >= 20, "only {checked} requests could be priced");
}

#[test]
fn property_storage_order_changes_nothing() {
    let settings = Settings::default();
    for seed in 0..8u64 {
        let posts = generated(seed, 200);
        let other = shuffled(&posts, seed + 100);
        for req in generated_requests(seed) {
            let a = propose(&posts, &settings, &req, "USD");
            let b = propose(&other, &settings, &req, "USD");
            assert_eq!(a, b, "seed {seed}");
            if let Ok(a) = a {
                assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b.unwrap()).unwrap());
            }
        }
        assert_eq!(backtest(&posts, &settings, 3), backtest(&other, &settings, 3), "seed {seed}");
    }
}

#[test]
fn generated_histories_price_sensibly_and_backtest() {
    // The generator's truth: Q4 pays ~1.32× and audiences grow 18 %/yr; the engine should
    // see a Q4 factor clearly above 1 and a positive audience growth.
    let posts = generated(7, 600);
    let req = request(&[("instagram/reel", 1), ("instagram/story", 3)], "2026-12-05", "2026-11-01");
    let p = propose(&posts, &Settings::default(), &req, "USD").unwrap();
    assert!(p.season_factor > dec!(1.1), "{}", p.season_factor);
    assert!(p.audience_growth > dec!(0.05), "{}", p.audience_growth);
    assert_eq!(p.lines[0].confidence, Confidence::High);
    let b = backtest(&posts, &Settings::default(), 6);
    assert!(b.total.deals > 50, "{:?}", b.total);
    // On a history generated around its own model, the fee falls below the target about
    // half the time.
    let below = b.total.below_target.unwrap();
    assert!(below > dec!(0.2) && below < dec!(0.8), "{below}");
}

#[test]
fn quoted_cpms_need_three_earlier_posts_of_the_segment() {
    // Nine reels: posts 1-3 have fewer than 3 earlier posts, so no quoted CPM; posts 4-9
    // are quoted at the median of the earlier (≤ 10) posts' impressions, all 100,000,
    // moved at g_a = 0: quoted CPM = fee × 1000 / 100,000 / 1 = fee / 100.
    let posts = nine_reels();
    let h = std::sync::Arc::new(evidence::History::new(&posts));
    let s = Settings::default();
    let ctx = context::Context::new(&h, &s, d("2026-04-01"), d("2026-04-15")).unwrap();
    let want: Vec<Option<Decimal>> = [None, None, None, Some(9), Some(10), Some(15), Some(11), Some(10), Some(13)]
        .iter()
        .map(|v| v.map(Decimal::from))
        .collect();
    assert_eq!(ctx.quoted, want);
    // A post sharing its date with earlier-stored posts does not count them: three
    // posts on one date and a fourth later: only the fourth has 3 earlier posts.
    let same_day = vec![
        post("2026-01-05", "instagram", "reel", "100", Some(10_000)),
        post("2026-01-05", "instagram", "reel", "200", Some(10_000)),
        post("2026-01-05", "instagram", "reel", "300", Some(10_000)),
        post("2026-01-06", "instagram", "reel", "400", Some(10_000)),
    ];
    let h = std::sync::Arc::new(evidence::History::new(&same_day));
    let ctx = context::Context::new(&h, &s, d("2026-04-01"), d("2026-04-15")).unwrap();
    assert_eq!(ctx.quoted, [None, None, None, Some(dec!(40))]);
}
