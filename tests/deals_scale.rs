//! Deals at scale: `mille deals list` over 10^4 deals through the real binary
//! (deals.md asks it to stay fast: one query per table, no N+1).

mod common;

use common::Env;

/// `mille deals list` over 10^4 deals, each with a kept proposal (101 totals), two
/// deliverables, two offers, stages, a payment and one in five an exclusivity window:
/// one query per table, so the whole process stays well under a second in a debug
/// build. Ignored by default (it builds the database first); run with
/// `cargo test -p mille --test deals_scale -- --ignored --nocapture`.
#[test]
#[ignore]
fn deals_list_stays_fast_with_ten_thousand_deals() {
    use mille::deals::{
        AddOns, DealDeliverable, Offer, Party, Payment, Snapshot, Stage, StageEntry,
    };
    use mille::model::{Format, Platform};
    use mille::store::{Booking, NewDeal};
    let env = Env::new();
    let totals: Vec<String> = (0..=100)
        .map(|p| format!("\"{}.123456789\"", 1000 + p * 10))
        .collect();
    let snapshot = format!(
        r#"{{"proposal": {{"date": "2026-12-05", "total": {{"floor": "1250.00", "target": "1500.00", "anchor": "1750.00"}},
        "lines": [{{"platform": "instagram", "format": "reel", "quantity": 1, "price": {{"floor": "1250.00", "target": "1500.00", "anchor": "1750.00"}},
        "working": "48,000 impressions × $13.40 CPM × Q4 1.28 = $823.30 → $800"}}], "addons": []}},
        "price_point": "target", "totals_by_q": [{}]}}"#,
        totals.join(", ")
    );
    let snapshot = Snapshot::parse(&snapshot).unwrap();
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let mut store = mille::store::open(&env.db).unwrap();
    // 1,000 brands in 50 categories; deals over ten years, one in five with 14 days
    // of exclusivity (a busy creator's decade).
    for i in 0..1000 {
        let b = format!("Brand {i}");
        let changes = mille::store::BrandChanges {
            category: Some(format!("category {}", i % 50)),
            ..Default::default()
        };
        store.set_brand(&b, &changes).unwrap();
    }
    let start = std::time::Instant::now();
    for i in 0..10_000i64 {
        let due = d("2017-01-01") + chrono::Duration::days(i * 7919 % 3650);
        let new = NewDeal {
            brand: format!("Brand {}", i % 1000),
            title: format!("Campaign {i}"),
            stage: Stage::Negotiating,
            date: due - chrono::Duration::days(20),
            deliverables: vec![
                DealDeliverable {
                    platform: Platform::Instagram,
                    format: Format::parse("reel").unwrap(),
                    quantity: 1,
                    due: Some(due),
                },
                DealDeliverable {
                    platform: Platform::Instagram,
                    format: Format::parse("story").unwrap(),
                    quantity: 3,
                    due: Some(due),
                },
            ],
            proposal: Some(snapshot.clone()),
            currency: "USD".into(),
        };
        let id = store.add_deal(&new).unwrap();
        for amount in [1200, 1400] {
            let offer = Offer {
                date: due,
                from: Party::Brand,
                amount: amount.into(),
                note: String::new(),
                verdict: None,
                percentile: Some(20),
            };
            store.add_offer(id, &offer).unwrap();
        }
        let add_ons = AddOns {
            exclusivity_days: (i % 5 == 0).then_some(14),
            ..Default::default()
        };
        let booking = Booking {
            fee: 1400.into(),
            currency: "USD".into(),
            fx_rate: None,
            add_ons,
            net_days: None,
        };
        store
            .book_deal(
                id,
                &booking,
                Some(StageEntry {
                    stage: Stage::Booked,
                    date: due,
                }),
            )
            .unwrap();
        store
            .add_payment(
                id,
                &Payment {
                    date: due,
                    amount: 700.into(),
                },
                None,
            )
            .unwrap();
    }
    drop(store);
    eprintln!("built 10^4 deals in {:.1} s", start.elapsed().as_secs_f64());
    let mut times = Vec::new();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let out = env
            .cmd(&["deals", "list", "--json", "--date", "2026-12-01"])
            .output()
            .unwrap();
        times.push(t.elapsed().as_secs_f64());
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 10_000);
        let warnings: usize = v
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["warnings"].as_array().map_or(0, Vec::len))
            .sum();
        eprintln!("{} bytes of JSON, {warnings} warnings", out.stdout.len());
    }
    let t = std::time::Instant::now();
    let out = env
        .cmd(&["deals", "list", "--date", "2026-12-01"])
        .output()
        .unwrap();
    let table = t.elapsed().as_secs_f64();
    assert!(out.status.success());
    times.sort_by(f64::total_cmp);
    eprintln!(
        "mille deals list --json over 10^4 deals: median {:.3} s; table {:.3} s",
        times[1], table
    );
    assert!(times[1] < 5.0, "{times:?}");
}
