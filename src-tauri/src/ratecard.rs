//! The Rate card screen's commands. The rate card engine (`mille::ratecard`) is being
//! built in parallel; until it is merged into this build, `AVAILABLE` is false, the
//! commands say so in one sentence, and the screen shows "not available yet" instead
//! of anything made up.

use crate::dto::Saved;
use crate::error::{AppError, AppResult};
use crate::AppState;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use ts_rs::TS;

/// Whether this build has the rate card engine.
pub const AVAILABLE: bool = false;

/// The card as the creator sets it up on the screen.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RatecardInput {
    /// The card's date (empty: today).
    pub date: String,
    pub how_i_price: bool,
    pub performance: bool,
}

/// A rendered preview: the first page as a PNG data URL, and what is on the card.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RatecardView {
    pub png_data_url: String,
    pub pages: u32,
    pub valid_until: String,
    pub packages: Vec<String>,
}

fn missing() -> AppError {
    AppError::Ratecard("the rate card engine is not in this build yet".into())
}

#[tauri::command]
pub fn ratecard_defaults() -> AppResult<RatecardInput> {
    Ok(RatecardInput::default())
}

#[tauri::command]
pub fn ratecard_preview(state: State<'_, AppState>, input: RatecardInput) -> AppResult<RatecardView> {
    let _ = (state, input);
    Err(missing())
}

#[tauri::command]
pub async fn ratecard_export(app: AppHandle, state: State<'_, AppState>, input: RatecardInput) -> AppResult<Option<Saved>> {
    let _ = (app, state, input);
    Err(missing())
}
