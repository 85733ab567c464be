//! One reader per kind of value a person types. Each takes the text as typed and the
//! field it came from, and returns the value within [`super::bounds`] or an
//! [`InputError`] for that field. The rules of reading are import's value parsers for a
//! `,` file (`1,250.00`, `$1,250`, `2025-03-04`), so a value reads the same in a form,
//! a flag and a campaign CSV.

use super::bounds::{self, MAX_DAYS, MAX_LOGO_BYTES, MAX_QUANTITY};
use super::{Field, InputError, Result};
use crate::import::values as v;
use crate::model::{Format, Platform};
use crate::pricing::UsageRights;
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

fn wrong(field: Field, text: &str, e: v::ValueError) -> InputError {
    InputError::new(field, text, e.message())
}

/// A day written `YYYY-MM-DD`, between 1900 and 2200.
pub fn date(field: Field, text: &str) -> Result<NaiveDate> {
    let d = v::parse_date(text).map_err(|e| wrong(field, text, e))?;
    bounds::check_date(field, d)
}

/// A required text of at most 10,000 characters, trimmed.
pub fn brand(field: Field, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(InputError::new(field, "", "a name is required"));
    }
    bounds::check_text(field, t)?;
    Ok(t.to_string())
}

/// An optional text of at most 10,000 characters, trimmed (empty is fine).
pub fn text(field: Field, text: &str) -> Result<String> {
    let t = text.trim();
    bounds::check_text(field, t)?;
    Ok(t.to_string())
}

/// A platform by slug or name (`instagram`, `YouTube`).
pub fn platform(field: Field, text: &str) -> Result<Platform> {
    if text.trim().is_empty() {
        return Err(InputError::new(field, "", "a platform is required"));
    }
    Platform::parse(text)
        .ok_or_else(|| InputError::new(field, text, format!("not a platform Mille knows ({})", Platform::known_list())))
}

/// A format: one of the known ones or the creator's own (a slug of letters, digits, `-`).
pub fn format(field: Field, text: &str) -> Result<Format> {
    bounds::check_text(field, text)?;
    Format::parse(text).ok_or_else(|| InputError::new(field, text, "a format is required"))
}

/// `PLATFORM/FORMAT`, as in `instagram/reel`.
pub fn platform_format(field: Field, text: &str) -> Result<(Platform, Format)> {
    let Some((p, f)) = text.split_once('/') else {
        return Err(InputError::new(field, text, "a platform and a format are needed, such as instagram/reel"));
    };
    let platform = platform(field, p).map_err(|e| InputError { value: super::shown(text), ..e })?;
    let format = format(field, f).map_err(|e| InputError { value: super::shown(text), ..e })?;
    Ok((platform, format))
}

/// An ISO 4217 currency code; empty gives `None`.
pub fn currency(field: Field, text: &str) -> Result<Option<String>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let code = t.to_uppercase();
    if crate::money::is_iso_currency(&code) {
        Ok(Some(code))
    } else {
        Err(InputError::new(field, t, "not an ISO 4217 currency code such as USD or EUR"))
    }
}

/// A fee with an optional symbol or code (`1250`, `$1,250.00`, `1250 EUR`): the
/// amount and its currency (`currency`, else the one written, else `base`).
pub fn fee(field: Field, text: &str, currency: Option<&str>, base: &str) -> Result<(Decimal, String)> {
    if text.trim().is_empty() {
        return Err(InputError::new(field, "", "what the brand paid is required (0 for a gifted post)"));
    }
    let (amount, code) = v::parse_fee(text, currency, base).map_err(|e| wrong(field, text, e))?;
    bounds::check_money(field, amount).map_err(|e| InputError { value: super::shown(text), ..e })?;
    Ok((amount, code))
}

/// An amount in the base currency (a brand's offer); empty gives `None`.
pub fn offer(field: Field, text: &str, base: &str) -> Result<Option<Decimal>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let (amount, code) = fee(field, text, None, base)?;
    if code != base {
        return Err(InputError::new(field, text, format!("an amount in the base currency, {base}, is needed")));
    }
    if amount < Decimal::ZERO {
        return Err(InputError::new(field, text, "an amount of 0 or more is needed"));
    }
    Ok(Some(amount))
}

/// An exchange rate (base-currency units for one unit of the fee's currency); empty
/// gives `None`.
pub fn fx_rate(field: Field, text: &str) -> Result<Option<Decimal>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let r = v::parse_fx_rate(text).map_err(|e| wrong(field, text, e))?;
    bounds::check_fx_rate(field, r).map(Some).map_err(|e| InputError { value: super::shown(text), ..e })
}

