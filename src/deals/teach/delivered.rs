//! Quoted vs delivered (deals.md, "What deals teach"): for a deal quoted from a
//! proposal whose linked posts are measured, the projected impressions against the
//! delivered ones, and the quoted CPM (agreed fee / projected × 1000) against the
//! delivered CPM (agreed fee / delivered × 1000); per deal and over all deals — how
//! good Mille's projections are for her.
//!
//! Decisions where deals.md is silent:
//! - projected is the kept proposal's Σ projected impressions × quantity
//!   ([`crate::deals::Snapshot::projected_impressions`]), delivered the Σ impressions
//!   of the deal's linked posts; the agreed fee is taken in the base currency (× fx
//!   rate), as metrics.md's CPMs are;
//! - a deal counts once it has a proposal, an agreed fee, and linked posts that all
//!   report impressions (> 0); one with linked posts not all measured yet is counted
//!   in `awaiting` instead, so a half-measured deal never shows an inflated CPM;
//! - overall is the sums over the deals counted: Σ fee / Σ projected × 1000 against
//!   Σ fee / Σ delivered × 1000 (impression-weighted, like metrics.md's `cpm`); thin
//!   below 3 deals;
//! - a kept proposal without its projected impressions (Mille always writes them) is
//!   not counted;
//! - a CPM whose impressions are 0 is `None`; CPMs are kept unrounded (JSON and
//!   display round them to 2 places, half away from zero).

use super::{add, agreed_base, is_thin, TooLarge};
use crate::deals::{Deal, LinkedPost};
use rust_decimal::Decimal;

/// One deal, quoted against delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealDelivery {
    pub deal: i64,
    pub brand: String,
    pub projected: u64,
    pub delivered: u64,
    /// The agreed fee in the base currency.
    pub fee: Decimal,
    pub quoted_cpm: Option<Decimal>,
    pub delivered_cpm: Option<Decimal>,
}

/// All deals, quoted against delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Each deal counted, in the order given.
    pub deals: Vec<DealDelivery>,
    pub n: usize,
    pub thin: bool,
    pub projected: u64,
    pub delivered: u64,
    pub fee: Decimal,
    pub quoted_cpm: Option<Decimal>,
    pub delivered_cpm: Option<Decimal>,
    /// Deals with a proposal, a fee and linked posts not all measured yet.
    pub awaiting: usize,
}

/// `fee` / `impressions` × 1000, `None` for no impressions.
pub fn cpm(fee: Decimal, impressions: u64, deal: i64) -> Result<Option<Decimal>, TooLarge> {
    if impressions == 0 {
        return Ok(None);
    }
    let per_thousand = fee.checked_mul(Decimal::ONE_THOUSAND).ok_or(TooLarge(deal))?;
    per_thousand.checked_div(Decimal::from(impressions)).map(Some).ok_or(TooLarge(deal))
}

/// A linked post whose impressions are not reported (or 0).
fn unmeasured(post: &LinkedPost) -> bool {
    post.impressions.unwrap_or(0) == 0
}

/// What a deal delivers against its quote: `Ok(None)` when it is not measured (see the
/// module's decisions), `Err` when its amounts are past a decimal.
pub fn delivery(deal: &Deal) -> Result<Option<DealDelivery>, TooLarge> {
    let (Some(snapshot), Some(fee)) = (&deal.proposal, agreed_base(deal)?) else { return Ok(None) };
    if deal.posts.is_empty() || deal.posts.iter().any(unmeasured) {
        return Ok(None);
    }
    let Some(projected) = snapshot.projected_impressions() else { return Ok(None) };
    let delivered = deal
        .posts
        .iter()
        .try_fold(0u64, |sum, p| sum.checked_add(p.impressions.unwrap_or(0)))
        .ok_or(TooLarge(deal.id))?;
    Ok(Some(DealDelivery {
        deal: deal.id,
        brand: deal.brand.clone(),
        projected,
        delivered,
        fee,
        quoted_cpm: cpm(fee, projected, deal.id)?,
        delivered_cpm: cpm(fee, delivered, deal.id)?,
    }))
}

