//! The one way into the database. A Mille database is one SQLite file (WAL mode,
//! foreign keys on, a busy timeout so the app and the CLI can share it), marked with
//! `PRAGMA application_id` so that any other file is refused untouched, and shaped by
//! versioned migrations (`rusqlite_migration`, which keeps the version in
//! `user_version`). Nothing outside this module touches SQLite.
//!
//! Money is stored as TEXT holding the exact decimal the user entered; counts as
//! INTEGER; dates as `YYYY-MM-DD` TEXT.

use crate::import::platform::ExportPlan;
use crate::fx::{FxError, Rates};
use crate::model::{Fact, Format, Handle, Metrics, Platform, Post, PostData, Profile};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

/// `PRAGMA application_id` of every Mille database: the bytes `MILL`.
pub const APPLICATION_ID: u32 = 0x4D49_4C4C;

/// The app identifier, shared with the desktop app: the default database lives in
/// the per-user data directory under this name.
pub const APP_ID: &str = "app.mille.desktop";

/// The schema, one migration per version. Append only: never edit a shipped step.
const MIGRATIONS: &[M<'static>] = &[
    M::up(
        "CREATE TABLE posts (
        id          INTEGER PRIMARY KEY,
        date        TEXT NOT NULL,
        brand       TEXT NOT NULL,
        platform    TEXT NOT NULL,
        format      TEXT NOT NULL,
        fee         TEXT NOT NULL,
        currency    TEXT NOT NULL,
        fx_rate     TEXT,
        impressions INTEGER,
        reach       INTEGER,
        views       INTEGER,
        likes       INTEGER,
        comments    INTEGER,
        shares      INTEGER,
        saves       INTEGER,
        clicks      INTEGER,
        campaign    TEXT NOT NULL DEFAULT '',
        url         TEXT NOT NULL DEFAULT '',
        notes       TEXT NOT NULL DEFAULT '',
        deleted_at  TEXT,
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
    ) STRICT;
    CREATE INDEX posts_live_date ON posts(deleted_at, date);
    CREATE TABLE profile (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        name          TEXT NOT NULL DEFAULT '',
        base_currency TEXT NOT NULL DEFAULT 'USD',
        payment_terms TEXT NOT NULL DEFAULT '',
        accent        TEXT NOT NULL DEFAULT '#5b3fd1',
        logo_name     TEXT,
        logo          BLOB
    ) STRICT;
    INSERT INTO profile (id) VALUES (1);
    CREATE TABLE handles (
        platform TEXT PRIMARY KEY,
        handle   TEXT NOT NULL,
        audience INTEGER,
        position INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;",
    ),
    // 2: the ECB rate history the user gave with `mille fx update` (see crate::fx): the
    // file as given (csv or zip) and its last day.
    M::up(
        "CREATE TABLE fx_history (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        last_date TEXT NOT NULL,
        file      BLOB NOT NULL
    ) STRICT;",
    ),
    // 3: the column mapping chosen in the app for a set of headers (its key:
    // `import::header_key`), as a JSON list of [header, column] pairs.
    M::up(
        "CREATE TABLE import_mappings (
        header_key TEXT PRIMARY KEY,
        maps       TEXT NOT NULL
    ) STRICT;",
    ),
];

/// The schema version this build writes.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

/// Everything that can go wrong in the store, each with the context a person needs.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a Mille database ({why}); it was left untouched")]
    NotMille { path: String, why: String },
    #[error("{path} is damaged ({why}); it was left untouched")]
    Corrupt { path: String, why: String },
    #[error("backup {name} cannot be restored ({why}); nothing was changed")]
    BadBackup { name: String, why: String },
    #[error("{path} was written by a newer version of Mille (schema {found}, this one knows up to {known}); it was left untouched")]
    TooNew { path: String, found: i64, known: usize },
    #[error("could not open {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("no post with id {0}")]
    NoSuchPost(i64),
    #[error("post {0} is in the trash; restore it first")]
    InTrash(i64),
    #[error("post {0} is not in the trash")]
    NotInTrash(i64),
    #[error("the base currency cannot change while the database holds posts (export, change it, re-import)")]
    BaseCurrencyLocked,
    #[error("no backup named {0:?} (mille backup list shows them)")]
    NoSuchBackup(String),
    #[error("backups need a database file, not an in-memory one")]
    NoBackupFolder,
    #[error("stored value is damaged: {0}")]
    Damaged(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A file given as an ECB rate history that is not one.
    #[error("{0}")]
    FxFile(FxError),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl From<rusqlite::Error> for StoreError {
    /// SQLite's "malformed" and "not a database" (met while reading a damaged page)
    /// read as what they mean for the user; nothing is written after them.
    fn from(e: rusqlite::Error) -> StoreError {
        damaged_or(e, "the database")
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open Mille database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Whether `PRAGMA quick_check` has passed (or the database is one this process
    /// built). Checked once, before the first write: see [`Store::ensure_sound`].
    sound: std::cell::Cell<bool>,
    /// The ECB rates in use, read once ([`Store::fx_rates`]).
    fx: std::cell::OnceCell<Arc<Rates>>,
}

/// The default database file: `<per-user data dir>/app.mille.desktop/mille.db`
/// (`~/.local/share/app.mille.desktop/mille.db` on Linux), the same file the
/// desktop app opens.
pub fn default_path() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.data_dir().join(APP_ID).join("mille.db"))
}

/// Opens (or creates) the Mille database at `path`. A missing or 0-byte file is set up
/// as a new database. Any other file must carry Mille's marker: a text file, another
/// program's SQLite database or a database from a newer Mille is refused before
/// SQLite opens it, and is left byte-for-byte untouched; so is a Mille database that
/// is cut off. One with damaged pages opens, but any read that meets them fails and
/// the first write (or backup) is refused after `PRAGMA quick_check`, so nothing is
/// ever written into it ([`Store::ensure_sound`]); a restore from a backup is still
/// possible. A database of an older schema is checked, backed up, then migrated.
///
/// A new database is built completely in a temporary file beside `path` and then
/// linked into place, so another process opening the same path at the same moment
/// sees either no file or a whole database, never a half-made one.
pub fn open(path: &Path) -> Result<Store> {
    let shown = path.display().to_string();
    let io = |source| StoreError::Io { path: shown.clone(), source };
    let len = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(StoreError::NotMille { path: shown, why: "it is a folder".into() })
        }
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
        Err(e) => return Err(io(e)),
    };
    let created = len == 0;
    if created {
        create_new(path, &shown)?;
    }
    check_header(path, &shown)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damaged_or(e, &shown))?;
    let mut store = Store { conn, path: Some(path.to_path_buf()), sound: std::cell::Cell::new(created), fx: Default::default() };
    store.init(false)?;
    Ok(store)
}

/// A fresh database in memory, for tests and previews.
pub fn open_in_memory() -> Result<Store> {
    let conn = Connection::open_in_memory()?;
    let mut store = Store { conn, path: None, sound: std::cell::Cell::new(true), fx: Default::default() };
    store.init(true)?;
    Ok(store)
}

/// Builds a new, empty database beside `path` and puts it in place without ever
/// replacing another process's database: a hard link fails if `path` appeared in the
/// meantime (then that database is used). A 0-byte file is replaced by a rename.
fn create_new(path: &Path, shown: &str) -> Result<()> {
    let io = |source| StoreError::Io { path: shown.to_string(), source };
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "mille.db".into());
    let tmp = dir.join(format!(".{file_name}.{}-{}.new", std::process::id(), unique_suffix()));
    let built = (|| -> Result<()> {
        let mut conn = Connection::open(&tmp)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // The marker first, so it is in the file's header from the start.
        conn.execute_batch(&format!("PRAGMA application_id = {};", APPLICATION_ID as i32))?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Damaged(format!("could not switch to WAL mode (got {mode})")));
        }
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
        // Closing the only connection folds the WAL into the file and removes it.
        conn.close().map_err(|(_, e)| e)?;
        Ok(())
    })();
    let placed = built.and_then(|()| match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        // Another process put its database there first: use that one.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match std::fs::metadata(path) {
            Ok(m) if m.len() == 0 => std::fs::rename(&tmp, path).map_err(io),
            _ => Ok(()),
        },
        // A file system without hard links (FAT): rename, unless the path appeared.
        Err(_) if !path.exists() => std::fs::rename(&tmp, path).map_err(io),
        Err(_) => Ok(()),
    });
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = tmp.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    placed
}

