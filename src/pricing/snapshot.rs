//! What a saved proposal keeps for later offer checks (deals.md, "From a proposal"):
//! the request's unrounded total — add-ons and bundle discount included — priced at
//! every q = 0.00, 0.01, …, 1.00 (101 values), computed exactly as step 12 does, so
//! that an offer recorded weeks later is checked against the prices quoted, not
//! against a history that has moved on since.

use super::evidence::History;
use super::line::line_calc;
use super::offer::total_at;
use super::price::addons;
use super::{context::Context, AsPost, PricingError, Request, Settings};
use rust_decimal::Decimal;

/// The request's unrounded total at q = p/100 for p = 0..=100 (index p). A total past
/// what a `Decimal` holds is `None` (it can never be the closest to an offer).
/// To also propose over the same posts, [`super::Pricer::totals_by_quantile`] shares
/// the dates' context with the proposal.
pub fn totals_by_quantile<P: AsPost>(
    posts: &[P],
    settings: &Settings,
    req: &Request,
) -> Result<Vec<Option<Decimal>>, PricingError> {
    let history = std::sync::Arc::new(History::new(posts));
    totals_in(&Context::new(&history, settings, req.as_of, req.date)?, settings, req)
}

/// [`totals_by_quantile`] in a context built for `req`'s dates and `settings`.
pub(crate) fn totals_in(
    ctx: &Context,
    settings: &Settings,
    req: &Request,
) -> Result<Vec<Option<Decimal>>, PricingError> {
    let addon_percent: Decimal = addons(settings, req).iter().map(|a| a.percent).sum();
    let factor = ctx.campaign_season_factor() * (Decimal::ONE + addon_percent / Decimal::ONE_HUNDRED);
    let mut calcs = Vec::with_capacity(req.deliverables.len());
    for (i, d) in req.deliverables.iter().enumerate() {
        let entered =
            req.impressions.iter().rev().find(|(p, f, _)| *p == d.platform && *f == d.format).map(|(_, _, n)| *n);
        calcs.push(line_calc(ctx, i + 1, d.platform, &d.format, d.quantity, entered, factor)?);
    }
    let tiers = &settings.bundle_tiers;
    Ok((0..=100i64).map(|p| total_at(ctx, &calcs, tiers, Decimal::new(p, 2))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::tests::d;
    use crate::pricing::{propose, Deliverable};

    #[test]
    fn the_quartiles_are_the_proposals_unrounded_totals() {
        let posts = crate::pricing::tests::generated(7, 300);
        let s = Settings::default();
        let fmt = crate::model::Format::parse("reel").unwrap();
        let mut req = Request::new(
            vec![Deliverable { platform: crate::model::Platform::Instagram, format: fmt, quantity: 2 }],
            d("2026-12-05"),
            d("2026-11-22"),
        );
        req.exclusivity_days = Some(7);
        let p = propose(&posts, &s, &req, "USD").unwrap();
        let totals = totals_by_quantile(&posts, &s, &req).unwrap();
        assert_eq!(totals.len(), 101);
        assert_eq!(totals[25], Some(p.total_unrounded.floor));
        assert_eq!(totals[50], Some(p.total_unrounded.target));
        assert_eq!(totals[75], Some(p.total_unrounded.anchor));
        // Prices rise with q.
        assert!(totals.windows(2).all(|w| w[0] <= w[1]));
    }
}
