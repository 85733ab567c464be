//! The deal desk: each deals command carried out against the store — read what is
//! kept, apply the rules of `crate::deals`, write in one transaction, and say what
//! moved. It sits above both the rules and the store (which keeps the deals' types). The
//! CLI and the app call these alike; values arrive already read by `crate::input`.
//!
//! Decisions where deals.md is silent:
//! - booking without a fee takes the last offer recorded (either side: booking is
//!   accepting it), else the quoted price point's rounded total; without either the
//!   fee must be given. Add-ons not given are the proposal's. A fee in another currency
//!   needs its fx rate (base-currency units for one unit), as the deal's posts will;
//! - logging the deliverables needs an agreed fee, and a deal without posts (linked or
//!   logged) — posts already there are edited, not logged twice;
//! - an offer from the creator is recorded unchecked; a brand's offer on a deal
//!   without a proposal likewise;
//! - invoicing again returns the invoice already issued, unchanged;
//! - `report` reads every deal and the base currency ([`report_data`]) and computes
//!   on that plain data ([`crate::deals::teach::report`]), so the app can release its
//!   store lock before computing.

use crate::deals::invoice::{due_date, invoice_data, next_number, InvoiceData};
use crate::deals::owed::Owed;
pub mod board;
pub mod lessons;
pub mod sample;
pub mod settings;

use crate::deals::split::split_fee;
use crate::deals::stage::advance;
use crate::deals::teach::{self, Teach};
use crate::deals::view::{owed_of, view, windows, DealView};
use crate::deals::{exclusivity, offer, AddOns, Deal, Invoice, Offer, Party, Payment, Snapshot, Stage, StageEntry};
use crate::model::{Metrics, PostData};
use crate::pricing::{self, AsPost, Proposal, Request, Settings};
use crate::store::{Booking, NewDeal, Store, StoreError};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use settings::DealSettings;

/// Why a deals command was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum DealsError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("deal {0} has no agreed fee yet; book it first")]
    NotBooked(i64),
    #[error("deal {0} has no offer and no proposal to take the fee from; give the agreed fee")]
    NoFee(i64),
    #[error("a fee in {currency} needs its exchange rate to {base} (base-currency units for 1 {currency})")]
    NoFxRate { currency: String, base: String },
    #[error("deal {0} has no deliverables to log")]
    NoDeliverables(i64),
    #[error("deal {deal} already has posts ({posts}); edit them instead of logging them again")]
    HasPosts { deal: i64, posts: String },
    #[error("deliverable {line} of deal {deal} ({what}) has no due date; give the day the posts went live")]
    NoDueDate { deal: i64, line: usize, what: String },
    #[error("the due date would be past the calendar Mille knows")]
    FarDue,
    #[error("the proposal cannot be kept: {0}")]
    Snapshot(String),
    #[error("{0}")]
    Pricing(#[from] pricing::PricingError),
    #[error("{0}")]
    TooLarge(#[from] teach::TooLarge),
}

pub type Result<T> = std::result::Result<T, DealsError>;

fn base_of(store: &Store) -> Result<String> {
    Ok(store.profile()?.base_currency)
}

/// The stage entry an action reaching `target` on `date` records, if the deal moves.
fn moved(deal: &Deal, target: Stage, date: NaiveDate) -> Option<StageEntry> {
    advance(deal.stage, target).map(|stage| StageEntry { stage, date })
}

/// Creates a deal; returns its id.
pub fn add(store: &mut Store, deal: &NewDeal) -> Result<i64> {
    Ok(store.add_deal(deal)?)
}

/// One deal as shown on `today`, with its warnings.
pub fn show(store: &Store, id: i64, today: NaiveDate) -> Result<DealView> {
    shown(store, &store.deal(id)?, today)
}

/// `deal`, already read, as [`show`] gives it.
fn shown(store: &Store, deal: &Deal, today: NaiveDate) -> Result<DealView> {
    let all = store.deals()?;
    Ok(view(deal, &windows(&all), &base_of(store)?, today))
}

/// Which deals `list` shows.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub stage: Option<Stage>,
    /// Brand name, case-insensitive.
    pub brand: Option<String>,
    pub overdue: bool,
}

/// The deals, newest first, filtered, as shown on `today`; each proposal without its
/// 101 totals (a table or a screen never shows them).
pub fn list(store: &Store, filter: &ListFilter, today: NaiveDate) -> Result<Vec<DealView>> {
    listed(store.deals()?, store, filter, today)
}

/// [`list`], each deal whole as [`show`] gives it (`deals list --json`).
pub fn list_in_full(store: &Store, filter: &ListFilter, today: NaiveDate) -> Result<Vec<DealView>> {
    listed(store.deals_in_full()?, store, filter, today)
}

fn listed(all: Vec<Deal>, store: &Store, filter: &ListFilter, today: NaiveDate) -> Result<Vec<DealView>> {
    let w = windows(&all);
    let base = base_of(store)?;
    let brand = filter.brand.as_ref().map(|b| b.trim().to_lowercase());
    Ok(all
        .iter()
        .filter(|d| filter.stage.is_none_or(|s| d.stage == s))
        .filter(|d| brand.as_ref().is_none_or(|b| d.brand.to_lowercase() == *b))
        .filter(|d| !filter.overdue || owed_of(d, today).overdue_days.is_some())
        .map(|d| view(d, &w, &base, today))
        .collect())
}

