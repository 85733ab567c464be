//! Import, export, sample and backup through the real binary: what a user sees.

mod common;
use common::{s, Env};

#[test]
fn refused_import_lists_50_errors_then_counts_the_rest() {
    let env = Env::new();
    let mut csv = String::from("date,brand,platform,format,fee\n");
    for i in 0..70 {
        csv.push_str(&format!("2025-13-{:02},Brand {i},instagram,reel,100\n", i % 28 + 1));
    }
    let file = env.write("bad.csv", &csv);
    let (stdout, stderr) = env.fails(&["import", s(&file)], 1);
    assert!(stdout.is_empty());
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines[0].contains("nothing was imported") && lines[0].contains("70 errors"), "{}", lines[0]);
    assert!(lines[1].starts_with("line 2, column date: "), "{}", lines[1]);
    assert!(lines[50].starts_with("line 51, column date: "), "{}", lines[50]);
    assert_eq!(lines[51], "… and 20 more errors");
    assert_eq!(lines.len(), 52);
    // JSON: the same on stdout, still exit 1, nothing written.
    let (stdout, _) = env.fails(&["import", s(&file), "--json"], 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["errors"].as_array().unwrap().len(), 50);
    assert_eq!(v["more"], 20);
    assert_eq!(v["errors"][0]["line"], 2);
    assert_eq!(v["errors"][0]["column"], "date");
    assert_eq!(v["errors"][0]["value"], "2025-13-01");
    assert!(env.json(&["posts", "list"]).as_array().unwrap().is_empty());
}

#[test]
fn one_bad_row_imports_nothing_then_the_fixed_file_imports() {
    let env = Env::new();
    let bad = env.write("bad.csv", "date,brand,platform,format,fee,impressions\n2025-01-01,A,instagram,reel,100,5000\n2025-01-02,B,instagram,reel,abc,5000\n");
    let (_, err) = env.fails(&["import", s(&bad)], 1);
    assert!(err.contains("line 3, column fee:"), "{err}");
    assert!(env.json(&["posts", "list"]).as_array().unwrap().is_empty(), "all or nothing");
    let good = env.write("good.csv", "date,brand,platform,format,fee,impressions\n2025-01-01,A,instagram,reel,100,5000\n2025-01-02,B,instagram,reel,1250.00,5000\n");
    let dry = env.json(&["import", s(&good), "--dry-run"]);
    assert_eq!(dry["added"], 2);
    assert!(env.json(&["posts", "list"]).as_array().unwrap().is_empty(), "dry run writes nothing");
    assert_eq!(env.ok(&["import", s(&good)]).lines().next().unwrap(), "added 2 posts, 0 duplicates skipped");
    let again = env.json(&["import", s(&good)]);
    assert_eq!((again["added"].as_u64(), again["duplicates"].as_u64()), (Some(0), Some(2)));
}

#[test]
fn map_flag_reads_a_header_as_a_column() {
    let env = Env::new();
    let f = env.write("mine.csv", "When,Who,Where,What,Money\n2025-03-01,Nike,tiktok,video,500\n");
    let (_, err) = env.fails(&["import", s(&f)], 1);
    assert!(err.contains("date"), "{err}");
    let out = env.ok(&[
        "import",
        s(&f),
        "--map",
        "When=date",
        "--map",
        "Who=brand",
        "--map",
        "Where=platform",
        "--map",
        "What=format",
        "--map",
        "Money=fee",
    ]);
    assert!(out.starts_with("added 1 post,"), "{out}");
    assert_eq!(env.json(&["posts", "list"])[0]["brand"], "Nike");
}

