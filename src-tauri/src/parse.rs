//! What the user typed, read with the core's value rules (the same as a campaign
//! file's and the CLI's): each reader returns core values or an error that names its
//! field (`field.<name>`), phrased for the window, never naming a CLI flag.

use crate::dto::{PackageEdit, PostInput, ProfileView, ProposeInput, RatecardInput, ReportQuery};
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use mille::import::values as v;
use mille::metrics::{self, Dimension, Filter};
use mille::model::{Format, Handle, Metrics, Platform, PostData, Profile};
use mille::money;
use mille::pricing::{Deliverable, Package, Request, UsageRights};
use mille::ratecard::{CardOptions, PackageSpec, PricePoint};
use rust_decimal::Decimal;

/// A value error of the core as a sentence about the field `field`.
pub fn bad(field: &str, label: &str, text: &str, e: v::ValueError) -> AppError {
    let shown = if text.trim().is_empty() {
        String::new()
    } else {
        format!(" {:?}", text.trim())
    };
    AppError::field(field, format!("{label}{shown}: {}", e.message()))
}

/// Reads the Log / Edit form into a post (`base`: the base currency).
pub fn post(input: &PostInput, base: &str) -> AppResult<PostData> {
    let date = v::parse_date(&input.date).map_err(|e| bad("date", "date", &input.date, e))?;
    let brand = input.brand.trim();
    if brand.is_empty() {
        return Err(AppError::field("brand", "brand: a brand name is required"));
    }
    let platform = v::parse_platform(&input.platform)
        .map_err(|e| bad("platform", "platform", &input.platform, e))?;
    let format =
        v::parse_format(&input.format).map_err(|e| bad("format", "format", &input.format, e))?;
    let currency = if input.currency.trim().is_empty() {
        None
    } else {
        let code = input.currency.trim().to_uppercase();
        if !money::is_iso_currency(&code) {
            return Err(AppError::field(
                "currency",
                format!(
                    "currency {:?} is not an ISO 4217 code such as USD or EUR",
                    input.currency.trim()
                ),
            ));
        }
        Some(code)
    };
    if input.fee.trim().is_empty() {
        return Err(AppError::field(
            "fee",
            "fee: what the brand paid is required (0 for a gifted post)",
        ));
    }
    let (fee, currency) = v::parse_fee(&input.fee, currency.as_deref(), base)
        .map_err(|e| bad("fee", "fee", &input.fee, e))?;
    let fx_rate = if input.fx_rate.trim().is_empty() {
        None
    } else {
        Some(
            v::parse_fx_rate(&input.fx_rate)
                .map_err(|e| bad("fx_rate", "exchange rate", &input.fx_rate, e))?,
        )
    };
    let fx_rate = if currency == base {
        if fx_rate.is_some_and(|r| r != Decimal::ONE) {
            return Err(AppError::field(
                "fx_rate",
                format!("exchange rate: only for fees in another currency than {base}"),
            ));
        }
        None
    } else {
        match fx_rate {
            Some(r) => Some(r),
            None => {
                return Err(AppError::field(
                    "fx_rate",
                    format!(
                        "a fee in {currency} needs its exchange rate ({base} for 1 {currency})"
                    ),
                ))
            }
        }
    };
    let mut metrics = Metrics::default();
    let counts = [
        ("impressions", &input.impressions),
        ("reach", &input.reach),
        ("views", &input.views),
        ("likes", &input.likes),
        ("comments", &input.comments),
        ("shares", &input.shares),
        ("saves", &input.saves),
        ("clicks", &input.clicks),
    ];
    for (name, text) in counts {
        let value = v::parse_count(text).map_err(|e| bad(name, name, text, e))?;
        if let Some(slot) = metrics.slot_mut(name) {
            *slot = value;
        }
    }
    Ok(PostData {
        date,
        brand: brand.to_string(),
        platform,
        format,
        fee,
        currency,
        fx_rate,
        metrics,
        campaign: input.campaign.trim().to_string(),
        url: input.url.trim().to_string(),
        notes: input.notes.trim().to_string(),
    })
}

/// A typed number of days: empty is none.
pub fn days(text: &str, field: &str, label: &str) -> AppResult<Option<u32>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>().map(Some).map_err(|_| {
        AppError::field(
            field,
            format!("{label} {t:?}: a whole number of days, 0 or more"),
        )
    })
}

/// A typed quantity of a deliverable line (`line` names it): empty is 1.
pub fn quantity(text: &str, field: &str, line: &str) -> AppResult<u32> {
    let q = text.trim();
    if q.is_empty() {
        return Ok(1);
    }
    q.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
        AppError::field(
            field,
            format!("{line}: quantity {q:?} must be a whole number, at least 1"),
        )
    })
}

