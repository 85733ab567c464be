//! Achieved CPM and the related figures of metrics.md, per group of posts: the numbers
//! a creator shows a brand, so each has exactly one definition (see the spec table) and
//! is computed in exact decimal arithmetic over plain data, with no I/O.
//!
//! [`report`] groups posts by [`Dimension`]s and computes a [`Stats`] per group and for
//! the total, and lists the posts left out of CPM statistics with their reason.
//! [`Stats`] keeps the numbers *unrounded* (`Decimal`) so the app and pricing can reuse
//! them; only serialization (the `mille report --json` shape of cli.md) and
//! the CLI's text table round: money and CPM-like figures to 2 places, rates to 4,
//! half away from zero ([`money::fixed`](crate::money::fixed)).
//!
//! One file per step: `dimension` (what posts are grouped by, and the cheap grouping
//! keys), `filter` (which posts a report covers), `exclusion` (which posts are left
//! out of CPM figures, and why), `stats` (the figures of one set of posts: running
//! sums, ratios, percentiles, sorted CPMs), `report` (the report's shape: groups, total,
//! exclusions), `reporter` (building a report one post at a time, and `report` over
//! posts in memory) and `page` (a report's groups sorted by a column, a page at a
//! time). The human text table is the CLI's (`src/cli/report.rs`).

mod dimension;
mod exclusion;
mod filter;
mod page;
mod report;
mod reporter;
mod stats;
#[cfg(test)]
mod tests;

pub use dimension::{Dimension, DimensionError};
pub use exclusion::{Exclusion, ExclusionReason};
pub use filter::Filter;
pub use page::{group_page, GroupPage, GroupQuery, GroupSort};
pub use report::{Group, Report};
pub use reporter::{report, report_filtered, report_iter, Reporter};
pub use stats::{percentile, Stats};
