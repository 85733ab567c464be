//! Building a report: [`Reporter`] takes posts one at a time (the store streams a
//! million rows through it, several reporters in parallel merge at the end), and
//! [`report`] is a reporter run over posts in memory.

use super::dimension::{key_part, Dimension, KeyPart};
use super::exclusion::{exclusion, Exclusion};
use super::filter::Filter;
use super::report::{Group, Report};
use super::stats::{contribution, sort_groups, Acc};
use crate::model::{Fact, Post};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Groups `posts` by `by` and computes every figure of metrics.md per group and in
/// total. Fees are taken in base currency (`fee × fx_rate`). A dimension repeated in
/// `by` counts once. With an empty `by`, all posts form one group with an empty key
/// (no group at all when there is no post).
pub fn report(posts: &[Post], by: &[Dimension], base_currency: &str) -> Report {
    report_iter(posts, by, base_currency)
}

/// [`report`] over the posts that pass `filter`.
pub fn report_filtered(posts: &[Post], filter: &Filter, by: &[Dimension], base_currency: &str) -> Report {
    report_iter(posts.iter().filter(|p| filter.matches(p)), by, base_currency)
}

/// [`report`] over any sequence of borrowed posts (no copy of the posts is made).
pub fn report_iter<'a>(posts: impl IntoIterator<Item = &'a Post>, by: &[Dimension], base_currency: &str) -> Report {
    let mut reporter = Reporter::new(by);
    for post in posts {
        reporter.add(&Fact::of(post.id, &post.data));
    }
    reporter.finish(base_currency)
}

type FxBuild = BuildHasherDefault<FxHasher>;

/// A report built one post at a time, for posts that are not all in memory at once
/// (the store streams a million rows through [`Reporter::add`]). [`report`] is
/// `Reporter::new`, `add` for each post, `finish`; the result does not depend on the
/// order the posts come in.
///
/// ```
/// use mille::metrics::{Dimension, Reporter};
/// use mille::model::{Fact, Metrics, Platform};
/// use rust_decimal::Decimal;
///
/// let mut r = Reporter::new(&[Dimension::Platform]);
/// r.add(&Fact {
///     id: 1,
///     date: chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
///     platform: Platform::Instagram,
///     format: "reel",
///     brand: "Glow",
///     fee: Decimal::new(1200, 0),
///     fx_rate: None,
///     metrics: Metrics { impressions: Some(80_000), ..Metrics::default() },
/// });
/// let report = r.finish("USD");
/// assert_eq!(report.groups[0].stats.cpm, Some(Decimal::new(15, 0)));
/// ```
pub struct Reporter {
    dims: Vec<Dimension>,
    /// Format and brand texts seen, interned: a key part holds the index.
    texts: HashMap<String, u32, FxBuild>,
    names: Vec<String>,
    index: HashMap<Vec<KeyPart<u32>>, usize, FxBuild>,
    groups: Vec<(Vec<KeyPart<u32>>, Acc, Vec<i64>)>,
    excluded: Vec<Exclusion>,
    buf: Vec<KeyPart<u32>>,
}

impl Reporter {
    /// An empty report grouped by `by` (a dimension repeated counts once).
    pub fn new(by: &[Dimension]) -> Reporter {
        let mut dims: Vec<Dimension> = Vec::with_capacity(by.len());
        for d in by {
            if !dims.contains(d) {
                dims.push(*d);
            }
        }
        Reporter {
            buf: Vec::with_capacity(dims.len()),
            dims,
            texts: HashMap::default(),
            names: Vec::new(),
            index: HashMap::default(),
            groups: Vec::new(),
            excluded: Vec::new(),
        }
    }

    /// Counts one post.
    pub fn add(&mut self, post: &Fact<'_>) {
        self.buf.clear();
        for i in 0..self.dims.len() {
            let part = key_part(self.dims[i], post).map(|t| self.intern(t));
            self.buf.push(part);
        }
        let gi = self.group_of_buf();
        let c = contribution(post);
        let (_, acc, ids) = &mut self.groups[gi];
        acc.add(post, &c);
        ids.push(post.id);
        if let Some(reason) = exclusion(post) {
            self.excluded.push(Exclusion { id: post.id, reason });
        }
    }

    /// Adds the posts counted by `other` (a report over another part of the same
    /// history, grouped the same way), as if they had been added here after this
    /// report's own posts.
    pub fn merge(&mut self, other: Reporter) {
        let Reporter { names, groups, excluded, .. } = other;
        for (parts, acc, ids) in groups {
            self.buf.clear();
            for part in parts {
                let part = part.map(|i| self.intern(&names[i as usize]));
                self.buf.push(part);
            }
            let gi = self.group_of_buf();
            let (_, mine, my_ids) = &mut self.groups[gi];
            mine.merge(&acc);
            my_ids.extend(ids);
        }
        self.excluded.extend(excluded);
    }

    fn intern(&mut self, text: &str) -> u32 {
        match self.texts.get(text) {
            Some(&i) => i,
            None => {
                let i = self.names.len() as u32;
                self.names.push(text.to_string());
                self.texts.insert(text.to_string(), i);
                i
            }
        }
    }

    /// The index of the group whose key is in `buf`, made if new.
    fn group_of_buf(&mut self) -> usize {
        match self.index.get(self.buf.as_slice()) {
            Some(&i) => i,
            None => {
                let i = self.groups.len();
                self.index.insert(self.buf.clone(), i);
                self.groups.push((self.buf.clone(), Acc::default(), Vec::new()));
                i
            }
        }
    }

    /// The report over every post added, fees in `base_currency`.
    pub fn finish(self, base_currency: &str) -> Report {
        let Reporter { dims, names, mut groups, mut excluded, .. } = self;
        // The total is the sum of the groups (every post is in exactly one); its CPM list
        // is their sorted lists concatenated, which the run-adaptive sort merges cheaply.
        sort_groups(groups.iter_mut().map(|g| &mut g.1.cpms).collect());
        let mut total = Acc::default();
        total.cpms.reserve_exact(groups.iter().map(|g| g.1.cpms.len()).sum());
        let mut out: Vec<Group> = Vec::with_capacity(groups.len());
        for (parts, acc, post_ids) in groups {
            total.merge(&acc);
            let stats = acc.finish(); // already sorted
            let key = dims.iter().zip(parts).map(|(d, p)| (*d, p.text(|i| names[i as usize].clone()))).collect();
            out.push(Group { key, stats, post_ids });
        }
        out.sort_by(|a, b| a.key.iter().map(|(_, v)| v).cmp(b.key.iter().map(|(_, v)| v)));
        excluded.sort_by_key(|e| e.id);
        Report { base_currency: base_currency.to_string(), by: dims, groups: out, total: total.finish(), excluded }
    }
}

/// A small, fast hasher (the Fx hash of rustc) for grouping: the keys are a few
/// integers and short strings from the user's own data, so no DoS resistance is
/// needed, and SipHash dominated grouping a million posts.
#[derive(Default)]
struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}
