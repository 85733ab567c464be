//! The pricing engine of pricing.md: from a creator's own history to a rate proposal
//! (three price points per deliverable, add-ons, bundle discount, nice numbers, a
//! performance-based variant, an offer check), a backtest of the method on her past
//! deals, and default packages for the rate card.
//!
//! Everything here is a pure function over plain data (posts, settings, a request):
//! no database, no clock (the caller passes `as_of`), exact decimal arithmetic
//! (`rust_decimal`), and the same result whatever order the posts come in (they are
//! put in one canonical order first).
//!
//! Layout, one file per step of pricing.md:
//! - [`settings`]: the knobs, their defaults and sources, validation;
//! - `maths`: ln / exp / quantiles / calendar months;
//! - `evidence`: which posts count, canonical order, "10 most recent";
//! - `season` (step 3), `growth` (step 1), `projection` (step 2), `level` (step 4),
//!   `spread` (step 5), `price` (steps 6-9, 11), `offer` (step 12);
//! - [`proposal`]: the result types and their JSON shape;
//! - [`Pricer`] (`pricer`): many requests over one history, indexed once;
//! - `backtest`, `packages` (step 10), `render` (human views).

mod backtest;
mod context;
mod evidence;
mod growth;
mod level;
mod line;
mod maths;
mod offer;
mod packages;
mod price;
mod pricer;
mod projection;
pub mod proposal;
mod render;
mod season;
pub mod settings;
pub mod snapshot;
mod spread;

#[cfg(test)]
mod tests;

use crate::model::{Format, Platform, Post, PostData};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

pub use backtest::{backtest, backtest_with_progress, Backtest, BacktestStats, SegmentBacktest};
pub use packages::{default_packages, Package};
pub use pricer::Pricer;
pub use proposal::{
    AddOn, AddOnDays, AddOnKind, Confidence, Line, OfferCheck, Performance, PricePoints, ProjectionKind, Proposal,
    Verdict,
};
pub use render::{render_backtest, render_proposal};
pub use settings::{Paper, SettingInfo, Settings, SettingsError};

/// Anything that holds a post's data: [`PostData`], a stored [`Post`], or a reference.
pub trait AsPost {
    fn post_data(&self) -> &PostData;
}

impl AsPost for PostData {
    fn post_data(&self) -> &PostData {
        self
    }
}

impl AsPost for Post {
    fn post_data(&self) -> &PostData {
        &self.data
    }
}

impl<T: AsPost + ?Sized> AsPost for &T {
    fn post_data(&self) -> &PostData {
        (**self).post_data()
    }
}

/// One line of a request: a platform/format and how many of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deliverable {
    pub platform: Platform,
    pub format: Format,
    pub quantity: u32,
}

impl Deliverable {
    /// `instagram/reel`.
    pub fn slug(&self) -> String {
        format!("{}/{}", self.platform, self.format)
    }
}

/// Usage rights asked for: a term in days, or perpetual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UsageRights {
    Days(u32),
    Perpetual,
}

/// What the creator is asked to price (pricing.md, "Request").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub deliverables: Vec<Deliverable>,
    /// The campaign's live date (decides the season).
    pub date: NaiveDate,
    /// Only posts strictly before this date are evidence.
    pub as_of: NaiveDate,
    /// Shown on the proposal; changes no price.
    pub brand: Option<String>,
    pub usage_rights: Option<UsageRights>,
    pub exclusivity_days: Option<u32>,
    pub whitelisting_days: Option<u32>,
    pub rush: bool,
    /// Entered projections (platform, format, impressions), used instead of step 2's.
    pub impressions: Vec<(Platform, Format, u64)>,
    /// A brand's offer for the whole request (step 12).
    pub offer: Option<Decimal>,
}

impl Request {
    /// A request for these deliverables on `date`, priced as of `as_of`, no add-ons.
    pub fn new(deliverables: Vec<Deliverable>, date: NaiveDate, as_of: NaiveDate) -> Request {
        Request {
            deliverables,
            date,
            as_of,
            brand: None,
            usage_rights: None,
            exclusivity_days: None,
            whitelisting_days: None,
            rush: false,
            impressions: Vec::new(),
            offer: None,
        }
    }
}

/// Why a proposal cannot be drafted. Each message is one sentence a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    #[error("the request has no deliverable: add at least one, such as instagram/reel.")]
    NoDeliverables,
    #[error("line {line} ({deliverable}) asks for 0 of it: a quantity is at least 1.")]
    ZeroQuantity { line: usize, deliverable: String },
    #[error(
        "line {line} ({deliverable}): {reason}, so its impressions cannot be projected; enter the impressions you expect for it."
    )]
    NoProjection { line: usize, deliverable: String, reason: String },
    #[error(
        "the entered projection for {deliverable} is 0 impressions: enter the impressions you expect, at least 1."
    )]
    ZeroImpressions { deliverable: String },
    #[error("an entered projection names {deliverable}, which is not one of the deliverables.")]
    UnusedImpressions { deliverable: String },
    #[error(
        "there is no measured paid post (fee and impressions above 0) from {window_start} to before {as_of}, so there is no CPM to price from."
    )]
    NoEvidence { window_start: NaiveDate, as_of: NaiveDate },
    #[error("the offer {amount} is negative: enter what the brand offers for the whole request.")]
    NegativeOffer { amount: Decimal },
    #[error(
        "line {line} ({deliverable}) would be priced above 1,000,000,000,000,000,000: the history or the projection holds numbers too large to price from."
    )]
    TooLarge { line: usize, deliverable: String },
    #[error("the campaign date {date} is more than 10 years from {as_of}, the day prices are made as of: Mille prices campaigns within 10 years.")]
    FarDate { date: NaiveDate, as_of: NaiveDate },
}

/// A calendar quarter across years (`Q1`..`Q4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct Season(pub u8);

impl Season {
    /// The season of a date.
    pub fn of(date: NaiveDate) -> Season {
        Season(maths::season_of(date) as u8 + 1)
    }
}

impl fmt::Display for Season {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Q{}", self.0)
    }
}

impl Serialize for Season {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Drafts a rate proposal for `req` from `posts` (pricing.md, steps 1-12).
/// `currency` is the profile's base currency, used for display. To price several
/// requests over the same posts, keep one [`Pricer`] instead: it indexes them once.
pub fn propose<P: AsPost>(
    posts: &[P],
    settings: &Settings,
    req: &Request,
    currency: &str,
) -> Result<Proposal, PricingError> {
    Pricer::new(posts).propose(settings, req, currency)
}

/// One quarter's season factor (step 3) and the number of measured posts it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeasonFactor {
    pub season: Season,
    pub factor: Decimal,
    pub posts: usize,
}

/// The four season factors (Q1..Q4) over the posts dated before `as_of`, exactly as
/// `propose` uses them: for overviews ("Q4 deals run 1.28× your typical, 38 posts").
pub fn season_factors<P: AsPost>(posts: &[P], settings: &Settings, as_of: NaiveDate) -> [SeasonFactor; 4] {
    let history = evidence::History::new(posts);
    let s = season::season_factors(&history, as_of, settings.pooling_k);
    std::array::from_fn(|i| SeasonFactor { season: Season(i as u8 + 1), factor: s.factor[i], posts: s.posts[i] })
}
