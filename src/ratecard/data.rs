//! What the rate card template gets ([`CardData`] and its parts): every figure a brand
//! sees, already formatted, and nothing private. Kept apart from how it is built
//! (`build_from` in this module's parent) so the shape reads in one place; it is also
//! `mille ratecard --json`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Everything the template prints, and nothing else (`mille ratecard --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardData {
    /// `a4` or `letter`.
    pub paper: String,
    pub date: NaiveDate,
    pub as_of: NaiveDate,
    pub valid_until: NaiveDate,
    pub currency: String,
    pub profile: CardProfile,
    pub packages: Vec<CardPackage>,
    pub rates: Vec<CardRate>,
    pub addons: Vec<CardAddon>,
    pub performance: Option<CardPerformance>,
    pub how_i_price: Option<HowIPrice>,
}

/// Who the card is from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardProfile {
    pub name: String,
    pub handles: Vec<CardHandle>,
    /// `#rrggbb`.
    pub accent: String,
    pub payment_terms: String,
}

/// One handle with its audience.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardHandle {
    pub platform: String,
    /// `Instagram`.
    pub platform_name: String,
    pub handle: String,
    pub audience: Option<u64>,
    /// `182k`, `1.2M`; empty when unknown.
    pub audience_text: String,
}

/// One package with its target price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPackage {
    pub name: String,
    pub recommended: bool,
    /// `1 × Instagram reel`.
    pub items: Vec<String>,
    /// `Usage rights, 30 days`.
    pub included: Vec<String>,
    /// Exact target total, `"2300.00"`.
    pub price: String,
    /// `$2,300`.
    pub price_text: String,
    /// The bundle discount in the price, percent (`"5"`, `"0"`).
    pub bundle_discount_percent: String,
}

/// The "from" price of one unit of a platform/format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardRate {
    pub platform: String,
    pub format: String,
    /// `Instagram reel`.
    pub label: String,
    pub price: String,
    pub price_text: String,
}

/// What an add-on costs, from the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardAddon {
    /// `Usage rights`.
    pub name: String,
    /// `30 days +20 % · 90 days +35 % · perpetual +75 %`.
    pub terms: String,
}

/// The performance-based option (never its cap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPerformance {
    /// Which package it is quoted for.
    pub package: String,
    pub base: String,
    pub base_text: String,
    pub guaranteed_impressions: u64,
    pub guaranteed_text: String,
    pub bonus_cpm: String,
    pub bonus_cpm_text: String,
}

/// The optional "How I price" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HowIPrice {
    pub method: String,
    pub rows: Vec<HowRow>,
}

/// Achieved CPM of one platform/format over the last 12 months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HowRow {
    pub label: String,
    pub posts: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub cpm: String,
    pub cpm_text: String,
}
