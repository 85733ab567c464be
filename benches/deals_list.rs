//! Deals at scale (criterion): `mille deals list` over 10^4 deals — each with a kept
//! proposal (101 totals), two deliverables, two offers, stages, a payment, one in five
//! an exclusivity window, 1,000 brands — as the desk reads them for the list and the
//! Deals screen (`desk::list`: one query per table, the exclusivity warnings, the
//! views), the same as JSON with every proposal whole (`deals list --json`), and the
//! Deals screen's board (`desk::board`). Goal (issue 15): under 100 ms. Run with
//! `cargo bench --bench deals_list`.

use criterion::{criterion_group, criterion_main, Criterion};
use mille::desk::{self, ListFilter};
use std::hint::black_box;

fn build(path: &std::path::Path) {
    use mille::deals::{AddOns, DealDeliverable, Offer, Party, Payment, Snapshot, Stage, StageEntry};
    use mille::model::{Format, Platform};
    use mille::store::{Booking, NewDeal};
    let totals: Vec<String> = (0..=100).map(|p| format!("\"{}.123456789\"", 1000 + p * 10)).collect();
    let snapshot = format!(
        r#"{{"proposal": {{"date": "2026-12-05", "total": {{"floor": "1250.00", "target": "1500.00", "anchor": "1750.00"}},
        "lines": [{{"platform": "instagram", "format": "reel", "quantity": 1, "price": {{"floor": "1250.00", "target": "1500.00", "anchor": "1750.00"}},
        "working": "48,000 impressions × $13.40 CPM × Q4 1.28 = $823.30 → $800"}}], "addons": []}},
        "price_point": "target", "totals_by_q": [{}]}}"#,
        totals.join(", ")
    );
    let snapshot = Snapshot::parse(&snapshot).unwrap();
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let mut store = mille::store::open(path).unwrap();
    // 1,000 brands in 50 categories; deals over ten years, one in five with 14 days
    // of exclusivity (a busy creator's decade).
    for i in 0..1000 {
        let b = format!("Brand {i}");
        let changes =
            mille::store::BrandChanges { category: Some(format!("category {}", i % 50)), ..Default::default() };
        store.set_brand(&b, &changes).unwrap();
    }
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
        let add_ons = AddOns { exclusivity_days: (i % 5 == 0).then_some(14), ..Default::default() };
        let booking = Booking { fee: 1400.into(), currency: "USD".into(), fx_rate: None, add_ons, net_days: None };
        store.book_deal(id, &booking, Some(StageEntry { stage: Stage::Booked, date: due })).unwrap();
        store.add_payment(id, &Payment { date: Some(due), amount: 700.into() }, None).unwrap();
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mille.db");
    build(&path);
    let store = mille::store::open(&path).expect("store");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let all = desk::list(&store, &ListFilter::default(), today).expect("list");
    assert_eq!(all.len(), 10_000);
    c.bench_function("deals list of 10^4 deals (desk::list)", |b| {
        b.iter(|| desk::list(black_box(&store), &ListFilter::default(), today).expect("list"))
    });
    c.bench_function("reading 10^4 deals (store.deals, a part of the list)", |b| {
        b.iter(|| black_box(&store).deals().expect("deals"))
    });
    c.bench_function("deals list of 10^4 deals, as JSON (desk::list_in_full)", |b| {
        b.iter(|| {
            serde_json::to_vec(&desk::list_in_full(&store, &ListFilter::default(), today).expect("list")).expect("json")
        })
    });
    c.bench_function("the Deals screen's board over 10^4 deals (desk::board)", |b| {
        b.iter(|| desk::board::board(black_box(&store), today).expect("board"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
