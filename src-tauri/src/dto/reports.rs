//! Reports: the Insights screen's report and query, and the Overview.

use super::PostView;
use mille::metrics::{self, Exclusion, Stats};
use mille::overview::Overview;
use mille::{money, names};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// One group of a report: its key (dimension → value as stored), the names people read
/// for it (dimension → `Instagram`, `Reel`, `2025 Q4`), its figures and its posts' ids.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GroupView {
    pub key: BTreeMap<String, String>,
    pub names: BTreeMap<String, String>,
    pub stats: Stats,
    #[ts(type = "Array<number>")]
    pub post_ids: Vec<i64>,
}

/// A report (metrics.md) as the Insights screen shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReportView {
    pub base_currency: String,
    pub by: Vec<String>,
    pub groups: Vec<GroupView>,
    pub total: Stats,
    pub excluded: Vec<Exclusion>,
}

/// What the Insights screen asks for: dimensions and filters, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ReportQuery {
    pub by: Vec<String>,
    pub from: String,
    pub to: String,
    pub platform: String,
    pub format: String,
    pub brand: String,
}

/// One quarter's season factor.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SeasonView {
    pub season: String,
    pub factor: String,
    #[ts(type = "number")]
    pub posts: u64,
}

/// Everything the Overview screen shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OverviewView {
    pub base_currency: String,
    #[ts(type = "number")]
    pub total_posts: u64,
    /// First and last day of the headline window (the last 12 months, today included).
    pub from: String,
    pub to: String,
    /// Achieved CPM and friends over the last 12 months.
    pub headline: Stats,
    /// By platform and format, last 12 months.
    pub segments: Vec<GroupView>,
    pub seasons: Vec<SeasonView>,
    /// By quarter (`2025-Q4`), all time, oldest first: CPM trend and earnings.
    pub quarters: Vec<GroupView>,
    /// Posts with a fee but no impressions yet, newest first.
    pub needs_impressions: Vec<PostView>,
}

impl GroupView {
    pub fn of(g: metrics::Group) -> GroupView {
        GroupView {
            key: g.key.iter().map(|(d, v)| (d.as_str().to_string(), v.clone())).collect(),
            names: names::key_names(&g.key).into_iter().map(|(d, n)| (d.as_str().to_string(), n)).collect(),
            stats: g.stats,
            post_ids: g.post_ids,
        }
    }
}

impl ReportView {
    pub fn of(r: metrics::Report) -> ReportView {
        ReportView {
            base_currency: r.base_currency,
            by: r.by.iter().map(|d| d.as_str().to_string()).collect(),
            groups: r.groups.into_iter().map(GroupView::of).collect(),
            total: r.total,
            excluded: r.excluded,
        }
    }
}

impl OverviewView {
    pub fn of(o: Overview) -> OverviewView {
        OverviewView {
            base_currency: o.base_currency,
            total_posts: o.total_posts as u64,
            from: o.from.to_string(),
            to: o.to.to_string(),
            headline: o.headline,
            segments: o.segments.into_iter().map(GroupView::of).collect(),
            seasons: o
                .seasons
                .iter()
                .map(|s| SeasonView {
                    season: s.season.to_string(),
                    factor: money::fixed(s.factor, 2),
                    posts: s.posts as u64,
                })
                .collect(),
            quarters: o.quarters.into_iter().map(GroupView::of).collect(),
            needs_impressions: PostView::all(o.needs_impressions),
        }
    }
}
