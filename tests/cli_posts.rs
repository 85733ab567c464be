//! Logging, listing, editing, trashing and restoring posts through the real binary,
//! and the database refusals a user can meet.

mod common;
use common::{s, Env};

#[test]
fn add_list_edit_delete_restore() {
    let env = Env::new();
    let id = env.ok(&[
        "posts",
        "add",
        "--date",
        "2025-11-14",
        "--brand",
        "Glossier",
        "--platform",
        "IG",
        "--format",
        "Reels",
        "--fee",
        "$1,250.00",
    ]);
    let id: i64 = id.trim().parse().expect("prints the id");

    let list = env.json(&["posts", "list"]);
    let post = &list[0];
    assert_eq!(post["id"], id);
    assert_eq!(post["platform"], "instagram");
    assert_eq!(post["format"], "reel");
    assert_eq!(post["fee"], "1250.00");
    assert_eq!(post["currency"], "USD");
    assert_eq!(post["fee_base"], "1250.00");
    assert!(post["impressions"].is_null());
    assert!(post["cpm"].is_null(), "not measured yet");

    // The numbers arrive days later.
    let edited = env.json(&["posts", "edit", &id.to_string(), "--impressions", "48,000", "--clicks", "310"]);
    assert_eq!(edited["impressions"], 48000);
    assert_eq!(edited["cpm"], "26.04"); // 1250 / 48000 * 1000 = 26.0416…
    assert_eq!(edited["brand"], "Glossier");

    env.ok(&["posts", "delete", &id.to_string()]);
    assert_eq!(env.json(&["posts", "list"]).as_array().unwrap().len(), 0);
    assert_eq!(env.json(&["posts", "trash"])[0]["id"], id);
    env.ok(&["posts", "restore", &id.to_string()]);
    assert_eq!(env.json(&["posts", "list"])[0]["impressions"], 48000);
}

#[test]
fn foreign_currency_needs_a_rate() {
    let env = Env::new();
    // No rate: the ECB's of the day (2025-01-02: 1.0321 USD per EUR, real-files.md).
    let p = env.json(&[
        "posts",
        "add",
        "--date",
        "2025-01-02",
        "--brand",
        "Zalando",
        "--platform",
        "tiktok",
        "--format",
        "video",
        "--fee",
        "800",
        "--currency",
        "EUR",
    ]);
    assert_eq!(p["fx_rate"], "1.0321");
    env.ok(&["posts", "delete", &p["id"].to_string()]);
    // A currency the ECB does not publish needs --fx-rate.
    let (_, err) = env.fails(
        &[
            "posts",
            "add",
            "--date",
            "2025-01-02",
            "--brand",
            "Zalando",
            "--platform",
            "tiktok",
            "--format",
            "video",
            "--fee",
            "800",
            "--currency",
            "ARS",
        ],
        1,
    );
    assert!(err.contains("--fx-rate") && err.contains("ARS"), "{err}");
    assert!(env.json(&["posts", "list"]).as_array().unwrap().is_empty(), "nothing written");
    let p = env.json(&[
        "posts",
        "add",
        "--date",
        "2025-01-02",
        "--brand",
        "Zalando",
        "--platform",
        "tiktok",
        "--format",
        "video",
        "--fee",
        "800",
        "--currency",
        "eur",
        "--fx-rate",
        "1.0853",
        "--impressions",
        "50000",
    ]);
    assert_eq!(p["currency"], "EUR");
    assert_eq!(p["fx_rate"], "1.0853");
    assert_eq!(p["fee_base"], "868.24"); // 800 × 1.0853 = 868.24
    assert_eq!(p["cpm"], "17.36"); // 868.24 / 50 = 17.3648
}

#[test]
fn list_filters() {
    let env = Env::new();
    for (date, brand, platform) in
        [("2025-01-05", "Ärzte", "instagram"), ("2025-02-05", "Nike", "tiktok"), ("2025-03-05", "nike", "instagram")]
    {
        env.ok(&[
            "posts",
            "add",
            "--date",
            date,
            "--brand",
            brand,
            "--platform",
            platform,
            "--format",
            "reel",
            "--fee",
            "100",
        ]);
    }
    let ids = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["posts", "list"];
        a.extend_from_slice(args);
        env.json(&a).as_array().unwrap().iter().map(|p| p["date"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&["--platform", "IG"]), ["2025-01-05", "2025-03-05"]);
    assert_eq!(ids(&["--from", "2025-02-05", "--to", "2025-03-05"]), ["2025-02-05", "2025-03-05"]);
    assert_eq!(ids(&["--brand", "NIKE"]), ["2025-02-05", "2025-03-05"]);
    assert_eq!(ids(&["--brand", "ärzte"]), ["2025-01-05"]);
}

