//! The overview of a creator's history (app.md, "Overview"): the achieved CPM of the
//! last 12 months with its n, CPM by platform and format over the same months, the
//! season factors pricing uses, CPM and earnings by quarter, and the paid posts still
//! waiting for their impressions. Plain figures over posts: the store is read by the
//! caller (the app releases its database before computing).
//!
//! Decisions where app.md is silent:
//! - "The last 12 months" are the 365 or 366 days that end `today`, today included:
//!   from the day after the same date a year earlier.
//! - Platform/format segments run from the one with most measured posts down (ties in
//!   key order), so the small multiples lead with what she sells most.
//! - Season factors are pricing's, as of tomorrow (pricing counts posts strictly before
//!   its date, so today's posts count).
//! - Quarters are all time, oldest first.
//! - A post waits for impressions when it is paid (fee above 0) and its impressions are
//!   unknown; newest first (date, then id), at most [`NEEDS_IMPRESSIONS_SHOWN`].

use crate::metrics::{self, Dimension, ExclusionReason, Filter, Group, Stats};
use crate::model::Post;
use crate::pricing::{self, SeasonFactor, Settings};
use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// How many of the posts waiting for impressions the overview lists.
pub const NEEDS_IMPRESSIONS_SHOWN: usize = 50;

/// Everything the Overview screen shows.
#[derive(Debug, Clone)]
pub struct Overview {
    pub base_currency: String,
    pub total_posts: usize,
    /// First and last day of the headline window (the last 12 months, today included).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Achieved CPM and its figures over the last 12 months.
    pub headline: Stats,
    /// By platform and format, last 12 months, most measured posts first.
    pub segments: Vec<Group>,
    /// Q1..Q4.
    pub seasons: [SeasonFactor; 4],
    /// By quarter, all time, oldest first: CPM trend and earnings.
    pub quarters: Vec<Group>,
    /// Paid posts without impressions yet, newest first.
    pub needs_impressions: Vec<Post>,
}

/// The first day of the 12 months that end on `day`.
pub fn year_ago(day: NaiveDate) -> NaiveDate {
    day.checked_sub_months(Months::new(12)).map(|d| d.succ_opt().unwrap_or(d)).unwrap_or(day)
}

/// The overview of `posts` as of `today`.
pub fn overview(posts: &[Post], settings: &Settings, base_currency: &str, today: NaiveDate) -> Overview {
    let from = year_ago(today);
    let window = Filter { from: Some(from), to: Some(today), ..Filter::default() };
    let headline = metrics::report_filtered(posts, &window, &[], base_currency);
    let mut segments =
        metrics::report_filtered(posts, &window, &[Dimension::Platform, Dimension::Format], base_currency).groups;
    segments.sort_by_key(|g| std::cmp::Reverse(g.stats.measured_posts));
    let quarters = metrics::report(posts, &[Dimension::Quarter], base_currency);
    let seasons = pricing::season_factors(posts, settings, today.succ_opt().unwrap_or(today));
    let by_id: BTreeMap<i64, &Post> = posts.iter().map(|p| (p.id, p)).collect();
    let mut needs: Vec<&Post> = quarters
        .excluded
        .iter()
        .filter(|e| e.reason == ExclusionReason::ImpressionsUnknown)
        .filter_map(|e| by_id.get(&e.id).copied())
        .filter(|p| p.fee > Decimal::ZERO)
        .collect();
    needs.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    Overview {
        base_currency: base_currency.to_string(),
        total_posts: posts.len(),
        from,
        to: today,
        headline: headline.total,
        segments,
        seasons,
        quarters: quarters.groups,
        needs_impressions: needs.into_iter().take(NEEDS_IMPRESSIONS_SHOWN).cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Metrics, Platform, PostData};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn post(id: i64, date: &str, brand: &str, format: &str, fee: i64, impressions: Option<u64>) -> Post {
        Post {
            id,
            data: PostData {
                date: day(date),
                brand: brand.into(),
                platform: Platform::Instagram,
                format: Format::parse(format).unwrap(),
                fee: fee.into(),
                currency: "USD".into(),
                fx_rate: None,
                metrics: Metrics { impressions, ..Metrics::default() },
                campaign: String::new(),
                url: String::new(),
                notes: String::new(),
            },
        }
    }

    #[test]
    fn an_empty_history_has_an_empty_overview() {
        let ov = overview(&[], &Settings::default(), "USD", day("2026-11-23"));
        assert_eq!((ov.total_posts, ov.headline.posts, ov.segments.len(), ov.quarters.len()), (0, 0, 0, 0));
        assert!(ov.needs_impressions.is_empty());
        assert_eq!(ov.seasons.len(), 4);
    }

    #[test]
    fn the_headline_is_the_last_12_months_and_waiting_posts_are_paid_ones_newest_first() {
        let posts = [
            post(1, "2026-11-20", "Acme", "reel", 1250, Some(50_000)),
            post(2, "2024-01-10", "Old", "reel", 9000, Some(10_000)),
            post(3, "2026-11-22", "Later Numbers", "reel", 400, None),
            post(4, "2026-10-01", "Gifted", "story", 0, None),
            post(5, "2026-11-22", "Also Waiting", "story", 300, None),
            post(6, "2026-11-01", "Acme", "story", 100, Some(10_000)),
            post(7, "2026-10-02", "Acme", "story", 100, Some(10_000)),
        ];
        let ov = overview(&posts, &Settings::default(), "USD", day("2026-11-23"));
        assert_eq!(ov.total_posts, 7);
        assert_eq!((ov.from, ov.to), (day("2025-11-24"), day("2026-11-23")));
        assert_eq!(ov.headline.measured_posts, 3, "the 2024 post is outside the 12 months");
        assert_eq!(ov.headline.cpm.map(|c| c.round_dp(2).to_string()).as_deref(), Some("20.71"));
        let names: Vec<&str> = ov.needs_impressions.iter().map(|p| p.brand.as_str()).collect();
        assert_eq!(names, ["Also Waiting", "Later Numbers"], "paid only, newest first (date, then id)");
        assert_eq!(ov.segments[0].value(Dimension::Format), Some("story"), "most measured posts first");
        let quarters: Vec<&str> = ov.quarters.iter().filter_map(|q| q.value(Dimension::Quarter)).collect();
        assert_eq!(quarters, ["2024-Q1", "2026-Q4"]);
    }

    #[test]
    fn a_year_ago_is_the_day_after_the_same_date() {
        assert_eq!(year_ago(day("2026-11-23")), day("2025-11-24"));
        assert_eq!(year_ago(day("2024-02-29")), day("2023-03-01"));
    }
}
