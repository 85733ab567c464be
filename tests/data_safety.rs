//! Data safety (issue 7): backups and what the store refuses. Every refusal is checked
//! the way a worried user would: the command fails with one sentence, and the file is
//! byte-for-byte what it was (no WAL or journal left beside it either).

mod common;
use common::{s, Env};
use mille::store::{self, BackupKind, StoreError, AUTO_BACKUPS_KEPT};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

fn integrity(path: &Path) -> String {
    let c = Connection::open(path).expect("open for integrity_check");
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check")
}

fn count_posts(path: &Path) -> i64 {
    let c = Connection::open(path).expect("open");
    c.query_row("SELECT count(*) FROM posts WHERE deleted_at IS NULL", [], |r| r.get(0)).expect("count")
}

fn sidecars(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|x| {
            let mut p = path.as_os_str().to_owned();
            p.push(x);
            PathBuf::from(p)
        })
        .filter(|p| p.exists())
        .collect()
}

/// A database with `rows` sample posts, imported through the CLI.
fn filled(env: &Env, rows: usize) {
    let csv = env.path("sample.csv");
    env.ok(&["sample", "--rows", &rows.to_string(), "--seed", "5", "--out", s(&csv)]);
    env.ok(&["import", s(&csv)]);
}

/// Every way a user can meet `path` refuses it in one sentence containing `needle`,
/// and leaves it exactly as it was.
fn refused_untouched(env: &Env, path: &Path, needle: &str) {
    let before = std::fs::read(path).unwrap();
    let one = env.write("one.csv", "date,brand,platform,format,fee\n2025-02-01,C,x,post,5\n");
    for args in [
        vec!["posts", "list"],
        vec![
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
        ],
        vec!["import", s(&one)],
        vec!["report", "--json"],
        vec!["backup", "create"],
        vec!["export"],
    ] {
        let mut c = assert_cmd::Command::cargo_bin("mille").unwrap();
        let out = c.env("HOME", env.dir.path()).arg("--db").arg(path).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?} on {}: {err}", path.display());
        assert!(out.stdout.is_empty(), "{args:?}: printed {}", String::from_utf8_lossy(&out.stdout));
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
        assert!(err.contains(needle), "{args:?}: {err:?} should say {needle:?}");
        assert!(err.contains("left untouched"), "{err}");
        assert!(std::fs::read(path).unwrap() == before, "{args:?} changed {}", path.display());
        assert!(sidecars(path).is_empty(), "{args:?} left {:?}", sidecars(path));
    }
    assert!(
        !path.parent().unwrap().join("backups").exists()
            || path.parent().unwrap().join("backups").read_dir().unwrap().next().is_none(),
        "no backup is taken of a refused file"
    );
}

#[test]
fn newer_schema_is_refused_with_a_sentence_and_untouched() {
    let env = Env::new();
    filled(&env, 20);
    {
        let c = Connection::open(&env.db).unwrap();
        c.execute_batch(&format!("PRAGMA user_version = {};", store::schema_version() + 1)).unwrap();
    }
    let newer = env.path("newer.db");
    std::fs::copy(&env.db, &newer).unwrap();
    let other = Env::new();
    refused_untouched(&other, &newer, "newer version of Mille");
    match store::open(&newer) {
        Err(StoreError::TooNew { found, known, .. }) => {
            assert_eq!(found as usize, store::schema_version() + 1);
            assert_eq!(known, store::schema_version());
        }
        other => panic!("expected TooNew, got {:?}", other.err()),
    }
}

