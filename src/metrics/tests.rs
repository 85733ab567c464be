//! Tests of whole reports: every figure of a group, the JSON shape, empty and thin
//! groups, foreign fees, dimension values, group order, filters, and a report merged
//! from parts. They share the posts built here.

use super::*;
use crate::model::{Fact, Format, Metrics, Platform, Post, PostData};
use crate::money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A USD post with the given impressions and nothing else reported.
fn post(id: i64, date: &str, brand: &str, platform: Platform, format: &str, fee: Decimal, imps: Option<u64>) -> Post {
    Post {
        id,
        data: PostData {
            date: d(date),
            brand: brand.to_string(),
            platform,
            format: Format::parse(format).unwrap(),
            fee,
            currency: "USD".to_string(),
            fx_rate: None,
            metrics: Metrics { impressions: imps, ..Metrics::default() },
            campaign: String::new(),
            url: String::new(),
            notes: String::new(),
        },
    }
}

fn with(mut p: Post, f: impl FnOnce(&mut PostData)) -> Post {
    f(&mut p.data);
    p
}

fn s2(v: Option<Decimal>) -> Option<String> {
    v.map(|d| money::fixed(d, 2))
}

/// One instagram/reel Q4 group with every kind of post (see the arithmetic inline).
fn reel_group() -> Vec<Post> {
    use Platform::Instagram as IG;
    vec![
        // CPM 1000/100000·1000 = 10; clicks, likes+comments, views reported
        with(post(1, "2025-11-14", "Acme", IG, "reel", dec!(1000), Some(100_000)), |p| {
            p.metrics.clicks = Some(500);
            p.metrics.likes = Some(3000);
            p.metrics.comments = Some(100);
            p.metrics.views = Some(50_000);
        }),
        // CPM 600/40000·1000 = 15; likes and saves only (missing parts count 0)
        with(post(2, "2025-10-01", "Acme", IG, "reel", dec!(600), Some(40_000)), |p| {
            p.metrics.likes = Some(1000);
            p.metrics.saves = Some(200);
        }),
        // €500 at 1.1 = $550; CPM 550/50000·1000 = 11; clicks and views, no engagement
        with(post(3, "2025-12-20", "Acme", IG, "reel", dec!(500), Some(50_000)), |p| {
            p.currency = "EUR".to_string();
            p.fx_rate = Some(dec!(1.1));
            p.metrics.clicks = Some(100);
            p.metrics.views = Some(10_000);
        }),
        // paid, impressions unknown
        post(4, "2025-11-30", "Acme", IG, "reel", dec!(300), None),
        // gifted and unmeasured: reason gifted
        post(5, "2025-11-02", "Acme", IG, "reel", dec!(0), None),
        // gifted with impressions: not measured, reason gifted
        post(6, "2025-12-01", "Acme", IG, "reel", dec!(0.00), Some(20_000)),
    ]
}

#[test]
fn every_figure_of_a_group() {
    let r = report(&reel_group(), &Dimension::DEFAULT, "USD");
    assert_eq!(r.groups.len(), 1);
    let g = &r.groups[0];
    assert_eq!(g.value(Dimension::Platform), Some("instagram"));
    assert_eq!(g.value(Dimension::Season), Some("Q4"));
    let s = &g.stats;
    assert_eq!((s.posts, s.measured_posts), (6, 3));
    // 1000 + 600 + 550 + 300 + 0 + 0
    assert_eq!(s.fee, dec!(2450));
    // 100000 + 40000 + 50000
    assert_eq!(s.impressions, 190_000);
    // 2150 / 190000 · 1000 = 11.3157…
    assert_eq!(s2(s.cpm).as_deref(), Some("11.32"));
    // CPMs 10, 11, 15: median 11; p25 h=.5 → 10.5; p75 h=1.5 → 13
    assert_eq!(s.cpm_median, Some(dec!(11)));
    assert_eq!(s.cpm_p25, Some(dec!(10.5)));
    assert_eq!(s.cpm_p75, Some(dec!(13)));
    assert_eq!((s.cpm_min, s.cpm_max), (Some(dec!(10)), Some(dec!(15))));
    // clicks: posts 1, 3 → 600 / 150000 = 0.004; cpc (1000 + 550) / 600 = 2.583…
    assert_eq!(s.ctr, Some(dec!(0.004)));
    assert_eq!(s2(s.cpc).as_deref(), Some("2.58"));
    // engagement: posts 1 (3100), 2 (1200) → 4300 / 140000 = 0.030714…; cpe 1600/4300 = 0.372…
    assert_eq!(s.engagement_rate.map(|v| money::fixed(v, 4)).as_deref(), Some("0.0307"));
    assert_eq!(s2(s.cpe).as_deref(), Some("0.37"));
    // views: posts 1, 3 → 1550 / 60000 = 0.02583…
    assert_eq!(s2(s.cpv).as_deref(), Some("0.03"));
    assert!(!s.thin);
    assert_eq!(s.cpms, vec![dec!(10), dec!(11), dec!(15)]);
    assert_eq!(g.post_ids, vec![1, 2, 3, 4, 5, 6]);
    assert_eq!(r.total, *s);
    let ex: Vec<(i64, &str)> = r.excluded.iter().map(|e| (e.id, e.reason.as_str())).collect();
    assert_eq!(ex, vec![(4, "impressions unknown"), (5, "gifted"), (6, "gifted")]);
}

