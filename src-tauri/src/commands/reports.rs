//! The Overview and Insights screens: `mille::overview::overview` and
//! `mille::metrics::report` (the CLI's `mille report`), computed with the database
//! released.

use super::today;
use crate::db::Db;
use crate::dto::{OverviewView, ReportQuery, ReportView};
use crate::error::AppResult;
use crate::{parse, AppState};
use chrono::NaiveDate;
use mille::{metrics, overview};
use tauri::State;

#[tauri::command]
pub async fn overview(state: State<'_, AppState>) -> AppResult<OverviewView> {
    overview_at(&state.db, today())
}

pub(crate) fn overview_at(db: &Db, today: NaiveDate) -> AppResult<OverviewView> {
    let h = db.history()?;
    Ok(OverviewView::of(overview::overview(&h.posts, &h.settings()?, h.base(), today)))
}

#[tauri::command]
pub async fn report(state: State<'_, AppState>, query: ReportQuery) -> AppResult<ReportView> {
    report_of(&state.db, &query)
}

pub(crate) fn report_of(db: &Db, query: &ReportQuery) -> AppResult<ReportView> {
    let (by, filter) = parse::report_query(query)?;
    let h = db.history()?;
    Ok(ReportView::of(metrics::report_filtered(&h.posts, &filter, &by, h.base())))
}
