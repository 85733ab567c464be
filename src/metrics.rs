//! Achieved CPM and the related figures of metrics.md, per group of posts: the numbers
//! a creator shows a brand, so each has exactly one definition (see the spec table) and
//! is computed in exact decimal arithmetic over plain data, with no I/O.
//!
//! [`report`] groups posts by [`Dimension`]s and computes a [`Stats`] per group and for
//! the total, and lists the posts left out of CPM statistics with their reason.
//! [`Stats`] keeps the numbers *unrounded* (`Decimal`) so the app and pricing can reuse
//! them; only serialization (the `mille report --json` shape of cli.md) and
//! [`render_table`] round: money and CPM-like figures to 2 places, rates to 4,
//! half away from zero ([`money::fixed`]).

use crate::model::{Fact, Format, Platform, Post, PostData};
use crate::money;
use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::fmt;
use std::str::FromStr;

// ----- dimensions --------------------------------------------------------------------

/// A way to group posts (metrics.md, "Dimensions"). Values are strings: `platform`,
/// `format` and `brand` as stored, `season` `Q4`, `quarter` `2025-Q4`, `year` `2025`,
/// `month` `2025-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Platform,
    Format,
    Season,
    Brand,
    Quarter,
    Month,
    Year,
}

impl Dimension {
    /// Every dimension, in the order the spec lists them.
    pub const ALL: [Dimension; 7] = [
        Dimension::Platform,
        Dimension::Format,
        Dimension::Season,
        Dimension::Brand,
        Dimension::Quarter,
        Dimension::Month,
        Dimension::Year,
    ];

    /// `mille report`'s default grouping: platform, format, season.
    pub const DEFAULT: [Dimension; 3] = [Dimension::Platform, Dimension::Format, Dimension::Season];

    /// The name used on the command line and in JSON (`"platform"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Platform => "platform",
            Dimension::Format => "format",
            Dimension::Season => "season",
            Dimension::Brand => "brand",
            Dimension::Quarter => "quarter",
            Dimension::Month => "month",
            Dimension::Year => "year",
        }
    }

    /// The known names joined for an error message.
    pub fn known_list() -> String {
        Dimension::ALL.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// This dimension's value for a post, as text (`"2025-Q4"` for quarter).
    pub fn value(self, post: &PostData) -> String {
        key_part(self, &Fact::of(0, post)).text(|t| t.to_string())
    }

    /// Reads a comma list of dimension names (`"platform,format,season"`), as
    /// `mille report --by` takes it. Names are case-insensitive and trimmed; an unknown,
    /// empty or repeated name is an error.
    pub fn parse_list(text: &str) -> Result<Vec<Dimension>, DimensionError> {
        let mut out = Vec::new();
        for part in text.split(',') {
            if part.trim().is_empty() {
                return Err(DimensionError::Empty { list: text.to_string() });
            }
            let d: Dimension = part.parse()?;
            if out.contains(&d) {
                return Err(DimensionError::Repeated { name: d.as_str().to_string() });
            }
            out.push(d);
        }
        Ok(out)
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Dimension {
    type Err = DimensionError;

    /// `"platform"`, `"Brand"`, ` year ` (case-insensitive, trimmed).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase();
        Dimension::ALL
            .into_iter()
            .find(|d| d.as_str() == t)
            .ok_or_else(|| DimensionError::Unknown { name: s.trim().to_string() })
    }
}

impl Serialize for Dimension {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A dimension name that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DimensionError {
    #[error("unknown dimension `{name}` (known: platform, format, season, brand, quarter, month, year)")]
    Unknown { name: String },
    #[error("dimension `{name}` is given twice")]
    Repeated { name: String },
    #[error("empty dimension name in `{list}` (known: platform, format, season, brand, quarter, month, year)")]
    Empty { list: String },
}

/// One dimension's value of one post, cheap to hash: grouping a million posts must not
/// build a `String` per post. `T` is the text of a format or brand: borrowed from the
/// post (`&str`), or an index into the report's interned names (`u32`). Turned into
/// text once per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum KeyPart<T> {
    Platform(Platform),
    Text(T),
    Season(u32),
    Quarter(i32, u32),
    Month(i32, u32),
    Year(i32),
}

impl<T> KeyPart<T> {
    /// The same part with its text (if any) replaced by `f(text)`.
    fn map<U>(self, f: impl FnOnce(T) -> U) -> KeyPart<U> {
        match self {
            KeyPart::Platform(p) => KeyPart::Platform(p),
            KeyPart::Text(t) => KeyPart::Text(f(t)),
            KeyPart::Season(q) => KeyPart::Season(q),
            KeyPart::Quarter(y, q) => KeyPart::Quarter(y, q),
            KeyPart::Month(y, m) => KeyPart::Month(y, m),
            KeyPart::Year(y) => KeyPart::Year(y),
        }
    }

    /// The part as it is shown and serialized (`"2025-Q4"`), `text` giving a text part.
    fn text(self, text: impl FnOnce(T) -> String) -> String {
        match self {
            KeyPart::Platform(p) => p.as_str().to_string(),
            KeyPart::Text(t) => text(t),
            KeyPart::Season(q) => format!("Q{q}"),
            KeyPart::Quarter(y, q) => format!("{}-Q{q}", year_text(y)),
            KeyPart::Month(y, m) => format!("{}-{m:02}", year_text(y)),
            KeyPart::Year(y) => year_text(y),
        }
    }
}

fn key_part<'a>(dim: Dimension, p: &Fact<'a>) -> KeyPart<&'a str> {
    let d = p.date;
    match dim {
        Dimension::Platform => KeyPart::Platform(p.platform),
        Dimension::Format => KeyPart::Text(p.format),
        Dimension::Brand => KeyPart::Text(p.brand),
        Dimension::Season => KeyPart::Season(quarter_of(d)),
        Dimension::Quarter => KeyPart::Quarter(d.year(), quarter_of(d)),
        Dimension::Month => KeyPart::Month(d.year(), d.month()),
        Dimension::Year => KeyPart::Year(d.year()),
    }
}

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// A year as text: four digits for 0..=9999 (`"2025"`), as chrono's `%Y` writes it.
fn year_text(y: i32) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        format!("{y:+}")
    }
}