#[test]
fn json_is_exactly_the_cli_shape() {
    let mut posts = reel_group();
    // a second group, all figures null: one paid post without impressions (id 7)
    posts.push(post(7, "2024-02-03", "Böhm", Platform::Tiktok, "video", dec!(250), None));
    let r = report(&posts, &[Dimension::Season, Dimension::Platform], "USD");
    let json = serde_json::to_string(&r).unwrap();
    let want = concat!(
        r#"{"base_currency":"USD","by":["season","platform"],"groups":["#,
        r#"{"key":{"season":"Q1","platform":"tiktok"},"posts":1,"measured_posts":0,"fee":"250.00","impressions":0,"#,
        r#""cpm":null,"cpm_median":null,"cpm_p25":null,"cpm_p75":null,"cpm_min":null,"cpm_max":null,"#,
        r#""ctr":null,"engagement_rate":null,"cpe":null,"cpc":null,"cpv":null,"thin":true},"#,
        r#"{"key":{"season":"Q4","platform":"instagram"},"posts":6,"measured_posts":3,"fee":"2450.00","impressions":190000,"#,
        r#""cpm":"11.32","cpm_median":"11.00","cpm_p25":"10.50","cpm_p75":"13.00","cpm_min":"10.00","cpm_max":"15.00","#,
        r#""ctr":"0.0040","engagement_rate":"0.0307","cpe":"0.37","cpc":"2.58","cpv":"0.03","thin":false}],"#,
        // total: fee 2450 + 250; other figures as the reel group (id 7 is unmeasured)
        r#""total":{"posts":7,"measured_posts":3,"fee":"2700.00","impressions":190000,"#,
        r#""cpm":"11.32","cpm_median":"11.00","cpm_p25":"10.50","cpm_p75":"13.00","cpm_min":"10.00","cpm_max":"15.00","#,
        r#""ctr":"0.0040","engagement_rate":"0.0307","cpe":"0.37","cpc":"2.58","cpv":"0.03","thin":false},"#,
        r#""excluded":[{"id":4,"reason":"impressions unknown"},{"id":5,"reason":"gifted"},{"id":6,"reason":"gifted"},"#,
        r#"{"id":7,"reason":"impressions unknown"}]}"#,
    );
    assert_eq!(json, want);
}

#[test]
fn nulls_thin_and_zero_denominators() {
    use Platform::Youtube as YT;
    let posts = vec![
        // CPM 500/25000·1000 = 20; clicks reported as 0, likes 0, views 0
        with(post(1, "2025-01-05", "A", YT, "short", dec!(500), Some(25_000)), |p| {
            p.metrics.clicks = Some(0);
            p.metrics.likes = Some(0);
            p.metrics.views = Some(0);
        }),
        // CPM 12.345 exactly: rounds half away from zero to 12.35
        with(post(2, "2025-01-06", "A", YT, "short", dec!(246.9), Some(20_000)), |p| {
            p.metrics.clicks = Some(1);
        }),
    ];
    let s = &report(&posts, &[], "USD").groups[0].stats;
    assert!(s.thin, "2 measured posts are thin evidence");
    // ctr 1 / 45000 = 0.0000222 → "0.0000"; cpc (500 + 246.9) / 1 = 746.90
    assert_eq!(s.ctr.map(|v| money::fixed(v, 4)).as_deref(), Some("0.0000"));
    assert_eq!(s2(s.cpc).as_deref(), Some("746.90"));
    // engagement reported but 0: rate 0 / 25000 = 0, cpe has denominator 0 → null
    assert_eq!(s.engagement_rate, Some(dec!(0)));
    assert_eq!(s.cpe, None);
    // views reported but 0: cpv null
    assert_eq!(s.cpv, None);
    // CPMs 12.345, 20: min rounds half away from zero
    assert_eq!(s2(s.cpm_min).as_deref(), Some("12.35"));
    // only post 2 with clicks: 1 / 20000 = 0.00005 → "0.0001"
    let s = &report(&posts[1..], &[], "USD").total;
    assert_eq!(s.ctr.map(|v| money::fixed(v, 4)).as_deref(), Some("0.0001"));
    assert_eq!((s.engagement_rate, s.cpe, s.cpv), (None, None, None));

    // no post at all: no group, a total of zeros and nulls
    let r = report(&[], &Dimension::DEFAULT, "EUR");
    assert!(r.groups.is_empty());
    assert_eq!((r.total.posts, r.total.impressions, r.total.fee), (0, 0, dec!(0)));
    assert_eq!((r.total.cpm, r.total.cpm_median, r.total.ctr), (None, None, None));
    assert!(r.total.thin);
}

