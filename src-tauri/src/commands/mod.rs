//! The Tauri commands, one file per domain. Each is a short call into the `mille` core,
//! the same functions the `mille` CLI calls: read what was typed (`crate::parse`), read
//! what the core needs from the database and release it (`crate::db`), call one core
//! function, shape the result for the UI (`crate::dto`); a failure maps to the one
//! error shape that crosses IPC (`crate::error`). No business rule lives here.

pub mod app;
pub mod backups;
pub mod deals;
pub mod import;
pub mod lessons;
pub mod papers;
pub mod posts;
pub mod pricing;
pub mod profile;
pub mod ratecard;
pub mod reports;

/// The names of every command, for the app manifest (build.rs) and capabilities.
pub const ALL: &[&str] = include!("../command_names.rs");

/// Today on the creator's clock.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
