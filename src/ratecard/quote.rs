//! The proposal PDF (ratecard.md, "The proposal PDF"): one proposal turned into a
//! one-page quote for its brand, at target (default) or anchor. Same template family
//! and rules as the card: never the floor, never another brand's data, and the
//! performance option without its cap. Line prices are shown undiscounted and the
//! total carries the bundle discount, as in pricing.md.

use super::{deliverable_label, money_text, CardProfile, RatecardError};
use crate::model::Profile;
use crate::money;
use crate::pricing::{AddOnDays, PricePoints, Proposal, Settings};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Which price point the quote shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PricePoint {
    Target,
    Anchor,
}

impl PricePoint {
    /// `target` or `anchor`; the floor is never quoted.
    pub fn parse(text: &str) -> Result<PricePoint, RatecardError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "target" => Ok(PricePoint::Target),
            "anchor" => Ok(PricePoint::Anchor),
            _ => Err(RatecardError::PricePoint(text.to_string())),
        }
    }

    fn of(self, p: &PricePoints) -> Decimal {
        match self {
            PricePoint::Target => p.target,
            PricePoint::Anchor => p.anchor,
        }
    }
}

/// Everything the quote template prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteData {
    pub paper: String,
    /// The day the quote is made.
    pub date: NaiveDate,
    pub valid_until: NaiveDate,
    /// The campaign's live date.
    pub campaign_date: NaiveDate,
    pub brand: String,
    pub currency: String,
    pub profile: CardProfile,
    pub price_point: PricePoint,
    pub lines: Vec<QuoteLine>,
    /// `Usage rights, 30 days +20 %`.
    pub addons: Vec<String>,
    pub bundle_discount_percent: String,
    pub total: String,
    pub total_text: String,
    pub performance: Option<QuotePerformance>,
}

/// One deliverable of the quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub label: String,
    pub quantity: u32,
    pub price: String,
    pub price_text: String,
}

/// The performance-based option, without its cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotePerformance {
    pub base_text: String,
    pub guaranteed_text: String,
    pub bonus_cpm_text: String,
}

/// The quote for `proposal`, made on `date`.
pub fn quote(
    profile: &Profile,
    settings: &Settings,
    proposal: &Proposal,
    point: PricePoint,
    performance: bool,
    date: NaiveDate,
) -> QuoteData {
    let currency = proposal.currency.as_str();
    let lines = proposal
        .lines
        .iter()
        .map(|l| {
            let v = point.of(&l.price);
            QuoteLine {
                label: deliverable_label(l.platform, &l.format),
                quantity: l.quantity,
                price: money::fixed(v, 2),
                price_text: money_text(v, currency),
            }
        })
        .collect();
    let addons = proposal
        .addons
        .iter()
        .map(|a| {
            let mut name = a.name.as_str().to_string();
            if let Some(first) = name.get(..1) {
                name = first.to_uppercase() + &name[1..];
            }
            let term = match a.days {
                Some(AddOnDays::Days(d)) => format!(", {d} days"),
                Some(AddOnDays::Perpetual) => ", perpetual".to_string(),
                None => String::new(),
            };
            format!("{name}{term} +{} %", money::trimmed(a.percent, 2))
        })
        .collect();
    let total = point.of(&proposal.total);
    let perf = &proposal.performance;
    let performance = match (performance, perf.base, perf.bonus_cpm) {
        (true, Some(base), Some(bonus)) => Some(QuotePerformance {
            base_text: money_text(base, currency),
            guaranteed_text: money::group_thousands(&perf.guaranteed_impressions.to_string()),
            bonus_cpm_text: money::display(bonus, currency, 2),
        }),
        _ => None,
    };
    QuoteData {
        paper: settings.card_paper.as_str().to_string(),
        date,
        valid_until: date + chrono::Days::new(u64::from(settings.card_valid_days)),
        campaign_date: proposal.date,
        brand: proposal.brand.clone().unwrap_or_default(),
        currency: currency.to_string(),
        profile: CardProfile {
            name: profile.name.clone(),
            handles: Vec::new(),
            accent: profile.accent.clone(),
            payment_terms: profile.payment_terms.clone(),
        },
        price_point: point,
        lines,
        addons,
        bundle_discount_percent: money::trimmed(proposal.bundle_discount_percent, 1),
        total: money::fixed(total, 2),
        total_text: money_text(total, currency),
        performance,
    }
}
