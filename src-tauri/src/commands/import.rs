//! The Import screen (the CLI's `mille import` and `mille export`): the file is chosen
//! in the native dialog and remembered, previewed with the user's choices, imported.
//! The flow over the core's import is in `crate::importing`.

use super::today;
use crate::dto::{ImportChoices, ImportDone, ImportPreview, Saved};
use crate::error::{AppError, AppResult};
use crate::files::{file_name, open_path, save_path, write_file};
use crate::{importing, AppState};
use mille::export;
use std::path::PathBuf;
use tauri::{AppHandle, State};

/// Opens the native file dialog (or takes `MILLE_E2E_OPEN` in tests) and remembers the
/// chosen file for `import_preview` / `import_commit`. Returns its name, or null when
/// the dialog was cancelled.
#[tauri::command]
pub async fn pick_import_file(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<String>> {
    let Some(path) = open_path(&app, "Import a campaign file", ("Campaign files", &["csv", "xlsx", "xls", "ods"]))
    else {
        return Ok(None);
    };
    let name = file_name(&path);
    *state.import_path.lock().unwrap_or_else(|e| e.into_inner()) = Some(path);
    Ok(Some(name))
}

fn chosen_import(state: &AppState) -> AppResult<PathBuf> {
    let chosen = state.import_path.lock().unwrap_or_else(|e| e.into_inner()).clone();
    chosen.ok_or_else(|| AppError::Cancelled("choose a file to import first".into()))
}

/// A dry run of the chosen file with the user's choices (column menus, date order):
/// every column and how it is read, the first rows, every error with its line, how
/// many posts would be added; or the date question; or, for a platform export, the
/// posts it would update. Nothing is written.
#[tauri::command]
pub async fn import_preview(state: State<'_, AppState>, choices: ImportChoices) -> AppResult<ImportPreview> {
    importing::preview(&state.db, &chosen_import(&state)?, &choices)
}

/// Imports the chosen file with the user's choices. A tracker: all or nothing, or with
/// `keep_going` the valid rows, its rows with errors first saved where the save dialog
/// says (the file's header plus an `errors` column); null when that dialog is
/// cancelled (nothing imported). The mapping is remembered for the file's header set.
/// A platform export: the posts it updates.
#[tauri::command]
pub async fn import_commit(
    app: AppHandle,
    state: State<'_, AppState>,
    choices: ImportChoices,
    keep_going: bool,
) -> AppResult<Option<ImportDone>> {
    let path = chosen_import(&state)?;
    let planned = importing::plan(&state.db, &path, &choices, keep_going)?;
    let mut saved = None;
    if let Some((name, csv)) = importing::rejected_csv(&path, &planned)? {
        let Some(out) = save_path(&app, "Save the rows with errors", &name, ("CSV", &["csv"])) else {
            return Ok(None);
        };
        saved = Some(write_file(&out, &csv)?.path);
    }
    Ok(Some(ImportDone { rejected_path: saved, ..importing::commit(&state.db, planned)? }))
}

/// Every post (not in the trash) as a campaign CSV, to a file chosen in the save dialog.
#[tauri::command]
pub async fn export_csv(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<Saved>> {
    let name = format!("mille-posts-{}.csv", today());
    let Some(path) = save_path(&app, "Export posts as CSV", &name, ("CSV", &["csv"])) else {
        return Ok(None);
    };
    let posts = state.db.read(|s| Ok(s.posts()?))?;
    let mut buf = Vec::new();
    export::write_csv(posts.iter().map(|p| &p.data), &mut buf).map_err(|source| AppError::Io {
        action: "write",
        path: path.display().to_string(),
        source,
    })?;
    write_file(&path, &buf).map(Some)
}
