//! Step 3, season factors: how much a quarter's deals pay relative to the creator's
//! typical CPM, over all evidence, from segments with at least 3 measured posts, pooled
//! toward 1 with strength k and clamped to [0.7, 1.6].

use super::evidence::History;
use super::maths::median;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// The largest relative CPM a season counts (a million times typical).
const RATIO_CAP: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The four season factors (Q1..Q4) and how many posts each rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seasons {
    pub factor: [Decimal; 4],
    pub posts: [usize; 4],
}

/// Season factors over the posts dated before `as_of`.
pub(crate) fn season_factors(h: &History, as_of: chrono::NaiveDate, k: Decimal) -> Seasons {
    let mut ratios: [Vec<Decimal>; 4] = Default::default();
    for list in &h.by_seg {
        let list = h.before(list, as_of);
        if list.len() < 3 {
            continue;
        }
        let mut cpms: Vec<Decimal> = list.iter().map(|&i| h.posts[i].cpm).collect();
        let Some(typical) = median(&mut cpms) else { continue };
        for &i in list {
            let e = &h.posts[i];
            // Capped at a million times typical (checked: CPMs span 40 orders of
            // magnitude at the input bounds); any ratio past 62 clamps to 1.6 anyway.
            let ratio = e.cpm.checked_div(typical).map_or(RATIO_CAP, |r| r.min(RATIO_CAP));
            ratios[e.season].push(ratio);
        }
    }
    let mut out = Seasons { factor: [Decimal::ONE; 4], posts: [0; 4] };
    for (s, values) in ratios.iter_mut().enumerate() {
        let n = values.len();
        out.posts[s] = n;
        if n == 0 {
            continue;
        }
        let Some(m) = median(values) else { continue };
        let nd = Decimal::from(n as u64);
        let pooled = (nd * m + k) / (nd + k);
        out.factor[s] = pooled.clamp(dec!(0.7), dec!(1.6));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::tests::{d, post};

    #[test]
    fn season_factor_is_a_pooled_clamped_median_of_relative_cpms() {
        // instagram/reel, 4 posts of 10,000 impressions: CPMs 10 (Q1), 10 (Q2), 10 (Q3),
        // 20 (Q4). Segment median CPM = 10. Ratios: Q1 1, Q2 1, Q3 1, Q4 2.
        // tiktok/video only 2 posts: not used. Q4: n = 1, median 2, k = 3:
        // (1·2 + 3·1) / (1 + 3) = 5/4 = 1.25. Q1: (1·1 + 3)/4 = 1.
        let posts = vec![
            post("2025-02-01", "instagram", "reel", "100", Some(10000)),
            post("2025-05-01", "instagram", "reel", "100", Some(10000)),
            post("2025-08-01", "instagram", "reel", "100", Some(10000)),
            post("2025-11-01", "instagram", "reel", "200", Some(10000)),
            post("2025-11-02", "tiktok", "video", "900", Some(10000)),
            post("2025-11-03", "tiktok", "video", "900", Some(10000)),
        ];
        let h = History::new(&posts);
        let s = season_factors(&h, d("2026-01-01"), dec!(3));
        assert_eq!(s.factor, [dec!(1), dec!(1), dec!(1), dec!(1.25)]);
        assert_eq!(s.posts, [1, 1, 1, 1]);
        // With k = 0 the Q4 factor is the raw median 2, clamped to 1.6.
        let s0 = season_factors(&h, d("2026-01-01"), dec!(0));
        assert_eq!(s0.factor[3], dec!(1.6));
        // as_of on the Q4 post's date: that post is not evidence, 3 posts remain, Q4 has none.
        let s1 = season_factors(&h, d("2025-11-01"), dec!(3));
        assert_eq!(s1.factor[3], dec!(1));
        assert_eq!(s1.posts[3], 0);
    }

    #[test]
    fn low_seasons_clamp_at_0_7() {
        // CPMs 10, 10, 10, 1 (Q1): median of the segment 10; the Q1 post's ratio 0.1
        // and the pooled Q1 factor (0.1 + 0)/(1 + 0) with k = 0 clamps to 0.7.
        let posts = vec![
            post("2025-02-01", "instagram", "reel", "10", Some(10000)),
            post("2025-05-01", "instagram", "reel", "100", Some(10000)),
            post("2025-06-01", "instagram", "reel", "100", Some(10000)),
            post("2025-08-01", "instagram", "reel", "100", Some(10000)),
        ];
        let h = History::new(&posts);
        let s = season_factors(&h, d("2026-01-01"), dec!(0));
        assert_eq!(s.factor[0], dec!(0.7));
        // Q2: two ratios of 1 → 1.
        assert_eq!(s.factor[1], dec!(1));
        assert_eq!(s.posts, [1, 2, 1, 0]);
    }
}
