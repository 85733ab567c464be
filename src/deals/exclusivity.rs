//! Exclusivity windows and their warnings (deals.md, "Exclusivity").
//!
//! A deal at `booked` or later with N > 0 exclusivity days and a brand with a category
//! holds a window of N calendar days, both ends included (the window of 7 days from
//! 5 December runs 5 to 11 December), starting on its first due date, else its first
//! linked post's date, else the day it was booked. A deal, proposal or booking of
//! *another* brand (names compared without regard to case) of the same category
//! (likewise) with a date inside a window gets one warning per window, naming the
//! other brand, the category and the window's last day. Warnings never block.

use chrono::{Duration, NaiveDate};

/// One exclusivity window a booked deal holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub deal_id: i64,
    pub brand: String,
    pub category: String,
    pub start: NaiveDate,
    /// The last day inside the window.
    pub end: NaiveDate,
}

/// The window of a deal of `days` exclusivity days starting on `start` (`None` for 0
/// days or no category).
pub fn window(deal_id: i64, brand: &str, category: &str, start: NaiveDate, days: u32) -> Option<Window> {
    if days == 0 || category.trim().is_empty() {
        return None;
    }
    let end = start.checked_add_signed(Duration::days(i64::from(days) - 1))?;
    Some(Window { deal_id, brand: brand.to_string(), category: category.trim().to_string(), start, end })
}

/// What is checked against the windows: a deal (its id, so its own window is skipped),
/// a proposal or a booking, with its brand, the brand's category and its dates (due
/// dates, linked posts' dates, the campaign date).
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    pub deal_id: Option<i64>,
    pub brand: &'a str,
    pub category: &'a str,
    pub dates: Vec<NaiveDate>,
}

/// The warnings for `candidate`, one per window it falls in, in the windows' order.
/// Names are lowered once per call, not per window (10^4 deals × 10^3 windows).
pub fn warnings(candidate: &Candidate<'_>, windows: &[Window]) -> Vec<String> {
    let category = candidate.category.trim().to_lowercase();
    if category.is_empty() || windows.is_empty() || candidate.dates.is_empty() {
        return Vec::new();
    }
    let brand = candidate.brand.trim().to_lowercase();
    let mut out = Vec::new();
    for w in windows {
        let Some(first) = candidate.dates.iter().filter(|d| **d >= w.start && **d <= w.end).min() else {
            continue;
        };
        if Some(w.deal_id) == candidate.deal_id
            || w.brand.trim().to_lowercase() == brand
            || w.category.to_lowercase() != category
        {
            continue;
        }
        out.push(format!(
            "{first} falls inside {}'s exclusivity on {} (deal {}), which runs until {}",
            w.brand, w.category, w.deal_id, w.end
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_window_counts_both_ends() {
        let w = window(1, "Finch Audio", "audio", d("2026-12-05"), 7).unwrap();
        assert_eq!((w.start, w.end), (d("2026-12-05"), d("2026-12-11")));
        assert_eq!(window(1, "Finch", "audio", d("2026-12-05"), 1).unwrap().end, d("2026-12-05"));
        // 30 days from 15 February 2028 (a leap year): 15 Feb + 29 = 15 March.
        assert_eq!(window(1, "Finch", "audio", d("2028-02-15"), 30).unwrap().end, d("2028-03-15"));
        assert_eq!(window(1, "Finch", "audio", d("2026-12-05"), 0), None);
        assert_eq!(window(1, "Finch", " ", d("2026-12-05"), 7), None);
    }

    #[test]
    fn warnings_name_the_other_brand_category_and_end() {
        let windows = vec![window(3, "Finch Audio", "Audio", d("2026-12-05"), 7).unwrap()];
        let cases: [(&str, &str, &str, Option<i64>, usize); 7] = [
            ("Sonic Buds", "audio", "2026-12-11", None, 1),    // last day inside
            ("Sonic Buds", "AUDIO", "2026-12-05", None, 1),    // first day, category any case
            ("Sonic Buds", "audio", "2026-12-12", None, 0),    // the day after
            ("Sonic Buds", "audio", "2026-12-04", None, 0),    // the day before
            ("finch audio", "audio", "2026-12-08", None, 0),   // the same brand
            ("Bean Co", "coffee", "2026-12-08", None, 0),      // another category
            ("Sonic Buds", "audio", "2026-12-08", Some(3), 0), // the deal itself
        ];
        for (brand, category, date, id, n) in cases {
            let c = Candidate { deal_id: id, brand, category, dates: vec![d("2027-01-01"), d(date)] };
            let got = warnings(&c, &windows);
            assert_eq!(got.len(), n, "{brand} {category} {date}");
            if n == 1 {
                assert_eq!(
                    got[0],
                    format!(
                        "{date} falls inside Finch Audio's exclusivity on Audio (deal 3), which runs until 2026-12-11"
                    )
                );
            }
        }
    }
}
