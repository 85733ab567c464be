//! The rate card (ratecard.md): the one artefact that leaves the creator's laptop.
//!
//! [`build`] turns the store (profile, posts, settings, packages) into a [`CardData`]:
//! every figure a brand sees, already formatted, and nothing private. [`render_pdf`]
//! and [`render_png`] typeset that data with the typst template `assets/ratecard.typ`
//! (see [`render`]); the template reads the data as JSON, so user text is never markup.
//!
//! Decisions where the spec is silent:
//! - Prices are `propose` targets (pricing.md) with the card's date as the campaign date
//!   and `as_of` (default today) as the pricing date: one unit of each platform/format
//!   that has a measured paid post in the 12 months before `as_of`, and each package as
//!   one request of its lines with its add-ons (bundle discount included). All of them
//!   come from one [`Pricer`], so the history is indexed once per card.
//! - Money is formatted in Rust, the same way as the CLI's human views
//!   ([`money::display`]): the base currency's symbol before the amount, thousands
//!   grouped with commas (`$1,700`, `€1,700`, `£950`), a currency without a symbol of
//!   its own after it (`1,700 CHF`); no decimals when the price is whole (nice numbers
//!   usually are), two otherwise. The exact amount is carried beside it as a plain
//!   decimal string (`"1700.00"`) for tests and the app.
//! - The recommended package is the one marked `recommended`; in the defaults that is
//!   Standard, the middle of the good-better-best three (the classic choice to steer to).
//! - Rates use the season of the card's date (the spec's "season-neutral" option is
//!   not offered yet).
//! - The performance option is on the card only when asked for ([`CardOptions::performance`]);
//!   it is computed for the recommended package (else the first) and shows its base
//!   fee, guaranteed impressions and bonus CPM — never the cap.
//! - Custom packages live in the settings table as JSON under [`PACKAGES_KEY`]; when
//!   none are saved, pricing's default packages are used.

mod data;
pub mod quote;
mod render;

use crate::model::{Format, Platform, PostData};
use crate::money;
use crate::pricing::{
    self, AsPost, Deliverable, Package, Pricer, PricingError, Request, Settings, SettingsError, UsageRights,
};
use crate::store::{Store, StoreError};
use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use data::{
    CardAddon, CardData, CardHandle, CardPackage, CardPerformance, CardProfile, CardRate, HowIPrice, HowRow,
};
pub use quote::{quote, PricePoint, QuoteData};
pub(crate) use render::template_pdf;
pub use render::{render_pdf, render_png, render_quote_pdf, Logo, LogoKind};

/// The "How I price" page lists a platform/format only from this many posts on, so
/// that no figure on it is one brand's deal.
pub const HOW_MIN_POSTS: usize = 3;

/// The settings key under which custom packages are stored (JSON).
pub const PACKAGES_KEY: &str = "ratecard.packages";

/// Why a rate card cannot be made; each message is one sentence a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum RatecardError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Settings(#[from] SettingsError),
    #[error("there is no measured paid post (fee and impressions above 0) from {from} to before {as_of}, so the card has no price to show; import or log posts first")]
    NoRates { from: NaiveDate, as_of: NaiveDate },
    #[error("the package \"{package}\" cannot be priced: {source}")]
    Package { package: String, source: PricingError },
    #[error("{platform}/{format} cannot be priced: {source}")]
    Rate { platform: String, format: String, source: PricingError },
    #[error("the saved rate card packages are not valid ({0}); save them again or reset them to the defaults")]
    StoredPackages(String),
    #[error("the packages are not valid: {0}")]
    Packages(String),
    #[error("--price-point {0:?}: a quote is at target or anchor (the floor is never quoted)")]
    PricePoint(String),
    #[error("the logo could not be used ({0}); choose a PNG, JPEG or SVG file")]
    Logo(String),
    #[error("the rate card could not be typeset: {0}")]
    Typeset(String),
    #[error("page {page} does not exist; the card has {pages} page(s)")]
    NoPage { page: usize, pages: usize },
    #[error("the preview image could not be encoded: {0}")]
    Encode(String),
}

/// What to put on the card and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardOptions {
    /// The card's date: campaign date of every price, printed on the card (default: `as_of`).
    pub date: Option<NaiveDate>,
    /// Prices use posts strictly before this date (normally today).
    pub as_of: NaiveDate,
    /// Add the "How I price" page.
    pub how_i_price: bool,
    /// Offer the performance-based option in the terms.
    pub performance: bool,
}

