//! Properties of the pricing engine over `mille sample` histories (the generator the app
//! and the CLI ship), not a hand-made one: floor < target < anchor on every line and
//! total; more quantity never lowers a price; an add-on never lowers a price; the order
//! the posts are stored in changes nothing.

use chrono::NaiveDate;
use mille::model::{Format, Platform, PostData};
use mille::pricing::{self, Deliverable, Request, Settings, UsageRights};
use mille::sample::{self, SampleOptions};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn history(rows: usize, seed: u64) -> Vec<PostData> {
    sample::generate(&SampleOptions { rows, seed, ..SampleOptions::default() })
}

fn line(p: Platform, f: &str, q: u32) -> Deliverable {
    Deliverable { platform: p, format: Format::parse(f).unwrap(), quantity: q }
}

fn requests() -> Vec<Request> {
    let mut out = Vec::new();
    for date in ["2026-02-10", "2026-08-01", "2026-12-05"] {
        let mut r = Request::new(
            vec![
                line(Platform::Instagram, "reel", 1),
                line(Platform::Instagram, "story", 3),
                line(Platform::Tiktok, "video", 2),
            ],
            d(date),
            d("2026-11-01"),
        );
        out.push(r.clone());
        r.exclusivity_days = Some(14);
        r.usage_rights = Some(UsageRights::Days(45));
        out.push(r);
    }
    out
}

#[test]
fn floor_below_target_below_anchor() {
    let settings = Settings::default();
    for seed in 1..=4 {
        for rows in [160, 600] {
            let posts = history(rows, seed);
            for req in requests() {
                let p = pricing::propose(&posts, &settings, &req, "USD").unwrap();
                for l in p.lines.iter().map(|l| &l.price).chain([&p.total]) {
                    assert!(l.floor < l.target && l.target < l.anchor, "seed {seed} rows {rows}: {l:?}");
                }
            }
        }
    }
}

#[test]
fn more_quantity_and_add_ons_never_lower_a_price() {
    let settings = Settings::default();
    for seed in 1..=3 {
        let posts = history(300, seed);
        let base = Request::new(
            vec![line(Platform::Instagram, "reel", 1), line(Platform::Youtube, "integration", 1)],
            d("2026-12-05"),
            d("2026-11-01"),
        );
        let p0 = pricing::propose(&posts, &settings, &base, "USD").unwrap();
        for q in 2..=5 {
            let mut more = base.clone();
            more.deliverables[0].quantity = q;
            let p = pricing::propose(&posts, &settings, &more, "USD").unwrap();
            assert!(
                p.total.floor >= p0.total.floor
                    && p.total.target >= p0.total.target
                    && p.total.anchor >= p0.total.anchor,
                "seed {seed} qty {q}"
            );
        }
        let mut extra = base.clone();
        extra.deliverables.push(line(Platform::Instagram, "story", 1));
        let p = pricing::propose(&posts, &settings, &extra, "USD").unwrap();
        assert!(p.total.target >= p0.total.target, "adding a deliverable never lowers the total");
        type Change = Box<dyn Fn(&mut Request)>;
        let with: Vec<Change> = vec![
            Box::new(|r| r.rush = true),
            Box::new(|r| r.exclusivity_days = Some(30)),
            Box::new(|r| r.whitelisting_days = Some(7)),
            Box::new(|r| r.usage_rights = Some(UsageRights::Perpetual)),
        ];
        for add in &with {
            let mut r = base.clone();
            add(&mut r);
            let p = pricing::propose(&posts, &settings, &r, "USD").unwrap();
            for (a, b) in p.lines.iter().zip(&p0.lines) {
                assert!(
                    a.price.floor >= b.price.floor
                        && a.price.target >= b.price.target
                        && a.price.anchor >= b.price.anchor
                );
            }
            assert!(p.total.target >= p0.total.target);
        }
    }
}

#[test]
fn storage_order_changes_nothing() {
    let settings = Settings::default();
    let posts = history(400, 8);
    let mut reversed = posts.clone();
    reversed.reverse();
    let mut shuffled = posts.clone();
    // A fixed permutation: 7919 is prime, so striding by it visits every post once.
    let n = shuffled.len();
    shuffled = (0..n).map(|i| posts[(i * 7919) % n].clone()).collect();
    for req in requests() {
        let a = serde_json::to_string(&pricing::propose(&posts, &settings, &req, "USD").unwrap()).unwrap();
        let b = serde_json::to_string(&pricing::propose(&reversed, &settings, &req, "USD").unwrap()).unwrap();
        let c = serde_json::to_string(&pricing::propose(&shuffled, &settings, &req, "USD").unwrap()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
    }
}
