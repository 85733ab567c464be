//! The result of `propose`, shaped exactly as `mille propose --json` prints it
//! (pricing.md): decimals as strings rounded half away from zero for display only
//! (money, CPMs and `bonus_cpm` to 2 places, factors and growth to 2, percentages to 2
//! with trailing zeros dropped), counts and impressions as integers, a missing figure
//! as null. The unrounded figures stay available to Rust callers (rate card, tests)
//! in fields the JSON skips.

use super::Season;
use crate::model::{Format, Platform};
use crate::money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Floor (walk-away, q = 0.25), target (ask, 0.5) and anchor (open at, 0.75).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PricePoints {
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub floor: Decimal,
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub target: Decimal,
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub anchor: Decimal,
}

impl PricePoints {
    pub fn new(floor: Decimal, target: Decimal, anchor: Decimal) -> PricePoints {
        PricePoints { floor, target, anchor }
    }

    /// The same function applied to each point.
    pub fn map(self, mut f: impl FnMut(Decimal) -> Decimal) -> PricePoints {
        PricePoints { floor: f(self.floor), target: f(self.target), anchor: f(self.anchor) }
    }

    /// The points in order floor, target, anchor.
    pub fn to_array(self) -> [Decimal; 3] {
        [self.floor, self.target, self.anchor]
    }

    pub fn from_array(a: [Decimal; 3]) -> PricePoints {
        PricePoints { floor: a[0], target: a[1], anchor: a[2] }
    }
}

impl Serialize for PricePoints {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("floor", &money::fixed(self.floor, 2))?;
        m.serialize_entry("target", &money::fixed(self.target, 2))?;
        m.serialize_entry("anchor", &money::fixed(self.anchor, 2))?;
        m.end()
    }
}

/// Where a line's projected impressions come from (step 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ProjectionKind {
    #[serde(rename = "segment")]
    Segment,
    #[serde(rename = "platform share")]
    PlatformShare,
    #[serde(rename = "thin segment")]
    ThinSegment,
    #[serde(rename = "entered")]
    Entered,
}

impl ProjectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectionKind::Segment => "segment",
            ProjectionKind::PlatformShare => "platform share",
            ProjectionKind::ThinSegment => "thin segment",
            ProjectionKind::Entered => "entered",
        }
    }
}

/// How sure a line is: high (≥ 8 window posts and a segment projection), medium (3-7
/// and a segment projection), low (otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

fn money2<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&money::fixed(*v, 2))
}

fn money2_opt<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_str(&money::fixed(*v, 2)),
        None => s.serialize_none(),
    }
}

fn percent2<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&money::trimmed(*v, 2))
}

/// One deliverable of the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Line {
    pub platform: Platform,
    pub format: Format,
    pub quantity: u32,
    pub projected_impressions: u64,
    pub projection: ProjectionKind,
    pub confidence: Confidence,
    /// The segment's measured posts in the window, and the first and last of their dates.
    pub evidence_posts: usize,
    pub evidence_from: Option<NaiveDate>,
    pub evidence_to: Option<NaiveDate>,
    /// C(q) = L × R(q) at the three points (season-neutral, per 1,000 impressions).
    pub cpm: PricePoints,
    /// Line prices after nice-number rounding (undiscounted).
    pub price: PricePoints,
    /// "48,000 impressions × $13.40 CPM × Q4 1.28 = $823.30 → $800".
    pub working: String,
    /// Line prices before rounding (add-ons and quantity included).
    #[serde(skip)]
    pub price_unrounded: PricePoints,
    /// The level L.
    #[serde(skip)]
    pub level: Decimal,
    /// The typical share used by a platform-share projection.
    #[serde(skip)]
    pub share: Option<Decimal>,
    /// A sentence on how L was found.
    #[serde(skip)]
    pub level_note: String,
}

