//! Opening Posts at agency scale (criterion): the first page of 50 posts out of 10^5,
//! filtered and sorted in the core (`Store::posts_page`), as the Posts screen asks for
//! it, from a database file on disk. Goal (issue 14): the first rows painted in under
//! 200 ms, so the core's share must be a fraction of that. Sorted by date (the screen's
//! default), by fee (exact decimals in base currency) and by CPM, and a page deep in
//! the list. The Insights table's page (issue 14, "Posts and Insights page and sort in
//! the core"): the report over the 10^5 posts grouped by brand and month, as the `report` command
//! makes it (the posts read, reported, one page of 50 groups sorted by fee), and the
//! trash's first page. Run with `cargo bench --bench posts_page`.

use criterion::{criterion_group, criterion_main, Criterion};
use mille::metrics::{self, Dimension, GroupQuery, GroupSort};
use mille::sample::{self, SampleOptions};
use mille::store::{self, PostQuery, PostSort};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mille.db");
    {
        let mut s = store::open(&path).expect("store");
        let mut import = s.begin_import(false).expect("import");
        sample::generate_each(&SampleOptions { rows: 100_000, seed: 5, ..SampleOptions::default() }, |p| {
            import.add(&p).expect("row")
        });
        import.finish().expect("commit");
    }
    let mut s = store::open(&path).expect("store");
    for id in 1..=2_000 {
        s.delete_post(id).expect("to the trash");
    }
    for (name, sort, offset) in [
        ("date", PostSort::Date, 0),
        ("fee", PostSort::Fee, 0),
        ("cpm", PostSort::Cpm, 0),
        ("date, page 1,000", PostSort::Date, 50_000),
    ] {
        let q = PostQuery { sort, offset, ..PostQuery::default() };
        c.bench_function(&format!("posts_page 50 of 10^5 by {name}"), |b| {
            b.iter(|| s.posts_page(black_box(&q)).expect("page"))
        });
    }
    c.bench_function("trash_page 50 of 2,000", |b| b.iter(|| s.trash_page(black_box(0), 50).expect("page")));
    let by = [Dimension::Brand, Dimension::Month];
    let q = GroupQuery { sort: GroupSort::Fee, descending: true, ..GroupQuery::default() };
    c.bench_function("insights by brand and month over 10^5: read, report, 50 groups by fee", |b| {
        b.iter(|| {
            let posts = s.posts().expect("posts");
            let report = metrics::report(&posts, &by, "USD");
            metrics::group_page(&report.groups, black_box(&q)).groups.len()
        })
    });
    let posts = s.posts().expect("posts");
    let report = metrics::report(&posts, &by, "USD");
    eprintln!("{} brand-and-month groups", report.groups.len());
    c.bench_function("group_page 50 by fee of the brand-and-month groups", |b| {
        b.iter(|| metrics::group_page(&report.groups, black_box(&q)).groups.len())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
