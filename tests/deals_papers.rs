//! The papers a deal sends its brand, through the real binary and read back with
//! poppler's `pdftotext`: the invoice (number, dates written out, lines summing to the
//! agreed fee, the business and billing blocks, the tax line, the same number when
//! issued again, never floor or anchor) and the campaign recap (the brand, the
//! delivered CPM worked by hand, no other brand, no notes).

mod common;

use common::{s, Env};
use std::process::Command;

fn pdf_text(pdf: &std::path::Path) -> String {
    let out =
        Command::new("pdftotext").args(["-enc", "UTF-8", s(pdf), "-"]).output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Two brands' posts in a small history; a deal for Finch Audio with two reels booked
/// at $2,000.01 (split $1,000.01 + $1,000.00), logged, with numbers filled in.
fn booked_env() -> (Env, String) {
    let env = Env::new();
    let csv = env.write(
        "history.csv",
        "date,brand,platform,format,fee,currency,impressions,likes,comments,clicks,notes\n\
         2026-06-01,Sonic Buds,instagram,reel,900,USD,80000,3000,100,40,secret rate\n\
         2026-07-01,Sonic Buds,instagram,reel,950,USD,85000,3100,90,45,\n\
         2026-08-01,Nordhavn Coffee,instagram,reel,1000,USD,90000,3500,120,50,\n",
    );
    env.ok(&["import", s(&csv)]);
    env.ok(&[
        "profile",
        "set",
        "--name",
        "Maya",
        "--legal-name",
        "Maya Lindqvist Studio",
        "--address",
        "Sveavägen 1\\n111 57 Stockholm",
        "--tax-id",
        "SE556677889901",
        "--payment-details",
        "IBAN SE45 5000 0000 0583 9825 7466",
    ]);
    env.ok(&[
        "brands",
        "set",
        "Finch Audio",
        "--category",
        "audio",
        "--billing",
        "Finch Audio GmbH\\nTorstraße 5, Berlin",
    ]);
    let id = env.ok(&[
        "deals",
        "add",
        "--brand",
        "Finch Audio",
        "--title",
        "Spring launch",
        "--deliverable",
        "instagram/reel:2@2026-11-02",
    ]);
    let id = id.trim().rsplit(' ').next().unwrap().to_string();
    env.ok(&["deals", "book", &id, "--fee", "2000.01", "--exclusivity", "30", "--date", "2026-10-20"]);
    env.ok(&["deals", "log-posts", &id]);
    let deal = env.json(&["deals", "show", &id]);
    let posts: Vec<String> = deal["posts"].as_array().unwrap().iter().map(|p| p.to_string()).collect();
    assert_eq!(posts.len(), 2);
    // The numbers arrive later: 61,000 and 39,000 impressions, 2,000 and 1,000 likes.
    env.ok(&["posts", "edit", &posts[0], "--impressions", "61000", "--likes", "2000", "--notes", "=IMPORTHTML(\"x\")"]);
    env.ok(&["posts", "edit", &posts[1], "--impressions", "39000", "--likes", "1000"]);
    (env, id)
}

#[test]
fn the_invoice_pdf_says_what_is_owed_and_keeps_its_number() {
    let (env, id) = booked_env();
    env.ok(&["settings", "set", "tax_label", "VAT"]);
    env.ok(&["settings", "set", "tax_percent", "25"]);
    let pdf = env.path("invoice.pdf");
    let done = env.json(&["deals", "invoice", &id, "--out", s(&pdf), "--date", "2026-12-01"]);
    assert_eq!(done["number"], "2026-001");
    assert_eq!(done["due"], "2026-12-31");
    // VAT 25 % of 2,000.01 = 500.0025 → 500.00; total due 2,500.01.
    assert_eq!(done["tax"]["amount"], "500.00");
    assert_eq!(done["total_due"], "2500.01");
    let text = pdf_text(&pdf);
    for want in [
        "Invoice",
        "2026-001",
        "1 December 2026",
        "31 December 2026",
        "Maya Lindqvist Studio",
        "111 57 Stockholm",
        "SE556677889901",
        "Finch Audio GmbH",
        "Torstraße 5, Berlin",
        "Spring launch",
        "Instagram reel",
        "$1,000.01",
        "$2,000.01",
        "VAT 25 %",
        "$500.00",
        "$2,500.01",
        "exclusivity 30 days",
        "IBAN SE45 5000 0000 0583 9825 7466",
    ] {
        assert!(text.contains(want), "{want:?} missing from the invoice:\n{text}");
    }
    for never in ["Sonic Buds", "Nordhavn", "secret", "floor", "anchor", "IMPORTHTML"] {
        assert!(!text.contains(never), "{never:?} on the invoice:\n{text}");
    }
    // Issued again later: the same number and dates, the same bytes.
    let again = env.path("again.pdf");
    let second = env.json(&["deals", "invoice", &id, "--out", s(&again), "--date", "2026-12-09"]);
    assert_eq!((&second["number"], &second["date"]), (&done["number"], &done["date"]));
    assert_eq!(std::fs::read(&pdf).unwrap(), std::fs::read(&again).unwrap());
    assert_eq!(env.json(&["deals", "show", &id])["stage"], "invoiced");
}

#[test]
fn an_invoice_into_a_missing_folder_records_nothing() {
    let (env, id) = booked_env();
    let bad = env.path("no/such/folder/invoice.pdf");
    let (_, err) = env.fails(&["deals", "invoice", &id, "--out", s(&bad)], 1);
    assert!(err.contains("its folder does not exist"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let deal = env.json(&["deals", "show", &id]);
    assert!(deal["invoice"].is_null(), "nothing recorded: {deal}");
}

#[test]
fn the_recap_shows_what_the_brand_got() {
    let (env, id) = booked_env();
    let pdf = env.path("recap.pdf");
    env.ok(&["deals", "recap", &id, "--out", s(&pdf), "--date", "2026-12-04"]);
    let recap = env.json(&["deals", "recap", &id, "--date", "2026-12-04"]);
    // $2,000.01 over 61,000 + 39,000 = 100,000 impressions: CPM 20.0001 → $20.00;
    // 3,000 likes: CPE 2000.01 / 3000 = 0.66667 → $0.67.
    assert_eq!(recap["cpm"], "20.00");
    assert_eq!(recap["cpe"], "0.67");
    assert_eq!(recap["totals"]["impressions"], 100_000);
    assert!(recap["cpc"].is_null(), "no clicks reported");
    let text = pdf_text(&pdf);
    for want in ["Campaign recap", "Finch Audio", "Spring launch", "$20.00", "$0.67", "100,000", "61,000", "$2,000.01"]
    {
        assert!(text.contains(want), "{want:?} missing from the recap:\n{text}");
    }
    for never in ["Sonic Buds", "Nordhavn", "secret", "IMPORTHTML", "floor", "anchor"] {
        assert!(!text.contains(never), "{never:?} on the recap:\n{text}");
    }
    let (_, err) = env.fails(&["deals", "recap", &id], 1);
    assert!(err.contains("--out"), "{err}");
}
