//! How quotes land (deals.md, "What deals teach"): over the deals quoted from a proposal
//! that ended `booked` or later (won) or `declined`/`lost` (not won), the agreed fee's
//! percentile within the proposal, the share won by the price point quoted, and the
//! median percentile agreed. ("Brands accepted 4 of 5 quotes at target, 1 of 3 at
//! anchor; they settle at your 62nd percentile.")
//!
//! The percentile is the offer check's own ([`crate::deals::offer::percentile`], pricing.md
//! step 12): the whole p whose unrounded total in the kept snapshot is closest to the
//! agreed fee, ties to the lower p. Decisions where deals.md is silent:
//! - the outcome is the deal's stage now; `cancelled`, `inquiry` and `negotiating`
//!   deals are not counted (not yet decided, or called off after booking);
//! - the fee is compared in the base currency (agreed fee × fx rate), as the proposal
//!   was priced in it; a won deal without an agreed fee (moved to booked by hand) counts
//!   for the share won but has no percentile;
//! - shares are listed for `target` and `anchor`, the two points a quote is made at.

use super::{agreed_base, is_thin, median, TooLarge};
use crate::deals::offer::percentile;
use crate::deals::{Deal, Snapshot, Stage};
use rust_decimal::Decimal;

/// The price points a proposal is quoted at.
pub const PRICE_POINTS: [&str; 2] = ["target", "anchor"];

/// How one quoted deal ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteOutcome {
    pub deal: i64,
    pub brand: String,
    /// `target` or `anchor`.
    pub price_point: String,
    /// Booked or later; otherwise declined or lost.
    pub won: bool,
    /// The agreed fee's percentile within the proposal (won deals with a fee).
    pub percentile: Option<u32>,
}

/// "k of n quotes at this price point were accepted".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointShare {
    pub price_point: String,
    pub won: usize,
    pub n: usize,
    pub thin: bool,
}

/// How the quotes landed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotes {
    /// Quoted deals decided (won or not).
    pub n: usize,
    pub thin: bool,
    pub won: usize,
    /// Target first, then anchor.
    pub by_price_point: Vec<PointShare>,
    /// Median of the agreed percentiles; `None` without one.
    pub median_percentile: Option<Decimal>,
    /// Won deals with a percentile.
    pub percentile_n: usize,
    pub percentile_thin: bool,
    /// Each deal counted, in the order given.
    pub deals: Vec<QuoteOutcome>,
}

/// The proposal `deal` was quoted from and whether it was won, if it is decided.
fn decided(deal: &Deal) -> Option<(&Snapshot, bool)> {
    let snapshot = deal.proposal.as_ref()?;
    let won = deal.stage.is_booked_or_later();
    (won || matches!(deal.stage, Stage::Declined | Stage::Lost)).then_some((snapshot, won))
}

/// How `deal` ended, if it was quoted from a proposal and is decided.
pub fn outcome(deal: &Deal) -> Result<Option<QuoteOutcome>, TooLarge> {
    let Some((snapshot, won)) = decided(deal) else { return Ok(None) };
    let percentile = match agreed_base(deal)? {
        // No totals read (or damaged ones): the percentile is not known.
        Some(fee) if won && !snapshot.totals().is_empty() => Some(percentile(snapshot.totals(), fee)),
        _ => None,
    };
    Ok(Some(QuoteOutcome {
        deal: deal.id,
        brand: deal.brand.clone(),
        price_point: snapshot.price_point.clone(),
        won,
        percentile,
    }))
}

fn share(outcomes: &[QuoteOutcome], price_point: &str) -> PointShare {
    let at: Vec<_> = outcomes.iter().filter(|o| o.price_point == price_point).collect();
    let n = at.len();
    PointShare { price_point: price_point.to_string(), won: at.iter().filter(|o| o.won).count(), n, thin: is_thin(n) }
}

/// How the quotes of `deals` landed.
pub fn quotes_land(deals: &[Deal]) -> Result<Quotes, TooLarge> {
    let mut outcomes = Vec::new();
    for deal in deals {
        outcomes.extend(outcome(deal)?);
    }
    let percentiles: Vec<Decimal> = outcomes.iter().filter_map(|o| o.percentile).map(Decimal::from).collect();
    let n = outcomes.len();
    Ok(Quotes {
        n,
        thin: is_thin(n),
        won: outcomes.iter().filter(|o| o.won).count(),
        by_price_point: PRICE_POINTS.iter().map(|p| share(&outcomes, p)).collect(),
        median_percentile: median(&percentiles),
        percentile_n: percentiles.len(),
        percentile_thin: is_thin(percentiles.len()),
        deals: outcomes,
    })
}