/// A whole number ≥ 0, optionally grouped (`12,345`); empty gives `None` (not known).
pub fn count(field: Field, text: &str) -> Result<Option<u64>> {
    let n = v::parse_count(text).map_err(|e| wrong(field, text, e))?;
    n.map(|n| bounds::check_count(field, n).map_err(|e| InputError { value: super::shown(text), ..e })).transpose()
}

/// Projected impressions for a line: a whole number above 0; empty gives `None`.
pub fn impressions(field: Field, text: &str) -> Result<Option<u64>> {
    match count(field, text)? {
        Some(0) => Err(InputError::new(field, text, "a whole number above 0 is needed")),
        n => Ok(n),
    }
}

/// How many units of a deliverable: a whole number from 1 to 1,000; empty is 1.
pub fn quantity(field: Field, text: &str) -> Result<u32> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(1);
    }
    let n = v::parse_count(t)
        .ok()
        .flatten()
        .ok_or_else(|| InputError::new(field, t, "a whole number of units, at least 1, is needed"))?;
    match u32::try_from(n) {
        Ok(0) => Err(InputError::new(field, t, "a whole number of units, at least 1, is needed")),
        Ok(n) if n <= MAX_QUANTITY => Ok(n),
        _ => Err(InputError::new(field, t, "more than 1,000 units in one line; split the request or price a package")),
    }
}

/// A number of days from 0 to 36,500; empty gives `None`.
pub fn days(field: Field, text: &str) -> Result<Option<u32>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let n = v::parse_count(t)
        .ok()
        .flatten()
        .ok_or_else(|| InputError::new(field, t, "a whole number of days, 0 or more, is needed"))?;
    match u32::try_from(n) {
        Ok(n) if n <= MAX_DAYS => Ok(Some(n)),
        _ => Err(InputError::new(field, t, "more than 36,500 days (100 years)")),
    }
}

/// Usage rights: a number of days, or `perpetual`; empty gives `None`.
pub fn usage_rights(field: Field, text: &str) -> Result<Option<UsageRights>> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("perpetual") {
        return Ok(Some(UsageRights::Perpetual));
    }
    days(field, t).map(|d| d.map(UsageRights::Days)).map_err(|e| {
        if e.problem.starts_with("a whole") {
            InputError::new(field, t, "a whole number of days, or perpetual, is needed")
        } else {
            e
        }
    })
}

/// An audience: `182000`, `182,000`, `182k`, `1.2m`; empty gives `None`.
pub fn audience(field: Field, text: &str) -> Result<Option<u64>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = || InputError::new(field, t, "a whole number of followers is needed, such as 182000 or 182k");
    let lower = t.to_lowercase().replace([',', '_', ' ', '\u{a0}'], "");
    let (num, mult) = match lower.chars().last() {
        Some('k') => (&lower[..lower.len() - 1], 1_000u64),
        Some('m') => (&lower[..lower.len() - 1], 1_000_000u64),
        _ => (lower.as_str(), 1),
    };
    if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let d: Decimal = num.parse().map_err(|_| bad())?;
    let n = d.checked_mul(Decimal::from(mult)).map(|n| n.round()).and_then(|n| n.to_u64()).ok_or_else(bad)?;
    if mult == 1 && d.fract() != Decimal::ZERO {
        return Err(bad());
    }
    bounds::check_count(field, n).map(Some).map_err(|e| InputError { value: super::shown(t), ..e })
}

/// An accent colour `#rrggbb` (the `#` optional), given back lower-case with its `#`.
pub fn accent(field: Field, text: &str) -> Result<String> {
    let t = text.trim().to_lowercase();
    let hex = t.strip_prefix('#').unwrap_or(&t);
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(format!("#{hex}"))
    } else {
        Err(InputError::new(field, text, "not a colour like #5b3fd1"))
    }
}

/// A logo's bytes: a PNG, JPEG or SVG image (recognised by its bytes, not its name)
/// of at most 10 MB.
pub fn logo(field: Field, name: &str, bytes: &[u8]) -> Result<()> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(InputError::new(field, name, "larger than 10 MB; a logo of a few hundred KB is plenty"));
    }
    let png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
    let jpeg = bytes.starts_with(&[0xFF, 0xD8, 0xFF]);
    let svg = || String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase().contains("<svg");
    if png || jpeg || svg() {
        Ok(())
    } else {
        Err(InputError::new(field, name, "not a PNG, JPEG or SVG image"))
    }
}
