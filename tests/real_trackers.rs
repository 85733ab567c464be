//! Trackers shaped like the ones creators keep (real-files.md §1), through the real
//! binary: what `mille posts list --json` holds afterwards, post by post.

mod common;
use common::{s, Env};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trackers").join(name)
}

fn posts(env: &Env) -> Vec<Value> {
    env.json(&["posts", "list"]).as_array().cloned().unwrap_or_default()
}

fn by_brand<'a>(posts: &'a [Value], brand: &str) -> &'a Value {
    posts.iter().find(|p| p["brand"] == brand).unwrap_or_else(|| panic!("no post of {brand}: {posts:?}"))
}

#[test]
fn german_google_sheets_tracker_with_semicolons_bom_and_decimal_commas() {
    let env = Env::new();
    env.ok(&["profile", "set", "--base-currency", "EUR"]);
    let out = env.json(&["import", s(&fixture("de-google-sheets.csv"))]);
    assert_eq!(out["added"], 2, "{out}");
    let warnings = out["warnings"].to_string();
    assert!(warnings.contains("\\\"Bezahlt\\\" holds yes/no values and is read as paid"), "{warnings}");
    assert!(warnings.contains("TKP"), "{warnings}");
    assert!(warnings.contains("1 row was skipped: a totals row"), "{warnings}");
    // Its Status column: two posts with their deals (paid, invoiced), one negotiation.
    assert_eq!(out["deals"], 3, "{out}");
    let p = posts(&env);
    let g = by_brand(&p, "Glossier");
    assert_eq!(
        (g["date"].as_str(), g["fee"].as_str(), g["currency"].as_str()),
        (Some("2025-03-13"), Some("1250.00"), Some("EUR"))
    );
    assert_eq!(g["impressions"], 48211);
    assert_eq!(g["url"], "https://www.instagram.com/reel/C4xYz12AbCd/");
    let f = by_brand(&p, "Finch Audio");
    assert_eq!((f["date"].as_str(), f["fee"].as_str()), (Some("2025-04-04"), Some("2400.00")));
    assert_eq!(f["platform"], "youtube");
    assert_eq!(f["format"], "integration");
}

#[test]
fn notion_export_relations_dates_and_statuses() {
    let env = Env::new();
    let out = env.json(&["import", s(&fixture("notion-export.csv"))]);
    assert_eq!(out["added"], 2, "{out}");
    let p = posts(&env);
    let g = by_brand(&p, "Glossier");
    assert_eq!((g["date"].as_str(), g["fee"].as_str()), (Some("2025-03-04"), Some("750")));
    assert_eq!(g["impressions"], 31200);
    let f = by_brand(&p, "Finch Audio");
    assert_eq!(
        (f["date"].as_str(), f["fee"].as_str(), f["platform"].as_str()),
        (Some("2025-04-10"), Some("1500"), Some("podcast"))
    );
    assert!(p.iter().all(|p| p["brand"] != "Brightside"), "a pitched deal is not a post");
}

#[test]
fn us_excel_csv_in_windows_1252() {
    let env = Env::new();
    env.ok(&["profile", "set", "--base-currency", "EUR"]);
    // The USD row needs a rate: the ECB's of its date.
    let out = env.json(&["import", s(&fixture("us-excel-cp1252.csv"))]);
    assert_eq!(out["added"], 2, "{out}");
    let p = posts(&env);
    let cafe = by_brand(&p, "Café Noir");
    assert_eq!((cafe["date"].as_str(), cafe["fee"].as_str()), (Some("2025-03-22"), Some("1250.00")));
    // A Saturday: Friday 2025-03-21's rate, 1 / 1.0827 USD per EUR = 0.923617 EUR per USD.
    assert_eq!(cafe["fx_rate"], "0.923617");
    assert_eq!(cafe["impressions"], 48211);
    let lune = by_brand(&p, "Maison Lune");
    assert_eq!(
        (lune["date"].as_str(), lune["fee"].as_str(), lune["currency"].as_str()),
        (Some("2025-04-15"), Some("900.00"), Some("EUR"))
    );
}