// ----- filter ------------------------------------------------------------------------

/// Which posts a report covers (`mille report --from --to --platform --format --brand`).
/// Every criterion that is set must hold. Dates are inclusive. The brand matches when it
/// equals the post's brand after trimming both and ignoring case (Unicode lowercase:
/// `café` matches ` CAFÉ `); it is a whole-name match, not a substring search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub platform: Option<Platform>,
    pub format: Option<Format>,
    pub brand: Option<String>,
}

impl Filter {
    /// True when the post passes every criterion that is set.
    pub fn matches(&self, post: &PostData) -> bool {
        self.admits(&Fact::of(0, post))
    }

    /// [`Filter::matches`] over a post's facts (as [`crate::store::Store::fold_facts`]
    /// gives them).
    pub fn admits(&self, post: &Fact<'_>) -> bool {
        if self.from.is_some_and(|from| post.date < from) {
            return false;
        }
        if self.to.is_some_and(|to| post.date > to) {
            return false;
        }
        if self.platform.is_some_and(|p| p != post.platform) {
            return false;
        }
        if self.format.as_ref().is_some_and(|f| f.as_str() != post.format) {
            return false;
        }
        if let Some(brand) = &self.brand {
            let want = brand.trim().chars().flat_map(char::to_lowercase);
            let have = post.brand.trim().chars().flat_map(char::to_lowercase);
            if !want.eq(have) {
                return false;
            }
        }
        true
    }
}

// ----- stats -------------------------------------------------------------------------

