//! A summary of the whole history for the forms that log and price posts: how many
//! posts there are, the brands seen (for autocomplete), the formats most used, and what
//! the last logged post used (what the Log form suggests next).
//!
//! It is built from [`Fact`]s, one post at a time ([`Summary::add`]), and parts built on
//! several threads are joined with [`Summary::merge`] (the shape of
//! `Store::fold_facts`); [`summarize`] does both over any list of facts. It needs no
//! `Post`: at every launch of the app it reads 10^4 posts' facts and allocates only a
//! brand's name when it is kept.
//!
//! Decisions:
//! - Brands are compared without case; each is spelled as its latest post (date, then
//!   id) writes it; the list runs most recent first.
//! - Formats run most used first, ties in alphabetical order, then every known format
//!   ([`Format::KNOWN`]) never used, so a first post has the usual ones to choose from.
//! - The last logged post is the one with the highest id; with no post, Instagram reel.

use crate::model::{Fact, Format, Platform};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// What the app's header and forms know of the whole history.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Number of posts (the trash not counted).
    pub posts: u64,
    /// Per brand, lowercased: its latest post's date, id and spelling.
    brands: HashMap<String, (NaiveDate, i64, String)>,
    /// Posts per format slug.
    formats: BTreeMap<String, usize>,
    /// The post with the highest id: (id, platform, format slug).
    last: Option<(i64, Platform, String)>,
}

impl Summary {
    /// Counts one post.
    pub fn add(&mut self, f: &Fact<'_>) {
        self.posts += 1;
        self.keep_brand(f.brand.to_lowercase(), f.date, f.id, || f.brand.to_string());
        match self.formats.get_mut(f.format) {
            Some(n) => *n += 1,
            None => {
                self.formats.insert(f.format.to_string(), 1);
            }
        }
        self.keep_last(f.id, f.platform, || f.format.to_string());
    }

    /// Joins a summary of other posts into this one.
    pub fn merge(&mut self, other: Summary) {
        self.posts += other.posts;
        for (key, (date, id, name)) in other.brands {
            self.keep_brand(key, date, id, || name);
        }
        for (f, n) in other.formats {
            *self.formats.entry(f).or_default() += n;
        }
        if let Some((id, platform, format)) = other.last {
            self.keep_last(id, platform, || format);
        }
    }

    /// The brands seen, most recent first, each spelled as its latest post writes it.
    pub fn brands(&self) -> Vec<String> {
        let mut brands: Vec<&(NaiveDate, i64, String)> = self.brands.values().collect();
        brands.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        brands.into_iter().map(|b| b.2.clone()).collect()
    }

    /// The formats used, most used first, then the known formats never used.
    pub fn formats(&self) -> Vec<Format> {
        let mut use_count: BTreeMap<&str, usize> = self.formats.iter().map(|(f, n)| (f.as_str(), *n)).collect();
        for f in Format::KNOWN {
            use_count.entry(f).or_default();
        }
        let mut formats: Vec<(&str, usize)> = use_count.into_iter().collect();
        formats.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        formats.into_iter().filter_map(|(f, _)| Format::parse(f)).collect()
    }

    /// The platform and format of the last logged post (Instagram reel when none).
    pub fn last(&self) -> (Platform, Format) {
        match &self.last {
            Some((_, platform, format)) => (*platform, Format::parse(format).unwrap_or_else(reel)),
            None => (Platform::Instagram, reel()),
        }
    }

    /// Keeps `name` as the brand `key`'s spelling if its post is later (date, then id)
    /// than the one seen so far; `name` is only made when it is kept.
    fn keep_brand(&mut self, key: String, date: NaiveDate, id: i64, name: impl FnOnce() -> String) {
        match self.brands.get_mut(&key) {
            Some(seen) if (date, id) > (seen.0, seen.1) => *seen = (date, id, name()),
            Some(_) => {}
            None => {
                self.brands.insert(key, (date, id, name()));
            }
        }
    }

    /// Keeps post `id` as the last logged one if its id is higher than the one seen.
    fn keep_last(&mut self, id: i64, platform: Platform, format: impl FnOnce() -> String) {
        if self.last.as_ref().is_none_or(|l| id > l.0) {
            self.last = Some((id, platform, format()));
        }
    }
}

fn reel() -> Format {
    Format::from_slug("reel").expect("reel is a known format")
}

/// The summary of every live post in `store`, folded from their facts in parts (no
/// `Post` is built: the app asks at every launch).
pub fn summary(store: &crate::store::Store) -> crate::store::Result<Summary> {
    let parts = store.fold_facts(Summary::default, Summary::add)?;
    let mut summary = Summary::default();
    parts.into_iter().for_each(|p| summary.merge(p));
    Ok(summary)
}

/// The summary of `facts` (one pass; see [`Summary::add`] for a fold in parts).
pub fn summarize<'a>(facts: impl IntoIterator<Item = Fact<'a>>) -> Summary {
    let mut s = Summary::default();
    facts.into_iter().for_each(|f| s.add(&f));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PostData;

    fn post(date: &str, brand: &str, platform: Platform, format: &str) -> PostData {
        PostData {
            date: date.parse().unwrap(),
            brand: brand.into(),
            platform,
            format: Format::parse(format).unwrap(),
            fee: 100.into(),
            currency: "USD".into(),
            fx_rate: None,
            metrics: Default::default(),
            campaign: String::new(),
            url: String::new(),
            notes: String::new(),
        }
    }

    #[test]
    fn an_empty_history_suggests_an_instagram_reel_and_the_known_formats() {
        let s = summarize([]);
        assert_eq!(s.posts, 0);
        assert!(s.brands().is_empty());
        assert_eq!(s.last(), (Platform::Instagram, Format::parse("reel").unwrap()));
        let formats: Vec<String> = s.formats().iter().map(|f| f.to_string()).collect();
        let mut known: Vec<&str> = Format::KNOWN.to_vec();
        known.sort();
        assert_eq!(formats, known, "no use yet: every known format, alphabetical");
    }

    #[test]
    fn brands_run_latest_first_and_formats_most_used_first() {
        let posts = [
            post("2025-03-01", "Glow Labs", Platform::Instagram, "story"),
            post("2025-05-01", "Acme", Platform::Tiktok, "video"),
            post("2025-04-01", "GLOW LABS", Platform::Tiktok, "video"),
            post("2025-02-01", "Zed", Platform::Youtube, "unboxing video"),
        ];
        let facts = posts.iter().enumerate().map(|(i, p)| Fact::of(i as i64 + 1, p));
        let whole = summarize(facts.clone());
        assert_eq!(whole.posts, 4);
        assert_eq!(whole.brands(), ["Acme", "GLOW LABS", "Zed"]);
        let formats: Vec<String> = whole.formats().iter().map(|f| f.to_string()).collect();
        assert_eq!(&formats[..2], ["video", "story"]);
        assert!(formats.contains(&"unboxing-video".to_string()));
        assert_eq!(formats.len(), Format::KNOWN.len() + 1);
        assert_eq!(whole.last(), (Platform::Youtube, Format::parse("unboxing-video").unwrap()));
        // Built in parts and merged, in any order: the same summary.
        let mut parts: Vec<Summary> = facts.map(|f| summarize([f])).collect();
        parts.reverse();
        let mut merged = Summary::default();
        parts.into_iter().for_each(|p| merged.merge(p));
        assert_eq!(
            (merged.posts, merged.brands(), merged.formats(), merged.last()),
            (4, whole.brands(), whole.formats(), whole.last())
        );
    }
}