#[test]
fn foreign_fees_convert_at_full_precision() {
    // £333.33 × 1.2701 = 423.3291 + 0.033333 = $423.362433; CPM over 1000 impressions = 423.362433
    // €99.99 × 1.0853 = $108.519147; CPM over 10000 impressions = 10.8519147
    let posts = vec![
        with(post(1, "2025-03-01", "A", Platform::Newsletter, "sponsorship", dec!(333.33), Some(1000)), |p| {
            p.currency = "GBP".into();
            p.fx_rate = Some(dec!(1.2701));
        }),
        with(post(2, "2025-03-02", "A", Platform::Newsletter, "sponsorship", dec!(99.99), Some(10_000)), |p| {
            p.currency = "EUR".into();
            p.fx_rate = Some(dec!(1.0853));
        }),
    ];
    let s = report(&posts, &[], "USD").total;
    // 423.362433 + 108.519147
    assert_eq!(s.fee, dec!(531.881580));
    assert_eq!(money::fixed(s.fee, 2), "531.88");
    assert_eq!(s.cpms, vec![dec!(10.8519147), dec!(423.362433)]);
    // 531.88158 / 11000 · 1000 = 48.3528…
    assert_eq!(s2(s.cpm).as_deref(), Some("48.35"));
    // median of two: (10.8519147 + 423.362433) / 2 = 217.10717385 → 217.11
    assert_eq!(s2(s.cpm_median).as_deref(), Some("217.11"));
}

#[test]
fn dimension_values_of_2025_11_14() {
    let p = post(1, "2025-11-14", "Café Ünal", Platform::Instagram, "Reels", dec!(1), Some(1));
    for (dim, want) in [
        (Dimension::Platform, "instagram"),
        (Dimension::Format, "reel"),
        (Dimension::Brand, "Café Ünal"),
        (Dimension::Season, "Q4"),
        (Dimension::Quarter, "2025-Q4"),
        (Dimension::Year, "2025"),
        (Dimension::Month, "2025-11"),
    ] {
        assert_eq!(dim.value(&p), want, "{dim}");
    }
    // quarter boundaries
    for (date, season, month) in [
        ("2024-01-01", "Q1", "2024-01"),
        ("2024-03-31", "Q1", "2024-03"),
        ("2024-04-01", "Q2", "2024-04"),
        ("2024-09-30", "Q3", "2024-09"),
        ("2024-10-01", "Q4", "2024-10"),
        ("2024-12-31", "Q4", "2024-12"),
    ] {
        let p = post(1, date, "A", Platform::X, "post", dec!(1), None);
        assert_eq!(Dimension::Season.value(&p), season);
        assert_eq!(Dimension::Month.value(&p), month);
    }
}

#[test]
fn groups_sort_by_key_text_in_by_order() {
    use Platform::*;
    let brands = ["Zeta", "Ärla", "apple", "Émile", "Øko", "Bravo", "北海道", "Zeta "];
    let posts: Vec<Post> = brands
        .iter()
        .enumerate()
        .map(|(i, b)| post(i as i64 + 1, "2025-01-01", b, Instagram, "post", dec!(100), Some(1000)))
        .collect();
    let r = report(&posts, &[Dimension::Brand], "USD");
    let got: Vec<&str> = r.groups.iter().map(|g| g.key[0].1.as_str()).collect();
    // code points: B 42, Z 5A ("Zeta" before "Zeta "), a 61, Ä C4, É C9, Ø D8, 北 5317
    assert_eq!(got, ["Bravo", "Zeta", "Zeta ", "apple", "Ärla", "Émile", "Øko", "北海道"]);

    // two dimensions: format first, then platform; months and years sort as text
    let posts = vec![
        post(1, "2025-11-01", "A", Tiktok, "video", dec!(1), Some(1)),
        post(2, "2025-02-01", "A", Youtube, "short", dec!(1), Some(1)),
        post(3, "2024-12-01", "A", Instagram, "video", dec!(1), Some(1)),
        post(4, "2025-02-03", "A", Instagram, "story", dec!(1), Some(1)),
    ];
    let r = report(&posts, &[Dimension::Format, Dimension::Platform], "USD");
    let got: Vec<Vec<&str>> = r.groups.iter().map(|g| g.key.iter().map(|(_, v)| v.as_str()).collect()).collect();
    assert_eq!(got, [["short", "youtube"], ["story", "instagram"], ["video", "instagram"], ["video", "tiktok"]]);
    let r = report(&posts, &[Dimension::Month], "USD");
    let got: Vec<&str> = r.groups.iter().map(|g| g.key[0].1.as_str()).collect();
    assert_eq!(got, ["2024-12", "2025-02", "2025-11"]);
    assert_eq!(r.groups[1].stats.posts, 2);
    // a repeated dimension counts once
    let r = report(&posts, &[Dimension::Year, Dimension::Year], "USD");
    assert_eq!(r.by, [Dimension::Year]);
    assert_eq!(r.groups.len(), 2);
}

