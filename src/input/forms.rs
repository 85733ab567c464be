//! Whole forms: a post (the Log / Edit form, `mille posts add|edit`), a pricing request
//! (Propose, `mille propose`) and the profile. Each is plain text in, as typed, and a
//! checked core value out.

use super::{fields, Field, FieldName, InputError, Result};
use crate::fx::Rates;
use crate::model::{Business, Handle, Metrics, PostData, Profile};
use crate::pricing::{Deliverable, Request};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A post as typed. `None` is a field not given: for a new post the required ones
/// (date, brand, platform, format, fee) must be there; when editing, a field not given
/// keeps its value and an empty one clears an optional field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostForm {
    pub date: Option<String>,
    pub brand: Option<String>,
    pub platform: Option<String>,
    pub format: Option<String>,
    pub fee: Option<String>,
    pub currency: Option<String>,
    pub fx_rate: Option<String>,
    /// In the order of [`FieldName::COUNTS`].
    pub counts: [Option<String>; 8],
    pub campaign: Option<String>,
    pub url: Option<String>,
    pub notes: Option<String>,
}

fn required(name: FieldName, v: &Option<String>) -> Result<&str> {
    v.as_deref().ok_or_else(|| InputError::new(Field::of(name), "", format!("a {} is required", name.words())))
}

/// Reads a post: a new one (`current` is `None`) or the edit of `current`. A fee in
/// another currency than `base` without its own rate takes the ECB reference rate of
/// the post's date from `rates` (real-files.md); a base-currency fee has none.
pub fn post(form: &PostForm, current: Option<&PostData>, base: &str, rates: &Rates) -> Result<PostData> {
    let f = Field::of;
    let mut p = match current {
        Some(p) => p.clone(),
        None => PostData {
            date: fields::date(f(FieldName::Date), required(FieldName::Date, &form.date)?)?,
            brand: fields::brand(f(FieldName::Brand), required(FieldName::Brand, &form.brand)?)?,
            platform: fields::platform(f(FieldName::Platform), required(FieldName::Platform, &form.platform)?)?,
            format: fields::format(f(FieldName::Format), required(FieldName::Format, &form.format)?)?,
            fee: Decimal::ZERO,
            currency: base.to_string(),
            fx_rate: None,
            metrics: Metrics::default(),
            campaign: String::new(),
            url: String::new(),
            notes: String::new(),
        },
    };
    if current.is_none() {
        required(FieldName::Fee, &form.fee).map_err(|_| {
            InputError::new(f(FieldName::Fee), "", "what the brand paid is required (0 for a gifted post)")
        })?;
    } else {
        if let Some(t) = &form.date {
            p.date = fields::date(f(FieldName::Date), t)?;
        }
        if let Some(t) = &form.brand {
            p.brand = fields::brand(f(FieldName::Brand), t)?;
        }
        if let Some(t) = &form.platform {
            p.platform = fields::platform(f(FieldName::Platform), t)?;
        }
        if let Some(t) = &form.format {
            p.format = fields::format(f(FieldName::Format), t)?;
        }
    }
    let currency = match &form.currency {
        Some(t) => fields::currency(f(FieldName::Currency), t)?,
        None => None,
    };
    if form.currency.is_some() {
        p.currency = currency.clone().unwrap_or_else(|| base.to_string());
    }
    if let Some(t) = &form.fee {
        let (amount, code) = fields::fee(f(FieldName::Fee), t, currency.as_deref(), base)?;
        p.fee = amount;
        p.currency = code;
    }
    if let Some(t) = &form.fx_rate {
        p.fx_rate = fields::fx_rate(f(FieldName::FxRate), t)?;
    }
    if p.currency == base {
        if p.fx_rate.is_some_and(|r| r != Decimal::ONE) {
            let typed = form.fx_rate.as_deref().unwrap_or_default();
            return Err(InputError::new(
                f(FieldName::FxRate),
                typed,
                format!("only for fees in another currency than {base}"),
            ));
        }
        p.fx_rate = None;
    } else if p.fx_rate.is_none() {
        let q = rates.quote(p.date, &p.currency, base).map_err(|e| {
            InputError::new(
                f(FieldName::FxRate),
                "",
                format!("a fee in {} needs its exchange rate ({base} for 1 {}): {e}", p.currency, p.currency),
            )
        })?;
        p.fx_rate = Some(q.rate);
    }
    for (name, typed) in FieldName::COUNTS.into_iter().zip(&form.counts) {
        if let Some(t) = typed {
            let n = fields::count(f(name), t)?;
            if let Some(slot) = p.metrics.slot_mut(name.key()) {
                *slot = n;
            }
        }
    }
    for (name, slot, typed) in [
        (FieldName::Campaign, &mut p.campaign, &form.campaign),
        (FieldName::Url, &mut p.url, &form.url),
        (FieldName::Notes, &mut p.notes, &form.notes),
    ] {
        if let Some(t) = typed {
            *slot = fields::text(f(name), t)?;
        }
    }
    super::check_post(&p)?;
    Ok(p)
}

/// One line of a request as typed: platform, format, quantity (empty is 1) and the
/// creator's own projected impressions (empty: Mille projects them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliverableForm {
    pub platform: String,
    pub format: String,
    pub quantity: String,
    pub impressions: String,
}

