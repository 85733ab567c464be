//! A report's groups a page at a time, sorted by one column: the Insights table over a
//! report grouped by brand (thousands of groups) shows 50 of them. The sort is exact:
//! fees, CPMs and rates compare as unrounded decimals, never as text or floating
//! point; a figure that is unknown (a CPM of a group with no measured post) comes last
//! whichever the direction; ties go by the key, ascending, so a page never reshuffles.
//! The report keeps its own groups in key order (`mille report`'s); a page only refers
//! to them.

use super::dimension::Dimension;
use super::report::Group;
use crate::paging::sort_page;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// The column groups are sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GroupSort {
    /// The key's values in `by` order, as text: the report's own order.
    #[default]
    Key,
    /// One dimension's value as text, then the key. A dimension the report is not
    /// grouped by leaves the key order.
    Dimension(Dimension),
    /// Number of posts.
    Posts,
    /// Measured paid posts (those behind the CPM figures).
    Measured,
    /// Σ fee in base currency.
    Fee,
    /// Σ impressions over measured posts.
    Impressions,
    /// Achieved (impression-weighted) CPM.
    Cpm,
    /// Median per-post CPM.
    CpmMedian,
    Ctr,
    EngagementRate,
}

/// Which page of a report's groups, in which order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupQuery {
    pub sort: GroupSort,
    pub descending: bool,
    pub offset: usize,
    pub limit: usize,
}

impl Default for GroupQuery {
    /// The first 50 groups in key order, as the report lists them.
    fn default() -> Self {
        GroupQuery { sort: GroupSort::Key, descending: false, offset: 0, limit: 50 }
    }
}

/// One page of groups, in order, and how many groups the report has in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPage<'a> {
    pub groups: Vec<&'a Group>,
    pub total: usize,
}

/// A group's sort value; the variants never mix within one sort.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Value<'a> {
    Text(&'a str),
    Count(u128),
    Number(Decimal),
}

fn value_of(sort: GroupSort, g: &Group) -> Option<Value<'_>> {
    let s = &g.stats;
    Some(match sort {
        GroupSort::Key => return None,
        GroupSort::Dimension(d) => Value::Text(g.value(d)?),
        GroupSort::Posts => Value::Count(s.posts.into()),
        GroupSort::Measured => Value::Count(s.measured_posts.into()),
        GroupSort::Fee => Value::Number(s.fee),
        GroupSort::Impressions => Value::Count(s.impressions),
        GroupSort::Cpm => Value::Number(s.cpm?),
        GroupSort::CpmMedian => Value::Number(s.cpm_median?),
        GroupSort::Ctr => Value::Number(s.ctr?),
        GroupSort::EngagementRate => Value::Number(s.engagement_rate?),
    })
}

fn key_order(a: &Group, b: &Group) -> Ordering {
    a.key.iter().map(|(_, v)| v).cmp(b.key.iter().map(|(_, v)| v))
}

