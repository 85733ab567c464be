//! The pricing settings (`mille settings show|set`): every knob of pricing.md with its
//! default, the reason for that default, and the validation of a value typed by a
//! person. The store keeps only the values the user changed, as text; this module
//! turns that text into a [`Settings`] and refuses anything that would make a price
//! meaningless, in one sentence naming the key and the value.
//!
//! Sources of the defaults. The add-on percentages sit inside the ranges that widely
//! read public creator rate guides publish for usage rights, exclusivity, whitelisting
//! and rush fees (for example Influencer Marketing Hub's influencer rates guides,
//! Later's influencer pricing guides and #paid's creator rate resources); none of them
//! publishes these exact numbers, they are a conservative starting point to adjust.
//! The method settings (pooling, look-back, bundle tiers, rounding, guarantee share)
//! are Mille's own choices, described in pricing.md.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Paper size of the rate card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    /// The stored slug (`a4`, `letter`).
    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }
}

/// Every pricing setting, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Pooling strength k (season factors and spreads pulled toward their parent).
    pub pooling_k: Decimal,
    /// Look-back window for levels, spreads and growth, in calendar months.
    pub lookback_months: u32,
    /// Usage rights for 30 days, % of the fee.
    pub usage_30d_percent: Decimal,
    /// Usage rights for 90 days, % of the fee.
    pub usage_90d_percent: Decimal,
    /// Perpetual usage rights, % of the fee (also the cap of a term in days).
    pub usage_perpetual_percent: Decimal,
    pub exclusivity_per_30d_percent: Decimal,
    pub exclusivity_max_percent: Decimal,
    pub whitelisting_per_30d_percent: Decimal,
    pub whitelisting_max_percent: Decimal,
    pub rush_percent: Decimal,
    /// Discount % of the 1st, 2nd, … unit; the last applies to every later unit.
    pub bundle_tiers: Vec<Decimal>,
    /// Nice-number rounding: (below, increment) steps in increasing order …
    pub rounding: Vec<(Decimal, Decimal)>,
    /// … and the increment from the last `below` upward.
    pub rounding_last: Decimal,
    pub guaranteed_share_percent: Decimal,
    pub card_paper: Paper,
    pub card_valid_days: u32,
}

/// One setting as `mille settings show` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SettingInfo {
    pub key: &'static str,
    pub value: String,
    pub default: String,
    pub source: &'static str,
}

/// A setting value (or key) that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("unknown setting \"{key}\"; the settings are {known}.")]
    UnknownKey { key: String, known: String },
    #[error("the setting {key} cannot be \"{value}\": {expected}.")]
    Invalid { key: String, value: String, expected: &'static str },
}

const USAGE_SOURCE: &str = "within the usage-rights ranges of public creator rate guides \
(e.g. Influencer Marketing Hub, Later, #paid); a conservative starting point, not a figure \
quoted from any one of them";
const EXCLUSIVITY_SOURCE: &str = "public creator rate guides (e.g. Influencer Marketing Hub, \
Later) price category exclusivity as a surcharge growing with its length; 10 % per 30 days, \
at most 50 %, is a conservative reading";
const WHITELISTING_SOURCE: &str = "public creator rate guides (e.g. Influencer Marketing Hub, \
#paid) price whitelisting / paid amplification as a monthly surcharge; 25 % per 30 days, at \
most 100 %, is a common middle";