#[test]
fn us_google_sheets_tracker() {
    let env = Env::new();
    let out = env.json(&["import", s(&fixture("us-google-sheets.csv"))]);
    assert_eq!(out["added"], 4, "{out}");
    let warnings = out["warnings"].to_string();
    assert_eq!(out["deals"], 5, "four posts with their deals, and Brightside's negotiation: {out}");
    assert!(warnings.contains("placeholder"), "{warnings}");
    let p = posts(&env);
    let g = by_brand(&p, "Glossier");
    assert_eq!(
        (g["date"].as_str(), g["fee"].as_str(), g["format"].as_str()),
        (Some("2025-03-22"), Some("1250.00"), Some("reel"))
    );
    assert_eq!(
        (g["impressions"].as_u64(), g["views"].as_u64(), g["likes"].as_u64()),
        (Some(48211), Some(52004), Some(3120))
    );
    let oat = by_brand(&p, "Oat & Co");
    assert_eq!((oat["fee"].as_str(), oat["currency"].as_str()), (Some("1100.00"), Some("GBP")));
    assert!(oat["impressions"].is_null(), "#N/A is not known");
    // 2025-05-02: 1.1343 USD and 0.8533 GBP per EUR: 1.329309… → 1.329310.
    assert_eq!(oat["fx_rate"], "1.329310");
    let lune = by_brand(&p, "Maison Lune");
    assert_eq!(
        (lune["fee"].as_str(), lune["currency"].as_str(), lune["fx_rate"].as_str()),
        (Some("900.00"), Some("EUR"), Some("1.1324"))
    );
    assert!(out["warnings"].to_string().contains("2 fees in another currency"), "{out}");
    // The same file again adds nothing.
    let again = env.json(&["import", s(&fixture("us-google-sheets.csv"))]);
    assert_eq!((again["added"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(4)));
}

#[test]
fn ambiguous_dates_are_asked_once_then_read_as_chosen() {
    let env = Env::new();
    let file = env.write("t.csv", "Date,Brand,Platform,Format,Fee\n3/4/2025,A,IG,Reel,100\n5/6/2025,B,IG,Reel,200\n");
    let (_, err) = env.fails(&["import", s(&file)], 1);
    assert!(err.contains("column Date") && err.contains("3/4/2025") && err.contains("--date-order"), "{err}");
    assert!(err.contains("3 April 2025 or March 4, 2025"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(posts(&env).is_empty());
    env.ok(&["import", s(&file), "--date-order", "mdy"]);
    let p = posts(&env);
    assert_eq!(by_brand(&p, "A")["date"], "2025-03-04");
    assert_eq!(by_brand(&p, "B")["date"], "2025-05-06");
    let env = Env::new();
    env.ok(&["import", s(&file), "--date-order", "dmy"]);
    assert_eq!(by_brand(&posts(&env), "A")["date"], "2025-04-03");
    env.fails(&["import", s(&file), "--date-order", "ymd"], 1);
}

#[test]
fn a_column_with_both_orders_is_refused_quoting_one_of_each() {
    let env = Env::new();
    let file = env.write("t.csv", "Date,Brand,Platform,Format,Fee\n13/4/2025,A,IG,Reel,100\n4/13/2025,B,IG,Reel,200\n");
    let (_, err) = env.fails(&["import", s(&file)], 1);
    assert!(err.contains("13/4/2025") && err.contains("4/13/2025") && err.contains("line 3"), "{err}");
}

#[test]
fn numbers_settle_the_file_convention() {
    let env = Env::new();
    // `1.250,00` settles the decimal comma in a `,` file: `48.211` impressions are 48211.
    let file = env.write(
        "t.csv",
        "date,brand,platform,format,fee,impressions\n2025-01-02,A,IG,Reel,\"1.250,00\",48.211\n2025-01-03,B,IG,Reel,\"2.000,50\",\"1.104.477\"\n",
    );
    env.ok(&["import", s(&file)]);
    let p = posts(&env);
    assert_eq!(
        (by_brand(&p, "A")["fee"].as_str(), by_brand(&p, "A")["impressions"].as_u64()),
        (Some("1250.00"), Some(48211))
    );
    assert_eq!(by_brand(&p, "B")["impressions"], 1104477);
    // Both conventions in one file: refused, quoting both.
    let env = Env::new();
    let file = env.write(
        "t.csv",
        "date,brand,platform,format,fee\n2025-01-02,A,IG,Reel,\"1,250.00\"\n2025-01-03,B,IG,Reel,\"25,93\"\n",
    );
    let (_, err) = env.fails(&["import", s(&file)], 1);
    assert!(err.contains("line 3") && err.contains("25,93") && err.contains("1,250.00"), "{err}");
    // `1.250` as a fee in a `;` file that settles nothing: two readings, refused.
    let env = Env::new();
    let file = env.write("t.csv", "date;brand;platform;format;fee\n2025-01-02;A;IG;Reel;1.250\n");
    let (_, err) = env.fails(&["import", s(&file)], 1);
    assert!(err.contains("could be read as"), "{err}");
}

#[test]
fn rejected_rows_go_to_their_own_file_and_the_good_ones_in() {
    let env = Env::new();
    let file = env.write(
        "t.csv",
        "Date,Brand,Platform,Format,Fee,Notes\n2025-01-02,A,IG,Reel,100,ok\n2025-02-30,B,IG,Reel,200,bad day\n2025-01-04,=HYPERLINK(\"x\"),YouTube, Instagram,Reel,300,two\n2025-01-05,D,IG,Reel,400,\n",
    );
    // The two-platform row has a field more than the header (its comma is not quoted).
    let out_csv = env.path("rejected.csv");
    let text = env.ok(&["import", s(&file), "--rejected", s(&out_csv)]);
    assert!(text.starts_with("added 2 posts, 0 duplicates skipped"), "{text}");
    assert!(text.contains("2 rows with errors written to"), "{text}");
    let rejected = std::fs::read_to_string(&out_csv).unwrap();
    let lines: Vec<&str> = rejected.lines().collect();
    assert_eq!(lines[0], "Date,Brand,Platform,Format,Fee,Notes,errors");
    assert!(
        lines[1].starts_with("2025-02-30,B,IG,Reel,200,bad day,") && lines[1].contains("no such day"),
        "{rejected}"
    );
    assert!(lines[2].contains("'=HYPERLINK"), "formula-safe: {rejected}");
    assert_eq!(posts(&env).len(), 2);
    // No valid row: exit 1, nothing written.
    let env = Env::new();
    let bad = env.write("bad.csv", "Date,Brand,Platform,Format,Fee\n2025-02-30,B,IG,Reel,200\n");
    let out_csv = env.path("r.csv");
    env.fails(&["import", s(&bad), "--rejected", s(&out_csv)], 1);
    assert!(!out_csv.exists());
    assert!(posts(&env).is_empty());
}

#[test]
fn two_platforms_in_one_cell_is_an_error_naming_both() {
    let env = Env::new();
    let file = env.write("t.csv", "Date,Brand,Platform,Format,Fee\n2025-01-02,A,\"YouTube, Instagram\",Video,100\n");
    let (_, err) = env.fails(&["import", s(&file)], 1);
    assert!(err.contains("youtube and instagram") && err.contains("line 2, column Platform"), "{err}");
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_refused_in_one_sentence() {
    let env = Env::new();
    let png = env.path("photo.csv");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde").unwrap();
    let (_, err) = env.fails(&["import", s(&png)], 1);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.to_lowercase().contains("photo.csv is not a spreadsheet or csv file (it looks like a png image)"),
        "{err}"
    );
    let zip = env.path("archive.xlsx");
    std::fs::write(&zip, b"PK\x03\x04\x14\0\0\0\0\0notes.txt").unwrap();
    let (_, err) = env.fails(&["import", s(&zip)], 1);
    assert!(err.contains("zip archive"), "{err}");
}

#[test]
fn a_missing_required_column_lists_the_headers_the_file_has() {
    let env = Env::new();
    let file = env.write("t.csv", "Datum,Marke,Kanal\n2025-01-02,A,IG\n");
    let (_, err) = env.fails(&["import", s(&file)], 1);
    assert!(err.contains("no format column") && err.contains("no fee column"), "{err}");
    assert!(err.contains("Datum, Marke, Kanal"), "{err}");
}

#[test]
fn youtube_impressions_far_above_views_are_kept_with_a_warning() {
    let env = Env::new();
    let file = env.write(
        "t.csv",
        "date,brand,platform,format,fee,impressions,views\n2025-01-02,A,YouTube,Integration,100,500000,20000\n",
    );
    let out = env.json(&["import", s(&file)]);
    assert!(out["warnings"].to_string().contains("thumbnail"), "{out}");
    assert_eq!(posts(&env)[0]["impressions"], 500000);
}

#[test]
fn a_refused_file_takes_no_backup_and_a_good_one_does() {
    let env = Env::new();
    let good = env.write("good.csv", "date,brand,platform,format,fee\n2025-01-02,A,IG,Reel,100\n");
    env.ok(&["import", s(&good)]);
    let before = env.json(&["backup", "list"]).as_array().map(Vec::len).unwrap_or(0);
    // Refused (an ambiguous date, a bad row): nothing written, and no backup taken.
    let ambiguous = env.write("a.csv", "date,brand,platform,format,fee\n3/4/2025,B,IG,Reel,100\n");
    env.fails(&["import", s(&ambiguous)], 1);
    let bad = env.write("b.csv", "date,brand,platform,format,fee\n2025-02-30,B,IG,Reel,100\n");
    env.fails(&["import", s(&bad)], 1);
    assert_eq!(env.json(&["backup", "list"]).as_array().map(Vec::len).unwrap_or(0), before);
    assert_eq!(posts(&env).len(), 1);
    // A file with rows to add: one before-import backup of what was there.
    let more = env.write("more.csv", "date,brand,platform,format,fee\n2025-01-03,C,IG,Reel,100\n");
    env.ok(&["import", s(&more)]);
    let list = env.json(&["backup", "list"]);
    assert_eq!(list.as_array().map(Vec::len).unwrap_or(0), before + 1);
    assert!(list.as_array().unwrap().iter().any(|b| b["kind"] == "before-import"));
}
