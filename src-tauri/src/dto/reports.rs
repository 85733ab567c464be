//! Reports: the Insights screen's report and query, and the Overview.

use super::PostView;
use mille::metrics::{self, Exclusion, ExclusionReason, Stats};
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

/// A report (metrics.md) as the Insights screen shows it: one page of its groups (in
/// the order asked for), the total over every group, and the excluded posts.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReportView {
    pub base_currency: String,
    pub by: Vec<String>,
    pub groups: Vec<GroupView>,
    pub total: Stats,
    /// The posts left out of CPM, by reason: how many, and the first few to name.
    pub excluded: Vec<ExcludedView>,
    /// How many groups the report has in all (`groups` is one page of them).
    #[ts(type = "number")]
    pub groups_total: u64,
    #[ts(type = "number")]
    pub offset: u64,
    #[ts(type = "number")]
    pub limit: u64,
    /// The page's places among the groups, 1-based; both 0 on an empty page.
    #[ts(type = "number")]
    pub first: u64,
    #[ts(type = "number")]
    pub last: u64,
}

/// The posts left out of CPM for one reason (metrics.md): how many, and the ids of the
/// first [`ExcludedView::NAMED`] in the report's order, for the window to name them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExcludedView {
    pub reason: ExclusionReason,
    pub posts: usize,
    #[ts(type = "Array<number>")]
    pub first: Vec<i64>,
}

impl ExcludedView {
    /// How many of a reason's posts the window names.
    pub const NAMED: usize = 6;

    /// The exclusions by reason, in the order each reason first appears.
    pub fn all(excluded: &[Exclusion]) -> Vec<ExcludedView> {
        let mut out: Vec<ExcludedView> = Vec::new();
        for x in excluded {
            let i = match out.iter().position(|v| v.reason == x.reason) {
                Some(i) => i,
                None => {
                    out.push(ExcludedView { reason: x.reason, posts: 0, first: Vec::new() });
                    out.len() - 1
                }
            };
            let v = &mut out[i];
            v.posts += 1;
            if v.first.len() < Self::NAMED {
                v.first.push(x.id);
            }
        }
        out
    }
}

/// What the Insights screen asks for: dimensions and filters, as typed; the column its
/// table is sorted by (`key`, a dimension's name, or a figure: `posts`,
/// `measured_posts`, `fee`, `impressions`, `cpm`, `cpm_median`, `ctr`,
/// `engagement_rate`), the direction, and which groups (by default the first 50 in
/// key order, as `mille report` lists them).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ReportQuery {
    pub by: Vec<String>,
    pub from: String,
    pub to: String,
    pub platform: String,
    pub format: String,
    pub brand: String,
    pub sort: String,
    pub descending: bool,
    #[ts(type = "number")]
    pub offset: u64,
    #[ts(type = "number")]
    pub limit: u64,
}

impl Default for ReportQuery {
    fn default() -> Self {
        ReportQuery {
            by: Vec::new(),
            from: String::new(),
            to: String::new(),
            platform: String::new(),
            format: String::new(),
            brand: String::new(),
            sort: "key".into(),
            descending: false,
            offset: 0,
            limit: 50,
        }
    }
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
    /// The report with one page of its groups, sorted as `q` asks (`metrics::group_page`).
    pub fn page(r: metrics::Report, q: &metrics::GroupQuery) -> ReportView {
        let (groups, all) = {
            let page = metrics::group_page(&r.groups, q);
            (page.groups.into_iter().cloned().map(GroupView::of).collect::<Vec<_>>(), page.total)
        };
        let offset = q.offset as u64;
        let (first, last) = super::posts::places(offset, groups.len() as u64);
        ReportView {
            base_currency: r.base_currency,
            by: r.by.iter().map(|d| d.as_str().to_string()).collect(),
            groups,
            total: r.total,
            excluded: ExcludedView::all(&r.excluded),
            groups_total: all as u64,
            offset,
            limit: q.limit as u64,
            first,
            last,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusions_are_counted_by_reason_in_first_seen_order_naming_the_first_six() {
        let x = |id, reason| Exclusion { id, reason };
        let (gifted, unknown) = (ExclusionReason::Gifted, ExclusionReason::ImpressionsUnknown);
        let mut all = vec![x(9, unknown), x(2, gifted)];
        all.extend((10..20).map(|id| x(id, unknown)));
        let got = ExcludedView::all(&all);
        assert_eq!(
            got,
            [
                ExcludedView { reason: unknown, posts: 11, first: vec![9, 10, 11, 12, 13, 14] },
                ExcludedView { reason: gifted, posts: 1, first: vec![2] },
            ]
        );
        assert_eq!(ExcludedView::all(&[]), []);
        assert_eq!(
            serde_json::to_value(&got[1]).unwrap(),
            serde_json::json!({"reason": "gifted", "posts": 1, "first": [2]})
        );
    }
}
