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
    let first = env.path("first.csv");
    let big = env.path("big.csv");
    let rows = 10_000;
    env.ok(&["sample", "--rows", &rows.to_string(), "--seed", "21", "--out", s(&first)]);
    // Other years, so that no row of it is a duplicate of the first file's.
    env.ok(&[
        "sample",
        "--rows",
        &rows.to_string(),
        "--seed",
        "23",
        "--start",
        "2019-01-01",
        "--end",
        "2020-12-31",
        "--out",
        s(&big),
    ]);
    let small = env.path("small.csv");
    env.ok(&[
        "sample",
        "--rows",
        "150",
        "--seed",
        "22",
        "--start",
        "2018-01-01",
        "--end",
        "2018-12-31",
        "--out",
        s(&small),
    ]);
    // A database that already holds many posts: the import reads them all (to find
    // duplicates) before it writes, and takes its before-import backup.
    env.ok(&["import", s(&first)]);

    let import = mille(&env.db, &["import", s(&big), "--json"]).spawn().unwrap();
    // Everyone else, spread over the import's run: short writes, a second import, a
    // backup, readers.
    let mut others: Vec<(String, Child)> = Vec::new();
    for i in 0..12 {
        std::thread::sleep(std::time::Duration::from_millis(60));
        let args = add_args(i);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        others.push((format!("posts add #{i}"), mille(&env.db, &refs).spawn().unwrap()));
        match i {
            3 => {
                others.push(("small import".into(), mille(&env.db, &["import", s(&small), "--json"]).spawn().unwrap()))
            }
            5 => others.push(("backup".into(), mille(&env.db, &["backup", "create", "--json"]).spawn().unwrap())),
            7 => others.push(("report".into(), mille(&env.db, &["report", "--json"]).spawn().unwrap())),
            9 => others.push(("list".into(), mille(&env.db, &["posts", "list", "--json"]).spawn().unwrap())),
            _ => {}
        }
    }

    let big_out = finish("big import", import);
    let v: serde_json::Value = serde_json::from_slice(&big_out.stdout).unwrap();
    assert_eq!(v["added"], rows, "{v}");
    let rows = rows as i64;
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
            let extra = n - rows;
            assert!(
                [0, 150, rows, rows + 150].iter().any(|base| (*base..=*base + 12).contains(&extra)),
                "the backup holds part of an import: {n} posts"
            );
        }
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 12, "every add got its own id");
    assert_eq!(check(&env.db), ("ok".into(), 2 * rows + 150 + 12));
}
