//! Tests of the app layer without a window: the commands' core calls on a real
//! temporary database, the shapes the UI receives, and the capability file.

use crate::commands::{self, app_info_of, overview_of, parse_post, preview_of, request_of};
use crate::dto::*;
use chrono::NaiveDate;
use mille::pricing::{self, Settings};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn temp_store() -> (tempfile::TempDir, mille::store::Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = mille::store::open(&dir.path().join("mille.db")).unwrap();
    (dir, store)
}

fn post(date: &str, brand: &str, fee: &str, impressions: &str) -> PostInput {
    PostInput {
        date: date.into(),
        brand: brand.into(),
        platform: "instagram".into(),
        format: "reel".into(),
        fee: fee.into(),
        impressions: impressions.into(),
        ..PostInput::default()
    }
}

#[test]
fn capabilities_grant_exactly_the_apps_commands() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/default.json")).unwrap();
    let cap: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut granted: Vec<String> =
        cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    let mut want: Vec<String> = commands::ALL.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    granted.sort();
    want.sort();
    assert_eq!(granted, want, "every command granted, nothing else (no shell, fs or dialog permission)");
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tauri.conf.json")).unwrap()).unwrap();
    assert_eq!(conf["identifier"], "app.mille.desktop");
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert!(conf["app"]["security"]["csp"].as_str().unwrap().starts_with("default-src 'self'"));
}

#[test]
fn a_typed_post_is_read_with_the_cores_rules_and_errors_name_the_field() {
    let p = parse_post(&post("2026-03-02", " Acme ", "$1,250.00", "50,000"), "USD").unwrap();
    assert_eq!(p.brand, "Acme");
    assert_eq!(p.fee.to_string(), "1250.00");
    assert_eq!(p.metrics.impressions, Some(50_000));
    let e = parse_post(&post("2026-03-02", "Acme", "12x0", ""), "USD").unwrap_err();
    assert_eq!(e.kind(), "field.fee");
    assert!(e.sentence().starts_with("Fee \"12x0\""), "{}", e.sentence());
    assert_eq!(parse_post(&post("03/04/2026", "Acme", "1", ""), "USD").unwrap_err().kind(), "field.date");
    assert_eq!(parse_post(&post("2026-03-02", "  ", "1", ""), "USD").unwrap_err().kind(), "field.brand");
    let mut eur = post("2026-03-02", "Acme", "1000", "");
    eur.currency = "EUR".into();
    assert_eq!(parse_post(&eur, "USD").unwrap_err().kind(), "field.fx_rate");
    eur.fx_rate = "1.08".into();
    assert_eq!(parse_post(&eur, "USD").unwrap().fee_base().to_string(), "1080.00");
}

#[test]
fn overview_shows_the_last_12_months_and_the_posts_waiting_for_impressions() {
    let (_dir, mut store) = temp_store();
    let today = day("2026-11-23");
    assert_eq!(overview_of(&store, today).unwrap().total_posts, 0);
    store.add_post(&parse_post(&post("2026-11-20", "Acme", "1250", "50000"), "USD").unwrap()).unwrap();
    store.add_post(&parse_post(&post("2024-01-10", "Old", "9000", "10000"), "USD").unwrap()).unwrap();
    store.add_post(&parse_post(&post("2026-11-22", "Later Numbers", "400", ""), "USD").unwrap()).unwrap();
    let ov = overview_of(&store, today).unwrap();
    assert_eq!(ov.total_posts, 3);
    assert_eq!(ov.from, "2025-11-24");
    assert_eq!(ov.headline.cpm.as_deref(), Some("25.00"), "only the post inside the 12 months counts");
    assert_eq!(ov.headline.measured_posts, 1);
    assert!(ov.headline.thin);
    assert_eq!(ov.needs_impressions.len(), 1);
    assert_eq!(ov.needs_impressions[0].brand, "Later Numbers");
    assert_eq!(ov.quarters.iter().map(|q| q.key["quarter"].as_str()).collect::<Vec<_>>(), ["2024-Q1", "2026-Q4"]);
    assert_eq!(ov.seasons.len(), 4);
}

