//! The report's fast path: the few columns a report reads, folded straight out of
//! SQLite's rows (borrowed, no `Post` built), over id ranges read side by side on
//! several threads for a large history.

use super::error::damaged;
use super::error::{Result, StoreError};
use super::rows::{row_counts, row_date, row_fx_rate, row_platform, row_text, stored_decimal};
use super::Store;
use crate::model::{Fact, Format, Metrics};
use rusqlite::{Connection, OpenFlags};

impl Store {
    /// Folds the facts a report reads of every live post into accumulators: this is how
    /// a report covers a million posts. Only the columns a report needs are read, each
    /// row is handed to `step` in place (no `Post` built, no text copied), and the
    /// table is cut into ranges of ids read side by side, one thread and one read-only
    /// connection each, as many as the machine has cores (one for a small history or
    /// an in-memory store). Each range starts from `start()`; the accumulators come back
    /// in id order, so the caller merges them. The ranges are fixed from the ids present
    /// when the call begins, so a concurrent import is not seen at all rather than in
    /// part. A damaged row stops the fold with its error.
    pub fn fold_facts<A: Send>(
        &self,
        start: impl Fn() -> A + Sync,
        step: impl Fn(&mut A, &Fact<'_>) + Sync,
    ) -> Result<Vec<A>> {
        let (lo, hi): (Option<i64>, Option<i64>) =
            self.conn.query_row("SELECT (SELECT min(id) FROM posts), (SELECT max(id) FROM posts)", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Ok(vec![start()]);
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8) as i64;
        let parts = match &self.path {
            // Below this many ids a thread and a connection cost more than they save.
            Some(path) if cores > 1 && hi - lo >= 40_000 => Some((path, cores)),
            _ => None,
        };
        let Some((path, parts)) = parts else {
            let mut acc = start();
            scan_facts(&self.conn, lo, hi, |f| step(&mut acc, f))?;
            return Ok(vec![acc]);
        };
        let width = (hi - lo) / parts + 1;
        let bounds: Vec<(i64, i64)> =
            (0..parts).map(|i| (lo + i * width, (lo + (i + 1) * width - 1).min(hi))).collect();
        let (start, step) = (&start, &step);
        std::thread::scope(|scope| {
            let others: Vec<_> = bounds[1..]
                .iter()
                .map(|&(a, b)| {
                    scope.spawn(move || -> Result<A> {
                        let conn = Connection::open_with_flags(
                            path,
                            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                        )?;
                        conn.busy_timeout(std::time::Duration::from_secs(10))?;
                        let mut acc = start();
                        scan_facts(&conn, a, b, |f| step(&mut acc, f))?;
                        Ok(acc)
                    })
                })
                .collect();
            let mut first = start();
            let mine = scan_facts(&self.conn, bounds[0].0, bounds[0].1, |f| step(&mut first, f));
            let mut out = Vec::with_capacity(bounds.len());
            out.push(first);
            // Every thread is joined before an error is returned.
            let theirs: Vec<Result<A>> = others
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err(StoreError::Damaged("a reading thread stopped".into()))))
                .collect();
            mine?;
            for acc in theirs {
                out.push(acc?);
            }
            Ok(out)
        })
    }
}