/// A number that differs between two calls in one process (time and a counter).
fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{nanos}-{}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// SQLite's "malformed" and "not a database" become [`StoreError::Corrupt`] for `path`.
fn damaged_or(e: rusqlite::Error, path: &str) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
            StoreError::Corrupt { path: path.to_string(), why: "SQLite reports the file as malformed".into() }
        }
        _ => StoreError::Sqlite(e),
    }
}

/// Reads the 100-byte SQLite header and refuses what is not ours, without opening: not
/// SQLite, another program's database, a newer Mille's, or a file shorter than its
/// header says (a cut-off copy; only checked when no WAL file holds newer pages).
fn check_header(path: &Path, shown: &str) -> Result<()> {
    let not_mille = |why: &str| StoreError::NotMille { path: shown.to_string(), why: why.to_string() };
    let mut header = [0u8; 100];
    let mut file = std::fs::File::open(path).map_err(|source| StoreError::Io { path: shown.to_string(), source })?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => return Err(StoreError::Io { path: shown.to_string(), source }),
        }
    }
    if read < 100 || &header[..16] != b"SQLite format 3\0" {
        return Err(not_mille("it is not a SQLite file"));
    }
    let be32 = |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    if be32(68) != APPLICATION_ID {
        return Err(not_mille("it is a SQLite database of another program"));
    }
    let version = be32(60) as i32 as i64;
    if version > schema_version() as i64 {
        return Err(StoreError::TooNew { path: shown.to_string(), found: version, known: schema_version() });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => return Err(StoreError::Corrupt { path: shown.to_string(), why: "its header is damaged".into() }),
    };
    // The page count in the header is valid when the change counter matches the
    // "version valid for" field (SQLite ≥ 3.7.0 writes both).
    let pages = u64::from(be32(28));
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_has_pages = std::fs::metadata(PathBuf::from(wal)).map(|m| m.len() > 0).unwrap_or(false);
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if be32(24) == be32(92) && pages > 0 && !wal_has_pages && len < pages * page_size {
        return Err(StoreError::Corrupt {
            path: shown.to_string(),
            why: format!("it is cut off: {len} of its {} bytes are there", pages * page_size),
        });
    }
    Ok(())
}