/// For Propose: of the decided quotes made at `price_point` (`target` or `anchor`), how
/// many were accepted ("4 of 5 quotes at target were accepted").
pub fn accepted_at(deals: &[Deal], price_point: &str) -> PointShare {
    let at: Vec<bool> =
        deals.iter().filter_map(decided).filter(|(s, _)| s.price_point == price_point).map(|(_, won)| won).collect();
    let n = at.len();
    PointShare { price_point: price_point.to_string(), won: at.iter().filter(|w| **w).count(), n, thin: is_thin(n) }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{at, booked, deal, quoted};
    use super::*;
    use rust_decimal_macros::dec;

    // The fixture's proposal: unrounded total at q = p/100 is 1000 + 10·p.
    fn q(id: i64, point: &str, stage: Stage, fee: Option<Decimal>) -> Deal {
        let d = quoted(at(deal(id, "B"), stage), point, 1000, 1);
        match fee {
            Some(f) => booked(d, f, stage),
            None => d,
        }
    }

    #[test]
    fn the_agreed_percentile_is_the_offer_checks() {
        for (fee, fx, want) in [
            (dec!(1500), None, 50),            // 1000 + 10·50
            (dec!(1625), None, 62),            // 1625 is halfway between p 62 (1620) and 63 (1630): the lower
            (dec!(1626), None, 63),            // closer to 1630
            (dec!(900), None, 0),              // below every total
            (dec!(5000), None, 100),           // above every total
            (dec!(1000), Some(dec!(1.5)), 50), // 1,000 EUR × 1.5 = 1,500 base
        ] {
            let mut d = q(1, "target", Stage::Paid, Some(fee));
            d.fx_rate = fx;
            let o = outcome(&d).unwrap().expect("a decided quote");
            assert_eq!(o.percentile, Some(want), "{fee} × {fx:?}");
            assert_eq!(
                o.percentile,
                Some(crate::deals::offer::check(d.proposal.as_ref().unwrap(), fee * fx.unwrap_or(Decimal::ONE)).1)
            );
        }
    }

    #[test]
    fn only_decided_quoted_deals_count() {
        for (stage, proposal, counted, won) in [
            (Stage::Booked, true, true, true),
            (Stage::Delivered, true, true, true),
            (Stage::Invoiced, true, true, true),
            (Stage::Paid, true, true, true),
            (Stage::Declined, true, true, false),
            (Stage::Lost, true, true, false),
            (Stage::Cancelled, true, false, false),
            (Stage::Negotiating, true, false, false),
            (Stage::Inquiry, true, false, false),
            (Stage::Paid, false, false, false), // no proposal
        ] {
            let mut d = q(1, "target", stage, None);
            if !proposal {
                d.proposal = None;
            }
            let o = outcome(&d).unwrap();
            assert_eq!(o.is_some(), counted, "{stage} {proposal}");
            assert_eq!(o.is_some_and(|o| o.won), won, "{stage}");
        }
    }

    #[test]
    fn shares_by_price_point_and_the_median_percentile() {
        let deals = vec![
            // At target: 4 of 5 won, at 1,500 / 1,620 / 1,700 / 1,450 → p 50, 62, 70, 45.
            q(1, "target", Stage::Paid, Some(dec!(1500))),
            q(2, "target", Stage::Booked, Some(dec!(1620))),
            q(3, "target", Stage::Invoiced, Some(dec!(1700))),
            q(4, "target", Stage::Delivered, Some(dec!(1450))),
            q(5, "target", Stage::Lost, None),
            // At anchor: 1 of 3 won, at 1,800 → p 80; a declined one with a fee has no percentile.
            q(6, "anchor", Stage::Paid, Some(dec!(1800))),
            q(7, "anchor", Stage::Declined, Some(dec!(1750))),
            q(8, "anchor", Stage::Lost, None),
            // Not decided: not counted.
            q(9, "anchor", Stage::Negotiating, None),
        ];
        let got = quotes_land(&deals).unwrap();
        assert_eq!((got.n, got.won, got.thin), (8, 5, false));
        let shares: Vec<_> = got.by_price_point.iter().map(|s| (s.price_point.as_str(), s.won, s.n, s.thin)).collect();
        assert_eq!(shares, [("target", 4, 5, false), ("anchor", 1, 3, false)]);
        // Percentiles 45, 50, 62, 70, 80: the median is 62.
        assert_eq!((got.median_percentile, got.percentile_n, got.percentile_thin), (Some(dec!(62)), 5, false));
        assert_eq!(got.deals.iter().map(|o| o.deal).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6, 7, 8]);
        // The same shares for Propose.
        assert_eq!(accepted_at(&deals, "target"), got.by_price_point[0]);
        assert_eq!(accepted_at(&deals, "anchor"), got.by_price_point[1]);
    }

    #[test]
    fn empty_and_thin() {
        let none = quotes_land(&[]).unwrap();
        assert_eq!((none.n, none.thin, none.median_percentile, none.percentile_n), (0, true, None, 0));
        assert_eq!(accepted_at(&[], "target"), PointShare { price_point: "target".into(), won: 0, n: 0, thin: true });
        // Two won at 1,500 and 1,510 (p 50 and 51): median 50.5, thin.
        let two = [q(1, "target", Stage::Paid, Some(dec!(1500))), q(2, "target", Stage::Paid, Some(dec!(1510)))];
        let got = quotes_land(&two).unwrap();
        assert_eq!((got.median_percentile, got.percentile_n, got.percentile_thin), (Some(dec!(50.5)), 2, true));
        assert_eq!(accepted_at(&two, "anchor").n, 0);
    }
}
