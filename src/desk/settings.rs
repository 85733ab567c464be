//! The deals' settings, kept beside the pricing settings (`mille settings set`):
//! `net_days` (payment terms of an invoice, default 30, 0 to 36,500) and
//! `invoice_prefix` (text before `YYYY-NNN`, default empty, at most 20 characters,
//! no line breaks). Pricing ignores keys it does not know, so both live in the same
//! table without touching the pricing settings.

use crate::input::{self, Field, FieldName};
use std::collections::BTreeMap;

/// The keys, their defaults and what they are.
pub const KEYS: [(&str, &str, &str); 2] = [
    ("net_days", "30", "days from the invoice date to its due date (deals.md)"),
    ("invoice_prefix", "", "text before the invoice number YYYY-NNN (deals.md)"),
];

/// The deals' settings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealSettings {
    pub net_days: u32,
    pub invoice_prefix: String,
}

impl Default for DealSettings {
    fn default() -> DealSettings {
        DealSettings { net_days: 30, invoice_prefix: String::new() }
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
            "invoice_prefix" => {
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
}