impl Store {
    /// Sets up a connection: for an existing file, checks the marker, version and
    /// structure before anything is written (refusals leave the file untouched), takes
    /// a backup when migrations are pending; then WAL mode and the migrations.
    fn init(&mut self, new: bool) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let shown = self.path_text();
        if new {
            self.conn.execute_batch(&format!("PRAGMA application_id = {};", APPLICATION_ID as i32))?;
        } else {
            // The header may lag behind the WAL: check again now that SQLite reads it.
            let read = |sql: &str| -> Result<i64> { self.conn.query_row(sql, [], |r| r.get(0)).map_err(|e| damaged_or(e, &shown)) };
            let app_id = read("PRAGMA application_id")?;
            let version = read("PRAGMA user_version")?;
            if app_id != APPLICATION_ID as i64 {
                return Err(StoreError::NotMille { path: shown, why: "it is a SQLite database of another program".into() });
            }
            if version > schema_version() as i64 {
                return Err(StoreError::TooNew { path: shown, found: version, known: schema_version() });
            }
        }
        let migrations = Migrations::from_slice(MIGRATIONS);
        let pending = !new && self.path.is_some() && migrations.pending_migrations(&self.conn)? > 0;
        if pending {
            // create_backup checks the file first: a damaged one is not migrated.
            self.create_backup(BackupKind::BeforeMigration)?;
        }
        if self.path.is_some() {
            let mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Damaged(format!("could not switch to WAL mode (got {mode})")));
            }
        }
        self.conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        if let Err(e) = migrations.to_latest(&mut self.conn) {
            // Another process may have migrated the same file a moment earlier.
            if migrations.pending_migrations(&self.conn)? > 0 {
                return Err(e.into());
            }
        }
        if self.path.is_some() {
            self.conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE);")?;
        }
        Ok(())
    }

    /// Refuses to write into a damaged file: before this store's first write (and
    /// before a backup, which would copy damaged pages as they are), `PRAGMA
    /// quick_check` must pass: every page readable, every b-tree well formed. It reads
    /// the whole file (about 0.3 s for 200,000 posts), so it runs once per store, and
    /// not for reading: a read that meets a damaged page fails on its own
    /// ([`StoreError::Corrupt`]) and writes nothing. A database this process created
    /// needs no check.
    fn ensure_sound(&self) -> Result<()> {
        if !self.sound.get() {
            self.quick_check()?;
            self.sound.set(true);
        }
        Ok(())
    }

    fn quick_check(&self) -> Result<()> {
        let shown = self.path_text();
        let first: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| damaged_or(e, &shown))?;
        if first == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt { path: shown, why: format!("SQLite's check says: {}", check_message(&first)) })
        }
    }

    fn path_text(&self) -> String {
        self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| ":memory:".into())
    }

    /// The file this store lives in (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    // ----- posts -------------------------------------------------------------------

    /// Logs one post and returns it with its id.
    pub fn add_post(&mut self, post: &PostData) -> Result<Post> {
        self.ensure_sound()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_post(&tx, post)?;
        tx.commit()?;
        Ok(Post { id, data: post.clone() })
    }

    /// A post by id, whether live or in the trash.
    pub fn get_post(&self, id: i64) -> Result<(Post, bool)> {
        let sql = format!("SELECT {POST_COLUMNS}, deleted_at IS NOT NULL FROM posts WHERE id = ?1");
        self.conn
            .query_row(&sql, [id], |row| Ok((read_post(row), row.get::<_, bool>(19)?)))
            .optional()?
            .map(|(p, trashed)| p.map(|p| (p, trashed)))
            .transpose()?
            .ok_or(StoreError::NoSuchPost(id))
    }

    /// Every live post (not in the trash), oldest first, ties by id.
    pub fn posts(&self) -> Result<Vec<Post>> {
        self.query_posts("deleted_at IS NULL")
    }

    /// Folds the facts a report reads of every live post into accumulators: this is how
    /// a report covers a million posts. Only the columns a report needs are read, each
    /// row is handed to `step` in place (no `Post` built, no text copied), and the
    /// table is cut into ranges of ids read side by side, one thread and one read-only
    /// connection each, as many as the machine has cores (one for a small history or
    /// an in-memory store). Each range starts from `start()`; the accumulators come back
    /// in id order, so the caller merges them. The ranges are fixed from the ids present
    /// when the call begins, so a concurrent import is not seen at all rather than in
    /// part. A damaged row stops the fold with its error.
    pub fn fold_facts<A: Send>(
        &self,
        start: impl Fn() -> A + Sync,
        step: impl Fn(&mut A, &Fact<'_>) + Sync,
    ) -> Result<Vec<A>> {
        let (lo, hi): (Option<i64>, Option<i64>) =
            self.conn.query_row("SELECT (SELECT min(id) FROM posts), (SELECT max(id) FROM posts)", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let (Some(lo), Some(hi)) = (lo, hi) else { return Ok(vec![start()]) };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8) as i64;
        let parts = match &self.path {
            // Below this many ids a thread and a connection cost more than they save.
            Some(path) if cores > 1 && hi - lo >= 40_000 => Some((path, cores)),
            _ => None,
        };
        let Some((path, parts)) = parts else {
            let mut acc = start();
            scan_facts(&self.conn, lo, hi, |f| step(&mut acc, f))?;
            return Ok(vec![acc]);
        };
        let width = (hi - lo) / parts + 1;
        let bounds: Vec<(i64, i64)> = (0..parts).map(|i| (lo + i * width, (lo + (i + 1) * width - 1).min(hi))).collect();
        let (start, step) = (&start, &step);
        std::thread::scope(|scope| {
            let others: Vec<_> = bounds[1..]
                .iter()
                .map(|&(a, b)| {
                    scope.spawn(move || -> Result<A> {
                        let conn = Connection::open_with_flags(
                            path,
                            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                        )?;
                        conn.busy_timeout(std::time::Duration::from_secs(10))?;
                        let mut acc = start();
                        scan_facts(&conn, a, b, |f| step(&mut acc, f))?;
                        Ok(acc)
                    })
                })
                .collect();
            let mut first = start();
            let mine = scan_facts(&self.conn, bounds[0].0, bounds[0].1, |f| step(&mut first, f));
            let mut out = Vec::with_capacity(bounds.len());
            out.push(first);
            // Every thread is joined before an error is returned.
            let theirs: Vec<Result<A>> = others
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err(StoreError::Damaged("a reading thread stopped".into()))))
                .collect();
            mine?;
            for acc in theirs {
                out.push(acc?);
            }
            Ok(out)
        })
    }

    /// The posts in the trash, most recently deleted first.
    pub fn trash(&self) -> Result<Vec<Post>> {
        let sql = format!("SELECT {POST_COLUMNS} FROM posts WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC");
        self.collect(&sql)
    }

    fn query_posts(&self, condition: &str) -> Result<Vec<Post>> {
        let sql = format!("SELECT {POST_COLUMNS} FROM posts WHERE {condition} ORDER BY date, id");
        self.collect(&sql)
    }

    fn collect(&self, sql: &str) -> Result<Vec<Post>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([], |row| Ok(read_post(row)))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// Replaces a live post's data.
    pub fn update_post(&mut self, id: i64, post: &PostData) -> Result<Post> {
        self.ensure_sound()?;
        let (_, trashed) = self.get_post(id)?;
        if trashed {
            return Err(StoreError::InTrash(id));
        }
        let mut stmt = self.conn.prepare_cached(
            "UPDATE posts SET date=?1, brand=?2, platform=?3, format=?4, fee=?5, currency=?6, fx_rate=?7,
             impressions=?8, reach=?9, views=?10, likes=?11, comments=?12, shares=?13, saves=?14, clicks=?15,
             campaign=?16, url=?17, notes=?18 WHERE id=?19",
        )?;
        bind_post(&mut stmt, post)?;
        stmt.raw_bind_parameter(19, id)?;
        stmt.raw_execute()?;
        Ok(Post { id, data: post.clone() })
    }

    /// Moves a live post to the trash.
    pub fn delete_post(&mut self, id: i64) -> Result<()> {
        self.ensure_sound()?;
        let (_, trashed) = self.get_post(id)?;
        if trashed {
            return Err(StoreError::InTrash(id));
        }
        self.conn.execute(
            "UPDATE posts SET deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?1",
            [id],
        )?;
        Ok(())
    }

    /// Brings a post back from the trash.
    pub fn restore_post(&mut self, id: i64) -> Result<Post> {
        self.ensure_sound()?;
        let (post, trashed) = self.get_post(id)?;
        if !trashed {
            return Err(StoreError::NotInTrash(id));
        }
        self.conn.execute("UPDATE posts SET deleted_at = NULL WHERE id = ?1", [id])?;
        Ok(post)
    }

    /// Stores a batch of posts in one transaction, all or nothing, skipping duplicates
    /// (csv-format.md): a row equal to a live post on (date, brand, platform, format,
    /// fee as a number, currency, url) is a duplicate while the store holds at least as
    /// many equal posts as the batch has up to and including that row. With `dry_run`
    /// nothing is written and the counts say what would happen.
    pub fn import_posts(&mut self, rows: &[PostData], dry_run: bool) -> Result<ImportOutcome> {
        let mut import = self.begin_import(dry_run)?;
        for row in rows {
            import.add(row)?;
        }
        import.finish()
    }

    /// Starts an import that takes its rows one at a time ([`Import::add`]), so a file
    /// of a million rows is never held whole. Nothing happens until the first row: then
    /// a `before-import` backup when the database holds posts (so a file refused before
    /// any good row costs no backup), and one transaction, taken with the write lock
    /// first so a short write by another process waits instead of failing. Nothing is
    /// kept unless [`Import::finish`] is called; dropping the import rolls it back (how
    /// a file found to have an error halfway imports nothing).
    pub fn begin_import(&mut self, dry_run: bool) -> Result<Import<'_>> {
        Ok(Import { store: self, open: false, stored: HashMap::new(), outcome: ImportOutcome::default(), dry_run })
    }

    /// Applies a platform export's plan (real-files.md §2): each listed post gets its
    /// changed numbers and, when matched by date, its URL; nothing else of it changes.
    /// One transaction, after a `before-import` backup (as [`Store::import_posts`]);
    /// a post moved to the trash since the plan was made is left alone. With `dry_run`
    /// nothing is written. Returns how many posts were (or would be) updated.
    pub fn apply_export(&mut self, plan: &ExportPlan, dry_run: bool) -> Result<usize> {
        if dry_run || plan.updated.is_empty() {
            return Ok(plan.updated.len());
        }
        self.ensure_sound()?;
        if self.path.is_some() {
            self.create_backup(BackupKind::BeforeImport)?;
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut updated = 0;
        for u in &plan.updated {
            let mut sets: Vec<String> = Vec::new();
            let mut values: Vec<rusqlite::types::Value> = Vec::new();
            for (name, (_, new)) in &u.fields {
                // Column names come from Metrics::NAMES only, never from the file.
                let Some(column) = Metrics::NAMES.iter().find(|n| *n == name) else {
                    return Err(StoreError::Damaged(format!("no metric named {name}")));
                };
                values.push(rusqlite::types::Value::Integer(to_sql_int(Some(*new))?.unwrap_or(0)));
                sets.push(format!("{column} = ?{}", values.len()));
            }
            if let Some(url) = &u.url {
                values.push(rusqlite::types::Value::Text(url.clone()));
                sets.push(format!("url = ?{}", values.len()));
            }
            if sets.is_empty() {
                continue;
            }
            values.push(rusqlite::types::Value::Integer(u.post_id));
            let sql = format!("UPDATE posts SET {} WHERE id = ?{} AND deleted_at IS NULL", sets.join(", "), values.len());
            updated += tx.execute(&sql, rusqlite::params_from_iter(values))?;
        }
        tx.commit()?;
        Ok(updated)
    }

    /// True when the database holds any post, live or in the trash.
    pub fn has_posts(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT EXISTS (SELECT 1 FROM posts)", [], |r| r.get(0))?)
    }

    // ----- profile -----------------------------------------------------------------

    /// The creator's profile.
    pub fn profile(&self) -> Result<Profile> {
        let (name, base_currency, payment_terms, accent, logo) = self.conn.query_row(
            "SELECT name, base_currency, payment_terms, accent, logo_name FROM profile WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let mut stmt = self.conn.prepare("SELECT platform, handle, audience FROM handles ORDER BY position, platform")?;
        let mut handles = Vec::new();
        let mut q = stmt.query([])?;
        while let Some(row) = q.next()? {
            let slug: String = row.get(0)?;
            let platform = Platform::parse(&slug).ok_or_else(|| StoreError::Damaged(format!("platform {slug:?}")))?;
            let audience: Option<i64> = row.get(2)?;
            handles.push(Handle { platform, handle: row.get(1)?, audience: audience.map(|a| a.max(0) as u64) });
        }
        Ok(Profile { name, handles, base_currency, payment_terms, accent, logo })
    }

    /// Saves the profile (not the logo: see [`Store::set_logo`]). Changing the base
    /// currency while posts exist is refused.
    pub fn set_profile(&mut self, profile: &Profile) -> Result<()> {
        self.ensure_sound()?;
        let current = self.profile()?;
        if current.base_currency != profile.base_currency && self.has_posts()? {
            return Err(StoreError::BaseCurrencyLocked);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE profile SET name=?1, base_currency=?2, payment_terms=?3, accent=?4 WHERE id = 1",
            params![profile.name, profile.base_currency, profile.payment_terms, profile.accent],
        )?;
        tx.execute("DELETE FROM handles", [])?;
        for (i, h) in profile.handles.iter().enumerate() {
            tx.execute(
                "INSERT INTO handles (platform, handle, audience, position) VALUES (?1, ?2, ?3, ?4)",
                params![h.platform.as_str(), h.handle, to_sql_int(h.audience)?, i as i64],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores the logo image (PNG or SVG bytes) under its file name; `None` removes it.
    pub fn set_logo(&mut self, logo: Option<(&str, &[u8])>) -> Result<()> {
        self.ensure_sound()?;
        match logo {
            Some((name, bytes)) => self.conn.execute("UPDATE profile SET logo_name=?1, logo=?2 WHERE id=1", params![name, bytes])?,
            None => self.conn.execute("UPDATE profile SET logo_name=NULL, logo=NULL WHERE id=1", [])?,
        };
        Ok(())
    }

    /// The logo's file name and bytes, if one is set.
    pub fn logo(&self) -> Result<Option<(String, Vec<u8>)>> {
        let row: (Option<String>, Option<Vec<u8>>) =
            self.conn.query_row("SELECT logo_name, logo FROM profile WHERE id=1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(match row {
            (Some(n), Some(b)) => Some((n, b)),
            _ => None,
        })
    }

    // ----- settings ----------------------------------------------------------------

    /// The pricing settings the user changed, as stored text (defaults live with the
    /// pricing module).
    pub fn settings(&self) -> Result<BTreeMap<String, String>> {
        let mut stmt = self.conn.prepare("SELECT key, value FROM settings")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (k, v) = row?;
            out.insert(k, v);
        }
        Ok(out)
    }

    /// The column mapping last chosen for this header set (`import::header_key`), as
    /// (header, column) pairs, an empty column ignoring the header; `None` when none
    /// was saved (or what was saved cannot be read).
    pub fn import_mapping(&self, key: &str) -> Result<Option<Vec<(String, String)>>> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT maps FROM import_mappings WHERE header_key = ?1", params![key], |r| r.get(0))
            .optional()?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    /// Remembers the column mapping chosen for this header set, replacing an earlier one.
    pub fn save_import_mapping(&mut self, key: &str, maps: &[(String, String)]) -> Result<()> {
        self.ensure_sound()?;
        let text = serde_json::to_string(maps).unwrap_or_else(|_| "[]".into());
        self.conn.execute(
            "INSERT INTO import_mappings (header_key, maps) VALUES (?1, ?2)
             ON CONFLICT(header_key) DO UPDATE SET maps = excluded.maps",
            params![key, text],
        )?;
        Ok(())
    }

    /// Stores one setting's text (already validated by the caller).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.ensure_sound()?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    // ----- ECB rates ---------------------------------------------------------------

    /// The ECB euro reference rates fees without a rate are converted with: the bundled
    /// history, extended by the file kept with [`Store::set_fx_history`] when that one
    /// runs past it (its days win where both have one). Read once per store; a file
    /// another process keeps meanwhile is seen by the next store opened.
    pub fn fx_rates(&self) -> Result<Arc<Rates>> {
        if let Some(rates) = self.fx.get() {
            return Ok(rates.clone());
        }
        let bundled = Rates::bundled();
        let last: Option<String> =
            self.conn.query_row("SELECT last_date FROM fx_history WHERE id = 1", [], |r| r.get(0)).optional()?;
        let rates = match last {
            Some(last) if stored_date(&last).is_some_and(|d| d > bundled.last_date()) => {
                let file: Vec<u8> = self.conn.query_row("SELECT file FROM fx_history WHERE id = 1", [], |r| r.get(0))?;
                let kept = Rates::parse_file(&file).map_err(|e| StoreError::Damaged(format!("the kept ECB rate history is {e}")))?;
                Arc::new(bundled.extended_by(&kept))
            }
            _ => bundled,
        };
        Ok(self.fx.get_or_init(|| rates).clone())
    }

    /// Keeps an ECB rate history (`eurofxref-hist.csv` or `.zip`, as downloaded) for
    /// later conversions, replacing any kept before, and returns the rates now in use
    /// (see [`Store::fx_rates`]: a file that ends before the bundled history changes
    /// nothing until a build ships older rates). A file that is not a usable history is
    /// refused ([`StoreError::FxFile`]) and nothing is written.
    pub fn set_fx_history(&mut self, file: &[u8]) -> Result<Arc<Rates>> {
        let rates = Rates::parse_file(file).map_err(StoreError::FxFile)?;
        self.ensure_sound()?;
        self.conn.execute(
            "INSERT INTO fx_history (id, last_date, file) VALUES (1, ?1, ?2)
             ON CONFLICT(id) DO UPDATE SET last_date = excluded.last_date, file = excluded.file",
            params![date_text(rates.last_date()), file],
        )?;
        let bundled = Rates::bundled();
        let in_use = if rates.last_date() > bundled.last_date() { Arc::new(bundled.extended_by(&rates)) } else { bundled };
        self.fx = std::cell::OnceCell::from(in_use.clone());
        Ok(in_use)
    }
}

// ----- backups -------------------------------------------------------------------

/// Why a backup was taken. Manual ones are kept forever; automatic ones, the last
/// [`AUTO_BACKUPS_KEPT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackupKind {
    Manual,
    BeforeImport,
    BeforeRestore,
    BeforeMigration,
    Daily,
}

impl BackupKind {
    fn as_str(self) -> &'static str {
        match self {
            BackupKind::Manual => "manual",
            BackupKind::BeforeImport => "before-import",
            BackupKind::BeforeRestore => "before-restore",
            BackupKind::BeforeMigration => "before-migration",
            BackupKind::Daily => "daily",
        }
    }

    fn parse(text: &str) -> Option<BackupKind> {
        [BackupKind::Manual, BackupKind::BeforeImport, BackupKind::BeforeRestore, BackupKind::BeforeMigration, BackupKind::Daily]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// How many automatic backups are kept (manual ones are never pruned).
pub const AUTO_BACKUPS_KEPT: usize = 10;

/// One backup file in the `backups/` folder beside the database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupInfo {
    /// The file name, which `restore` takes.
    pub name: String,
    pub kind: BackupKind,
    /// UTC time it was taken, `YYYY-MM-DDTHH:MM:SSZ`.
    pub created: String,
    pub bytes: u64,
}

impl BackupInfo {
    /// Reads `mille-YYYYMMDD-HHMMSS-mmm-KIND.db`; other files are not backups.
    fn from_name(name: &str, bytes: u64) -> Option<BackupInfo> {
        let stem = name.strip_prefix("mille-")?.strip_suffix(".db")?;
        let (d, rest) = stem.split_once('-')?;
        let (t, rest) = rest.split_once('-')?;
        let (_ms, kind) = rest.split_once('-')?;
        let kind = BackupKind::parse(kind)?;
        if d.len() != 8 || t.len() != 6 || !d.bytes().chain(t.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let created = format!("{}-{}-{}T{}:{}:{}Z", &d[..4], &d[4..6], &d[6..], &t[..2], &t[2..4], &t[4..]);
        Some(BackupInfo { name: name.to_string(), kind, created, bytes })
    }
}

impl Store {
    /// The `backups/` folder beside the database file.
    pub fn backup_dir(&self) -> Result<PathBuf> {
        let path = self.path.as_ref().ok_or(StoreError::NoBackupFolder)?;
        Ok(path.parent().map(|d| d.join("backups")).unwrap_or_else(|| PathBuf::from("backups")))
    }

    /// Takes a consistent copy of the database with SQLite's online backup API (safe
    /// while another process writes: the copy is one read transaction, which in WAL
    /// mode blocks no writer), then prunes old automatic backups. The copy is written
    /// under a temporary name and linked into place under a name no other backup has,
    /// so two processes backing up in the same millisecond keep both copies.
    ///
    /// A damaged database is not backed up (the copy would be damaged too), except
    /// right before a restore replaces it: that copy keeps whatever there was.
    pub fn create_backup(&self, kind: BackupKind) -> Result<BackupInfo> {
        if kind != BackupKind::BeforeRestore {
            self.ensure_sound()?;
        }
        let dir = self.backup_dir()?;
        let io = |source| StoreError::Io { path: dir.display().to_string(), source };
        std::fs::create_dir_all(&dir).map_err(io)?;
        let now = chrono::Utc::now();
        let tmp = dir.join(format!(".mille-{}-{}.partial", std::process::id(), unique_suffix()));
        let copied = (|| -> Result<()> {
            let mut dst = Connection::open(&tmp)?;
            copy_all(&self.conn, &mut dst, 100, "the database stayed locked during the backup")?;
            // A backup is a normal Mille database: plain rollback journal, one file.
            dst.execute_batch("PRAGMA journal_mode = DELETE;")?;
            dst.close().map_err(|(_, e)| e)?;
            Ok(())
        })();
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        let mut name = String::new();
        for n in 0..1000 {
            name = format!("mille-{}-{}.db", (now + chrono::Duration::milliseconds(n)).format("%Y%m%d-%H%M%S-%3f"), kind.as_str());
            if dir.join(&name).exists() {
                continue;
            }
            match std::fs::hard_link(&tmp, dir.join(&name)) {
                Ok(()) => break,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                // No hard links on this file system: rename (the name was free a moment ago).
                Err(_) => {
                    std::fs::rename(&tmp, dir.join(&name)).map_err(io)?;
                    break;
                }
            }
        }
        let _ = std::fs::remove_file(&tmp);
        self.prune_backups()?;
        let bytes = std::fs::metadata(dir.join(&name)).map(|m| m.len()).unwrap_or(0);
        BackupInfo::from_name(&name, bytes).ok_or_else(|| StoreError::Damaged(format!("backup name {name}")))
    }

    /// The backups beside this database, oldest first.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        let dir = self.backup_dir()?;
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(StoreError::Io { path: dir.display().to_string(), source }),
        };
        let mut out: Vec<BackupInfo> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let bytes = e.metadata().ok()?.len();
                BackupInfo::from_name(&e.file_name().to_string_lossy(), bytes)
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    fn prune_backups(&self) -> Result<()> {
        let dir = self.backup_dir()?;
        let autos: Vec<BackupInfo> = self.list_backups()?.into_iter().filter(|b| b.kind != BackupKind::Manual).collect();
        if autos.len() > AUTO_BACKUPS_KEPT {
            for old in &autos[..autos.len() - AUTO_BACKUPS_KEPT] {
                let _ = std::fs::remove_file(dir.join(&old.name));
            }
        }
        // Copies a killed process left half-written (never a backup: those are only
        // linked into place whole). An hour old, so no running backup is touched.
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.filter_map(|e| e.ok()) {
                let name = e.file_name().to_string_lossy().into_owned();
                let old = e.metadata().ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok());
                if name.starts_with(".mille-") && name.ends_with(".partial") && old.is_some_and(|a| a.as_secs() > 3600) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        Ok(())
    }

    /// Takes a daily backup unless one was taken today (UTC); the app calls this on
    /// launch. Returns the backup taken, if any.
    pub fn daily_backup_if_due(&self) -> Result<Option<BackupInfo>> {
        if !self.has_posts()? {
            return Ok(None);
        }
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        if self.list_backups()?.iter().any(|b| b.kind == BackupKind::Daily && b.created.starts_with(&today)) {
            return Ok(None);
        }
        self.create_backup(BackupKind::Daily).map(Some)
    }

    /// Replaces the database's content with the backup `name`, after keeping a copy of
    /// what it replaces (a `before-restore` backup, returned). The backup must be a
    /// whole Mille database that passes `PRAGMA integrity_check` and is not from a newer
    /// Mille; otherwise nothing is written (not even the copy). An older schema is
    /// migrated. The pages are copied in one write transaction, so another process
    /// sees the old database or the restored one, never a mix.
    pub fn restore_backup(&mut self, name: &str) -> Result<BackupInfo> {
        let dir = self.backup_dir()?;
        let known = self.list_backups()?;
        if !known.iter().any(|b| b.name == name) {
            return Err(StoreError::NoSuchBackup(name.to_string()));
        }
        let src = dir.join(name);
        let source = verified_backup(&src, name)?;
        let saved = self.create_backup(BackupKind::BeforeRestore)?;
        copy_all(&source, &mut self.conn, 200, "the database stayed busy; nothing was restored")?;
        drop(source);
        // The content is now the backup's, which passed integrity_check.
        self.sound.set(true);
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        // The copy carries the backup's journal mode and version: set ours again.
        self.init(false)?;
        // It may hold another ECB history.
        self.fx.take();
        Ok(saved)
    }
}

/// SQLite's check report on one line, without its `*** in database main ***` banner.
fn check_message(report: &str) -> String {
    let lines: Vec<&str> =
        report.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("*** in database")).collect();
    lines.join("; ")
}

