//! Everything a proposal needs that depends on the dates but not on the deliverables:
//! the evidence cut at `as_of`, the window, season factors (step 3), growth rates
//! (step 1), every window post's value and fee value moved to the campaign date
//! (step 4) and its quoted CPM (step 5), and the relative values the spreads are read
//! from. Built once per (as_of, campaign date); the backtest reuses one per deal date
//! and a [`super::Pricer`] keeps the ones its requests share. It holds its history
//! (shared) and its settings (a copy), so it can be kept beside the history it reads.

use super::evidence::History;
use super::growth::{fit, seg_fit, GA_RANGE, GP_RANGE};
use super::maths::{self, day_number, median_of, months_back, Mover};
use super::season::{season_factors, Seasons};
use super::settings::Settings;
use super::spread::{quoted_cpms, widen, RelSets};
use super::PricingError;
use crate::model::Platform;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::cell::RefCell;
use std::sync::Arc;

pub(crate) struct Context {
    pub h: Arc<History>,
    pub settings: Settings,
    pub as_of: NaiveDate,
    pub date: NaiveDate,
    pub campaign_day: i64,
    pub window_start: NaiveDate,
    /// `h.posts[..cutoff]` are the evidence (dated before `as_of`).
    pub cutoff: usize,
    /// `h.posts[wlo..cutoff]` are the window's measured posts.
    pub wlo: usize,
    pub seasons: Seasons,
    pub g_a: Decimal,
    pub g_p: Decimal,
    /// Per window post (index k ↔ `h.posts[wlo + k]`): step 4's value …
    pub values: Vec<Decimal>,
    /// … its fee value …
    pub fee_values: Vec<Decimal>,
    /// … and its quoted CPM (step 5), when it has one (kept for inspection: the
    /// spreads read the relative values below).
    #[cfg_attr(not(test), allow(dead_code))]
    pub quoted: Vec<Option<Decimal>>,
    /// Per segment: window-post indices k.
    pub seg_window: Vec<Vec<usize>>,
    /// Relative step-4 values (R_d) and relative quoted CPMs (R_q).
    pub rel_d: RelSets,
    pub rel_q: RelSets,
    /// Moves impressions to the campaign date at `g_a`.
    pub mover_a: RefCell<Mover>,
}

/// How far (in days, about ten years) a campaign date may lie from the day prices are
/// made as of.
pub(crate) const MAX_CAMPAIGN_DAYS: i64 = 3_653;

impl Context {
    pub(crate) fn new(
        history: &Arc<History>,
        settings: &Settings,
        as_of: NaiveDate,
        date: NaiveDate,
    ) -> Result<Context, PricingError> {
        let h: &History = history;
        // Growth moves every value to the campaign date; decades of it would overflow.
        if (date - as_of).num_days().abs() > MAX_CAMPAIGN_DAYS {
            return Err(PricingError::FarDate { date, as_of });
        }
        let cutoff = h.count_before(as_of);
        let window_start = months_back(as_of, settings.lookback_months);
        let wlo = h.count_before(window_start).min(cutoff);
        if wlo == cutoff {
            return Err(PricingError::NoEvidence { window_start, as_of });
        }
        let seasons = season_factors(h, as_of, settings.pooling_k);
        let ln_sf: Vec<Decimal> = seasons.factor.iter().map(|f| maths::ln(*f).unwrap_or_default()).collect();

        // Step 1: growth, within segments, over the window.
        let mut fits_a = Vec::new();
        let mut fits_p = Vec::new();
        for (s, list) in h.by_seg.iter().enumerate() {
            let list = h.between(list, window_start, as_of);
            if list.len() < 2 {
                continue;
            }
            let (d0, y0, c0) = h.seg_ref[s];
            fits_a.push(seg_fit(h, list, d0, |i| h.posts[i].ln_imps - y0));
            fits_p.push(seg_fit(h, list, d0, |i| {
                let e = &h.posts[i];
                e.ln_cpm - ln_sf[e.season] - c0
            }));
        }
        let g_a = fit(&fits_a, GA_RANGE);
        let g_p = fit(&fits_p, GP_RANGE);

        // Step 4: values and fee values moved to the campaign date.
        let campaign_day = day_number(date);
        let mut mover_p = Mover::new(g_p);
        let mut mover_ap = Mover::new(g_a + g_p);
        let n = cutoff - wlo;
        let mut values = Vec::with_capacity(n);
        let mut fee_values = Vec::with_capacity(n);
        let mut seg_window = vec![Vec::new(); h.segments.len()];
        for (k, e) in h.posts[wlo..cutoff].iter().enumerate() {
            let sf = seasons.factor[e.season];
            let dt = campaign_day - e.day;
            values.push(e.cpm / sf * mover_p.factor(dt));
            fee_values.push(e.fee / sf * mover_ap.factor(dt));
            seg_window[e.seg].push(k);
        }

        // Step 5: quoted CPMs and the relative values of both kinds.
        let quoted = quoted_cpms(h, settings.lookback_months, wlo, cutoff, &seasons);
        let seg_of = |k: usize| h.posts[wlo + k].seg;
        let platform_of = |k: usize| h.posts[wlo + k].platform;
        let rel_d = relative(&seg_window, |k| Some(values[k]), seg_of, platform_of);
        let rel_q = relative(&seg_window, |k| quoted[k], seg_of, platform_of);

        Ok(Context {
            h: Arc::clone(history),
            settings: settings.clone(),
            as_of,
            date,
            campaign_day,
            window_start,
            cutoff,
            wlo,
            seasons,
            g_a,
            g_p,
            values,
            fee_values,
            quoted,
            seg_window,
            rel_d,
            rel_q,
            mover_a: RefCell::new(Mover::new(g_a)),
        })
    }

