//! Step 1, growth: yearly continuous rates fitted by least squares *within* segments
//! (each segment's mean time and mean logarithm removed, one-post segments skipped):
//! audience growth `g_a` on ln(impressions), price growth `g_p` on ln(season-neutral
//! CPM). A rate needs ≥ 8 posts in the fit spanning ≥ 180 days, else it is 0; then it
//! is clamped ([−0.5, 1] and [−0.3, 0.5]).
//!
//! The fit works on sums (n, Σt, Σt², Σy, Σty) per segment, t in whole days, so the
//! same formula serves the request's window and, through prefix sums, the window of
//! every past post (step 5's quoted impressions) without refitting from scratch.

use super::evidence::{History, Prefix};
use super::maths::{months_back, YEAR_DAYS};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Clamp range of the audience growth rate.
pub(crate) const GA_RANGE: (Decimal, Decimal) = (dec!(-0.5), dec!(1));
/// Clamp range of the price growth rate.
pub(crate) const GP_RANGE: (Decimal, Decimal) = (dec!(-0.3), dec!(0.5));

/// One segment's contribution to a fit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SegFit {
    pub sums: Prefix,
    pub first_day: i64,
    pub last_day: i64,
}

/// The clamped yearly slope of a within-segment fit, 0 when the fit has fewer than 8
/// posts (of segments with ≥ 2), spans less than 180 days, or has no spread in time.
pub(crate) fn fit(segments: &[SegFit], range: (Decimal, Decimal)) -> Decimal {
    let mut count = 0i64;
    let mut first = i64::MAX;
    let mut last = i64::MIN;
    let mut sxx = Decimal::ZERO;
    let mut sxy = Decimal::ZERO;
    for s in segments {
        let p = &s.sums;
        if p.n < 2 {
            continue;
        }
        count += p.n;
        first = first.min(s.first_day);
        last = last.max(s.last_day);
        let n = Decimal::from(p.n);
        // Σ(t − t̄)² = (nΣt² − (Σt)²)/n, exact in integers until the division.
        let num_xx = i128::from(p.n) * p.stt - p.st * p.st;
        sxx += Decimal::from_i128_with_scale(num_xx, 0) / n;
        // Σ(t − t̄)(y − ȳ) = (nΣty − ΣtΣy)/n.
        sxy += (n * p.sty - Decimal::from_i128_with_scale(p.st, 0) * p.sy) / n;
    }
    if count < 8 || last - first < 180 || sxx.is_zero() {
        return Decimal::ZERO;
    }
    (sxy / sxx * YEAR_DAYS).clamp(range.0, range.1)
}

/// Sums of (t, y) for a list of posts of one segment; `y` gives each post's value
/// (already shifted by a per-segment constant), t counts days from `ref_day`.
pub(crate) fn seg_fit(h: &History, list: &[usize], ref_day: i64, y: impl Fn(usize) -> Decimal) -> SegFit {
    let mut sums = Prefix::default();
    for &i in list {
        let t = i128::from(h.posts[i].day - ref_day);
        let v = y(i);
        sums.n += 1;
        sums.st += t;
        sums.stt += t * t;
        sums.sy += v;
        sums.sty += Decimal::from_i128_with_scale(t, 0) * v;
    }
    SegFit {
        sums,
        first_day: list.first().map(|&i| h.posts[i].day).unwrap_or(0),
        last_day: list.last().map(|&i| h.posts[i].day).unwrap_or(0),
    }
}

