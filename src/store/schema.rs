//! The shape of a Mille database, in one place: the `application_id` marker, the
//! versioned migrations, the pragmas every connection gets (WAL, busy timeout,
//! foreign keys), the header check that refuses a foreign, newer or cut-off file
//! before SQLite opens it, and `PRAGMA quick_check` before the first write.

use super::error::{damaged_or, Result, StoreError};
use super::{unique_suffix, Store};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::io::Read;
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of every Mille database: the bytes `MILL`.
pub const APPLICATION_ID: u32 = 0x4D49_4C4C;

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
    // 4: brands and deals (deals.md). A brand's name is unique without regard to case
    // (SQLite's NOCASE: ASCII letters) and kept as first written; the brands of the
    // posts already stored are created in the order they were logged, and triggers keep
    // every post's brand a brand. Money is TEXT (exact decimals), dates YYYY-MM-DD.
    // A post belongs to at most one deal (deal_posts keyed by the post).
    M::up(
        "CREATE TABLE brands (
        id       INTEGER PRIMARY KEY,
        name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
        category TEXT NOT NULL DEFAULT '',
        contact  TEXT NOT NULL DEFAULT '',
        email    TEXT NOT NULL DEFAULT '',
        billing  TEXT NOT NULL DEFAULT '',
        notes    TEXT NOT NULL DEFAULT ''
    ) STRICT;
    INSERT OR IGNORE INTO brands (name) SELECT brand FROM posts ORDER BY id;
    CREATE TRIGGER posts_brand_insert AFTER INSERT ON posts
    BEGIN INSERT OR IGNORE INTO brands (name) VALUES (NEW.brand); END;
    CREATE TRIGGER posts_brand_update AFTER UPDATE OF brand ON posts
    BEGIN INSERT OR IGNORE INTO brands (name) VALUES (NEW.brand); END;
    CREATE TABLE deals (
        id                INTEGER PRIMARY KEY,
        brand_id          INTEGER NOT NULL REFERENCES brands(id),
        title             TEXT NOT NULL DEFAULT '',
        stage             TEXT NOT NULL,
        proposal          TEXT,
        agreed_fee        TEXT,
        currency          TEXT NOT NULL,
        fx_rate           TEXT,
        usage_rights      TEXT,
        exclusivity_days  INTEGER,
        whitelisting_days INTEGER,
        rush              INTEGER NOT NULL DEFAULT 0,
        net_days          INTEGER,
        invoice_number    TEXT UNIQUE,
        invoice_date      TEXT,
        invoice_due       TEXT,
        notes             TEXT NOT NULL DEFAULT '',
        created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
    ) STRICT;
    CREATE INDEX deals_brand ON deals(brand_id);
    CREATE TABLE deal_stages (
        id      INTEGER PRIMARY KEY,
        deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        stage   TEXT NOT NULL,
        date    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX deal_stages_deal ON deal_stages(deal_id);
    CREATE TABLE deal_deliverables (
        id       INTEGER PRIMARY KEY,
        deal_id  INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        platform TEXT NOT NULL,
        format   TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        due      TEXT
    ) STRICT;
    CREATE INDEX deal_deliverables_deal ON deal_deliverables(deal_id);
    CREATE TABLE deal_offers (
        id         INTEGER PRIMARY KEY,
        deal_id    INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        date       TEXT NOT NULL,
        party      TEXT NOT NULL,
        amount     TEXT NOT NULL,
        note       TEXT NOT NULL DEFAULT '',
        verdict    TEXT,
        percentile INTEGER
    ) STRICT;
    CREATE INDEX deal_offers_deal ON deal_offers(deal_id);
    CREATE TABLE deal_payments (
        id      INTEGER PRIMARY KEY,
        deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        date    TEXT NOT NULL,
        amount  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX deal_payments_deal ON deal_payments(deal_id);
    CREATE TABLE deal_posts (
        post_id INTEGER PRIMARY KEY REFERENCES posts(id),
        deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE
    ) STRICT;
    CREATE INDEX deal_posts_deal ON deal_posts(deal_id);",
    ),
    // 5: the creator's business block for invoices (deals.md, "Invoice PDF"): free
    // text, empty by default.
    M::up(
        "ALTER TABLE profile ADD COLUMN legal_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE profile ADD COLUMN address TEXT NOT NULL DEFAULT '';
    ALTER TABLE profile ADD COLUMN tax_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE profile ADD COLUMN email TEXT NOT NULL DEFAULT '';
    ALTER TABLE profile ADD COLUMN payment_details TEXT NOT NULL DEFAULT '';
    ALTER TABLE profile ADD COLUMN tax_note TEXT NOT NULL DEFAULT '';",
    ),
    // 6: a payment's date may be unknown (real-files.md "Statuses": a tracker's `paid`
    // row without a `paid_on` date records its payment with the date unknown). SQLite
    // cannot drop NOT NULL in place: the table is rebuilt, rows and ids kept.
    M::up(
        "CREATE TABLE deal_payments_new (
        id      INTEGER PRIMARY KEY,
        deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        date    TEXT,
        amount  TEXT NOT NULL
    ) STRICT;
    INSERT INTO deal_payments_new (id, deal_id, date, amount) SELECT id, deal_id, date, amount FROM deal_payments;
    DROP TABLE deal_payments;
    ALTER TABLE deal_payments_new RENAME TO deal_payments;
    CREATE INDEX deal_payments_deal ON deal_payments(deal_id);",
    ),
    // 7: a kept proposal's 101 unrounded totals move to their own column (the JSON
    // array as it was), so reading 10^4 deals for the list does not scan them; they are
    // read when an offer is checked or the quotes are reported (deals.md).
    M::up(
        "ALTER TABLE deals ADD COLUMN proposal_totals TEXT;
    UPDATE deals SET proposal_totals = json_extract(proposal, '$.totals_by_q'),
                     proposal = json_remove(proposal, '$.totals_by_q')
     WHERE proposal IS NOT NULL AND json_valid(proposal) AND json_type(proposal, '$.totals_by_q') = 'array';",
    ),
    // 8: a new post's brand becomes a brand where the store inserts the post
    // (`rows::insert_post`, and an import once per brand it meets) rather than through a
    // trigger run for every row: the trigger was a fifth of a 10^6-row import. Editing
    // a post's brand keeps its trigger (one row at a time).
    M::up("DROP TRIGGER posts_brand_insert;"),
];

