//! The figures of metrics.md for one set of posts ([`Stats`]): the running sums they
//! are built from ([`Acc`], merged across groups and threads), exact ratios,
//! percentiles over the sorted per-post CPMs, and the fast exact sort of those CPMs.

use super::exclusion::exclusion;
use crate::model::{Fact, PostData};
use crate::money;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// The figures of metrics.md for one set of posts, unrounded. `None` where the
/// denominator is 0 or the set of posts behind the figure is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Stats {
    /// Number of posts.
    pub posts: u64,
    /// Measured paid posts (impressions > 0 and fee > 0): those behind every CPM figure.
    pub measured_posts: u64,
    /// Σ fee in base currency over all posts.
    #[serde(serialize_with = "ser_money")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub fee: Decimal,
    /// Σ impressions over measured posts (0 when there is none).
    pub impressions: u128,
    /// Σ fee / Σ impressions × 1000 over measured posts (impression-weighted).
    #[serde(serialize_with = "ser_opt2")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub cpm: Option<Decimal>,
    /// Median of the per-post CPMs of measured posts.
    #[serde(serialize_with = "ser_opt2")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub cpm_median: Option<Decimal>,
    #[serde(serialize_with = "ser_opt2")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub cpm_p25: Option<Decimal>,
    #[serde(serialize_with = "ser_opt2")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub cpm_p75: Option<Decimal>,
    #[serde(serialize_with = "ser_opt2")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub cpm_min: Option<Decimal>,
    #[serde(serialize_with = "ser_opt2")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub cpm_max: Option<Decimal>,
    /// Σ clicks / Σ impressions over measured posts that report clicks (a fraction).
    #[serde(serialize_with = "ser_opt4")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub ctr: Option<Decimal>,
    /// Σ engagements / Σ impressions over measured posts that report any engagement.
    #[serde(serialize_with = "ser_opt4")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub engagement_rate: Option<Decimal>,
    /// Σ fee / Σ engagements, same posts as `engagement_rate`.
    #[serde(serialize_with = "ser_opt2")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub cpe: Option<Decimal>,
    /// Σ fee / Σ clicks, same posts as `ctr`.
    #[serde(serialize_with = "ser_opt2")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub cpc: Option<Decimal>,
    /// Σ fee / Σ views over measured posts that report views.
    #[serde(serialize_with = "ser_opt2")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub cpv: Option<Decimal>,
    /// Fewer than 3 measured posts: shown, but marked as thin evidence.
    pub thin: bool,
    /// The per-post CPMs of the measured posts, sorted ascending (for charts, pricing).
    #[serde(skip)]
    pub cpms: Vec<Decimal>,
}

impl Stats {
    /// The figures for any set of posts (no grouping, no exclusion list).
    pub fn of<'a>(posts: impl IntoIterator<Item = &'a PostData>) -> Stats {
        let mut acc = Acc::default();
        for p in posts {
            acc.push(p);
        }
        acc.finish()
    }
}

fn ser_money<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&money::fixed(*v, 2))
}

fn ser_opt2<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(d) => s.serialize_str(&money::fixed(*d, 2)),
        None => s.serialize_none(),
    }
}

fn ser_opt4<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(d) => s.serialize_str(&money::fixed(*d, 4)),
        None => s.serialize_none(),
    }
}

/// `num / den` (× `scale` when given), `None` when `den` is 0 or the result leaves
/// `Decimal`'s range. The multiplication comes first so the one rounding is the
/// division's, at 28 significant digits.
fn ratio(num: Decimal, den: u128, scale: Option<Decimal>) -> Option<Decimal> {
    if den == 0 {
        return None;
    }
    let den = Decimal::try_from_i128_with_scale(i128::try_from(den).ok()?, 0).ok()?;
    match scale {
        None => num.checked_div(den),
        Some(k) => match num.checked_mul(k) {
            Some(n) => n.checked_div(den),
            None => num.checked_div(den)?.checked_mul(k),
        },
    }
}

