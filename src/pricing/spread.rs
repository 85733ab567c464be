//! Step 5, the CPM spread: how far above and below the level `L` a price can sit.
//! Fees are agreed before a post goes live, so the spread comes from *quoted* CPMs
//! (the fee over what step 2 would have projected for that post on its own date),
//! pooled from segment to platform to all, then widened for the uncertainty of `L`
//! itself: ln R(q) = ±√(ln² R_q(q) + π/(2n)·ln² R_d(q)).
//!
//! Quoted impressions need, for every window post, the 10 most recent earlier posts of
//! its segment moved at the `g_a` of its own date: each segment's posts are walked in
//! date order once, `g_a` comes from prefix sums, and moves from one cached table per
//! date, so the cost grows with the number of posts, not its square.
//!
//! The sets are built by `context` (which depends on this module, never the other way);
//! a line's R(q) from a context is [`Context::spread`](super::context::Context::spread).

use super::evidence::History;
use super::growth::audience_growth_at;
use super::maths::{self, quantile_sorted, round_count, Mover};
use super::season::Seasons;
use crate::model::Platform;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::collections::HashMap;

/// Sorted relative values at the three levels.
#[derive(Debug, Clone, Default)]
pub(crate) struct RelSets {
    pub seg: Vec<Vec<Decimal>>,
    pub platform: Vec<(Platform, Vec<Decimal>)>,
    pub all: Vec<Decimal>,
}

impl RelSets {
    fn platform_set(&self, p: Platform) -> &[Decimal] {
        match self.platform.binary_search_by(|(q, _)| q.cmp(&p)) {
            Ok(j) => &self.platform[j].1,
            Err(_) => &[],
        }
    }

    /// R_seg(q): ratio(q) = Q(q)/Q(0.5) at segment, platform and all, pooled
    /// R_platform = (c_p·ratio_p + k·ratio_all)/(c_p + k),
    /// R_seg = (c_s·ratio_s + k·R_platform)/(c_s + k), a level with no values taking
    /// its parent's.
    pub(crate) fn pooled_ratio(&self, seg: Option<usize>, platform: Platform, q: Decimal, k: Decimal) -> Decimal {
        let all = ratio(&self.all, q).unwrap_or(Decimal::ONE);
        let pooled = |set: &[Decimal], parent: Decimal| -> Decimal {
            let c = Decimal::from(set.len() as u64);
            match ratio(set, q) {
                Some(r) if !(c + k).is_zero() => (c * r + k * parent) / (c + k),
                _ => parent,
            }
        };
        let r_platform = pooled(self.platform_set(platform), all);
        let seg_set: &[Decimal] = seg.and_then(|s| self.seg.get(s)).map(|v| v.as_slice()).unwrap_or(&[]);
        pooled(seg_set, r_platform)
    }
}

/// ratio(q) = Q(q) / Q(0.5) of a sorted set; `None` when empty.
pub(crate) fn ratio(sorted: &[Decimal], q: Decimal) -> Option<Decimal> {
    let mid = quantile_sorted(sorted, dec!(0.5))?;
    if mid.is_zero() {
        return None;
    }
    Some(quantile_sorted(sorted, q)? / mid)
}

/// ln R = sign(q − 0.5)·√(ln² R_q + π/(2n)·ln² R_d).
pub(crate) fn widen(r_q: Decimal, r_d: Decimal, n: usize, q: Decimal) -> Decimal {
    let lq = maths::ln(r_q).unwrap_or_default();
    let ld = maths::ln(r_d).unwrap_or_default();
    let w = Decimal::HALF_PI / Decimal::from(n as u64);
    let root = maths::sqrt(lq * lq + w * ld * ld).unwrap_or_default();
    let ln_r = if q < dec!(0.5) { -root } else { root };
    maths::exp(ln_r).unwrap_or(Decimal::ONE)
}