/// `g_a` as step 1 gives it with `as_of`, from the history's prefix sums: the fit over
/// the measured posts in [as_of − look-back months, as_of).
pub(crate) fn audience_growth_at(h: &History, as_of: NaiveDate, lookback_months: u32) -> Decimal {
    let from = months_back(as_of, lookback_months);
    let mut segs = Vec::with_capacity(h.by_seg.len());
    for (s, list) in h.by_seg.iter().enumerate() {
        let lo = list.partition_point(|&i| h.posts[i].date < from);
        let hi = list.partition_point(|&i| h.posts[i].date < as_of);
        if hi < lo + 2 {
            continue;
        }
        let (a, b) = (&h.prefix[s][lo], &h.prefix[s][hi]);
        let sums = Prefix { n: b.n - a.n, st: b.st - a.st, stt: b.stt - a.stt, sy: b.sy - a.sy, sty: b.sty - a.sty };
        segs.push(SegFit { sums, first_day: h.posts[list[lo]].day, last_day: h.posts[list[hi - 1]].day });
    }
    fit(&segs, GA_RANGE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::tests::{d, post};

    /// Impressions growing exactly e^(g·t): 1000·e^(0.2·days/365.25), rounded (the
    /// rounding moves the fitted slope by far less than 0.001).
    fn exp_growth_posts(
        platform: &str,
        format: &str,
        base: u64,
        start: &str,
        count: i64,
        step_days: i64,
        g: &str,
    ) -> Vec<crate::model::PostData> {
        let g = Decimal::from_str_exact(g).unwrap();
        (0..count)
            .map(|k| {
                let date = d(start) + chrono::Duration::days(k * step_days);
                let f = super::super::maths::exp(g * Decimal::from(k * step_days) / YEAR_DAYS).unwrap();
                let imps = super::super::maths::round_count(Decimal::from(base) * f);
                post(&date.to_string(), platform, format, "100", Some(imps))
            })
            .collect()
    }

    #[test]
    fn within_segment_slope_ignores_level_differences_between_segments() {
        // Two segments growing at 20 %/yr, one 10× bigger than the other: pooled without
        // removing segment means the level gap would distort the slope; within segments
        // it is 0.2. 5 + 5 posts, 60 days apart (span 240 days ≥ 180).
        let mut posts = exp_growth_posts("instagram", "reel", 100_000, "2025-01-01", 5, 60, "0.2");
        posts.extend(exp_growth_posts("instagram", "story", 10_000, "2025-01-15", 5, 60, "0.2"));
        let h = History::new(&posts);
        let g = audience_growth_at(&h, d("2026-06-01"), 24);
        assert!((g - dec!(0.2)).abs() < dec!(0.001), "{g}");
    }

    #[test]
    fn a_rate_needs_8_posts_spanning_180_days() {
        // 7 posts over 360 days: too few, 0.
        let seven = exp_growth_posts("instagram", "reel", 100_000, "2025-01-01", 7, 60, "0.2");
        assert_eq!(audience_growth_at(&History::new(&seven), d("2026-06-01"), 24), Decimal::ZERO);
        // 8 posts 25 days apart: span 175 days < 180, 0.
        let short = exp_growth_posts("instagram", "reel", 100_000, "2025-01-01", 8, 25, "0.2");
        assert_eq!(audience_growth_at(&History::new(&short), d("2026-06-01"), 24), Decimal::ZERO);
        // 8 posts 26 days apart: span 182 days, fitted.
        let ok = exp_growth_posts("instagram", "reel", 100_000, "2025-01-01", 8, 26, "0.2");
        let g = audience_growth_at(&History::new(&ok), d("2026-06-01"), 24);
        assert!((g - dec!(0.2)).abs() < dec!(0.001), "{g}");
        // 8 segments of one post each (8 posts, long span): every segment skipped, 0.
        let singles: Vec<_> = ["reel", "story", "post", "carousel", "live", "video", "short", "guide"]
            .iter()
            .enumerate()
            .map(|(k, f)| {
                post(
                    &(d("2025-01-01") + chrono::Duration::days(k as i64 * 40)).to_string(),
                    "instagram",
                    f,
                    "100",
                    Some(1000 + k as u64 * 500),
                )
            })
            .collect();
        assert_eq!(audience_growth_at(&History::new(&singles), d("2026-06-01"), 24), Decimal::ZERO);
    }

    #[test]
    fn rates_are_clamped() {
        // Impressions doubling every 60 days: g = ln 2 × 365.25/60 ≈ 4.2, clamped to 1.
        let posts = exp_growth_posts("instagram", "reel", 1000, "2025-01-01", 8, 60, "4.2");
        assert_eq!(audience_growth_at(&History::new(&posts), d("2026-06-01"), 24), dec!(1));
        // Shrinking at 90 %/yr: clamped to −0.5.
        let posts = exp_growth_posts("instagram", "reel", 1_000_000, "2025-01-01", 8, 60, "-0.9");
        assert_eq!(audience_growth_at(&History::new(&posts), d("2026-06-01"), 24), dec!(-0.5));
    }

    #[test]
    fn the_window_limits_the_fit() {
        // 8 posts in 2023 growing, then 8 flat posts in 2025-2026: with a 12-month
        // look-back only the flat ones count, slope 0 (not 0 by the count rule: there are
        // 8 posts spanning 8×30 = 210 days).
        let mut posts = exp_growth_posts("instagram", "reel", 1000, "2023-01-01", 8, 30, "0.9");
        for k in 0..8 {
            let date = d("2025-09-01") + chrono::Duration::days(k * 30);
            posts.push(post(&date.to_string(), "instagram", "reel", "100", Some(5000)));
        }
        let h = History::new(&posts);
        assert_eq!(audience_growth_at(&h, d("2026-06-01"), 12), Decimal::ZERO);
        let wide = audience_growth_at(&h, d("2026-06-01"), 60);
        assert!(wide > dec!(0.1), "{wide}");
    }
}
