//! Which posts are left out of CPM statistics and why (gifted, impressions unknown):
//! they still count in a group's posts and fee.

use crate::model::{Fact, PostData};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::fmt;

/// Why a post is left out of CPM statistics (it still counts in `posts` and `fee`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = r#""impressions unknown" | "gifted""#))]
pub enum ExclusionReason {
    /// Impressions unknown or 0 (and fee > 0).
    ImpressionsUnknown,
    /// Fee 0; wins over `ImpressionsUnknown` when both apply.
    Gifted,
}

impl ExclusionReason {
    /// The text of the JSON and the table: `impressions unknown`, `gifted`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExclusionReason::ImpressionsUnknown => "impressions unknown",
            ExclusionReason::Gifted => "gifted",
        }
    }

    /// Why `post` is not a measured paid post; `None` when it is one.
    pub fn of(post: &PostData) -> Option<ExclusionReason> {
        exclusion(&Fact::of(0, post))
    }
}

/// [`ExclusionReason::of`] over a post's facts.
pub(super) fn exclusion(post: &Fact<'_>) -> Option<ExclusionReason> {
    if post.fee <= Decimal::ZERO {
        Some(ExclusionReason::Gifted)
    } else if post.metrics.impressions.unwrap_or(0) == 0 {
        Some(ExclusionReason::ImpressionsUnknown)
    } else {
        None
    }
}

impl fmt::Display for ExclusionReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ExclusionReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A post left out of CPM statistics, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exclusion {
    pub id: i64,
    pub reason: ExclusionReason,
}