/// The figures of metrics.md for one set of posts, unrounded. `None` where the
/// denominator is 0 or the set of posts behind the figure is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Number of posts.
    pub posts: u64,
    /// Measured paid posts (impressions > 0 and fee > 0): those behind every CPM figure.
    pub measured_posts: u64,
    /// Σ fee in base currency over all posts.
    #[serde(serialize_with = "ser_money")]
    pub fee: Decimal,
    /// Σ impressions over measured posts (0 when there is none).
    pub impressions: u128,
    /// Σ fee / Σ impressions × 1000 over measured posts (impression-weighted).
    #[serde(serialize_with = "ser_opt2")]
    pub cpm: Option<Decimal>,
    /// Median of the per-post CPMs of measured posts.
    #[serde(serialize_with = "ser_opt2")]
    pub cpm_median: Option<Decimal>,
    #[serde(serialize_with = "ser_opt2")]
    pub cpm_p25: Option<Decimal>,
    #[serde(serialize_with = "ser_opt2")]
    pub cpm_p75: Option<Decimal>,
    #[serde(serialize_with = "ser_opt2")]
    pub cpm_min: Option<Decimal>,
    #[serde(serialize_with = "ser_opt2")]
    pub cpm_max: Option<Decimal>,
    /// Σ clicks / Σ impressions over measured posts that report clicks (a fraction).
    #[serde(serialize_with = "ser_opt4")]
    pub ctr: Option<Decimal>,
    /// Σ engagements / Σ impressions over measured posts that report any engagement.
    #[serde(serialize_with = "ser_opt4")]
    pub engagement_rate: Option<Decimal>,
    /// Σ fee / Σ engagements, same posts as `engagement_rate`.
    #[serde(serialize_with = "ser_opt2")]
    pub cpe: Option<Decimal>,
    /// Σ fee / Σ clicks, same posts as `ctr`.
    #[serde(serialize_with = "ser_opt2")]
    pub cpc: Option<Decimal>,
    /// Σ fee / Σ views over measured posts that report views.
    #[serde(serialize_with = "ser_opt2")]
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
fn sort_groups(mut lists: Vec<&mut Vec<Decimal>>) {
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
struct Acc {
    posts: u64,
    measured: u64,
    fee: Decimal,
    measured_fee: Decimal,
    impressions: u128,
    cpms: Vec<Decimal>,
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
struct Contribution {
    fee: Decimal,
    /// `(impressions, per-post CPM)` for a measured post.
    measured: Option<(u64, Option<Decimal>)>,
}

fn contribution(p: &Fact<'_>) -> Contribution {
    // Sums saturate instead of panicking; real fees are nowhere near Decimal's 7.9e28.
    let fee = match p.fx_rate {
        Some(rate) => p.fee.saturating_mul(rate),
        None => p.fee,
    };
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

    fn add(&mut self, p: &Fact<'_>, c: &Contribution) {
        self.posts += 1;
        self.fee = self.fee.saturating_add(c.fee);
        let Some((imps, cpm)) = c.measured else { return };
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
        let parts = [m.likes, m.comments, m.shares, m.saves];
        if parts.iter().any(Option::is_some) {
            let e: u128 = parts.iter().map(|v| u128::from(v.unwrap_or(0))).sum();
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
    fn merge(&mut self, o: &Acc) {
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

    fn finish(self) -> Stats {
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
            ctr: when(
                self.click_posts,
                u128_dec(self.clicks).and_then(|c| ratio(c, self.click_impressions, None)),
            ),
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

// ----- report ------------------------------------------------------------------------

/// Why a post is left out of CPM statistics (it still counts in `posts` and `fee`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ExclusionReason {
    /// Impressions unknown or 0 (and fee > 0).
    ImpressionsUnknown,
    /// Fee 0; wins over `ImpressionsUnknown` when both apply.
    Gifted,
}

impl ExclusionReason {
    /// The text of the JSON and the table: `impressions unknown`, `gifted`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExclusionReason::ImpressionsUnknown => "impressions unknown",
            ExclusionReason::Gifted => "gifted",
        }
    }

    /// Why `post` is not a measured paid post; `None` when it is one.
    pub fn of(post: &PostData) -> Option<ExclusionReason> {
        exclusion(&Fact::of(0, post))
    }
}

/// [`ExclusionReason::of`] over a post's facts.
fn exclusion(post: &Fact<'_>) -> Option<ExclusionReason> {
    if post.fee <= Decimal::ZERO {
        Some(ExclusionReason::Gifted)
    } else if post.metrics.impressions.unwrap_or(0) == 0 {
        Some(ExclusionReason::ImpressionsUnknown)
    } else {
        None
    }
}

impl fmt::Display for ExclusionReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ExclusionReason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A post left out of CPM statistics, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exclusion {
    pub id: i64,
    pub reason: ExclusionReason,
}

/// One group of a report: its key (one value per dimension, in `by` order) and figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    #[serde(serialize_with = "ser_key")]
    pub key: Vec<(Dimension, String)>,
    #[serde(flatten)]
    pub stats: Stats,
    /// The ids of the group's posts, in the order given (for "click a group → its posts").
    #[serde(skip)]
    pub post_ids: Vec<i64>,
}

impl Group {
    /// The value of one dimension of the key, if the report is grouped by it.
    pub fn value(&self, dim: Dimension) -> Option<&str> {
        self.key.iter().find(|(d, _)| *d == dim).map(|(_, v)| v.as_str())
    }
}

fn ser_key<S: Serializer>(key: &[(Dimension, String)], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(key.len()))?;
    for (d, v) in key {
        map.serialize_entry(d.as_str(), v)?;
    }
    map.end()
}

/// A report: groups sorted by key (values compared as text, in `by` order, by Unicode
/// code point), the total over every post given, and the excluded posts by id.
/// Serializes to exactly the JSON of `mille report --json` (cli.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub base_currency: String,
    pub by: Vec<Dimension>,
    pub groups: Vec<Group>,
    pub total: Stats,
    pub excluded: Vec<Exclusion>,
}

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
pub fn report_iter<'a>(
    posts: impl IntoIterator<Item = &'a Post>,
    by: &[Dimension],
    base_currency: &str,
) -> Report {
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
        Report {
            base_currency: base_currency.to_string(),
            by: dims,
            groups: out,
            total: total.finish(),
            excluded,
        }
    }
}

// ----- human table -------------------------------------------------------------------

