//! A tracker's Status column through the real binary (real-files.md "Statuses",
//! deals.md "Import"): a German Google-Sheets export whose rows at a post stage become
//! posts with their deals (paid ones with their payment, dated or not), whose rows not
//! live become deals without posts, imported twice without a second copy of anything;
//! a dry run that says what it would make and writes nothing; a file with one bad row
//! that writes neither posts nor deals; and `mille sample --deals`, seeded.

mod common;

use common::{s, Env};
use serde_json::Value;

/// As Google Sheets exports a German tracker: comma-delimited, amounts quoted with a
/// decimal comma, dotted dates, a check-mark in a status, a totals row.
const TRACKER: &str = "\
Datum,Marke,Kampagne,Plattform,Inhaltstyp,Honorar,Währung,Status,Bezahlt am,Impressionen,Notizen
14.01.2026,Nordhavn Coffee,Winterkampagne,Instagram,Reel,\"1.250,00 €\",EUR,Bezahlt,20.02.2026,48.211,
02.02.2026,Kōhī Roasters,Frühling,TikTok,Video,\"900,00\",USD,✅ bezahlt,,65.000,
20.02.2026,Glow Labs,Glow Up,YouTube,Integration,\"2.400,00\",USD,Rechnung gestellt,,38.000,
05.03.2026,ByteBox,Launch,Instagram,Story,\"450,00\",USD,veröffentlicht,,11.000,
20.03.2026,Peak Protein,Sommer,TikTok,Video,\"700,00\",USD,gebucht,,,
01.03.2026,Verde Meals,,Instagram,Reel,,,Anfrage,,,erste Mail
03.03.2026,Atlas Luggage,Reisen,YouTube,Integration,\"3.000,00\",USD,In Verhandlung,,,
10.02.2026,Finch Finance,Q1,Instagram,Post,\"800,00\",USD,abgelehnt,,,zu wenig Budget
12.02.2026,Moss Mobile,,TikTok,Video,,,storniert,,,
15.01.2026,Pixel Forge,Gaming,YouTube,Short,\"300,00\",USD,,,90.000,
,Summe,,,,\"10.800,00\",,,,,
";

fn by_brand<'a>(deals: &'a Value, brand: &str) -> &'a Value {
    let found: Vec<&Value> = deals.as_array().expect("array").iter().filter(|d| d["brand"] == brand).collect();
    assert_eq!(found.len(), 1, "one deal of {brand}: {deals:#}");
    found[0]
}

