//! The one way into the database. A Mille database is one SQLite file (WAL mode,
//! foreign keys on, a busy timeout so the app and the CLI can share it), marked with
//! `PRAGMA application_id` so that any other file is refused untouched, and shaped by
//! versioned migrations (`rusqlite_migration`, which keeps the version in
//! `user_version`). Nothing outside this module touches SQLite.
//!
//! Money is stored as TEXT holding the exact decimal the user entered; counts as
//! INTEGER; dates as `YYYY-MM-DD` TEXT.
//!
//! One file per concern: `schema` (the marker, pragmas and migrations, and the checks
//! made before a file is opened), `error`, `rows` (how a post is bound and read),
//! `posts` (logging, editing, the trash), `page` (a sorted page of posts), `facts` (the report's fast scan), `import`
//! (batches, duplicates, platform-export updates and remembered column mappings),
//! `profile` (profile, logo and settings), `fx` (the kept ECB history), `backup`,
//! `brands` and `deals` (deals.md: a deal and its stages, deliverables, offers,
//! payments and linked posts), `import_deals` (the deals a tracker's statuses make).
//! Each adds its own `impl Store` block; the struct and the ways to open one live here.

mod backup;
mod brands;
mod deal_rows;
mod deals;
mod error;
mod facts;
mod fx;
mod import;
mod import_deals;
mod page;
mod posts;
mod profile;
mod rows;
mod schema;
#[cfg(test)]
mod test_support;

pub use backup::{BackupInfo, BackupKind, AUTO_BACKUPS_KEPT};
pub use brands::BrandChanges;
pub use deals::{Booking, NewDeal};
pub use error::{Result, StoreError};
pub use import::{Import, ImportOutcome};
pub use page::{PostPage, PostQuery, PostSort};
pub use schema::{schema_version, APPLICATION_ID};

use crate::fx::Rates;
use error::damaged_or;
use rusqlite::{Connection, OpenFlags};
use schema::{check_header, create_new};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The app identifier, shared with the desktop app: the default database lives in
/// the per-user data directory under this name.
pub const APP_ID: &str = "app.mille.desktop";

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
        Ok(m) if m.is_dir() => return Err(StoreError::NotMille { path: shown, why: "it is a folder".into() }),
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
        Err(e) => return Err(io(e)),
    };
    let created = len == 0;
    if created {
        create_new(path, &shown)?;
    }
    check_header(path, &shown)?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| damaged_or(e, &shown))?;
    let mut store =
        Store { conn, path: Some(path.to_path_buf()), sound: std::cell::Cell::new(created), fx: Default::default() };
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

/// A number that differs between two calls in one process (time and a counter).
fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{nanos}-{}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

impl Store {
    fn path_text(&self) -> String {
        self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| ":memory:".into())
    }

    /// The file this store lives in (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}
