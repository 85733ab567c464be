//! Which posts are evidence (pricing.md, "Which posts are evidence"): the measured paid
//! posts (fee > 0 and impressions > 0), in one canonical order so that nothing depends
//! on how posts were stored, grouped by segment (platform + format) and platform, with
//! the per-post numbers every step needs (base-currency fee, CPM, their logarithms)
//! computed once. `as_of` cuts this history into evidence with one index, since posts
//! are ordered by date first.

use super::maths::{self, day_number, season_of};
use super::AsPost;
use crate::model::{Format, Platform};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// One measured paid post, reduced to what pricing uses.
#[derive(Debug, Clone)]
pub(crate) struct Ev {
    pub date: NaiveDate,
    pub day: i64,
    pub seg: usize,
    pub platform: Platform,
    /// Fee in base currency.
    pub fee: Decimal,
    pub imps: u64,
    pub cpm: Decimal,
    /// Season index 0..4.
    pub season: usize,
    pub ln_imps: Decimal,
    pub ln_cpm: Decimal,
}

/// Running sums of one segment's (t, y) points, t in days from the segment's first
/// post and y = ln(impressions) minus the first post's (constants a within-segment fit
/// removes anyway; they keep the sums small and precise).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Prefix {
    pub n: i64,
    pub st: i128,
    pub stt: i128,
    pub sy: Decimal,
    pub sty: Decimal,
}

/// All measured paid posts of a history, canonically ordered.
#[derive(Debug)]
pub(crate) struct History {
    /// Sorted by (date, segment, fee, impressions): posts equal on all of these are
    /// interchangeable for every step.
    pub posts: Vec<Ev>,
    /// Segments, sorted by (platform, format).
    pub segments: Vec<(Platform, Format)>,
    /// Per segment, indices into `posts` (ascending date).
    pub by_seg: Vec<Vec<usize>>,
    /// Per platform (sorted), indices into `posts` (ascending date).
    pub by_platform: Vec<(Platform, Vec<usize>)>,
    /// Per segment: the reference day and ln(impressions) the fit sums are taken from.
    pub seg_ref: Vec<(i64, Decimal, Decimal)>,
    /// Per segment: prefix sums of (t, ln impressions) over `by_seg` (len + 1 entries).
    pub prefix: Vec<Vec<Prefix>>,
}

/// The least CPM a post may have to be evidence (a ten-thousandth of a unit per 1,000
/// impressions) and the most (ten billion). No real deal lies outside; the input's
/// bounds allow fees and counts whose CPMs span 40 orders of magnitude, and ratios of
/// such CPMs (seasons, spreads) would not fit a `Decimal`. A post outside is kept and
/// reported as usual, only not priced from.
pub(crate) const CPM_MIN: Decimal = Decimal::from_parts(1, 0, 0, false, 4);
pub(crate) const CPM_MAX: Decimal = Decimal::from_parts(1_410_065_408, 2, 0, false, 0); // 10^10