/// Sorts CPMs ascending by value, exactly. Comparing `Decimal`s of different scales is
/// slow, and per-post CPMs have up to 28 significant digits at varied scales; so each
/// is read once as an exact integer count of 10⁻²⁸ (fits in i128 below about 1.7·10¹⁰)
/// and the pairs are sorted by that integer. Should a value not fit, `Decimal`'s own
/// comparison sorts them. The sort is run-adaptive, so a concatenation of sorted lists
/// (the total of sorted groups) is merged rather than sorted from scratch.
fn sort_cpms(v: &mut Vec<Decimal>) {
    let keyed: Option<Vec<(i128, Decimal)>> = v.iter().map(|d| fixed28(d).map(|k| (k, *d))).collect();
    match keyed {
        Some(mut pairs) => {
            pairs.sort_by_key(|p| p.0);
            v.clear();
            v.extend(pairs.into_iter().map(|p| p.1));
        }
        None => v.sort(),
    }
}

/// Sorts each list of CPMs ([`sort_cpms`]); with hundreds of thousands of values in
/// all, the lists are dealt out to one thread per core, largest list first.
pub(super) fn sort_groups(mut lists: Vec<&mut Vec<Decimal>>) {
    let total: usize = lists.iter().map(|l| l.len()).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(total / 100_000).min(lists.len());
    if threads <= 1 {
        lists.into_iter().for_each(sort_cpms);
        return;
    }
    lists.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let mut shares: Vec<(usize, Vec<&mut Vec<Decimal>>)> = (0..threads).map(|_| (0, Vec::new())).collect();
    for list in lists {
        if let Some(lightest) = shares.iter_mut().min_by_key(|s| s.0) {
            lightest.0 += list.len();
            lightest.1.push(list);
        }
    }
    std::thread::scope(|scope| {
        for (_, share) in shares {
            scope.spawn(move || share.into_iter().for_each(sort_cpms));
        }
    });
}

fn fixed28(d: &Decimal) -> Option<i128> {
    d.mantissa().checked_mul(POW10[(28 - d.scale().min(28)) as usize])
}

