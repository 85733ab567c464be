//! Crash safety: `mille import` of a large generated file is killed (SIGKILL, no
//! chance to clean up) at 60 moments drawn from a fixed seed, spread over the whole
//! run after start-up: reading the file, the before-import backup, the insert transaction
//! (whose pages spill into the WAL before the commit), the commit and the checkpoint
//! after it. After each kill the database must open, pass `PRAGMA integrity_check`,
//! and hold either none or all of the file's posts; every backup beside it must be
//! whole too.

mod common;
use common::{s, Env};
use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TRIALS: usize = 60;
const ROWS: i64 = 5_000;
const BASE_POSTS: i64 = 2;

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    let _ = std::fs::remove_dir_all(db.parent().unwrap().join("backups"));
}

fn import(db: &Path, csv: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mille"));
    c.env_remove("MILLE_DB").arg("--db").arg(db).arg("import").arg(csv);
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// Opens the database as SQLite itself would after a crash (recovering the WAL) and
/// returns (integrity_check, live posts).
fn inspect(db: &Path) -> (String, i64) {
    let c = Connection::open(db).expect("the database opens after the kill");
    let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check runs");
    let n: i64 = c.query_row("SELECT count(*) FROM posts", [], |r| r.get(0)).expect("posts readable");
    (ok, n)
}

/// xorshift64*: the kill moments are the same on every run.
struct Moments(u64);
impl Moments {
    fn next_fraction(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn killed_imports_leave_none_or_all_of_the_file() {
    let env = Env::new();
    let csv = env.path("history.csv");
    env.ok(&["sample", "--rows", &ROWS.to_string(), "--seed", "99", "--out", s(&csv)]);
    // The template: a database that already holds posts (so the import also takes its
    // before-import backup, which can be killed too).
    for brand in ["Before A", "Before B"] {
        env.ok(&[
            "posts",
            "add",
            "--date",
            "2024-01-01",
            "--brand",
            brand,
            "--platform",
            "x",
            "--format",
            "post",
            "--fee",
            "1",
        ]);
    }
    let template = std::fs::read(&env.db).unwrap();
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("mille.db");

    // How long a whole import takes here (debug build, shared machine), and how long
    // one that writes nothing (`--dry-run`: start, read, check): the writing happens
    // between the two. The fastest of three each, so that a busy moment during
    // calibration does not stretch every kill past the end.
    let time_it = |extra: &[&str]| {
        let mut best = Duration::MAX;
        for _ in 0..3 {
            remove_db(&db);
            std::fs::write(&db, &template).unwrap();
            let t0 = Instant::now();
            assert!(import(&db, &csv).args(extra).status().unwrap().success());
            best = best.min(t0.elapsed());
        }
        best
    };
    let dry = time_it(&["--dry-run"]);
    let full = time_it(&[]);
    assert_eq!(inspect(&db), ("ok".into(), BASE_POSTS + ROWS));

    let mut moments = Moments(0x5EED_0007);
    let (mut none, mut all, mut killed_running, mut killed_writing, mut killed_committed) = (0, 0, 0, 0, 0);
    for trial in 0..TRIALS {
        remove_db(&db);
        std::fs::write(&db, &template).unwrap();
        // Even trials: anywhere from 0.3 to 1.6 × the whole run (start-up is the least
        // interesting part; some kills land after the end: the rows stream into the
        // transaction as they are read, so the commit is the run's last moment and a
        // loaded machine stretches a run past its best time). Odd trials: in the
        // writing, from a little before the dry run's end to a little after the whole
        // run's.
        let r = moments.next_fraction();
        let at = if trial % 2 == 0 {
            full.mul_f64(0.3 + 1.3 * r)
        } else {
            let (from, to) = (dry.mul_f64(0.9), full.mul_f64(1.1));
            from + to.saturating_sub(from).mul_f64(r)
        };
        let mut child = import(&db, &csv).spawn().unwrap();
        std::thread::sleep(at);
        if child.try_wait().unwrap().is_none() {
            killed_running += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // Where it died: after its before-import backup (in the write transaction or
        // later), and with committed pages still in the WAL (between commit and exit).
        if std::fs::read_dir(work.path().join("backups")).is_ok_and(|d| {
            d.filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().ends_with("before-import.db"))
        }) {
            killed_writing += 1;
        }
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        if std::fs::metadata(&wal).map(|m| m.len() > 4096).unwrap_or(false) {
            killed_committed += 1;
        }

        let (ok, n) = inspect(&db);
        assert_eq!(ok, "ok", "trial {trial} (killed at {at:?}): integrity_check");
        assert!(
            n == BASE_POSTS || n == BASE_POSTS + ROWS,
            "trial {trial} (killed at {at:?}): {n} posts, part of the file"
        );
        if n == BASE_POSTS {
            none += 1;
        } else {
            all += 1;
        }
        // Mille itself opens it, and the backups that exist are whole databases.
        let store =
            mille::store::open(&db).unwrap_or_else(|e| panic!("trial {trial}: mille refuses the database: {e}"));
        assert_eq!(store.posts().unwrap().len() as i64, n);
        for b in store.list_backups().unwrap() {
            let (ok, bn) = inspect(&store.backup_dir().unwrap().join(&b.name));
            assert_eq!((ok.as_str(), bn), ("ok", BASE_POSTS), "trial {trial}: backup {}", b.name);
        }
    }
    eprintln!(
        "crash trials: {TRIALS} kills (a whole import of {ROWS} rows took {full:?}, a dry run {dry:?}); \
         {killed_running} while running, {killed_writing} after the before-import backup (writing or done), \
         {killed_committed} after the commit with pages still in the WAL; {none} left none of the file, {all} all of it",
    );
    assert!(killed_running >= TRIALS / 3, "kills land while the import runs ({killed_running})");
    assert!(none > 0 && all > 0, "both outcomes occur ({none} none, {all} all)");
}