/// Typed usage rights: empty, a number of days, or `perpetual`.
pub fn usage_rights(text: &str, field: &str, label: &str) -> AppResult<Option<UsageRights>> {
    let t = text.trim();
    Ok(if t.is_empty() {
        None
    } else if t.eq_ignore_ascii_case("perpetual") {
        Some(UsageRights::Perpetual)
    } else {
        Some(UsageRights::Days(days(t, field, label)?.unwrap_or(0)))
    })
}

/// Reads the Propose form into a pricing request as of `as_of`.
pub fn request(input: &ProposeInput, base: &str, as_of: NaiveDate) -> AppResult<Request> {
    let mut deliverables = Vec::new();
    let mut impressions = Vec::new();
    for (i, d) in input.deliverables.iter().enumerate() {
        let field = format!("line{i}");
        let platform = v::parse_platform(&d.platform)
            .map_err(|e| bad(&field, &format!("line {}: platform", i + 1), &d.platform, e))?;
        let format = v::parse_format(&d.format)
            .map_err(|e| bad(&field, &format!("line {}: format", i + 1), &d.format, e))?;
        let quantity = quantity(&d.quantity, &field, &format!("line {}", i + 1))?;
        if !d.impressions.trim().is_empty() {
            match v::parse_count(&d.impressions) {
                Ok(Some(n)) if n > 0 => impressions.push((platform, format.clone(), n)),
                _ => {
                    return Err(AppError::field(
                        &field,
                        format!(
                            "line {}: projected impressions {:?} must be a whole number above 0",
                            i + 1,
                            d.impressions.trim()
                        ),
                    ))
                }
            }
        }
        deliverables.push(Deliverable {
            platform,
            format,
            quantity,
        });
    }
    let date = v::parse_date(&input.date).map_err(|e| bad("date", "date", &input.date, e))?;
    let mut req = Request::new(deliverables, date, as_of);
    req.brand = Some(input.brand.trim().to_string()).filter(|b| !b.is_empty());
    req.usage_rights = usage_rights(&input.usage_rights, "usage_rights", "usage rights")?;
    req.exclusivity_days = days(&input.exclusivity, "exclusivity", "exclusivity")?;
    req.whitelisting_days = days(&input.whitelisting, "whitelisting", "whitelisting")?;
    req.rush = input.rush;
    req.impressions = impressions;
    if !input.offer.trim().is_empty() {
        let (amount, currency) = v::parse_fee(&input.offer, None, base)
            .map_err(|e| bad("offer", "offer", &input.offer, e))?;
        if currency != base {
            return Err(AppError::field(
                "offer",
                format!("offer: give it in your base currency, {base}"),
            ));
        }
        req.offer = Some(amount);
    }
    Ok(req)
}

/// "Add to rate card": the request's lines and add-ons as a package named `name`.
pub fn package_of_request(req: Request, name: &str) -> AppResult<PackageSpec> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field(
            "package_name",
            "give the package a name, e.g. \"Launch bundle\"",
        ));
    }
    Ok(PackageSpec {
        package: Package {
            name: name.to_string(),
            deliverables: req.deliverables,
            usage_rights: req.usage_rights,
            exclusivity_days: req.exclusivity_days,
            whitelisting_days: req.whitelisting_days,
            rush: req.rush,
        },
        recommended: false,
    })
}

/// Reads the Insights screen's query: the dimensions (each once) and the filters.
pub fn report_query(query: &ReportQuery) -> AppResult<(Vec<Dimension>, Filter)> {
    let mut by = Vec::new();
    for name in &query.by {
        let dim: Dimension = name
            .parse()
            .map_err(|e: metrics::DimensionError| AppError::field("by", e.to_string()))?;
        if !by.contains(&dim) {
            by.push(dim);
        }
    }
    let opt_date = |text: &str, field: &str| -> AppResult<Option<NaiveDate>> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        v::parse_date(text)
            .map(Some)
            .map_err(|e| bad(field, field, text, e))
    };
    let filter = Filter {
        from: opt_date(&query.from, "from")?,
        to: opt_date(&query.to, "to")?,
        platform: if query.platform.trim().is_empty() {
            None
        } else {
            Some(
                v::parse_platform(&query.platform)
                    .map_err(|e| bad("platform", "platform", &query.platform, e))?,
            )
        },
        format: if query.format.trim().is_empty() {
            None
        } else {
            Format::parse(&query.format)
        },
        brand: Some(query.brand.trim().to_string()).filter(|b| !b.is_empty()),
    };
    Ok((by, filter))
}