#[test]
fn import_preview_lists_errors_with_their_line_and_writes_nothing() {
    let (dir, mut store) = temp_store();
    let file = dir.path().join("in.csv");
    std::fs::write(&file, "date,brand,platform,format,fee\n2026-01-02,A,instagram,reel,100\n2026-13-40,B,tiktok,video,200\n").unwrap();
    let p = preview_of(&mut store, &file, &ImportChoices::default()).unwrap();
    assert_eq!(p.total_errors, 1);
    assert_eq!(p.rejected, 1, "a preview keeps the good rows apart from the bad");
    assert_eq!(p.errors[0].line, 3);
    assert_eq!(p.errors[0].column, "date");
    assert!(!store.has_posts().unwrap());
    std::fs::write(&file, "date,brand,platform,format,fee\n2026-01-02,A,instagram,reel,100\n2026-01-03,B,tiktok,video,200\n").unwrap();
    let p = preview_of(&mut store, &file, &ImportChoices::default()).unwrap();
    assert_eq!((p.rows, p.would_add, p.duplicates, p.errors.len()), (2, 2, 0, 0));
    assert_eq!(p.first_rows[1].line, 3);
    assert!(!store.has_posts().unwrap(), "a preview is a dry run");
}

#[test]
fn a_proposal_reaches_the_ui_exactly_as_the_core_prints_it() {
    let (_dir, mut store) = temp_store();
    let posts = mille::sample::generate(&mille::sample::SampleOptions::default());
    store.import_posts(&posts, false).unwrap();
    let input = ProposeInput {
        deliverables: vec![DeliverableInput { platform: "instagram".into(), format: "reel".into(), quantity: "2".into(), impressions: String::new() }],
        date: "2026-12-05".into(),
        offer: "10".into(),
        exclusivity: "7".into(),
        ..ProposeInput::default()
    };
    let as_of = day("2026-11-01");
    let req = request_of(&input, "USD", as_of).unwrap();
    let stored = store.posts().unwrap();
    let proposal = pricing::propose(&stored, &Settings::default(), &req, "USD").unwrap();
    let core_json = serde_json::to_value(&proposal).unwrap();
    // deny_unknown_fields: a field the core adds fails here until the view has it.
    let view: ProposalView = serde_json::from_value(core_json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&view).unwrap(), core_json);
    assert_eq!(view.lines[0].quantity, 2);
    let offer = view.offer.unwrap();
    assert_eq!(offer.verdict, "below floor");
    assert_eq!(offer.counter.as_deref(), Some(view.total.target.as_str()));
    let bad = ProposeInput { date: "soon".into(), ..input.clone() };
    assert_eq!(request_of(&bad, "USD", as_of).unwrap_err().kind(), "field.date");
    let bad = ProposeInput { offer: "€5".into(), ..input };
    assert_eq!(request_of(&bad, "USD", as_of).unwrap_err().kind(), "field.offer");
}

