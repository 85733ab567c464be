//! Bringing many rows in at once: a batch import that streams rows into one
//! transaction and counts duplicates (csv-format.md, real-files.md), with the deals a
//! tracker's status column makes (`import_deals`), a platform export's updates to
//! logged posts, and the column mapping remembered per set of headers.

use super::backup::BackupKind;
use super::error::{Result, StoreError};
use super::import_deals::{insert_not_live, insert_row_deal, StoredDeals};
use super::rows::{add_brand, created_now, date_text, execute_insert, to_sql_int, INSERT_SQL};
use super::Store;
use crate::import::platform::ExportPlan;
use crate::import::{DealRow, Parsed, ParsedRow, RowDeal};
use crate::model::{Metrics, PostData};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

impl Store {
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

    /// Stores a read tracker ([`Parsed`]) as [`Store::import_posts`] does, with the
    /// deals its status column makes (real-files.md "Statuses"): every row in one
    /// transaction, all or nothing. The app's import; the CLI streams the same rows
    /// through [`Store::begin_import`].
    pub fn import_parsed(&mut self, parsed: &Parsed, dry_run: bool) -> Result<ImportOutcome> {
        let mut import = self.begin_import(dry_run)?;
        for row in &parsed.rows {
            import.add_row(row)?;
        }
        for row in &parsed.deals {
            import.add_deal_row(row)?;
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
        Ok(Import {
            store: self,
            open: false,
            stored: HashMap::new(),
            stored_deals: None,
            base: String::new(),
            created: created_now(),
            rollback_journal: false,
            outcome: ImportOutcome::default(),
            dry_run,
            brands: HashSet::new(),
        })
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
            let sql =
                format!("UPDATE posts SET {} WHERE id = ?{} AND deleted_at IS NULL", sets.join(", "), values.len());
            updated += tx.execute(&sql, rusqlite::params_from_iter(values))?;
        }
        tx.commit()?;
        Ok(updated)
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
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportOutcome {
    /// Posts added.
    pub added: usize,
    /// Rows skipped as duplicates of stored posts.
    pub duplicates: usize,
    /// Deals made (from a tracker's status column).
    pub deals: usize,
    /// Rows not live skipped as duplicates of stored deals.
    pub duplicate_deals: usize,
}

/// An import under way ([`Store::begin_import`]): rows go in one at a time inside
/// one transaction, opened at the first row; [`Import::finish`] commits (or, on a dry
/// run, rolls back).
pub struct Import<'s> {
    store: &'s mut Store,
    /// The transaction is open (from the first row on).
    open: bool,
    /// Stored posts not yet matched by a row of the file, by key.
    stored: HashMap<DupKey, Vec<StoredPost>>,
    /// Stored deals a row not live may repeat (read at the first such row).
    stored_deals: Option<StoredDeals>,
    /// The base currency (a deal's until booked).
    base: String,
    /// Every row of one import is stored at the same moment.
    created: String,
    /// The import runs under a rollback journal (WAL mode is set again at its end).
    rollback_journal: bool,
    outcome: ImportOutcome,
    dry_run: bool,
    /// The brands this import has made brands (each once, when first met).
    brands: HashSet<String>,
}

impl Import<'_> {
    /// The backup and the transaction, at the first row; then what is stored.
    fn open(&mut self) -> Result<()> {
        let store = &mut *self.store;
        if !self.dry_run {
            store.ensure_sound()?;
            if store.path.is_some() && (store.has_posts()? || store.has_deals()?) {
                store.create_backup(BackupKind::BeforeImport)?;
            }
        }
        // A large import writes each page once, straight into the file, under a rollback
        // journal, rather than into the WAL and again at the checkpoint. SQLite allows
        // the switch only while no other connection has the file open (it refuses at
        // once, and the import then runs in WAL mode as usual); the journal keeps the
        // import all or nothing either way, and WAL mode comes back when it ends (or at
        // the next open, after a crash).
        if !self.dry_run && store.path.is_some() {
            let mode: rusqlite::Result<String> = store.conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0));
            self.rollback_journal = mode.is_ok_and(|m| m.eq_ignore_ascii_case("delete"));
        }
        store.conn.execute_batch(if self.dry_run { "BEGIN DEFERRED" } else { "BEGIN IMMEDIATE" })?;
        self.open = true;
        self.base = store.profile()?.base_currency;
        let mut stmt = store.conn.prepare(
            "SELECT date, brand, platform, format, fee, currency, url, id, \
             EXISTS (SELECT 1 FROM deal_posts d WHERE d.post_id = posts.id) FROM posts WHERE deleted_at IS NULL",
        )?;
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
            let post = StoredPost { url: row.get(6)?, id: row.get(7)?, in_deal: row.get(8)? };
            self.stored.entry(key).or_default().push(post);
        }
        Ok(())
    }

    /// Adds one row, or counts it as a duplicate of a stored post (csv-format.md
    /// "Idempotent", real-files.md "Duplicates": equal on date, brand, platform,
    /// format, fee as a number and currency, and on the url when both have one). Each
    /// stored post stands for one row of the file, so equal rows are counted, not
    /// collapsed.
    pub fn add(&mut self, row: &PostData) -> Result<()> {
        self.add_post(row, None)
    }

    /// Adds one row of a tracker: its post, as [`Import::add`], and the deal its
    /// status makes of it (also around a stored post equal to it that is in no deal).
    pub fn add_row(&mut self, row: &ParsedRow) -> Result<()> {
        self.add_post(&row.post, row.deal.as_ref())
    }

    fn add_post(&mut self, row: &PostData, deal: Option<&RowDeal>) -> Result<()> {
        if !self.open {
            self.open()?;
        }
        // Only a row equal to a stored post can be a duplicate: a first import into an
        // empty database needs no keys.
        if !self.stored.is_empty() {
            if let Some(posts) = self.stored.get_mut(&DupKey::of(row)) {
                let exact = posts.iter().position(|p| p.url == row.url);
                let either = || posts.iter().position(|p| p.url.is_empty() || row.url.is_empty());
                if let Some(i) = exact.or_else(either) {
                    let stored = posts.swap_remove(i);
                    self.outcome.duplicates += 1;
                    if let (Some(d), false) = (deal, stored.in_deal) {
                        self.outcome.deals += 1;
                        if !self.dry_run {
                            insert_row_deal(&self.store.conn, stored.id, row, d, &self.base)?;
                        }
                    }
                    return Ok(());
                }
            }
        }
        self.outcome.added += 1;
        self.outcome.deals += usize::from(deal.is_some());
        if !self.dry_run {
            let mut stmt = self.store.conn.prepare_cached(INSERT_SQL)?;
            execute_insert(&mut stmt, row, &self.created)?;
            // The post's id, read before a new brand's insert moves the last rowid.
            let id = self.store.conn.last_insert_rowid();
            if !self.brands.contains(&row.brand) {
                add_brand(&self.store.conn, &row.brand)?;
                self.brands.insert(row.brand.clone());
            }
            if let Some(d) = deal {
                insert_row_deal(&self.store.conn, id, row, d, &self.base)?;
            }
        }
        Ok(())
    }

    /// Adds a row whose status is not live: a deal without a post, or a duplicate of
    /// a stored deal (real-files.md "Duplicates").
    pub fn add_deal_row(&mut self, row: &DealRow) -> Result<()> {
        if !self.open {
            self.open()?;
        }
        if self.stored_deals.is_none() {
            self.stored_deals = Some(StoredDeals::load(self.store)?);
        }
        if self.stored_deals.as_mut().is_some_and(|s| s.take(row)) {
            self.outcome.duplicate_deals += 1;
            return Ok(());
        }
        self.outcome.deals += 1;
        if !self.dry_run {
            insert_not_live(&self.store.conn, row, &self.base)?;
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
        self.back_to_wal();
        Ok(self.outcome)
    }

    /// WAL mode again after an import that ran under a rollback journal. Should another
    /// connection have opened the file meanwhile, the switch waits for the next open.
    fn back_to_wal(&mut self) {
        if std::mem::take(&mut self.rollback_journal) {
            let _ = self.store.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
        }
    }
}

