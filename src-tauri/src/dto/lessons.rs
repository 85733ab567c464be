//! What deals teach: the report Insights shows ("How quotes land", "How brands pay"),
//! the core's own `mille deals report --json` object (so the window shows exactly its
//! figures); Propose's history beside its prices; a deal's quoted vs delivered.

use mille::deals::teach::json::{self, BrandPayJson, PipelineJson, QuotesJson};
use mille::deals::teach::Teach;
use mille::desk::lessons::{Accepted, Delivered};
use mille::money;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What deals teach, as `mille deals report --json` prints it (the core's
/// [`TeachJson`]), less the quoted-vs-delivered list the window does not show.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DealsReportView {
    pub as_of: String,
    pub currency: String,
    pub pipeline: PipelineJson,
    pub brands_pay: Vec<BrandPayJson>,
    pub quotes_land: QuotesJson,
}

impl DealsReportView {
    pub fn of(t: &Teach) -> DealsReportView {
        let j = json::to_json(t);
        DealsReportView {
            as_of: j.as_of.to_string(),
            currency: j.currency,
            pipeline: j.pipeline,
            brands_pay: j.brands_pay,
            quotes_land: j.quotes_land,
        }
    }
}

/// Propose's history at one price point: "4 of 5 quotes at target were accepted".
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AcceptedView {
    pub price_point: String,
    pub won: usize,
    pub n: usize,
    pub thin: bool,
    pub text: String,
}

impl AcceptedView {
    pub fn of(a: &Accepted) -> AcceptedView {
        AcceptedView {
            price_point: a.share.price_point.clone(),
            won: a.share.won,
            n: a.share.n,
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
