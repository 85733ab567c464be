//! The proposal a deal was quoted from, as kept (deals.md, "What is kept"): the
//! `propose --json` object as it was printed (floor/target/anchor per line and in
//! total, projected impressions, as_of, …), the price point quoted (`target` or
//! `anchor`), and the unrounded total at every q = 0.00 … 1.00
//! ([`crate::pricing::snapshot::totals_by_quantile`]), written as exact decimal
//! strings (`null` where a total was past what a decimal holds). Stored as one JSON
//! text: `{"proposal": {…}, "price_point": "target", "totals_by_q": ["…", …]}`.
//!
//! Reading it back checks what later rules need (101 totals, the rounded totals, the
//! campaign date, each line's rounded target price) so a damaged snapshot is an
//! error once, not a panic later.

use crate::model::{Format, Platform};
use crate::pricing::{PricePoints, Proposal};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

/// One line of the quoted proposal, as the fee split needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotLine {
    pub platform: Platform,
    pub format: Format,
    pub quantity: u32,
    /// The line's rounded target price (all units).
    pub target: Decimal,
}

/// A kept proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The stored object, shown as is by `deals show --json`.
    pub json: Value,
    /// The campaign date it was priced for.
    pub date: NaiveDate,
    /// The rounded totals.
    pub total: PricePoints,
    /// `target` or `anchor`.
    pub price_point: String,
    pub lines: Vec<SnapshotLine>,
    /// Index p: the unrounded total at q = p/100.
    pub totals: Vec<Option<Decimal>>,
}

impl Snapshot {
    /// The snapshot of a proposal quoted at `price_point` with its 101 totals.
    pub fn new(proposal: &Proposal, price_point: &str, totals: &[Option<Decimal>]) -> Result<Snapshot, String> {
        let mut p = serde_json::to_value(proposal).map_err(|e| e.to_string())?;
        if let Some(map) = p.as_object_mut() {
            map.remove("offer");
        }
        let totals: Vec<Value> =
            totals.iter().map(|t| t.map_or(Value::Null, |t| Value::String(t.to_string()))).collect();
        Snapshot::from_value(json!({ "proposal": p, "price_point": price_point, "totals_by_q": totals }))
    }

    /// Reads a stored snapshot.
    pub fn parse(text: &str) -> Result<Snapshot, String> {
        Snapshot::from_value(serde_json::from_str(text).map_err(|e| e.to_string())?)
    }

    /// The JSON text to store.
    pub fn to_text(&self) -> String {
        self.json.to_string()
    }

    /// The rounded total at the price point quoted.
    pub fn quoted_total(&self) -> Decimal {
        if self.price_point == "anchor" {
            self.total.anchor
        } else {
            self.total.target
        }
    }

    fn from_value(json: Value) -> Result<Snapshot, String> {
        let dec = |v: &Value, what: &str| -> Result<Decimal, String> {
            v.as_str().and_then(|s| Decimal::from_str(s).ok()).ok_or_else(|| format!("{what} is not a decimal"))
        };
        let p = &json["proposal"];
        let date = p["date"]
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .ok_or("the campaign date is missing")?;
        let t = &p["total"];
        let total =
            PricePoints::new(dec(&t["floor"], "floor")?, dec(&t["target"], "target")?, dec(&t["anchor"], "anchor")?);
        let price_point = json["price_point"].as_str().unwrap_or("target").to_string();
        let mut lines = Vec::new();
        for l in p["lines"].as_array().ok_or("the lines are missing")? {
            let platform = l["platform"].as_str().and_then(Platform::parse).ok_or("a line's platform is missing")?;
            let format = l["format"].as_str().and_then(Format::parse).ok_or("a line's format is missing")?;
            let quantity =
                l["quantity"].as_u64().and_then(|q| u32::try_from(q).ok()).ok_or("a line's quantity is missing")?;
            lines.push(SnapshotLine {
                platform,
                format,
                quantity,
                target: dec(&l["price"]["target"], "a line's target")?,
            });
        }
        let totals = json["totals_by_q"]
            .as_array()
            .filter(|a| a.len() == 101)
            .ok_or("the 101 totals are missing")?
            .iter()
            .map(|v| if v.is_null() { Ok(None) } else { dec(v, "a total").map(Some) })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Snapshot { json, date, total, price_point, lines, totals })
    }
}

impl Snapshot {
    /// Σ projected impressions × quantity over the quoted lines (pricing.md step 12's
    /// denominator); `None` when a line lacks its projection or the sum is past a u64.
    pub fn projected_impressions(&self) -> Option<u64> {
        let lines = self.json["proposal"]["lines"].as_array()?;
        lines.iter().try_fold(0u64, |sum, l| {
            let each = l["projected_impressions"].as_u64()?;
            let quantity = l["quantity"].as_u64()?;
            sum.checked_add(each.checked_mul(quantity)?)
        })
    }

    /// The add-ons the proposal was priced with (what booking agrees unless told
    /// otherwise).
    pub fn add_ons(&self) -> super::AddOns {
        use crate::pricing::UsageRights;
        let mut a = super::AddOns::default();
        for x in self.json["proposal"]["addons"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let days = x["days"].as_u64().and_then(|d| u32::try_from(d).ok());
            match x["name"].as_str() {
                Some("usage rights") if x["days"] == "perpetual" => a.usage_rights = Some(UsageRights::Perpetual),
                Some("usage rights") => a.usage_rights = days.map(UsageRights::Days),
                Some("exclusivity") => a.exclusivity_days = days,
                Some("whitelisting") => a.whitelisting_days = days,
                Some("rush") => a.rush = true,
                _ => {}
            }
        }
        a
    }
}
