//! A generated creator history with a known truth (sample-data.md): the posts behind the
//! app's "Try with sample data", tests and benchmarks at any size, and the backtest's
//! check of the pricing method against the model that made the data.
//!
//! Same seed, same posts, on every platform: the generator is this module's own
//! xoshiro256** (seeded by splitmix64) and its transcendental functions come from the
//! pure-Rust `libm` crate (only IEEE basic operations, no platform maths library). The
//! random draws are `f64`; every money field ends as an exact `Decimal` built from
//! whole numbers (fees rounded to 25 in USD, fx rates to 4 places, converted fees to
//! cents). Posts come out sorted by date: the dates are drawn first as a count per day
//! (a multinomial, no list of a million dates is kept), then each post is made in date
//! order, so [`generate_each`] streams any number of rows in constant memory.

pub mod deals;

use crate::model::{Format, Metrics, Platform, PostData};
use crate::money;
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

/// The most posts one sample generates (ten million: ten times the largest benchmark).
pub const MAX_ROWS: usize = 10_000_000;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleOptions {
    pub rows: usize,
    pub seed: u64,
    /// First possible date (inclusive).
    pub start: NaiveDate,
    /// Last possible date (inclusive).
    pub end: NaiveDate,
}

/// The default first date: 2023-01-01.
pub const DEFAULT_START: NaiveDate = match NaiveDate::from_ymd_opt(2023, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The default last date: 2026-10-31.
pub const DEFAULT_END: NaiveDate = match NaiveDate::from_ymd_opt(2026, 10, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

impl Default for SampleOptions {
    /// 160 posts (the app's "Try with sample data"), seed 1, 2023-01-01 ..= 2026-10-31.
    fn default() -> Self {
        SampleOptions { rows: 160, seed: 1, start: DEFAULT_START, end: DEFAULT_END }
    }
}

impl SampleOptions {
    /// Checks the date range (`start` ≤ `end`). [`generate`] makes no post when it is
    /// empty; a front end should call this first to say why.
    pub fn check(&self) -> Result<(), SampleError> {
        if self.end < self.start {
            return Err(SampleError::EmptyRange { start: self.start, end: self.end });
        }
        Ok(())
    }
}

/// Options that cannot give a sample.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SampleError {
    #[error("the sample's end date {end} is before its start date {start}")]
    EmptyRange { start: NaiveDate, end: NaiveDate },
}

/// One platform/format of the model (sample-data.md's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub platform: Platform,
    pub format: &'static str,
    /// Relative frequency (out of the sum of all weights, 67).
    pub weight: u32,
    /// Base CPM in USD.
    pub base_cpm: u32,
    /// Typical impressions of a post at the start date.
    pub typical_impressions: u64,
}

/// The model's segments, with their weights, base CPMs and typical impressions.
pub const SEGMENTS: [Segment; 10] = [
    seg(Platform::Instagram, "reel", 14, 14, 42_000),
    seg(Platform::Instagram, "story", 10, 9, 11_000),
    seg(Platform::Instagram, "post", 5, 11, 18_000),
    seg(Platform::Instagram, "carousel", 4, 12, 21_000),
    seg(Platform::Tiktok, "video", 16, 8, 65_000),
    seg(Platform::Youtube, "integration", 6, 22, 38_000),
    seg(Platform::Youtube, "dedicated", 2, 30, 52_000),
    seg(Platform::Youtube, "short", 5, 6, 90_000),
    seg(Platform::Newsletter, "sponsorship", 3, 45, 9_000),
    seg(Platform::Podcast, "midroll", 2, 25, 7_000),
];

const fn seg(platform: Platform, format: &'static str, weight: u32, base_cpm: u32, typical: u64) -> Segment {
    Segment { platform, format, weight, base_cpm, typical_impressions: typical }
}

/// The season multiplier of a calendar quarter (1-4), in hundredths: Q1 0.82, Q2 0.95,
/// Q3 1.00, Q4 1.32.
pub fn season_multiplier(quarter: u32) -> Decimal {
    Decimal::new(SEASON_HUNDREDTHS[(quarter.clamp(1, 4) - 1) as usize], 2)
}