/// The schema version this build writes.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

/// Builds a new, empty database beside `path` and puts it in place without ever
/// replacing another process's database: a hard link fails if `path` appeared in the
/// meantime (then that database is used). A 0-byte file is replaced by a rename.
pub(super) fn create_new(path: &Path, shown: &str) -> Result<()> {
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

/// Reads the 100-byte SQLite header and refuses what is not ours, without opening: not
/// SQLite, another program's database, a newer Mille's, or a file shorter than its
/// header says (a cut-off copy; only checked when no WAL file holds newer pages).
pub(super) fn check_header(path: &Path, shown: &str) -> Result<()> {
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
    pub(super) fn init(&mut self, new: bool) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let shown = self.path_text();
        if new {
            self.conn.execute_batch(&format!("PRAGMA application_id = {};", APPLICATION_ID as i32))?;
        } else {
            // The header may lag behind the WAL: check again now that SQLite reads it.
            let read = |sql: &str| -> Result<i64> {
                self.conn.query_row(sql, [], |r| r.get(0)).map_err(|e| damaged_or(e, &shown))
            };
            let app_id = read("PRAGMA application_id")?;
            let version = read("PRAGMA user_version")?;
            if app_id != APPLICATION_ID as i64 {
                return Err(StoreError::NotMille {
                    path: shown,
                    why: "it is a SQLite database of another program".into(),
                });
            }
            if version > schema_version() as i64 {
                return Err(StoreError::TooNew { path: shown, found: version, known: schema_version() });
            }
        }
        let migrations = Migrations::from_slice(MIGRATIONS);
        let pending = !new && self.path.is_some() && migrations.pending_migrations(&self.conn)? > 0;
        if pending {
            // The backup checks the file first: a damaged one is not migrated.
            self.backup_before_migration()?;
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
    pub(super) fn ensure_sound(&self) -> Result<()> {
        if !self.sound.get() {
            self.quick_check()?;
            self.sound.set(true);
        }
        Ok(())
    }

    fn quick_check(&self) -> Result<()> {
        let shown = self.path_text();
        let first: String =
            self.conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0)).map_err(|e| damaged_or(e, &shown))?;
        if first == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt { path: shown, why: format!("SQLite's check says: {}", check_message(&first)) })
        }
    }
}

