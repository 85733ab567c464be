//! The deal forms as typed, read by the core's deals readers (`mille::input::deals`):
//! a new deal, an offer, a booking, a payment, a stage, a day. Errors name the form's
//! field (`field.amount`, `field.fee`; a deliverable line `field.line{i}`).

use super::said;
use crate::dto::{BookingInput, DealInput, OfferInput};
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use mille::deals::{DealDeliverable, Party, Stage};
use mille::desk::BookInput;
use mille::input::{self, deals as read, Field, FieldName};
use mille::store::NewDeal;
use rust_decimal::Decimal;

fn f(name: FieldName) -> Field {
    Field::of(name)
}

/// A day as typed; empty is `today`.
pub fn day(text: &str, today: NaiveDate) -> AppResult<NaiveDate> {
    if text.trim().is_empty() {
        return Ok(today);
    }
    input::date(f(FieldName::Date), text).map_err(|e| said(e, "line"))
}

/// A day as typed; empty is none.
pub fn opt_day(text: &str) -> AppResult<Option<NaiveDate>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    input::date(f(FieldName::Date), text).map(Some).map_err(|e| said(e, "line"))
}

/// A stage by name.
pub fn stage(text: &str) -> AppResult<Stage> {
    read::stage(f(FieldName::Stage), text).map_err(|e| said(e, "line"))
}

/// A stage by name; empty is none.
pub fn opt_stage(text: &str) -> AppResult<Option<Stage>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    stage(text).map(Some)
}

/// The New deal form, dated `today`, in the base currency `base`.
pub fn new_deal(input: &DealInput, base: &str, today: NaiveDate) -> AppResult<NewDeal> {
    let brand = input::brand(f(FieldName::Brand), &input.brand).map_err(|e| said(e, "line"))?;
    let title = input::text(f(FieldName::Title), &input.title).map_err(|e| said(e, "line"))?;
    let mut deliverables = Vec::new();
    for (i, l) in input.deliverables.iter().enumerate() {
        let at = |name| Field::at(name, i);
        let platform = input::platform(at(FieldName::Platform), &l.platform).map_err(|e| said(e, "line"))?;
        let format = input::format(at(FieldName::Format), &l.format).map_err(|e| said(e, "line"))?;
        let quantity = input::quantity(at(FieldName::Quantity), &l.quantity).map_err(|e| said(e, "line"))?;
        let due = match l.due.trim() {
            "" => None,
            t => Some(input::date(at(FieldName::Due), t).map_err(|e| said(e, "line"))?),
        };
        deliverables.push(DealDeliverable { platform, format, quantity, due });
    }
    Ok(NewDeal {
        brand,
        title,
        stage: Stage::Inquiry,
        date: today,
        deliverables,
        proposal: None,
        currency: base.to_string(),
    })
}

/// An amount in the base currency, above 0 (an offer, a payment).
pub fn amount(text: &str, base: &str) -> AppResult<Decimal> {
    read::amount(f(FieldName::Amount), text, base, true).map_err(|e| said(e, "line"))
}

/// An offer: amount, who made it, its note.
pub fn offer(input: &OfferInput, base: &str) -> AppResult<(Decimal, Party, String)> {
    let party = read::party(f(FieldName::From), &input.from).map_err(|e| said(e, "line"))?;
    let note = input::text(f(FieldName::Notes), &input.note).map_err(|e| said(e, "line"))?;
    Ok((amount(&input.amount, base)?, party, note))
}

/// The Book form: an empty fee takes the default; a currency or rate needs a fee.
pub fn booking(input: &BookingInput, base: &str) -> AppResult<BookInput> {
    let currency = input::currency(f(FieldName::Currency), &input.currency).map_err(|e| said(e, "line"))?;
    let fx_rate = input::fx_rate(f(FieldName::FxRate), &input.fx_rate).map_err(|e| said(e, "line"))?;
    let fee = if input.fee.trim().is_empty() {
        if currency.as_deref().is_some_and(|c| c != base) || fx_rate.is_some() {
            return Err(AppError::field("fee", "give the agreed fee in that currency"));
        }
        None
    } else {
        let (amount, code) =
            input::fee(f(FieldName::Fee), &input.fee, currency.as_deref(), base).map_err(|e| said(e, "line"))?;
        Some((amount, code, fx_rate))
    };
    Ok(BookInput {
        fee,
        usage_rights: input::usage_rights(f(FieldName::UsageRights), &input.usage_rights)
            .map_err(|e| said(e, "line"))?,
        exclusivity_days: input::days(f(FieldName::Exclusivity), &input.exclusivity).map_err(|e| said(e, "line"))?,
        whitelisting_days: input::days(f(FieldName::Whitelisting), &input.whitelisting).map_err(|e| said(e, "line"))?,
        rush: input.rush,
        net_days: None,
    })
}