/// Quoted against delivered over `deals`.
pub fn quoted_vs_delivered(deals: &[Deal]) -> Result<Delivery, TooLarge> {
    let mut out = Vec::new();
    let mut awaiting = 0;
    let (mut projected, mut delivered, mut fee) = (0u64, 0u64, Decimal::ZERO);
    for deal in deals {
        match delivery(deal)? {
            Some(d) => {
                projected = projected.checked_add(d.projected).ok_or(TooLarge(deal.id))?;
                delivered = delivered.checked_add(d.delivered).ok_or(TooLarge(deal.id))?;
                fee = add(fee, d.fee, deal.id)?;
                out.push(d);
            }
            None if deal.proposal.is_some() && deal.agreed_fee.is_some() && deal.posts.iter().any(unmeasured) => {
                awaiting += 1
            }
            None => {}
        }
    }
    let last = out.last().map_or(0, |d| d.deal);
    Ok(Delivery {
        n: out.len(),
        thin: is_thin(out.len()),
        projected,
        delivered,
        fee,
        quoted_cpm: cpm(fee, projected, last)?,
        delivered_cpm: cpm(fee, delivered, last)?,
        awaiting,
        deals: out,
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{booked, deal, posts, quoted};
    use super::*;
    use crate::deals::Stage;
    use rust_decimal_macros::dec;

    /// Deal `id` quoted for `qty` × `imps` projected, booked at `fee`, with posts.
    fn measured(id: i64, imps: u64, qty: u32, fee: Decimal, delivered: &[Option<u64>]) -> Deal {
        posts(booked(quoted(deal(id, "B"), "target", imps, qty), fee, Stage::Paid), delivered)
    }

    #[test]
    fn per_deal_quoted_and_delivered_cpm() {
        // 2 × 40,000 = 80,000 projected; 50,000 + 42,000 = 92,000 delivered; fee 1,200.
        // Quoted 1,200 / 80,000 × 1000 = 15; delivered 1,200 / 92,000 × 1000 = 13.0434…
        let d = delivery(&measured(1, 40_000, 2, dec!(1200), &[Some(50_000), Some(42_000)])).unwrap().unwrap();
        assert_eq!((d.projected, d.delivered, d.fee), (80_000, 92_000, dec!(1200)));
        assert_eq!(d.quoted_cpm, Some(dec!(15)));
        assert_eq!(d.delivered_cpm.map(|c| crate::money::round(c, 2)), Some(dec!(13.04)));
        // In another currency: 1,000 EUR × 1.2 = 1,200 base, the same CPMs.
        let mut eur = measured(2, 40_000, 2, dec!(1000), &[Some(50_000), Some(42_000)]);
        eur.fx_rate = Some(dec!(1.2));
        let e = delivery(&eur).unwrap().unwrap();
        assert_eq!((e.fee, e.quoted_cpm, e.delivered_cpm), (d.fee, d.quoted_cpm, d.delivered_cpm));
    }

    #[test]
    fn only_fully_measured_quoted_booked_deals_count() {
        for (what, d, counted) in [
            ("measured", measured(1, 1000, 1, dec!(10), &[Some(900)]), true),
            ("a post not reported", measured(1, 1000, 1, dec!(10), &[Some(900), None]), false),
            ("a post at 0", measured(1, 1000, 1, dec!(10), &[Some(0)]), false),
            ("no posts", measured(1, 1000, 1, dec!(10), &[]), false),
            ("no proposal", posts(booked(deal(1, "B"), dec!(10), Stage::Paid), &[Some(900)]), false),
            ("no fee", posts(quoted(deal(1, "B"), "target", 1000, 1), &[Some(900)]), false),
        ] {
            assert_eq!(delivery(&d).unwrap().is_some(), counted, "{what}");
        }
    }

    #[test]
    fn overall_is_the_sums_and_awaiting_is_counted() {
        let deals = vec![
            measured(1, 10_000, 1, dec!(300), &[Some(12_000)]), // quoted 30, delivered 25
            measured(2, 30_000, 1, dec!(300), &[Some(20_000)]), // quoted 10, delivered 15
            measured(3, 5_000, 2, dec!(100), &[Some(4_000), None]), // awaiting a measurement
        ];
        let got = quoted_vs_delivered(&deals).unwrap();
        assert_eq!((got.n, got.thin, got.awaiting), (2, true, 1));
        assert_eq!((got.projected, got.delivered, got.fee), (40_000, 32_000, dec!(600)));
        // Σ 600 / 40,000 × 1000 = 15 (not the mean of 30 and 10, 20);
        // Σ 600 / 32,000 × 1000 = 18.75 (not the mean of 25 and 15, 20).
        assert_eq!((got.quoted_cpm, got.delivered_cpm), (Some(dec!(15)), Some(dec!(18.75))));
        assert_eq!(
            got.deals.iter().map(|d| (d.quoted_cpm, d.delivered_cpm)).collect::<Vec<_>>(),
            [(Some(dec!(30)), Some(dec!(25))), (Some(dec!(10)), Some(dec!(15)))]
        );
    }

    #[test]
    fn empty_thin_and_nothing_projected() {
        let none = quoted_vs_delivered(&[]).unwrap();
        assert_eq!((none.n, none.thin, none.quoted_cpm, none.delivered_cpm, none.awaiting), (0, true, None, None, 0));
        // Projected 0 (an entered projection of 0): quoted CPM none, delivered still computed.
        let zero = delivery(&measured(1, 0, 1, dec!(50), &[Some(10_000)])).unwrap().unwrap();
        assert_eq!((zero.quoted_cpm, zero.delivered_cpm), (None, Some(dec!(5)))); // 50 / 10,000 × 1000
        assert_eq!(cpm(Decimal::MAX, 1, 7), Err(TooLarge(7)));
        // A kept proposal whose line lost its projection: not counted, not awaiting.
        let mut lost = measured(2, 1000, 1, dec!(50), &[Some(900)]);
        if let Some(s) = lost.proposal.as_mut() {
            let mut json = s.json.value();
            json["proposal"]["lines"][0]["projected_impressions"] = serde_json::Value::Null;
            *s = crate::deals::Snapshot::parse(&json.to_string()).unwrap();
        }
        let got = quoted_vs_delivered(&[lost]).unwrap();
        assert_eq!((got.n, got.awaiting), (0, 0));
    }
}
