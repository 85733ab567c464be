//! The deals' settings, kept beside the pricing settings (`mille settings set`):
//! `net_days` (payment terms of an invoice, default 30, 0 to 36,500),
//! `invoice_prefix` (text before `YYYY-NNN`, default empty, at most 20 characters,
//! no line breaks), and the invoice's tax line: `tax_label` (`VAT`, default empty,
//! at most 20 characters) and `tax_percent` (0 to 100 with at most 4 decimals,
//! default 0: no tax line). Pricing ignores keys it does not know, so both live in the same
//! table without touching the pricing settings.

use crate::input::{self, Field, FieldName};
use crate::money;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// A tax rate in percent: 0 to 100, at most 4 decimals (`19`, `7.7`, `8.875`).
fn tax_percent(text: &str) -> Result<Decimal, &'static str> {
    let t = text.trim().trim_end_matches('%').trim();
    let p = Decimal::from_str(t).map_err(|_| "a percentage from 0 to 100 is needed, such as 19")?;
    if p.is_sign_negative() || p > Decimal::ONE_HUNDRED {
        return Err("a percentage from 0 to 100 is needed, such as 19");
    }
    if p.scale() > 4 && p.normalize().scale() > 4 {
        return Err("at most 4 decimals");
    }
    Ok(p.normalize())
}

/// The keys, their defaults and what they are.
pub const KEYS: [(&str, &str, &str); 4] = [
    ("net_days", "30", "days from the invoice date to its due date (deals.md)"),
    ("invoice_prefix", "", "text before the invoice number YYYY-NNN (deals.md)"),
    ("tax_label", "", "the invoice's tax line, such as VAT (deals.md)"),
    ("tax_percent", "0", "the tax added to an invoice's fee, in percent; 0 for none (deals.md)"),
];

/// The deals' settings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealSettings {
    pub net_days: u32,
    pub invoice_prefix: String,
    pub tax_label: String,
    /// Percent of the agreed fee added as tax (0: no tax line).
    pub tax_percent: Decimal,
}

impl Default for DealSettings {
    fn default() -> DealSettings {
        DealSettings {
            net_days: 30,
            invoice_prefix: String::new(),
            tax_label: String::new(),
            tax_percent: Decimal::ZERO,
        }
    }
}

impl DealSettings {
    /// The settings from the stored text (a damaged value falls back to its default).
    pub fn from_stored(map: &BTreeMap<String, String>) -> DealSettings {
        let mut s = DealSettings::default();
        if let Some(Ok(n)) = map.get("net_days").map(|v| v.parse::<u32>()) {
            s.net_days = n;
        }
        if let Some(p) = map.get("invoice_prefix") {
            s.invoice_prefix = p.clone();
        }
        if let Some(l) = map.get("tax_label") {
            s.tax_label = l.clone();
        }
        if let Some(Ok(p)) = map.get("tax_percent").map(|v| tax_percent(v)) {
            s.tax_percent = p;
        }
        s
    }

    /// True when `key` is one of the deals' settings.
    pub fn owns(key: &str) -> bool {
        KEYS.iter().any(|(k, _, _)| *k == key)
    }

    /// The text to store for `key` = `value`, or why it is refused.
    pub fn validate_value(key: &str, value: &str) -> Result<String, String> {
        match key {
            "net_days" => match input::days(Field::of(FieldName::NetDays), value) {
                Ok(Some(n)) => Ok(n.to_string()),
                Ok(None) => {
                    Err(format!("the setting {key} cannot be empty: a whole number of days, 0 or more, is needed"))
                }
                Err(e) => Err(format!("the setting {key} cannot be {:?}: {}", e.value, e.problem)),
            },
            "tax_percent" => tax_percent(value)
                .map(|p| money::trimmed(p, 4))
                .map_err(|why| format!("the setting {key} cannot be {:?}: {why}", value.trim())),
            "invoice_prefix" | "tax_label" => {
                let t = value.trim();
                if t.chars().count() > 20 || t.chars().any(char::is_control) {
                    Err(format!("the setting {key} cannot be {t:?}: at most 20 characters on one line"))
                } else {
                    Ok(t.to_string())
                }
            }
            _ => Err(format!("{key} is not a deals setting")),
        }
    }

    /// The value of `key` as text.
    pub fn value_text(&self, key: &str) -> String {
        match key {
            "net_days" => self.net_days.to_string(),
            "invoice_prefix" => self.invoice_prefix.clone(),
            "tax_label" => self.tax_label.clone(),
            "tax_percent" => money::trimmed(self.tax_percent, 4),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_and_defaults_kept() {
        assert_eq!(DealSettings::validate_value("net_days", " 14 "), Ok("14".into()));
        assert!(DealSettings::validate_value("net_days", "-1").is_err());
        assert!(DealSettings::validate_value("net_days", "").is_err());
        assert_eq!(DealSettings::validate_value("invoice_prefix", "INV-"), Ok("INV-".into()));
        assert!(DealSettings::validate_value("invoice_prefix", "a\nb").is_err());
        let mut map = BTreeMap::new();
        assert_eq!(DealSettings::from_stored(&map), DealSettings::default());
        map.insert("net_days".to_string(), "14".to_string());
        assert_eq!(DealSettings::from_stored(&map).net_days, 14);
    }

    #[test]
    fn tax_percent_is_a_percentage() {
        for (typed, want) in [("19", Ok("19")), (" 7.70 ", Ok("7.7")), ("8.875%", Ok("8.875")), ("0", Ok("0"))] {
            assert_eq!(DealSettings::validate_value("tax_percent", typed), want.map(String::from), "{typed}");
        }
        for bad in ["-1", "101", "nineteen", "1.00001", ""] {
            assert!(DealSettings::validate_value("tax_percent", bad).is_err(), "{bad}");
        }
        assert_eq!(DealSettings::validate_value("tax_label", " VAT "), Ok("VAT".into()));
        let mut map = BTreeMap::new();
        map.insert("tax_percent".to_string(), "19".to_string());
        map.insert("tax_label".to_string(), "VAT".to_string());
        let s = DealSettings::from_stored(&map);
        assert_eq!((s.tax_label.as_str(), s.tax_percent), ("VAT", Decimal::from(19)));
    }
}