/// (key, default text, source) of every setting, in the order `settings show` lists them.
const TABLE: &[(&str, &str, &str)] = &[
    ("pooling_k", "3", "Mille's method (pricing.md): season factors and spreads are pooled toward their parent as if 3 typical posts were added"),
    ("lookback_months", "24", "Mille's method (pricing.md): two years of history keeps levels current and leaves enough posts"),
    ("usage_30d_percent", "20", USAGE_SOURCE),
    ("usage_90d_percent", "35", USAGE_SOURCE),
    ("usage_perpetual_percent", "75", USAGE_SOURCE),
    ("exclusivity_per_30d_percent", "10", EXCLUSIVITY_SOURCE),
    ("exclusivity_max_percent", "50", EXCLUSIVITY_SOURCE),
    ("whitelisting_per_30d_percent", "25", WHITELISTING_SOURCE),
    ("whitelisting_max_percent", "100", WHITELISTING_SOURCE),
    ("rush_percent", "25", "a usual rush surcharge in public freelance and creator rate guides (e.g. Influencer Marketing Hub, Later)"),
    ("bundle_tiers", "0,5,5,10", "Mille's method (pricing.md): the small multi-deliverable discount rate guides suggest for packages, tiered by unit so adding a deliverable never lowers a total"),
    ("rounding", "500:25,2000:50,10000:100,250", "Mille's method (pricing.md): quotes in round numbers, finer for small prices"),
    ("guaranteed_share_percent", "80", "Mille's method (pricing.md): guarantee 80 % of the projected impressions so the base is usually met"),
    ("card_paper", "a4", "ISO 216 A4, the paper size of most of the world (letter for North America)"),
    ("card_valid_days", "30", "common business practice: a quote valid for 30 days"),
];

impl Default for Settings {
    fn default() -> Self {
        Settings {
            pooling_k: dec!(3),
            lookback_months: 24,
            usage_30d_percent: dec!(20),
            usage_90d_percent: dec!(35),
            usage_perpetual_percent: dec!(75),
            exclusivity_per_30d_percent: dec!(10),
            exclusivity_max_percent: dec!(50),
            whitelisting_per_30d_percent: dec!(25),
            whitelisting_max_percent: dec!(100),
            rush_percent: dec!(25),
            bundle_tiers: vec![dec!(0), dec!(5), dec!(5), dec!(10)],
            rounding: vec![(dec!(500), dec!(25)), (dec!(2000), dec!(50)), (dec!(10000), dec!(100))],
            rounding_last: dec!(250),
            guaranteed_share_percent: dec!(80),
            card_paper: Paper::A4,
            card_valid_days: 30,
        }
    }
}

fn invalid(key: &str, value: &str, expected: &'static str) -> SettingsError {
    SettingsError::Invalid { key: key.to_string(), value: value.to_string(), expected }
}

fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.is_empty() || t.contains(['e', 'E']) {
        return None;
    }
    Decimal::from_str(t).ok()
}

fn norm(d: Decimal) -> String {
    let n = d.normalize();
    if n.is_zero() {
        "0".to_string()
    } else {
        n.to_string()
    }
}

fn percent(key: &str, text: &str, max: Option<Decimal>) -> Result<Decimal, SettingsError> {
    let expected = if max.is_some() {
        "expected a percentage from 0 to 100"
    } else {
        "expected a percentage of at least 0 (a plain number such as 20 or 2.5)"
    };
    match parse_decimal(text) {
        Some(d) if d >= Decimal::ZERO && max.is_none_or(|m| d <= m) => Ok(d),
        _ => Err(invalid(key, text, expected)),
    }
}

fn whole(key: &str, text: &str, expected: &'static str) -> Result<u32, SettingsError> {
    match text.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(invalid(key, text, expected)),
    }
}

fn parse_tiers(key: &str, text: &str) -> Result<Vec<Decimal>, SettingsError> {
    const EXPECTED: &str = "expected comma-separated discount percentages below 100 that never \
decrease, such as 0,5,5,10 (the 1st, 2nd, 3rd and later units)";
    let mut out = Vec::new();
    for part in text.split(',') {
        match parse_decimal(part) {
            Some(d) if d >= Decimal::ZERO && d < dec!(100) => out.push(d),
            _ => return Err(invalid(key, text, EXPECTED)),
        }
    }
    if out.is_empty() || out.windows(2).any(|w| w[1] < w[0]) {
        return Err(invalid(key, text, EXPECTED));
    }
    Ok(out)
}