#[test]
fn filter_criteria() {
    let p = post(1, "2025-06-15", "  Café Lumière ", Platform::Youtube, "integration", dec!(1), None);
    let f = |g: fn(&mut Filter)| {
        let mut f = Filter::default();
        g(&mut f);
        f.matches(&p)
    };
    assert!(f(|_| {}));
    assert!(f(|f| f.from = Some(d("2025-06-15"))), "from is inclusive");
    assert!(f(|f| f.to = Some(d("2025-06-15"))), "to is inclusive");
    assert!(!f(|f| f.from = Some(d("2025-06-16"))));
    assert!(!f(|f| f.to = Some(d("2025-06-14"))));
    assert!(f(|f| f.platform = Some(Platform::Youtube)));
    assert!(!f(|f| f.platform = Some(Platform::Tiktok)));
    assert!(f(|f| f.format = Format::parse("integration")));
    assert!(!f(|f| f.format = Format::parse("dedicated")));
    assert!(f(|f| f.brand = Some("café lumière".into())), "case-insensitive");
    assert!(f(|f| f.brand = Some(" CAFÉ LUMIÈRE  ".into())), "trimmed, Unicode case");
    assert!(!f(|f| f.brand = Some("Café".into())), "whole name, not a substring");

    let posts = vec![p.clone(), post(2, "2025-07-01", "B", Platform::Youtube, "short", dec!(5), Some(100))];
    let filter = Filter { brand: Some("b".into()), ..Filter::default() };
    let r = report_filtered(&posts, &filter, &[Dimension::Brand], "USD");
    assert_eq!(r.total.posts, 1);
    assert_eq!(r.groups[0].key[0].1, "B");
    assert!(r.excluded.is_empty(), "the filtered-out post is not listed as excluded");
}

#[test]
fn a_report_built_in_parts_and_merged_is_the_report_of_the_whole() {
    use crate::sample::{generate, SampleOptions};
    let posts: Vec<Post> = generate(&SampleOptions { rows: 400, seed: 11, ..SampleOptions::default() })
        .into_iter()
        .enumerate()
        .map(|(i, data)| Post { id: i as i64 + 1, data })
        .collect();
    let dims: [&[Dimension]; 4] =
        [&Dimension::DEFAULT, &[Dimension::Brand, Dimension::Month], &[Dimension::Year, Dimension::Format], &[]];
    for by in dims {
        let whole = report(&posts, by, "USD");
        // Cut points that leave a part empty, one post, and uneven halves; the parts
        // meet brands and formats in different orders, so their interned names differ.
        for cuts in [vec![0], vec![1], vec![150, 151, 399], vec![57, 200, 380]] {
            let mut bounds = vec![0];
            bounds.extend(cuts);
            bounds.push(posts.len());
            let mut parts = bounds.windows(2).map(|w| {
                let mut r = Reporter::new(by);
                posts[w[0]..w[1]].iter().rev().for_each(|p| r.add(&Fact::of(p.id, &p.data)));
                r
            });
            let mut merged = parts.next().unwrap();
            parts.for_each(|p| merged.merge(p));
            let merged = merged.finish("USD");
            // The figures and the excluded list are those of the whole; only the
            // order of each group's post ids follows the order the posts came in.
            assert_eq!(serde_json::to_value(&merged).unwrap(), serde_json::to_value(&whole).unwrap(), "{by:?}");
            for (m, w) in merged.groups.iter().zip(&whole.groups) {
                assert_eq!(m.stats.cpms, w.stats.cpms);
                let mut ids = m.post_ids.clone();
                ids.sort_unstable();
                assert_eq!(ids, w.post_ids);
            }
            assert_eq!(merged.total.cpms, whole.total.cpms);
        }
    }
}
