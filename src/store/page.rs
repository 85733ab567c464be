//! Posts a page at a time, filtered and sorted in the core: the Posts screen over a
//! history of 10^5 posts asks for the 50 it shows, never for all of them. The sort is
//! exact: fees and CPMs compare as decimals (in base currency), never as text or as
//! floating point. Only the few columns a sort needs are read for every post (the
//! report's fast scan); the page's own rows are then read whole by id.

use super::error::Result;
use super::rows::{read_post, POST_COLUMNS};
use super::Store;
use crate::metrics::Filter;
use crate::model::{Fact, Post};
use crate::paging::sort_page;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// What the posts are sorted by. Unknown values (impressions not in yet, a CPM of an
/// unmeasured post) come last whichever the direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostSort {
    #[default]
    Date,
    Brand,
    Platform,
    Format,
    /// The fee in base currency.
    Fee,
    Impressions,
    Cpm,
}

/// Which page of which posts, in which order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostQuery {
    pub filter: Filter,
    pub sort: PostSort,
    pub descending: bool,
    pub offset: usize,
    pub limit: usize,
}

impl Default for PostQuery {
    fn default() -> Self {
        PostQuery { filter: Filter::default(), sort: PostSort::Date, descending: true, offset: 0, limit: 50 }
    }
}

/// One page: its posts in order, and how many posts the filter admits in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostPage {
    pub posts: Vec<Post>,
    pub total: usize,
}

/// A post's sort value; the variants never mix within one sort.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    Text(String),
    Number(Decimal),
    Count(u64),
    Day(NaiveDate),
}

fn value_of(sort: PostSort, f: &Fact<'_>) -> Option<Value> {
    Some(match sort {
        PostSort::Date => Value::Day(f.date),
        PostSort::Brand => Value::Text(f.brand.trim().to_lowercase()),
        PostSort::Platform => Value::Text(f.platform.display_name().to_lowercase()),
        PostSort::Format => Value::Text(f.format.to_string()),
        PostSort::Fee => Value::Number(f.fee_base()),
        PostSort::Impressions => Value::Count(f.metrics.impressions?),
        PostSort::Cpm => Value::Number(f.cpm()?),
    })
}

/// The order of two keyed posts: known values first, then the value, then the date,
/// then the id (the same direction throughout, so a page never reshuffles).
fn order(a: &(Option<Value>, NaiveDate, i64), b: &(Option<Value>, NaiveDate, i64), descending: bool) -> Ordering {
    match (&a.0, &b.0) {
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        _ => {}
    }
    let o = a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2));
    if descending {
        o.reverse()
    } else {
        o
    }
}

impl Store {
    /// The page of live posts `q` asks for, and how many posts its filter admits.
    pub fn posts_page(&self, q: &PostQuery) -> Result<PostPage> {
        let parts = self.fold_facts(Vec::new, |keys: &mut Vec<(Option<Value>, NaiveDate, i64)>, f| {
            if q.filter.admits(f) {
                keys.push((value_of(q.sort, f), f.date, f.id));
            }
        })?;
        let mut keys: Vec<_> = parts.into_iter().flatten().collect();
        let total = keys.len();
        let page = sort_page(&mut keys, q.offset, q.limit, |a, b| order(a, b, q.descending));
        let ids: Vec<i64> = keys[page].iter().map(|k| k.2).collect();
        Ok(PostPage { posts: self.posts_by_id(&ids)?, total })
    }

    /// The posts of `ids`, in that order, live or in the trash (an id not found is left
    /// out): the posts of a report's group, a page at a time.
    pub fn posts_by_id(&self, ids: &[i64]) -> Result<Vec<Post>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(",");
        let sql = format!("SELECT {POST_COLUMNS} FROM posts WHERE id IN ({marks})");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(ids), |row| Ok(read_post(row)))?;
        let mut found = std::collections::HashMap::with_capacity(ids.len());
        for row in rows {
            let post = row??;
            found.insert(post.id, post);
        }
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Metrics, Platform, PostData};
    use rust_decimal_macros::dec;

    fn post(date: &str, brand: &str, fee: Decimal, fx: Option<Decimal>, imps: Option<u64>) -> PostData {
        PostData {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            brand: brand.into(),
            platform: Platform::Instagram,
            format: Format::parse("reel").unwrap(),
            fee,
            currency: if fx.is_some() { "EUR".into() } else { "USD".into() },
            fx_rate: fx,
            metrics: Metrics { impressions: imps, ..Metrics::default() },
            campaign: String::new(),
            url: String::new(),
            notes: String::new(),
        }
    }

    fn store() -> Store {
        let mut s = crate::store::open_in_memory().unwrap();
        for p in [
            post("2025-01-05", "beta", dec!(100.10), None, Some(10_000)), // 1: cpm 10.01
            post("2025-01-03", "Alpha", dec!(100.09), None, None),        // 2: cpm unknown
            post("2025-01-04", "gamma", dec!(90), Some(dec!(1.1123)), Some(1_000)), // 3: fee 100.107, cpm 100.107
            post("2025-01-01", "delta", dec!(9), None, Some(900)),        // 4: cpm 10
            post("2025-01-02", "Alpha", dec!(0), None, Some(5)),          // 5: gifted, cpm unknown
        ] {
            s.add_post(&p).unwrap();
        }
        s
    }

    fn ids(s: &Store, sort: PostSort, descending: bool, offset: usize, limit: usize) -> (Vec<i64>, usize) {
        let q = PostQuery { filter: Filter::default(), sort, descending, offset, limit };
        let page = s.posts_page(&q).unwrap();
        (page.posts.iter().map(|p| p.id).collect(), page.total)
    }

    #[test]
    fn pages_sort_exactly_and_keep_unknowns_last() {
        let s = store();
        for (sort, desc, want) in [
            (PostSort::Date, true, vec![1, 3, 2, 5, 4]),
            (PostSort::Date, false, vec![4, 5, 2, 3, 1]),
            // 100.107 (90 EUR × 1.1123) > 100.10 > 100.09: exact decimals, base currency.
            (PostSort::Fee, true, vec![3, 1, 2, 4, 5]),
            (PostSort::Cpm, true, vec![3, 1, 4, 2, 5]),
            (PostSort::Cpm, false, vec![4, 1, 3, 5, 2]),
            (PostSort::Impressions, false, vec![5, 4, 3, 1, 2]),
            // Case-insensitive, ties by date.
            (PostSort::Brand, false, vec![5, 2, 1, 4, 3]),
        ] {
            assert_eq!(ids(&s, sort, desc, 0, 10), (want, 5), "{sort:?} desc={desc}");
        }
    }

    #[test]
    fn a_page_is_the_slice_of_the_whole_order() {
        let s = store();
        let (all, _) = ids(&s, PostSort::Fee, true, 0, 10);
        for offset in 0..6 {
            for limit in 0..4 {
                let (page, total) = ids(&s, PostSort::Fee, true, offset, limit);
                let want: Vec<i64> = all.iter().skip(offset).take(limit).copied().collect();
                assert_eq!((page, total), (want, 5), "offset {offset} limit {limit}");
            }
        }
        let q =
            PostQuery { filter: Filter { brand: Some("alpha".into()), ..Filter::default() }, ..PostQuery::default() };
        let page = s.posts_page(&q).unwrap();
        assert_eq!((page.posts.iter().map(|p| p.id).collect::<Vec<_>>(), page.total), (vec![2, 5], 2));
    }
}