/// SQLite's check report on one line, without its `*** in database main ***` banner.
pub(super) fn check_message(report: &str) -> String {
    let lines: Vec<&str> =
        report.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("*** in database")).collect();
    lines.join("; ")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::post;
    use super::super::{open, StoreError};
    use rusqlite::Connection;
    use rust_decimal_macros::dec;

    #[test]
    fn migration_6_keeps_the_payments_and_allows_an_unknown_date() {
        use rusqlite_migration::Migrations;
        let mut c = Connection::open_in_memory().unwrap();
        c.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        Migrations::from_slice(&super::MIGRATIONS[..4]).to_latest(&mut c).unwrap();
        c.execute_batch(
            "INSERT INTO brands (name) VALUES ('B');
             INSERT INTO deals (brand_id, stage, currency) VALUES (1, 'paid', 'USD');
             INSERT INTO deal_payments (deal_id, date, amount) VALUES (1, '2026-02-01', '100.50');",
        )
        .unwrap();
        assert!(c.execute("INSERT INTO deal_payments (deal_id, date, amount) VALUES (1, NULL, '1')", []).is_err());
        Migrations::from_slice(super::MIGRATIONS).to_latest(&mut c).unwrap();
        let kept: (i64, Option<String>, String) = c
            .query_row("SELECT id, date, amount FROM deal_payments", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        assert_eq!(kept, (1, Some("2026-02-01".to_string()), "100.50".to_string()));
        c.execute("INSERT INTO deal_payments (deal_id, date, amount) VALUES (1, NULL, '1')", []).unwrap();
        // Still tied to its deal: a payment of no deal is refused.
        assert!(c.execute("INSERT INTO deal_payments (deal_id, date, amount) VALUES (9, NULL, '1')", []).is_err());
    }

    #[test]
    fn migration_7_moves_the_totals_out_of_the_kept_proposal_and_keeps_them_exact() {
        use crate::deals::Snapshot;
        use rusqlite_migration::Migrations;
        let kept = crate::deals::teach::fixtures::snapshot("anchor", &[(48_000, 2)]);
        let whole = kept.json.text();
        assert!(whole.contains("totals_by_q"));
        let mut c = Connection::open_in_memory().unwrap();
        Migrations::from_slice(&super::MIGRATIONS[..6]).to_latest(&mut c).unwrap();
        c.execute_batch("INSERT INTO brands (name) VALUES ('B');").unwrap();
        c.execute("INSERT INTO deals (brand_id, stage, currency, proposal) VALUES (1, 'booked', 'USD', ?1)", [&whole])
            .unwrap();
        c.execute("INSERT INTO deals (brand_id, stage, currency) VALUES (1, 'lead', 'USD')", []).unwrap();
        Migrations::from_slice(super::MIGRATIONS).to_latest(&mut c).unwrap();
        let rows: Vec<(Option<String>, Option<String>)> = c
            .prepare("SELECT proposal, proposal_totals FROM deals ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let (object, totals) = (rows[0].0.as_deref().unwrap(), rows[0].1.as_deref());
        assert!(!object.contains("totals_by_q"), "{object}");
        let back = Snapshot::read(object, totals).unwrap();
        back.check_totals().unwrap();
        assert_eq!(back.totals(), kept.totals(), "the 101 totals, digit for digit");
        assert_eq!(back.json.value(), kept.json.value(), "shown as the same object");
        assert_eq!(rows[1], (None, None), "a deal without a proposal stays without");
        assert_eq!(super::schema_version(), 8);
    }

    #[test]
    fn refuses_foreign_files_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "hello, this is not a database at all, but it is long enough to have a header. ......")
            .unwrap();
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
}
