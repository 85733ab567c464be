//! Deals (deals.md): the business around posts — a brand asks, the creator quotes,
//! they haggle, it is booked, delivered, invoiced and paid — and the brands they are
//! with.
//!
//! The types here are what the store keeps and reads back; the rules are pure
//! functions, one file each, with table-driven tests beside them:
//! - [`stage`]: the stages and the automatic forward moves;
//! - [`split`]: the agreed fee split over the logged posts;
//! - [`exclusivity`]: exclusivity windows and their warnings;
//! - [`invoice`]: invoice numbers, due dates and the invoice's data;
//! - [`owed`]: paid, partly paid, outstanding and overdue;
//! - [`snapshot`] and [`offer`]: the kept proposal and an offer checked against it;
//! - [`teach`]: what the deals teach — pipeline, how brands pay, how quotes land,
//!   quoted vs delivered (`mille deals report`);
//!
//! [`view`] shapes a deal as `deals show --json` prints it (with its warnings). The
//! commands themselves, carried out against the store, are `crate::desk`'s (above
//! both this module and the store, which keeps these types).

pub mod exclusivity;
pub mod export;
pub mod invoice;
pub mod offer;
pub mod owed;
pub mod snapshot;
pub mod split;
pub mod stage;
pub mod teach;
pub mod view;

pub use snapshot::Snapshot;
pub use stage::Stage;

use crate::model::{Format, Platform};
use crate::pricing::{UsageRights, Verdict};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// A brand, as kept: its name as first written, and what the creator notes about it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Brand {
    pub name: String,
    /// Free text (`audio`, `coffee`): what exclusivity is about.
    pub category: String,
    pub contact: String,
    pub email: String,
    pub billing: String,
    pub notes: String,
}

/// The day a deal reached a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageEntry {
    pub stage: Stage,
    pub date: NaiveDate,
}

/// One line of what a deal asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DealDeliverable {
    pub platform: Platform,
    pub format: Format,
    pub quantity: u32,
    pub due: Option<NaiveDate>,
}

/// Who made an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Party {
    Brand,
    Creator,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Brand => "brand",
            Party::Creator => "creator",
        }
    }

    pub fn parse(text: &str) -> Option<Party> {
        match text.trim().to_ascii_lowercase().as_str() {
            "brand" => Some(Party::Brand),
            "creator" | "me" => Some(Party::Creator),
            _ => None,
        }
    }
}

/// An offer, with its check against the kept proposal when the brand made it and the
/// deal has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub date: NaiveDate,
    pub from: Party,
    pub amount: Decimal,
    pub note: String,
    pub verdict: Option<Verdict>,
    pub percentile: Option<u32>,
}

/// A payment received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    /// The day it arrived; `None` when not known (a tracker's `paid` row without a
    /// `paid_on` date, real-files.md "Statuses"): such a payment counts toward what
    /// is paid but not in days to pay.
    pub date: Option<NaiveDate>,
    pub amount: Decimal,
}

/// The add-ons agreed at booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AddOns {
    pub usage_rights: Option<UsageRights>,
    pub exclusivity_days: Option<u32>,
    pub whitelisting_days: Option<u32>,
    pub rush: bool,
}

impl AddOns {
    /// The add-ons in words, as an invoice names them.
    pub fn words(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self.usage_rights {
            Some(UsageRights::Days(d)) => out.push(format!("usage rights {d} days")),
            Some(UsageRights::Perpetual) => out.push("usage rights perpetual".into()),
            None => {}
        }
        if let Some(d) = self.exclusivity_days {
            out.push(format!("exclusivity {d} days"));
        }
        if let Some(d) = self.whitelisting_days {
            out.push(format!("whitelisting {d} days"));
        }
        if self.rush {
            out.push("rush".into());
        }
        out
    }
}

/// An issued invoice's number and dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Invoice {
    pub number: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
}

/// A post linked to a deal: what the deal's rules read of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedPost {
    pub id: i64,
    pub date: NaiveDate,
    /// The fee in the base currency.
    pub fee_base: Decimal,
    /// Its impressions, when reported (what quoted vs delivered compares).
    pub impressions: Option<u64>,
}

/// A deal, as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Deal {
    pub id: i64,
    pub brand: String,
    /// The brand's category (for exclusivity).
    pub category: String,
    pub title: String,
    pub stage: Stage,
    /// Every move, oldest first.
    pub stages: Vec<StageEntry>,
    pub deliverables: Vec<DealDeliverable>,
    pub proposal: Option<Snapshot>,
    pub offers: Vec<Offer>,
    pub agreed_fee: Option<Decimal>,
    /// The agreed fee's currency (the base currency until booked).
    pub currency: String,
    /// Base-currency units for one unit of `currency` (`None` in the base currency).
    pub fx_rate: Option<Decimal>,
    pub add_ons: AddOns,
    /// The deal's own payment terms (`None`: setting `net_days`).
    pub net_days: Option<u32>,
    pub invoice: Option<Invoice>,
    pub payments: Vec<Payment>,
    pub posts: Vec<LinkedPost>,
    pub notes: String,
}

impl Deal {
    /// The last day the deal reached `stage`.
    pub fn reached(&self, stage: Stage) -> Option<NaiveDate> {
        self.stages.iter().rev().find(|e| e.stage == stage).map(|e| e.date)
    }

    /// What booking agrees when no fee is given: the last offer recorded (either side:
    /// booking is accepting it), else the quoted price point's rounded total.
    pub fn fee_on_the_table(&self) -> Option<Decimal> {
        self.offers.last().map(|o| o.amount).or_else(|| self.proposal.as_ref().map(Snapshot::quoted_total))
    }

    /// Every date the deal is about (due dates, linked posts, the campaign date), for
    /// exclusivity warnings.
    pub fn dates(&self) -> Vec<NaiveDate> {
        let mut out: Vec<NaiveDate> = self.deliverables.iter().filter_map(|d| d.due).collect();
        out.extend(self.posts.iter().map(|p| p.date));
        out.extend(self.proposal.as_ref().map(|s| s.date));
        out
    }

    /// The exclusivity window the deal holds, if any.
    pub fn window(&self) -> Option<exclusivity::Window> {
        if !self.stage.is_booked_or_later() {
            return None;
        }
        let days = self.add_ons.exclusivity_days?;
        let start = self
            .deliverables
            .iter()
            .filter_map(|d| d.due)
            .min()
            .or_else(|| self.posts.iter().map(|p| p.date).min())
            .or_else(|| self.reached(Stage::Booked))?;
        exclusivity::window(self.id, &self.brand, &self.category, start, days)
    }
}