/// Reads the profile form; the logo is kept as it is (`logo`: the current one).
pub fn profile(view: &ProfileView, logo: Option<String>) -> AppResult<Profile> {
    let code = view.base_currency.trim().to_uppercase();
    if !money::is_iso_currency(&code) {
        return Err(AppError::field(
            "base_currency",
            format!(
                "base currency {:?} is not an ISO 4217 code such as USD",
                view.base_currency.trim()
            ),
        ));
    }
    let hex = view.accent.trim().trim_start_matches('#').to_lowercase();
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::field(
            "accent",
            format!(
                "accent {:?} is not a colour like #5b3fd1",
                view.accent.trim()
            ),
        ));
    }
    let mut handles = Vec::new();
    for (i, h) in view.handles.iter().enumerate() {
        if h.handle.trim().is_empty() {
            continue;
        }
        let field = format!("handle{i}");
        let platform = Platform::parse(&h.platform).ok_or_else(|| {
            AppError::field(
                &field,
                format!("handle {}: unknown platform {:?}", i + 1, h.platform),
            )
        })?;
        let audience = v::parse_count(&h.audience).map_err(|e| {
            bad(
                &field,
                &format!("handle {}: audience", i + 1),
                &h.audience,
                e,
            )
        })?;
        handles.push(Handle {
            platform,
            handle: h.handle.trim().to_string(),
            audience,
        });
    }
    Ok(Profile {
        name: view.name.trim().to_string(),
        handles,
        base_currency: code,
        payment_terms: view.payment_terms.trim().to_string(),
        accent: format!("#{hex}"),
        logo,
    })
}

/// Reads the Rate card screen's options (the date empty means today).
pub fn card_options(input: &RatecardInput, today: NaiveDate) -> AppResult<CardOptions> {
    let t = input.date.trim();
    let date = if t.is_empty() {
        None
    } else {
        Some(NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
            AppError::field(
                "date",
                format!("date {t:?}: write it as YYYY-MM-DD, e.g. {today}"),
            )
        })?)
    };
    Ok(CardOptions {
        date,
        as_of: today,
        how_i_price: input.how_i_price,
        performance: input.performance,
    })
}

/// The price point a proposal PDF quotes: target or anchor.
pub fn price_point(text: &str) -> AppResult<PricePoint> {
    PricePoint::parse(text).map_err(|_| {
        AppError::field(
            "price_point",
            format!(
                "price point {:?}: a quote is at target or anchor (the floor is never quoted)",
                text.trim()
            ),
        )
    })
}

/// Reads the packages editor's package `i`; the field of an error is `package{i}` so
/// the UI can show it beside that package.
pub fn package(i: usize, e: &PackageEdit) -> AppResult<PackageSpec> {
    let field = format!("package{i}");
    let name = e.name.trim();
    let what = if name.is_empty() {
        format!("package {}", i + 1)
    } else {
        format!("package \"{name}\"")
    };
    let mut deliverables = Vec::new();
    for (j, l) in e.lines.iter().enumerate() {
        let line = format!("{what}, line {}", j + 1);
        let platform = v::parse_platform(&l.platform).map_err(|err| {
            AppError::field(
                &field,
                format!(
                    "{line}: platform {:?}: {}",
                    l.platform.trim(),
                    err.message()
                ),
            )
        })?;
        let format = v::parse_format(&l.format).map_err(|err| {
            AppError::field(
                &field,
                format!("{line}: format {:?}: {}", l.format.trim(), err.message()),
            )
        })?;
        let quantity = quantity(&l.quantity, &field, &line)?;
        deliverables.push(Deliverable {
            platform,
            format,
            quantity,
        });
    }
    Ok(PackageSpec {
        package: Package {
            name: name.to_string(),
            deliverables,
            usage_rights: usage_rights(&e.usage_rights, &field, &format!("{what}: usage rights"))?,
            exclusivity_days: days(&e.exclusivity, &field, &format!("{what}: exclusivity"))?,
            whitelisting_days: days(&e.whitelisting, &field, &format!("{what}: whitelisting"))?,
            rush: e.rush,
        },
        recommended: e.recommended,
    })
}

/// Every package of the editor, checked before any is saved.
pub fn packages(edits: &[PackageEdit]) -> AppResult<Vec<PackageSpec>> {
    edits
        .iter()
        .enumerate()
        .map(|(i, e)| package(i, e))
        .collect()
}
