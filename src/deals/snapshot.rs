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
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::str::FromStr;
use std::sync::Arc;

/// One line of the quoted proposal, as the fee split needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotLine {
    pub platform: Platform,
    pub format: Format,
    pub quantity: u32,
    /// The line's rounded target price (all units).
    pub target: Decimal,
    /// The impressions projected for one unit, when the proposal says.
    pub projected: Option<u64>,
}

/// A kept JSON text, shown as the JSON it holds. Reading deals never builds its tree
/// (10^4 deals list in a few ms); printing it (`deals show --json`) parses it then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawJson(Arc<str>);

impl RawJson {
    /// The text as stored.
    pub fn text(&self) -> &str {
        &self.0
    }

    /// The JSON value (parsed now; `Null` if the text were not JSON, which
    /// [`Snapshot::parse`] has already ruled out).
    pub fn value(&self) -> Value {
        serde_json::from_str(&self.0).unwrap_or(Value::Null)
    }
}

impl Serialize for RawJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v: Value = serde_json::from_str(&self.0).map_err(serde::ser::Error::custom)?;
        v.serialize(s)
    }
}

/// A kept proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The stored object, shown as is by `deals show --json`.
    pub json: RawJson,
    /// The campaign date it was priced for.
    pub date: NaiveDate,
    /// The rounded totals.
    pub total: PricePoints,
    /// `target` or `anchor`.
    pub price_point: String,
    pub lines: Vec<SnapshotLine>,
    /// Index p: the unrounded total at q = p/100.
    pub totals: Vec<Option<Decimal>>,
    add_ons: super::AddOns,
}

// The stored object's shape, as far as the rules read it (the rest is skipped unread).
#[derive(Deserialize)]
struct Stored<'a> {
    #[serde(borrow)]
    proposal: StoredProposal<'a>,
    #[serde(borrow, default)]
    price_point: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    totals_by_q: Option<Vec<Option<Cow<'a, str>>>>,
}

#[derive(Deserialize)]
struct StoredProposal<'a> {
    #[serde(borrow, default)]
    date: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    total: Option<StoredPoints<'a>>,
    #[serde(borrow, default)]
    lines: Option<Vec<StoredLine<'a>>>,
    #[serde(borrow, default)]
    addons: Vec<StoredAddOn<'a>>,
}

#[derive(Deserialize)]
struct StoredPoints<'a> {
    #[serde(borrow, default)]
    floor: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    target: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    anchor: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct StoredLine<'a> {
    #[serde(borrow, default)]
    platform: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    format: Option<Cow<'a, str>>,
    #[serde(default)]
    quantity: Option<u64>,
    #[serde(default)]
    projected_impressions: Option<u64>,
    #[serde(borrow, default)]
    price: Option<StoredPoints<'a>>,
}

#[derive(Deserialize)]
struct StoredAddOn<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(default)]
    days: Value,
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
        Snapshot::parse(&json!({ "proposal": p, "price_point": price_point, "totals_by_q": totals }).to_string())
    }

    /// Reads a stored snapshot, checking what later rules need.
    pub fn parse(text: &str) -> Result<Snapshot, String> {
        let stored: Stored = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let dec = |v: Option<&Cow<str>>, what: &str| -> Result<Decimal, String> {
            v.and_then(|s| Decimal::from_str(s).ok()).ok_or_else(|| format!("{what} is not a decimal"))
        };
        let p = &stored.proposal;
        let date = p
            .date
            .as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .ok_or("the campaign date is missing")?;
        let t = p.total.as_ref().ok_or("floor is not a decimal")?;
        let total = PricePoints::new(
            dec(t.floor.as_ref(), "floor")?,
            dec(t.target.as_ref(), "target")?,
            dec(t.anchor.as_ref(), "anchor")?,
        );
        let price_point = stored.price_point.as_deref().unwrap_or("target").to_string();
        let mut lines = Vec::new();
        for l in p.lines.as_deref().ok_or("the lines are missing")? {
            let platform = l.platform.as_deref().and_then(Platform::parse).ok_or("a line's platform is missing")?;
            let format = l.format.as_deref().and_then(Format::parse).ok_or("a line's format is missing")?;
            let quantity = l.quantity.and_then(|q| u32::try_from(q).ok()).ok_or("a line's quantity is missing")?;
            let target = dec(l.price.as_ref().and_then(|p| p.target.as_ref()), "a line's target")?;
            lines.push(SnapshotLine { platform, format, quantity, target, projected: l.projected_impressions });
        }
        let totals = stored
            .totals_by_q
            .as_ref()
            .filter(|a| a.len() == 101)
            .ok_or("the 101 totals are missing")?
            .iter()
            .map(|v| match v {
                None => Ok(None),
                Some(t) => dec(Some(t), "a total").map(Some),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let add_ons = add_ons_of(&p.addons);
        Ok(Snapshot { json: RawJson(Arc::from(text)), date, total, price_point, lines, totals, add_ons })
    }

    /// The JSON text to store.
    pub fn to_text(&self) -> String {
        self.json.text().to_string()
    }

    /// The rounded total at the price point quoted.
    pub fn quoted_total(&self) -> Decimal {
        if self.price_point == "anchor" {
            self.total.anchor
        } else {
            self.total.target
        }
    }

    /// Σ projected impressions × quantity over the quoted lines (pricing.md step 12's
    /// denominator); `None` when a line lacks its projection or the sum is past a u64.
    pub fn projected_impressions(&self) -> Option<u64> {
        self.lines.iter().try_fold(0u64, |sum, l| sum.checked_add(l.projected?.checked_mul(u64::from(l.quantity))?))
    }

    /// The add-ons the proposal was priced with (what booking agrees unless told
    /// otherwise).
    pub fn add_ons(&self) -> super::AddOns {
        self.add_ons
    }
}

fn add_ons_of(list: &[StoredAddOn]) -> super::AddOns {
    use crate::pricing::UsageRights;
    let mut a = super::AddOns::default();
    for x in list {
        let days = x.days.as_u64().and_then(|d| u32::try_from(d).ok());
        match x.name.as_deref() {
            Some("usage rights") if x.days == "perpetual" => a.usage_rights = Some(UsageRights::Perpetual),
            Some("usage rights") => a.usage_rights = days.map(UsageRights::Days),
            Some("exclusivity") => a.exclusivity_days = days,
            Some("whitelisting") => a.whitelisting_days = days,
            Some("rush") => a.rush = true,
            _ => {}
        }
    }
    a
}