/// Opens a backup read-only and checks it whole: Mille's marker, a schema this build
/// knows, and `PRAGMA integrity_check`. Any failure is [`StoreError::BadBackup`].
fn verified_backup(src: &Path, name: &str) -> Result<Connection> {
    let bad = |why: String| StoreError::BadBackup { name: name.to_string(), why };
    match check_header(src, name) {
        Ok(()) => {}
        Err(StoreError::TooNew { found, known, .. }) => {
            return Err(bad(format!("it was written by a newer version of Mille (schema {found}, this one knows up to {known})")))
        }
        Err(StoreError::NotMille { why, .. } | StoreError::Corrupt { why, .. }) => return Err(bad(why)),
        Err(e) => return Err(e),
    }
    let source = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| bad(e.to_string()))?;
    let checks = (|| -> rusqlite::Result<(i64, i64, String)> {
        let app_id = source.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version = source.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let check = source.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
        Ok((app_id, version, check))
    })();
    match checks {
        Ok((app_id, _, _)) if app_id != APPLICATION_ID as i64 => Err(bad("it is not a Mille database".into())),
        Ok((_, version, _)) if version > schema_version() as i64 => Err(bad(format!(
            "it was written by a newer version of Mille (schema {version}, this one knows up to {})",
            schema_version()
        ))),
        Ok((_, _, check)) if check != "ok" => Err(bad(format!("it is damaged: {}", check_message(&check)))),
        Ok(_) => Ok(source),
        Err(e) => Err(bad(format!("it is damaged: {e}"))),
    }
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportOutcome {
    pub added: usize,
    pub duplicates: usize,
}