impl History {
    pub(crate) fn new<P: AsPost>(posts: &[P]) -> History {
        let ln_1000 = Decimal::from(3) * maths::LN_10;
        let mut segments: Vec<(Platform, Format)> = posts
            .iter()
            .map(|p| p.post_data())
            .filter(|p| p.is_measured())
            .map(|p| (p.platform, p.format.clone()))
            .collect();
        segments.sort();
        segments.dedup();
        let mut ln_fee_cache: HashMap<Decimal, Decimal> = HashMap::new();
        let mut evs: Vec<Ev> = Vec::new();
        for p in posts.iter().map(|p| p.post_data()) {
            if !p.is_measured() {
                continue;
            }
            let (Some(imps), Some(cpm)) = (p.metrics.impressions, p.cpm()) else { continue };
            if !(CPM_MIN..=CPM_MAX).contains(&cpm) {
                continue;
            }
            let Ok(seg) = segments.binary_search_by(|(pl, f)| (pl, f).cmp(&(&p.platform, &p.format))) else {
                continue;
            };
            let fee = p.fee_base();
            let imps_d = Decimal::from(imps);
            let Some(ln_imps) = maths::ln(imps_d) else { continue };
            let ln_fee = match ln_fee_cache.get(&fee) {
                Some(v) => *v,
                None => {
                    let Some(v) = maths::ln(fee) else { continue };
                    ln_fee_cache.insert(fee, v);
                    v
                }
            };
            evs.push(Ev {
                date: p.date,
                day: day_number(p.date),
                seg,
                platform: p.platform,
                fee,
                imps,
                cpm,
                season: season_of(p.date),
                ln_imps,
                ln_cpm: ln_fee + ln_1000 - ln_imps,
            });
        }
        evs.sort_by_key(|e| (e.date, e.seg, e.fee, e.imps));
        let mut by_seg = vec![Vec::new(); segments.len()];
        let mut by_platform: Vec<(Platform, Vec<usize>)> = Vec::new();
        for (i, e) in evs.iter().enumerate() {
            by_seg[e.seg].push(i);
        }
        let mut platforms: Vec<Platform> = segments.iter().map(|(p, _)| *p).collect();
        platforms.dedup();
        for p in platforms {
            by_platform.push((p, Vec::new()));
        }
        for (i, e) in evs.iter().enumerate() {
            if let Ok(k) = by_platform.binary_search_by(|(p, _)| p.cmp(&e.platform)) {
                by_platform[k].1.push(i);
            }
        }
        let mut seg_ref = Vec::with_capacity(segments.len());
        let mut prefix = Vec::with_capacity(segments.len());
        for list in &by_seg {
            let first = list.first().map(|&i| &evs[i]);
            let (d0, y0, c0) = first.map(|e| (e.day, e.ln_imps, e.ln_cpm)).unwrap_or_default();
            seg_ref.push((d0, y0, c0));
            let mut acc = Prefix::default();
            let mut pre = Vec::with_capacity(list.len() + 1);
            pre.push(acc);
            for &i in list {
                let t = i128::from(evs[i].day - d0);
                let y = evs[i].ln_imps - y0;
                acc.n += 1;
                acc.st += t;
                acc.stt += t * t;
                acc.sy += y;
                acc.sty += Decimal::from_i128_with_scale(t, 0) * y;
                pre.push(acc);
            }
            prefix.push(pre);
        }
        History { posts: evs, segments, by_seg, by_platform, seg_ref, prefix }
    }

    /// The segment index of a platform/format, if the history has measured posts of it.
    pub(crate) fn seg_index(&self, platform: Platform, format: &Format) -> Option<usize> {
        self.segments.binary_search_by(|(p, f)| (p, f).cmp(&(&platform, format))).ok()
    }

    /// The platform's posts (ascending date), empty when it has none.
    pub(crate) fn platform_posts(&self, platform: Platform) -> &[usize] {
        match self.by_platform.binary_search_by(|(p, _)| p.cmp(&platform)) {
            Ok(k) => &self.by_platform[k].1,
            Err(_) => &[],
        }
    }

    /// How many posts are dated strictly before `date` (posts are in date order).
    pub(crate) fn count_before(&self, date: NaiveDate) -> usize {
        self.posts.partition_point(|e| e.date < date)
    }

