//! The Settings screen's profile and pricing settings (the CLI's `mille profile` and
//! `mille settings`).

use crate::dto::{ProfileView, SettingView};
use crate::error::{AppError, AppResult};
use crate::{parse, AppState};
use mille::desk::settings::DealSettings;
use mille::pricing::Settings;
use tauri::State;

#[tauri::command]
pub async fn get_profile(state: State<'_, AppState>) -> AppResult<ProfileView> {
    Ok(ProfileView::of(state.db.read(|s| Ok(s.profile()?))?))
}

/// Saves the profile form; the logo stays as it is (it has commands of its own).
#[tauri::command]
pub async fn set_profile(state: State<'_, AppState>, profile: ProfileView) -> AppResult<ProfileView> {
    let saved = state.db.write(|s| {
        let p = parse::profile(&profile, s.profile()?)?;
        s.set_profile(&p)?;
        Ok(s.profile()?)
    })?;
    Ok(ProfileView::of(saved))
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> AppResult<Vec<SettingView>> {
    let stored = state.db.read(|s| Ok(s.settings()?))?;
    Ok(SettingView::all(&Settings::from_stored(&stored)?, &DealSettings::from_stored(&stored)))
}

#[tauri::command]
pub async fn set_setting(state: State<'_, AppState>, key: String, value: String) -> AppResult<Vec<SettingView>> {
    let key = key.trim();
    let normalised = if DealSettings::owns(key) {
        DealSettings::validate_value(key, &value).map_err(|e| AppError::field(key, e))?
    } else {
        Settings::validate_value(key, &value).map_err(|e| AppError::field(key, e.to_string()))?
    };
    let stored = state.db.write(|s| {
        s.set_setting(key, &normalised)?;
        Ok(s.settings()?)
    })?;
    Ok(SettingView::all(&Settings::from_stored(&stored)?, &DealSettings::from_stored(&stored)))
}