impl Drop for Import<'_> {
    /// An import not finished keeps nothing.
    fn drop(&mut self) {
        if self.open {
            let _ = self.store.conn.execute_batch("ROLLBACK");
        }
        self.back_to_wal();
    }
}

/// A stored post a row may repeat.
#[derive(Debug)]
struct StoredPost {
    url: String,
    id: i64,
    /// It belongs to a deal already.
    in_deal: bool,
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

#[cfg(test)]
mod tests {
    use super::super::open_in_memory;
    use super::super::test_support::post;
    use super::ImportOutcome;
    use rust_decimal_macros::dec;

    fn journal_mode(path: &std::path::Path) -> String {
        let c = rusqlite::Connection::open(path).unwrap();
        c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn every_brand_a_post_brings_becomes_a_brand_once_as_first_written() {
        let mut s = open_in_memory().unwrap();
        let mut one = post("2025-01-01", dec!(10));
        one.brand = "Zeta".into();
        s.add_post(&one).unwrap();
        let mut imp = s.begin_import(false).unwrap();
        for (brand, fee) in [("acme", dec!(1)), ("ACME", dec!(2)), ("Beta", dec!(3)), ("zeta", dec!(4))] {
            let mut p = post("2025-02-01", fee);
            p.brand = brand.into();
            imp.add(&p).unwrap();
        }
        imp.finish().unwrap();
        let names: Vec<String> = s.brands().unwrap().into_iter().map(|b| b.name).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(sorted, ["acme", "Beta", "Zeta"], "{names:?}");
        // A dry run stores no brand.
        let mut p = post("2025-03-01", dec!(5));
        p.brand = "Gamma".into();
        let mut dry = s.begin_import(true).unwrap();
        dry.add(&p).unwrap();
        dry.finish().unwrap();
        assert_eq!(s.brands().unwrap().len(), 3);
    }

    #[test]
    fn an_import_leaves_the_file_in_wal_mode_whether_or_not_it_was_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut s = super::super::open(&path).unwrap();
        // Alone: the import runs under a rollback journal, then WAL comes back.
        let mut import = s.begin_import(false).unwrap();
        import.add(&post("2025-01-01", dec!(100))).unwrap();
        assert_eq!(import.finish().unwrap().added, 1);
        assert_eq!(journal_mode(&path), "wal");
        // Another connection open (the app beside the CLI): the import stays in WAL.
        let other = rusqlite::Connection::open(&path).unwrap();
        let _: i64 = other.query_row("SELECT count(*) FROM posts", [], |r| r.get(0)).unwrap();
        let mut import = s.begin_import(false).unwrap();
        import.add(&post("2025-01-02", dec!(200))).unwrap();
        assert_eq!(import.finish().unwrap().added, 1);
        let n: i64 = other.query_row("SELECT count(*) FROM posts", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2);
        drop(other);
        // An import dropped unfinished keeps nothing and also leaves WAL mode.
        let mut import = s.begin_import(false).unwrap();
        import.add(&post("2025-01-03", dec!(300))).unwrap();
        drop(import);
        assert_eq!(s.posts().unwrap().len(), 2);
        assert_eq!(journal_mode(&path), "wal");
    }

