//! A property test over the extremes the input reader lets through: random histories
//! and requests built from the bounds' edges (fees of 10^12 and 10^-10, an exchange
//! rate of 10^7, one impression or 10^12, dates in 1900 and 2200, 1,000 units a line)
//! go through the reader, the report over every grouping, pricing, the backtest and
//! the rate card. Nothing may panic; every refusal is an error value.
//!
//! The generator is a small xorshift seeded per case, so a failing case names its seed
//! and replays with `MILLE_EXTREMES_SEED=<seed>`.

use chrono::NaiveDate;
use mille::fx::Rates;
use mille::input::{self, bounds, DeliverableForm, PostForm, RequestForm};
use mille::metrics::{self, Dimension};
use mille::model::{Platform, Post, Profile};
use mille::pricing::{self, Settings};
use mille::ratecard::{self, CardOptions};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, of: &[&'a str]) -> &'a str {
        of[self.below(of.len() as u64) as usize]
    }
}

const DATES: &[&str] =
    &["1900-01-01", "1900-02-28", "1999-12-31", "2024-02-29", "2025-06-30", "2026-12-31", "2200-12-30", "2200-12-31"];
const FEES: &[&str] = &["0", "0.0000000001", "1", "999999999999.9999999999", "1000000000000", "1250.00", "3"];
const COUNTS: &[&str] = &["", "0", "1", "999999999999", "1000000000000", "48000"];
const RATES: &[&str] = &["", "10000000", "0.000001", "1.0557"];
const QUANTITIES: &[&str] = &["1", "1000", "999", "7"];
const DAYS: &[&str] = &["", "0", "36500", "30"];

/// A day of `year` or the year before it (so that a case's posts fall in pricing's
/// windows), or now and then one of the edge dates.
fn near(rng: &mut Rng, year: i32) -> String {
    if rng.below(8) == 0 {
        return rng.pick(DATES).to_string();
    }
    let y = (year - rng.below(2) as i32).clamp(1900, 2200);
    format!("{y}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))
}

fn history(rng: &mut Rng, year: i32, base: &str, rates: &Rates) -> Vec<Post> {
    let n = 1 + rng.below(60);
    let mut posts = Vec::new();
    for id in 0..n {
        let foreign = rng.below(3) == 0;
        let form = PostForm {
            date: Some(near(rng, year)),
            brand: Some(rng.pick(&["A", "B", "Ünïcode 品牌", "x"]).into()),
            platform: Some(rng.pick(&["instagram", "instagram", "tiktok", "youtube"]).into()),
            format: Some(rng.pick(&["reel", "reel", "video", "custom-thing"]).into()),
            fee: Some(rng.pick(FEES).into()),
            currency: Some(if foreign { "GBP".into() } else { String::new() }),
            fx_rate: Some(if foreign { rng.pick(&RATES[1..]).into() } else { String::new() }),
            counts: std::array::from_fn(|_| Some(rng.pick(COUNTS).to_string())),
            ..PostForm::default()
        };
        // The reader decides; a refusal is fine, a panic is not.
        if let Ok(data) = input::post(&form, None, base, rates) {
            posts.push(Post { id: id as i64 + 1, data });
        }
    }
    posts
}

fn request(rng: &mut Rng, year: i32, base: &str) -> Result<pricing::Request, input::InputError> {
    let lines = 1 + rng.below(3) as usize;
    let form = RequestForm {
        deliverables: (0..lines)
            .map(|_| DeliverableForm {
                platform: rng.pick(&["instagram", "tiktok", "youtube"]).into(),
                format: rng.pick(&["reel", "video", "story"]).into(),
                quantity: rng.pick(QUANTITIES).into(),
                impressions: rng.pick(&["", "1", "1000000000000"]).into(),
            })
            .collect(),
        date: near(rng, year + 1),
        usage_rights: rng.pick(&["", "perpetual", "36500", "0"]).into(),
        exclusivity: rng.pick(DAYS).into(),
        whitelisting: rng.pick(DAYS).into(),
        rush: rng.below(2) == 0,
        offer: rng.pick(&["", "0", "1000000000000", "0.0000000001"]).into(),
        ..RequestForm::default()
    };
    let as_of = NaiveDate::parse_from_str(&near(rng, year + 1), "%Y-%m-%d").unwrap();
    input::request(&form, base, as_of)
}

fn one_case(seed: u64, rates: &Rates) {
    let mut rng = Rng(seed.max(1));
    let base = "USD";
    let year = [1901, 2025, 2200][rng.below(3) as usize];
    let posts = history(&mut rng, year, base, rates);
    let dims = Dimension::ALL;
    let by: Vec<Dimension> = (0..rng.below(3)).map(|_| dims[rng.below(dims.len() as u64) as usize]).collect();
    let mut by = by;
    by.dedup();
    let report = metrics::report(&posts, &by, base);
    let _ = serde_json::to_string(&report).unwrap();
    let settings = Settings::default();
    for _ in 0..3 {
        if let Ok(req) = request(&mut rng, year, base) {
            if let Ok(p) = pricing::propose(&posts, &settings, &req, base) {
                let _ = serde_json::to_string(&p).unwrap();
                let _ = pricing::render_proposal(&p);
            }
        }
    }
    let _ = pricing::backtest(&posts, &settings, 1 + rng.below(24) as u32);
    let as_of = NaiveDate::parse_from_str(&near(&mut rng, year + 1), "%Y-%m-%d").unwrap();
    let opts = CardOptions { date: None, as_of, how_i_price: true, performance: true };
    let specs: Vec<ratecard::PackageSpec> = pricing::default_packages(&posts, as_of)
        .into_iter()
        .map(|package| ratecard::PackageSpec { package, recommended: false })
        .collect();
    let _ = ratecard::build_from(&Profile::default(), &settings, &posts, &specs, &opts);
}

#[test]
fn no_extreme_the_reader_lets_through_makes_anything_panic() {
    let rates = Rates::bundled();
    let seeds: Vec<u64> = match std::env::var("MILLE_EXTREMES_SEED") {
        Ok(s) => vec![s.parse().expect("a seed")],
        Err(_) => (1..=400u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect(),
    };
    for seed in seeds {
        let r = std::panic::catch_unwind(|| one_case(seed, &rates));
        assert!(r.is_ok(), "case {seed} panicked; replay it with MILLE_EXTREMES_SEED={seed}");
    }
}

#[test]
fn the_rate_card_typesets_on_the_last_and_first_days_mille_takes() {
    // The typst date code meets the bounds' edges (a card dated 2200-12-31).
    let rates = Rates::bundled();
    let mut posts = Vec::new();
    for (i, d) in ["2200-01-10", "2200-03-10", "2200-06-10", "2200-09-10"].iter().enumerate() {
        let form = PostForm {
            date: Some(d.to_string()),
            brand: Some("A".into()),
            platform: Some("instagram".into()),
            format: Some("reel".into()),
            fee: Some("1250".into()),
            counts: [Some("48000".into()), None, None, None, None, None, None, None],
            ..PostForm::default()
        };
        posts.push(Post { id: i as i64 + 1, data: input::post(&form, None, "USD", &rates).unwrap() });
    }
    let settings = Settings::default();
    let as_of = bounds::last_day();
    let opts = CardOptions { date: Some(as_of), as_of, how_i_price: true, performance: true };
    let profile = Profile { name: "Maya".into(), ..Profile::default() };
    let card = ratecard::build_from(&profile, &settings, &posts, &[], &opts).unwrap();
    let pdf = ratecard::render_pdf(&card, None).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(card.rates[0].platform, Platform::Instagram.as_str());
}
