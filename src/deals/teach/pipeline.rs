//! The pipeline (deals.md, "What deals teach"): totals by stage in the base currency;
//! booked but not invoiced; owed (invoiced, unpaid) and overdue — each with its count.
//!
//! Decisions where deals.md is silent:
//! - a deal's amount is its agreed fee × fx rate; a deal not yet agreed counts what is
//!   on the table, the amount booking would agree ([`Deal::fee_on_the_table`]: the last
//!   offer, else the quoted price point's total, both in the base currency); a deal
//!   with none of these is counted in its stage's `n` and in `unpriced`, and adds
//!   nothing to the total;
//! - booked but not invoiced: deals now at `booked` or `delivered` with no invoice;
//! - owed: deals with an invoice and something outstanding (agreed fee less payments,
//!   in the deal's currency, × fx rate) that are not at an end (a declined, lost or
//!   cancelled deal is not money she expects); overdue: those of them past their due
//!   date — the same deals `deals list --overdue` shows ([`owing`]).
//!
//! The Deals screen and the Overview (`desk::board`) count with these same functions.

use super::{add, in_base, TooLarge};
use crate::deals::view::owed_of;
use crate::deals::{Deal, Stage};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A count of deals and their total in the base currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Total {
    pub n: usize,
    pub total: Decimal,
}

/// The deals at one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageTotal {
    pub stage: Stage,
    pub n: usize,
    pub total: Decimal,
    /// Deals at this stage with no amount at all (no fee, offer or proposal).
    pub unpriced: usize,
}

/// The pipeline on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    /// Every stage, in [`Stage::ALL`]'s order, empty ones included.
    pub stages: Vec<StageTotal>,
    pub booked_not_invoiced: Total,
    pub owed: Total,
    pub overdue: Total,
}

/// The amount `deal` stands for in the base currency (see the module's decisions).
pub fn amount(deal: &Deal) -> Result<Option<Decimal>, TooLarge> {
    match deal.agreed_fee {
        Some(fee) => in_base(deal, fee).map(Some),
        None => Ok(deal.fee_on_the_table()),
    }
}

/// What `deal` is owed on `today`, in the base currency, with its days overdue: its
/// outstanding amount when it is invoiced, not fully paid and not at an end.
pub fn owing(deal: &Deal, today: NaiveDate) -> Result<Option<(Decimal, Option<i64>)>, TooLarge> {
    let o = owed_of(deal, today);
    if deal.invoice.is_none() || o.outstanding <= Decimal::ZERO || deal.stage.is_end() {
        return Ok(None);
    }
    Ok(Some((in_base(deal, o.outstanding)?, o.overdue_days)))
}

/// Whether `deal` is booked but not invoiced (at `booked` or `delivered`, no invoice).
pub fn booked_not_invoiced(deal: &Deal) -> bool {
    matches!(deal.stage, Stage::Booked | Stage::Delivered) && deal.invoice.is_none()
}

fn count(total: &mut Total, deal: &Deal, amount: Decimal) -> Result<(), TooLarge> {
    total.n += 1;
    total.total = add(total.total, amount, deal.id)?;
    Ok(())
}

