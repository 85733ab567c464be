//! Reading single values given as command-line flags, with the same rules as a `,`
//! campaign file (import's value parsers), and an error that names the flag.

use super::{CliError, CliResult};
use chrono::NaiveDate;
use mille::import::values as v;
use mille::model::{Format, Platform};
use rust_decimal::Decimal;

fn bad(flag: &str, text: &str, why: impl std::fmt::Display) -> CliError {
    CliError::Invalid(format!("{flag} {text:?}: {why}"))
}

fn bad_value(flag: &str, text: &str, e: v::ValueError) -> CliError {
    bad(flag, text, e.message())
}

pub fn date(text: &str, flag: &str) -> CliResult<NaiveDate> {
    v::parse_date(text).map_err(|e| bad_value(flag, text, e))
}

pub fn platform(text: &str, flag: &str) -> CliResult<Platform> {
    Platform::parse(text).ok_or_else(|| bad(flag, text, format!("unknown platform (known: {})", Platform::known_list())))
}

pub fn format(text: &str, flag: &str) -> CliResult<Format> {
    Format::parse(text).ok_or_else(|| bad(flag, text, "a format is required"))
}

pub fn required_text(text: &str, flag: &str) -> CliResult<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(bad(flag, text, "a value is required"));
    }
    Ok(t.to_string())
}

pub fn currency(text: &str) -> CliResult<String> {
    let code = text.trim().to_uppercase();
    if mille::money::is_iso_currency(&code) {
        Ok(code)
    } else {
        Err(bad("--currency", text, "not an ISO 4217 currency code"))
    }
}

/// A fee with an optional symbol or code; returns the amount and its currency.
pub fn fee(text: &str, currency: Option<&str>, base: &str) -> CliResult<(Decimal, String)> {
    let currency = currency.map(self::currency).transpose()?;
    v::parse_fee(text, currency.as_deref(), base).map_err(|e| bad_value("--fee", text, e))
}

/// An fx rate; empty means none.
pub fn fx_rate(text: &str) -> CliResult<Option<Decimal>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    v::parse_fx_rate(text).map(Some).map_err(|e| bad_value("--fx-rate", text, e))
}

/// A whole number ≥ 0; empty means "not known".
pub fn count(text: &str, name: &str) -> CliResult<Option<u64>> {
    v::parse_count(text).map_err(|e| bad_value(&format!("--{name}"), text, e))
}