    #[test]
    fn duplicates_are_counted_not_collapsed() {
        let mut s = open_in_memory().unwrap();
        let a = post("2025-01-01", dec!(1250));
        let rows = vec![a.clone(), a.clone(), a.clone()];
        assert_eq!(s.import_posts(&rows, false).unwrap(), ImportOutcome { added: 3, ..Default::default() });
        assert_eq!(s.import_posts(&rows, false).unwrap(), ImportOutcome { duplicates: 3, ..Default::default() });
        // 1250 equals 1250.00; a fourth equal row is new.
        let mut b = a.clone();
        b.fee = dec!(1250.00);
        let four = vec![b.clone(), b.clone(), b.clone(), b];
        assert_eq!(
            s.import_posts(&four, true).unwrap(),
            ImportOutcome { added: 1, duplicates: 3, ..Default::default() }
        );
        assert_eq!(s.posts().unwrap().len(), 3, "dry run wrote nothing");
        // Trashed posts do not count.
        let id = s.posts().unwrap()[0].id;
        s.delete_post(id).unwrap();
        assert_eq!(
            s.import_posts(&rows, false).unwrap(),
            ImportOutcome { added: 1, duplicates: 2, ..Default::default() }
        );
    }

    #[test]
    fn a_read_tracker_with_statuses_is_stored_with_its_deals_once() {
        let text = "date,brand,platform,format,fee,status,paid_on\n\
                    2026-01-05,A,instagram,reel,100,paid,2026-02-01\n\
                    2026-01-06,B,tiktok,video,200,Invoiced,\n\
                    2026-01-07,C,tiktok,video,,lead,\n";
        let parsed = crate::import::read_csv(text.as_bytes(), &crate::import::ImportOptions::default()).unwrap();
        let mut s = open_in_memory().unwrap();
        let dry = s.import_parsed(&parsed, true).unwrap();
        assert_eq!(dry, ImportOutcome { added: 2, deals: 3, ..Default::default() });
        assert!(s.deals().unwrap().is_empty() && s.posts().unwrap().is_empty(), "a dry run writes nothing");
        assert_eq!(s.import_parsed(&parsed, false).unwrap(), dry);
        let again = s.import_parsed(&parsed, false).unwrap();
        assert_eq!(again, ImportOutcome { duplicates: 2, duplicate_deals: 1, ..Default::default() });
        let deals = s.deals().unwrap();
        let stages: Vec<(&str, usize, usize)> =
            deals.iter().map(|d| (d.stage.as_str(), d.posts.len(), d.payments.len())).collect();
        assert_eq!(stages, vec![("inquiry", 0, 0), ("invoiced", 1, 0), ("paid", 1, 1)]);
        assert_eq!(deals[2].payments[0].date.map(|d| d.to_string()), Some("2026-02-01".to_string()));
        assert_eq!(deals[2].agreed_fee, Some(dec!(100)));
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