/// The pipeline of `deals` on `today`.
pub fn pipeline(deals: &[Deal], today: NaiveDate) -> Result<Pipeline, TooLarge> {
    let mut stages: Vec<StageTotal> =
        Stage::ALL.iter().map(|&stage| StageTotal { stage, n: 0, total: Decimal::ZERO, unpriced: 0 }).collect();
    let (mut booked, mut owed, mut overdue) = (Total::default(), Total::default(), Total::default());
    for deal in deals {
        let value = amount(deal)?;
        if let Some(s) = stages.iter_mut().find(|s| s.stage == deal.stage) {
            s.n += 1;
            match value {
                Some(v) => s.total = add(s.total, v, deal.id)?,
                None => s.unpriced += 1,
            }
        }
        if booked_not_invoiced(deal) {
            count(&mut booked, deal, value.unwrap_or_default())?;
        }
        if let Some((outstanding, days)) = owing(deal, today)? {
            count(&mut owed, deal, outstanding)?;
            if days.is_some() {
                count(&mut overdue, deal, outstanding)?;
            }
        }
    }
    Ok(Pipeline { stages, booked_not_invoiced: booked, owed, overdue })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{at, booked, d, deal, invoiced, quoted};
    use super::*;
    use crate::deals::{Offer, Party};
    use rust_decimal_macros::dec;

    fn stage(p: &Pipeline, s: Stage) -> (usize, Decimal, usize) {
        let t = p.stages.iter().find(|t| t.stage == s).expect("every stage is listed");
        (t.n, t.total, t.unpriced)
    }

    #[test]
    fn nothing_gives_every_stage_at_zero() {
        let p = pipeline(&[], d("2026-06-01")).unwrap();
        assert_eq!(p.stages.len(), 9);
        assert!(p.stages.iter().all(|s| (s.n, s.total, s.unpriced) == (0, Decimal::ZERO, 0)));
        assert_eq!((p.booked_not_invoiced, p.owed, p.overdue), Default::default());
    }

    #[test]
    fn stage_totals_take_the_agreed_fee_in_base_else_what_is_on_the_table() {
        let mut eur = booked(deal(1, "A"), dec!(1000), Stage::Booked);
        eur.fx_rate = Some(dec!(1.10)); // 1,000 EUR × 1.10 = 1,100.00 base
        let usd = booked(deal(2, "B"), dec!(400.50), Stage::Booked);
        // Negotiating: quoted at anchor (1,800), then a brand offer of 1,350 (the last one counts).
        let mut offered = quoted(at(deal(3, "C"), Stage::Negotiating), "anchor", 1000, 1);
        offered.offers.push(Offer {
            date: d("2026-05-02"),
            from: Party::Brand,
            amount: dec!(1350),
            note: String::new(),
            verdict: None,
            percentile: None,
        });
        let quoted_only = quoted(at(deal(4, "D"), Stage::Negotiating), "anchor", 1000, 1); // 1,800
        let bare = at(deal(5, "E"), Stage::Negotiating); // nothing: unpriced
        let inquiry = deal(6, "F");
        let p = pipeline(&[eur, usd, offered, quoted_only, bare, inquiry], d("2026-06-01")).unwrap();
        assert_eq!(stage(&p, Stage::Booked), (2, dec!(1500.50), 0)); // 1,100 + 400.50
        assert_eq!(stage(&p, Stage::Negotiating), (3, dec!(3150), 1)); // 1,350 + 1,800; one unpriced
        assert_eq!(stage(&p, Stage::Inquiry), (1, dec!(0), 1));
        assert_eq!(stage(&p, Stage::Paid), (0, dec!(0), 0));
        // Both booked deals are booked but not invoiced.
        assert_eq!(p.booked_not_invoiced, Total { n: 2, total: dec!(1500.50) });
    }

    #[test]
    fn owed_is_what_is_outstanding_on_invoices_and_overdue_past_the_due_date() {
        let today = "2026-07-15";
        // Due 2026-07-01, 500 of 2,000 paid: 1,500 owed, overdue (14 days).
        let late = invoiced(
            booked(deal(1, "A"), dec!(2000), Stage::Invoiced),
            "2026-06-01",
            "2026-07-01",
            &[("2026-06-20", dec!(500))],
        );
        // Due today: owed, not overdue. 800 GBP × 1.25 = 1,000 base.
        let mut due_today = invoiced(booked(deal(2, "B"), dec!(800), Stage::Invoiced), "2026-06-15", today, &[]);
        due_today.fx_rate = Some(dec!(1.25));
        // Paid in full (overpaid): owes nothing, never overdue.
        let paid = invoiced(
            booked(deal(3, "C"), dec!(300), Stage::Paid),
            "2026-05-01",
            "2026-05-31",
            &[("2026-06-01", dec!(350))],
        );
        // Delivered, not invoiced: booked but not invoiced, not owed.
        let delivered = booked(deal(4, "D"), dec!(250), Stage::Delivered);
        // Invoiced, then cancelled, unpaid: at an end, not money she expects.
        let cancelled = invoiced(booked(deal(5, "E"), dec!(90), Stage::Cancelled), "2026-06-01", "2026-06-30", &[]);
        assert_eq!(owing(&cancelled, d(today)), Ok(None));
        assert_eq!(owing(&late, d(today)), Ok(Some((dec!(1500), Some(14)))));
        let p = pipeline(&[late, due_today, paid, delivered, cancelled], d(today)).unwrap();
        assert_eq!(p.owed, Total { n: 2, total: dec!(2500) }); // 1,500 + 1,000
        assert_eq!(p.overdue, Total { n: 1, total: dec!(1500) });
        assert_eq!(p.booked_not_invoiced, Total { n: 1, total: dec!(250) });
        assert_eq!(stage(&p, Stage::Invoiced), (2, dec!(3000), 0)); // 2,000 + 800 × 1.25
        assert_eq!(stage(&p, Stage::Paid), (1, dec!(300), 0));
    }

    #[test]
    fn a_total_past_a_decimal_is_an_error_naming_the_deal() {
        let a = booked(deal(1, "A"), Decimal::MAX, Stage::Booked);
        let b = booked(deal(2, "B"), Decimal::MAX, Stage::Booked);
        assert_eq!(pipeline(&[a, b], d("2026-06-01")), Err(TooLarge(2)));
    }
}