const SEASON_HUNDREDTHS: [i64; 4] = [82, 95, 100, 132];

/// Yearly CPM growth of the model (true CPM × (1 + 0.05 t)).
pub const CPM_GROWTH: f64 = 0.05;
/// Yearly audience growth of the model (expected impressions × (1 + 0.18 t)).
pub const AUDIENCE_GROWTH: f64 = 0.18;
/// σ of the true CPM's lognormal noise.
pub const CPM_SIGMA: f64 = 0.22;
/// σ of delivered impressions around what was expected.
pub const DELIVERY_SIGMA: f64 = 0.35;

/// The brands deals come from, most frequent first (Zipf-like weights). Non-ASCII names
/// and one with a quote and a comma exercise every writer and reader of the CSV.
pub const BRANDS: [&str; 24] = [
    "Lumière Skincare",
    "Nordhavn Coffee",
    "Glow Labs",
    "Trail & Pine",
    "Brauhaus Müller",
    "Señora Salsa",
    "Ørsted Outdoor",
    "Acme \"Best\", Inc.",
    "Zoë & Co",
    "Kōhī Roasters",
    "ByteBox",
    "Łąka Naturals",
    "Juniper Travel",
    "Crème de la Crème",
    "北斗 Audio",
    "Ça Va Bikes",
    "Finch Finance",
    "Moss Mobile",
    "Verde Meals",
    "Pixel Forge",
    "Helio Sun Care",
    "Atlas Luggage",
    "Smørrebrød Studio",
    "Peak Protein",
];

const NOTES: [&str; 10] = [
    "usage rights 30 days",
    "whitelisting 60 days, paid in 2 parts",
    "rush: 5-day turnaround",
    "link in bio for 7 days",
    "exclusivity 30 days (category)",
    "invoice paid late",
    "bundle with 2 stories",
    "repeat client – 10 % loyalty discount",
    "brief changed twice, approved by email",
    "négocié en direct, pas d'agence",
];

const THEMES: [[&str; 3]; 4] = [
    ["New Year Reset", "Winter Launch", "Valentine's"],
    ["Spring Refresh", "Mother's Day", "Summer Preview"],
    ["Summer Drop", "Back to School", "Festival Season"],
    ["Holiday Gift Guide", "Black Friday", "Year-End"],
];

/// Foreign currencies: (code, base units per unit around which the rate moves, share
/// of all posts). Together about 15 %.
const FOREIGN: [(&str, f64, f64); 3] = [("EUR", 1.08, 0.07), ("GBP", 1.27, 0.05), ("CAD", 0.74, 0.03)];

/// Share of posts without any metrics.
const UNMEASURED_SHARE: f64 = 0.05;

/// The sample, sorted by date. `opts.rows` posts; none when `start` > `end`.
pub fn generate(opts: &SampleOptions) -> Vec<PostData> {
    let mut out = Vec::with_capacity(if opts.end < opts.start { 0 } else { opts.rows });
    generate_each(opts, |p| out.push(p));
    out
}

/// The posts of [`generate`], one at a time in date order, without keeping them.
pub fn generate_each(opts: &SampleOptions, mut each: impl FnMut(PostData)) {
    if opts.end < opts.start || opts.rows == 0 {
        return;
    }
    let days = (opts.end - opts.start).num_days() as u64 + 1;
    // Pass 1: how many posts fall on each day (uniform dates, kept only as counts).
    let mut counts = vec![0u32; days as usize];
    let mut dates = Rng::new(opts.seed, 1);
    for _ in 0..opts.rows {
        counts[dates.below(days) as usize] += 1;
    }
    // Pass 2: the posts, day by day.
    let mut rng = Rng::new(opts.seed, 2);
    for (offset, &n) in counts.iter().enumerate() {
        let Some(date) = opts.start.checked_add_days(Days::new(offset as u64)) else {
            return;
        };
        for _ in 0..n {
            if let Some(post) = make_post(&mut rng, date, offset as f64 / 365.25) {
                each(post);
            }
        }
    }
}