impl CardOptions {
    /// A card dated `today`, priced as of `today`, one page, no performance option.
    pub fn new(today: NaiveDate) -> CardOptions {
        CardOptions { date: None, as_of: today, how_i_price: false, performance: false }
    }
}

/// A package as the creator keeps it: pricing's [`Package`] plus whether it is the
/// one to recommend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageSpec {
    #[serde(flatten)]
    pub package: Package,
    #[serde(default)]
    pub recommended: bool,
}

/// `Instagram reel`, `Newsletter sponsorship`.
pub fn deliverable_label(platform: Platform, format: &Format) -> String {
    format!("{} {}", platform.display_name(), format.as_str().replace(['_', '-'], " "))
}

/// Money as a brand reads it (see the module doc): `$1,700`, `€1,250.50`, `1,700 CHF`.
pub fn money_text(value: Decimal, currency: &str) -> String {
    let r = money::round(value, 2);
    let dp = if r.fract().is_zero() { 0 } else { 2 };
    money::display(r, currency, dp)
}

/// An audience as a short figure: `940`, `18.5k`, `182k`, `1.2M`.
pub fn audience_text(n: u64) -> String {
    fn short(value: Decimal, unit: &str) -> String {
        let dp = if value < Decimal::from(100) { 1 } else { 0 };
        format!("{}{unit}", money::trimmed(value, dp))
    }
    match n {
        0..=999 => n.to_string(),
        1_000..=999_499 => short(Decimal::from(n) / Decimal::from(1000), "k"),
        _ => short(Decimal::from(n) / Decimal::from(1_000_000), "M"),
    }
}

fn percent_text(p: Decimal) -> String {
    format!("+{} %", money::trimmed(p, 2))
}

/// The packages the card shows: the saved ones, or pricing's defaults (with Standard
/// recommended) when none are saved.
pub fn packages(store: &Store, as_of: NaiveDate) -> Result<Vec<PackageSpec>, RatecardError> {
    packages_from(&store.settings()?, &store.posts()?, as_of)
}

/// [`packages`] over plain data: the stored settings (where saved packages live) and
/// the posts.
pub fn packages_from(
    stored: &BTreeMap<String, String>,
    posts: &[impl AsPost],
    as_of: NaiveDate,
) -> Result<Vec<PackageSpec>, RatecardError> {
    if let Some(text) = stored.get(PACKAGES_KEY).filter(|t| !t.trim().is_empty()) {
        let specs: Vec<PackageSpec> =
            serde_json::from_str(text).map_err(|e| RatecardError::StoredPackages(e.to_string()))?;
        return Ok(specs);
    }
    Ok(pricing::default_packages(posts, as_of)
        .into_iter()
        .map(|p| {
            let recommended = p.name == "Standard";
            PackageSpec { package: p, recommended }
        })
        .collect())
}

/// Checks packages a person wrote (names, quantities, at most one recommended).
pub fn validate_packages(specs: &[PackageSpec]) -> Result<(), RatecardError> {
    if specs.len() > 6 {
        return Err(RatecardError::Packages(format!("{} packages; a card holds at most 6", specs.len())));
    }
    for (i, s) in specs.iter().enumerate() {
        let n = i + 1;
        if s.package.name.trim().is_empty() {
            return Err(RatecardError::Packages(format!("package {n} has no name")));
        }
        if s.package.deliverables.is_empty() {
            return Err(RatecardError::Packages(format!("package \"{}\" has no deliverable", s.package.name)));
        }
        if let Some(d) = s.package.deliverables.iter().find(|d| d.quantity == 0) {
            return Err(RatecardError::Packages(format!(
                "package \"{}\" asks for 0 of {}; a quantity is at least 1",
                s.package.name,
                d.slug()
            )));
        }
    }
    if specs.iter().filter(|s| s.recommended).count() > 1 {
        return Err(RatecardError::Packages("more than one package is marked recommended".into()));
    }
    Ok(())
}

/// Saves custom packages (`None` goes back to the defaults).
pub fn save_packages(store: &mut Store, specs: Option<&[PackageSpec]>) -> Result<(), RatecardError> {
    match specs {
        Some(specs) => {
            validate_packages(specs)?;
            let text = serde_json::to_string(specs).map_err(|e| RatecardError::Packages(e.to_string()))?;
            store.set_setting(PACKAGES_KEY, &text)?;
        }
        // An empty value means "the defaults" (the store has no delete for settings).
        None => store.set_setting(PACKAGES_KEY, "")?,
    }
    Ok(())
}