#[test]
fn older_schema_is_backed_up_then_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        // A Mille database from before the first migration ran (schema 0), holding a
        // table an old build might have left.
        let c = Connection::open(&path).unwrap();
        c.execute_batch(&format!(
            "PRAGMA application_id = {}; CREATE TABLE leftovers (x); INSERT INTO leftovers VALUES ('kept');",
            store::APPLICATION_ID as i32
        ))
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let mut s = store::open(&path).expect("an older Mille database opens");
    let backups = s.list_backups().unwrap();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].kind, BackupKind::BeforeMigration);
    // The backup is the database as it was before the migration.
    let copy = s.backup_dir().unwrap().join(&backups[0].name);
    let c = Connection::open(&copy).unwrap();
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, 0);
    let kept: String = c.query_row("SELECT x FROM leftovers", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, "kept");
    let has_posts: i64 =
        c.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'posts'", [], |r| r.get(0)).unwrap();
    assert_eq!(has_posts, 0);
    drop(c);
    assert_eq!(std::fs::read(&copy).unwrap().len(), before.len(), "same pages as the original");
    // The database itself is now current and works.
    assert!(s.posts().unwrap().is_empty());
    let csv = "date,brand,platform,format,fee\n2025-02-01,C,x,post,5\n";
    let rows = mille::import::read_csv(csv.as_bytes(), &Default::default()).unwrap().into_posts();
    s.import_posts(&rows, false).unwrap();
    drop(s);
    let c = Connection::open(&path).unwrap();
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v as usize, store::schema_version());
    assert_eq!(count_posts(&path), 1);
    // Opening it again migrates nothing and takes no second backup.
    let s = store::open(&path).unwrap();
    assert_eq!(s.list_backups().unwrap().len(), 1);
}

#[test]
fn corrupt_files_are_refused_and_untouched() {
    let source = Env::new();
    filled(&source, 400);
    let good = std::fs::read(&source.db).unwrap();
    assert!(good.len() > 20 * 4096, "a database of many pages ({} bytes)", good.len());
    assert!(sidecars(&source.db).is_empty());

    // Cut off: the second half is missing.
    let env = Env::new();
    let cut = env.path("cut.db");
    std::fs::write(&cut, &good[..good.len() / 2]).unwrap();
    refused_untouched(&env, &cut, "damaged");

    // Cut off inside the first page.
    let env = Env::new();
    let tiny = env.path("tiny.db");
    std::fs::write(&tiny, &good[..1000]).unwrap();
    refused_untouched(&env, &tiny, "damaged");

    // Garbage pages in the middle (the header page intact): 7 pages from the middle of
    // the file, past the tables' root pages (one per table and index, about 30 since
    // the deals tables) into the posts' leaves.
    let env = Env::new();
    let garbage = env.path("garbage.db");
    let mut bytes = good.clone();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let middle = good.len() / 4096 / 2;
    for b in &mut bytes[4096 * middle..4096 * (middle + 7)] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    std::fs::write(&garbage, &bytes).unwrap();
    refused_untouched(&env, &garbage, "damaged");

    // Random bytes.
    let env = Env::new();
    let random = env.path("random.db");
    std::fs::write(&random, &bytes[4096 * 5..4096 * 7]).unwrap();
    refused_untouched(&env, &random, "not a Mille database");

    // Another program's SQLite database.
    let env = Env::new();
    let other = env.path("other.sqlite");
    {
        let c = Connection::open(&other).unwrap();
        c.execute_batch(
            "CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO posts (body) VALUES ('hello');",
        )
        .unwrap();
    }
    refused_untouched(&env, &other, "another program");

    // A text file.
    let env = Env::new();
    let text = env.write("notes.txt", "date,brand,platform,format,fee\n2025-01-01,A,x,post,1\n");
    refused_untouched(&env, &text, "not a Mille database");

    // The original still opens: the refusals were about the files, not the code.
    assert_eq!(count_posts(&source.db), 400);
}

fn post(fee: i64) -> mille::model::PostData {
    let csv = format!("date,brand,platform,format,fee\n2025-03-01,Brand,tiktok,video,{fee}\n");
    mille::import::read_csv(csv.as_bytes(), &Default::default()).unwrap().into_posts().remove(0)
}