/// Moves a deal by hand (any move, backwards too).
pub fn set_stage(store: &mut Store, id: i64, stage: Stage, date: NaiveDate) -> Result<()> {
    Ok(store.set_deal_stage(id, StageEntry { stage, date })?)
}

/// Records an offer; a brand's offer on a deal with a proposal is checked against it.
pub fn record_offer(
    store: &mut Store,
    id: i64,
    from: Party,
    amount: Decimal,
    date: NaiveDate,
    note: &str,
) -> Result<Offer> {
    let deal = store.deal(id)?;
    let check = match (&deal.proposal, from) {
        (Some(s), Party::Brand) => Some(offer::check(s, amount)),
        _ => None,
    };
    let o = Offer {
        date,
        from,
        amount,
        note: note.to_string(),
        verdict: check.map(|c| c.0),
        percentile: check.map(|c| c.1),
    };
    store.add_offer(id, &o)?;
    Ok(o)
}

/// What `book` was given; `None` takes the default.
#[derive(Debug, Clone, Default)]
pub struct BookInput {
    /// Amount, currency, fx rate.
    pub fee: Option<(Decimal, String, Option<Decimal>)>,
    pub usage_rights: Option<pricing::UsageRights>,
    pub exclusivity_days: Option<u32>,
    pub whitelisting_days: Option<u32>,
    pub rush: bool,
    pub net_days: Option<u32>,
}

/// Books a deal; returns it as shown on `date`, warnings included.
pub fn book(store: &mut Store, id: i64, input: &BookInput, date: NaiveDate) -> Result<DealView> {
    let deal = store.deal(id)?;
    let base = base_of(store)?;
    let (fee, currency, fx_rate) = match &input.fee {
        Some(f) => f.clone(),
        None => {
            let fee = deal.fee_on_the_table().ok_or(DealsError::NoFee(id))?;
            (fee, base.clone(), None)
        }
    };
    if currency != base && fx_rate.is_none() {
        return Err(DealsError::NoFxRate { currency, base });
    }
    let quoted = deal.proposal.as_ref().map(Snapshot::add_ons).unwrap_or_default();
    let add_ons = AddOns {
        usage_rights: input.usage_rights.or(quoted.usage_rights),
        exclusivity_days: input.exclusivity_days.or(quoted.exclusivity_days),
        whitelisting_days: input.whitelisting_days.or(quoted.whitelisting_days),
        rush: input.rush || quoted.rush,
    };
    let fx_rate = if currency == base { None } else { fx_rate };
    let booking = Booking { fee, currency, fx_rate, add_ons, net_days: input.net_days.or(deal.net_days) };
    store.book_deal(id, &booking, moved(&deal, Stage::Booked, date))?;
    show(store, id, date)
}

/// Links existing posts to a deal.
pub fn link(store: &mut Store, id: i64, posts: &[i64]) -> Result<()> {
    Ok(store.link_posts(id, posts)?)
}

/// Logs the deliverables as posts, one per unit, dated `date` or each one's due
/// date, their fees splitting the agreed fee; returns the new posts' ids.
pub fn log_posts(store: &mut Store, id: i64, date: Option<NaiveDate>, today: NaiveDate) -> Result<Vec<i64>> {
    let deal = store.deal(id)?;
    let fee = deal.agreed_fee.ok_or(DealsError::NotBooked(id))?;
    if !deal.posts.is_empty() {
        let posts = deal.posts.iter().map(|p| p.id.to_string()).collect::<Vec<_>>().join(", ");
        return Err(DealsError::HasPosts { deal: id, posts });
    }
    if deal.deliverables.is_empty() {
        return Err(DealsError::NoDeliverables(id));
    }
    let shares = split_fee(fee, &crate::deals::invoice::unit_weights(&deal));
    let mut posts = Vec::with_capacity(shares.len());
    for (line, d) in deal.deliverables.iter().enumerate() {
        let day = date.or(d.due).ok_or_else(|| DealsError::NoDueDate {
            deal: id,
            line: line + 1,
            what: format!("{}/{}", d.platform, d.format),
        })?;
        for _ in 0..d.quantity {
            posts.push(PostData {
                date: day,
                brand: deal.brand.clone(),
                platform: d.platform,
                format: d.format.clone(),
                fee: shares.get(posts.len()).copied().unwrap_or_default(),
                currency: deal.currency.clone(),
                fx_rate: deal.fx_rate,
                metrics: Metrics::default(),
                campaign: deal.title.clone(),
                url: String::new(),
                notes: String::new(),
            });
        }
    }
    Ok(store.add_deal_posts(id, &posts, moved(&deal, Stage::Delivered, date.unwrap_or(today)))?)
}

