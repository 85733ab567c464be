//! A brand's offer checked against the proposal a deal was quoted from (pricing.md
//! step 12, deals.md "From a proposal"), using only the kept [`Snapshot`]: the
//! percentile is the whole p in 0..=100 whose unrounded total is closest to the offer
//! (ties to the lower p); the verdict compares the offer with the snapshot's rounded
//! floor and target. The same rule as `pricing::offer`, which checks a live proposal.

use super::snapshot::Snapshot;
use crate::pricing::Verdict;
use rust_decimal::Decimal;

/// The percentile of `amount` among the totals (index p = total at q = p/100).
pub fn percentile(totals: &[Option<Decimal>], amount: Decimal) -> u32 {
    let mut best: (u32, Option<Decimal>) = (0, None);
    for (p, total) in totals.iter().enumerate() {
        let Some(gap) = total.and_then(|t| t.checked_sub(amount)).map(|g| g.abs()) else {
            continue;
        };
        if best.1.is_none_or(|b| gap < b) {
            best = (p as u32, Some(gap));
        }
    }
    best.0
}

/// The verdict on `amount` against rounded floor and target.
pub fn verdict(floor: Decimal, target: Decimal, amount: Decimal) -> Verdict {
    if amount < floor {
        Verdict::BelowFloor
    } else if amount < target {
        Verdict::BetweenFloorAndTarget
    } else {
        Verdict::AtOrAboveTarget
    }
}

/// Verdict and percentile of an offer against a kept proposal.
pub fn check(snapshot: &Snapshot, amount: Decimal) -> (Verdict, u32) {
    (verdict(snapshot.total.floor, snapshot.total.target, amount), percentile(snapshot.totals(), amount))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// Totals 1000 + 10·p at q = p/100 (so 1,500 at the median).
    fn totals() -> Vec<Option<Decimal>> {
        (0..=100).map(|p| Some(dec!(1000) + Decimal::from(p * 10))).collect()
    }

    #[test]
    fn closest_total_ties_to_the_lower_p() {
        let t = totals();
        for (amount, want) in [
            (dec!(1500), 50),
            (dec!(1504.99), 50),
            (dec!(1505), 50), // halfway between p 50 and 51: the lower
            (dec!(1505.01), 51),
            (dec!(0), 0),
            (dec!(999999), 100),
        ] {
            assert_eq!(percentile(&t, amount), want, "{amount}");
        }
        // A total past what a decimal holds is skipped; none at all gives 0.
        let mut t = totals();
        t[100] = None;
        assert_eq!(percentile(&t, dec!(999999)), 99);
        assert_eq!(percentile(&[None, None], dec!(5)), 0);
    }

    #[test]
    fn verdict_against_rounded_totals() {
        for (amount, want) in [
            (dec!(1799.99), Verdict::BelowFloor),
            (dec!(1800), Verdict::BetweenFloorAndTarget),
            (dec!(2099.99), Verdict::BetweenFloorAndTarget),
            (dec!(2100), Verdict::AtOrAboveTarget),
        ] {
            assert_eq!(verdict(dec!(1800), dec!(2100), amount), want, "{amount}");
        }
    }
}