#[test]
fn retention_keeps_ten_automatic_and_every_manual_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mille.db");
    let mut s = store::open(&path).unwrap();
    s.add_post(&post(1)).unwrap();
    let mut manual = Vec::new();
    for i in 0..14 {
        if i % 4 == 0 {
            manual.push(s.create_backup(BackupKind::Manual).unwrap().name);
        }
        // Automatic backups of every kind: before an import, before a restore, daily.
        s.import_posts(&[post(100 + i)], false).unwrap();
        if i % 5 == 0 {
            let last = manual.last().unwrap().clone();
            s.restore_backup(&last).unwrap();
        }
        s.create_backup(BackupKind::Daily).unwrap();
    }
    let all = s.list_backups().unwrap();
    let autos: Vec<_> = all.iter().filter(|b| b.kind != BackupKind::Manual).collect();
    assert_eq!(autos.len(), AUTO_BACKUPS_KEPT, "{all:#?}");
    let manual_now: Vec<_> = all.iter().filter(|b| b.kind == BackupKind::Manual).map(|b| b.name.clone()).collect();
    assert_eq!(manual_now, manual, "every manual backup is kept");
    // The ones kept are the newest automatic ones: the last taken is among them.
    let newest = s.create_backup(BackupKind::Daily).unwrap();
    let all = s.list_backups().unwrap();
    assert!(all.iter().any(|b| b.name == newest.name));
    assert_eq!(all.iter().filter(|b| b.kind != BackupKind::Manual).count(), AUTO_BACKUPS_KEPT);
    // Every backup is a normal Mille database that passes integrity_check.
    for b in &all {
        let p = s.backup_dir().unwrap().join(&b.name);
        assert_eq!(integrity(&p), "ok", "{}", b.name);
        assert!(store::open(&p).is_ok(), "{} opens as a Mille database", b.name);
    }
    // Nothing half-written is left in the folder.
    let stray: Vec<_> = std::fs::read_dir(s.backup_dir().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn restore_keeps_a_copy_of_what_it_replaces() {
    let env = Env::new();
    filled(&env, 30);
    let b = env.json(&["backup", "create"]);
    let name = b["name"].as_str().unwrap().to_string();
    for i in 0..3 {
        env.ok(&[
            "posts",
            "add",
            "--date",
            "2025-01-01",
            "--brand",
            &format!("New {i}"),
            "--platform",
            "x",
            "--format",
            "post",
            "--fee",
            "10",
        ]);
    }
    let before_restore = env.ok(&["export"]);
    let r = env.json(&["backup", "restore", &name]);
    let saved = r["previous_saved_as"].as_str().unwrap();
    assert!(saved.contains("before-restore"), "{saved}");
    assert_eq!(env.json(&["posts", "list"]).as_array().unwrap().len(), 30);
    // The copy holds exactly what was replaced: open it as a database and export it.
    let copy = env.dir.path().join("backups").join(saved);
    let other = Env { dir: tempfile::tempdir().unwrap(), db: copy.clone() };
    assert_eq!(other.ok(&["export"]), before_restore);
    // ... and restoring the copy brings the replaced state back.
    env.ok(&["backup", "restore", saved]);
    assert_eq!(env.ok(&["export"]), before_restore);
    assert_eq!(integrity(&env.db), "ok");
}

#[test]
fn a_damaged_backup_is_refused_before_anything_is_replaced() {
    let env = Env::new();
    filled(&env, 300);
    let b = env.json(&["backup", "create"]);
    let name = b["name"].as_str().unwrap().to_string();
    let backup = env.dir.path().join("backups").join(&name);
    let good_backup = std::fs::read(&backup).unwrap();
    env.ok(&[
        "posts",
        "add",
        "--date",
        "2025-01-01",
        "--brand",
        "After",
        "--platform",
        "x",
        "--format",
        "post",
        "--fee",
        "10",
    ]);
    let db_before = env.ok(&["export"]);
    let names = |v: serde_json::Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap().to_string()).collect()
    };
    let list_before = names(env.json(&["backup", "list"]));

    let mut damaged_versions: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut garbage = good_backup.clone();
    for (i, b) in garbage[4096 * 3..4096 * 6].iter_mut().enumerate() {
        *b = (i as u32).wrapping_mul(2_654_435_761).to_be_bytes()[0];
    }
    damaged_versions.push(("garbage pages", garbage));
    damaged_versions.push(("cut off", good_backup[..good_backup.len() / 3].to_vec()));
    damaged_versions.push((
        "text",
        b"this is not a database, but a note someone saved with the backup's name.............".to_vec(),
    ));
    let mut newer = good_backup.clone();
    newer[60..64].copy_from_slice(&(store::schema_version() as u32 + 1).to_be_bytes());
    damaged_versions.push(("newer", newer));
    for (what, bytes) in damaged_versions {
        std::fs::write(&backup, &bytes).unwrap();
        let (_, err) = env.fails(&["backup", "restore", &name], 1);
        assert!(err.contains(&name) && err.contains("nothing was changed"), "{what}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{what}: {err}");
        assert_eq!(env.ok(&["export"]), db_before, "{what}: the database was not replaced");
        assert_eq!(
            names(env.json(&["backup", "list"])),
            list_before,
            "{what}: no before-restore copy was taken either"
        );
        assert_eq!(std::fs::read(&backup).unwrap(), bytes, "{what}: the backup itself is untouched");
    }
    assert_eq!(integrity(&env.db), "ok");
    // With the backup repaired, the restore goes through.
    std::fs::write(&backup, &good_backup).unwrap();
    env.ok(&["backup", "restore", &name]);
    assert_eq!(env.json(&["posts", "list"]).as_array().unwrap().len(), 300);
}

