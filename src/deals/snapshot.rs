//! The proposal a deal was quoted from, as kept (deals.md, "What is kept"): the
//! `propose --json` object as it was printed (floor/target/anchor per line and in
//! total, projected impressions, as_of, …), the price point quoted (`target` or
//! `anchor`), and the unrounded total at every q = 0.00 … 1.00
//! ([`crate::pricing::snapshot::totals_by_quantile`]), written as exact decimal
//! strings (`null` where a total was past what a decimal holds). Shown as one JSON
//! object: `{"proposal": {…}, "price_point": "target", "totals_by_q": ["…", …]}`.
//!
//! Kept as two texts: the object without `totals_by_q`, and the totals' JSON array
//! (four fifths of the bytes), so that reading 10^4 deals for the list parses neither
//! the totals nor their 101 decimals; they are parsed the first time a rule asks
//! ([`Snapshot::totals`]: the offer check, how quotes land).
//!
//! Reading it back checks what later rules need (the rounded totals, the campaign
//! date, each line's rounded target price; the 101 totals when one deal is read,
//! [`Snapshot::check_totals`]) so a damaged snapshot is an error once, not a panic later.

use crate::model::{Format, Platform};
use crate::pricing::{PricePoints, Proposal};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

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

/// What a kept snapshot's JSON holds, described for the app window's TypeScript (the
/// object itself is kept and shown as text: [`RawJson`]).
#[cfg(feature = "ts")]
#[derive(ts_rs::TS)]
pub struct SnapshotShape {
    pub proposal: Proposal,
    /// `target` or `anchor`.
    pub price_point: String,
    /// Exact decimal strings; null where a total was past what a decimal holds.
    pub totals_by_q: Vec<Option<String>>,
}

/// A kept snapshot's JSON, shown as the one object it stands for. Reading deals never
/// builds its tree (10^4 deals list in a few ms); printing it (`deals show --json`)
/// splices the totals back in, textually.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawJson {
    /// The object without `totals_by_q`.
    object: Arc<str>,
    /// The `totals_by_q` array, as JSON text.
    totals: Option<Arc<str>>,
}

impl RawJson {
    /// The whole object as JSON text, `totals_by_q` last.
    pub fn text(&self) -> String {
        let Some(totals) = &self.totals else { return self.object.to_string() };
        let body = self.object.trim_end();
        let body = body.strip_suffix('}').unwrap_or(body).trim_end();
        let comma = if body.ends_with('{') { "" } else { "," };
        format!("{body}{comma}\"totals_by_q\":{totals}}}")
    }

    /// The JSON value (parsed now; `Null` if the text were not JSON, which
    /// [`Snapshot::parse`] has already ruled out).
    pub fn value(&self) -> Value {
        serde_json::from_str(&self.text()).unwrap_or(Value::Null)
    }
}

impl Serialize for RawJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let raw = serde_json::value::RawValue::from_string(self.text()).map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }
}

/// A kept proposal (two are equal when their kept texts are).
#[derive(Debug, Clone)]
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
    /// Index p: the unrounded total at q = p/100, parsed from `json` when first asked.
    totals: OnceLock<Vec<Option<Decimal>>>,
    add_ons: super::AddOns,
}

impl PartialEq for Snapshot {
    fn eq(&self, other: &Snapshot) -> bool {
        self.json == other.json
    }
}

// The stored object's shape, as far as the rules read it (the rest is skipped unread).
#[derive(Deserialize)]
struct Stored<'a> {
    #[serde(borrow)]
    proposal: StoredProposal<'a>,
    #[serde(borrow, default)]
    price_point: Option<Cow<'a, str>>,
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

    /// Reads a whole snapshot object (`totals_by_q` inside), checking all of it.
    pub fn parse(text: &str) -> Result<Snapshot, String> {
        let mut value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let totals = value.as_object_mut().and_then(|m| m.remove("totals_by_q")).unwrap_or(Value::Null);
        let snapshot = Snapshot::read(&value.to_string(), Some(&totals.to_string()))?;
        snapshot.check_totals()?;
        Ok(snapshot)
    }

    /// Reads a kept snapshot from its two texts (the object without `totals_by_q`, and
    /// the totals' array), checking everything but the totals ([`Snapshot::check_totals`]).
    pub fn read(object: &str, totals: Option<&str>) -> Result<Snapshot, String> {
        let stored: Stored = serde_json::from_str(object).map_err(|e| e.to_string())?;
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
        let add_ons = add_ons_of(&p.addons);
        let json = RawJson { object: Arc::from(object), totals: totals.map(Arc::from) };
        Ok(Snapshot { json, date, total, price_point, lines, totals: OnceLock::new(), add_ons })
    }

    /// Checks the 101 totals (read lazily): an error saying what is wrong with them.
    /// Totals found whole (always 101 of them) are kept for [`Snapshot::totals`].
    pub fn check_totals(&self) -> Result<(), String> {
        if self.totals.get().is_some_and(|t| !t.is_empty()) {
            return Ok(());
        }
        let totals = parse_totals(self.json.totals.as_deref())?;
        let _ = self.totals.set(totals);
        Ok(())
    }

    /// Index p: the unrounded total at q = p/100 (`None` past what a decimal holds).
    /// Empty when the kept totals are damaged, which [`Snapshot::check_totals`] reports.
    pub fn totals(&self) -> &[Option<Decimal>] {
        self.totals.get_or_init(|| parse_totals(self.json.totals.as_deref()).unwrap_or_default())
    }

    /// The object without its totals, as the store keeps it.
    pub fn object_text(&self) -> &str {
        &self.json.object
    }

    /// The totals' JSON array, as the store keeps it.
    pub fn totals_text(&self) -> Option<&str> {
        self.json.totals.as_deref()
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

fn dec(v: Option<&Cow<str>>, what: &str) -> Result<Decimal, String> {
    v.and_then(|s| Decimal::from_str(s).ok()).ok_or_else(|| format!("{what} is not a decimal"))
}

fn parse_totals(text: Option<&str>) -> Result<Vec<Option<Decimal>>, String> {
    let missing = || "the 101 totals are missing".to_string();
    let list: Vec<Option<Cow<str>>> = serde_json::from_str(text.ok_or_else(missing)?).map_err(|_| missing())?;
    if list.len() != 101 {
        return Err(missing());
    }
    list.iter().map(|v| v.as_ref().map(|t| dec(Some(t), "a total")).transpose()).collect()
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