const POW10: [i128; 29] = {
    let mut t = [1i128; 29];
    let mut i = 1;
    while i < 29 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// The q-quantile (0 ≤ q ≤ 1) of values sorted ascending, by linear interpolation
/// between closest ranks (numpy's default, Excel `PERCENTILE.INC`): with
/// h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). `None` for no values or q
/// outside [0, 1].
pub fn percentile(sorted: &[Decimal], q: Decimal) -> Option<Decimal> {
    if sorted.is_empty() || q < Decimal::ZERO || q > Decimal::ONE {
        return None;
    }
    let n1 = Decimal::from(sorted.len() - 1);
    let h = n1.checked_mul(q)?;
    let lo_d = h.floor();
    let frac = h - lo_d;
    let lo = lo_d.to_usize()?;
    let x_lo = *sorted.get(lo)?;
    if frac.is_zero() {
        return Some(x_lo);
    }
    let x_hi = *sorted.get(lo + 1)?;
    x_hi.checked_sub(x_lo)?.checked_mul(frac)?.checked_add(x_lo)
}

/// Running sums for one set of posts.
#[derive(Debug, Default)]
pub(super) struct Acc {
    posts: u64,
    measured: u64,
    fee: Decimal,
    measured_fee: Decimal,
    impressions: u128,
    pub(super) cpms: Vec<Decimal>,
    click_fee: Decimal,
    click_impressions: u128,
    clicks: u128,
    click_posts: u64,
    eng_fee: Decimal,
    eng_impressions: u128,
    engagements: u128,
    eng_posts: u64,
    view_fee: Decimal,
    views: u128,
    view_posts: u64,
}

/// What a post contributes, computed once even when it feeds a group and the total.
pub(super) struct Contribution {
    fee: Decimal,
    /// `(impressions, per-post CPM)` for a measured post.
    measured: Option<(u64, Option<Decimal>)>,
}

pub(super) fn contribution(p: &Fact<'_>) -> Contribution {
    // Sums saturate instead of panicking; real fees are nowhere near Decimal's 7.9e28.
    let fee = p.fee_base();
    let measured = if exclusion(p).is_none() {
        let imps = p.metrics.impressions.unwrap_or(0);
        Some((imps, ratio(fee, u128::from(imps), Some(Decimal::ONE_THOUSAND))))
    } else {
        None
    };
    Contribution { fee, measured }
}

impl Acc {
    fn push(&mut self, p: &PostData) {
        let f = Fact::of(0, p);
        let c = contribution(&f);
        self.add(&f, &c);
    }

    pub(super) fn add(&mut self, p: &Fact<'_>, c: &Contribution) {
        self.posts += 1;
        self.fee = self.fee.saturating_add(c.fee);
        let Some((imps, cpm)) = c.measured else {
            return;
        };
        let imps = u128::from(imps);
        self.measured += 1;
        self.measured_fee = self.measured_fee.saturating_add(c.fee);
        self.impressions = self.impressions.saturating_add(imps);
        if let Some(cpm) = cpm {
            self.cpms.push(cpm);
        }
        let m = &p.metrics;
        if let Some(clicks) = m.clicks {
            self.click_posts += 1;
            self.click_fee = self.click_fee.saturating_add(c.fee);
            self.click_impressions = self.click_impressions.saturating_add(imps);
            self.clicks = self.clicks.saturating_add(u128::from(clicks));
        }
        if let Some(e) = m.engagements() {
            self.eng_posts += 1;
            self.eng_fee = self.eng_fee.saturating_add(c.fee);
            self.eng_impressions = self.eng_impressions.saturating_add(imps);
            self.engagements = self.engagements.saturating_add(e);
        }
        if let Some(views) = m.views {
            self.view_posts += 1;
            self.view_fee = self.view_fee.saturating_add(c.fee);
            self.views = self.views.saturating_add(u128::from(views));
        }
    }

    /// Adds another set's sums (the total is the merge of its groups).
    pub(super) fn merge(&mut self, o: &Acc) {
        self.posts += o.posts;
        self.measured += o.measured;
        self.fee = self.fee.saturating_add(o.fee);
        self.measured_fee = self.measured_fee.saturating_add(o.measured_fee);
        self.impressions = self.impressions.saturating_add(o.impressions);
        self.cpms.extend_from_slice(&o.cpms);
        self.click_fee = self.click_fee.saturating_add(o.click_fee);
        self.click_impressions = self.click_impressions.saturating_add(o.click_impressions);
        self.clicks = self.clicks.saturating_add(o.clicks);
        self.click_posts += o.click_posts;
        self.eng_fee = self.eng_fee.saturating_add(o.eng_fee);
        self.eng_impressions = self.eng_impressions.saturating_add(o.eng_impressions);
        self.engagements = self.engagements.saturating_add(o.engagements);
        self.eng_posts += o.eng_posts;
        self.view_fee = self.view_fee.saturating_add(o.view_fee);
        self.views = self.views.saturating_add(o.views);
        self.view_posts += o.view_posts;
    }

    pub(super) fn finish(self) -> Stats {
        let mut cpms = self.cpms;
        if !cpms.is_sorted() {
            sort_cpms(&mut cpms);
        }
        let q = |v: Decimal| percentile(&cpms, v);
        let thousand = Some(Decimal::ONE_THOUSAND);
        // A figure over an empty set is null even where its denominator happens to be
        // defined; with measured posts only, every denominator below is > 0 unless the
        // reported counts are 0.
        let when = |n: u64, v: Option<Decimal>| if n == 0 { None } else { v };
        Stats {
            posts: self.posts,
            measured_posts: self.measured,
            fee: self.fee,
            impressions: self.impressions,
            cpm: when(self.measured, ratio(self.measured_fee, self.impressions, thousand)),
            cpm_median: q(Decimal::new(5, 1)),
            cpm_p25: q(Decimal::new(25, 2)),
            cpm_p75: q(Decimal::new(75, 2)),
            cpm_min: cpms.first().copied(),
            cpm_max: cpms.last().copied(),
            ctr: when(self.click_posts, u128_dec(self.clicks).and_then(|c| ratio(c, self.click_impressions, None))),
            engagement_rate: when(
                self.eng_posts,
                u128_dec(self.engagements).and_then(|e| ratio(e, self.eng_impressions, None)),
            ),
            cpe: when(self.eng_posts, ratio(self.eng_fee, self.engagements, None)),
            cpc: when(self.click_posts, ratio(self.click_fee, self.clicks, None)),
            cpv: when(self.view_posts, ratio(self.view_fee, self.views, None)),
            thin: self.measured < 3,
            cpms,
        }
    }
}

fn u128_dec(v: u128) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(i128::try_from(v).ok()?, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn percentiles_interpolate_between_closest_ranks() {
        // (sorted values, q, expected)
        let cases: &[(&[Decimal], Decimal, Option<Decimal>)] = &[
            // n = 4: h = 3q. q=.25 → h=.75 → 1 + .75·(2−1) = 1.75
            (&[dec!(1), dec!(2), dec!(3), dec!(4)], dec!(0.25), Some(dec!(1.75))),
            // q=.5 → h=1.5 → 2 + .5·(3−2) = 2.5
            (&[dec!(1), dec!(2), dec!(3), dec!(4)], dec!(0.5), Some(dec!(2.5))),
            // q=.75 → h=2.25 → 3 + .25·(4−3) = 3.25
            (&[dec!(1), dec!(2), dec!(3), dec!(4)], dec!(0.75), Some(dec!(3.25))),
            // n = 5: h = 4q hits ranks exactly: 2, 3, 4
            (&[dec!(1), dec!(2), dec!(3), dec!(4), dec!(5)], dec!(0.25), Some(dec!(2))),
            (&[dec!(1), dec!(2), dec!(3), dec!(4), dec!(5)], dec!(0.5), Some(dec!(3))),
            // n = 2: q=.25 → h=.25 → 10 + .25·(30−10) = 15; q=.75 → 25
            (&[dec!(10), dec!(30)], dec!(0.25), Some(dec!(15))),
            (&[dec!(10), dec!(30)], dec!(0.75), Some(dec!(25))),
            // n = 1: every quantile is the value
            (&[dec!(7.5)], dec!(0.25), Some(dec!(7.5))),
            // ends
            (&[dec!(1), dec!(9)], dec!(0), Some(dec!(1))),
            (&[dec!(1), dec!(9)], dec!(1), Some(dec!(9))),
            // n = 3, q = .1: h = .2 → 1 + .2·(4 − 1) = 1.6
            (&[dec!(1), dec!(4), dec!(100)], dec!(0.1), Some(dec!(1.6))),
            (&[], dec!(0.5), None),
            (&[dec!(1)], dec!(1.5), None),
        ];
        for (values, q, want) in cases {
            assert_eq!(percentile(values, *q), *want, "{values:?} q={q}");
        }
    }

    #[test]
    fn cpms_sort_by_value_whatever_their_scale() {
        // 1/3 has 28 significant digits; 0.3333 and 0.33330 are equal in value
        let third = dec!(1) / dec!(3);
        let mut v = vec![dec!(10.5), third, dec!(0.33330), dec!(2), dec!(0.3333), dec!(10.50000001), dec!(0)];
        sort_cpms(&mut v);
        assert_eq!(v, [dec!(0), dec!(0.3333), dec!(0.3333), third, dec!(2), dec!(10.5), dec!(10.50000001)]);
        // a value too large for the integer key falls back to Decimal's order
        let mut v = vec![dec!(5e20), dec!(1.5), dec!(3e20), dec!(0.25)];
        sort_cpms(&mut v);
        assert_eq!(v, [dec!(0.25), dec!(1.5), dec!(3e20), dec!(5e20)]);
    }
}