/// Quoted CPM of every window post (`h.posts[wlo..cutoff]`): fee × 1000 / quoted
/// impressions / the request's season factor of the post's season; `None` for a post
/// with fewer than 3 earlier measured posts in its segment.
pub(crate) fn quoted_cpms(
    h: &History,
    lookback_months: u32,
    wlo: usize,
    cutoff: usize,
    seasons: &Seasons,
) -> Vec<Option<Decimal>> {
    let mut out = Vec::with_capacity(cutoff - wlo);
    let mut movers: HashMap<NaiveDate, Mover> = HashMap::new();
    let mut impressions: HashMap<(usize, NaiveDate), Option<u64>> = HashMap::new();
    for e in &h.posts[wlo..cutoff] {
        let qi = *impressions.entry((e.seg, e.date)).or_insert_with(|| {
            let prior = h.before(&h.by_seg[e.seg], e.date);
            if prior.len() < 3 {
                return None;
            }
            let mover =
                movers.entry(e.date).or_insert_with(|| Mover::new(audience_growth_at(h, e.date, lookback_months)));
            let mut moved: Vec<Decimal> = h
                .most_recent(prior)
                .iter()
                .map(|&j| Decimal::from(h.posts[j].imps) * mover.factor(e.day - h.posts[j].day))
                .collect();
            let qi = round_count(maths::median(&mut moved)?);
            (qi > 0).then_some(qi)
        });
        out.push(qi.map(|qi| e.fee * Decimal::ONE_THOUSAND / Decimal::from(qi) / seasons.factor[e.season]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_pool_from_segment_to_platform_to_all() {
        // all: 0.5 1 1.5 2 (Q(0.25) = 0.875, median 1.25 → ratio_all(0.25) = 0.7);
        // platform instagram: 0.5 1 1.5 (Q(0.25) = 0.75, median 1 → 0.75), c_p = 3;
        // segment 0: 0.5 1 (Q(0.25) = 0.625, median 0.75 → 0.8333…), c_s = 2; k = 3.
        // R_platform = (3·0.75 + 3·0.7)/6 = 0.725
        // R_seg = (2·0.8333… + 3·0.725)/5 = (1.6666… + 2.175)/5 = 0.768333…
        let sets = RelSets {
            seg: vec![vec![dec!(0.5), dec!(1)], vec![dec!(1.5)]],
            platform: vec![(Platform::Instagram, vec![dec!(0.5), dec!(1), dec!(1.5)])],
            all: vec![dec!(0.5), dec!(1), dec!(1.5), dec!(2)],
        };
        let r = sets.pooled_ratio(Some(0), Platform::Instagram, dec!(0.25), dec!(3));
        assert!((r - dec!(0.7683333333333333333333333333)).abs() < dec!(0.0000000000000000000001), "{r}");
        // A segment with no values takes the platform's: 0.725.
        let r = sets.pooled_ratio(None, Platform::Instagram, dec!(0.25), dec!(3));
        assert_eq!(r, dec!(0.725));
        // A platform with none takes all's: 0.7.
        assert_eq!(sets.pooled_ratio(None, Platform::Tiktok, dec!(0.25), dec!(3)), dec!(0.7));
        // k = 0: no pooling, the segment's own ratio.
        let r = sets.pooled_ratio(Some(0), Platform::Instagram, dec!(0.25), dec!(0));
        assert!((r - dec!(0.8333333333333333333333333333)).abs() < dec!(0.0000000000000000000001), "{r}");
    }

    #[test]
    fn widening_adds_the_uncertainty_of_the_level() {
        // R_q(0.75) = 1.2, R_d(0.75) = 1.5, n = 4:
        // ln R = √(ln²1.2 + π/8·ln²1.5) = √(0.0332412 + 0.3926991·0.1644020) = √0.0978016
        //      = 0.3127325; R = e^0.3127325 = 1.367156.
        let r = widen(dec!(1.2), dec!(1.5), 4, dec!(0.75));
        assert!((r - dec!(1.367156)).abs() < dec!(0.000001), "{r}");
        // Below the median the sign flips: R(0.25) with the same logs = 1/1.36714.
        let r = widen(Decimal::ONE / dec!(1.2), Decimal::ONE / dec!(1.5), 4, dec!(0.25));
        assert!((r - Decimal::ONE / dec!(1.367156)).abs() < dec!(0.000001), "{r}");
        // More posts, less widening: n = 1000 leaves almost R_q.
        let r = widen(dec!(1.2), dec!(1.5), 1000, dec!(0.75));
        assert!((r - dec!(1.2)).abs() < dec!(0.003), "{r}");
    }
}
