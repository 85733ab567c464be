//! The Rate card screen's commands: a live preview of the brand-facing card and Export
//! PDF through the native save dialog. Each is a short call into the core's rate card
//! engine (`mille::ratecard`), the same one `mille ratecard` uses: same data, same PDF.

use crate::commands::{lock, save_path, write_file};
use crate::dto::Saved;
use crate::error::{AppError, AppResult};
use crate::AppState;
use base64::Engine as _;
use chrono::NaiveDate;
use mille::ratecard::{self, CardData, CardOptions, Logo};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use ts_rs::TS;

/// Whether this build has the rate card engine.
pub const AVAILABLE: bool = true;

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

fn engine(e: ratecard::RatecardError) -> AppError {
    AppError::Ratecard(e.to_string())
}

/// The card's data and logo from the store, for `input` (the date empty means today).
fn card(state: &State<'_, AppState>, input: &RatecardInput) -> AppResult<(CardData, Option<Logo>)> {
    let today = chrono::Local::now().date_naive();
    let t = input.date.trim();
    let date = if t.is_empty() {
        None
    } else {
        Some(NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
            AppError::field("date", format!("date {t:?}: write it as YYYY-MM-DD, e.g. {today}"))
        })?)
    };
    let opts = CardOptions { date, as_of: today, how_i_price: input.how_i_price, performance: input.performance };
    let store = lock(state)?;
    let data = ratecard::build(&store, &opts).map_err(engine)?;
    let logo = Logo::from_store(&store).map_err(engine)?;
    Ok((data, logo))
}

#[tauri::command]
pub fn ratecard_defaults() -> AppResult<RatecardInput> {
    Ok(RatecardInput::default())
}

/// The first page as a PNG (at 1.5 px per point) and what is on the card.
#[tauri::command]
pub async fn ratecard_preview(state: State<'_, AppState>, input: RatecardInput) -> AppResult<RatecardView> {
    let (data, logo) = card(&state, &input)?;
    let png = ratecard::render_png(&data, logo.as_ref(), 0, 1.5).map_err(engine)?;
    Ok(RatecardView {
        png_data_url: format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png)),
        pages: if data.how_i_price.is_some() { 2 } else { 1 },
        valid_until: data.valid_until.to_string(),
        packages: data.packages.iter().map(|p| format!("{} {}", p.name, p.price_text)).collect(),
    })
}

/// Renders the card and writes it where the save dialog (or `MILLE_E2E_SAVE`) says.
#[tauri::command]
pub async fn ratecard_export(app: AppHandle, state: State<'_, AppState>, input: RatecardInput) -> AppResult<Option<Saved>> {
    let (data, logo) = card(&state, &input)?;
    let pdf = ratecard::render_pdf(&data, logo.as_ref()).map_err(engine)?;
    let name = format!("rate-card-{}.pdf", data.date);
    let Some(path) = save_path(&app, "Export rate card", &name, ("PDF", &["pdf"])) else { return Ok(None) };
    write_file(&path, &pdf).map(Some)
}
