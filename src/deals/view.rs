//! A deal as `deals show --json` prints it (deals.md, "Commands"): amounts as decimal
//! strings, dates as `YYYY-MM-DD`, and its warnings — exclusivity clashes with other
//! brands' windows, and linked posts whose fees do not sum to the agreed fee.
//!
//! Beyond the contract's fields it carries `category`, `net_days`, `status` (`unpaid`,
//! `partly paid`, `paid`) and each offer's `note`. The proposal is the kept snapshot
//! object (`{"proposal", "price_point", "totals_by_q"}`), or null.

use super::exclusivity::{self, Candidate, Window};
use super::owed::{owed, Owed};
use super::{Deal, StageEntry};
use crate::money;
use crate::pricing::UsageRights;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeliverableView {
    pub platform: String,
    pub format: String,
    pub quantity: u32,
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfferView {
    pub date: NaiveDate,
    pub from: &'static str,
    pub amount: String,
    pub note: String,
    pub verdict: Option<&'static str>,
    pub percentile: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentView {
    /// Null when the day is not known (an imported `paid` row without `paid_on`).
    pub date: Option<NaiveDate>,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddOnsView {
    /// Days, `"perpetual"`, or null.
    #[cfg_attr(feature = "ts", ts(as = "Option<crate::pricing::AddOnDays>"))]
    pub usage_rights: Value,
    pub exclusivity: Option<u32>,
    pub whitelisting: Option<u32>,
    pub rush: bool,
}

/// One deal, shaped for JSON and the human view.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DealView {
    pub id: i64,
    pub brand: String,
    pub category: String,
    pub title: String,
    pub stage: &'static str,
    pub stages: Vec<StageEntry>,
    pub deliverables: Vec<DeliverableView>,
    /// The kept snapshot object as stored, `{"proposal", "price_point", "totals_by_q"}`.
    #[cfg_attr(feature = "ts", ts(as = "Option<super::snapshot::SnapshotShape>"))]
    pub proposal: Option<super::snapshot::RawJson>,
    pub offers: Vec<OfferView>,
    pub agreed_fee: Option<String>,
    pub currency: String,
    pub fx_rate: Option<String>,
    pub add_ons: AddOnsView,
    pub net_days: Option<u32>,
    pub invoice: Option<super::Invoice>,
    pub payments: Vec<PaymentView>,
    pub paid: String,
    pub outstanding: String,
    pub status: &'static str,
    pub overdue_days: Option<i64>,
    pub posts: Vec<i64>,
    pub warnings: Vec<String>,
}

/// The money side of `deal` on `today`. A deal at an end (declined, lost, cancelled)
/// is never overdue: nothing more is expected of it.
pub fn owed_of(deal: &Deal, today: NaiveDate) -> Owed {
    let payments: Vec<_> = deal.payments.iter().map(|p| p.amount).collect();
    let due = deal.invoice.as_ref().map(|i| i.due).filter(|_| !deal.stage.is_end());
    owed(deal.agreed_fee, &payments, due, today)
}

/// The warnings of `deal` against every window held (`windows`, from all deals), in
/// the base currency `base` for the fee check. A deal at an end (declined, lost,
/// cancelled) gets no exclusivity warning: it will not run.
pub fn warnings(deal: &Deal, windows: &Windows, base: &str) -> Vec<String> {
    let mut out = Vec::new();
    let same_category = windows.get(&deal.category.trim().to_lowercase()).map(Vec::as_slice).unwrap_or(&[]);
    if !deal.stage.is_end() && !same_category.is_empty() {
        let c = Candidate { deal_id: Some(deal.id), brand: &deal.brand, category: &deal.category, dates: deal.dates() };
        out.extend(exclusivity::warnings(&c, same_category));
    }
    if let (Some(fee), false) = (deal.agreed_fee, deal.posts.is_empty()) {
        let agreed = money::round(deal.fx_rate.map_or(fee, |r| fee * r), 2);
        let sum = money::round(deal.posts.iter().map(|p| p.fee_base).sum(), 2);
        if sum != agreed {
            out.push(format!(
                "the linked posts' fees sum to {}, not the agreed fee of {}",
                money::display(sum, base, 2),
                money::display(agreed, base, 2)
            ));
        }
    }
    out
}

/// The windows the deals hold, by category in lower case (so a deal is checked only
/// against its own category's windows: 10^4 deals stay fast).
pub type Windows = HashMap<String, Vec<Window>>;

/// Every window the deals hold.
pub fn windows(deals: &[Deal]) -> Windows {
    let mut out = Windows::new();
    for w in deals.iter().filter_map(Deal::window) {
        out.entry(w.category.to_lowercase()).or_default().push(w);
    }
    out
}

/// `deal` as shown, on `today`, with its warnings against `windows`.
pub fn view(deal: &Deal, windows: &Windows, base: &str, today: NaiveDate) -> DealView {
    let o = owed_of(deal, today);
    DealView {
        id: deal.id,
        brand: deal.brand.clone(),
        category: deal.category.clone(),
        title: deal.title.clone(),
        stage: deal.stage.as_str(),
        stages: deal.stages.clone(),
        deliverables: deal
            .deliverables
            .iter()
            .map(|d| DeliverableView {
                platform: d.platform.as_str().to_string(),
                format: d.format.as_str().to_string(),
                quantity: d.quantity,
                due: d.due,
            })
            .collect(),
        proposal: deal.proposal.as_ref().map(|s| s.json.clone()),
        offers: deal
            .offers
            .iter()
            .map(|x| OfferView {
                date: x.date,
                from: x.from.as_str(),
                amount: money::fixed(x.amount, 2),
                note: x.note.clone(),
                verdict: x.verdict.map(|v| v.as_str()),
                percentile: x.percentile,
            })
            .collect(),
        agreed_fee: deal.agreed_fee.map(|f| money::fixed(f, 2)),
        currency: deal.currency.clone(),
        fx_rate: deal.fx_rate.map(|r| r.to_string()),
        add_ons: AddOnsView {
            usage_rights: match deal.add_ons.usage_rights {
                Some(UsageRights::Days(d)) => Value::from(d),
                Some(UsageRights::Perpetual) => Value::from("perpetual"),
                None => Value::Null,
            },
            exclusivity: deal.add_ons.exclusivity_days,
            whitelisting: deal.add_ons.whitelisting_days,
            rush: deal.add_ons.rush,
        },
        net_days: deal.net_days,
        invoice: deal.invoice.clone(),
        payments: deal
            .payments
            .iter()
            .map(|p| PaymentView { date: p.date, amount: money::fixed(p.amount, 2) })
            .collect(),
        paid: money::fixed(o.paid, 2),
        outstanding: money::fixed(o.outstanding, 2),
        status: o.status.as_str(),
        overdue_days: o.overdue_days,
        posts: deal.posts.iter().map(|p| p.id).collect(),
        warnings: warnings(deal, windows, base),
    }
}
