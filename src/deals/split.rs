//! The agreed fee split over the posts that deliver a deal (deals.md, "Agreed fee and
//! posts"): one share per unit, in proportion to its weight (the unit's rounded
//! target line price ÷ the line's quantity; equal weights without a proposal), each
//! rounded half away from zero to the cent, the remainder on the first unit, so the
//! shares sum to the agreed fee exactly.
//!
//! Shares are computed as fee × (weight ÷ Σ weights), so no product can overflow. When
//! the weights are unusable (none, or summing to 0) every unit weighs the same.

use crate::money;
use rust_decimal::Decimal;

/// The fee split over units of the given weights (one share per weight).
pub fn split_fee(fee: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
    if weights.is_empty() {
        return Vec::new();
    }
    let total: Decimal = weights.iter().copied().sum();
    let equal = total <= Decimal::ZERO || weights.iter().any(|w| *w < Decimal::ZERO);
    let n = Decimal::from(weights.len());
    let mut shares: Vec<Decimal> = weights
        .iter()
        .map(|w| {
            let part = if equal { fee / n } else { fee * (*w / total) };
            money::round(part, 2)
        })
        .collect();
    let rest = fee - shares.iter().copied().sum::<Decimal>();
    shares[0] += rest;
    shares
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn shares_sum_to_the_fee_exactly() {
        for (fee, weights, want) in [
            // Equal thirds: 33.333… → 33.33 each, 0.01 left over goes to the first.
            (dec!(100), vec![dec!(1), dec!(1), dec!(1)], vec![dec!(33.34), dec!(33.33), dec!(33.33)]),
            // A reel at 1,400 and three stories at 750/3 = 250 each; Σ weights 2,150.
            // 2,000 × 1400/2150 = 1302.3255… → 1302.33; 2,000 × 250/2150 = 232.558… →
            // 232.56; 1302.33 + 3 × 232.56 = 2000.01, so the first gives back 0.01.
            (
                dec!(2000),
                vec![dec!(1400), dec!(250), dec!(250), dec!(250)],
                vec![dec!(1302.32), dec!(232.56), dec!(232.56), dec!(232.56)],
            ),
            // Half-up at exactly half a cent: 0.05 over two equal units → 0.025 → 0.03,
            // 0.03 + 0.03 = 0.06, the first gives back 0.01.
            (dec!(0.05), vec![dec!(5), dec!(5)], vec![dec!(0.02), dec!(0.03)]),
            // Weights summing to 0 (a proposal of zeros): equal shares.
            (dec!(10), vec![dec!(0), dec!(0)], vec![dec!(5), dec!(5)]),
            // One unit takes it all, cents and more kept as agreed.
            (dec!(1234.567), vec![dec!(3)], vec![dec!(1234.567)]),
            (dec!(0), vec![dec!(1), dec!(2)], vec![dec!(0), dec!(0)]),
        ] {
            let got = split_fee(fee, &weights);
            assert_eq!(got, want, "{fee} over {weights:?}");
            assert_eq!(got.iter().copied().sum::<Decimal>(), fee);
        }
        assert!(split_fee(dec!(5), &[]).is_empty());
    }

    #[test]
    fn huge_fees_do_not_overflow() {
        let big = dec!(1_000_000_000_000);
        let got = split_fee(big, &[dec!(1e18), dec!(3e18)]);
        assert_eq!(got, vec![dec!(250_000_000_000), dec!(750_000_000_000)]);
    }
}
