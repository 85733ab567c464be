//! Deals: the board (stages with their totals, one row per deal), a deal's panel as
//! `mille deals show --json` prints it, the money side for the Overview, and the deal
//! forms as typed. Amounts are the core's decimal strings.

use super::Labels;
use mille::deals::Stage;
use mille::desk::board::{Board, Money, Row, Tally};
use mille::desk::lessons::TaughtPanel;
use mille::money;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many rows of a stage the board sends unless that stage is asked for whole.
pub const ROWS_SHOWN: usize = 50;

/// A count of deals and their amount in the base currency.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TallyView {
    #[ts(type = "number")]
    pub count: u64,
    pub amount: String,
}

impl TallyView {
    fn of(t: &Tally) -> TallyView {
        TallyView { count: t.count as u64, amount: money::fixed(t.amount, 2) }
    }
}

/// Booked (agreed, not invoiced), owed (invoiced, unpaid) and of it overdue.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DealsMoneyView {
    pub booked: TallyView,
    pub owed: TallyView,
    pub overdue: TallyView,
}

impl DealsMoneyView {
    pub fn of(m: &Money) -> DealsMoneyView {
        DealsMoneyView {
            booked: TallyView::of(&m.booked),
            owed: TallyView::of(&m.owed),
            overdue: TallyView::of(&m.overdue),
        }
    }
}

/// One deal on the board.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DealRowView {
    #[ts(type = "number")]
    pub id: i64,
    pub brand: String,
    pub title: String,
    pub stage: String,
    /// Its agreed fee, else its last offer or quoted total, in the base currency.
    pub value: Option<String>,
    pub outstanding: Option<String>,
    #[ts(type = "number | null")]
    pub overdue_days: Option<i64>,
    pub due: Option<String>,
}

impl DealRowView {
    pub fn of(r: &Row) -> DealRowView {
        DealRowView {
            id: r.id,
            brand: r.brand.clone(),
            title: r.title.clone(),
            stage: r.stage.as_str().to_string(),
            value: r.value.map(|v| money::fixed(v, 2)),
            outstanding: r.outstanding.map(|v| money::fixed(v, 2)),
            overdue_days: r.overdue_days,
            due: r.due.map(|d| d.to_string()),
        }
    }
}

/// One stage of the board: its total, its first rows, and how many more it holds.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DealColumnView {
    pub stage: String,
    pub total: TallyView,
    pub rows: Vec<DealRowView>,
    #[ts(type = "number")]
    pub more: u64,
}

/// The Deals screen's data, in one answer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DealsBoardView {
    pub columns: Vec<DealColumnView>,
    pub money: DealsMoneyView,
}

impl DealsBoardView {
    /// The board with at most [`ROWS_SHOWN`] rows a stage, but every row of `whole`.
    pub fn of(b: &Board, whole: Option<Stage>) -> DealsBoardView {
        let columns = b
            .columns
            .iter()
            .map(|c| {
                let shown = if Some(c.stage) == whole { c.rows.len() } else { c.rows.len().min(ROWS_SHOWN) };
                DealColumnView {
                    stage: c.stage.as_str().to_string(),
                    total: TallyView::of(&c.total),
                    rows: c.rows[..shown].iter().map(DealRowView::of).collect(),
                    more: (c.rows.len() - shown) as u64,
                }
            })
            .collect();
        DealsBoardView { columns, money: DealsMoneyView::of(&b.money) }
    }
}

/// Everything about one deal: the core's view, as `mille deals show --json` prints it,
/// the fee booking takes when none is typed, what it delivered against its quote, and
/// the names of its platforms and formats (its deliverables' and its proposal's).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DealPanelView {
    #[serde(flatten)]
    pub deal: mille::deals::view::DealView,
    pub default_fee: Option<String>,
    /// Quoted vs delivered, once it has a proposal, a fee and measured posts.
    pub delivered: Option<super::DeliveredView>,
    pub names: Labels,
}

impl DealPanelView {
    pub fn of(t: TaughtPanel) -> DealPanelView {
        let mut names = Labels::default();
        for d in &t.deal.deliverables {
            names.add(d.platform, &d.format);
        }
        for l in t.deal.proposal.iter().flat_map(|p| &p.lines) {
            names.add(l.platform, &l.format);
        }
        DealPanelView {
            deal: t.panel.view,
            default_fee: t.panel.default_fee.map(|f| money::fixed(f, 2)),
            delivered: t.delivered.as_ref().map(super::DeliveredView::of),
            names,
        }
    }
}

/// A brand's offer checked as it is typed (null without a proposal to check against).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OfferCheckView {
    pub verdict: Option<String>,
    pub percentile: Option<u32>,
}

/// One deliverable of the New deal form, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DealLineInput {
    pub platform: String,
    pub format: String,
    pub quantity: String,
    /// Empty, or the day it is due.
    pub due: String,
}

/// The New deal form, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DealInput {
    pub brand: String,
    pub title: String,
    pub deliverables: Vec<DealLineInput>,
}

/// An offer, as typed: amount, who made it (`brand`, `creator`), a note.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct OfferInput {
    pub amount: String,
    pub from: String,
    pub note: String,
}

/// The Book form, as typed; an empty fee takes the default.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct BookingInput {
    pub fee: String,
    pub currency: String,
    pub fx_rate: String,
    pub exclusivity: String,
    pub usage_rights: String,
    pub whitelisting: String,
    pub rush: bool,
}

impl std::ops::Deref for DealPanelView {
    type Target = mille::deals::view::DealView;
    fn deref(&self) -> &Self::Target {
        &self.deal
    }
}
