//! Rate card speed (criterion): building the card's data from a 600-post and a
//! 10,000-post sample history, and typesetting it to PDF and to a preview PNG
//! in-process, warm (fonts parsed, typst's caches primed by the first iteration).
//! Goal: a card renders in under 300 ms. Run with `cargo bench --bench ratecard`
//! (`cargo bench --bench ratecard -- build_from` for the data alone).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use mille::model::{Handle, Platform, Profile};
use mille::pricing::Settings;
use mille::ratecard::{self, CardOptions, PackageSpec};
use mille::sample::{self, SampleOptions};
use std::hint::black_box;

fn card() -> ratecard::CardData {
    let posts = sample::generate(&SampleOptions { rows: 600, seed: 11, ..SampleOptions::default() });
    let profile = Profile {
        name: "Maya Lindqvist".into(),
        handles: vec![
            Handle { platform: Platform::Instagram, handle: "@maya.makes".into(), audience: Some(182_000) },
            Handle { platform: Platform::Tiktok, handle: "@mayamakes".into(), audience: Some(240_000) },
        ],
        payment_terms: "50 % on signature, 50 % within 30 days".into(),
        ..Profile::default()
    };
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let specs: Vec<PackageSpec> = mille::pricing::default_packages(&posts, as_of)
        .into_iter()
        .map(|p| PackageSpec { recommended: p.name == "Standard", package: p })
        .collect();
    let opts = CardOptions { date: None, as_of, how_i_price: false, performance: true };
    ratecard::build_from(&profile, &Settings::default(), &posts, &specs, &opts).expect("card")
}

fn bench(c: &mut Criterion) {
    let data = card();
    c.bench_function("ratecard render_pdf (warm)", |b| {
        b.iter(|| ratecard::render_pdf(black_box(&data), None).expect("pdf"))
    });
    c.bench_function("ratecard render_png page 0 at 1 px/pt (warm)", |b| {
        b.iter(|| ratecard::render_png(black_box(&data), None, 0, 1.0).expect("png"))
    });
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    for rows in [600, 10_000] {
        let posts = sample::generate(&SampleOptions { rows, seed: 11, ..SampleOptions::default() });
        c.bench_function(&format!("ratecard build_from ({rows} posts)"), |b| {
            b.iter(|| {
                let specs: Vec<PackageSpec> = mille::pricing::default_packages(&posts, as_of)
                    .into_iter()
                    .map(|p| PackageSpec { recommended: p.name == "Standard", package: p })
                    .collect();
                let opts = CardOptions::new(as_of);
                ratecard::build_from(&Profile::default(), &Settings::default(), black_box(&posts), &specs, &opts)
                    .expect("card")
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
