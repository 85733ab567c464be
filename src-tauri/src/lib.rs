//! Mille's desktop app: a Tauri 2 window over the `mille` core. The window's web UI
//! (ui/) holds no business rule; every figure comes from a command in [`commands`],
//! each a short call into the same core functions the `mille` CLI uses:
//! [`parse`] reads what was typed, [`db`] reads the store under its lock and releases
//! it, the core computes, [`dto`] shapes the result, [`error`] is the one failure shape.
//! [`importing`] is the Import screen's flow over the core's import; [`files`] the
//! native dialogs.
//!
//! The database is the CLI's default file (`mille::store::default_path()`), or
//! `MILLE_DB` when set (tests use a temporary one). A daily backup is taken on launch.

pub mod commands;
pub mod db;
pub mod dto;
pub mod error;
pub mod files;
pub mod importing;
pub mod parse;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

/// What every command shares: the open database and what the UI chose.
pub struct AppState {
    pub db: db::Db,
    pub db_path: PathBuf,
    /// The file chosen in the import dialog (previewed, then imported).
    pub import_path: Mutex<Option<PathBuf>>,
    pub started: Instant,
    pub ready_ms: Mutex<Option<u64>>,
}

/// Why the app could not start (shown on stderr before any window exists).
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("there is no home folder to keep the database in; set MILLE_DB to a file path")]
    NoHome,
    #[error("{0}")]
    Store(#[from] mille::store::StoreError),
    #[error("the window could not start: {0}")]
    Tauri(#[from] tauri::Error),
}

/// The database file: `MILLE_DB`, else the CLI's default.
pub fn db_path() -> Result<PathBuf, StartError> {
    match std::env::var_os("MILLE_DB") {
        Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
        _ => mille::store::default_path().ok_or(StartError::NoHome),
    }
}

/// On Linux, asks WebKitGTK to paint the window without accelerated compositing
/// (`WEBKIT_DISABLE_COMPOSITING_MODE=1`) unless the variable is already set (`0`
/// keeps compositing). Mille's screens are static text, tables and small charts; the
/// compositor's OpenGL context (Mesa's llvmpipe where there is no GPU) held about
/// 85 MB of the web process idle, for no visible difference. Must run first thing in
/// `main`, before any thread starts.
pub fn render_without_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// Opens the database, takes the daily backup if due, and runs the window.
pub fn run(started: Instant) -> Result<(), StartError> {
    let path = db_path()?;
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let store = mille::store::open(&path)?;
    if let Err(e) = store.daily_backup_if_due() {
        // A failed backup must not keep the creator from her data; say it and go on.
        eprintln!("mille-app: the daily backup was not taken: {e}");
    }
    let state = AppState {
        db: db::Db::new(store),
        db_path: path,
        import_path: Mutex::new(None),
        started,
        ready_ms: Mutex::new(None),
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app::summary,
            commands::app::mark_ready,
            commands::posts::posts_by_id,
            commands::posts::posts_page,
            commands::posts::get_post,
            commands::posts::list_trash,
            commands::posts::add_post,
            commands::posts::update_post,
            commands::posts::delete_post,
            commands::posts::restore_post,
            commands::reports::overview,
            commands::reports::report,
            commands::posts::load_sample,
            commands::import::pick_import_file,
            commands::import::import_preview,
            commands::import::import_commit,
            commands::import::export_csv,
            commands::pricing::propose,
            commands::profile::get_profile,
            commands::profile::set_profile,
            commands::profile::get_settings,
            commands::profile::set_setting,
            commands::backups::list_backups,
            commands::backups::create_backup,
            commands::backups::restore_backup,
            commands::ratecard::ratecard_defaults,
            commands::ratecard::ratecard_preview,
            commands::ratecard::ratecard_export,
            commands::ratecard::ratecard_packages,
            commands::ratecard::ratecard_save_packages,
            commands::ratecard::ratecard_reset_packages,
            commands::ratecard::ratecard_add_package,
            commands::ratecard::proposal_export,
            commands::ratecard::choose_logo,
            commands::ratecard::remove_logo,
            commands::deals::deals_board,
            commands::deals::deals_money,
            commands::deals::deal_show,
            commands::deals::deal_add,
            commands::deals::deal_stage,
            commands::deals::deal_check_offer,
            commands::deals::deal_offer,
            commands::deals::deal_book,
            commands::deals::deal_log_posts,
            commands::deals::deal_invoice,
            commands::deals::deal_pay,
            commands::papers::deal_invoice_pdf,
            commands::papers::deal_recap_pdf,
            commands::deals::deal_save_proposal,
            commands::deals::proposal_warnings,
            commands::deals::open_deals,
            commands::lessons::deals_report,
            commands::lessons::deals_accepted,
        ])
        .run(tauri::generate_context!())?;
    Ok(())
}
