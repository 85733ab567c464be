//! `mille deals report` through the real binary (deals.md, "What deals teach"): eight
//! deals built with the commands a creator uses — proposals saved as deals (two quoted
//! at anchor), offers, bookings (one in EUR), deliverables logged and measured,
//! invoices, payments, a decline and a loss — then every figure of the report checked
//! against values worked by hand from what was entered and the proposals printed.

mod common;

use common::{s, Env};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Value};
use std::str::FromStr;

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not a decimal string: {v}"))).unwrap()
}

fn cents(v: Decimal) -> String {
    let mut r = v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r.to_string()
}

fn n(v: i64) -> Decimal {
    Decimal::from(v)
}

struct Flow {
    env: Env,
}

impl Flow {
    /// Proposes `deliverables` for `brand` (priced as of 2026-11-22 for 2026-12-05) and
    /// saves it as a deal, at anchor when `anchor`; returns the proposal and the deal id.
    fn quote(&self, brand: &str, deliverables: &[&str], anchor: bool) -> (Value, String) {
        let mut args = vec!["propose", "--date", "2026-12-05", "--as-of", "2026-11-22", "--brand", brand];
        for d in deliverables {
            args.extend(["--deliverable", d]);
        }
        let pdf = self.env.path(&format!("{brand}.pdf"));
        if anchor {
            args.extend(["--pdf", s(&pdf), "--price-point", "anchor"]);
        }
        args.push("--save-deal");
        let p = self.env.json(&args);
        let id = p["deal_id"].as_i64().expect("deal_id").to_string();
        (p, id)
    }

    fn ok(&self, args: &[&str]) -> String {
        self.env.ok(args)
    }

    /// Logs the deal's deliverables; returns the new posts' ids.
    fn log(&self, id: &str) -> Vec<String> {
        let v = self.env.json(&["deals", "log-posts", id]);
        v["posts"].as_array().unwrap().iter().map(|p| p.as_i64().unwrap().to_string()).collect()
    }

    fn impressions(&self, post: &str, imps: &str) {
        self.ok(&["posts", "edit", post, "--impressions", imps]);
    }

    /// The percentile the offer check gives `amount` within the deal's kept totals,
    /// worked here: the closest of the 101 totals, ties to the lower p.
    fn percentile(&self, id: &str, amount: Decimal) -> u64 {
        let deal = self.env.json(&["deals", "show", id]);
        let totals = deal["proposal"]["totals_by_q"].as_array().unwrap();
        let gaps: Vec<Decimal> = totals.iter().map(|t| (dec(t) - amount).abs()).collect();
        gaps.iter().enumerate().min_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0))).unwrap().0 as u64
    }
}

