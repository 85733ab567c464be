//! What deals teach (deals.md, "What deals teach"): pure functions over the kept
//! deals, one file per figure, with table-driven tests beside each:
//! - [`pipeline`]: totals by stage in the base currency, booked but not invoiced, owed
//!   and overdue, each with its count;
//! - [`payers`]: how brands pay — per brand, the median days from invoice to full
//!   payment and the overdue count;
//! - [`quotes`]: how quotes land — the agreed fee's percentile within the proposal
//!   (the offer check's own [`crate::deals::offer::percentile`]), the share won by
//!   price point quoted, the median percentile agreed; and [`quotes::accepted_at`] for
//!   Propose ("4 of 5 quotes at target were accepted");
//! - [`delivered`]: quoted vs delivered — projected against delivered impressions and
//!   quoted against delivered CPM, per deal and overall;
//! - [`json`]: the whole of it as `mille deals report --json` prints it.
//!
//! [`report`] computes everything from plain deals already read (the store is not
//! needed, so the app need not hold its lock while this runs). Conventions from
//! metrics.md: every figure carries its `n` and is *thin* below 3; medians are the
//! 0.5 quantile by linear interpolation ([`crate::metrics::percentile`]); money and
//! CPM are kept unrounded and rounded only for display and JSON. Amounts in another
//! currency are turned into the base currency with the deal's fx rate, checked: a
//! product past what a decimal holds is a [`TooLarge`] error naming the deal, never a
//! wrong total.

pub mod delivered;
pub mod json;
pub mod payers;
pub mod pipeline;
pub mod quotes;

#[cfg(test)]
pub(crate) mod fixtures;

use crate::deals::Deal;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Fewer than this many and a figure is thin evidence (metrics.md).
pub const THIN_BELOW: usize = 3;

/// True when `n` is too few to lean on.
pub fn is_thin(n: usize) -> bool {
    n < THIN_BELOW
}

/// An amount of a deal could not be computed: it is past what a decimal holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the amounts of deal {0} are too large to add up")]
pub struct TooLarge(pub i64);

/// Everything the deals teach, on a given day, in the base currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Teach {
    pub as_of: NaiveDate,
    pub currency: String,
    pub pipeline: pipeline::Pipeline,
    pub brands: Vec<payers::BrandPay>,
    pub quotes: quotes::Quotes,
    pub delivered: delivered::Delivery,
}

/// What `deals` teach on `today`, amounts in `base`.
pub fn report(deals: &[Deal], base: &str, today: NaiveDate) -> Result<Teach, TooLarge> {
    Ok(Teach {
        as_of: today,
        currency: base.to_string(),
        pipeline: pipeline::pipeline(deals, today)?,
        brands: payers::brands_pay(deals, today),
        quotes: quotes::quotes_land(deals)?,
        delivered: delivered::quoted_vs_delivered(deals)?,
    })
}

/// `amount` of `deal` in the base currency (× its fx rate when it has one).
pub(crate) fn in_base(deal: &Deal, amount: Decimal) -> Result<Decimal, TooLarge> {
    match deal.fx_rate {
        Some(rate) => amount.checked_mul(rate).ok_or(TooLarge(deal.id)),
        None => Ok(amount),
    }
}

/// The agreed fee of `deal` in the base currency, if agreed.
pub(crate) fn agreed_base(deal: &Deal) -> Result<Option<Decimal>, TooLarge> {
    deal.agreed_fee.map(|f| in_base(deal, f)).transpose()
}

/// `a + b`, or [`TooLarge`] naming `deal`.
pub(crate) fn add(a: Decimal, b: Decimal, deal: i64) -> Result<Decimal, TooLarge> {
    a.checked_add(b).ok_or(TooLarge(deal))
}

/// The median of `values` in any order (metrics.md: the 0.5 quantile, interpolated
/// between the two middle values of an even count); `None` for none.
pub fn median(values: &[Decimal]) -> Option<Decimal> {
    let mut v = values.to_vec();
    v.sort_unstable();
    crate::metrics::percentile(&v, dec!(0.5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_interpolates_an_even_count_and_is_none_for_none() {
        for (values, want) in [
            (vec![], None),
            (vec![dec!(7)], Some(dec!(7))),
            (vec![dec!(30), dec!(10)], Some(dec!(20))),       // (10 + 30) / 2
            (vec![dec!(5), dec!(1), dec!(3)], Some(dec!(3))), // the middle one
            (vec![dec!(4), dec!(1), dec!(2), dec!(9)], Some(dec!(3))), // (2 + 4) / 2
        ] {
            assert_eq!(median(&values), want, "{values:?}");
        }
    }

    #[test]
    fn thin_below_three() {
        assert_eq!([0, 1, 2, 3, 4].map(is_thin), [true, true, true, false, false]);
    }

    #[test]
    fn in_base_multiplies_by_the_rate_and_refuses_an_overflow() {
        let mut d = fixtures::deal(4, "B");
        assert_eq!(in_base(&d, dec!(100)), Ok(dec!(100)));
        d.fx_rate = Some(dec!(1.08)); // 100 EUR × 1.08 = 108 base
        assert_eq!(in_base(&d, dec!(100)), Ok(dec!(108)));
        assert_eq!(in_base(&d, Decimal::MAX), Err(TooLarge(4)));
        assert_eq!(TooLarge(4).to_string(), "the amounts of deal 4 are too large to add up");
    }
}