#[test]
fn export_imports_back_to_identical_data() {
    let env = Env::new();
    let sample = env.path("sample.csv");
    env.ok(&["sample", "--rows", "300", "--seed", "11", "--out", s(&sample)]);
    env.ok(&["import", s(&sample)]);
    let hostile = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+cmd|' /C calc'!A0",
        "@SUM(A1)",
        "-2+3",
        "'quoted",
        "<img src=x onerror=alert(1)>",
        "#set page(width: 1pt)",
        "'); DROP TABLE posts;--",
        "\u{202E}evil\u{202C} 🎉",
    ];
    for (i, h) in hostile.iter().enumerate() {
        env.ok(&[
            "posts",
            "add",
            "--date",
            "2025-06-01",
            "--brand",
            h,
            "--platform",
            "blog",
            "--format",
            "post",
            "--fee",
            &format!("{}.50", i + 1),
            "--notes",
            h,
            "--campaign",
            h,
            "--url",
            h,
        ]);
    }
    let exported = env.ok(&["export"]);
    assert!(exported.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), "formula-safe");
    let out = env.path("out.csv");
    env.ok(&["export", "--out", s(&out)]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), exported);

    let other = Env::new();
    other.ok(&["import", s(&out)]);
    let strip = |v: serde_json::Value| -> Vec<serde_json::Value> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.as_object_mut().unwrap().remove("id");
                p
            })
            .collect()
    };
    let a = strip(env.json(&["posts", "list"]));
    let b = strip(other.json(&["posts", "list"]));
    assert_eq!(a.len(), 309);
    assert_eq!(a, b);
    assert_eq!(other.ok(&["export"]), exported);
}

#[test]
fn sample_is_seeded() {
    let env = Env::new();
    let a = env.ok(&["sample", "--rows", "50", "--seed", "3"]);
    let b = env.ok(&["sample", "--rows", "50", "--seed", "3"]);
    let c = env.ok(&["sample", "--rows", "50", "--seed", "4"]);
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(a.lines().count(), 51);
    env.fails(&["sample", "--rows", "5", "--start", "2025-01-01", "--end", "2024-01-01"], 1);
}

#[test]
fn backup_create_list_restore() {
    let env = Env::new();
    env.ok(&[
        "posts",
        "add",
        "--date",
        "2025-01-01",
        "--brand",
        "A",
        "--platform",
        "x",
        "--format",
        "post",
        "--fee",
        "10",
    ]);
    let b = env.json(&["backup", "create"]);
    let name = b["name"].as_str().unwrap().to_string();
    assert_eq!(b["kind"], "manual");
    env.ok(&[
        "posts",
        "add",
        "--date",
        "2025-01-02",
        "--brand",
        "B",
        "--platform",
        "x",
        "--format",
        "post",
        "--fee",
        "10",
    ]);
    let list = env.json(&["backup", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let r = env.json(&["backup", "restore", &name]);
    assert!(r["previous_saved_as"].as_str().unwrap().contains("before-restore"));
    assert_eq!(env.json(&["posts", "list"]).as_array().unwrap().len(), 1);
    let (_, err) = env.fails(&["backup", "restore", "nope.db"], 1);
    assert!(err.contains("nope.db"), "{err}");
    // An import into a database with posts takes a backup first.
    let f = env.write("one.csv", "date,brand,platform,format,fee\n2025-02-01,C,x,post,5\n");
    env.ok(&["import", s(&f)]);
    assert!(env.json(&["backup", "list"]).as_array().unwrap().iter().any(|b| b["kind"] == "before-import"));
}

#[test]
fn a_missing_column_is_said_by_the_core_and_the_cli_says_how_to_choose_it() {
    let env = Env::new();
    let f = env.write("t.csv", "date,brand,platform,format,amount due\n2025-01-01,A,instagram,reel,100\n");
    let (_, e) = env.fails(&["import", s(&f)], 1);
    assert!(
        e.contains("column fee: the file has no fee column; name a header fee or choose which column holds it"),
        "{e}"
    );
    assert!(e.contains("Choose the columns with --map 'Their header=column'"), "{e}");
    let out = env.ok(&["import", s(&f), "--map", "amount due=fee"]);
    assert!(out.contains("added 1 post"), "{out}");
}