type RoundingSteps = (Vec<(Decimal, Decimal)>, Decimal);

fn parse_rounding(key: &str, text: &str) -> Result<RoundingSteps, SettingsError> {
    const EXPECTED: &str = "expected BELOW:INCREMENT steps with increasing BELOW and a last \
INCREMENT, all above 0, such as 500:25,2000:50,10000:100,250";
    let parts: Vec<&str> = text.split(',').collect();
    let Some((last, steps)) = parts.split_last() else {
        return Err(invalid(key, text, EXPECTED));
    };
    let mut out = Vec::new();
    for step in steps {
        let Some((below, inc)) = step.split_once(':') else {
            return Err(invalid(key, text, EXPECTED));
        };
        match (parse_decimal(below), parse_decimal(inc)) {
            (Some(b), Some(i)) if b > Decimal::ZERO && i > Decimal::ZERO => out.push((b, i)),
            _ => return Err(invalid(key, text, EXPECTED)),
        }
    }
    let last = match parse_decimal(last) {
        Some(l) if l > Decimal::ZERO => l,
        _ => return Err(invalid(key, text, EXPECTED)),
    };
    if out.windows(2).any(|w| w[1].0 <= w[0].0) {
        return Err(invalid(key, text, EXPECTED));
    }
    Ok((out, last))
}

fn list_text(values: &[Decimal]) -> String {
    values.iter().map(|d| norm(*d)).collect::<Vec<_>>().join(",")
}

fn rounding_text(steps: &[(Decimal, Decimal)], last: Decimal) -> String {
    let mut parts: Vec<String> = steps.iter().map(|(b, i)| format!("{}:{}", norm(*b), norm(*i))).collect();
    parts.push(norm(last));
    parts.join(",")
}