#[test]
fn the_packages_editor_round_trips_the_cards_packages_and_names_the_wrong_one() {
    use crate::ratecard::{edit_of, packages_view, spec_of};
    let (_dir, mut store) = temp_store();
    let today = chrono::Local::now().date_naive();
    for (ago, fee, imp) in [(80, "1000", "40000"), (50, "1200", "45000"), (20, "1100", "42000")] {
        let d = (today - chrono::Duration::days(ago)).to_string();
        store.add_post(&parse_post(&post(&d, "Acme", fee, imp), "USD").unwrap()).unwrap();
    }
    let view = packages_view(&store).unwrap();
    assert!(!view.custom, "nothing saved yet: the defaults");
    assert_eq!(view.packages.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Essential", "Standard", "Premium"]);
    assert!(view.packages[1].recommended);
    // What the editor shows reads back to the same packages.
    let specs = mille::ratecard::packages(&store, today).unwrap();
    for (i, (e, s)) in view.packages.iter().zip(&specs).enumerate() {
        assert_eq!(&spec_of(i, e).unwrap(), s);
        assert_eq!(edit_of(s).name, e.name);
    }
    // An edit with a wrong quantity names the package and the line.
    let mut edits = view.packages.clone();
    edits[2].lines[0].quantity = "0".into();
    let e = spec_of(2, &edits[2]).unwrap_err();
    assert_eq!(e.kind(), "field.package2");
    assert!(e.sentence().starts_with("Package \"Premium\", line 1: quantity \"0\""), "{}", e.sentence());
    // A saved edit is what the card uses afterwards.
    edits[2].lines[0].quantity = "2".into();
    edits[2].usage_rights = "perpetual".into();
    edits[2].name = "Premium <b>plus</b>".into();
    let specs: Vec<_> = edits.iter().enumerate().map(|(i, e)| spec_of(i, e).unwrap()).collect();
    mille::ratecard::save_packages(&mut store, Some(&specs)).unwrap();
    let after = packages_view(&store).unwrap();
    assert!(after.custom);
    assert_eq!(after.packages[2].name, "Premium <b>plus</b>");
    assert_eq!(after.packages[2].lines[0].quantity, "2");
    assert_eq!(after.packages[2].usage_rights, "perpetual");
}

#[test]
fn app_info_counts_posts_and_lists_brands_latest_first_and_formats_most_used_first() {
    let (dir, mut store) = temp_store();
    let path = dir.path().join("mille.db");
    let empty = app_info_of(&store, &path).unwrap();
    assert_eq!(empty.post_count, 0);
    assert!(empty.brands.is_empty());
    assert_eq!((empty.last_platform.as_str(), empty.last_format.as_str()), ("instagram", "reel"));
    assert_eq!(&empty.formats[..3], ["carousel", "live", "mention"], "no use yet: alphabetical");
    let add = |store: &mut mille::store::Store, date: &str, brand: &str, platform: &str, format: &str| {
        let input = PostInput { platform: platform.into(), format: format.into(), ..post(date, brand, "100", "1000") };
        store.add_post(&parse_post(&input, "USD").unwrap()).unwrap();
    };
    add(&mut store, "2025-03-01", "Glow Labs", "instagram", "story");
    add(&mut store, "2025-05-01", "Acme", "tiktok", "video");
    add(&mut store, "2025-04-01", "GLOW LABS", "tiktok", "video");
    add(&mut store, "2025-02-01", "Zed", "youtube", "unboxing video");
    let info = app_info_of(&store, &path).unwrap();
    assert_eq!(info.post_count, 4);
    // One entry per brand whatever its case, spelled as in its latest post, latest first.
    assert_eq!(info.brands, ["Acme", "GLOW LABS", "Zed"]);
    assert_eq!(&info.formats[..2], ["video", "story"]);
    assert!(info.formats.contains(&"unboxing-video".to_string()));
    // The Log form suggests what the last logged post (highest id) used.
    assert_eq!((info.last_platform.as_str(), info.last_format.as_str()), ("youtube", "unboxing-video"));
    assert_eq!(info.db_path, path.display().to_string());
}

fn choices(maps: &[(&str, &str)], date_order: Option<&str>) -> ImportChoices {
    ImportChoices {
        maps: Some(maps.iter().map(|(h, c)| (h.to_string(), c.to_string())).collect()),
        date_order: date_order.map(String::from),
    }
}

#[test]
fn no_import_message_in_the_app_names_a_cli_flag() {
    let (dir, mut store) = temp_store();
    let file = dir.path().join("in.csv");
    let cases: &[(&str, &[(&str, &str)])] = &[
        // a missing column
        ("date,brand,platform,format\n2026-01-02,A,instagram,reel\n", &[]),
        // two headers for one column
        ("date,brand,platform,format,fee,honorar\n2026-01-02,A,instagram,reel,100,100\n", &[]),
        // a menu choice naming no column, and one naming a header not in the file
        ("date,brand,platform,format,fee\n2026-01-02,A,instagram,reel,100\n", &[("brand", "nope"), ("Gone", "notes")]),
        // both chosen as the same column
        ("date,brand,platform,format,fee,cost\n2026-01-02,A,instagram,reel,100,90\n", &[("fee", "fee"), ("cost", "fee")]),
        // a chosen column wins over a guessed one (a warning that names the choice)
        ("date,brand,platform,format,fee,net\n2026-01-02,A,instagram,reel,100,90\n", &[("net", "fee")]),
        // bad values and dates both ways
        ("date,brand,platform,format,fee\n13/03/2026,A,instagram,reel,1.250\n03/25/2026,B,tiktok,video,x\n", &[]),
    ];
    for (text, maps) in cases {
        std::fs::write(&file, text).unwrap();
        let p = preview_of(&mut store, &file, &choices(maps, None)).unwrap();
        assert!(p.refused || !p.warnings.is_empty() || p.rejected > 0, "{text}: {p:?}");
        let mut messages: Vec<String> = p.errors.iter().map(|e| e.message.clone()).collect();
        messages.extend(p.warnings.iter().cloned());
        messages.extend(p.columns.iter().filter_map(|c| c.note.clone()));
        for m in &messages {
            assert!(!m.contains("--"), "{text}: {m}");
        }
    }
    std::fs::write(&file, "date,brand,platform,format\n2026-01-02,A,instagram,reel\n").unwrap();
    let p = preview_of(&mut store, &file, &ImportChoices::default()).unwrap();
    assert!(p.errors[0].message.contains("choose which column holds the fee"), "{:?}", p.errors);
    // An unreadable file and an analytics export Mille does not read: one sentence each.
    std::fs::write(&file, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let e = preview_of(&mut store, &file, &ImportChoices::default()).unwrap_err();
    assert!(!e.sentence().contains("--"), "{}", e.sentence());
    assert!(!store.has_posts().unwrap());
}

#[test]
fn the_date_question_is_asked_then_answered_and_the_mapping_is_remembered() {
    let (dir, mut store) = temp_store();
    let file = dir.path().join("tracker.csv");
    std::fs::write(
        &file,
        "Datum,Marke,Plattform,Inhaltstyp,Honorar,Impressionen,Notiz\n3/4/2025,Acme,instagram,reel,900,40000,first\n5/6/2025,Globex,tiktok,video,1200,61000,second\n",
    )
    .unwrap();
    let p = preview_of(&mut store, &file, &ImportChoices::default()).unwrap();
    let q = p.date_question.clone().expect("a question");
    assert_eq!((q.value.as_str(), q.day_first.as_str(), q.month_first.as_str()), ("3/4/2025", "3 April 2025", "March 4, 2025"));
    assert_eq!(p.columns.len(), 7);
    assert_eq!(p.columns[6].column, None, "Notiz is not a column Mille knows");
    let chosen = choices(&[("Notiz", "notes")], Some("dmy"));
    let p = preview_of(&mut store, &file, &chosen).unwrap();
    assert!(p.date_question.is_none());
    assert_eq!(p.date_order.as_deref(), Some("dmy"));
    assert_eq!(p.columns[6].column.as_deref(), Some("notes"));
    assert_eq!((p.would_add, p.first_rows[0].date.as_str()), (2, "2025-04-03"));
    let planned = commands::plan_commit(&store, &file, &chosen, false).unwrap();
    let done = commands::commit_planned(&mut store, planned).unwrap();
    assert_eq!(done.added, 2);
    assert_eq!(store.posts().unwrap()[0].notes, "first");
    // Next time the same headers come, the choice is where the menus start.
    let again = ImportChoices { maps: None, date_order: Some("dmy".into()) };
    let p = preview_of(&mut store, &file, &again).unwrap();
    assert_eq!(p.maps, vec![("Notiz".to_string(), "notes".to_string())]);
    assert_eq!(p.columns[6].column.as_deref(), Some("notes"));
    assert_eq!((p.would_add, p.duplicates), (0, 2));
}

#[test]
fn rows_with_errors_are_saved_with_the_files_header_and_an_errors_column() {
    let (dir, mut store) = temp_store();
    let file = dir.path().join("in.csv");
    std::fs::write(&file, "date,brand,platform,format,fee\n2026-01-02,A,instagram,reel,100\n2026-13-40,B,tiktok,video,200\n").unwrap();
    let planned = commands::plan_commit(&store, &file, &ImportChoices::default(), true).unwrap();
    let mut buf = Vec::new();
    mille::import::write_rejected(&planned.parsed, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert!(text.starts_with("date,brand,platform,format,fee,errors\n2026-13-40,B,tiktok,video,200,column date:"), "{text}");
    let done = commands::commit_planned(&mut store, planned).unwrap();
    assert_eq!((done.added, done.rejected), (1, 1));
    assert!(commands::plan_commit(&store, &file, &ImportChoices::default(), false).is_err(), "all or nothing by default");
}