fn stages(deal: &Value) -> Vec<(String, String)> {
    deal["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|e| (e["stage"].as_str().unwrap_or("").to_string(), e["date"].as_str().unwrap_or("").to_string()))
        .collect()
}

fn pair(stage: &str, date: &str) -> (String, String) {
    (stage.to_string(), date.to_string())
}

#[test]
fn a_german_tracker_with_statuses_becomes_posts_and_deals_once() {
    let env = Env::new();
    let file = env.write("Kooperationen 2026 - Tabelle1.csv", TRACKER);

    // A dry run says what it would make, and makes nothing.
    let dry = env.ok(&["import", s(&file), "--dry-run"]);
    assert!(dry.starts_with("would add 6 posts, 9 deals, 0 duplicates skipped"), "{dry}");
    assert_eq!(env.json(&["deals", "list"]), Value::Array(vec![]));

    let first = env.ok(&["import", s(&file)]);
    assert!(first.starts_with("added 6 posts, 9 deals, 0 duplicates skipped"), "{first}");
    let again = env.json(&["import", s(&file)]);
    assert_eq!((again["added"].as_u64(), again["deals"].as_u64()), (Some(0), Some(0)), "{again}");
    assert_eq!((again["duplicates"].as_u64(), again["duplicate_deals"].as_u64()), (Some(6), Some(4)), "{again}");

    let posts = env.json(&["posts", "list"]);
    assert_eq!(posts.as_array().map(Vec::len), Some(6), "{posts:#}");
    let post_of = |brand: &str| -> i64 {
        posts.as_array().unwrap().iter().find(|p| p["brand"] == brand).and_then(|p| p["id"].as_i64()).unwrap()
    };
    let deals = env.json(&["deals", "list"]);
    assert_eq!(deals.as_array().map(Vec::len), Some(9), "{deals:#}");
    assert!(deals.as_array().unwrap().iter().all(|d| d["brand"] != "Pixel Forge"), "no status, no deal");

    // Paid with a payment date: the payment on that day, nothing outstanding.
    let d = by_brand(&deals, "Nordhavn Coffee");
    assert_eq!(d["stage"], "paid");
    assert_eq!(d["title"], "Winterkampagne");
    assert_eq!(
        stages(d),
        vec![pair("delivered", "2026-01-14"), pair("invoiced", "2026-01-14"), pair("paid", "2026-02-20")]
    );
    assert_eq!((d["agreed_fee"].as_str(), d["currency"].as_str()), (Some("1250.00"), Some("EUR")));
    assert!(d["fx_rate"].is_string(), "an EUR fee without a rate takes the ECB's: {d:#}");
    assert_eq!(d["payments"], serde_json::json!([{"date": "2026-02-20", "amount": "1250.00"}]));
    assert_eq!((d["status"].as_str(), d["outstanding"].as_str()), (Some("paid"), Some("0.00")));
    assert_eq!(d["posts"], serde_json::json!([post_of("Nordhavn Coffee")]));
    assert_eq!(
        d["deliverables"],
        serde_json::json!([{"platform": "instagram", "format": "reel", "quantity": 1, "due": "2026-01-14"}])
    );
    assert_eq!(d["warnings"], serde_json::json!([]), "the linked post's fee is the agreed fee");

    // Paid without a date: paid, its payment's day unknown.
    let d = by_brand(&deals, "Kōhī Roasters");
    assert_eq!(d["stage"], "paid");
    assert_eq!(d["payments"], serde_json::json!([{"date": null, "amount": "900.00"}]));
    assert_eq!(d["status"], "paid");

    let d = by_brand(&deals, "Glow Labs");
    assert_eq!(d["stage"], "invoiced");
    assert_eq!(d["agreed_fee"], "2400.00");
    assert_eq!((d["paid"].as_str(), d["outstanding"].as_str()), (Some("0.00"), Some("2400.00")));
    assert_eq!(d["posts"], serde_json::json!([post_of("Glow Labs")]));

    let d = by_brand(&deals, "ByteBox");
    assert_eq!((d["stage"].as_str(), stages(d)), (Some("delivered"), vec![pair("delivered", "2026-03-05")]));
    let d = by_brand(&deals, "Peak Protein");
    assert_eq!((d["stage"].as_str(), stages(d)), (Some("booked"), vec![pair("booked", "2026-03-20")]));
    assert_eq!(d["posts"], serde_json::json!([post_of("Peak Protein")]));

    // Not live: deals without posts; the fee written is kept as the creator's offer.
    let d = by_brand(&deals, "Verde Meals");
    assert_eq!((d["stage"].as_str(), d["posts"].clone()), (Some("inquiry"), serde_json::json!([])));
    assert_eq!(d["deliverables"][0]["due"], "2026-03-01");
    assert_eq!(d["offers"], serde_json::json!([]));
    let d = by_brand(&deals, "Atlas Luggage");
    assert_eq!(d["stage"], "negotiating");
    assert_eq!(
        (d["offers"][0]["from"].as_str(), d["offers"][0]["amount"].as_str()),
        (Some("creator"), Some("3000.00"))
    );
    assert_eq!(d["agreed_fee"], Value::Null);
    assert_eq!(by_brand(&deals, "Finch Finance")["stage"], "declined");
    let d = by_brand(&deals, "Moss Mobile");
    assert_eq!((d["stage"].as_str(), d["deliverables"][0]["platform"].as_str()), (Some("cancelled"), Some("tiktok")));

    // The human view says the unknown day in words.
    let id = by_brand(&deals, "Kōhī Roasters")["id"].as_i64().unwrap().to_string();
    assert!(env.ok(&["deals", "show", &id]).contains("Payment date unknown: "), "the day is said unknown");
}

#[test]
fn a_tracker_with_one_bad_row_writes_no_post_and_no_deal() {
    let env = Env::new();
    let bad = TRACKER.replace("20.02.2026,48.211", "31.02.2026,48.211");
    let file = env.write("tracker.csv", &bad);
    let (_, err) = env.fails(&["import", s(&file)], 1);
    assert!(err.contains("line 2, column Bezahlt am"), "{err}");
    assert_eq!(env.json(&["posts", "list"]), Value::Array(vec![]));
    assert_eq!(env.json(&["deals", "list"]), Value::Array(vec![]));
}

#[test]
fn posts_imported_before_their_statuses_get_their_deals_once() {
    let env = Env::new();
    // The tracker's post rows without their status column first (as before deals).
    let plain = "\
Datum,Marke,Kampagne,Plattform,Inhaltstyp,Honorar,Währung,Impressionen
14.01.2026,Nordhavn Coffee,Winterkampagne,Instagram,Reel,\"1.250,00 €\",EUR,48.211
02.02.2026,Kōhī Roasters,Frühling,TikTok,Video,\"900,00\",USD,65.000
20.02.2026,Glow Labs,Glow Up,YouTube,Integration,\"2.400,00\",USD,38.000
05.03.2026,ByteBox,Launch,Instagram,Story,\"450,00\",USD,11.000
20.03.2026,Peak Protein,Sommer,TikTok,Video,\"700,00\",USD,
15.01.2026,Pixel Forge,Gaming,YouTube,Short,\"300,00\",USD,90.000
";
    let f = env.write("plain.csv", plain);
    assert!(env.ok(&["import", s(&f)]).starts_with("added 6 posts, 0 duplicates skipped"));
    let file = env.write("tracker.csv", TRACKER);
    let out = env.ok(&["import", s(&file)]);
    assert!(out.starts_with("added 0 posts, 9 deals, 6 duplicates skipped"), "{out}");
    let deals = env.json(&["deals", "list"]);
    let posts = env.json(&["posts", "list"]);
    let nordhavn = posts.as_array().unwrap().iter().find(|p| p["brand"] == "Nordhavn Coffee").unwrap();
    assert_eq!(by_brand(&deals, "Nordhavn Coffee")["posts"], serde_json::json!([nordhavn["id"]]));
    assert!(env.ok(&["import", s(&file)]).starts_with("added 0 posts, 0 deals, 10 duplicates skipped"));
    assert_eq!(env.json(&["deals", "list"]).as_array().map(Vec::len), Some(9));
}

#[test]
fn sample_deals_are_seeded_and_show_every_kind_of_deal() {
    let run = || {
        let env = Env::new();
        let out = env.ok(&["sample", "--rows", "160", "--seed", "1", "--deals"]);
        (env, out)
    };
    let (env, out) = run();
    let deals = env.json(&["deals", "list", "--date", "2026-10-31"]);
    let list = deals.as_array().expect("deals");
    assert_eq!(out.trim(), format!("added 160 posts, {} deals", list.len()));
    let (again, _) = run();
    assert_eq!(again.json(&["deals", "list", "--date", "2026-10-31"]), deals, "same seed, same deals");

    let posts = env.json(&["posts", "list"]);
    let linked: usize = list.iter().map(|d| d["posts"].as_array().map_or(0, Vec::len)).sum();
    assert!(linked * 10 >= 160 * 8, "most posts belong to a deal: {linked}");
    assert_eq!(posts.as_array().map(Vec::len), Some(160));
    let quoted =
        list.iter().filter(|d| d["posts"].as_array().is_some_and(|p| !p.is_empty()) && d["proposal"].is_object());
    assert!(quoted.count() * 10 >= linked * 7, "most delivered deals were quoted from a proposal");
    let count = |stage: &str| list.iter().filter(|d| d["stage"] == stage).count();
    for stage in ["inquiry", "negotiating", "declined", "lost", "booked", "delivered", "invoiced", "paid"] {
        assert!(count(stage) >= 1, "a deal at {stage}");
    }
    let brand_offers = list.iter().flat_map(|d| d["offers"].as_array().cloned().unwrap_or_default());
    assert!(brand_offers.filter(|o| o["from"] == "brand" && o["verdict"].is_string()).count() >= 10);
    let overdue = env.json(&["deals", "list", "--overdue", "--date", "2026-10-31"]);
    assert!((2..=3).contains(&overdue.as_array().map_or(0, Vec::len)), "{overdue:#}");
    let warned: Vec<&Value> = list
        .iter()
        .filter(|d| {
            d["warnings"]
                .as_array()
                .is_some_and(|w| w.iter().any(|t| t.as_str().is_some_and(|t| t.contains("exclusivity"))))
        })
        .collect();
    assert_eq!(warned.len(), 1, "one exclusivity clash");
    assert_eq!(warned[0]["brand"], "Kōhī Roasters");
    let brands = env.json(&["brands", "list"]);
    assert!(brands.as_array().unwrap().iter().all(|b| b["category"].as_str().is_some_and(|c| !c.is_empty())));
    // Into a history that already has posts: refused, nothing more written.
    let (_, err) = env.fails(&["sample", "--rows", "10", "--seed", "2", "--deals"], 1);
    assert!(err.contains("empty history"), "{err}");
    assert_eq!(env.json(&["posts", "list"]).as_array().map(Vec::len), Some(160));
}

#[test]
fn imported_deals_are_exported_and_survive_a_backup_and_restore() {
    let env = Env::new();
    let file = env.write("tracker.csv", TRACKER);
    env.ok(&["import", s(&file)]);
    let before = env.json(&["deals", "list", "--date", "2026-04-01"]);
    let csv = env.ok(&["deals", "export"]);
    assert_eq!(csv.lines().count(), 1 + 9, "a header and one line per deal: {csv}");
    let kohi = csv.lines().find(|l| l.contains("Kōhī Roasters")).expect("the Kōhī deal");
    assert!(kohi.contains(",paid,") && kohi.contains(",900.00,") && kohi.ends_with(",900.00,0.00"), "{kohi}");

    let made = env.json(&["backup", "create"]);
    let name = made["name"].as_str().expect("the backup's name").to_string();
    // After the backup: one more deal, then the backup restored.
    env.ok(&["deals", "add", "--brand", "Later Brand", "--stage", "inquiry"]);
    assert_eq!(env.json(&["deals", "list"]).as_array().map(Vec::len), Some(10));
    env.ok(&["backup", "restore", &name]);
    assert_eq!(env.json(&["deals", "list", "--date", "2026-04-01"]), before, "the deals as they were backed up");
}