fn projected(p: &Value) -> i64 {
    p["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["projected_impressions"].as_i64().unwrap() * l["quantity"].as_i64().unwrap())
        .sum()
}

#[test]
fn the_report_teaches_what_the_deals_hold() {
    let env = Env::new();
    let csv = env.path("sample.csv");
    env.ok(&["sample", "--rows", "300", "--seed", "7", "--out", s(&csv)]);
    env.ok(&["import", s(&csv)]);
    let f = Flow { env };

    // Nothing yet: every stage at zero, nothing to teach.
    let empty = f.env.json(&["deals", "report", "--date", "2027-01-20"]);
    assert!(empty["pipeline"]["stages"].as_array().unwrap().iter().all(|s| s["n"] == 0 && s["total"] == "0.00"));
    assert_eq!(empty["quotes_land"]["median_percentile"], json!({"value": null, "n": 0, "thin": true}));
    assert!(f.ok(&["deals", "report", "--date", "2027-01-20"]).contains("no deals"));
    let (_, err) = f.env.fails(&["deals", "report", "--date", "2027-02-30"], 1);
    assert!(err.contains("--date \"2027-02-30\""), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    // A — Finch Audio, a reel at target: offered 1,900, booked at 2,000, delivered
    // 100,000 impressions, invoiced 12-10, paid in full 12-22 (12 days).
    let (pa, a) = f.quote("Finch Audio", &["instagram/reel"], false);
    f.ok(&["deals", "offer", &a, "1900", "--date", "2026-11-23"]);
    f.ok(&["deals", "book", &a, "--fee", "2000", "--date", "2026-11-25"]);
    let a_posts = f.log(&a);
    f.impressions(&a_posts[0], "100000");
    f.ok(&["deals", "invoice", &a, "--date", "2026-12-10"]);
    f.ok(&["deals", "pay", &a, "2000", "--date", "2026-12-22"]);

    // B — Finch Audio, two stories at target, booked at 600; 20,000 + 30,000 delivered;
    // invoiced 12-10 (due 2027-01-09), 200 paid: 400 owed, 11 days overdue on 01-20.
    let (pb, b) = f.quote("Finch Audio", &["instagram/story:2"], false);
    f.ok(&["deals", "book", &b, "--fee", "600", "--date", "2026-11-26"]);
    let b_posts = f.log(&b);
    assert_eq!(b_posts.len(), 2);
    f.impressions(&b_posts[0], "20000");
    // One story not measured yet: B awaits, only A counts.
    let half = f.env.json(&["deals", "report", "--date", "2027-01-20"]);
    assert_eq!(half["quoted_vs_delivered"]["overall"]["n"], 1);
    assert_eq!(half["quoted_vs_delivered"]["awaiting"], 1);
    f.impressions(&b_posts[1], "30000");
    f.ok(&["deals", "invoice", &b, "--date", "2026-12-10"]);
    f.ok(&["deals", "pay", &b, "200", "--date", "2026-12-20"]);

    // C — Finch Audio, a TikTok at target, booked at 1,000, no posts linked; invoiced
    // 12-01, paid 12-31 (30 days).
    let (_pc, c) = f.quote("Finch Audio", &["tiktok/video"], false);
    f.ok(&["deals", "book", &c, "--fee", "1000", "--date", "2026-11-27"]);
    f.ok(&["deals", "invoice", &c, "--date", "2026-12-01"]);
    f.ok(&["deals", "pay", &c, "1000", "--date", "2026-12-31"]);

    // D — Bean Co at target, declined; E — Bean Co at anchor, lost.
    let (pd, d) = f.quote("Bean Co", &["instagram/reel"], false);
    f.ok(&["deals", "stage", &d, "declined", "--date", "2026-11-30"]);
    let (pe, e) = f.quote("Bean Co", &["tiktok/video"], true);
    f.ok(&["deals", "stage", &e, "lost", "--date", "2026-11-30"]);

    // F — Sonic Buds at anchor, booked at 1,000 EUR × 1.10 = 1,100.00 base, not invoiced.
    let (_pf, fd) = f.quote("Sonic Buds", &["instagram/reel"], true);
    f.ok(&["deals", "book", &fd, "--fee", "1000", "--currency", "EUR", "--fx-rate", "1.10", "--date", "2026-12-01"]);

    // G — Oat Co, negotiating with a brand offer of 750 on the table; H — a bare inquiry.
    let (_pg, g) = f.quote("Oat Co", &["tiktok/video"], false);
    f.ok(&["deals", "offer", &g, "750", "--date", "2026-11-24"]);
    f.ok(&["deals", "add", "--brand", "Loose Ends", "--date", "2026-11-20"]);

    let r = f.env.json(&["deals", "report", "--date", "2027-01-20"]);
    assert_eq!(r["as_of"], "2027-01-20");

    // Pipeline, by stage, in the base currency.
    let stages: Vec<(String, i64, String, i64)> = r["pipeline"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["stage"].as_str().unwrap().into(),
                s["n"].as_i64().unwrap(),
                s["total"].as_str().unwrap().into(),
                s["unpriced"].as_i64().unwrap(),
            )
        })
        .collect();
    let st = |stage: &str, n: i64, total: String, unpriced: i64| (stage.to_string(), n, total, unpriced);
    assert_eq!(
        stages,
        vec![
            st("inquiry", 1, "0.00".into(), 1),       // H: nothing to price
            st("negotiating", 1, "750.00".into(), 0), // G: the offer on the table
            st("booked", 1, "1100.00".into(), 0),     // F: 1,000 EUR × 1.10
            st("delivered", 0, "0.00".into(), 0),
            st("invoiced", 1, "600.00".into(), 0),                    // B
            st("paid", 2, "3000.00".into(), 0),                       // A 2,000 + C 1,000
            st("declined", 1, cents(dec(&pd["total"]["target"])), 0), // D: its quoted target total
            st("lost", 1, cents(dec(&pe["total"]["anchor"])), 0),     // E: its quoted anchor total
            st("cancelled", 0, "0.00".into(), 0),
        ]
    );
    let p = &r["pipeline"];
    assert_eq!(p["booked_not_invoiced"], json!({"n": 1, "thin": true, "total": "1100.00"}));
    assert_eq!(p["owed"], json!({"n": 1, "thin": true, "total": "400.00"})); // B: 600 − 200
    assert_eq!(p["overdue"], json!({"n": 1, "thin": true, "total": "400.00"}));

    // How brands pay: Finch Audio paid A in 12 days and C in 30 → median 21; B overdue.
    assert_eq!(
        r["brands_pay"],
        json!([{"brand": "Finch Audio", "n": 2, "thin": true, "median_days": "21", "overdue": 1}])
    );

    // How quotes land: A, B, C won at target, D declined → 3 of 4; F won at anchor, E
    // lost → 1 of 2. G is still negotiating and H has no proposal: not counted.
    let q = &r["quotes_land"];
    assert_eq!((q["n"].as_i64(), q["won"].as_i64(), q["thin"].as_bool()), (Some(6), Some(4), Some(false)));
    assert_eq!(
        q["by_price_point"],
        json!([
            {"price_point": "target", "won": 3, "n": 4, "thin": false},
            {"price_point": "anchor", "won": 1, "n": 2, "thin": true},
        ])
    );
    let mut pct = [
        f.percentile(&a, n(2000)),
        f.percentile(&b, n(600)),
        f.percentile(&c, n(1000)),
        f.percentile(&fd, n(1100)), // 1,000 EUR × 1.10
    ];
    let by_deal: Vec<(String, Value)> =
        q["deals"].as_array().unwrap().iter().map(|o| (o["id"].to_string(), o["percentile"].clone())).collect();
    for (id, want) in [(&a, pct[0]), (&b, pct[1]), (&c, pct[2]), (&fd, pct[3])] {
        assert!(by_deal.contains(&(id.clone(), json!(want))), "deal {id} at p{want}: {by_deal:?}");
    }
    assert!(by_deal.contains(&(d.clone(), Value::Null)) && by_deal.contains(&(e.clone(), Value::Null)));
    pct.sort_unstable();
    let median = (n(pct[1] as i64) + n(pct[2] as i64)) / n(2); // four values: the two middle ones' mean
    assert_eq!(q["median_percentile"], json!({"value": median.normalize().to_string(), "n": 4, "thin": false}));

    // Quoted vs delivered: A and B (C has no posts). CPMs worked from the entries.
    let (proj_a, proj_b) = (projected(&pa), projected(&pb));
    let v = &r["quoted_vs_delivered"];
    assert_eq!(
        v["deals"],
        json!([
            // Newest first, as deals are listed: B then A.
            {"id": b.parse::<i64>().unwrap(), "brand": "Finch Audio", "projected_impressions": proj_b,
             "delivered_impressions": 50000, "fee": "600.00",
             "quoted_cpm": cents(n(600) / n(proj_b) * n(1000)), "delivered_cpm": "12.00"}, // 600 / 50,000 × 1000
            {"id": a.parse::<i64>().unwrap(), "brand": "Finch Audio", "projected_impressions": proj_a,
             "delivered_impressions": 100000, "fee": "2000.00",
             "quoted_cpm": cents(n(2000) / n(proj_a) * n(1000)), "delivered_cpm": "20.00"}, // 2,000 / 100,000 × 1000
        ])
    );
    // Overall over the sums: 2,600 / 150,000 × 1000 = 17.333… → 17.33.
    assert_eq!(
        v["overall"],
        json!({"n": 2, "thin": true, "projected_impressions": proj_a + proj_b, "delivered_impressions": 150000,
               "fee": "2600.00", "quoted_cpm": cents(n(2600) / n(proj_a + proj_b) * n(1000)), "delivered_cpm": "17.33"})
    );
    assert_eq!(v["awaiting"], 0);

    // The human view: one screen, the same figures in words.
    let text = f.ok(&["deals", "report", "--date", "2027-01-20"]);
    assert!(text.lines().count() <= 40, "{text}");
    for want in [
        "Deals on 2027-01-20, in USD",
        "Brands accepted 3 of 4 quotes at target, 1 of 2 at anchor (thin)",
        "$1,100.00",
        "17.33",
        "without an amount yet (no fee, offer or proposal): 1 at inquiry",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
    let finch = text.lines().find(|l| l.starts_with("Finch Audio")).expect("Finch Audio's row");
    assert_eq!(finch.split_whitespace().collect::<Vec<_>>(), ["Finch", "Audio", "2", "(thin)", "21", "1"]);
}
