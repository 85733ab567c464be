//! Backups in the `backups/` folder beside the database: consistent copies through
//! SQLite's online backup API, automatic ones pruned, and a restore that checks the
//! backup whole before anything is replaced.

use super::error::{Result, StoreError};
use super::schema::{check_header, check_message, schema_version, APPLICATION_ID};
use super::{unique_suffix, Store};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

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
        [
            BackupKind::Manual,
            BackupKind::BeforeImport,
            BackupKind::BeforeRestore,
            BackupKind::BeforeMigration,
            BackupKind::Daily,
        ]
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
            name = format!(
                "mille-{}-{}.db",
                (now + chrono::Duration::milliseconds(n)).format("%Y%m%d-%H%M%S-%3f"),
                kind.as_str()
            );
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
        let autos: Vec<BackupInfo> =
            self.list_backups()?.into_iter().filter(|b| b.kind != BackupKind::Manual).collect();
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
                if name.starts_with(".mille-") && name.ends_with(".partial") && old.is_some_and(|a| a.as_secs() > 3600)
                {
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
    /// The backup a migration takes first (schema.rs calls it before migrating).
    pub(super) fn backup_before_migration(&mut self) -> Result<BackupInfo> {
        self.create_backup(BackupKind::BeforeMigration)
    }

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

/// Opens a backup read-only and checks it whole: Mille's marker, a schema this build
/// knows, and `PRAGMA integrity_check`. Any failure is [`StoreError::BadBackup`].
fn verified_backup(src: &Path, name: &str) -> Result<Connection> {
    let bad = |why: String| StoreError::BadBackup { name: name.to_string(), why };
    match check_header(src, name) {
        Ok(()) => {}
        Err(StoreError::TooNew { found, known, .. }) => {
            return Err(bad(format!(
                "it was written by a newer version of Mille (schema {found}, this one knows up to {known})"
            )))
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
    use super::super::test_support::tiktok_post;
    use super::super::{open, StoreError};
    use super::{BackupKind, AUTO_BACKUPS_KEPT};
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    #[test]
    fn backup_restore_keeps_a_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mille.db");
        let mut s = open(&path).unwrap();
        s.add_post(&tiktok_post(dec!(100))).unwrap();
        let b = s.create_backup(BackupKind::Manual).unwrap();
        assert_eq!(b.kind, BackupKind::Manual);
        // A backup opens as a normal Mille database.
        assert_eq!(open(&dir.path().join("backups").join(&b.name)).unwrap().posts().unwrap().len(), 1);
        s.add_post(&tiktok_post(dec!(200))).unwrap();
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
        s.add_post(&tiktok_post(dec!(1))).unwrap();
        s.create_backup(BackupKind::Manual).unwrap();
        for i in 0..12 {
            s.import_posts(&[tiktok_post(Decimal::from(i + 10))], false).unwrap();
        }
        let all = s.list_backups().unwrap();
        assert_eq!(all.iter().filter(|b| b.kind == BackupKind::BeforeImport).count(), AUTO_BACKUPS_KEPT);
        assert_eq!(all.iter().filter(|b| b.kind == BackupKind::Manual).count(), 1);
        assert!(s.daily_backup_if_due().unwrap().is_some());
        assert!(s.daily_backup_if_due().unwrap().is_none(), "once a day");
    }
}