/// Calls `each` with the report facts of the live posts with ids `lo..=hi`, in id order
/// ([`Store::fold_facts`]).
fn scan_facts(conn: &Connection, lo: i64, hi: i64, mut each: impl FnMut(&Fact<'_>)) -> Result<()> {
    // NOT INDEXED: the live-date index would cost a table lookup per row; a report
    // does not need date order (its figures do not depend on the order of posts).
    let mut stmt = conn.prepare_cached(
        "SELECT id, date, brand, platform, format, fee, fx_rate, impressions, views, likes, comments, \
         shares, saves, clicks FROM posts NOT INDEXED WHERE deleted_at IS NULL AND id BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query([lo, hi])?;
    while let Some(row) = rows.next()? {
        let text = |i: usize| row_text(row, i);
        let (date, platform) = (row_date(row, 1)?, row_platform(row, 3)?);
        let format = text(4)?;
        // A known slug is used in place; anything else is read as `read_post` reads it.
        let custom;
        let format = if Format::KNOWN.contains(&format) {
            format
        } else {
            custom = Format::parse(format).ok_or_else(|| damaged("format", format))?;
            custom.as_str()
        };
        let [impressions, views, likes, comments, shares, saves, clicks] = row_counts(row, 7)?;
        each(&Fact {
            id: row.get(0)?,
            date,
            platform,
            format,
            brand: text(2)?,
            fee: stored_decimal(text(5)?, "fee")?,
            fx_rate: row_fx_rate(row, 6)?,
            metrics: Metrics { impressions, reach: None, views, likes, comments, shares, saves, clicks },
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::tiktok_post;
    use super::super::{open, open_in_memory};
    use rust_decimal_macros::dec;

    #[test]
    fn a_report_folded_over_id_ranges_on_several_threads_is_the_report_of_every_live_post() {
        use crate::metrics::{self, Dimension, Filter, Reporter};
        use crate::sample::{generate, SampleOptions};
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir.path().join("m.db")).unwrap();
        store
            .import_posts(&generate(&SampleOptions { rows: 300, seed: 5, ..SampleOptions::default() }), false)
            .unwrap();
        // Spread the ids over 300,000 so the fold cuts the table into ranges, and put
        // a few posts in the trash: they must not count.
        store.conn.execute("UPDATE posts SET id = id * 1000 + 7", []).unwrap();
        for id in [1_007, 150_007, 299_007] {
            store.delete_post(id).unwrap();
        }
        let posts = store.posts().unwrap();
        assert_eq!(posts.len(), 297);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
        let brand = posts[10].brand.to_uppercase();
        let filters = [Filter::default(), Filter { brand: Some(brand), ..Filter::default() }];
        for filter in filters {
            for by in [&Dimension::DEFAULT[..], &[Dimension::Brand, Dimension::Quarter][..]] {
                let parts = store
                    .fold_facts(
                        || Reporter::new(by),
                        |r, f| {
                            if filter.admits(f) {
                                r.add(f)
                            }
                        },
                    )
                    .unwrap();
                assert_eq!(parts.len(), cores);
                let mut parts = parts.into_iter();
                let mut merged = parts.next().unwrap();
                parts.for_each(|p| merged.merge(p));
                let folded = merged.finish("USD");
                let whole = metrics::report_filtered(&posts, &filter, by, "USD");
                assert!(whole.total.posts > 0);
                assert_eq!(serde_json::to_value(&folded).unwrap(), serde_json::to_value(&whole).unwrap());
                for (f, w) in folded.groups.iter().zip(&whole.groups) {
                    let (mut a, mut b) = (f.post_ids.clone(), w.post_ids.clone());
                    a.sort_unstable();
                    b.sort_unstable();
                    assert_eq!(a, b);
                }
            }
        }
    }

    #[test]
    fn a_small_or_in_memory_history_is_folded_in_one_part() {
        let mut mem = open_in_memory().unwrap();
        assert_eq!(mem.fold_facts(|| 0u32, |n, _| *n += 1).unwrap(), vec![0]);
        mem.add_post(&tiktok_post(dec!(100))).unwrap();
        mem.add_post(&tiktok_post(dec!(100))).unwrap();
        assert_eq!(mem.fold_facts(|| 0u32, |n, _| *n += 1).unwrap(), vec![2]);
        let dir = tempfile::tempdir().unwrap();
        let mut file = open(&dir.path().join("s.db")).unwrap();
        file.add_post(&tiktok_post(dec!(100))).unwrap();
        let gifted = file.add_post(&tiktok_post(dec!(0))).unwrap();
        let facts = file.fold_facts(Vec::new, |v, f| v.push((f.id, f.format.to_string(), f.fee))).unwrap();
        assert_eq!(facts, vec![vec![(1, "video".to_string(), dec!(100)), (gifted.id, "video".to_string(), dec!(0))]]);
    }
}
