//! Pricing: the Propose form as typed and the proposal as the core prints it.

use super::to_view;
use crate::error::AppResult;
use mille::model::{Format, Platform};
use mille::pricing::Proposal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One deliverable line of the Propose form, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DeliverableInput {
    pub platform: String,
    pub format: String,
    pub quantity: String,
    /// Optional own projection of impressions for this line.
    pub impressions: String,
}

/// The Propose form, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ProposeInput {
    pub deliverables: Vec<DeliverableInput>,
    pub date: String,
    pub brand: String,
    /// Empty, a number of days, or `perpetual`.
    pub usage_rights: String,
    pub exclusivity: String,
    pub whitelisting: String,
    pub rush: bool,
    pub offer: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PricePointsView {
    pub floor: String,
    pub target: String,
    pub anchor: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct LineView {
    pub platform: String,
    pub format: String,
    pub quantity: u32,
    #[ts(type = "number")]
    pub projected_impressions: u64,
    pub projection: String,
    pub confidence: String,
    pub evidence_posts: u32,
    pub evidence_from: Option<String>,
    pub evidence_to: Option<String>,
    pub cpm: PricePointsView,
    pub price: PricePointsView,
    pub working: String,
    /// `Instagram`, `Reel` (not in the core's JSON: set by [`ProposalView::of`]).
    #[serde(default)]
    pub platform_name: String,
    #[serde(default)]
    pub format_name: String,
}

/// An add-on's term: days, or `"perpetual"`; null for rush.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum AddOnDaysView {
    Days(u32),
    Perpetual(String),
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AddOnView {
    pub name: String,
    pub days: Option<AddOnDaysView>,
    pub percent: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PerformanceView {
    pub base: Option<String>,
    #[ts(type = "number")]
    pub guaranteed_impressions: u64,
    pub bonus_cpm: Option<String>,
    pub cap: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct OfferView {
    pub amount: String,
    pub cpm: Option<String>,
    pub percentile: u32,
    pub verdict: String,
    pub counter: Option<String>,
}

/// A rate proposal exactly as `mille propose --json` prints it (pricing.md).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ProposalView {
    pub date: String,
    pub as_of: String,
    pub season: String,
    pub season_factor: String,
    pub season_posts: u32,
    pub audience_growth: String,
    pub cpm_growth: String,
    pub currency: String,
    pub lines: Vec<LineView>,
    pub addons: Vec<AddOnView>,
    pub bundle_discount_percent: String,
    pub total: PricePointsView,
    pub performance: PerformanceView,
    #[serde(default)]
    pub offer: Option<OfferView>,
}

impl ProposalView {
    /// The proposal as `mille propose --json` prints it, each line with its names.
    pub fn of(p: &Proposal) -> AppResult<ProposalView> {
        let mut view: ProposalView = to_view(p)?;
        view.name_lines();
        Ok(view)
    }

    /// Sets each line's platform and format names.
    pub fn name_lines(&mut self) {
        for line in &mut self.lines {
            line.platform_name =
                Platform::from_slug(&line.platform).map_or(line.platform.clone(), |p| p.display_name().to_string());
            line.format_name = Format::parse(&line.format).map_or(line.format.clone(), |f| f.display_name());
        }
    }
}
