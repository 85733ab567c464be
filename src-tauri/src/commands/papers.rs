//! The papers a deal sends its brand: "Create invoice" (records the invoice, then
//! saves its PDF where the user chooses; again later, the same number and dates) and
//! "Campaign recap". The store is read under the lock; typesetting runs after it is
//! released (`mille::paper`: gather, then render).

use super::today;
use crate::db::Db;
use crate::dto::Saved;
use crate::error::{AppError, AppResult};
use crate::files::{save_path, write_file};
use crate::AppState;
use chrono::NaiveDate;
use mille::desk;
use mille::paper::{self, PaperError};
use tauri::{AppHandle, State};

impl From<PaperError> for AppError {
    fn from(e: PaperError) -> AppError {
        match e {
            PaperError::Store(s) => AppError::Store(s),
            PaperError::Deals(d) => d.into(),
            PaperError::Settings(s) => AppError::Settings(s),
            PaperError::Logo(_) | PaperError::Typeset { .. } => AppError::Ratecard(e.to_string()),
            other => AppError::Deals(other.to_string()),
        }
    }
}

/// Invoices deal `id` on `date` (kept as it is when already invoiced) and returns the
/// PDF's suggested file name and bytes.
pub(crate) fn invoice_pdf(db: &Db, id: i64, date: NaiveDate) -> AppResult<(String, Vec<u8>)> {
    let (paper, logo) = db.write(|s| {
        desk::invoice(s, id, date)?;
        Ok(paper::invoice::gather(s, id)?)
    })?;
    let pdf = paper::invoice::render(&paper, logo.as_ref())?;
    Ok((format!("invoice-{}.pdf", paper.number), pdf))
}

/// The campaign recap of deal `id` made on `today`: file name and bytes.
pub(crate) fn recap_pdf(db: &Db, id: i64, today: NaiveDate) -> AppResult<(String, Vec<u8>)> {
    let (recap, logo) = db.read(|s| Ok(paper::recap::gather(s, id, today)?))?;
    let pdf = paper::recap::render(&recap, logo.as_ref())?;
    let brand: String = recap.brand.chars().filter(|c| c.is_alphanumeric() || *c == ' ').collect();
    Ok((format!("campaign-recap-{}.pdf", brand.trim().replace(' ', "-")), pdf))
}

/// "Create invoice": records it as issued on `date` (empty: today), then saves the PDF
/// (`None`: the save was cancelled; the invoice stays recorded).
#[tauri::command]
pub async fn deal_invoice_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    date: String,
) -> AppResult<Option<Saved>> {
    let (name, pdf) = invoice_pdf(&state.db, id, crate::parse::deals::day(&date, today())?)?;
    save_path(&app, "Save invoice", &name, ("PDF", &["pdf"])).map(|p| write_file(&p, &pdf)).transpose()
}

/// "Campaign recap": saves the recap PDF (`None`: cancelled).
#[tauri::command]
pub async fn deal_recap_pdf(app: AppHandle, state: State<'_, AppState>, id: i64) -> AppResult<Option<Saved>> {
    let (name, pdf) = recap_pdf(&state.db, id, today())?;
    save_path(&app, "Save campaign recap", &name, ("PDF", &["pdf"])).map(|p| write_file(&p, &pdf)).transpose()
}
