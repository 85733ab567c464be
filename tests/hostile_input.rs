//! Absurd but possible input at every door of the CLI (issue 14): quantities, fees,
//! dates, counts, ids and files no creator would type. Each must be refused with exit 1
//! and one sentence naming the flag and the problem, quickly (a hang is a failure of
//! the command's timeout), never an internal error, and nothing may be written.

mod common;
use common::{s, Env};
use std::time::Duration;

/// A history to price from, and its posts as JSON (to see that nothing changed).
fn env_with_history() -> Env {
    let env = Env::new();
    let csv = env.path("h.csv");
    env.ok(&["sample", "--rows", "60", "--seed", "3", "--out", s(&csv)]);
    env.ok(&["import", s(&csv)]);
    env
}

/// Runs `args`, expecting a refusal: exit 1, one line on stderr that quotes `names`.
fn refused(env: &Env, args: &[&str], names: &str) -> String {
    let out = env.cmd(args).timeout(Duration::from_secs(20)).output().expect("run mille");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "mille {args:?}: {stderr}");
    assert!(!stderr.contains("internal error") && !stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one sentence: {stderr}");
    assert!(stderr.contains(names), "mille {args:?}: {stderr:?} does not name {names:?}");
    stderr
}

#[test]
fn absurd_values_are_refused_in_one_sentence_and_nothing_is_written() {
    let env = env_with_history();
    let before = env.ok(&["posts", "list", "--json"]);
    let post = ["--brand", "X", "--platform", "instagram", "--format", "reel"];
    let add = |extra: &[&str]| -> Vec<String> {
        let mut a = vec!["posts".to_string(), "add".into()];
        a.extend(post.iter().map(|s| s.to_string()));
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            add(&["--date", "2025-01-01", "--fee", "99999999999999999999999999"]),
            "--fee \"99999999999999999999999999\": more than 1,000,000,000,000",
        ),
        (add(&["--date", "2025-01-01", "--fee", "0.000000000001"]), "--fee"),
        (add(&["--date", "9999-12-31", "--fee", "1"]), "--date \"9999-12-31\": a date between 1900 and 2200"),
        (add(&["--date", "+10000-01-01", "--fee", "1"]), "--date \"+10000-01-01\""),
        (add(&["--date", "1899-12-31", "--fee", "1"]), "--date"),
        (add(&["--date", "2025-01-01", "--fee", "1", "--impressions", "1000000000001"]), "--impressions"),
        (add(&["--date", "2025-01-01", "--fee", "1", "--likes", "99999999999999999999"]), "--likes"),
        (add(&["--date", "2025-01-01", "--fee", "1 EUR", "--fx-rate", "100000000"]), "--fx-rate"),
        (add(&["--date", "2025-01-01", "--fee", "1", "--notes", &"x".repeat(10_001)]), "--notes: 10,001 characters"),
        (vec!["posts".into(), "edit".into(), "99999999999999999999".into(), "--fee".into(), "1".into()], "id"),
        (vec!["posts".into(), "delete".into(), "-5".into()], "-5"),
    ];
    for (args, names) in &cases {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&env, &a, names);
    }
    let propose = |extra: &[&str]| -> Vec<String> {
        let mut a = vec!["propose".to_string()];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            propose(&["--deliverable", "instagram/reel:100000000", "--date", "2027-01-10"]),
            "--deliverable \"instagram/reel:100000000\": more than 1,000 units",
        ),
        (propose(&["--deliverable", "instagram/reel:1001", "--date", "2027-01-10"]), "--deliverable"),
        (propose(&["--deliverable", "instagram/reel", "--date", "9999-12-31"]), "--date \"9999-12-31\""),
        (propose(&["--deliverable", "instagram/reel", "--date", "2027-01-10", "--as-of", "1000-01-01"]), "--as-of"),
        (
            propose(&["--deliverable", "instagram/reel", "--date", "2190-01-10", "--as-of", "2026-01-01"]),
            "more than 10 years",
        ),
        (
            propose(&["--deliverable", "instagram/reel", "--date", "2027-01-10", "--exclusivity", "99999999999"]),
            "--exclusivity",
        ),
        (propose(&["--deliverable", "instagram/reel", "--date", "2027-01-10", "--offer", "1e30"]), "--offer"),
        (propose(&["--deliverable", "instagram/reel", "--date", "2027-01-10", "--offer", "10000000000000"]), "--offer"),
        (
            propose(&[
                "--deliverable",
                "instagram/reel",
                "--date",
                "2027-01-10",
                "--impressions",
                "instagram/reel=99999999999999",
            ]),
            "--impressions",
        ),
        (
            vec!["ratecard".into(), "--date".into(), "9999-12-31".into(), "--out".into(), s(&env.path("c.pdf")).into()],
            "--date \"9999-12-31\"",
        ),
        (
            vec![
                "ratecard".into(),
                "--as-of".into(),
                "+10000-01-01".into(),
                "--out".into(),
                s(&env.path("c.pdf")).into(),
            ],
            "--as-of",
        ),
        (vec!["backtest".into(), "--months".into(), "99999999999".into()], "--months"),
        (
            vec![
                "sample".into(),
                "--rows".into(),
                "1000000000000".into(),
                "--out".into(),
                s(&env.path("big.csv")).into(),
            ],
            "--rows",
        ),
        (vec!["profile".into(), "set".into(), "--handle".into(), "instagram=@maya:99999999999999".into()], "--handle"),
        (vec!["profile".into(), "set".into(), "--accent".into(), "purple".into()], "--accent"),
    ];
    for (args, names) in &cases {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(&env, &a, names);
    }
    assert!(!env.path("c.pdf").exists() && !env.path("big.csv").exists());
    assert_eq!(env.ok(&["posts", "list", "--json"]), before, "nothing was written");
}

#[test]
fn files_that_are_not_what_they_say_are_refused_in_one_sentence() {
    let env = env_with_history();
    let png = env.path("photo.csv");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0").unwrap();
    let e = refused(&env, &["import", s(&png)], "photo.csv");
    assert!(e.contains("PNG"), "{e}");
    let text = env.write("logo.png", "just some words");
    let e = refused(&env, &["profile", "set", "--logo", s(&text)], "logo.png");
    assert!(e.contains("not a PNG, JPEG or SVG image"), "{e}");
    // A JPEG is a logo the rate card can show: the CLI takes it, as the app does.
    let jpeg = env.path("logo.jpg");
    std::fs::write(&jpeg, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0]).unwrap();
    env.ok(&["profile", "set", "--logo", s(&jpeg)]);
    // An audience as people write it.
    let p = env.json(&["profile", "set", "--handle", "instagram=@maya:182k"]);
    assert_eq!(p["handles"][0]["audience"], 182_000);
}

#[test]
fn an_imported_row_past_the_bounds_is_refused_with_its_line_and_column() {
    let env = Env::new();
    let f = env.write(
        "t.csv",
        "date,brand,platform,format,fee,impressions\n2025-01-01,A,instagram,reel,100,1000\n2025-01-02,B,instagram,reel,99999999999999999999999999,1000\n9999-12-31,C,instagram,reel,100,1000\n",
    );
    let (_, e) = env.fails(&["import", s(&f)], 1);
    assert!(e.contains("line 3, column fee: more than 1,000,000,000,000"), "{e}");
    assert!(e.contains("line 4, column date: a date between 1900 and 2200 is needed (9999-12-31)"), "{e}");
    assert_eq!(env.json(&["posts", "list"]).as_array().map(Vec::len), Some(0));
}
