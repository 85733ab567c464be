//! Deals: the board (stages with their totals, one row per deal), a deal's panel as
//! `mille deals show --json` prints it, the money side for the Overview, and the deal
//! forms as typed. Amounts are the core's decimal strings.

use super::{to_view, ProposalView};
use crate::error::AppResult;
use mille::deals::Stage;
use mille::desk::board::{Board, Money, Row, Tally};
use mille::desk::lessons::TaughtPanel;
use mille::model::{Format, Platform};
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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StageEntryView {
    pub stage: String,
    pub date: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DealDeliverableView {
    pub platform: String,
    pub format: String,
    pub quantity: u32,
    pub due: Option<String>,
    #[serde(default)]
    pub platform_name: String,
    #[serde(default)]
    pub format_name: String,
}

/// An offer on a deal, with its check when it was the brand's on a quoted deal.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DealOfferView {
    pub date: String,
    pub from: String,
    pub amount: String,
    pub note: String,
    pub verdict: Option<String>,
    pub percentile: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DealPaymentView {
    pub date: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DealInvoiceView {
    pub number: String,
    pub date: String,
    pub due: String,
}

/// The add-ons agreed: usage rights in days or `"perpetual"`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DealAddOnsView {
    pub usage_rights: Option<super::AddOnDaysView>,
    pub exclusivity: Option<u32>,
    pub whitelisting: Option<u32>,
    pub rush: bool,
}

/// The proposal a deal was quoted from, and the price point quoted.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DealProposalView {
    pub proposal: ProposalView,
    pub price_point: String,
}

/// Everything about one deal, as `mille deals show --json` prints it, the fee booking
/// takes when none is typed, and what it delivered against its quote.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DealView {
    #[ts(type = "number")]
    pub id: i64,
    pub brand: String,
    pub category: String,
    pub title: String,
    pub stage: String,
    pub stages: Vec<StageEntryView>,
    pub deliverables: Vec<DealDeliverableView>,
    pub proposal: Option<DealProposalView>,
    pub offers: Vec<DealOfferView>,
    pub agreed_fee: Option<String>,
    pub currency: String,
    pub fx_rate: Option<String>,
    pub add_ons: DealAddOnsView,
    pub net_days: Option<u32>,
    pub invoice: Option<DealInvoiceView>,
    pub payments: Vec<DealPaymentView>,
    pub paid: String,
    pub outstanding: String,
    pub status: String,
    #[ts(type = "number | null")]
    pub overdue_days: Option<i64>,
    #[ts(type = "Array<number>")]
    pub posts: Vec<i64>,
    pub warnings: Vec<String>,
    #[serde(default)]
    pub default_fee: Option<String>,
    /// Quoted vs delivered, once it has a proposal, a fee and measured posts.
    #[serde(default)]
    pub delivered: Option<super::DeliveredView>,
}

impl DealView {
    pub fn of(t: &TaughtPanel) -> AppResult<DealView> {
        let p = &t.panel;
        let mut v: DealView = to_view(&p.view)?;
        v.default_fee = p.default_fee.map(|f| money::fixed(f, 2));
        v.delivered = t.delivered.as_ref().map(super::DeliveredView::of);
        for d in &mut v.deliverables {
            d.platform_name =
                Platform::from_slug(&d.platform).map_or(d.platform.clone(), |p| p.display_name().to_string());
            d.format_name = Format::parse(&d.format).map_or(d.format.clone(), |f| f.display_name());
        }
        if let Some(q) = &mut v.proposal {
            q.proposal.name_lines();
        }
        Ok(v)
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