/// One post of the model on `date`, `t` years after the start. (`None` only if a
/// segment's format slug were empty, which none is.)
fn make_post(rng: &mut Rng, date: NaiveDate, t: f64) -> Option<PostData> {
    let seg = pick_segment(rng);
    let format = Format::parse(seg.format)?;
    let quarter = (date.month() - 1) / 3 + 1;
    let season = SEASON_HUNDREDTHS[(quarter - 1) as usize] as f64 / 100.0;
    let true_cpm = seg.base_cpm as f64 * season * (1.0 + CPM_GROWTH * t) * libm::exp(rng.normal() * CPM_SIGMA);
    let expected = seg.typical_impressions as f64 * (1.0 + AUDIENCE_GROWTH * t);
    let delivered = (expected * libm::exp(rng.normal() * DELIVERY_SIGMA)).round().max(1.0) as u64;
    let fee_usd = ((true_cpm * expected / 1000.0 / 25.0).round() * 25.0).max(25.0) as u64;
    let fee_usd = Decimal::from(fee_usd);

    let (fee, currency, fx_rate) = {
        let u = rng.f64();
        let mut acc = 0.0;
        let mut chosen = None;
        for (code, center, share) in FOREIGN {
            acc += share;
            if chosen.is_none() && u < acc {
                chosen = Some((code, center));
            }
        }
        match chosen {
            None => (fee_usd, "USD".to_string(), None),
            Some((code, center)) => {
                // A rate that wanders a few percent around its usual level, 4 places.
                let rate = (center * libm::exp(rng.normal() * 0.025) * 10_000.0).round() as i64;
                let rate = Decimal::new(rate.max(1), 4);
                let mut fee = money::round(fee_usd / rate, 2);
                fee.rescale(2);
                (fee, code.to_string(), Some(rate))
            }
        }
    };

    let metrics = if rng.f64() < UNMEASURED_SHARE { Metrics::default() } else { make_metrics(rng, seg, delivered) };

    let brand = pick_brand(rng).to_string();
    let theme = THEMES[(quarter - 1) as usize][rng.below(3) as usize];
    let campaign = format!("{theme} {}", date.year());
    let url = make_url(rng, seg);
    let notes =
        if rng.f64() < 0.12 { NOTES[rng.below(NOTES.len() as u64) as usize].to_string() } else { String::new() };
    Some(PostData {
        date,
        brand,
        platform: seg.platform,
        format,
        fee,
        currency,
        fx_rate,
        metrics,
        campaign,
        url,
        notes,
    })
}

fn pick_segment(rng: &mut Rng) -> Segment {
    let total: u32 = SEGMENTS.iter().map(|s| s.weight).sum();
    let mut x = rng.below(u64::from(total)) as u32;
    for s in SEGMENTS {
        if x < s.weight {
            return s;
        }
        x -= s.weight;
    }
    SEGMENTS[0]
}

/// Brand i has weight 1 / (i + 2): a few regular clients and a long tail.
fn pick_brand(rng: &mut Rng) -> &'static str {
    let total: f64 = (0..BRANDS.len()).map(|i| 1.0 / (i as f64 + 2.0)).sum();
    let mut x = rng.f64() * total;
    for (i, b) in BRANDS.iter().enumerate() {
        let w = 1.0 / (i as f64 + 2.0);
        if x < w {
            return b;
        }
        x -= w;
    }
    BRANDS[BRANDS.len() - 1]
}

fn is_video(format: &str) -> bool {
    matches!(format, "reel" | "video" | "integration" | "dedicated" | "short")
}