/// The order of two keyed groups: known values first, then the value in `descending`'s
/// direction, then the key ascending (sorting by the key itself follows the direction).
fn order(
    a: &(Option<Value<'_>>, &Group),
    b: &(Option<Value<'_>>, &Group),
    sort: GroupSort,
    descending: bool,
) -> Ordering {
    let flip = |o: Ordering| if descending { o.reverse() } else { o };
    if sort == GroupSort::Key {
        return flip(key_order(a.1, b.1));
    }
    match (&a.0, &b.0) {
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (x, y) => flip(x.cmp(y)),
    }
    .then_with(|| key_order(a.1, b.1))
}

/// The page of `groups` that `q` asks for, sorted by its column, and the number of
/// groups. Only the page is put in full order ([`sort_page`]), so a page of 50 out of
/// 10⁵ groups costs about one pass over them.
pub fn group_page<'a>(groups: &'a [Group], q: &GroupQuery) -> GroupPage<'a> {
    let total = groups.len();
    if q.offset >= total || q.limit == 0 {
        return GroupPage { groups: Vec::new(), total };
    }
    let mut keyed: Vec<(Option<Value<'a>>, &'a Group)> = groups.iter().map(|g| (value_of(q.sort, g), g)).collect();
    let page = sort_page(&mut keyed, q.offset, q.limit, |a, b| order(a, b, q.sort, q.descending));
    GroupPage { groups: keyed[page].iter().map(|k| k.1).collect(), total }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::report;
    use crate::model::{Format, Metrics, Platform, Post, PostData};
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn post(id: i64, brand: &str, platform: Platform, fee: Decimal, fx: Option<Decimal>, imps: Option<u64>) -> Post {
        Post {
            id,
            data: PostData {
                date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(id as u64),
                brand: brand.into(),
                platform,
                format: Format::parse("reel").unwrap(),
                fee,
                currency: if fx.is_some() { "EUR".into() } else { "USD".into() },
                fx_rate: fx,
                metrics: Metrics { impressions: imps, clicks: imps.map(|i| i / 100 + id as u64), ..Metrics::default() },
                campaign: String::new(),
                url: String::new(),
                notes: String::new(),
            },
        }
    }

    /// Five brands (one of them on two platforms), fees and CPMs that differ only past
    /// the second decimal, and two brands without a CPM.
    fn posts() -> Vec<Post> {
        use Platform::{Instagram as IG, Tiktok as TT};
        vec![
            post(1, "beta", IG, dec!(100.10), None, Some(10_000)), // cpm 10.01
            post(2, "Alpha", IG, dec!(100.09), None, None),        // cpm unknown
            post(3, "gamma", IG, dec!(90), Some(dec!(1.1123)), Some(1_000)), // fee 100.107, cpm 100.107
            post(4, "delta", IG, dec!(9), None, Some(900)),        // cpm 10
            post(5, "epsilon", IG, dec!(0), None, Some(5)),        // gifted: cpm unknown
            post(6, "beta", TT, dec!(10.0099), None, Some(1_000)), // cpm 10.0099
            post(7, "beta", IG, dec!(100.10), None, Some(10_000)), // beta IG: 2 posts, cpm 10.01
        ]
    }

    fn keys(page: &GroupPage<'_>) -> Vec<String> {
        page.groups.iter().map(|g| g.key.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>().join("/")).collect()
    }

    #[test]
    fn groups_sort_exactly_by_each_column_and_keep_unknowns_last() {
        let r = report(&posts(), &[Dimension::Brand, Dimension::Platform], "USD");
        let page = |sort, descending| {
            let q = GroupQuery { sort, descending, offset: 0, limit: 50 };
            let p = group_page(&r.groups, &q);
            assert_eq!(p.total, 6);
            keys(&p)
        };
        let by_key = [
            "Alpha/instagram",
            "beta/instagram",
            "beta/tiktok",
            "delta/instagram",
            "epsilon/instagram",
            "gamma/instagram",
        ];
        for (sort, desc, want) in [
            // The default is the report's own order (keys as text, by code point).
            (GroupSort::Key, false, by_key.to_vec()),
            (GroupSort::Key, true, by_key.iter().rev().copied().collect()),
            (
                GroupSort::Dimension(Dimension::Platform),
                true,
                vec![
                    "beta/tiktok",
                    "Alpha/instagram",
                    "beta/instagram",
                    "delta/instagram",
                    "epsilon/instagram",
                    "gamma/instagram",
                ],
            ),
            // A dimension the report is not grouped by leaves the key order.
            (GroupSort::Dimension(Dimension::Season), true, by_key.to_vec()),
            // 200.20 > 100.107 (90 EUR × 1.1123) > 100.09 > 10.0099 > 9 > 0; ties none.
            (
                GroupSort::Fee,
                true,
                vec![
                    "beta/instagram",
                    "gamma/instagram",
                    "Alpha/instagram",
                    "beta/tiktok",
                    "delta/instagram",
                    "epsilon/instagram",
                ],
            ),
            (
                GroupSort::Fee,
                false,
                vec![
                    "epsilon/instagram",
                    "delta/instagram",
                    "beta/tiktok",
                    "Alpha/instagram",
                    "gamma/instagram",
                    "beta/instagram",
                ],
            ),
            // 100.107 > 10.01 > 10.0099 > 10, then the two without a CPM by key.
            (
                GroupSort::Cpm,
                true,
                vec![
                    "gamma/instagram",
                    "beta/instagram",
                    "beta/tiktok",
                    "delta/instagram",
                    "Alpha/instagram",
                    "epsilon/instagram",
                ],
            ),
            (
                GroupSort::Cpm,
                false,
                vec![
                    "delta/instagram",
                    "beta/tiktok",
                    "beta/instagram",
                    "gamma/instagram",
                    "Alpha/instagram",
                    "epsilon/instagram",
                ],
            ),
            (
                GroupSort::CpmMedian,
                false,
                vec![
                    "delta/instagram",
                    "beta/tiktok",
                    "beta/instagram",
                    "gamma/instagram",
                    "Alpha/instagram",
                    "epsilon/instagram",
                ],
            ),
            // Ties (1 post each) by the key, ascending, whichever the direction.
            (
                GroupSort::Posts,
                true,
                vec![
                    "beta/instagram",
                    "Alpha/instagram",
                    "beta/tiktok",
                    "delta/instagram",
                    "epsilon/instagram",
                    "gamma/instagram",
                ],
            ),
            (
                GroupSort::Measured,
                false,
                vec![
                    "Alpha/instagram",
                    "epsilon/instagram",
                    "beta/tiktok",
                    "delta/instagram",
                    "gamma/instagram",
                    "beta/instagram",
                ],
            ),
            (
                GroupSort::Impressions,
                true,
                vec![
                    "beta/instagram",
                    "beta/tiktok",
                    "gamma/instagram",
                    "delta/instagram",
                    "Alpha/instagram",
                    "epsilon/instagram",
                ],
            ),
            // 16/1000 > 13/900 > 13/1000 > 208/20000; no CTR without a measured post.
            (
                GroupSort::Ctr,
                true,
                vec![
                    "beta/tiktok",
                    "delta/instagram",
                    "gamma/instagram",
                    "beta/instagram",
                    "Alpha/instagram",
                    "epsilon/instagram",
                ],
            ),
            (GroupSort::EngagementRate, true, by_key.to_vec()),
        ] {
            assert_eq!(page(sort, desc), want, "{sort:?} desc={desc}");
        }
    }

    #[test]
    fn a_page_is_the_slice_of_the_whole_order() {
        let r = report(&posts(), &[Dimension::Brand, Dimension::Platform], "USD");
        for sort in [GroupSort::Key, GroupSort::Fee, GroupSort::Cpm] {
            for descending in [false, true] {
                let all = keys(&group_page(&r.groups, &GroupQuery { sort, descending, offset: 0, limit: usize::MAX }));
                for offset in 0..8 {
                    for limit in 0..8 {
                        let p = group_page(&r.groups, &GroupQuery { sort, descending, offset, limit });
                        let want: Vec<String> = all.iter().skip(offset).take(limit).cloned().collect();
                        assert_eq!((keys(&p), p.total), (want, 6), "{sort:?} desc={descending} {offset}+{limit}");
                    }
                }
            }
        }
        let p = group_page(&r.groups, &GroupQuery { offset: usize::MAX, ..GroupQuery::default() });
        assert_eq!((p.groups.len(), p.total), (0, 6));
        assert_eq!(group_page(&[], &GroupQuery::default()).total, 0);
    }

    #[test]
    fn the_default_page_is_the_reports_first_groups_in_its_order() {
        let many: Vec<Post> = (0..120)
            .map(|i| post(i, &format!("brand {i:03}"), Platform::Instagram, dec!(10), None, Some(1_000)))
            .collect();
        let r = report(&many, &[Dimension::Brand], "USD");
        let p = group_page(&r.groups, &GroupQuery::default());
        assert_eq!(p.total, 120);
        assert_eq!(p.groups, r.groups.iter().take(50).collect::<Vec<_>>());
    }
}
