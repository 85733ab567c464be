//! The Settings screen's backups (the CLI's `mille backup`).

use crate::dto::BackupView;
use crate::error::AppResult;
use crate::AppState;
use mille::store::BackupKind;
use tauri::State;

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> AppResult<Vec<BackupView>> {
    Ok(BackupView::all(state.db.read(|s| Ok(s.list_backups()?))?))
}

#[tauri::command]
pub async fn create_backup(state: State<'_, AppState>) -> AppResult<BackupView> {
    Ok(BackupView::of(state.db.read(|s| Ok(s.create_backup(BackupKind::Manual)?))?))
}

/// Restores a backup; the database it replaces is kept as a backup first (returned).
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> AppResult<BackupView> {
    Ok(BackupView::of(state.db.write(|s| Ok(s.restore_backup(&name)?))?))
}