/// Reach, views, engagement and clicks as plausible fractions of impressions.
fn make_metrics(rng: &mut Rng, seg: Segment, imps: u64) -> Metrics {
    let n = imps as f64;
    let frac = |rng: &mut Rng, mean: f64, sigma: f64| -> u64 {
        ((n * mean * libm::exp(rng.normal() * sigma)).round().max(0.0) as u64).min(imps)
    };
    let mut m = Metrics { impressions: Some(imps), ..Metrics::default() };
    let social = matches!(seg.platform, Platform::Instagram | Platform::Tiktok | Platform::Youtube);
    if seg.platform != Platform::Podcast {
        m.reach = Some(((n * rng.uniform(0.55, 0.92)).round() as u64).min(imps));
    }
    if is_video(seg.format) {
        m.views = Some(((n * rng.uniform(0.45, 0.9)).round() as u64).min(imps));
    }
    // Social posts report likes, comments, shares (and saves on Instagram), now and
    // then with a part missing; some report none at all.
    if social && rng.f64() >= 0.04 {
        let rate = match (seg.platform, seg.format) {
            (_, "story") => 0.012,
            (Platform::Tiktok, _) => 0.055,
            (Platform::Youtube, _) => 0.03,
            _ => 0.038,
        };
        let total = frac(rng, rate, 0.3) as f64;
        let instagram = seg.platform == Platform::Instagram;
        let (likes, comments, shares, saves) = if instagram { (0.8, 0.06, 0.08, 0.06) } else { (0.8, 0.07, 0.13, 0.0) };
        m.likes = Some((total * likes).round() as u64);
        m.comments = (rng.f64() >= 0.08).then(|| (total * comments).round() as u64);
        m.shares = (rng.f64() >= 0.15).then(|| (total * shares).round() as u64);
        if instagram {
            m.saves = Some((total * saves).round() as u64);
        }
    }
    let (p_clicks, ctr) = match (seg.platform, seg.format) {
        (_, "story") => (0.85, 0.008),
        (Platform::Newsletter, _) => (1.0, 0.035),
        (Platform::Podcast, _) => (0.7, 0.004),
        (Platform::Youtube, _) => (0.75, 0.006),
        (Platform::Instagram, _) => (0.4, 0.003),
        _ => (0.3, 0.002),
    };
    if rng.f64() < p_clicks {
        m.clicks = Some(frac(rng, ctr, 0.35));
    }
    m
}

const ID_CHARS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A link to the live post; its random id makes every row distinct for import's
/// duplicate rule.
fn make_url(rng: &mut Rng, seg: Segment) -> String {
    let mut bits = rng.next_u64();
    let id: String = (0..11)
        .map(|_| {
            let c = ID_CHARS[(bits & 63) as usize] as char;
            bits >>= 6;
            c
        })
        .collect();
    match (seg.platform, seg.format) {
        (Platform::Instagram, "reel") => format!("https://www.instagram.com/reel/{id}/"),
        (Platform::Instagram, "story") => {
            format!("https://www.instagram.com/stories/sample.creator/{}/", rng.next_u64() >> 4)
        }
        (Platform::Instagram, _) => format!("https://www.instagram.com/p/{id}/"),
        (Platform::Tiktok, _) => format!("https://www.tiktok.com/@sample.creator/video/{}", rng.next_u64() >> 2),
        (Platform::Youtube, "short") => format!("https://www.youtube.com/shorts/{id}"),
        (Platform::Youtube, _) => format!("https://www.youtube.com/watch?v={id}"),
        (Platform::Newsletter, _) => {
            format!("https://newsletter.example.com/p/{}", id.to_lowercase())
        }
        _ => format!("https://podcast.example.com/episodes/{}", rng.next_u64() >> 40),
    }
}

/// xoshiro256** with a splitmix64 seed: small, fast, and the same numbers everywhere.
/// Floating-point draws are `f64` (only for the model's randomness, never for money).
struct Rng {
    s: [u64; 4],
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator for one `stream` of a seed (streams are independent sequences).
    fn new(seed: u64, stream: u64) -> Rng {
        let mut st = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let s = [splitmix64(&mut st), splitmix64(&mut st), splitmix64(&mut st), splitmix64(&mut st)];
        Rng { s }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1), 53 bits.
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// Uniform in 0..n (n > 0), without modulo bias (Lemire's method).
    fn below(&mut self, n: u64) -> u64 {
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// Standard normal by Box–Muller (one value per call, the pair's sine half unused,
    /// which keeps the stream simple to reason about).
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.f64(); // (0, 1]: ln is finite
        let u2 = self.f64();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
    }
}

#[cfg(test)]
mod tests;
