//! Deals through the real binary (deals.md): a sample history, a proposal saved as a
//! deal, a brand's offer checked against the kept proposal, booking with exclusivity,
//! a clash warned for another brand of the same category, the deliverables logged as
//! posts whose fees sum to the agreed fee exactly, an invoice, a partial payment
//! overdue on a fixed date, then paid in full; refusals write nothing.

mod common;

use common::{s, Env};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not a decimal string: {v}"))).unwrap()
}

fn sample_env() -> Env {
    let env = Env::new();
    let csv = env.path("sample.csv");
    env.ok(&["sample", "--rows", "300", "--seed", "7", "--out", s(&csv)]);
    env.ok(&["import", s(&csv)]);
    env
}

#[test]
fn a_deal_from_proposal_to_paid() {
    let env = sample_env();
    // Brands exist from the imported posts; categories are set by hand.
    let brands = env.json(&["brands", "list"]);
    assert!(brands.as_array().unwrap().iter().any(|b| b["name"] == "Nordhavn Coffee"));
    env.ok(&["brands", "set", "Finch Audio", "--category", "audio", "--email", "pay@finch.example"]);
    env.ok(&["brands", "set", "Sonic Buds", "--category", "Audio"]);

    // Propose and save as a deal.
    let request = [
        "propose",
        "--deliverable",
        "instagram/reel",
        "--deliverable",
        "instagram/story:3",
        "--date",
        "2026-12-05",
        "--as-of",
        "2026-11-22",
        "--exclusivity",
        "7",
        "--brand",
        "Finch Audio",
    ];
    let mut args = request.to_vec();
    args.push("--save-deal");
    let p = env.json(&args);
    let id = p["deal_id"].as_i64().expect("deal_id in the proposal JSON");
    let id_s = id.to_string();
    let human = env.ok(&args);
    assert!(human.trim_end().ends_with(&format!("saved as deal {}", id + 1)), "{human}");

    let deal = env.json(&["deals", "show", &id_s]);
    assert_eq!(deal["stage"], "negotiating");
    assert_eq!(deal["brand"], "Finch Audio");
    assert_eq!(deal["stages"][0]["date"], "2026-11-22");
    assert_eq!(deal["deliverables"][1]["quantity"], 3);
    assert_eq!(deal["deliverables"][1]["due"], "2026-12-05");
    let totals = deal["proposal"]["totals_by_q"].as_array().unwrap();
    assert_eq!(totals.len(), 101);
    assert_eq!(deal["proposal"]["proposal"]["total"], p["total"]);

    // The offer is checked against the snapshot exactly as propose --offer checks it.
    let floor = dec(&p["total"]["floor"]);
    let offer = floor - Decimal::from(300);
    let mut live = request.to_vec();
    let offer_s = offer.to_string();
    live.extend(["--offer", &offer_s]);
    let live = env.json(&live);
    let checked = env.json(&["deals", "offer", &id_s, &offer_s, "--date", "2026-11-23", "--note", "=first ask"]);
    let o = &checked["offers"][0];
    assert_eq!(o["verdict"], "below floor");
    assert_eq!(o["verdict"], live["offer"]["verdict"]);
    assert_eq!(o["percentile"], live["offer"]["percentile"]);
    // And by hand: the closest of the 101 totals, ties to the lower p.
    let gaps: Vec<Decimal> = totals.iter().map(|t| (dec(t) - offer).abs()).collect();
    let best = gaps.iter().enumerate().min_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0))).unwrap().0;
    assert_eq!(o["percentile"].as_u64(), Some(best as u64));
    // A creator's counter is recorded unchecked.
    let c = env.json(&["deals", "offer", &id_s, "2100", "--from", "creator", "--date", "2026-11-24"]);
    assert_eq!(c["offers"][1]["verdict"], Value::Null);

    // Book at 2,000 with exclusivity 7 days (from the first due date: 5-11 December).
    let booked = env.json(&["deals", "book", &id_s, "--fee", "2000", "--exclusivity", "7", "--date", "2026-11-25"]);
    assert_eq!(booked["stage"], "booked");
    assert_eq!(booked["agreed_fee"], "2000.00");
    assert_eq!(booked["add_ons"]["exclusivity"], 7);

    // Another audio brand inside the window is warned (never blocked); outside is not.
    let other = env.ok(&["deals", "add", "--brand", "sonic buds", "--deliverable", "tiktok/video@2026-12-11"]);
    let other_id = other.trim().to_string();
    let v = env.json(&["deals", "show", &other_id]);
    assert_eq!(
        v["warnings"],
        serde_json::json!([format!(
            "2026-12-11 falls inside Finch Audio's exclusivity on audio (deal {id}), which runs until 2026-12-11"
        )])
    );
    let later = env.ok(&["deals", "add", "--brand", "Sonic Buds", "--deliverable", "tiktok/video@2026-12-12"]);
    assert_eq!(env.json(&["deals", "show", later.trim()])["warnings"], serde_json::json!([]));
    let proposal = env.ok(&[
        "propose",
        "--deliverable",
        "tiktok/video",
        "--date",
        "2026-12-08",
        "--as-of",
        "2026-11-22",
        "--brand",
        "Sonic Buds",
    ]);
    assert!(proposal.contains("warning: 2026-12-08 falls inside Finch Audio's exclusivity on audio"), "{proposal}");

    // Log the deliverables: four posts whose fees sum to the agreed fee exactly.
    let logged = env.json(&["deals", "log-posts", &id_s]);
    assert_eq!(logged["stage"], "delivered");
    let ids: Vec<i64> = logged["posts"].as_array().unwrap().iter().map(|x| x.as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 4);
    let posts = env.json(&["posts", "list", "--from", "2026-12-05", "--brand", "finch audio"]);
    let fees: Vec<Decimal> = posts.as_array().unwrap().iter().map(|p| dec(&p["fee"])).collect();
    assert_eq!(fees.len(), 4);
    assert_eq!(fees.iter().copied().sum::<Decimal>(), Decimal::from(2000));
    // In proportion to the rounded target line prices ÷ quantity.
    let reel = dec(&p["lines"][0]["price"]["target"]);
    let story = dec(&p["lines"][1]["price"]["target"]) / Decimal::from(3);
    let want = (Decimal::from(2000) * (story / (reel + story * Decimal::from(3))))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(fees[1], want);
    assert_eq!(fees[2], want);
    assert!(env.json(&["deals", "show", &id_s])["warnings"].as_array().unwrap().is_empty());
    // Logging twice is refused, nothing written.
    let (_, err) = env.fails(&["deals", "log-posts", &id_s], 1);
    assert!(err.contains("already has posts"), "{err}");

    // Invoice: number 2026-001, due 30 days later; issuing again keeps both.
    let inv = env.json(&["deals", "invoice", &id_s, "--date", "2026-12-10"]);
    assert_eq!((inv["number"].as_str(), inv["due"].as_str()), (Some("2026-001"), Some("2027-01-09")));
    let line_sum: Decimal = inv["lines"].as_array().unwrap().iter().map(|l| dec(&l["amount"])).sum();
    assert_eq!(line_sum, Decimal::from(2000));
    let again = env.json(&["deals", "invoice", &id_s, "--date", "2026-12-20"]);
    assert_eq!(again["number"], "2026-001");
    assert_eq!(again["date"], "2026-12-10");

    // A partial payment: partly paid, overdue counted in calendar days on --date.
    let part = env.json(&["deals", "pay", &id_s, "500", "--date", "2026-12-15"]);
    assert_eq!(part["stage"], "invoiced");
    assert_eq!((part["paid"].as_str(), part["outstanding"].as_str()), (Some("500.00"), Some("1500.00")));
    let late = env.json(&["deals", "show", &id_s, "--date", "2027-01-20"]);
    assert_eq!(late["overdue_days"], 11);
    assert_eq!(late["status"], "partly paid");
    let overdue = env.json(&["deals", "list", "--overdue", "--date", "2027-01-20"]);
    assert_eq!(overdue.as_array().unwrap().len(), 1);
    // Paid in full.
    let paid = env.json(&["deals", "pay", &id_s, "$1,500", "--date", "2027-01-21"]);
    assert_eq!(paid["stage"], "paid");
    assert_eq!(paid["outstanding"], "0.00");
    assert_eq!(paid["overdue_days"], Value::Null);
    let stages: Vec<&str> = paid["stages"].as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap()).collect();
    assert_eq!(stages, ["negotiating", "booked", "delivered", "invoiced", "paid"]);

    // The next invoice of the year is 2026-002 with the prefix set.
    env.ok(&["settings", "set", "invoice_prefix", "INV-"]);
    env.ok(&["deals", "book", &other_id, "--fee", "900", "--date", "2026-12-01"]);
    let inv2 = env.json(&["deals", "invoice", &other_id, "--date", "2026-12-31"]);
    assert_eq!(inv2["number"], "INV-2026-002");

    // Export: formula-safe CSV, one row per deal.
    let csv = env.ok(&["deals", "export", "--date", "2027-01-21"]);
    assert!(csv.starts_with("id,brand,title,stage,"), "{csv}");
    assert_eq!(csv.lines().count(), 5, "four deals and the header");
    assert!(csv.contains(&format!("\n{id},Finch Audio,,paid,")), "{csv}");
}

