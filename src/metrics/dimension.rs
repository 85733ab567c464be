//! The dimensions a report groups posts by (metrics.md, "Dimensions"), and the grouping
//! key of one post, built without a `String` per post so a million posts group fast.

use crate::model::{Fact, Platform, PostData};
use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A way to group posts (metrics.md, "Dimensions"). Values are strings: `platform`,
/// `format` and `brand` as stored, `season` `Q4`, `quarter` `2025-Q4`, `year` `2025`,
/// `month` `2025-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Platform,
    Format,
    Season,
    Brand,
    Quarter,
    Month,
    Year,
}

impl Dimension {
    /// Every dimension, in the order the spec lists them.
    pub const ALL: [Dimension; 7] = [
        Dimension::Platform,
        Dimension::Format,
        Dimension::Season,
        Dimension::Brand,
        Dimension::Quarter,
        Dimension::Month,
        Dimension::Year,
    ];

    /// `mille report`'s default grouping: platform, format, season.
    pub const DEFAULT: [Dimension; 3] = [Dimension::Platform, Dimension::Format, Dimension::Season];

    /// The name used on the command line and in JSON (`"platform"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Platform => "platform",
            Dimension::Format => "format",
            Dimension::Season => "season",
            Dimension::Brand => "brand",
            Dimension::Quarter => "quarter",
            Dimension::Month => "month",
            Dimension::Year => "year",
        }
    }

    /// The known names joined for an error message.
    pub fn known_list() -> String {
        Dimension::ALL.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// This dimension's value for a post, as text (`"2025-Q4"` for quarter).
    pub fn value(self, post: &PostData) -> String {
        key_part(self, &Fact::of(0, post)).text(|t| t.to_string())
    }

    /// Reads a comma list of dimension names (`"platform,format,season"`), as
    /// `mille report --by` takes it. Names are case-insensitive and trimmed; an unknown,
    /// empty or repeated name is an error.
    pub fn parse_list(text: &str) -> Result<Vec<Dimension>, DimensionError> {
        let mut out = Vec::new();
        for part in text.split(',') {
            if part.trim().is_empty() {
                return Err(DimensionError::Empty { list: text.to_string() });
            }
            let d: Dimension = part.parse()?;
            if out.contains(&d) {
                return Err(DimensionError::Repeated { name: d.as_str().to_string() });
            }
            out.push(d);
        }
        Ok(out)
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Dimension {
    type Err = DimensionError;

    /// `"platform"`, `"Brand"`, ` year ` (case-insensitive, trimmed).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase();
        Dimension::ALL
            .into_iter()
            .find(|d| d.as_str() == t)
            .ok_or_else(|| DimensionError::Unknown { name: s.trim().to_string() })
    }
}

impl Serialize for Dimension {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A dimension name that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DimensionError {
    #[error("unknown dimension `{name}` (known: platform, format, season, brand, quarter, month, year)")]
    Unknown { name: String },
    #[error("dimension `{name}` is given twice")]
    Repeated { name: String },
    #[error("empty dimension name in `{list}` (known: platform, format, season, brand, quarter, month, year)")]
    Empty { list: String },
}

/// One dimension's value of one post, cheap to hash: grouping a million posts must not
/// build a `String` per post. `T` is the text of a format or brand: borrowed from the
/// post (`&str`), or an index into the report's interned names (`u32`). Turned into
/// text once per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum KeyPart<T> {
    Platform(Platform),
    Text(T),
    Season(u32),
    Quarter(i32, u32),
    Month(i32, u32),
    Year(i32),
}

impl<T> KeyPart<T> {
    /// The same part with its text (if any) replaced by `f(text)`.
    pub(super) fn map<U>(self, f: impl FnOnce(T) -> U) -> KeyPart<U> {
        match self {
            KeyPart::Platform(p) => KeyPart::Platform(p),
            KeyPart::Text(t) => KeyPart::Text(f(t)),
            KeyPart::Season(q) => KeyPart::Season(q),
            KeyPart::Quarter(y, q) => KeyPart::Quarter(y, q),
            KeyPart::Month(y, m) => KeyPart::Month(y, m),
            KeyPart::Year(y) => KeyPart::Year(y),
        }
    }

    /// The part as it is shown and serialized (`"2025-Q4"`), `text` giving a text part.
    pub(super) fn text(self, text: impl FnOnce(T) -> String) -> String {
        match self {
            KeyPart::Platform(p) => p.as_str().to_string(),
            KeyPart::Text(t) => text(t),
            KeyPart::Season(q) => format!("Q{q}"),
            KeyPart::Quarter(y, q) => format!("{}-Q{q}", year_text(y)),
            KeyPart::Month(y, m) => format!("{}-{m:02}", year_text(y)),
            KeyPart::Year(y) => year_text(y),
        }
    }
}

pub(super) fn key_part<'a>(dim: Dimension, p: &Fact<'a>) -> KeyPart<&'a str> {
    let d = p.date;
    match dim {
        Dimension::Platform => KeyPart::Platform(p.platform),
        Dimension::Format => KeyPart::Text(p.format),
        Dimension::Brand => KeyPart::Text(p.brand),
        Dimension::Season => KeyPart::Season(quarter_of(d)),
        Dimension::Quarter => KeyPart::Quarter(d.year(), quarter_of(d)),
        Dimension::Month => KeyPart::Month(d.year(), d.month()),
        Dimension::Year => KeyPart::Year(d.year()),
    }
}

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// A year as text: four digits for 0..=9999 (`"2025"`), as chrono's `%Y` writes it.
fn year_text(y: i32) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        format!("{y:+}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimension_names() {
        assert_eq!("platform".parse::<Dimension>(), Ok(Dimension::Platform));
        assert_eq!(" Brand ".parse::<Dimension>(), Ok(Dimension::Brand));
        let err = "platfrom".parse::<Dimension>().unwrap_err().to_string();
        assert!(err.contains("platfrom") && err.contains("season, brand, quarter, month, year"), "{err}");
        assert_eq!(Dimension::parse_list("brand, year"), Ok(vec![Dimension::Brand, Dimension::Year]));
        assert!(matches!(Dimension::parse_list("brand,,year"), Err(DimensionError::Empty { .. })));
        assert!(matches!(Dimension::parse_list("year,Year"), Err(DimensionError::Repeated { .. })));
        for dim in Dimension::ALL {
            assert_eq!(dim.as_str().parse::<Dimension>(), Ok(dim));
        }
    }
}