/// Columns a character takes in a terminal: 2 for East Asian wide and full-width
/// characters (CJK, Hangul, full-width forms, most emoji), else 1. An approximation
/// of Unicode's East Asian Width that keeps brand names like `北斗 Audio` aligned.
fn char_width(c: char) -> usize {
    let c = c as u32;
    let wide = matches!(c,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// The report as an aligned table for people: one row per group (key columns, posts,
/// measured, fee, CPM, median, p25–p75, CTR, engagement rate, a `thin` mark), the total
/// row, then `excluded: N posts (…)`. Numbers are right-aligned; a figure with no data
/// is `—`.
pub fn render_table(report: &Report) -> String {
    let cur = report.base_currency.as_str();
    let mut header: Vec<String> = report.by.iter().map(|d| d.as_str().to_string()).collect();
    let label_col = header.is_empty();
    if label_col {
        header.push(String::new());
    }
    let keys = header.len();
    for h in ["posts", "measured", "fee", "CPM", "median", "p25–p75", "CTR", "eng.", ""] {
        header.push(h.to_string());
    }
    let row = |key: Vec<String>, s: &Stats| -> Vec<String> {
        let m = |v: Option<Decimal>| v.map_or_else(|| "—".to_string(), |d| money::display(d, cur, 2));
        let plain = |v: Option<Decimal>| v.map_or_else(|| "—".to_string(), |d| money::fixed(d, 2));
        let pct = |v: Option<Decimal>| {
            v.map_or_else(|| "—".to_string(), |d| format!("{} %", money::fixed(d * Decimal::ONE_HUNDRED, 2)))
        };
        let spread = match (s.cpm_p25, s.cpm_p75) {
            (Some(a), Some(b)) => format!("{}–{}", plain(Some(a)), plain(Some(b))),
            _ => "—".to_string(),
        };
        let mut r = key;
        r.extend([
            s.posts.to_string(),
            s.measured_posts.to_string(),
            money::display(s.fee, cur, 2),
            m(s.cpm),
            m(s.cpm_median),
            spread,
            pct(s.ctr),
            pct(s.engagement_rate),
            if s.thin { "thin".to_string() } else { String::new() },
        ]);
        r
    };
    let mut rows = vec![header];
    for g in &report.groups {
        let mut key: Vec<String> = g.key.iter().map(|(_, v)| v.clone()).collect();
        if label_col {
            key.push("all".to_string());
        }
        rows.push(row(key, &g.stats));
    }
    let mut total_key = vec![String::new(); keys];
    total_key[0] = "total".to_string();
    rows.push(row(total_key, &report.total));

    let ncol = rows[0].len();
    let width = |s: &str| s.chars().map(char_width).sum::<usize>();
    let widths: Vec<usize> =
        (0..ncol).map(|c| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for (ri, r) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let pad = " ".repeat(widths[c] - width(cell));
            // Key columns read left to right; numbers (and their headers) line up right.
            if c < keys || c == ncol - 1 {
                line.push_str(cell);
                line.push_str(&pad);
            } else {
                line.push_str(&pad);
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if ri == 0 || ri == rows.len() - 2 {
            let rule: usize = widths.iter().sum::<usize>() + 2 * (ncol - 1);
            out.push_str(&"─".repeat(rule));
            out.push('\n');
        }
    }
    let n = report.excluded.len();
    let mut reasons = Vec::new();
    for reason in [ExclusionReason::ImpressionsUnknown, ExclusionReason::Gifted] {
        let k = report.excluded.iter().filter(|e| e.reason == reason).count();
        if k > 0 {
            reasons.push(format!("{k} {reason}"));
        }
    }
    let noun = if n == 1 { "post" } else { "posts" };
    if reasons.is_empty() {
        out.push_str(&format!("excluded: {n} {noun}\n"));
    } else {
        out.push_str(&format!("excluded: {n} {noun} ({})\n", reasons.join(", ")));
    }
    if report.groups.iter().any(|g| g.stats.thin) || report.total.thin {
        out.push_str("thin: fewer than 3 measured posts behind the figures\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Metrics;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A USD post with the given impressions and nothing else reported.
    fn post(id: i64, date: &str, brand: &str, platform: Platform, format: &str, fee: Decimal, imps: Option<u64>) -> Post {
        Post {
            id,
            data: PostData {
                date: d(date),
                brand: brand.to_string(),
                platform,
                format: Format::parse(format).unwrap(),
                fee,
                currency: "USD".to_string(),
                fx_rate: None,
                metrics: Metrics { impressions: imps, ..Metrics::default() },
                campaign: String::new(),
                url: String::new(),
                notes: String::new(),
            },
        }
    }

    fn with(mut p: Post, f: impl FnOnce(&mut PostData)) -> Post {
        f(&mut p.data);
        p
    }

    fn s2(v: Option<Decimal>) -> Option<String> {
        v.map(|d| money::fixed(d, 2))
    }

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

    /// One instagram/reel Q4 group with every kind of post (see the arithmetic inline).
    fn reel_group() -> Vec<Post> {
        use Platform::Instagram as IG;
        vec![
            // CPM 1000/100000·1000 = 10; clicks, likes+comments, views reported
            with(post(1, "2025-11-14", "Acme", IG, "reel", dec!(1000), Some(100_000)), |p| {
                p.metrics.clicks = Some(500);
                p.metrics.likes = Some(3000);
                p.metrics.comments = Some(100);
                p.metrics.views = Some(50_000);
            }),
            // CPM 600/40000·1000 = 15; likes and saves only (missing parts count 0)
            with(post(2, "2025-10-01", "Acme", IG, "reel", dec!(600), Some(40_000)), |p| {
                p.metrics.likes = Some(1000);
                p.metrics.saves = Some(200);
            }),
            // €500 at 1.1 = $550; CPM 550/50000·1000 = 11; clicks and views, no engagement
            with(post(3, "2025-12-20", "Acme", IG, "reel", dec!(500), Some(50_000)), |p| {
                p.currency = "EUR".to_string();
                p.fx_rate = Some(dec!(1.1));
                p.metrics.clicks = Some(100);
                p.metrics.views = Some(10_000);
            }),
            // paid, impressions unknown
            post(4, "2025-11-30", "Acme", IG, "reel", dec!(300), None),
            // gifted and unmeasured: reason gifted
            post(5, "2025-11-02", "Acme", IG, "reel", dec!(0), None),
            // gifted with impressions: not measured, reason gifted
            post(6, "2025-12-01", "Acme", IG, "reel", dec!(0.00), Some(20_000)),
        ]
    }

    #[test]
    fn every_figure_of_a_group() {
        let r = report(&reel_group(), &Dimension::DEFAULT, "USD");
        assert_eq!(r.groups.len(), 1);
        let g = &r.groups[0];
        assert_eq!(g.value(Dimension::Platform), Some("instagram"));
        assert_eq!(g.value(Dimension::Season), Some("Q4"));
        let s = &g.stats;
        assert_eq!((s.posts, s.measured_posts), (6, 3));
        // 1000 + 600 + 550 + 300 + 0 + 0
        assert_eq!(s.fee, dec!(2450));
        // 100000 + 40000 + 50000
        assert_eq!(s.impressions, 190_000);
        // 2150 / 190000 · 1000 = 11.3157…
        assert_eq!(s2(s.cpm).as_deref(), Some("11.32"));
        // CPMs 10, 11, 15: median 11; p25 h=.5 → 10.5; p75 h=1.5 → 13
        assert_eq!(s.cpm_median, Some(dec!(11)));
        assert_eq!(s.cpm_p25, Some(dec!(10.5)));
        assert_eq!(s.cpm_p75, Some(dec!(13)));
        assert_eq!((s.cpm_min, s.cpm_max), (Some(dec!(10)), Some(dec!(15))));
        // clicks: posts 1, 3 → 600 / 150000 = 0.004; cpc (1000 + 550) / 600 = 2.583…
        assert_eq!(s.ctr, Some(dec!(0.004)));
        assert_eq!(s2(s.cpc).as_deref(), Some("2.58"));
        // engagement: posts 1 (3100), 2 (1200) → 4300 / 140000 = 0.030714…; cpe 1600/4300 = 0.372…
        assert_eq!(s.engagement_rate.map(|v| money::fixed(v, 4)).as_deref(), Some("0.0307"));
        assert_eq!(s2(s.cpe).as_deref(), Some("0.37"));
        // views: posts 1, 3 → 1550 / 60000 = 0.02583…
        assert_eq!(s2(s.cpv).as_deref(), Some("0.03"));
        assert!(!s.thin);
        assert_eq!(s.cpms, vec![dec!(10), dec!(11), dec!(15)]);
        assert_eq!(g.post_ids, vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(r.total, *s);
        let ex: Vec<(i64, &str)> = r.excluded.iter().map(|e| (e.id, e.reason.as_str())).collect();
        assert_eq!(ex, vec![(4, "impressions unknown"), (5, "gifted"), (6, "gifted")]);
    }

    #[test]
    fn json_is_exactly_the_cli_shape() {
        let mut posts = reel_group();
        // a second group, all figures null: one paid post without impressions (id 7)
        posts.push(post(7, "2024-02-03", "Böhm", Platform::Tiktok, "video", dec!(250), None));
        let r = report(&posts, &[Dimension::Season, Dimension::Platform], "USD");
        let json = serde_json::to_string(&r).unwrap();
        let want = concat!(
            r#"{"base_currency":"USD","by":["season","platform"],"groups":["#,
            r#"{"key":{"season":"Q1","platform":"tiktok"},"posts":1,"measured_posts":0,"fee":"250.00","impressions":0,"#,
            r#""cpm":null,"cpm_median":null,"cpm_p25":null,"cpm_p75":null,"cpm_min":null,"cpm_max":null,"#,
            r#""ctr":null,"engagement_rate":null,"cpe":null,"cpc":null,"cpv":null,"thin":true},"#,
            r#"{"key":{"season":"Q4","platform":"instagram"},"posts":6,"measured_posts":3,"fee":"2450.00","impressions":190000,"#,
            r#""cpm":"11.32","cpm_median":"11.00","cpm_p25":"10.50","cpm_p75":"13.00","cpm_min":"10.00","cpm_max":"15.00","#,
            r#""ctr":"0.0040","engagement_rate":"0.0307","cpe":"0.37","cpc":"2.58","cpv":"0.03","thin":false}],"#,
            // total: fee 2450 + 250; other figures as the reel group (id 7 is unmeasured)
            r#""total":{"posts":7,"measured_posts":3,"fee":"2700.00","impressions":190000,"#,
            r#""cpm":"11.32","cpm_median":"11.00","cpm_p25":"10.50","cpm_p75":"13.00","cpm_min":"10.00","cpm_max":"15.00","#,
            r#""ctr":"0.0040","engagement_rate":"0.0307","cpe":"0.37","cpc":"2.58","cpv":"0.03","thin":false},"#,
            r#""excluded":[{"id":4,"reason":"impressions unknown"},{"id":5,"reason":"gifted"},{"id":6,"reason":"gifted"},"#,
            r#"{"id":7,"reason":"impressions unknown"}]}"#,
        );
        assert_eq!(json, want);
    }

    #[test]
    fn nulls_thin_and_zero_denominators() {
        use Platform::Youtube as YT;
        let posts = vec![
            // CPM 500/25000·1000 = 20; clicks reported as 0, likes 0, views 0
            with(post(1, "2025-01-05", "A", YT, "short", dec!(500), Some(25_000)), |p| {
                p.metrics.clicks = Some(0);
                p.metrics.likes = Some(0);
                p.metrics.views = Some(0);
            }),
            // CPM 12.345 exactly: rounds half away from zero to 12.35
            with(post(2, "2025-01-06", "A", YT, "short", dec!(246.9), Some(20_000)), |p| {
                p.metrics.clicks = Some(1);
            }),
        ];
        let s = &report(&posts, &[], "USD").groups[0].stats;
        assert!(s.thin, "2 measured posts are thin evidence");
        // ctr 1 / 45000 = 0.0000222 → "0.0000"; cpc (500 + 246.9) / 1 = 746.90
        assert_eq!(s.ctr.map(|v| money::fixed(v, 4)).as_deref(), Some("0.0000"));
        assert_eq!(s2(s.cpc).as_deref(), Some("746.90"));
        // engagement reported but 0: rate 0 / 25000 = 0, cpe has denominator 0 → null
        assert_eq!(s.engagement_rate, Some(dec!(0)));
        assert_eq!(s.cpe, None);
        // views reported but 0: cpv null
        assert_eq!(s.cpv, None);
        // CPMs 12.345, 20: min rounds half away from zero
        assert_eq!(s2(s.cpm_min).as_deref(), Some("12.35"));
        // only post 2 with clicks: 1 / 20000 = 0.00005 → "0.0001"
        let s = &report(&posts[1..], &[], "USD").total;
        assert_eq!(s.ctr.map(|v| money::fixed(v, 4)).as_deref(), Some("0.0001"));
        assert_eq!((s.engagement_rate, s.cpe, s.cpv), (None, None, None));

        // no post at all: no group, a total of zeros and nulls
        let r = report(&[], &Dimension::DEFAULT, "EUR");
        assert!(r.groups.is_empty());
        assert_eq!((r.total.posts, r.total.impressions, r.total.fee), (0, 0, dec!(0)));
        assert_eq!((r.total.cpm, r.total.cpm_median, r.total.ctr), (None, None, None));
        assert!(r.total.thin);
    }

    #[test]
    fn foreign_fees_convert_at_full_precision() {
        // £333.33 × 1.2701 = 423.3291 + 0.033333 = $423.362433; CPM over 1000 impressions = 423.362433
        // €99.99 × 1.0853 = $108.519147; CPM over 10000 impressions = 10.8519147
        let posts = vec![
            with(post(1, "2025-03-01", "A", Platform::Newsletter, "sponsorship", dec!(333.33), Some(1000)), |p| {
                p.currency = "GBP".into();
                p.fx_rate = Some(dec!(1.2701));
            }),
            with(post(2, "2025-03-02", "A", Platform::Newsletter, "sponsorship", dec!(99.99), Some(10_000)), |p| {
                p.currency = "EUR".into();
                p.fx_rate = Some(dec!(1.0853));
            }),
        ];
        let s = report(&posts, &[], "USD").total;
        // 423.362433 + 108.519147
        assert_eq!(s.fee, dec!(531.881580));
        assert_eq!(money::fixed(s.fee, 2), "531.88");
        assert_eq!(s.cpms, vec![dec!(10.8519147), dec!(423.362433)]);
        // 531.88158 / 11000 · 1000 = 48.3528…
        assert_eq!(s2(s.cpm).as_deref(), Some("48.35"));
        // median of two: (10.8519147 + 423.362433) / 2 = 217.10717385 → 217.11
        assert_eq!(s2(s.cpm_median).as_deref(), Some("217.11"));
    }

    #[test]
    fn dimension_values_of_2025_11_14() {
        let p = post(1, "2025-11-14", "Café Ünal", Platform::Instagram, "Reels", dec!(1), Some(1));
        for (dim, want) in [
            (Dimension::Platform, "instagram"),
            (Dimension::Format, "reel"),
            (Dimension::Brand, "Café Ünal"),
            (Dimension::Season, "Q4"),
            (Dimension::Quarter, "2025-Q4"),
            (Dimension::Year, "2025"),
            (Dimension::Month, "2025-11"),
        ] {
            assert_eq!(dim.value(&p), want, "{dim}");
        }
        // quarter boundaries
        for (date, season, month) in [
            ("2024-01-01", "Q1", "2024-01"),
            ("2024-03-31", "Q1", "2024-03"),
            ("2024-04-01", "Q2", "2024-04"),
            ("2024-09-30", "Q3", "2024-09"),
            ("2024-10-01", "Q4", "2024-10"),
            ("2024-12-31", "Q4", "2024-12"),
        ] {
            let p = post(1, date, "A", Platform::X, "post", dec!(1), None);
            assert_eq!(Dimension::Season.value(&p), season);
            assert_eq!(Dimension::Month.value(&p), month);
        }
    }

    #[test]
    fn groups_sort_by_key_text_in_by_order() {
        use Platform::*;
        let brands = ["Zeta", "Ärla", "apple", "Émile", "Øko", "Bravo", "北海道", "Zeta "];
        let posts: Vec<Post> = brands
            .iter()
            .enumerate()
            .map(|(i, b)| post(i as i64 + 1, "2025-01-01", b, Instagram, "post", dec!(100), Some(1000)))
            .collect();
        let r = report(&posts, &[Dimension::Brand], "USD");
        let got: Vec<&str> = r.groups.iter().map(|g| g.key[0].1.as_str()).collect();
        // code points: B 42, Z 5A ("Zeta" before "Zeta "), a 61, Ä C4, É C9, Ø D8, 北 5317
        assert_eq!(got, ["Bravo", "Zeta", "Zeta ", "apple", "Ärla", "Émile", "Øko", "北海道"]);

        // two dimensions: format first, then platform; months and years sort as text
        let posts = vec![
            post(1, "2025-11-01", "A", Tiktok, "video", dec!(1), Some(1)),
            post(2, "2025-02-01", "A", Youtube, "short", dec!(1), Some(1)),
            post(3, "2024-12-01", "A", Instagram, "video", dec!(1), Some(1)),
            post(4, "2025-02-03", "A", Instagram, "story", dec!(1), Some(1)),
        ];
        let r = report(&posts, &[Dimension::Format, Dimension::Platform], "USD");
        let got: Vec<Vec<&str>> = r.groups.iter().map(|g| g.key.iter().map(|(_, v)| v.as_str()).collect()).collect();
        assert_eq!(got, [["short", "youtube"], ["story", "instagram"], ["video", "instagram"], ["video", "tiktok"]]);
        let r = report(&posts, &[Dimension::Month], "USD");
        let got: Vec<&str> = r.groups.iter().map(|g| g.key[0].1.as_str()).collect();
        assert_eq!(got, ["2024-12", "2025-02", "2025-11"]);
        assert_eq!(r.groups[1].stats.posts, 2);
        // a repeated dimension counts once
        let r = report(&posts, &[Dimension::Year, Dimension::Year], "USD");
        assert_eq!(r.by, [Dimension::Year]);
        assert_eq!(r.groups.len(), 2);
    }

    #[test]
    fn dimension_names() {
        assert_eq!("platform".parse::<Dimension>(), Ok(Dimension::Platform));
        assert_eq!(" Brand ".parse::<Dimension>(), Ok(Dimension::Brand));
        let err = "platfrom".parse::<Dimension>().unwrap_err().to_string();
        assert!(err.contains("platfrom") && err.contains("season, brand, quarter, month, year"), "{err}");
        assert_eq!(
            Dimension::parse_list("brand, year"),
            Ok(vec![Dimension::Brand, Dimension::Year])
        );
        assert!(matches!(Dimension::parse_list("brand,,year"), Err(DimensionError::Empty { .. })));
        assert!(matches!(Dimension::parse_list("year,Year"), Err(DimensionError::Repeated { .. })));
        for dim in Dimension::ALL {
            assert_eq!(dim.as_str().parse::<Dimension>(), Ok(dim));
        }
    }

    #[test]
    fn filter_criteria() {
        let p = post(1, "2025-06-15", "  Café Lumière ", Platform::Youtube, "integration", dec!(1), None);
        let f = |g: fn(&mut Filter)| {
            let mut f = Filter::default();
            g(&mut f);
            f.matches(&p)
        };
        assert!(f(|_| {}));
        assert!(f(|f| f.from = Some(d("2025-06-15"))), "from is inclusive");
        assert!(f(|f| f.to = Some(d("2025-06-15"))), "to is inclusive");
        assert!(!f(|f| f.from = Some(d("2025-06-16"))));
        assert!(!f(|f| f.to = Some(d("2025-06-14"))));
        assert!(f(|f| f.platform = Some(Platform::Youtube)));
        assert!(!f(|f| f.platform = Some(Platform::Tiktok)));
        assert!(f(|f| f.format = Format::parse("integration")));
        assert!(!f(|f| f.format = Format::parse("dedicated")));
        assert!(f(|f| f.brand = Some("café lumière".into())), "case-insensitive");
        assert!(f(|f| f.brand = Some(" CAFÉ LUMIÈRE  ".into())), "trimmed, Unicode case");
        assert!(!f(|f| f.brand = Some("Café".into())), "whole name, not a substring");

        let posts = vec![p.clone(), post(2, "2025-07-01", "B", Platform::Youtube, "short", dec!(5), Some(100))];
        let filter = Filter { brand: Some("b".into()), ..Filter::default() };
        let r = report_filtered(&posts, &filter, &[Dimension::Brand], "USD");
        assert_eq!(r.total.posts, 1);
        assert_eq!(r.groups[0].key[0].1, "B");
        assert!(r.excluded.is_empty(), "the filtered-out post is not listed as excluded");
    }

    #[test]
    fn human_table() {
        let mut posts = reel_group();
        posts.push(post(7, "2024-02-03", "Böhm", Platform::Tiktok, "video", dec!(1250), None));
        let r = report(&posts, &[Dimension::Platform, Dimension::Format], "USD");
        let t = render_table(&r);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "platform   format  posts  measured        fee     CPM  median      p25–p75     CTR    eng.");
        assert_eq!(lines[2], "instagram  reel        6         3  $2,450.00  $11.32  $11.00  10.50–13.00  0.40 %  3.07 %");
        assert_eq!(lines[3], "tiktok     video       1         0  $1,250.00       —       —            —       —       —  thin");
        assert_eq!(lines[5], "total                  7         3  $3,700.00  $11.32  $11.00  10.50–13.00  0.40 %  3.07 %");
        assert_eq!(lines[6], "excluded: 4 posts (2 impressions unknown, 2 gifted)");
        // every row has the same width up to the thin column (right-aligned numbers)
        let end = |l: &str| l.chars().count();
        assert_eq!(end(lines[2]), end(lines[5]));
        assert!(t.contains("thin: fewer than 3 measured posts"));

        // wide characters take two columns: the posts column still lines up
        let posts = vec![
            post(1, "2025-01-01", "北斗 Audio", Platform::Tiktok, "video", dec!(100), Some(1000)),
            post(2, "2025-01-01", "Zoë", Platform::Tiktok, "video", dec!(100), Some(1000)),
        ];
        let t = render_table(&report(&posts, &[Dimension::Brand], "EUR"));
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[2], "Zoë             1         1  €100.00  €100.00  €100.00  100.00–100.00    —     —  thin");
        assert_eq!(lines[3], "北斗 Audio      1         1  €100.00  €100.00  €100.00  100.00–100.00    —     —  thin");
        assert_eq!(lines[6], "excluded: 0 posts");
    }

    #[test]
    fn a_report_built_in_parts_and_merged_is_the_report_of_the_whole() {
        use crate::sample::{generate, SampleOptions};
        let posts: Vec<Post> = generate(&SampleOptions { rows: 400, seed: 11, ..SampleOptions::default() })
            .into_iter()
            .enumerate()
            .map(|(i, data)| Post { id: i as i64 + 1, data })
            .collect();
        let dims: [&[Dimension]; 4] =
            [&Dimension::DEFAULT, &[Dimension::Brand, Dimension::Month], &[Dimension::Year, Dimension::Format], &[]];
        for by in dims {
            let whole = report(&posts, by, "USD");
            // Cut points that leave a part empty, one post, and uneven halves; the parts
            // meet brands and formats in different orders, so their interned names differ.
            for cuts in [vec![0], vec![1], vec![150, 151, 399], vec![57, 200, 380]] {
                let mut bounds = vec![0];
                bounds.extend(cuts);
                bounds.push(posts.len());
                let mut parts = bounds.windows(2).map(|w| {
                    let mut r = Reporter::new(by);
                    posts[w[0]..w[1]].iter().rev().for_each(|p| r.add(&Fact::of(p.id, &p.data)));
                    r
                });
                let mut merged = parts.next().unwrap();
                parts.for_each(|p| merged.merge(p));
                let merged = merged.finish("USD");
                // The figures and the excluded list are those of the whole; only the
                // order of each group's post ids follows the order the posts came in.
                assert_eq!(serde_json::to_value(&merged).unwrap(), serde_json::to_value(&whole).unwrap(), "{by:?}");
                for (m, w) in merged.groups.iter().zip(&whole.groups) {
                    assert_eq!(m.stats.cpms, w.stats.cpms);
                    let mut ids = m.post_ids.clone();
                    ids.sort_unstable();
                    assert_eq!(ids, w.post_ids);
                }
                assert_eq!(merged.total.cpms, whole.total.cpms);
            }
        }
    }
}

#[cfg(test)]
mod bench {
    /// `cargo test --lib metrics::bench -- --ignored --nocapture` (optimised build):
    /// sample and report over a million posts.
    #[test]
    #[ignore = "timing, run by hand"]
    fn million_posts() {
        use super::*;
        use crate::sample::{generate, SampleOptions};
        let t = std::time::Instant::now();
        let data = generate(&SampleOptions { rows: 1_000_000, seed: 3, ..SampleOptions::default() });
        eprintln!("generate: {:?}", t.elapsed());
        let posts: Vec<Post> = data.into_iter().enumerate().map(|(i, data)| Post { id: i as i64 + 1, data }).collect();
        for by in [&Dimension::DEFAULT[..], &[Dimension::Brand, Dimension::Month][..], &[][..]] {
            let t = std::time::Instant::now();
            let r = report(&posts, by, "USD");
            eprintln!("report {by:?}: {:?} ({} groups)", t.elapsed(), r.groups.len());
            let t = std::time::Instant::now();
            let json = serde_json::to_string(&r).map(|s| s.len());
            eprintln!("json: {:?} {json:?}", t.elapsed());
        }
    }
}