/// Invoices a deal on `date` (number, date, due date); an invoiced deal keeps its own.
pub fn invoice(store: &mut Store, id: i64, date: NaiveDate) -> Result<InvoiceData> {
    let mut deal = store.deal(id)?;
    if deal.agreed_fee.is_none() {
        return Err(DealsError::NotBooked(id));
    }
    if deal.invoice.is_none() {
        let settings = DealSettings::from_stored(&store.settings()?);
        let year = crate::deals::invoice::year_of(date);
        let issued = store.invoice_numbers(year)?;
        let number = next_number(&settings.invoice_prefix, year, issued.iter().map(String::as_str));
        let due = due_date(date, deal.net_days.unwrap_or(settings.net_days)).ok_or(DealsError::FarDue)?;
        let inv = Invoice { number, date, due };
        store.set_invoice(id, &inv, moved(&deal, Stage::Invoiced, date))?;
        deal.invoice = Some(inv);
    }
    invoice_data(&deal).ok_or(DealsError::NotBooked(id))
}

/// Records a payment; the one that completes the agreed fee moves the deal to paid.
/// Returns the money side as of `date`.
pub fn pay(store: &mut Store, id: i64, amount: Decimal, date: NaiveDate) -> Result<Owed> {
    let mut deal = store.deal(id)?;
    deal.payments.push(Payment { date: Some(date), amount });
    let after = owed_of(&deal, date);
    let stage = match after.status {
        crate::deals::owed::PayStatus::Paid => moved(&deal, Stage::Paid, date),
        _ => None,
    };
    store.add_payment(id, &Payment { date: Some(date), amount }, stage)?;
    Ok(after)
}

/// Saves a proposal as a deal at `negotiating` for `brand`: the snapshot (with the
/// 101 totals, priced from the same posts and settings), the deliverables each due on
/// the campaign date. Returns the deal's id.
pub fn save_proposal<P: AsPost>(
    store: &mut Store,
    brand: &str,
    proposal: &Proposal,
    price_point: &str,
    inputs: (&[P], &Settings, &Request),
    date: NaiveDate,
) -> Result<i64> {
    let snapshot = snapshot_of(proposal, price_point, inputs)?;
    save_snapshot(store, (brand, &proposal.currency), snapshot, inputs.2, date)
}

/// The snapshot a proposal is kept as: pure, so the app prices it with the store free.
pub fn snapshot_of<P: AsPost>(
    proposal: &Proposal,
    price_point: &str,
    inputs: (&[P], &Settings, &Request),
) -> Result<Snapshot> {
    let (posts, settings, req) = inputs;
    let totals = pricing::snapshot::totals_by_quantile(posts, settings, req)?;
    Snapshot::new(proposal, price_point, &totals).map_err(DealsError::Snapshot)
}

/// Saves a kept proposal as a deal at `negotiating` for `brand`, in the proposal's
/// `currency` (see [`save_proposal`]).
pub fn save_snapshot(
    store: &mut Store,
    (brand, currency): (&str, &str),
    snapshot: Snapshot,
    req: &Request,
    date: NaiveDate,
) -> Result<i64> {
    let deliverables = req
        .deliverables
        .iter()
        .map(|d| crate::deals::DealDeliverable {
            platform: d.platform,
            format: d.format.clone(),
            quantity: d.quantity,
            due: Some(req.date),
        })
        .collect();
    let new = NewDeal {
        brand: brand.to_string(),
        title: String::new(),
        stage: Stage::Negotiating,
        date,
        deliverables,
        currency: currency.to_string(),
        proposal: Some(snapshot),
    };
    Ok(store.add_deal(&new)?)
}

/// The exclusivity warnings of a proposal for `brand` on `dates` (not yet a deal).
pub fn proposal_warnings(store: &Store, brand: &str, dates: Vec<NaiveDate>) -> Result<Vec<String>> {
    let category = store.brand(brand)?.map(|b| b.category).unwrap_or_default();
    let all = store.deals()?;
    let w: Vec<_> = all.iter().filter_map(Deal::window).collect();
    let c = exclusivity::Candidate { deal_id: None, brand, category: &category, dates };
    Ok(exclusivity::warnings(&c, &w))
}

/// What `report` reads from the store: every deal and the base currency, plain data
/// the app can take under its store lock and compute on after releasing it.
#[derive(Debug, Clone)]
pub struct ReportData {
    pub deals: Vec<Deal>,
    pub base: String,
}

/// Reads what the deals report needs.
pub fn report_data(store: &Store) -> Result<ReportData> {
    Ok(ReportData { deals: store.deals_in_full()?, base: base_of(store)? })
}

/// What the deals teach on `today` (`mille deals report`): [`report_data`], then
/// [`teach::report`] on it.
pub fn report(store: &Store, today: NaiveDate) -> Result<Teach> {
    let data = report_data(store)?;
    Ok(teach::report(&data.deals, &data.base, today)?)
}

/// A brand's offer on deal `id` checked against its proposal without recording it
/// (the app's live check as the amount is typed); `None` when the deal has no proposal.
pub fn check_offer(store: &Store, id: i64, amount: Decimal) -> Result<Option<(pricing::Verdict, u32)>> {
    Ok(store.deal(id)?.proposal.as_ref().map(|s| offer::check(s, amount)))
}
