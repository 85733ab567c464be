//! The deals board (deals.md, "In the app" and "What deals teach: Pipeline"): the
//! deals grouped by stage with each stage's count and total in the base currency, one
//! short row per deal, and the money side the Overview shows — booked but not invoiced,
//! owed (invoiced, unpaid) and overdue, each with its count. Pure over the deals as
//! kept ([`pipeline`], [`row`]); [`board`] and [`money`] read them from the store.
//!
//! What a deal is worth, what is booked, owed and overdue are the deals report's own
//! definitions ([`crate::deals::teach::pipeline`]: [`amount`], [`owing`],
//! [`booked_not_invoiced`]), so the Deals screen, the Overview and `mille deals report`
//! always agree; amounts are kept exact and rounded only when shown. Rows within a
//! stage: overdue first (most days first), then newest first (id).

use super::Result;
use crate::deals::teach::pipeline::{amount, booked_not_invoiced, owing};
use crate::deals::teach::TooLarge;
use crate::deals::view::DealView;
use crate::deals::{Deal, Stage};
use crate::store::Store;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A count of deals and their amount in the base currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub count: usize,
    pub amount: Decimal,
}

impl Tally {
    fn add(&mut self, amount: Decimal, deal: i64) -> std::result::Result<(), TooLarge> {
        self.count += 1;
        self.amount = self.amount.checked_add(amount).ok_or(TooLarge(deal))?;
        Ok(())
    }
}

/// The money side of all deals on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Money {
    /// Agreed, not yet invoiced (`booked`, `delivered`).
    pub booked: Tally,
    /// Invoiced and not paid: the outstanding amounts.
    pub owed: Tally,
    /// Of the owed, those past their due date.
    pub overdue: Tally,
}

/// One deal on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: i64,
    pub brand: String,
    pub title: String,
    pub stage: Stage,
    /// In the base currency (see the module's decisions); `None` when unknown.
    pub value: Option<Decimal>,
    /// Outstanding, in the base currency, when invoiced and not paid.
    pub outstanding: Option<Decimal>,
    pub overdue_days: Option<i64>,
    /// The first due date of its deliverables.
    pub due: Option<NaiveDate>,
}

/// One stage of the board: its count and total, and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub stage: Stage,
    pub total: Tally,
    pub rows: Vec<Row>,
}

/// The board: every stage in [`Stage::ALL`] order (empty ones included), and the money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    pub columns: Vec<Column>,
    pub money: Money,
}

/// A deal's row on `today`.
pub fn row(deal: &Deal, today: NaiveDate) -> std::result::Result<Row, TooLarge> {
    let owed = owing(deal, today)?;
    Ok(Row {
        id: deal.id,
        brand: deal.brand.clone(),
        title: deal.title.clone(),
        stage: deal.stage,
        value: amount(deal)?,
        outstanding: owed.map(|(out, _)| out),
        overdue_days: owed.and_then(|(_, days)| days),
        due: deal.deliverables.iter().filter_map(|d| d.due).min(),
    })
}

/// The money side of `deals` on `today`.
pub fn money_of(deals: &[Deal], today: NaiveDate) -> std::result::Result<Money, TooLarge> {
    let mut m = Money::default();
    for d in deals {
        tally(&mut m, d, &row(d, today)?)?;
    }
    Ok(m)
}

fn tally(m: &mut Money, deal: &Deal, r: &Row) -> std::result::Result<(), TooLarge> {
    if booked_not_invoiced(deal) {
        m.booked.add(r.value.unwrap_or_default(), deal.id)?;
    }
    if let Some(out) = r.outstanding {
        m.owed.add(out, deal.id)?;
        if r.overdue_days.is_some() {
            m.overdue.add(out, deal.id)?;
        }
    }
    Ok(())
}

/// The board of `deals` on `today`.
pub fn pipeline(deals: &[Deal], today: NaiveDate) -> std::result::Result<Board, TooLarge> {
    let mut columns: Vec<Column> =
        Stage::ALL.iter().map(|&stage| Column { stage, total: Tally::default(), rows: Vec::new() }).collect();
    let mut m = Money::default();
    for d in deals {
        let r = row(d, today)?;
        tally(&mut m, d, &r)?;
        if let Some(c) = columns.iter_mut().find(|c| c.stage == d.stage) {
            c.rows.push(r);
        }
    }
    for c in &mut columns {
        c.total = total_of(&c.rows)?;
        c.rows.sort_by(|a, b| b.overdue_days.unwrap_or(-1).cmp(&a.overdue_days.unwrap_or(-1)).then(b.id.cmp(&a.id)));
    }
    Ok(Board { columns, money: m })
}

/// A stage's count and total: its rows' values (an unknown value counts, adding nothing).
fn total_of(rows: &[Row]) -> std::result::Result<Tally, TooLarge> {
    let mut t = Tally::default();
    for r in rows {
        t.add(r.value.unwrap_or_default(), r.id)?;
    }
    Ok(t)
}

impl Board {
    /// The board with only the rows `keep` admits in each stage, the stages' totals
    /// theirs; the money side stays that of every deal.
    pub fn keep_rows(mut self, keep: impl Fn(&Row) -> bool) -> std::result::Result<Board, TooLarge> {
        for c in &mut self.columns {
            c.rows.retain(&keep);
            c.total = total_of(&c.rows)?;
        }
        Ok(self)
    }
}

/// The board, read from the store.
pub fn board(store: &Store, today: NaiveDate) -> Result<Board> {
    Ok(pipeline(&store.deals()?, today)?)
}

/// The money side, read from the store.
pub fn money(store: &Store, today: NaiveDate) -> Result<Money> {
    Ok(money_of(&store.deals()?, today)?)
}

/// What the app's deal panel shows: the deal as `deals show` prints it, and the fee
/// booking takes when none is given (before booking: the last offer, else the quoted
/// total — what [`super::book`] takes).
#[derive(Debug, Clone)]
pub struct Panel {
    pub view: DealView,
    pub default_fee: Option<Decimal>,
}

/// The panel of `deal` (read with `Store::deal`) on `today`.
pub fn panel(store: &Store, deal: &Deal, today: NaiveDate) -> Result<Panel> {
    let default_fee = if deal.agreed_fee.is_none() { amount(deal)? } else { None };
    Ok(Panel { view: super::shown(store, deal, today)?, default_fee })
}

/// The open deals of a brand, read from the store (see [`open_for_brand`]).
pub fn open_deals(store: &Store, brand: &str) -> Result<Vec<Row>> {
    Ok(open_for_brand(&store.deals()?, brand)?)
}

/// The deals of `brand` (case-insensitive) still open for a post: not paid and not at
/// an end, newest first.
pub fn open_for_brand(deals: &[Deal], brand: &str) -> std::result::Result<Vec<Row>, TooLarge> {
    let b = brand.trim().to_lowercase();
    let mut out: Vec<Row> = deals
        .iter()
        .filter(|d| d.brand.to_lowercase() == b && !d.stage.is_end() && d.stage != Stage::Paid)
        .map(|d| row(d, NaiveDate::MIN))
        .collect::<std::result::Result<_, _>>()?;
    out.sort_by_key(|r| std::cmp::Reverse(r.id));
    Ok(out)
}

#[cfg(test)]
mod tests;