fn included_addons(p: &Package) -> Vec<String> {
    let mut out = Vec::new();
    match p.usage_rights {
        Some(UsageRights::Days(d)) => out.push(format!("Usage rights, {d} days")),
        Some(UsageRights::Perpetual) => out.push("Usage rights, perpetual".to_string()),
        None => {}
    }
    if let Some(d) = p.exclusivity_days {
        out.push(format!("Exclusivity, {d} days"));
    }
    if let Some(d) = p.whitelisting_days {
        out.push(format!("Whitelisting, {d} days"));
    }
    if p.rush {
        out.push("Rush delivery".to_string());
    }
    out
}

fn addon_terms(s: &Settings) -> Vec<CardAddon> {
    vec![
        CardAddon {
            name: "Usage rights".into(),
            terms: format!(
                "30 days {} · 90 days {} · perpetual {}",
                percent_text(s.usage_30d_percent),
                percent_text(s.usage_90d_percent),
                percent_text(s.usage_perpetual_percent)
            ),
        },
        CardAddon {
            name: "Exclusivity".into(),
            terms: format!(
                "{} per 30 days, at most {}",
                percent_text(s.exclusivity_per_30d_percent),
                percent_text(s.exclusivity_max_percent)
            ),
        },
        CardAddon {
            name: "Whitelisting".into(),
            terms: format!(
                "{} per 30 days, at most {}",
                percent_text(s.whitelisting_per_30d_percent),
                percent_text(s.whitelisting_max_percent)
            ),
        },
        CardAddon { name: "Rush delivery".into(), terms: percent_text(s.rush_percent) },
    ]
}

fn package_request(p: &Package, date: NaiveDate, as_of: NaiveDate) -> Request {
    let mut req = Request::new(p.deliverables.clone(), date, as_of);
    req.usage_rights = p.usage_rights;
    req.exclusivity_days = p.exclusivity_days;
    req.whitelisting_days = p.whitelisting_days;
    req.rush = p.rush;
    req
}

/// Builds the card's data from the store (see the module doc for how prices are made).
pub fn build(store: &Store, opts: &CardOptions) -> Result<CardData, RatecardError> {
    let profile = store.profile()?;
    let settings = Settings::from_stored(&store.settings()?)?;
    let posts = store.posts()?;
    let specs = packages(store, opts.as_of)?;
    build_from(&profile, &settings, &posts, &specs, opts)
}

/// [`build`] over plain data (no store).
pub fn build_from(
    profile: &crate::model::Profile,
    settings: &Settings,
    posts: &[impl AsPost],
    specs: &[PackageSpec],
    opts: &CardOptions,
) -> Result<CardData, RatecardError> {
    // Every price shares one history and one context (same as_of, same date).
    let mut pricer = Pricer::new(posts);
    let currency = profile.base_currency.as_str();
    build_priced(profile, settings, posts, specs, opts, &mut |req| pricer.propose(settings, req, currency))
}