/// Which add-on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AddOnKind {
    #[serde(rename = "usage rights")]
    UsageRights,
    #[serde(rename = "exclusivity")]
    Exclusivity,
    #[serde(rename = "whitelisting")]
    Whitelisting,
    #[serde(rename = "rush")]
    Rush,
}

impl AddOnKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AddOnKind::UsageRights => "usage rights",
            AddOnKind::Exclusivity => "exclusivity",
            AddOnKind::Whitelisting => "whitelisting",
            AddOnKind::Rush => "rush",
        }
    }
}

/// The term of an add-on: days, or perpetual (rush has none: null).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = r#"number | "perpetual""#))]
pub enum AddOnDays {
    Days(u32),
    Perpetual,
}

impl Serialize for AddOnDays {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AddOnDays::Days(d) => s.serialize_u32(*d),
            AddOnDays::Perpetual => s.serialize_str("perpetual"),
        }
    }
}

/// One add-on with its exact percentage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddOn {
    pub name: AddOnKind,
    pub days: Option<AddOnDays>,
    #[serde(serialize_with = "percent2")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub percent: Decimal,
}

/// Step 11: the performance-based variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Performance {
    /// Base fee, nice-rounded; null when nothing is projected.
    #[serde(serialize_with = "money2_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub base: Option<Decimal>,
    pub guaranteed_impressions: u64,
    /// The deal's target CPM, paid per 1,000 impressions above the guarantee (unrounded).
    #[serde(serialize_with = "money2_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub bonus_cpm: Option<Decimal>,
    /// The rounded anchor total: private, never on the rate card.
    #[serde(serialize_with = "money2")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub cap: Decimal,
}

/// Step 12's verdict on an offer, against the rounded totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Verdict {
    #[serde(rename = "below floor")]
    BelowFloor,
    #[serde(rename = "between floor and target")]
    BetweenFloorAndTarget,
    #[serde(rename = "at or above target")]
    AtOrAboveTarget,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::BelowFloor => "below floor",
            Verdict::BetweenFloorAndTarget => "between floor and target",
            Verdict::AtOrAboveTarget => "at or above target",
        }
    }
}

/// Step 12: a brand's offer checked against the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfferCheck {
    #[serde(serialize_with = "money2")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub amount: Decimal,
    /// offer / Σ projected impressions × quantity × 1000 (null when nothing is projected).
    #[serde(serialize_with = "money2_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub cpm: Option<Decimal>,
    pub percentile: u32,
    pub verdict: Verdict,
    /// The rounded target total when the offer is below it.
    #[serde(serialize_with = "money2_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub counter: Option<Decimal>,
}

fn fixed2<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&money::fixed(*v, 2))
}

/// A rate proposal (pricing.md, `mille propose --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Proposal {
    pub date: NaiveDate,
    pub as_of: NaiveDate,
    pub season: Season,
    #[serde(serialize_with = "fixed2")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub season_factor: Decimal,
    pub season_posts: usize,
    #[serde(serialize_with = "fixed2")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub audience_growth: Decimal,
    #[serde(serialize_with = "fixed2")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub cpm_growth: Decimal,
    pub currency: String,
    pub lines: Vec<Line>,
    pub addons: Vec<AddOn>,
    #[serde(serialize_with = "percent2")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub bundle_discount_percent: Decimal,
    /// Totals after the bundle discount and nice-number rounding.
    pub total: PricePoints,
    pub performance: Performance,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub offer: Option<OfferCheck>,
    /// Shown on the human view; changes no price and is not in the JSON.
    #[serde(skip)]
    pub brand: Option<String>,
    /// Totals before rounding (bundle discount included).
    #[serde(skip)]
    pub total_unrounded: PricePoints,
    /// Totals before the bundle discount, unrounded.
    #[serde(skip)]
    pub total_undiscounted: PricePoints,
    /// Σ add-on percentages.
    #[serde(skip)]
    pub addon_percent: Decimal,
}
