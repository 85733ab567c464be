//! The campaign recap PDF (deals.md, "What deals teach"): what a brand got from a
//! deal — each linked post with its date, platform and format, link and numbers, the
//! totals, and the CPM, CPE and CPC delivered on what the brand paid, against the
//! projection when the deal was quoted from a proposal. Never another brand, never the
//! floor or the anchor, never notes.
//!
//! Decisions where deals.md is silent (metrics.md's definitions, applied to one deal):
//! - "what they paid" is the agreed fee, in the deal's currency (a deal not booked yet:
//!   its posts' fees in the base currency). Each post carries a share of it in
//!   proportion to its own fee (equal shares when every fee is 0), so that a figure
//!   over the posts that report a number (CPE over posts reporting engagements, CPC
//!   over posts reporting clicks, CPM over posts with impressions) divides the part of
//!   the fee those posts stand for; when every post reports it, that is the whole fee.
//!   CPM = fee / impressions × 1000, CPE = fee / engagements, CPC = fee / clicks,
//!   rounded half away from zero to the cent;
//! - engagements are likes + comments + shares + saves (a missing part counts 0 when
//!   one is known); a total is blank when no post reports that number;
//! - the projection is the proposal's Σ projected impressions × quantity, and the
//!   change is (delivered − projected) / projected, in whole percent;
//! - the recap is dated the day it is made (the same data and day give the same PDF).

use super::{typeset, PaperError, Result};
use crate::deals::Deal;
use crate::model::{Metrics, Post, Profile};
use crate::money;
use crate::ratecard::{deliverable_label, template_pdf, Logo};
use crate::store::Store;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

const TEMPLATE: &str = include_str!("../../assets/recap.typ");

/// Everything the recap template prints (and `deals recap --json` shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecapPaper {
    pub paper: String,
    pub accent: String,
    /// The day the recap was made.
    pub date: NaiveDate,
    pub creator: String,
    pub brand: String,
    pub title: String,
    /// The first and last post's dates (`None` without posts).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub posts: Vec<RecapPost>,
    pub totals: Numbers,
    pub currency: String,
    /// What the brand paid, as a decimal string and as text.
    pub paid: String,
    pub paid_text: String,
    /// Delivered cost per 1,000 impressions, per engagement and per click (decimal
    /// strings, `None` where nothing was reported).
    pub cpm: Option<String>,
    pub cpe: Option<String>,
    pub cpc: Option<String>,
    pub cpm_text: Option<String>,
    pub cpe_text: Option<String>,
    pub cpc_text: Option<String>,
    pub projection: Option<Projection>,
}

/// One post of the campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecapPost {
    pub date: NaiveDate,
    pub label: String,
    pub url: String,
    pub numbers: Numbers,
}

/// A post's (or the campaign's) numbers, as integers (`None`: not reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Numbers {
    pub impressions: Option<u64>,
    pub views: Option<u64>,
    pub reach: Option<u64>,
    pub engagements: Option<u64>,
    pub clicks: Option<u64>,
}

/// Projected against delivered impressions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Projection {
    pub projected: u64,
    pub delivered: u64,
    /// Whole percent, signed (`+15 %`, `-8 %`, `±0 %`).
    pub change_text: String,
    /// The CPM the quote implied (fee / projected × 1000), when the fee is known.
    pub quoted_cpm_text: Option<String>,
}

fn numbers(m: &Metrics) -> Numbers {
    Numbers {
        impressions: m.impressions,
        views: m.views,
        reach: m.reach,
        // Four parts of at most 10^12 each (limits): far inside a u64.
        engagements: m.engagements().map(|e| u64::try_from(e).unwrap_or(u64::MAX)),
        clicks: m.clicks,
    }
}

