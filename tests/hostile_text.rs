//! Hostile text end to end: brand, campaign and notes values that a spreadsheet would
//! run as a formula, that a browser or typst would read as markup, that look like SQL,
//! that flip text direction, emoji, and a 5,000-character text. Each goes in through a
//! CSV import, an xlsx import and `mille posts add`, and must come out unchanged from
//! the store (`posts list --json`), the report (`report --json --by brand`), the export
//! (formula-safe per csv-format.md: a value starting with `=`, `+`, `-`, `@` or `'` is
//! written with a `'` before it) and a re-import of that export.

mod common;
use common::{s, Env};
use serde_json::Value;
use std::collections::BTreeSet;

fn hostile() -> Vec<String> {
    let long: String = "Ünïcødé ✓ ".chars().cycle().take(5000).collect();
    assert_eq!(long.chars().count(), 5000);
    [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "<img src=x onerror=alert(1)>",
        "#set page(width: 1pt)",
        "'); DROP TABLE posts;--",
        "'=1+1",
        "\u{202E}gnp.exe\u{202C} and \u{200F}שלום\u{200F} done",
        "\u{200F}=rtl first",
        "🎉 Brand 👩‍👩‍👧 ok",
        "tab\tand \"quotes\", commas;\nand a second line",
    ]
    .iter()
    .map(|t| t.to_string())
    .chain([long.trim().to_string()])
    .collect()
}

/// What a value is stored as when it comes from a file: the import strips the export's
/// formula-safe `'` (a `'` followed by `=`, `+`, `-`, `@` or `'`), so a file holding
/// `'=1+1` means `=1+1`. `mille posts add` stores the text exactly as typed.
fn from_file(v: &str) -> String {
    mille::import::strip_formula_prefix(v).to_string()
}

fn posts_without_ids(env: &Env) -> Vec<Value> {
    let mut list = env.json(&["posts", "list"]).as_array().unwrap().clone();
    for p in &mut list {
        p.as_object_mut().unwrap().remove("id");
    }
    list.sort_by_key(|p| p["fee"].as_str().unwrap().parse::<f64>().unwrap() as i64);
    list
}

/// Each post `i` carries `expected[i]` as brand, campaign and notes.
fn assert_stored(env: &Env, expected: &[String]) {
    let list = posts_without_ids(env);
    assert_eq!(list.len(), expected.len());
    for (p, want) in list.iter().zip(expected) {
        for field in ["brand", "campaign", "notes"] {
            assert_eq!(p[field].as_str().unwrap(), want, "{field} of post with fee {}", p["fee"]);
        }
    }
    // The report groups by the brand exactly as stored.
    let report = env.json(&["report", "--by", "brand"]);
    let keys: BTreeSet<String> =
        report["groups"].as_array().unwrap().iter().map(|g| g["key"]["brand"].as_str().unwrap().to_string()).collect();
    let want: BTreeSet<String> = expected.iter().cloned().collect();
    assert_eq!(keys, want);
    assert_eq!(report["total"]["posts"], expected.len());
}

/// The export is formula-safe, names every value exactly (after its `'`), and a fresh
/// database importing it ends up with the same posts.
fn assert_export_round_trips(env: &Env, expected: &[String]) {
    let exported = env.ok(&["export"]);
    let mut rdr = csv::ReaderBuilder::new().from_reader(exported.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut seen = BTreeSet::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        for field in rec.iter() {
            assert!(
                !matches!(field.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@')),
                "formula in export: {field:?}"
            );
        }
        let brand = &rec[col("brand")];
        assert_eq!(&rec[col("campaign")], brand);
        assert_eq!(&rec[col("notes")], brand);
        let original = brand.strip_prefix('\'').unwrap_or(brand);
        assert!(expected.iter().any(|e| e == original), "exported {brand:?} is not a stored value");
        assert_eq!(brand.starts_with('\''), mille::import::needs_formula_prefix(original), "{brand:?}");
        seen.insert(original.to_string());
    }
    assert_eq!(seen.len(), expected.len());

    let file = env.write("exported.csv", &exported);
    let other = Env::new();
    let r = other.json(&["import", s(&file)]);
    assert_eq!(r["added"], expected.len(), "{r}");
    assert_eq!(posts_without_ids(&other), posts_without_ids(env));
    assert_eq!(other.ok(&["export"]), exported);
}

fn csv_file(values: &[String]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["date", "brand", "platform", "format", "fee", "impressions", "campaign", "url", "notes"]).unwrap();
    for (i, v) in values.iter().enumerate() {
        let fee = format!("{}.00", 100 + i);
        let url = format!("https://example.test/p/{i}");
        w.write_record(["2025-06-01", v, "instagram", "reel", &fee, "10000", v, &url, v]).unwrap();
    }
    w.into_inner().unwrap()
}

