//! `mille backtest`: each paid post of the last N months priced as if it were being
//! quoted on its own date (quantity 1, `as_of` = its date, no add-ons) from the history
//! before it, and compared with what it was actually paid: the typical error of the
//! target, its bias, how often the fee fell under floor / target / anchor (ideally
//! 25 / 50 / 75 %), and the same error for the blended-average rule of thumb.

use super::context::Context;
use super::evidence::History;
use super::line::line_calc;
use super::maths::{self, median, months_back};
use super::price::{nice_points, POINTS};
use super::proposal::PricePoints;
use super::settings::Settings;
use super::AsPost;
use crate::model::{Format, Platform};
use crate::money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

fn frac3<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_str(&money::fixed(*v, 3)),
        None => s.serialize_none(),
    }
}

/// The figures of a set of deals (all, or one platform/format).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BacktestStats {
    /// Deals priced.
    pub deals: usize,
    /// Deals that could not be priced (no projection, no measured post in the window).
    pub skipped: usize,
    /// Median |target − fee| / fee.
    #[serde(serialize_with = "frac3")]
    pub target_error: Option<Decimal>,
    /// Median ln(target / fee).
    #[serde(serialize_with = "frac3")]
    pub bias: Option<Decimal>,
    /// Share of fees strictly below the rounded floor, target, anchor.
    #[serde(serialize_with = "frac3")]
    pub below_floor: Option<Decimal>,
    #[serde(serialize_with = "frac3")]
    pub below_target: Option<Decimal>,
    #[serde(serialize_with = "frac3")]
    pub below_anchor: Option<Decimal>,
    /// Median |baseline − fee| / fee over the deals with a blended baseline.
    #[serde(serialize_with = "frac3")]
    pub baseline_error: Option<Decimal>,
}

/// The figures of one platform/format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SegmentBacktest {
    pub platform: Platform,
    pub format: Format,
    #[serde(flatten)]
    pub stats: BacktestStats,
}

/// A backtest (pricing.md, `mille backtest --json`); the per-segment breakdown is for
/// the human table and is not part of the JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backtest {
    pub months: u32,
    #[serde(flatten)]
    pub total: BacktestStats,
    #[serde(skip)]
    pub segments: Vec<SegmentBacktest>,
    /// The deals' period [from, to] (None without posts).
    #[serde(skip)]
    pub period: Option<(NaiveDate, NaiveDate)>,
}

/// One deal's outcome.
#[derive(Debug, Clone)]
struct Outcome {
    fee: Decimal,
    priced: Option<(PricePoints, Option<Decimal>)>,
}

fn stats(outcomes: &[&Outcome]) -> BacktestStats {
    let mut st = BacktestStats::default();
    let mut errors = Vec::new();
    let mut logs = Vec::new();
    let mut baseline = Vec::new();
    let mut below = [0usize; 3];
    for o in outcomes {
        let Some((p, base)) = &o.priced else {
            st.skipped += 1;
            continue;
        };
        st.deals += 1;
        // Checked: a fee of a ten-billionth against a target of billions has no
        // meaningful ratio, and must not overflow.
        if let Some(e) = (p.target - o.fee).abs().checked_div(o.fee) {
            errors.push(e);
        }
        if let Some(l) = p.target.checked_div(o.fee).and_then(maths::ln) {
            logs.push(l);
        }
        for (j, x) in p.to_array().iter().enumerate() {
            if o.fee < *x {
                below[j] += 1;
            }
        }
        if let Some(b) = base {
            if let Some(e) = (*b - o.fee).abs().checked_div(o.fee) {
                baseline.push(e);
            }
        }
    }
    if st.deals > 0 {
        let n = Decimal::from(st.deals as u64);
        st.target_error = median(&mut errors);
        st.bias = median(&mut logs);
        st.below_floor = Some(Decimal::from(below[0] as u64) / n);
        st.below_target = Some(Decimal::from(below[1] as u64) / n);
        st.below_anchor = Some(Decimal::from(below[2] as u64) / n);
    }
    st.baseline_error = median(&mut baseline);
    st
}

/// Backtests the last `months` months of deals.
pub fn backtest<P: AsPost>(posts: &[P], settings: &Settings, months: u32) -> Backtest {
    backtest_with_progress(posts, settings, months, &mut |_, _| {})
}

/// [`backtest`], calling `progress(done, total)` as deals are priced.
pub fn backtest_with_progress<P: AsPost>(
    posts: &[P],
    settings: &Settings,
    months: u32,
    progress: &mut dyn FnMut(usize, usize),
) -> Backtest {
    let Some(latest) = posts.iter().map(|p| p.post_data().date).max() else {
        return Backtest { months, total: BacktestStats::default(), segments: Vec::new(), period: None };
    };
    let from = months_back(latest, months);
    let history = std::sync::Arc::new(History::new(posts));
    // Deals grouped by date (one context per date), each (platform, format, fee).
    let mut by_date: BTreeMap<NaiveDate, Vec<(Platform, Format, Decimal)>> = BTreeMap::new();
    for p in posts.iter().map(|p| p.post_data()) {
        let fee = p.fee_base();
        if fee > Decimal::ZERO && p.date >= from && p.date <= latest {
            by_date.entry(p.date).or_default().push((p.platform, p.format.clone(), fee));
        }
    }
    let total_deals: usize = by_date.values().map(Vec::len).sum();
    let mut outcomes: Vec<((Platform, Format), Outcome)> = Vec::with_capacity(total_deals);
    let mut done = 0;
    for (date, deals) in by_date {
        let ctx = Context::new(&history, settings, date, date).ok();
        for (platform, format, fee) in deals {
            let priced = ctx.as_ref().and_then(|ctx| {
                let sf = ctx.campaign_season_factor();
                let c = line_calc(ctx, 1, platform, &format, 1, None, sf).ok()?;
                let [f, t, a] = POINTS.map(|q| c.cpm(ctx, q).and_then(|cpm| c.unit_at_cpm(cpm)));
                let unit = [f?, t?, a?];
                let rounded = nice_points(settings, PricePoints::from_array(unit));
                let base = c.seg.and_then(|s| {
                    let list = ctx.evidence(&ctx.h.by_seg[s]);
                    if list.is_empty() {
                        return None;
                    }
                    let fees: Decimal = list.iter().map(|&i| ctx.h.posts[i].fee).sum();
                    let imps: u64 = list.iter().map(|&i| ctx.h.posts[i].imps).sum();
                    Some(fees / Decimal::from(imps) * Decimal::from(c.projected))
                });
                Some((rounded, base))
            });
            outcomes.push(((platform, format), Outcome { fee, priced }));
            done += 1;
        }
        progress(done, total_deals);
    }
    let all: Vec<&Outcome> = outcomes.iter().map(|(_, o)| o).collect();
    let mut groups: BTreeMap<&(Platform, Format), Vec<&Outcome>> = BTreeMap::new();
    for (k, o) in &outcomes {
        groups.entry(k).or_default().push(o);
    }
    let segments = groups
        .into_iter()
        .map(|((platform, format), os)| SegmentBacktest {
            platform: *platform,
            format: format.clone(),
            stats: stats(&os),
        })
        .collect();
    Backtest { months, total: stats(&all), segments, period: Some((from, latest)) }
}