impl Settings {
    /// Every key, in display order.
    pub fn keys() -> impl Iterator<Item = &'static str> {
        TABLE.iter().map(|(k, _, _)| *k)
    }

    /// Checks one value for `key` and returns it normalised (`"20.0"` → `"20"`,
    /// `"A4"` → `"a4"`, `" 0, 5 ,5,10"` → `"0,5,5,10"`), as the store should keep it.
    pub fn validate_value(key: &str, text: &str) -> Result<String, SettingsError> {
        let mut s = Settings::default();
        s.apply(key, text)?;
        Ok(s.value_text(key).unwrap_or_default())
    }

    /// Settings from the stored text values (keys not stored take their default; keys
    /// that are not pricing settings are ignored, other modules may store theirs).
    pub fn from_stored(map: &BTreeMap<String, String>) -> Result<Settings, SettingsError> {
        let mut s = Settings::default();
        for (key, value) in map {
            if TABLE.iter().any(|(k, _, _)| k == key) {
                s.apply(key, value)?;
            }
        }
        Ok(s)
    }

    /// Every setting with its current value, default and the source of the default.
    pub fn describe(&self) -> Vec<SettingInfo> {
        TABLE
            .iter()
            .map(|(key, default, source)| SettingInfo {
                key,
                value: self.value_text(key).unwrap_or_default(),
                default: (*default).to_string(),
                source,
            })
            .collect()
    }

    /// `settings show --json`: `{"key": {"value", "default", "source"}, ...}`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for info in self.describe() {
            map.insert(
                info.key.to_string(),
                serde_json::json!({ "value": info.value, "default": info.default, "source": info.source }),
            );
        }
        serde_json::Value::Object(map)
    }

    /// The normalised text of one setting's current value.
    pub fn value_text(&self, key: &str) -> Option<String> {
        Some(match key {
            "pooling_k" => norm(self.pooling_k),
            "lookback_months" => self.lookback_months.to_string(),
            "usage_30d_percent" => norm(self.usage_30d_percent),
            "usage_90d_percent" => norm(self.usage_90d_percent),
            "usage_perpetual_percent" => norm(self.usage_perpetual_percent),
            "exclusivity_per_30d_percent" => norm(self.exclusivity_per_30d_percent),
            "exclusivity_max_percent" => norm(self.exclusivity_max_percent),
            "whitelisting_per_30d_percent" => norm(self.whitelisting_per_30d_percent),
            "whitelisting_max_percent" => norm(self.whitelisting_max_percent),
            "rush_percent" => norm(self.rush_percent),
            "bundle_tiers" => list_text(&self.bundle_tiers),
            "rounding" => rounding_text(&self.rounding, self.rounding_last),
            "guaranteed_share_percent" => norm(self.guaranteed_share_percent),
            "card_paper" => self.card_paper.as_str().to_string(),
            "card_valid_days" => self.card_valid_days.to_string(),
            _ => return None,
        })
    }

    fn apply(&mut self, key: &str, text: &str) -> Result<(), SettingsError> {
        let hundred = Some(dec!(100));
        match key {
            "pooling_k" => {
                self.pooling_k = match parse_decimal(text) {
                    Some(d) if d >= Decimal::ZERO => d,
                    _ => return Err(invalid(key, text, "expected a number of at least 0 (3 by default)")),
                }
            }
            "lookback_months" => {
                self.lookback_months = match text.trim().parse::<u32>() {
                    Ok(n) if (1..=1200).contains(&n) => n,
                    _ => return Err(invalid(key, text, "expected a whole number of months from 1 to 1200")),
                }
            }
            "usage_30d_percent" => self.usage_30d_percent = percent(key, text, None)?,
            "usage_90d_percent" => self.usage_90d_percent = percent(key, text, None)?,
            "usage_perpetual_percent" => self.usage_perpetual_percent = percent(key, text, None)?,
            "exclusivity_per_30d_percent" => self.exclusivity_per_30d_percent = percent(key, text, None)?,
            "exclusivity_max_percent" => self.exclusivity_max_percent = percent(key, text, None)?,
            "whitelisting_per_30d_percent" => self.whitelisting_per_30d_percent = percent(key, text, None)?,
            "whitelisting_max_percent" => self.whitelisting_max_percent = percent(key, text, None)?,
            "rush_percent" => self.rush_percent = percent(key, text, None)?,
            "bundle_tiers" => self.bundle_tiers = parse_tiers(key, text)?,
            "rounding" => {
                let (steps, last) = parse_rounding(key, text)?;
                self.rounding = steps;
                self.rounding_last = last;
            }
            "guaranteed_share_percent" => self.guaranteed_share_percent = percent(key, text, hundred)?,
            "card_paper" => {
                self.card_paper = match text.trim().to_ascii_lowercase().as_str() {
                    "a4" => Paper::A4,
                    "letter" | "us-letter" | "us letter" => Paper::Letter,
                    _ => return Err(invalid(key, text, "expected a4 or letter")),
                }
            }
            "card_valid_days" => {
                self.card_valid_days = whole(key, text, "expected a whole number of days, at least 1")?
            }
            _ => {
                return Err(SettingsError::UnknownKey {
                    key: key.to_string(),
                    known: Settings::keys().collect::<Vec<_>>().join(", "),
                })
            }
        }
        Ok(())
    }

    /// The increment a price of `value` (unrounded) is rounded to.
    pub fn increment_for(&self, value: Decimal) -> Decimal {
        self.rounding.iter().find(|(below, _)| value < *below).map(|(_, inc)| *inc).unwrap_or(self.rounding_last)
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_spec_and_print_as_documented() {
        let s = Settings::default();
        let shown: Vec<(String, String)> = s.describe().into_iter().map(|i| (i.key.to_string(), i.value)).collect();
        let want = [
            ("pooling_k", "3"),
            ("lookback_months", "24"),
            ("usage_30d_percent", "20"),
            ("usage_90d_percent", "35"),
            ("usage_perpetual_percent", "75"),
            ("exclusivity_per_30d_percent", "10"),
            ("exclusivity_max_percent", "50"),
            ("whitelisting_per_30d_percent", "25"),
            ("whitelisting_max_percent", "100"),
            ("rush_percent", "25"),
            ("bundle_tiers", "0,5,5,10"),
            ("rounding", "500:25,2000:50,10000:100,250"),
            ("guaranteed_share_percent", "80"),
            ("card_paper", "a4"),
            ("card_valid_days", "30"),
        ];
        assert_eq!(shown.len(), want.len());
        for ((k, v), (wk, wv)) in shown.iter().zip(want) {
            assert_eq!((k.as_str(), v.as_str()), (wk, wv));
        }
        // Every default is the text the table declares, and names where it comes from.
        for info in s.describe() {
            assert_eq!(info.value, info.default, "{}", info.key);
            assert!(info.source.len() > 20, "{}", info.key);
        }
        // Stored defaults parse back to the defaults.
        let map: BTreeMap<String, String> = TABLE.iter().map(|(k, d, _)| (k.to_string(), d.to_string())).collect();
        assert_eq!(Settings::from_stored(&map).unwrap(), s);
    }

    #[test]
    fn values_are_normalised() {
        for (key, text, want) in [
            ("usage_30d_percent", "20.00", "20"),
            ("rush_percent", " 12.5 ", "12.5"),
            ("card_paper", "Letter", "letter"),
            ("bundle_tiers", " 0, 5 ,7.50", "0,5,7.5"),
            ("rounding", "1000:10, 50", "1000:10,50"),
            ("lookback_months", "12", "12"),
            ("pooling_k", "0", "0"),
        ] {
            assert_eq!(Settings::validate_value(key, text).unwrap(), want, "{key}={text}");
        }
    }

    #[test]
    fn invalid_values_are_refused_in_one_sentence_naming_key_and_value() {
        for (key, text) in [
            ("lookback_months", "0"),
            ("lookback_months", "two"),
            ("pooling_k", "-1"),
            ("rush_percent", "-5"),
            ("rush_percent", "1e3"),
            ("guaranteed_share_percent", "120"),
            ("bundle_tiers", "0,10,5"),
            ("bundle_tiers", "0,100"),
            ("bundle_tiers", ""),
            ("rounding", "500:25,400:10,100"),
            ("rounding", "500:0,100"),
            ("rounding", "500:25"),
            ("card_paper", "a5"),
            ("card_valid_days", "0"),
        ] {
            let err = Settings::validate_value(key, text).unwrap_err().to_string();
            assert!(err.contains(key) && err.contains(&format!("\"{text}\"")), "{err}");
            assert!(err.ends_with('.') && err.matches(". ").count() == 0, "{err}");
        }
        let err = Settings::validate_value("rounding_k", "3").unwrap_err().to_string();
        assert!(err.starts_with("unknown setting \"rounding_k\""), "{err}");
    }

    #[test]
    fn stored_values_override_defaults_and_bad_stored_values_are_reported() {
        let mut map = BTreeMap::new();
        map.insert("rush_percent".to_string(), "30".to_string());
        map.insert("ratecard_theme".to_string(), "dark".to_string());
        let s = Settings::from_stored(&map).unwrap();
        assert_eq!(s.rush_percent, dec!(30));
        map.insert("rounding".to_string(), "x".to_string());
        assert!(Settings::from_stored(&map).is_err());
    }

    #[test]
    fn increment_is_chosen_by_the_unrounded_value() {
        let s = Settings::default();
        for (v, inc) in [
            (dec!(0), dec!(25)),
            (dec!(499.99), dec!(25)),
            (dec!(500), dec!(50)),
            (dec!(1999), dec!(50)),
            (dec!(2000), dec!(100)),
            (dec!(9999.99), dec!(100)),
            (dec!(10000), dec!(250)),
        ] {
            assert_eq!(s.increment_for(v), inc, "{v}");
        }
    }
}