#[test]
fn refusals_name_the_flag_and_write_nothing() {
    let env = Env::new();
    let id = env.ok(&["deals", "add", "--brand", "Bean Co", "--deliverable", "instagram/reel:2@2026-12-05"]);
    let id = id.trim();
    let before = env.json(&["deals", "show", id]);
    for (args, says) in [
        (
            vec!["deals", "add", "--brand", "X", "--deliverable", "instagram/reel:0"],
            "--deliverable \"instagram/reel:0\"",
        ),
        (vec!["deals", "add", "--brand", "X", "--stage", "won"], "--stage \"won\": not a stage"),
        (vec!["deals", "offer", id, "-5"], "Amount \"-5\""),
        (vec!["deals", "offer", id, "100", "--from", "agency"], "--from \"agency\""),
        (vec!["deals", "book", id], "--fee"),
        (vec!["deals", "book", id, "--fee", "100", "--currency", "EUR"], "--fx-rate"),
        (vec!["deals", "book", id, "--fee", "100", "--exclusivity", "lots"], "--exclusivity \"lots\""),
        (vec!["deals", "log-posts", id], "book it first"),
        (vec!["deals", "pay", id, "0"], "Amount \"0\""),
        (vec!["deals", "stage", id, "booked", "--date", "2026-02-30"], "--date \"2026-02-30\""),
        (vec!["deals", "show", "999"], "No deal with id 999"),
        (vec!["deals", "link", id, "12345"], "No post with id 12345"),
        (vec!["brands", "set", "Bean Co", "--email", "nope"], "--email \"nope\""),
        (
            vec![
                "posts",
                "add",
                "--date",
                "2026-01-01",
                "--brand",
                "B",
                "--platform",
                "instagram",
                "--format",
                "reel",
                "--fee",
                "10",
                "--deal",
                "999",
            ],
            "No deal with id 999",
        ),
        (vec!["settings", "set", "net_days", "-3"], "net_days"),
    ] {
        let (_, err) = env.fails(&args, 1);
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert_eq!(env.json(&["deals", "show", id]), before);
    assert_eq!(env.json(&["deals", "list"]).as_array().unwrap().len(), 1);
    assert!(env.json(&["posts", "list"]).as_array().unwrap().is_empty());

    // Without a proposal the fee splits equally: 100.01 / 2 = 50.005 → 50.01 each,
    // 0.01 too much, given back by the first post. Then posts add --deal and deals link.
    env.ok(&["deals", "book", id, "--fee", "100.01", "--date", "2026-11-01"]);
    let logged = env.json(&["deals", "log-posts", id]);
    let posts = env.json(&["posts", "list"]);
    let fees: Vec<&str> = posts.as_array().unwrap().iter().map(|p| p["fee"].as_str().unwrap()).collect();
    assert_eq!(fees, ["50.00", "50.01"]);
    assert_eq!(logged["stages"][2]["stage"], "delivered");
    let other = env.ok(&["deals", "add", "--brand", "Bean Co"]);
    let extra = env.ok(&[
        "posts",
        "add",
        "--date",
        "2026-12-06",
        "--brand",
        "Bean Co",
        "--platform",
        "tiktok",
        "--format",
        "video",
        "--fee",
        "5",
        "--deal",
        id,
    ]);
    let v = env.json(&["deals", "show", id]);
    assert_eq!(v["posts"].as_array().unwrap().len(), 3);
    assert!(v["warnings"][0].as_str().unwrap().contains("sum to $105.01, not the agreed fee of $100.01"), "{v}");
    let (_, err) = env.fails(&["deals", "link", other.trim(), extra.trim()], 1);
    assert!(err.contains(&format!("already belongs to deal {id}")), "{err}");
}