#[test]
fn bad_values_are_refused_with_one_sentence() {
    let env = Env::new();
    for (args, needle) in [
        (vec!["--date", "03/04/2025"], "--date"),
        (vec!["--platform", "instagarm"], "instagram, tiktok"),
        (vec!["--fee", "-5"], "--fee"),
        (vec!["--impressions", "12.5"], "--impressions"),
        (vec!["--fee", "1.250,00"], "--fee"),
    ] {
        let mut a = vec![
            "posts",
            "add",
            "--date",
            "2025-01-01",
            "--brand",
            "B",
            "--platform",
            "instagram",
            "--format",
            "reel",
            "--fee",
            "10",
        ];
        for pair in args.chunks(2) {
            let i = a.iter().position(|x| *x == pair[0]);
            match i {
                Some(i) => a[i + 1] = pair[1],
                None => a.extend_from_slice(pair),
            }
        }
        let (_, err) = env.fails(&a, 1);
        assert!(err.contains(needle), "{a:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    }
    assert!(env.json(&["posts", "list"]).as_array().unwrap().is_empty());
    let (_, err) = env.fails(&["posts", "delete", "42"], 1);
    assert!(err.contains("42"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    env.fails(&["posts", "frobnicate"], 2);
    env.fails(&["report", "--nope"], 2);
    env.fails(&["posts", "add", "--date", "2025-01-01"], 2);
}

#[test]
fn global_flags_before_or_after_the_command() {
    let env = Env::new();
    env.ok(&[
        "posts",
        "add",
        "--date",
        "2025-01-01",
        "--brand",
        "B",
        "--platform",
        "x",
        "--format",
        "post",
        "--fee",
        "10",
    ]);
    let mut c = assert_cmd::Command::cargo_bin("mille").unwrap();
    let out = c.env("HOME", env.dir.path()).args(["--json", "--db", s(&env.db), "posts", "list"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["platform"], "x");
    // MILLE_DB works like --db.
    let mut c = assert_cmd::Command::cargo_bin("mille").unwrap();
    let out =
        c.env("HOME", env.dir.path()).env("MILLE_DB", &env.db).args(["posts", "list", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
}

#[test]
fn foreign_files_are_refused_untouched() {
    let env = Env::new();
    let text = env.write("notes.txt", "not a database\n");
    let before = std::fs::read(&text).unwrap();
    let mut c = assert_cmd::Command::cargo_bin("mille").unwrap();
    let out = c.args(["--db", s(&text), "posts", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a Mille database"), "{err}");
    assert_eq!(std::fs::read(&text).unwrap(), before);
    let garbage = env.path("garbage.db");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    std::fs::write(&garbage, &bytes).unwrap();
    let mut c = assert_cmd::Command::cargo_bin("mille").unwrap();
    assert_eq!(c.args(["--db", s(&garbage), "report"]).output().unwrap().status.code(), Some(1));
    assert_eq!(std::fs::read(&garbage).unwrap(), bytes);
}

#[test]
fn profile_set_and_show() {
    let env = Env::new();
    let p = env.json(
        &[
            "profile",
            "set",
            "--name",
            "Maya Lindqvist",
            "--handle",
            "instagram=@maya.makes:182k",
            "--handle",
            "TT=@maya:240,000",
            "--base-currency",
            "eur",
            "--accent",
            "#0A7",
            "--payment-terms",
            "Net 30",
        ]
        .iter()
        .map(|x| if *x == "#0A7" { "#00aa77" } else { x })
        .collect::<Vec<_>>(),
    );
    assert_eq!(p["name"], "Maya Lindqvist");
    assert_eq!(p["base_currency"], "EUR");
    assert_eq!(p["handles"][0]["audience"], 182000);
    assert_eq!(p["handles"][1]["platform"], "tiktok");
    assert_eq!(p["handles"][1]["audience"], 240000);
    assert_eq!(p["accent"], "#00aa77");
    env.fails(&["profile", "set", "--accent", "violet"], 1);
    env.fails(&["profile", "set", "--base-currency", "EUD"], 1);
    env.ok(&[
        "posts",
        "add",
        "--date",
        "2025-01-01",
        "--brand",
        "B",
        "--platform",
        "x",
        "--format",
        "post",
        "--fee",
        "10",
    ]);
    let (_, err) = env.fails(&["profile", "set", "--base-currency", "USD"], 1);
    assert!(err.contains("base currency"), "{err}");
    assert_eq!(env.json(&["profile", "show"])["base_currency"], "EUR");
}
