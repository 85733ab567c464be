//! Readers for what a person types about deals and brands: a stage, who made an
//! offer, a payment, a deliverable with its due date (`instagram/reel:2@2026-12-05`)
//! and a brand's email. Same shape as [`super::fields`]: text in, a value within
//! bounds or one [`InputError`] out.

use super::fields;
use super::{Field, FieldName, InputError, Result};
use crate::deals::{DealDeliverable, Party, Stage};
use rust_decimal::Decimal;

/// A stage by name (`booked`, any case).
pub fn stage(field: Field, text: &str) -> Result<Stage> {
    Stage::parse(text).ok_or_else(|| InputError::new(field, text, format!("not a stage ({})", Stage::known_list())))
}

/// Who made an offer: `brand` or `creator`; empty is the brand.
pub fn party(field: Field, text: &str) -> Result<Party> {
    if text.trim().is_empty() {
        return Ok(Party::Brand);
    }
    Party::parse(text).ok_or_else(|| InputError::new(field, text, "brand or creator is needed"))
}

/// An amount of money received or offered in the base currency: above 0 when
/// `positive`, else 0 or more.
pub fn amount(field: Field, text: &str, base: &str, positive: bool) -> Result<Decimal> {
    let a = fields::offer(field, text, base)?.ok_or_else(|| InputError::new(field, "", "an amount is required"))?;
    if positive && a <= Decimal::ZERO {
        return Err(InputError::new(field, text, "an amount above 0 is needed"));
    }
    Ok(a)
}

/// `PLATFORM/FORMAT[:QUANTITY][@DUE]`, as in `instagram/story:3@2026-12-05`.
pub fn deliverable(field: Field, text: &str) -> Result<DealDeliverable> {
    let (rest, due) = match text.rsplit_once('@') {
        Some((rest, due)) => (rest, Some(due)),
        None => (text, None),
    };
    let (slug, quantity) = match rest.rsplit_once(':') {
        Some((slug, q)) => (slug, q),
        None => (rest, ""),
    };
    let whole = |e: InputError| InputError { value: InputError::new(field, text, "").value, ..e };
    let (platform, format) = fields::platform_format(field, slug).map_err(whole)?;
    let quantity = fields::quantity(Field { name: FieldName::Quantity, ..field }, quantity).map_err(whole)?;
    let due = due.map(|d| fields::date(Field { name: FieldName::Due, ..field }, d)).transpose().map_err(whole)?;
    Ok(DealDeliverable { platform, format, quantity, due })
}

/// An email address: empty, or one word with an `@` between two non-empty parts.
pub fn email(field: Field, text: &str) -> Result<String> {
    let t = fields::text(field, text)?;
    if t.is_empty() {
        return Ok(t);
    }
    match t.split_once('@') {
        Some((user, host)) if !user.is_empty() && host.contains('.') && !t.contains(char::is_whitespace) => Ok(t),
        _ => Err(InputError::new(field, text, "not an email address such as name@example.com")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(name: FieldName) -> Field {
        Field::of(name)
    }

    #[test]
    fn deliverables_with_quantity_and_due() {
        let d = deliverable(f(FieldName::Platform), "instagram/story:3@2026-12-05").unwrap();
        assert_eq!((d.platform.as_str(), d.format.as_str(), d.quantity), ("instagram", "story", 3));
        assert_eq!(d.due.map(|d| d.to_string()).as_deref(), Some("2026-12-05"));
        let d = deliverable(f(FieldName::Platform), "tiktok/video").unwrap();
        assert_eq!((d.quantity, d.due), (1, None));
        for bad in ["instagram", "instagram/reel:0", "instagram/reel@2026-13-01", "myspace/post", "instagram/reel:5000"]
        {
            let e = deliverable(f(FieldName::Platform), bad).unwrap_err();
            assert_eq!(e.value, bad, "the whole value is quoted");
        }
    }

    #[test]
    fn stages_parties_amounts_emails() {
        assert_eq!(stage(f(FieldName::Stage), "Booked").unwrap(), Stage::Booked);
        assert!(stage(f(FieldName::Stage), "won").unwrap_err().problem.contains("inquiry, negotiating"));
        assert_eq!(party(f(FieldName::From), "").unwrap(), Party::Brand);
        assert_eq!(party(f(FieldName::From), "creator").unwrap(), Party::Creator);
        assert!(party(f(FieldName::From), "agency").is_err());
        assert_eq!(amount(f(FieldName::Amount), "$1,500", "USD", true).unwrap().to_string(), "1500");
        assert!(amount(f(FieldName::Amount), "0", "USD", true).is_err());
        assert!(amount(f(FieldName::Amount), "0", "USD", false).is_ok());
        assert!(amount(f(FieldName::Amount), "1500 EUR", "USD", true).is_err());
        assert!(amount(f(FieldName::Amount), "", "USD", true).is_err());
        assert_eq!(email(f(FieldName::Email), " a@b.co ").unwrap(), "a@b.co");
        assert_eq!(email(f(FieldName::Email), "").unwrap(), "");
        assert!(email(f(FieldName::Email), "not an email").is_err());
    }
}
