//! Several `mille` processes on one database at the same time (the CLI beside the
//! app, two terminals, a script): nobody fails on a busy lock, nothing is lost, the
//! file stays sound. Real processes, started together.

mod common;
use common::{s, Env};
use rusqlite::Connection;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

fn mille(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mille"));
    c.env_remove("MILLE_DB").arg("--db").arg(db).args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

fn finish(name: &str, child: Child) -> Output {
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{name} failed ({:?}): {}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn check(db: &Path) -> (String, i64) {
    let c = Connection::open(db).unwrap();
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    let n: i64 = c.query_row("SELECT count(*) FROM posts", [], |r| r.get(0)).unwrap();
    (ok, n)
}

fn add_args(i: usize) -> Vec<String> {
    ["posts", "add", "--date", "2025-05-01", "--brand"]
        .iter()
        .map(|a| a.to_string())
        .chain([format!("Parallel {i}")])
        .chain(["--platform", "instagram", "--format", "story", "--fee"].iter().map(|a| a.to_string()))
        .chain([format!("{}.25", 100 + i)])
        .collect()
}

#[test]
fn first_use_by_many_processes_at_once_creates_one_database() {
    let env = Env::new();
    let db = env.path("new/sub/mille.db");
    let children: Vec<Child> = (0..8)
        .map(|i| {
            let args = add_args(i);
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            mille(&db, &refs).spawn().unwrap()
        })
        .collect();
    for (i, c) in children.into_iter().enumerate() {
        finish(&format!("posts add #{i}"), c);
    }
    assert_eq!(check(&db), ("ok".into(), 8));
    // Nothing of the building is left beside it.
    let names: Vec<String> = std::fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["mille.db"], "{names:?}");
}

#[test]
fn writers_wait_their_turn_while_a_big_import_runs() {
    let env = Env::new();
    let big = env.path("big.csv");
    let rows = 20_000;
    env.ok(&["sample", "--rows", &rows.to_string(), "--seed", "21", "--out", s(&big)]);
    let small = env.path("small.csv");
    env.ok(&["sample", "--rows", "150", "--seed", "22", "--start", "2020-01-01", "--end", "2020-12-31", "--out", s(&small)]);
    // Some posts first, so that the import takes its before-import backup too.
    for i in 0..3 {
        let args = add_args(1000 + i);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        env.ok(&refs);
    }

    let import = mille(&env.db, &["import", s(&big), "--json"]).spawn().unwrap();
    // Let the big import get going, then everyone else at once: short writes, a second
    // import, a backup, readers.
    std::thread::sleep(std::time::Duration::from_millis(150));
    let mut others: Vec<(String, Child)> = Vec::new();
    for i in 0..8 {
        let args = add_args(i);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        others.push((format!("posts add #{i}"), mille(&env.db, &refs).spawn().unwrap()));
    }
    others.push(("small import".into(), mille(&env.db, &["import", s(&small), "--json"]).spawn().unwrap()));
    others.push(("backup".into(), mille(&env.db, &["backup", "create", "--json"]).spawn().unwrap()));
    others.push(("report".into(), mille(&env.db, &["report", "--json"]).spawn().unwrap()));
    others.push(("list".into(), mille(&env.db, &["posts", "list", "--json"]).spawn().unwrap()));

    let big_out = finish("big import", import);
    let v: serde_json::Value = serde_json::from_slice(&big_out.stdout).unwrap();
    assert_eq!(v["added"], rows, "{v}");
    let mut ids = Vec::new();
    for (name, child) in others {
        let out = finish(&name, child);
        if name.starts_with("posts add") {
            ids.push(String::from_utf8(out.stdout.clone()).unwrap().trim().parse::<i64>().unwrap());
        }
        if name == "small import" {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v["added"], 150, "{v}");
        }
        if name == "backup" {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let path = env.dir.path().join("backups").join(v["name"].as_str().unwrap());
            // The backup is a consistent snapshot: whole imports or none of them.
            let (ok, n) = check(&path);
            assert_eq!(ok, "ok");
            assert!(n >= 3 && n <= 3 + 8 + 150 + rows as i64, "{n}");
            let big_rows = n - 3;
            assert!(
                [0, 150, rows as i64, rows as i64 + 150].iter().any(|base| (*base..=*base + 8).contains(&big_rows)),
                "the backup holds part of an import: {n} posts"
            );
        }
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8, "every add got its own id");
    assert_eq!(check(&env.db), ("ok".into(), 3 + 8 + 150 + rows as i64));
}