#[test]
fn hostile_text_through_csv_import() {
    let values = hostile();
    let env = Env::new();
    let file = env.path("hostile.csv");
    std::fs::write(&file, csv_file(&values)).unwrap();
    let r = env.json(&["import", s(&file)]);
    assert_eq!(r["added"], values.len(), "{r}");
    let stored: Vec<String> = values.iter().map(|v| from_file(v)).collect();
    assert_stored(&env, &stored);
    assert_export_round_trips(&env, &stored);
    // Nothing was run: the table is there and holds just these posts.
    assert_eq!(env.json(&["posts", "list"]).as_array().unwrap().len(), values.len());
}

#[test]
fn hostile_text_through_xlsx_import() {
    use rust_xlsxwriter::Workbook;
    let values = hostile();
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("posts").unwrap();
    for (c, h) in
        ["date", "brand", "platform", "format", "fee", "impressions", "campaign", "url", "notes"].iter().enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, v) in values.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, "2025-06-01").unwrap();
        sheet.write_string(r, 1, v).unwrap();
        sheet.write_string(r, 2, "instagram").unwrap();
        sheet.write_string(r, 3, "reel").unwrap();
        sheet.write_number(r, 4, 100.0 + i as f64).unwrap();
        sheet.write_number(r, 5, 10000.0).unwrap();
        sheet.write_string(r, 6, v).unwrap();
        sheet.write_string(r, 7, format!("https://example.test/p/{i}")).unwrap();
        sheet.write_string(r, 8, v).unwrap();
    }
    let env = Env::new();
    let file = env.path("hostile.xlsx");
    std::fs::write(&file, wb.save_to_buffer().unwrap()).unwrap();
    let r = env.json(&["import", s(&file)]);
    assert_eq!(r["added"], values.len(), "{r}");
    let stored: Vec<String> = values.iter().map(|v| from_file(v)).collect();
    assert_stored(&env, &stored);
    assert_export_round_trips(&env, &stored);
}

#[test]
fn hostile_text_through_posts_add() {
    let values = hostile();
    let env = Env::new();
    for (i, v) in values.iter().enumerate() {
        let fee = format!("{}.00", 100 + i);
        let p = env.json(&[
            "posts",
            "add",
            "--date",
            "2025-06-01",
            "--brand",
            v,
            "--platform",
            "instagram",
            "--format",
            "reel",
            "--fee",
            &fee,
            "--impressions",
            "10000",
            "--campaign",
            v,
            "--notes",
            v,
        ]);
        assert_eq!(p["brand"].as_str().unwrap(), v);
    }
    // Typed values are stored as typed, `'=1+1` included.
    assert_stored(&env, &values);
    assert_export_round_trips(&env, &values);
}

/// Found by fuzzing: calamine lays a sheet out as one dense grid, so an xlsx of a few
/// KB with a cell in A1 and one in XFD1048576 asked for 17 billion cells and aborted
/// the process. Now it is one sentence, and nothing is imported.
#[test]
fn a_sheet_with_a_far_away_cell_is_refused_in_one_sentence() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    for (c, h) in ["date", "brand", "platform", "format", "fee"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["2025-06-01", "Acme", "instagram", "reel", "100"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    sheet.write_string(1_048_575, 16_383, "far away").unwrap();
    let env = Env::new();
    let file = env.path("far.xlsx");
    std::fs::write(&file, wb.save_to_buffer().unwrap()).unwrap();
    let (_, err) = env.fails(&["import", s(&file)], 1);
    assert!(err.contains("1048576 rows by 16384 columns"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(env.json(&["posts", "list"]).as_array().unwrap().is_empty());
}
