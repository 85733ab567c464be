//! One page of a sorted list without sorting the whole list: the Posts screen's page
//! of 10^5 posts and the Insights table's page of a report's groups both put only the
//! page in full order (the rest is partitioned around it), about one pass over them.

use std::cmp::Ordering;
use std::ops::Range;

/// Puts the page at `offset` of at most `limit` items of `items` in its place and in
/// order under `cmp` (the items before it all order first, those after it all after),
/// and returns where it is; an empty range past the end.
///
/// ```
/// let mut v = vec![5, 3, 9, 1, 7, 2];
/// let page = mille::paging::sort_page(&mut v, 2, 3, |a, b| a.cmp(b));
/// assert_eq!(&v[page], &[3, 5, 7]);
/// ```
pub fn sort_page<T>(
    items: &mut [T],
    offset: usize,
    limit: usize,
    mut cmp: impl FnMut(&T, &T) -> Ordering,
) -> Range<usize> {
    let start = offset.min(items.len());
    let end = start.saturating_add(limit).min(items.len());
    if start < end {
        if start > 0 {
            items.select_nth_unstable_by(start, &mut cmp);
        }
        let rest = &mut items[start..];
        if end - start < rest.len() {
            rest.select_nth_unstable_by(end - start, &mut cmp);
        }
        rest[..end - start].sort_unstable_by(&mut cmp);
    }
    start..end
}
