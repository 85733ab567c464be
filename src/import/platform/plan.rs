//! Which logged posts get which numbers from an export (real-files.md §2): matched
//! on the id in a post's URL, or, for a post without one, on its date (± 1 day, only
//! when that is unambiguous); only changed fields are listed.

use super::ids::{numeric_ids, url_id};
use super::{ExportRow, Source};
use crate::model::{Metrics, Post};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// One post's changes: (old, new) per number by name, and a URL to fill in.
type Change = (BTreeMap<&'static str, (Option<u64>, u64)>, Option<String>);

/// What importing an export would change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExportPlan {
    pub source: Source,
    /// Posts with at least one changed field (or a URL filled in), in post order.
    pub updated: Vec<Update>,
    /// Rows that match no logged post, in file order.
    pub unmatched: Vec<Unmatched>,
}

/// The changes to one post: each field's (old, new) value, and the URL filled in
/// when the post was matched by date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Update {
    pub post_id: i64,
    pub fields: BTreeMap<&'static str, (Option<u64>, u64)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// An export row no logged post matches: its line, title and date as written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unmatched {
    pub line: usize,
    pub title: String,
    pub date: String,
}

impl ExportPlan {
    /// The names of every changed field, in the order of [`Metrics::NAMES`], then
    /// `url` when a URL is filled in.
    pub fn changed_fields(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> =
            Metrics::NAMES.iter().copied().filter(|n| self.updated.iter().any(|u| u.fields.contains_key(n))).collect();
        if self.updated.iter().any(|u| u.url.is_some()) {
            names.push("url");
        }
        names
    }
}

/// The days between two dates, absolute.
fn days_apart(a: NaiveDate, b: NaiveDate) -> i64 {
    (a - b).num_days().abs()
}

/// Plans an export against the logged posts (pass the live ones: the trash is never
/// updated). A row matches the posts of the export's platforms whose URL carries its
/// id; a post without a URL matches a row published within a day of it when that row
/// is the only one near the post and the post the only one near the row (then its
/// URL is filled in too). Only changed values are listed, so planning an export
/// already applied gives an empty `updated`.
pub fn plan(source: Source, rows: &[ExportRow], posts: &[Post]) -> ExportPlan {
    let mine: Vec<&Post> = posts.iter().filter(|p| source.platforms().contains(&p.platform)).collect();
    // Every id a post's URL carries → the posts carrying it.
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in mine.iter().enumerate() {
        if p.url.trim().is_empty() {
            continue;
        }
        let mut ids: Vec<String> = url_id(source, &p.url).into_iter().collect();
        if source == Source::MetaBusinessSuite {
            ids.extend(numeric_ids(&p.url).into_iter().map(str::to_string));
        }
        ids.sort();
        ids.dedup();
        for id in ids {
            by_id.entry(id).or_default().push(i);
        }
    }
    // (post index, row index, url to fill), in match order.
    let mut matches: Vec<(usize, usize, Option<String>)> = Vec::new();
    let mut row_matched = vec![false; rows.len()];
    for (r, row) in rows.iter().enumerate() {
        let mut keys: Vec<&str> = Vec::new();
        if !row.key.is_empty() {
            keys.push(&row.key);
        }
        if let Some(id) = &row.post_id {
            keys.push(id);
            // Facebook writes some IDs as PAGEID_POSTID.
            if let Some((_, post)) = id.split_once('_') {
                keys.push(post);
            }
        }
        let mut hit: Vec<usize> = keys.iter().filter_map(|k| by_id.get(*k)).flatten().copied().collect();
        hit.sort_unstable();
        hit.dedup();
        for i in hit {
            matches.push((i, r, None));
            row_matched[r] = true;
        }
    }
    // By date: posts without a URL and rows that matched nothing.
    let fits = |p: &Post, row: &ExportRow| -> bool {
        let Some(d) = row.date else { return false };
        days_apart(p.date, d) <= 1 && row.platform().is_none_or(|pl| pl == p.platform)
    };
    let open_posts: Vec<usize> = (0..mine.len()).filter(|&i| mine[i].url.trim().is_empty()).collect();
    let open_rows: Vec<usize> = (0..rows.len()).filter(|&r| !row_matched[r] && rows[r].date.is_some()).collect();
    let mut by_date = Vec::new();
    for &r in &open_rows {
        let near: Vec<usize> = open_posts.iter().copied().filter(|&i| fits(mine[i], &rows[r])).collect();
        let [i] = near[..] else { continue };
        let rivals = open_rows.iter().filter(|&&r2| fits(mine[i], &rows[r2])).count();
        if rivals == 1 {
            by_date.push((i, r, rows[r].url(source)));
        }
    }
    for (i, r, url) in by_date {
        row_matched[r] = true;
        matches.push((i, r, url));
    }
    // The changes, one entry per post.
    let mut changes: BTreeMap<usize, Change> = BTreeMap::new();
    for (i, r, url) in matches {
        let post = mine[i];
        let entry = changes.entry(i).or_default();
        let row = &rows[r];
        for ((name, new), old) in Metrics::NAMES.iter().zip(row.metrics.values()).zip(post.metrics.values()) {
            let Some(new) = new else { continue };
            if old != Some(new) {
                entry.0.insert(*name, (old, new));
            } else {
                entry.0.remove(name);
            }
        }
        if url.is_some() {
            entry.1 = url;
        }
    }
    let mut updated: Vec<Update> = changes
        .into_iter()
        .filter(|(_, (fields, url))| !fields.is_empty() || url.is_some())
        .map(|(i, (fields, url))| Update { post_id: mine[i].id, fields, url })
        .collect();
    updated.sort_by_key(|u| u.post_id);
    let unmatched = rows
        .iter()
        .zip(&row_matched)
        .filter(|(_, m)| !**m)
        .map(|(row, _)| Unmatched { line: row.line, title: row.title.clone(), date: row.date_text.clone() })
        .collect();
    ExportPlan { source, updated, unmatched }
}
