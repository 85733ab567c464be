//! How people read a report's group keys: a key holds slugs and codes as stored
//! (`instagram`, `reel`, `2025-Q4`, `2025-11`); every screen shows them by these names
//! (`Instagram`, `Reel`, `2025 Q4`, `Nov 2025`). Brands and seasons (`Q4`) are already
//! names; a value the core did not write is shown as it is.

use crate::metrics::Dimension;
use crate::model::{Format, Platform};
use chrono::NaiveDate;

/// The name of one value of a group key.
///
/// ```
/// use mille::metrics::Dimension;
/// use mille::names::key_name;
/// assert_eq!(key_name(Dimension::Platform, "tiktok"), "TikTok");
/// assert_eq!(key_name(Dimension::Format, "reel"), "Reel");
/// assert_eq!(key_name(Dimension::Quarter, "2025-Q4"), "2025 Q4");
/// assert_eq!(key_name(Dimension::Month, "2025-11"), "Nov 2025");
/// ```
pub fn key_name(dim: Dimension, value: &str) -> String {
    let named = match dim {
        Dimension::Platform => Platform::from_slug(value).map(|p| p.display_name().to_string()),
        Dimension::Format => Format::parse(value).map(|f| f.display_name()),
        Dimension::Quarter => value.split_once("-Q").map(|(year, q)| format!("{year} Q{q}")),
        Dimension::Month => {
            NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d").ok().map(|d| d.format("%b %Y").to_string())
        }
        Dimension::Season | Dimension::Brand | Dimension::Year => None,
    };
    named.unwrap_or_else(|| value.to_string())
}

/// Every value of a group key by its name, in the key's order.
pub fn key_names(key: &[(Dimension, String)]) -> Vec<(Dimension, String)> {
    key.iter().map(|(d, v)| (*d, key_name(*d, v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dimension_has_a_name_for_people() {
        let key: Vec<(Dimension, String)> = [
            (Dimension::Platform, "youtube"),
            (Dimension::Format, "unboxing-video"),
            (Dimension::Season, "Q4"),
            (Dimension::Brand, "acme <b>"),
            (Dimension::Quarter, "2026-Q1"),
            (Dimension::Month, "2026-02"),
            (Dimension::Year, "2026"),
        ]
        .into_iter()
        .map(|(d, v)| (d, v.to_string()))
        .collect();
        let names: Vec<String> = key_names(&key).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, ["YouTube", "Unboxing video", "Q4", "acme <b>", "2026 Q1", "Feb 2026", "2026"]);
        assert_eq!(key_name(Dimension::Platform, "myspace"), "myspace", "not a slug the core writes: as it is");
        assert_eq!(key_name(Dimension::Month, "soon"), "soon");
    }
}