/// [`build_from`] with each price drafted by `propose` (a [`Pricer`] over `posts`, or
/// in tests [`pricing::propose`] itself, to show both give the same card).
fn build_priced(
    profile: &crate::model::Profile,
    settings: &Settings,
    posts: &[impl AsPost],
    specs: &[PackageSpec],
    opts: &CardOptions,
    propose: &mut dyn FnMut(&Request) -> Result<pricing::Proposal, PricingError>,
) -> Result<CardData, RatecardError> {
    let currency = profile.base_currency.as_str();
    let as_of = opts.as_of;
    let date = opts.date.unwrap_or(as_of);
    let from = as_of.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);

    // The platform/formats she sells: measured paid posts in [as_of − 12 months, as_of).
    let mut recent: BTreeMap<(Platform, Format), Vec<&PostData>> = BTreeMap::new();
    for p in posts.iter().map(|p| p.post_data()) {
        if p.date >= from && p.date < as_of && p.is_measured() {
            recent.entry((p.platform, p.format.clone())).or_default().push(p);
        }
    }
    if recent.is_empty() {
        return Err(RatecardError::NoRates { from, as_of });
    }

    let mut rates = Vec::new();
    for (platform, format) in recent.keys() {
        let d = Deliverable { platform: *platform, format: format.clone(), quantity: 1 };
        let req = Request::new(vec![d], date, as_of);
        let prop = propose(&req).map_err(|source| RatecardError::Rate {
            platform: platform.to_string(),
            format: format.to_string(),
            source,
        })?;
        rates.push(CardRate {
            platform: platform.as_str().to_string(),
            format: format.as_str().to_string(),
            label: deliverable_label(*platform, format),
            price: money::fixed(prop.total.target, 2),
            price_text: money_text(prop.total.target, currency),
        });
    }

    let recommended_index = specs.iter().position(|s| s.recommended);
    let mut packages = Vec::new();
    let mut performance = None;
    for (i, spec) in specs.iter().enumerate() {
        let p = &spec.package;
        let req = package_request(p, date, as_of);
        let prop = propose(&req).map_err(|source| RatecardError::Package { package: p.name.clone(), source })?;
        let items = p
            .deliverables
            .iter()
            .map(|d| format!("{} × {}", d.quantity, deliverable_label(d.platform, &d.format)))
            .collect();
        packages.push(CardPackage {
            name: p.name.clone(),
            recommended: spec.recommended,
            items,
            included: included_addons(p),
            price: money::fixed(prop.total.target, 2),
            price_text: money_text(prop.total.target, currency),
            bundle_discount_percent: money::trimmed(prop.bundle_discount_percent, 1),
        });
        let quoted = recommended_index.unwrap_or(0) == i;
        if opts.performance && quoted {
            let perf = &prop.performance;
            if let (Some(base), Some(bonus)) = (perf.base, perf.bonus_cpm) {
                performance = Some(CardPerformance {
                    package: p.name.clone(),
                    base: money::fixed(base, 2),
                    base_text: money_text(base, currency),
                    guaranteed_impressions: perf.guaranteed_impressions,
                    guaranteed_text: money::group_thousands(&perf.guaranteed_impressions.to_string()),
                    bonus_cpm: money::fixed(bonus, 2),
                    bonus_cpm_text: money::display(bonus, currency, 2),
                });
            }
        }
    }

    let how_i_price = opts.how_i_price.then(|| HowIPrice {
        method: format!(
            "Every price starts from what brands actually paid me per 1,000 impressions (CPM) on \
             my recent sponsored posts. For a new campaign I project the impressions a post \
             will reach from my latest results, multiply by my typical CPM for that format, \
             and adjust for the season. Figures below cover my paid posts of the 12 months \
             before {as_of}, in {currency}."
        ),
        rows: recent
            .iter()
            // A kind of post with fewer than 3 deals would show one brand's figure.
            .filter(|(_, ps)| ps.len() >= HOW_MIN_POSTS)
            .map(|((platform, format), ps)| {
                let fee: Decimal = ps.iter().map(|p| p.fee_base()).sum();
                let imps: u64 = ps.iter().filter_map(|p| p.metrics.impressions).sum();
                let cpm = fee * Decimal::ONE_THOUSAND / Decimal::from(imps.max(1));
                HowRow {
                    label: deliverable_label(*platform, format),
                    posts: ps.len(),
                    from: ps.iter().map(|p| p.date).min().unwrap_or(from),
                    to: ps.iter().map(|p| p.date).max().unwrap_or(as_of),
                    cpm: money::fixed(cpm, 2),
                    cpm_text: money::display(cpm, currency, 2),
                }
            })
            .collect(),
    });

    let handles = profile
        .handles
        .iter()
        .map(|h| CardHandle {
            platform: h.platform.as_str().to_string(),
            platform_name: h.platform.display_name().to_string(),
            handle: h.handle.clone(),
            audience: h.audience,
            audience_text: h.audience.map(audience_text).unwrap_or_default(),
        })
        .collect();

    Ok(CardData {
        paper: settings.card_paper.as_str().to_string(),
        date,
        as_of,
        valid_until: date + chrono::Days::new(u64::from(settings.card_valid_days)),
        currency: currency.to_string(),
        profile: CardProfile {
            name: profile.name.clone(),
            handles,
            accent: profile.accent.clone(),
            payment_terms: profile.payment_terms.clone(),
        },
        packages,
        rates,
        addons: addon_terms(settings),
        performance,
        how_i_price,
    })
}

#[cfg(test)]
mod tests;
