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

/// The report with one page of its groups, sorted by the table's column in the core
/// (`metrics::group_page`): grouped by brand there can be thousands of groups, and the
/// window gets the 50 it shows, the total over all of them and their count.
pub(crate) fn report_of(db: &Db, query: &ReportQuery) -> AppResult<ReportView> {
    let (by, filter) = parse::report_query(query)?;
    let q = parse::group_query(query)?;
    let h = db.history()?;
    Ok(ReportView::page(metrics::report_filtered(&h.posts, &filter, &by, h.base()), &q))
}
