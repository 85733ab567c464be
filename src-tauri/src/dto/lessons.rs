//! What deals teach: the report Insights shows ("How quotes land", "How brands pay"),
//! read from the JSON `mille deals report --json` prints (so the window shows exactly
//! its figures); Propose's history beside its prices; a deal's quoted vs delivered.

use super::to_view;
use crate::error::AppResult;
use mille::deals::teach::{json, Teach};
use mille::desk::lessons::{Accepted, Delivered};
use mille::money;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One stage of the pipeline: its deals and their total in the base currency.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StageTotalView {
    pub stage: String,
    pub n: u32,
    pub thin: bool,
    pub total: String,
    pub unpriced: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PipelineView {
    pub stages: Vec<StageTotalView>,
}

/// How one brand pays: the median days from invoice to full payment over its `n`
/// paid deals (`"37.5"`, null without one) and its deals overdue.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BrandPayView {
    pub brand: String,
    pub n: u32,
    pub thin: bool,
    pub median_days: Option<String>,
    pub overdue: u32,
}

/// Of the decided quotes at a price point, how many were won.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PointShareView {
    pub price_point: String,
    pub won: u32,
    pub n: u32,
    pub thin: bool,
}

/// The median percentile agreed (`"62"`, null without one) over `n` won deals.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MedianPercentileView {
    pub value: Option<String>,
    pub n: u32,
    pub thin: bool,
}

/// One decided quote: won or not, and the agreed fee's percentile when won.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuoteOutcomeView {
    #[ts(type = "number")]
    pub id: i64,
    pub brand: String,
    pub price_point: String,
    pub won: bool,
    pub percentile: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuotesLandView {
    pub n: u32,
    pub thin: bool,
    pub won: u32,
    pub by_price_point: Vec<PointShareView>,
    pub median_percentile: MedianPercentileView,
    pub deals: Vec<QuoteOutcomeView>,
}

/// What deals teach, as `mille deals report --json` prints it (the parts the window
/// shows).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DealsReportView {
    pub as_of: String,
    pub currency: String,
    pub pipeline: PipelineView,
    pub brands_pay: Vec<BrandPayView>,
    pub quotes_land: QuotesLandView,
}

impl DealsReportView {
    pub fn of(t: &Teach) -> AppResult<DealsReportView> {
        to_view(&json::to_json(t))
    }
}

/// Propose's history at one price point: "4 of 5 quotes at target were accepted".
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AcceptedView {
    pub price_point: String,
    pub won: u32,
    pub n: u32,
    pub thin: bool,
    pub text: String,
}

impl AcceptedView {
    pub fn of(a: &Accepted) -> AcceptedView {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        AcceptedView {
            price_point: a.share.price_point.clone(),
            won: count(a.share.won),
            n: count(a.share.n),
            thin: a.share.thin,
            text: a.text.clone(),
        }
    }
}

/// A deal quoted against delivered: impressions projected and delivered with the
/// change (`"+15 %"`), the agreed fee and the quoted and delivered CPM in the base
/// currency (decimal strings to the cent).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeliveredView {
    #[ts(type = "number")]
    pub projected: u64,
    #[ts(type = "number")]
    pub delivered: u64,
    pub change: Option<String>,
    pub fee: String,
    pub quoted_cpm: Option<String>,
    pub delivered_cpm: Option<String>,
}

impl DeliveredView {
    pub fn of(d: &Delivered) -> DeliveredView {
        let v = &d.delivery;
        DeliveredView {
            projected: v.projected,
            delivered: v.delivered,
            change: d.change.clone(),
            fee: money::fixed(v.fee, 2),
            quoted_cpm: v.quoted_cpm.map(|c| money::fixed(c, 2)),
            delivered_cpm: v.delivered_cpm.map(|c| money::fixed(c, 2)),
        }
    }
}
