//! Deals: the Deals screen's board in one answer, a deal's panel and its actions
//! (new deal, offer with its live check, book, log the deliverables, invoice, pay,
//! move stage), Propose's "Save as deal" and its exclusivity warnings, the open deals
//! a logged post may join, and the Overview's money side. Each is a short call into
//! `mille::desk` (the CLI's `mille deals …`), reading and writing under the lock only.

use super::today;
use crate::db::Db;
use crate::dto::{
    BookingInput, DealInput, DealPanelView, DealRowView, DealsBoardView, DealsMoneyView, OfferCheckView, OfferInput,
    ProposeInput,
};
use crate::error::{AppError, AppResult};
use crate::parse::{self, deals as read};
use crate::AppState;
use chrono::NaiveDate;
use mille::desk::{self, board, lessons, DealsError};
use mille::pricing;
use mille::ratecard::PricePoint;
use tauri::State;

/// The panel of deal `id` as of `today`, with what it delivered against its quote.
pub(crate) fn panel(db: &Db, id: i64, today: NaiveDate) -> AppResult<DealPanelView> {
    Ok(DealPanelView::of(db.read(|s| Ok(lessons::panel(s, id, today)?))?))
}

/// The board: every stage with its total and first rows (every row of `whole`); with
/// `overdue`, only the overdue deals (the money side stays every deal's).
#[tauri::command]
pub async fn deals_board(state: State<'_, AppState>, whole: String, overdue: bool) -> AppResult<DealsBoardView> {
    board_of(&state.db, &whole, overdue, today())
}

pub(crate) fn board_of(db: &Db, whole: &str, overdue: bool, today: NaiveDate) -> AppResult<DealsBoardView> {
    let whole = read::opt_stage(whole)?;
    let deals = db.read(|s| Ok(s.deals()?))?;
    Ok(DealsBoardView::of(&lessons::overdue_board(&deals, today, overdue).map_err(DealsError::from)?, whole))
}

/// Booked, owed and overdue, for the Overview.
#[tauri::command]
pub async fn deals_money(state: State<'_, AppState>) -> AppResult<DealsMoneyView> {
    let deals = state.db.read(|s| Ok(s.deals()?))?;
    Ok(DealsMoneyView::of(&board::money_of(&deals, today()).map_err(DealsError::from)?))
}

#[tauri::command]
pub async fn deal_show(state: State<'_, AppState>, id: i64) -> AppResult<DealPanelView> {
    panel(&state.db, id, today())
}

/// A new deal at `inquiry`, dated today.
#[tauri::command]
pub async fn deal_add(state: State<'_, AppState>, input: DealInput) -> AppResult<DealPanelView> {
    add_at(&state.db, &input, today())
}

pub(crate) fn add_at(db: &Db, input: &DealInput, today: NaiveDate) -> AppResult<DealPanelView> {
    let new = read::new_deal(input, &db.base()?, today)?;
    panel(db, db.write(|s| Ok(desk::add(s, &new)?))?, today)
}

/// Moves a deal by hand, dated `date` (empty: today).
#[tauri::command]
pub async fn deal_stage(state: State<'_, AppState>, id: i64, stage: String, date: String) -> AppResult<DealPanelView> {
    stage_at(&state.db, id, (&stage, &date), today())
}

pub(crate) fn stage_at(db: &Db, id: i64, (stage, date): (&str, &str), today: NaiveDate) -> AppResult<DealPanelView> {
    let (stage, date) = (read::stage(stage)?, read::day(date, today)?);
    db.write(|s| Ok(desk::set_stage(s, id, stage, date)?))?;
    panel(db, id, today)
}

/// A brand's offer checked against the deal's proposal, not recorded (as it is typed).
#[tauri::command]
pub async fn deal_check_offer(state: State<'_, AppState>, id: i64, amount: String) -> AppResult<OfferCheckView> {
    check_of(&state.db, id, &amount)
}

pub(crate) fn check_of(db: &Db, id: i64, amount: &str) -> AppResult<OfferCheckView> {
    let amount = read::amount(amount, &db.base()?)?;
    let check = db.read(|s| Ok(desk::check_offer(s, id, amount)?))?;
    Ok(OfferCheckView { verdict: check.map(|c| c.0.as_str().to_string()), percentile: check.map(|c| c.1) })
}

/// Records an offer, dated today (a brand's is checked and the check kept with it).
#[tauri::command]
pub async fn deal_offer(state: State<'_, AppState>, id: i64, input: OfferInput) -> AppResult<DealPanelView> {
    offer_at(&state.db, id, &input, today())
}

pub(crate) fn offer_at(db: &Db, id: i64, input: &OfferInput, today: NaiveDate) -> AppResult<DealPanelView> {
    let (amount, from, note) = read::offer(input, &db.base()?)?;
    db.write(|s| Ok(desk::record_offer(s, id, from, amount, today, &note)?))?;
    panel(db, id, today)
}

