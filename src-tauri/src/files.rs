//! Files chosen in a native dialog, opened on the Rust side (the UI is granted no
//! dialog or file-system permission). For the end-to-end tests, which cannot drive a
//! native dialog, `MILLE_E2E_OPEN` and `MILLE_E2E_SAVE` (test-only) give the path the
//! dialog would have returned.

use crate::dto::Saved;
use crate::error::{AppError, AppResult};
use std::path::{Path, PathBuf};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Asks which file to open (native dialog, or `MILLE_E2E_OPEN` in tests); None = cancelled.
pub fn open_path(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MILLE_E2E_OPEN") {
        return Some(PathBuf::from(p));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok())
}

/// Asks where to save (native dialog, or `MILLE_E2E_SAVE` in tests); None = cancelled.
pub fn save_path(app: &AppHandle, title: &str, default_name: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MILLE_E2E_SAVE") {
        return Some(PathBuf::from(p));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(default_name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
        .and_then(|f| f.into_path().ok())
}

/// Writes `bytes` next to `path` then renames, so a failed write leaves no half file.
pub fn write_file(path: &Path, bytes: &[u8]) -> AppResult<Saved> {
    let io = |source| AppError::Io { action: "write", path: path.display().to_string(), source };
    let tmp = path.with_extension("mille-tmp");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(Saved { path: path.display().to_string(), bytes: bytes.len() as u64 })
}

/// Reads a chosen file.
pub fn read_file(path: &Path) -> AppResult<Vec<u8>> {
    std::fs::read(path).map_err(|source| AppError::Io { action: "read", path: path.display().to_string(), source })
}

/// A file's name as the screens show it.
pub fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}
