//! What deals teach: Insights' "How quotes land" and "How brands pay" (`deals_report`,
//! the CLI's `mille deals report`), and Propose's history beside its prices
//! (`deals_accepted`: "4 of 5 quotes at target were accepted"). The deals are read under
//! the lock (`desk::report_data`); the figures are computed after it is released.

use super::today;
use crate::db::Db;
use crate::dto::{AcceptedView, DealsReportView};
use crate::error::AppResult;
use crate::AppState;
use chrono::NaiveDate;
use mille::deals::teach;
use mille::desk::{self, lessons, DealsError};
use tauri::State;

#[tauri::command]
pub async fn deals_report(state: State<'_, AppState>) -> AppResult<DealsReportView> {
    report_at(&state.db, today())
}

/// What the deals teach on `today`, as `mille deals report --json` prints it.
pub(crate) fn report_at(db: &Db, today: NaiveDate) -> AppResult<DealsReportView> {
    let data = db.read(|s| Ok(desk::report_data(s)?))?;
    Ok(DealsReportView::of(&teach::report(&data.deals, &data.base, today).map_err(DealsError::from)?))
}

#[tauri::command]
pub async fn deals_accepted(state: State<'_, AppState>) -> AppResult<Vec<AcceptedView>> {
    accepted_of(&state.db)
}

/// How the quotes at target and at anchor ended (the price points never quoted left out).
pub(crate) fn accepted_of(db: &Db) -> AppResult<Vec<AcceptedView>> {
    let data = db.read(|s| Ok(desk::report_data(s)?))?;
    Ok(lessons::accepted(&data.deals).iter().map(AcceptedView::of).collect())
}