/// An import under way ([`Store::begin_import`]): rows go in one at a time inside
/// one transaction, opened at the first row; [`Import::finish`] commits (or, on a dry
/// run, rolls back).
pub struct Import<'s> {
    store: &'s mut Store,
    /// The transaction is open (from the first row on).
    open: bool,
    /// Stored posts not yet matched by a row of the file: their urls by key.
    stored: HashMap<DupKey, Vec<String>>,
    outcome: ImportOutcome,
    dry_run: bool,
}

impl Import<'_> {
    /// The backup and the transaction, at the first row; then what is stored.
    fn open(&mut self) -> Result<()> {
        let store = &mut *self.store;
        if !self.dry_run {
            store.ensure_sound()?;
            if store.path.is_some() && store.has_posts()? {
                store.create_backup(BackupKind::BeforeImport)?;
            }
        }
        store.conn.execute_batch(if self.dry_run { "BEGIN DEFERRED" } else { "BEGIN IMMEDIATE" })?;
        self.open = true;
        let mut stmt = store
            .conn
            .prepare("SELECT date, brand, platform, format, fee, currency, url FROM posts WHERE deleted_at IS NULL")?;
        let mut q = stmt.query([])?;
        while let Some(row) = q.next()? {
            let fee: String = row.get(4)?;
            let fee = Decimal::from_str(&fee).map_err(|_| StoreError::Damaged(format!("fee {fee:?}")))?;
            let key = DupKey {
                date: row.get(0)?,
                brand: row.get(1)?,
                platform: row.get(2)?,
                format: row.get(3)?,
                fee: fee.normalize(),
                currency: row.get(5)?,
            };
            self.stored.entry(key).or_default().push(row.get(6)?);
        }
        Ok(())
    }

    /// Adds one row, or counts it as a duplicate of a stored post (csv-format.md
    /// "Idempotent", real-files.md "Duplicates": equal on date, brand, platform,
    /// format, fee as a number and currency, and on the url when both have one). Each
    /// stored post stands for one row of the file, so equal rows are counted, not
    /// collapsed.
    pub fn add(&mut self, row: &PostData) -> Result<()> {
        if !self.open {
            self.open()?;
        }
        // Only a row equal to a stored post can be a duplicate: a first import into an
        // empty database needs no keys.
        if !self.stored.is_empty() {
            if let Some(urls) = self.stored.get_mut(&DupKey::of(row)) {
                let exact = urls.iter().position(|u| *u == row.url);
                let either = || urls.iter().position(|u| u.is_empty() || row.url.is_empty());
                if let Some(i) = exact.or_else(either) {
                    urls.swap_remove(i);
                    self.outcome.duplicates += 1;
                    return Ok(());
                }
            }
        }
        self.outcome.added += 1;
        if !self.dry_run {
            let mut stmt = self.store.conn.prepare_cached(INSERT_SQL)?;
            execute_insert(&mut stmt, row)?;
        }
        Ok(())
    }

    /// Keeps the rows (nothing on a dry run) and says what was done.
    pub fn finish(mut self) -> Result<ImportOutcome> {
        if self.open {
            // On a failed commit the import stays open, and dropping it rolls back.
            self.store.conn.execute_batch(if self.dry_run { "ROLLBACK" } else { "COMMIT" })?;
            self.open = false;
        }
        Ok(self.outcome)
    }
}