    /// The part of an index list (ascending date) dated strictly before `date`.
    pub(crate) fn before<'a>(&self, list: &'a [usize], date: NaiveDate) -> &'a [usize] {
        let k = list.partition_point(|&i| self.posts[i].date < date);
        &list[..k]
    }

    /// The part of an index list (ascending date) dated in [from, to).
    pub(crate) fn between<'a>(&self, list: &'a [usize], from: NaiveDate, to: NaiveDate) -> &'a [usize] {
        let lo = list.partition_point(|&i| self.posts[i].date < from);
        let hi = list.partition_point(|&i| self.posts[i].date < to);
        &list[lo..hi.max(lo)]
    }

    /// The 10 most recent of a date-ordered index list: the 10 latest and every post
    /// sharing the date of the 10th (pricing.md), so possibly more than 10.
    pub(crate) fn most_recent<'a>(&self, list: &'a [usize]) -> &'a [usize] {
        if list.len() <= 10 {
            return list;
        }
        let tenth = self.posts[list[list.len() - 10]].date;
        let start = list.partition_point(|&i| self.posts[i].date < tenth);
        &list[start..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_evidence_cpm_bounds_are_what_their_doc_says() {
        assert_eq!(CPM_MIN, rust_decimal_macros::dec!(0.0001));
        assert_eq!(CPM_MAX, rust_decimal_macros::dec!(10000000000));
    }
    use crate::pricing::tests::{d, post};

    #[test]
    fn only_measured_paid_posts_are_evidence() {
        let posts = vec![
            post("2026-01-05", "instagram", "reel", "500", Some(40000)),
            post("2026-01-06", "instagram", "reel", "0", Some(40000)), // gifted
            post("2026-01-07", "instagram", "reel", "500", None),      // impressions unknown
            post("2026-01-08", "instagram", "reel", "500", Some(0)),   // zero impressions
            post("2026-01-09", "tiktok", "video", "300", Some(60000)),
        ];
        let h = History::new(&posts);
        assert_eq!(h.posts.len(), 2);
        assert_eq!(h.segments.len(), 2);
        // CPM = 500 × 1000 / 40,000 = 12.5
        assert_eq!(h.posts[0].cpm, Decimal::from_str_exact("12.5").unwrap());
    }

    #[test]
    fn foreign_currency_fees_count_in_base_currency() {
        let mut p = post("2026-01-05", "instagram", "reel", "400", Some(40000));
        p.currency = "EUR".into();
        p.fx_rate = Some(Decimal::from_str_exact("1.25").unwrap());
        let h = History::new(&[p]);
        // 400 EUR × 1.25 = 500 USD; CPM 500 × 1000 / 40,000 = 12.5
        assert_eq!(h.posts[0].fee, Decimal::from(500));
        assert_eq!(h.posts[0].cpm, Decimal::from_str_exact("12.5").unwrap());
    }

    #[test]
    fn ten_most_recent_include_ties_at_the_tenth() {
        // 12 posts: 2 in January, then 3 sharing 2026-02-01, then 7 later dates.
        let mut posts = vec![
            post("2026-01-01", "instagram", "reel", "100", Some(1000)),
            post("2026-01-02", "instagram", "reel", "100", Some(1000)),
        ];
        for _ in 0..3 {
            posts.push(post("2026-02-01", "instagram", "reel", "100", Some(1000)));
        }
        for day in 2..9 {
            posts.push(post(&format!("2026-03-0{day}"), "instagram", "reel", "100", Some(1000)));
        }
        let h = History::new(&posts);
        let list = &h.by_seg[0];
        assert_eq!(list.len(), 12);
        // Ascending: J1 J2 F F F M2..M8. The 10th latest is the first Feb post; all
        // posts of its date are in: 3 Feb + 7 March = 10.
        assert_eq!(h.most_recent(list).len(), 10);
        // Without M8: the 10th latest is J2, alone on its date: 10.
        let h2 = History::new(&posts[..11]);
        assert_eq!(h2.most_recent(&h2.by_seg[0]).len(), 10);
        // Two more Feb posts (J1 J2 F×5 M2..M7): the 10th latest is a Feb post, so all
        // five Feb posts are in: 5 + 6 = 11, more than 10.
        let mut p3 = posts[..11].to_vec();
        p3.push(post("2026-02-01", "instagram", "reel", "100", Some(1000)));
        p3.push(post("2026-02-01", "instagram", "reel", "100", Some(1000)));
        let h3 = History::new(&p3);
        assert_eq!(h3.most_recent(&h3.by_seg[0]).len(), 11);
        assert_eq!(h3.before(&h3.by_seg[0], d("2026-02-01")).len(), 2);
        assert_eq!(h3.between(&h3.by_seg[0], d("2026-02-01"), d("2026-03-03")).len(), 6);
    }
}