/// Books a deal today: the agreed fee (empty: the default) and add-ons.
#[tauri::command]
pub async fn deal_book(state: State<'_, AppState>, id: i64, input: BookingInput) -> AppResult<DealPanelView> {
    book_at(&state.db, id, &input, today())
}

pub(crate) fn book_at(db: &Db, id: i64, input: &BookingInput, today: NaiveDate) -> AppResult<DealPanelView> {
    let booking = read::booking(input, &db.base()?)?;
    db.write(|s| Ok(desk::book(s, id, &booking, today)?))?;
    panel(db, id, today)
}

/// Logs the deliverables as posts, dated `date` (empty: each one's due date).
#[tauri::command]
pub async fn deal_log_posts(state: State<'_, AppState>, id: i64, date: String) -> AppResult<DealPanelView> {
    log_posts_at(&state.db, id, &date, today())
}

pub(crate) fn log_posts_at(db: &Db, id: i64, date: &str, today: NaiveDate) -> AppResult<DealPanelView> {
    let date = read::opt_day(date)?;
    db.write(|s| Ok(desk::log_posts(s, id, date, today)?))?;
    panel(db, id, today)
}

/// Invoices a deal on `date` (empty: today); issuing again keeps its number and dates.
#[tauri::command]
pub async fn deal_invoice(state: State<'_, AppState>, id: i64, date: String) -> AppResult<DealPanelView> {
    invoice_at(&state.db, id, &date, today())
}

pub(crate) fn invoice_at(db: &Db, id: i64, date: &str, today: NaiveDate) -> AppResult<DealPanelView> {
    let date = read::day(date, today)?;
    db.write(|s| Ok(desk::invoice(s, id, date)?))?;
    panel(db, id, today)
}

/// Records a payment received on `date` (empty: today): what "How brands pay" counts
/// its days to pay from, so a payment entered late keeps the day it came in.
#[tauri::command]
pub async fn deal_pay(state: State<'_, AppState>, id: i64, amount: String, date: String) -> AppResult<DealPanelView> {
    pay_at(&state.db, id, (&amount, &date), today())
}

pub(crate) fn pay_at(db: &Db, id: i64, (amount, date): (&str, &str), today: NaiveDate) -> AppResult<DealPanelView> {
    let amount = read::amount(amount, &db.base()?)?;
    let date = read::day(date, today)?;
    db.write(|s| Ok(desk::pay(s, id, amount, date)?))?;
    panel(db, id, today)
}

/// Propose's "Save as deal": the proposal of `input` quoted at `price_point`, kept on
/// a new deal at `negotiating` with its brand. Priced with the store released.
#[tauri::command]
pub async fn deal_save_proposal(
    state: State<'_, AppState>,
    input: ProposeInput,
    price_point: String,
) -> AppResult<DealPanelView> {
    save_proposal_at(&state.db, &input, &price_point, today())
}

pub(crate) fn save_proposal_at(
    db: &Db,
    input: &ProposeInput,
    point: &str,
    today: NaiveDate,
) -> AppResult<DealPanelView> {
    let point = match parse::price_point(point)? {
        PricePoint::Target => "target",
        PricePoint::Anchor => "anchor",
    };
    let h = db.history()?;
    let req = parse::request(input, h.base(), today)?;
    let brand = req.brand.clone().ok_or_else(|| AppError::field("brand", "give the brand to save the deal with"))?;
    let settings = h.settings()?;
    let proposal = pricing::propose(&h.posts, &settings, &req, h.base())?;
    let snapshot = desk::snapshot_of(&proposal, point, (&h.posts, &settings, &req))?;
    let id = db.write(|s| Ok(desk::save_snapshot(s, (&brand, &proposal.currency), snapshot, &req, today)?))?;
    panel(db, id, today)
}

/// The exclusivity warnings of a campaign for `brand` on `date` (none without both).
#[tauri::command]
pub async fn proposal_warnings(state: State<'_, AppState>, brand: String, date: String) -> AppResult<Vec<String>> {
    warnings_of(&state.db, &brand, &date)
}

pub(crate) fn warnings_of(db: &Db, brand: &str, date: &str) -> AppResult<Vec<String>> {
    match (brand.trim(), read::opt_day(date)?) {
        ("", _) | (_, None) => Ok(Vec::new()),
        (b, Some(d)) => db.read(|s| Ok(desk::proposal_warnings(s, b, vec![d])?)),
    }
}

/// The deals of `brand` a newly logged post may join (not paid, not ended).
#[tauri::command]
pub async fn open_deals(state: State<'_, AppState>, brand: String) -> AppResult<Vec<DealRowView>> {
    Ok(state.db.read(|s| Ok(board::open_deals(s, &brand)?))?.iter().map(DealRowView::of).collect())
}