impl Drop for Import<'_> {
    /// An import not finished keeps nothing.
    fn drop(&mut self) {
        if self.open {
            let _ = self.store.conn.execute_batch("ROLLBACK");
        }
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct DupKey {
    date: String,
    brand: String,
    platform: String,
    format: String,
    fee: Decimal,
    currency: String,
}

impl DupKey {
    fn of(p: &PostData) -> DupKey {
        DupKey {
            date: date_text(p.date),
            brand: p.brand.clone(),
            platform: p.platform.as_str().to_string(),
            format: p.format.as_str().to_string(),
            fee: p.fee.normalize(),
            currency: p.currency.clone(),
        }
    }
}

const POST_COLUMNS: &str = "id, date, brand, platform, format, fee, currency, fx_rate, impressions, reach, views, \
     likes, comments, shares, saves, clicks, campaign, url, notes";

const INSERT_SQL: &str = "INSERT INTO posts (date, brand, platform, format, fee, currency, fx_rate, impressions, reach, views, \
     likes, comments, shares, saves, clicks, campaign, url, notes) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";

fn to_sql_int(v: Option<u64>) -> Result<Option<i64>> {
    v.map(|n| i64::try_from(n).map_err(|_| StoreError::Damaged(format!("number {n} is too large to store"))))
        .transpose()
}

fn insert_post(conn: &Connection, post: &PostData) -> Result<i64> {
    let mut stmt = conn.prepare_cached(INSERT_SQL)?;
    execute_insert(&mut stmt, post)?;
    Ok(conn.last_insert_rowid())
}

fn execute_insert(stmt: &mut rusqlite::CachedStatement<'_>, post: &PostData) -> Result<()> {
    bind_post(stmt, post)?;
    stmt.raw_execute()?;
    Ok(())
}

/// Binds a post's 18 column values as ?1 … ?18, in the order of [`INSERT_SQL`]
/// (date … notes), borrowing the text rather than copying it (imports bind a million).
fn bind_post(stmt: &mut rusqlite::Statement<'_>, post: &PostData) -> Result<()> {
    let m = &post.metrics;
    stmt.raw_bind_parameter(1, date_text(post.date))?;
    stmt.raw_bind_parameter(2, post.brand.as_str())?;
    stmt.raw_bind_parameter(3, post.platform.as_str())?;
    stmt.raw_bind_parameter(4, post.format.as_str())?;
    stmt.raw_bind_parameter(5, post.fee.to_string())?;
    stmt.raw_bind_parameter(6, post.currency.as_str())?;
    stmt.raw_bind_parameter(7, post.fx_rate.map(|r| r.to_string()))?;
    for (i, v) in m.values().into_iter().enumerate() {
        stmt.raw_bind_parameter(8 + i, to_sql_int(v)?)?;
    }
    stmt.raw_bind_parameter(16, post.campaign.as_str())?;
    stmt.raw_bind_parameter(17, post.url.as_str())?;
    stmt.raw_bind_parameter(18, post.notes.as_str())?;
    Ok(())
}

/// `YYYY-MM-DD`, without chrono's general formatting machinery (a hot path on import).
fn date_text(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Calls `each` with the report facts of the live posts with ids `lo..=hi`, in id order
/// ([`Store::fold_facts`]).
fn scan_facts(conn: &Connection, lo: i64, hi: i64, mut each: impl FnMut(&Fact<'_>)) -> Result<()> {
    // NOT INDEXED: the live-date index would cost a table lookup per row; a report
    // does not need date order (its figures do not depend on the order of posts).
    let mut stmt = conn.prepare_cached(
        "SELECT id, date, brand, platform, format, fee, fx_rate, impressions, views, likes, comments, \
         shares, saves, clicks FROM posts NOT INDEXED WHERE deleted_at IS NULL AND id BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query([lo, hi])?;
    while let Some(row) = rows.next()? {
        let text = |i: usize| row_text(row, i);
        let (date, platform) = (row_date(row, 1)?, row_platform(row, 3)?);
        let format = text(4)?;
        // A known slug is used in place; anything else is read as `read_post` reads it.
        let custom;
        let format = if Format::KNOWN.contains(&format) {
            format
        } else {
            custom = Format::parse(format).ok_or_else(|| damaged("format", format))?;
            custom.as_str()
        };
        let [impressions, views, likes, comments, shares, saves, clicks] = row_counts(row, 7)?;
        each(&Fact {
            id: row.get(0)?,
            date,
            platform,
            format,
            brand: text(2)?,
            fee: stored_decimal(text(5)?, "fee")?,
            fx_rate: row_fx_rate(row, 6)?,
            metrics: Metrics { impressions, reach: None, views, likes, comments, shares, saves, clicks },
        });
    }
    Ok(())
}

/// Column `i` of a row as text, in place.
fn row_text<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str> {
    row.get_ref(i)?.as_str().map_err(|e| StoreError::Damaged(format!("column {i}: {e}")))
}

/// Column `i` as a stored date (the fast path for what the store writes).
fn row_date(row: &rusqlite::Row<'_>, i: usize) -> Result<NaiveDate> {
    let t = row_text(row, i)?;
    stored_date(t).ok_or_else(|| damaged("date", t))
}

/// Column `i` as a platform: its slug, or any name the importer reads.
fn row_platform(row: &rusqlite::Row<'_>, i: usize) -> Result<Platform> {
    let t = row_text(row, i)?;
    Platform::from_slug(t).or_else(|| Platform::parse(t)).ok_or_else(|| damaged("platform", t))
}

/// `N` count columns from column `first` on (NULL: not known; a negative value reads as 0).
fn row_counts<const N: usize>(row: &rusqlite::Row<'_>, first: usize) -> Result<[Option<u64>; N]> {
    let mut counts = [None; N];
    for (i, slot) in counts.iter_mut().enumerate() {
        let v: Option<i64> = row.get(first + i)?;
        *slot = v.map(|n| n.max(0) as u64);
    }
    Ok(counts)
}

/// Column `i` as an exchange rate: `None` for NULL (a base-currency post).
fn row_fx_rate(row: &rusqlite::Row<'_>, i: usize) -> Result<Option<Decimal>> {
    match row.get_ref(i)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => stored_decimal(row_text(row, i)?, "fx_rate").map(Some),
    }
}

fn damaged(what: &str, value: &str) -> StoreError {
    StoreError::Damaged(format!("{what} {value:?}"))
}

fn stored_decimal(text: &str, what: &str) -> Result<Decimal> {
    Decimal::from_str(text).map_err(|_| damaged(what, text))
}

/// Reads one row of [`POST_COLUMNS`]; a damaged value is an error, never a panic.
fn read_post(row: &rusqlite::Row<'_>) -> Result<Post> {
    // Reading every post is most of a report's cost (a callgrind profile of `mille report`
    // over 10^5 posts spent 81 % here), so the text columns that hold canonical values
    // (date, platform, format, fee) are read in place, without an allocation, and parsed
    // by fast paths for what the store itself writes.
    let text = |i: usize| row_text(row, i);
    let id: i64 = row.get(0)?;
    let (date, platform) = (row_date(row, 1)?, row_platform(row, 3)?);
    let format = text(4)?;
    let format = Format::from_slug(format)
        .or_else(|| Format::parse(format))
        .ok_or_else(|| damaged("format", format))?;
    let fee = stored_decimal(text(5)?, "fee")?;
    let fx_rate = row_fx_rate(row, 7)?;
    let [impressions, reach, views, likes, comments, shares, saves, clicks] = row_counts(row, 8)?;
    let metrics = Metrics { impressions, reach, views, likes, comments, shares, saves, clicks };
    Ok(Post {
        id,
        data: PostData {
            date,
            brand: row.get(2)?,
            platform,
            format,
            fee,
            currency: row.get(6)?,
            fx_rate,
            metrics,
            campaign: row.get(16)?,
            url: row.get(17)?,
            notes: row.get(18)?,
        },
    })
}

/// A stored date (`YYYY-MM-DD`, as [`date_text`] writes it) read without chrono's
/// format parser; anything else falls back to it.
fn stored_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

/// Copies every page of `src` into `dst` with SQLite's online backup API, in one step
/// (one consistent snapshot, never restarted), retrying while either side is busy or
/// locked, up to `max_tries` times 50 ms; then fails with `busy` as the sentence.
fn copy_all(src: &Connection, dst: &mut Connection, max_tries: u32, busy: &str) -> Result<()> {
    let backup = rusqlite::backup::Backup::new(src, dst)?;
    let mut tries = 0;
    loop {
        match backup.step(-1)? {
            rusqlite::backup::StepResult::Done => return Ok(()),
            rusqlite::backup::StepResult::More => {}
            _ if tries < max_tries => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            _ => return Err(StoreError::Damaged(busy.into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn stored_dates_read_by_the_fast_path_agree_with_chrono() {
        for t in ["2024-02-29", "2025-02-29", "1999-12-31", "2025-13-01", "2025-1-01", "2025-01-0x", "", "20250101"] {
            assert_eq!(stored_date(t), NaiveDate::parse_from_str(t, "%Y-%m-%d").ok(), "{t}");
        }
    }

    #[test]
    fn stored_slugs_take_the_fast_path_only_when_canonical() {
        assert_eq!(Platform::from_slug("tiktok"), Some(Platform::Tiktok));
        assert_eq!(Platform::from_slug("TT"), None);
        assert_eq!(Format::from_slug("reel"), Format::parse("reel"));
        assert_eq!(Format::from_slug("reels"), None);
        assert_eq!(Format::from_slug("unboxing-video"), None);
    }

    fn post(date: &str, fee: Decimal) -> PostData {
        PostData {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            brand: "Glossier".into(),
            platform: Platform::Instagram,
            format: Format::parse("reel").unwrap(),
            fee,
            currency: "USD".into(),
            fx_rate: None,
            metrics: Metrics { impressions: Some(40_000), ..Metrics::default() },
            campaign: String::new(),
            url: String::new(),
            notes: String::new(),
        }
    }

    #[test]
    fn posts_round_trip_exactly() {
        let mut s = open_in_memory().unwrap();
        let p = post("2025-11-14", dec!(1250.00));
        let saved = s.add_post(&p).unwrap();
        let back = s.posts().unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].data, p);
        assert_eq!(back[0].fee.to_string(), "1250.00");
        assert_eq!(back[0].id, saved.id);
    }

    #[test]
    fn trash_and_restore() {
        let mut s = open_in_memory().unwrap();
        let id = s.add_post(&post("2025-01-01", dec!(10))).unwrap().id;
        s.delete_post(id).unwrap();
        assert!(s.posts().unwrap().is_empty());
        assert_eq!(s.trash().unwrap().len(), 1);
        assert!(matches!(s.delete_post(id), Err(StoreError::InTrash(_))));
        s.restore_post(id).unwrap();
        assert_eq!(s.posts().unwrap().len(), 1);
        assert!(matches!(s.restore_post(id), Err(StoreError::NotInTrash(_))));
        assert!(matches!(s.get_post(999), Err(StoreError::NoSuchPost(999))));
    }

    #[test]
    fn duplicates_are_counted_not_collapsed() {
        let mut s = open_in_memory().unwrap();
        let a = post("2025-01-01", dec!(1250));
        let rows = vec![a.clone(), a.clone(), a.clone()];
        assert_eq!(s.import_posts(&rows, false).unwrap(), ImportOutcome { added: 3, duplicates: 0 });
        assert_eq!(s.import_posts(&rows, false).unwrap(), ImportOutcome { added: 0, duplicates: 3 });
        // 1250 equals 1250.00; a fourth equal row is new.
        let mut b = a.clone();
        b.fee = dec!(1250.00);
        let four = vec![b.clone(), b.clone(), b.clone(), b];
        assert_eq!(s.import_posts(&four, true).unwrap(), ImportOutcome { added: 1, duplicates: 3 });
        assert_eq!(s.posts().unwrap().len(), 3, "dry run wrote nothing");
        // Trashed posts do not count.
        let id = s.posts().unwrap()[0].id;
        s.delete_post(id).unwrap();
        assert_eq!(s.import_posts(&rows, false).unwrap(), ImportOutcome { added: 1, duplicates: 2 });
    }

    #[test]
    fn refuses_foreign_files_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "hello, this is not a database at all, but it is long enough to have a header. ......").unwrap();
        let before = std::fs::read(&text).unwrap();
        assert!(matches!(open(&text), Err(StoreError::NotMille { .. })));
        assert_eq!(std::fs::read(&text).unwrap(), before);

        let other = dir.path().join("other.db");
        {
            let c = Connection::open(&other).unwrap();
            c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
        }
        let before = std::fs::read(&other).unwrap();
        let err = open(&other).err().unwrap();
        assert!(err.to_string().contains("another program"), "{err}");
        assert_eq!(std::fs::read(&other).unwrap(), before);
        assert!(!dir.path().join("other.db-wal").exists());
    }

    #[test]
    fn creates_marks_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("mille.db");
        {
            let mut s = open(&path).unwrap();
            s.add_post(&post("2025-01-01", dec!(10))).unwrap();
            // A second process opens the file while the first still has it open.
            assert_eq!(open(&path).unwrap().posts().unwrap().len(), 1);
        }
        let s = open(&path).unwrap();
        assert_eq!(s.posts().unwrap().len(), 1);
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").unwrap();
        assert!(open(&empty).is_ok(), "a 0-byte file is set up as a new database");
    }

    #[test]
    fn a_kept_ecb_history_extends_the_bundled_one_and_survives_reopening() {
        let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mille.db");
        let mut s = open(&path).unwrap();
        assert!(Arc::ptr_eq(&s.fx_rates().unwrap(), &Rates::bundled()), "nothing kept: the bundled rates");
        // Refused: nothing kept.
        let e = s.set_fx_history(b"Date,USD\n2026-11-02,1.1x\n").unwrap_err();
        assert!(matches!(&e, StoreError::FxFile(_)) && e.to_string().contains("line 2"), "{e}");
        // An older file is kept but the bundled history stays in use.
        let older = s.set_fx_history(b"Date,USD\n2026-10-01,1.5\n").unwrap();
        assert!(Arc::ptr_eq(&older, &Rates::bundled()));
        assert_eq!(s.fx_rates().unwrap().quote(day("2026-10-01"), "EUR", "USD").unwrap().rate, dec!(1.1298), "the bundled rate, not 1.5");
        // A newer one extends it, at once and after reopening.
        let newer = b"Date,USD,GBP,\n2026-11-03,1.2,N/A,\n2026-11-02,1.25,0.9,\n";
        let in_use = s.set_fx_history(newer).unwrap();
        for rates in [in_use, s.fx_rates().unwrap(), open(&path).unwrap().fx_rates().unwrap()] {
            assert_eq!((rates.first_date(), rates.last_date()), (day("1999-01-04"), day("2026-11-03")));
            assert_eq!(rates.quote(day("2026-11-03"), "EUR", "USD").unwrap().rate, dec!(1.2));
            // GBP is N/A on the 3rd: the 2nd's rates, 1.25 / 0.9.
            let gbp = rates.quote(day("2026-11-03"), "GBP", "USD").unwrap();
            assert_eq!((gbp.rate, gbp.date), (dec!(1.388889), day("2026-11-02")));
            assert!(rates.quote(day("2026-11-04"), "EUR", "USD").is_err(), "after the kept file's last day");
            assert_eq!(rates.quote(day("2026-10-30"), "EUR", "USD").unwrap().rate, dec!(1.1172));
        }
    }

    #[test]
    fn base_currency_locked_with_posts() {
        let mut s = open_in_memory().unwrap();
        let mut p = s.profile().unwrap();
        p.base_currency = "EUR".into();
        s.set_profile(&p).unwrap();
        s.add_post(&post("2025-01-01", dec!(10))).unwrap();
        p.base_currency = "GBP".into();
        assert!(matches!(s.set_profile(&p), Err(StoreError::BaseCurrencyLocked)));
    }
}

#[cfg(test)]
mod backup_tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn post(fee: Decimal) -> PostData {
        PostData {
            date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            brand: "Brand".into(),
            platform: Platform::Tiktok,
            format: Format::parse("video").unwrap(),
            fee,
            currency: "USD".into(),
            fx_rate: None,
            metrics: Metrics::default(),
            campaign: String::new(),
            url: String::new(),
            notes: String::new(),
        }
    }

    #[test]
    fn backup_restore_keeps_a_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mille.db");
        let mut s = open(&path).unwrap();
        s.add_post(&post(dec!(100))).unwrap();
        let b = s.create_backup(BackupKind::Manual).unwrap();
        assert_eq!(b.kind, BackupKind::Manual);
        // A backup opens as a normal Mille database.
        assert_eq!(open(&dir.path().join("backups").join(&b.name)).unwrap().posts().unwrap().len(), 1);
        s.add_post(&post(dec!(200))).unwrap();
        let saved = s.restore_backup(&b.name).unwrap();
        assert_eq!(saved.kind, BackupKind::BeforeRestore);
        assert_eq!(s.posts().unwrap().len(), 1);
        let reopened = open(&path).unwrap();
        assert_eq!(reopened.posts().unwrap().len(), 1);
        // The replaced state is kept.
        let kept = open(&dir.path().join("backups").join(&saved.name)).unwrap();
        assert_eq!(kept.posts().unwrap().len(), 2);
        assert!(matches!(s.restore_backup("../mille.db"), Err(StoreError::NoSuchBackup(_))));
    }

    #[test]
    fn automatic_backups_are_pruned_manual_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = open(&dir.path().join("m.db")).unwrap();
        s.add_post(&post(dec!(1))).unwrap();
        s.create_backup(BackupKind::Manual).unwrap();
        for i in 0..12 {
            s.import_posts(&[post(Decimal::from(i + 10))], false).unwrap();
        }
        let all = s.list_backups().unwrap();
        assert_eq!(all.iter().filter(|b| b.kind == BackupKind::BeforeImport).count(), AUTO_BACKUPS_KEPT);
        assert_eq!(all.iter().filter(|b| b.kind == BackupKind::Manual).count(), 1);
        assert!(s.daily_backup_if_due().unwrap().is_some());
        assert!(s.daily_backup_if_due().unwrap().is_none(), "once a day");
    }

    #[test]
    fn a_report_folded_over_id_ranges_on_several_threads_is_the_report_of_every_live_post() {
        use crate::metrics::{self, Dimension, Filter, Reporter};
        use crate::sample::{generate, SampleOptions};
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("m.db")).unwrap();
        store.import_posts(&generate(&SampleOptions { rows: 300, seed: 5, ..SampleOptions::default() }), false).unwrap();
        // Spread the ids over 300,000 so the fold cuts the table into ranges, and put
        // a few posts in the trash: they must not count.
        store.conn.execute("UPDATE posts SET id = id * 1000 + 7", []).unwrap();
        for id in [1_007, 150_007, 299_007] {
            store.delete_post(id).unwrap();
        }
        let posts = store.posts().unwrap();
        assert_eq!(posts.len(), 297);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
        let brand = posts[10].brand.to_uppercase();
        let filters = [Filter::default(), Filter { brand: Some(brand), ..Filter::default() }];
        for filter in filters {
            for by in [&Dimension::DEFAULT[..], &[Dimension::Brand, Dimension::Quarter][..]] {
                let parts = store
                    .fold_facts(|| Reporter::new(by), |r, f| if filter.admits(f) { r.add(f) })
                    .unwrap();
                assert_eq!(parts.len(), cores);
                let mut parts = parts.into_iter();
                let mut merged = parts.next().unwrap();
                parts.for_each(|p| merged.merge(p));
                let folded = merged.finish("USD");
                let whole = metrics::report_filtered(&posts, &filter, by, "USD");
                assert!(whole.total.posts > 0);
                assert_eq!(serde_json::to_value(&folded).unwrap(), serde_json::to_value(&whole).unwrap());
                for (f, w) in folded.groups.iter().zip(&whole.groups) {
                    let (mut a, mut b) = (f.post_ids.clone(), w.post_ids.clone());
                    a.sort_unstable();
                    b.sort_unstable();
                    assert_eq!(a, b);
                }
            }
        }
    }

    #[test]
    fn a_small_or_in_memory_history_is_folded_in_one_part() {
        let mut mem = open_in_memory().unwrap();
        assert_eq!(mem.fold_facts(|| 0u32, |n, _| *n += 1).unwrap(), vec![0]);
        mem.add_post(&post(dec!(100))).unwrap();
        mem.add_post(&post(dec!(100))).unwrap();
        assert_eq!(mem.fold_facts(|| 0u32, |n, _| *n += 1).unwrap(), vec![2]);
        let dir = tempfile::tempdir().unwrap();
        let mut file = open(&dir.path().join("s.db")).unwrap();
        file.add_post(&post(dec!(100))).unwrap();
        let gifted = file.add_post(&post(dec!(0))).unwrap();
        let facts = file.fold_facts(Vec::new, |v, f| v.push((f.id, f.format.to_string(), f.fee))).unwrap();
        assert_eq!(facts, vec![vec![(1, "video".to_string(), dec!(100)), (gifted.id, "video".to_string(), dec!(0))]]);
    }

    #[test]
    fn an_import_mapping_is_remembered_per_header_set_and_replaced() {
        let mut store = open_in_memory().unwrap();
        let key = crate::import::header_key(&["Datum", "Notiz"]);
        assert_eq!(key, crate::import::header_key(&[" datum", "NOTIZ"]), "the key is the normalised headers");
        assert_eq!(store.import_mapping(&key).unwrap(), None);
        let maps = vec![("Notiz".to_string(), "notes".to_string()), ("Datum".to_string(), String::new())];
        store.save_import_mapping(&key, &maps).unwrap();
        assert_eq!(store.import_mapping(&key).unwrap(), Some(maps));
        store.save_import_mapping(&key, &[("Notiz".into(), "campaign".into())]).unwrap();
        assert_eq!(store.import_mapping(&key).unwrap(), Some(vec![("Notiz".to_string(), "campaign".to_string())]));
        assert_eq!(store.import_mapping("other").unwrap(), None);
    }
}