/// A pricing request as typed. Empty texts are "not asked for".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestForm {
    pub deliverables: Vec<DeliverableForm>,
    pub date: String,
    pub brand: String,
    pub usage_rights: String,
    pub exclusivity: String,
    pub whitelisting: String,
    pub rush: bool,
    pub offer: String,
}

/// Reads a request priced as of `as_of` (already read with [`fields::date`]).
pub fn request(form: &RequestForm, base: &str, as_of: NaiveDate) -> Result<Request> {
    let f = Field::of;
    if form.deliverables.is_empty() {
        return Err(InputError::new(Field::at(FieldName::Platform, 0), "", "at least one deliverable is needed"));
    }
    if form.deliverables.len() > super::bounds::MAX_LINES {
        let n = form.deliverables.len().to_string();
        return Err(InputError::new(
            Field::at(FieldName::Platform, super::bounds::MAX_LINES),
            &n,
            "more than 100 deliverables in one request",
        ));
    }
    let as_of = super::bounds::check_date(f(FieldName::AsOf), as_of)?;
    let mut deliverables = Vec::with_capacity(form.deliverables.len());
    let mut impressions = Vec::new();
    for (i, d) in form.deliverables.iter().enumerate() {
        let platform = fields::platform(Field::at(FieldName::Platform, i), &d.platform)?;
        let format = fields::format(Field::at(FieldName::Format, i), &d.format)?;
        let quantity = fields::quantity(Field::at(FieldName::Quantity, i), &d.quantity)?;
        if let Some(n) = fields::impressions(Field::at(FieldName::Impressions, i), &d.impressions)? {
            impressions.push((platform, format.clone(), n));
        }
        deliverables.push(Deliverable { platform, format, quantity });
    }
    let date = fields::date(f(FieldName::Date), &form.date)?;
    let mut req = Request::new(deliverables, date, as_of);
    let brand = fields::text(f(FieldName::Brand), &form.brand)?;
    req.brand = Some(brand).filter(|b| !b.is_empty());
    req.usage_rights = fields::usage_rights(f(FieldName::UsageRights), &form.usage_rights)?;
    req.exclusivity_days = fields::days(f(FieldName::Exclusivity), &form.exclusivity)?;
    req.whitelisting_days = fields::days(f(FieldName::Whitelisting), &form.whitelisting)?;
    req.rush = form.rush;
    req.impressions = impressions;
    req.offer = fields::offer(f(FieldName::Offer), &form.offer, base)?;
    Ok(req)
}

/// One handle of the profile as typed; an empty handle is no handle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandleForm {
    pub platform: String,
    pub handle: String,
    pub audience: String,
}

/// The profile as typed (the logo is set on its own, with [`fields::logo`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileForm {
    pub name: String,
    pub handles: Vec<HandleForm>,
    pub base_currency: String,
    pub payment_terms: String,
    pub accent: String,
    /// The business block; `None` keeps `current`'s.
    pub business: Option<BusinessForm>,
}

/// The business block as typed (deals.md, "Invoice PDF"); every field may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BusinessForm {
    pub legal_name: String,
    pub address: String,
    pub tax_id: String,
    pub email: String,
    pub payment_details: String,
    pub tax_note: String,
}

/// Reads the business block: free text, trimmed, each at most 10,000 characters; an
/// email, when given, must look like one.
pub fn business(form: &BusinessForm) -> Result<Business> {
    let f = Field::of;
    let email = super::deals::email(f(FieldName::Email), &form.email)?;
    Ok(Business {
        legal_name: fields::text(f(FieldName::LegalName), &form.legal_name)?,
        address: fields::text(f(FieldName::Address), &form.address)?,
        tax_id: fields::text(f(FieldName::TaxId), &form.tax_id)?,
        email,
        payment_details: fields::text(f(FieldName::PaymentDetails), &form.payment_details)?,
        tax_note: fields::text(f(FieldName::TaxNote), &form.tax_note)?,
    })
}

/// Reads the profile; the logo stays `current`'s.
pub fn profile(form: &ProfileForm, current: &Profile) -> Result<Profile> {
    let f = Field::of;
    let base_currency = fields::currency(f(FieldName::BaseCurrency), &form.base_currency)?
        .ok_or_else(|| InputError::new(f(FieldName::BaseCurrency), "", "a base currency is required, such as USD"))?;
    let mut handles: Vec<Handle> = Vec::new();
    for (i, h) in form.handles.iter().enumerate() {
        let handle = fields::text(Field::at(FieldName::Handle, i), &h.handle)?;
        if handle.is_empty() {
            continue;
        }
        let platform = fields::platform(Field::at(FieldName::Platform, i), &h.platform)?;
        let audience = fields::audience(Field::at(FieldName::Audience, i), &h.audience)?;
        match handles.iter_mut().find(|h| h.platform == platform) {
            Some(old) => *old = Handle { platform, handle, audience },
            None => handles.push(Handle { platform, handle, audience }),
        }
    }
    Ok(Profile {
        name: fields::text(f(FieldName::Name), &form.name)?,
        handles,
        base_currency,
        payment_terms: fields::text(f(FieldName::PaymentTerms), &form.payment_terms)?,
        accent: fields::accent(f(FieldName::Accent), &form.accent)?,
        logo: current.logo.clone(),
        business: match &form.business {
            Some(b) => business(b)?,
            None => current.business.clone(),
        },
    })
}