fn add(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.saturating_add(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

fn cents(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `fee part / count × per`, rounded to the cent; `None` for a count of 0.
fn cost(fee: Decimal, count: u64, per: Decimal) -> Option<Decimal> {
    if count == 0 {
        return None;
    }
    fee.checked_mul(per)?.checked_div(Decimal::from(count)).map(cents)
}

/// The recap's content from plain data (pure): `posts` are the deal's linked posts.
pub fn build(deal: &Deal, posts: &[Post], profile: &Profile, paper: &str, date: NaiveDate) -> Result<RecapPaper> {
    let mut posts: Vec<&Post> = posts.iter().collect();
    posts.sort_by_key(|p| (p.date, p.id));
    let too_large = || PaperError::TooLarge { paper: "campaign recap", what: "the fees of its posts".into() };
    let (fee, currency) = match deal.agreed_fee {
        Some(f) => (f, deal.currency.clone()),
        None => {
            let sum = posts.iter().try_fold(Decimal::ZERO, |s, p| s.checked_add(p.fee_base())).ok_or_else(too_large)?;
            (sum, profile.base_currency.clone())
        }
    };
    // Each post's share of the fee, in proportion to its own fee.
    let weights: Vec<Decimal> = posts.iter().map(|p| p.fee_base().max(Decimal::ZERO)).collect();
    let weight_sum = weights.iter().try_fold(Decimal::ZERO, |s, w| s.checked_add(*w)).ok_or_else(too_large)?;
    let share = |i: usize| -> Option<Decimal> {
        if weight_sum.is_zero() {
            fee.checked_div(Decimal::from(posts.len().max(1)))
        } else {
            fee.checked_mul(weights[i])?.checked_div(weight_sum)
        }
    };
    let mut totals = Numbers::default();
    let (mut fee_imp, mut fee_eng, mut fee_click) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut rows = Vec::with_capacity(posts.len());
    for (i, p) in posts.iter().enumerate() {
        let n = numbers(&p.metrics);
        let s = share(i).ok_or_else(too_large)?;
        if n.impressions.is_some_and(|v| v > 0) {
            fee_imp = fee_imp.checked_add(s).ok_or_else(too_large)?;
        }
        if n.engagements.is_some_and(|v| v > 0) {
            fee_eng = fee_eng.checked_add(s).ok_or_else(too_large)?;
        }
        if n.clicks.is_some_and(|v| v > 0) {
            fee_click = fee_click.checked_add(s).ok_or_else(too_large)?;
        }
        totals = Numbers {
            impressions: add(totals.impressions, n.impressions),
            views: add(totals.views, n.views),
            reach: add(totals.reach, n.reach),
            engagements: add(totals.engagements, n.engagements),
            clicks: add(totals.clicks, n.clicks),
        };
        rows.push(RecapPost {
            date: p.date,
            label: deliverable_label(p.platform, &p.format),
            url: p.url.trim().to_string(),
            numbers: n,
        });
    }
    let cpm = cost(fee_imp, totals.impressions.unwrap_or(0), Decimal::ONE_THOUSAND);
    let cpe = cost(fee_eng, totals.engagements.unwrap_or(0), Decimal::ONE);
    let cpc = cost(fee_click, totals.clicks.unwrap_or(0), Decimal::ONE);
    let text = |v: Option<Decimal>| v.map(|v| money::display(v, &currency, 2));
    let projected = deal.proposal.as_ref().and_then(|s| s.projected_impressions()).filter(|p| *p > 0);
    let projection = projected.zip(totals.impressions).map(|(projected, delivered)| {
        // `projected` is above 0 (filtered above): the change is there.
        let change_text = crate::desk::lessons::change_text(projected, delivered).unwrap_or_default();
        let quoted = deal.agreed_fee.and_then(|f| cost(f, projected, Decimal::ONE_THOUSAND));
        Projection { projected, delivered, change_text, quoted_cpm_text: text(quoted) }
    });
    Ok(RecapPaper {
        paper: paper.to_string(),
        accent: profile.accent.clone(),
        date,
        creator: profile.name.trim().to_string(),
        brand: deal.brand.clone(),
        title: deal.title.trim().to_string(),
        from: posts.first().map(|p| p.date),
        to: posts.last().map(|p| p.date),
        posts: rows,
        totals,
        paid: money::fixed(fee, 2),
        paid_text: money::display(fee, &currency, 2),
        cpm: cpm.map(|v| money::fixed(v, 2)),
        cpe: cpe.map(|v| money::fixed(v, 2)),
        cpc: cpc.map(|v| money::fixed(v, 2)),
        cpm_text: text(cpm),
        cpe_text: text(cpe),
        cpc_text: text(cpc),
        currency,
        projection,
    })
}

/// Reads what deal `id`'s recap needs, made on `date`, with the profile's logo.
pub fn gather(store: &Store, id: i64, date: NaiveDate) -> Result<(RecapPaper, Option<Logo>)> {
    let deal = store.deal(id)?;
    let mut posts = Vec::with_capacity(deal.posts.len());
    for linked in &deal.posts {
        posts.push(store.get_post(linked.id)?.0);
    }
    let profile = store.profile()?;
    let paper = crate::pricing::Settings::from_stored(&store.settings()?)?.card_paper.as_str().to_string();
    let recap = build(&deal, &posts, &profile, &paper, date)?;
    let logo = Logo::from_store(store).map_err(typeset("campaign recap"))?;
    Ok((recap, logo))
}

/// The recap as PDF bytes (no store needed).
pub fn render(recap: &RecapPaper, logo: Option<&Logo>) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(recap)
        .map_err(|e| PaperError::Typeset { paper: "campaign recap", message: e.to_string() })?;
    template_pdf(TEMPLATE, json, recap.date, logo).map_err(typeset("campaign recap"))
}

#[cfg(test)]
mod tests;