    /// The evidence (posts before `as_of`) of an index list in date order.
    pub(crate) fn evidence<'a>(&self, list: &'a [usize]) -> &'a [usize] {
        let k = list.partition_point(|&i| i < self.cutoff);
        &list[..k]
    }

    /// Impressions of post `i` moved to the campaign date at `g_a`, at most 10^12 (the
    /// input's bound: decades of growth on a huge count would not fit a `Decimal`).
    pub(crate) fn moved_impressions(&self, i: usize) -> Decimal {
        let e = &self.h.posts[i];
        let most = Decimal::from(crate::limits::bounds::MAX_COUNT);
        let moved = Decimal::from(e.imps).checked_mul(self.mover_a.borrow_mut().factor(self.campaign_day - e.day));
        moved.map_or(most, |m| m.min(most))
    }

    /// The season factor of the campaign date.
    pub(crate) fn campaign_season_factor(&self) -> Decimal {
        self.seasons.factor[maths::season_of(self.date)]
    }

    /// Step 5's R(q) for a line's segment ([`super::spread`]): R_q and R_d pooled,
    /// combined and widened with n the segment's measured posts in the window (at
    /// least 1). R(0.5) = 1.
    pub(crate) fn spread(&self, seg: Option<usize>, platform: Platform, q: Decimal) -> Decimal {
        if q == dec!(0.5) {
            return Decimal::ONE;
        }
        let k = self.settings.pooling_k;
        let r_d = self.rel_d.pooled_ratio(seg, platform, q, k);
        let r_q = if self.rel_q.all.is_empty() { r_d } else { self.rel_q.pooled_ratio(seg, platform, q, k) };
        let n = seg.map(|s| self.seg_window[s].len()).unwrap_or(0).max(1);
        widen(r_q, r_d, n, q)
    }
}

/// Relative values: each value divided by the median of its segment's values, then
/// grouped by segment, platform and all (each group sorted).
fn relative(
    seg_window: &[Vec<usize>],
    value: impl Fn(usize) -> Option<Decimal>,
    seg_of: impl Fn(usize) -> usize,
    platform_of: impl Fn(usize) -> Platform,
) -> RelSets {
    let mut sets = RelSets { seg: vec![Vec::new(); seg_window.len()], platform: Vec::new(), all: Vec::new() };
    for (s, ks) in seg_window.iter().enumerate() {
        let present: Vec<(usize, Decimal)> = ks.iter().filter_map(|&k| value(k).map(|v| (k, v))).collect();
        let vals: Vec<Decimal> = present.iter().map(|(_, v)| *v).collect();
        let Some(m) = median_of(&vals) else { continue };
        if m.is_zero() {
            continue;
        }
        for (k, v) in present {
            let r = v / m;
            debug_assert_eq!(seg_of(k), s);
            sets.seg[s].push(r);
            let p = platform_of(k);
            match sets.platform.binary_search_by(|(q, _)| q.cmp(&p)) {
                Ok(j) => sets.platform[j].1.push(r),
                Err(j) => sets.platform.insert(j, (p, vec![r])),
            }
            sets.all.push(r);
        }
    }
    for v in &mut sets.seg {
        v.sort_unstable();
    }
    for (_, v) in &mut sets.platform {
        v.sort_unstable();
    }
    sets.all.sort_unstable();
    sets
}
