//! The store's errors: each failure with the context a person needs to act on it,
//! and how SQLite's own errors are read (a damaged page means a damaged file).

use crate::fx::FxError;

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
    #[error("no deal with id {0}")]
    NoSuchDeal(i64),
    #[error("no brand named {0:?}")]
    NoSuchBrand(String),
    #[error("post {post} already belongs to deal {deal}; a post belongs to at most one deal")]
    PostInDeal { post: i64, deal: i64 },
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

/// SQLite's "malformed" and "not a database" become [`StoreError::Corrupt`] for `path`.
pub(super) fn damaged_or(e: rusqlite::Error, path: &str) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
            StoreError::Corrupt { path: path.to_string(), why: "SQLite reports the file as malformed".into() }
        }
        _ => StoreError::Sqlite(e),
    }
}

pub(super) fn damaged(what: &str, value: &str) -> StoreError {
    StoreError::Damaged(format!("{what} {value:?}"))
}
