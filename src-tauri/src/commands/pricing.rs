//! Propose: `mille::pricing::propose` (the CLI's `mille propose`), with the database
//! released while it prices.

use super::today;
use crate::db::Db;
use crate::dto::{ProposalView, ProposeInput};
use crate::error::AppResult;
use crate::{parse, AppState};
use chrono::NaiveDate;
use mille::pricing;
use tauri::State;

/// A rate proposal (and, with an offer, its check), as of today.
#[tauri::command]
pub async fn propose(state: State<'_, AppState>, input: ProposeInput) -> AppResult<ProposalView> {
    propose_at(&state.db, &input, today())
}

pub(crate) fn propose_at(db: &Db, input: &ProposeInput, as_of: NaiveDate) -> AppResult<ProposalView> {
    let h = db.history()?;
    let req = parse::request(input, h.base(), as_of)?;
    Ok(ProposalView::of(pricing::propose(&h.posts, &h.settings()?, &req, h.base())?))
}
