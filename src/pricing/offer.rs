//! Step 12, the offer check: a brand's offer for the whole request as an effective
//! CPM, as a percentile of the creator's own price distribution (the whole p in
//! 0..=100 whose unrounded total, add-ons and bundle discount included, comes closest,
//! ties to the lower p), a verdict against the rounded totals, and a counter-offer.

use super::context::Context;
use super::line::{bundle_total, LineCalc};
use super::proposal::{OfferCheck, PricePoints, Verdict};
use rust_decimal::Decimal;

/// The unrounded, discounted total of the request priced at quantile `q` (`None` past
/// what a `Decimal` holds).
pub(crate) fn total_at(ctx: &Context, calcs: &[LineCalc], tiers: &[Decimal], q: Decimal) -> Option<Decimal> {
    let mut units = Vec::new();
    for c in calcs {
        let unit = c.unit_at_cpm(c.cpm(ctx, q)?)?;
        for _ in 0..c.quantity {
            units.push(unit);
        }
    }
    bundle_total(&mut units, tiers)
}

/// The whole p in 0..=100 whose total at q = p/100 is closest to `amount`.
pub(crate) fn percentile(ctx: &Context, calcs: &[LineCalc], tiers: &[Decimal], amount: Decimal) -> u32 {
    let mut best = (0u32, None::<Decimal>);
    for p in 0..=100u32 {
        let q = Decimal::new(i64::from(p), 2);
        let Some(gap) = total_at(ctx, calcs, tiers, q).and_then(|t| t.checked_sub(amount)).map(|g| g.abs()) else {
            continue;
        };
        if best.1.is_none_or(|b| gap < b) {
            best = (p, Some(gap));
        }
    }
    best.0
}

pub(crate) fn check_offer(
    ctx: &Context,
    calcs: &[LineCalc],
    tiers: &[Decimal],
    amount: Decimal,
    total: &PricePoints,
    projected_sum: u64,
) -> OfferCheck {
    let cpm = (projected_sum > 0).then(|| amount / Decimal::from(projected_sum) * Decimal::ONE_THOUSAND);
    let verdict = if amount < total.floor {
        Verdict::BelowFloor
    } else if amount < total.target {
        Verdict::BetweenFloorAndTarget
    } else {
        Verdict::AtOrAboveTarget
    };
    OfferCheck {
        amount,
        cpm,
        percentile: percentile(ctx, calcs, tiers, amount),
        verdict,
        counter: (amount < total.target).then_some(total.target),
    }
}