#[test]
fn a_backup_opens_as_a_normal_mille_database() {
    let env = Env::new();
    filled(&env, 25);
    let b = env.json(&["backup", "create"]);
    let path = env.dir.path().join("backups").join(b["name"].as_str().unwrap());
    // One self-contained file (rollback journal, no WAL needed), marked as Mille's.
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..16], b"SQLite format 3\0");
    assert_eq!(&bytes[68..72], b"MILL");
    assert_eq!((bytes[18], bytes[19]), (1, 1), "rollback-journal file format");
    assert_eq!(integrity(&path), "ok");
    let other = Env { dir: tempfile::tempdir().unwrap(), db: path };
    assert_eq!(other.ok(&["export"]), env.ok(&["export"]));
    assert_eq!(other.json(&["report", "--by", "platform"]), env.json(&["report", "--by", "platform"]));
}

#[test]
fn a_damaged_database_can_still_be_restored_from_a_backup() {
    let env = Env::new();
    filled(&env, 300);
    let b = env.json(&["backup", "create"]);
    let name = b["name"].as_str().unwrap().to_string();
    let good_export = env.ok(&["export"]);
    // Damage pages of the live database (as a failing disk would).
    let mut bytes = std::fs::read(&env.db).unwrap();
    for (i, b) in bytes[4096 * 4..4096 * 8].iter_mut().enumerate() {
        *b = (i as u32).wrapping_mul(2_246_822_519).to_be_bytes()[1];
    }
    std::fs::write(&env.db, &bytes).unwrap();
    let (_, err) = env.fails(
        &["posts", "add", "--date", "2025-01-01", "--brand", "B", "--platform", "x", "--format", "post", "--fee", "10"],
        1,
    );
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes, "nothing written into the damaged file");
    // The way out: restore the backup. The damaged state is kept as before-restore.
    let r = env.json(&["backup", "restore", &name]);
    assert!(r["previous_saved_as"].as_str().unwrap().contains("before-restore"));
    assert_eq!(integrity(&env.db), "ok");
    assert_eq!(env.ok(&["export"]), good_export);
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
}
