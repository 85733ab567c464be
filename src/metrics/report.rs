//! What a report is: its groups sorted by key, the total and the excluded posts,
//! serialized to exactly the JSON of `mille report --json` (cli.md).

use super::dimension::Dimension;
use super::exclusion::Exclusion;
use super::stats::Stats;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// One group of a report: its key (one value per dimension, in `by` order) and figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    #[serde(serialize_with = "ser_key")]
    pub key: Vec<(Dimension, String)>,
    #[serde(flatten)]
    pub stats: Stats,
    /// The ids of the group's posts, in the order given (for "click a group → its posts").
    #[serde(skip)]
    pub post_ids: Vec<i64>,
}

impl Group {
    /// The value of one dimension of the key, if the report is grouped by it.
    pub fn value(&self, dim: Dimension) -> Option<&str> {
        self.key.iter().find(|(d, _)| *d == dim).map(|(_, v)| v.as_str())
    }
}

fn ser_key<S: Serializer>(key: &[(Dimension, String)], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(key.len()))?;
    for (d, v) in key {
        map.serialize_entry(d.as_str(), v)?;
    }
    map.end()
}

/// A report: groups sorted by key (values compared as text, in `by` order, by Unicode
/// code point), the total over every post given, and the excluded posts by id.
/// Serializes to exactly the JSON of `mille report --json` (cli.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub base_currency: String,
    pub by: Vec<Dimension>,
    pub groups: Vec<Group>,
    pub total: Stats,
    pub excluded: Vec<Exclusion>,
}
