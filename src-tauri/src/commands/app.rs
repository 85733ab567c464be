//! The window's own commands: what it needs to know at start, and its first paint.

use super::today;
use crate::db::Db;
use crate::dto::AppInfo;
use crate::error::AppResult;
use crate::AppState;
use mille::summary;
use std::path::Path;
use tauri::State;

/// What the window needs at start: `mille::summary::summary` of the history, with the
/// profile and the app's own facts.
#[tauri::command]
pub async fn summary(state: State<'_, AppState>) -> AppResult<AppInfo> {
    summary_of(&state.db, &state.db_path)
}

/// The summary is folded under the lock, then shaped with the lock released.
pub(crate) fn summary_of(db: &Db, db_path: &Path) -> AppResult<AppInfo> {
    let (profile, summary) = db.read(|s| Ok((s.profile()?, summary::summary(s)?)))?;
    Ok(AppInfo::of(&summary, profile, db_path, today()))
}

/// Called by the UI on its first animation frame after the first data load: returns
/// (and logs to stderr) the milliseconds since the process started.
#[tauri::command]
pub fn mark_ready(state: State<'_, AppState>) -> u64 {
    let ms = state.started.elapsed().as_millis() as u64;
    let mut first = state.ready_ms.lock().unwrap_or_else(|e| e.into_inner());
    if first.is_none() {
        *first = Some(ms);
        eprintln!("mille-app: first interactive paint {ms} ms after launch");
    }
    first.unwrap_or(ms)
}
