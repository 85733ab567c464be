//! How brands pay (deals.md, "What deals teach"): per brand, the median days from
//! invoice to full payment over its paid deals, and how many of its deals are overdue.
//!
//! Decisions where deals.md is silent:
//! - the day of full payment is the date of the payment that brought the payments
//!   (taken by date, then as recorded) to the agreed fee; days are calendar days from
//!   the invoice date, so a payment before the invoice counts negative (paid ahead);
//! - a deal counts when it has an invoice and its payments reach its agreed fee; a deal
//!   paid without an invoice has no day to count from and is left out;
//! - a brand is listed when it has at least one invoiced deal; brands are sorted by
//!   name (Unicode code point, as metrics.md sorts brands); `n` is its paid deals
//!   counted, thin below 3; overdue counts its deals overdue on the day, as
//!   `deals list --overdue` does.

use super::{is_thin, median};
use crate::deals::view::owed_of;
use crate::deals::Deal;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// How one brand pays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandPay {
    pub brand: String,
    /// Paid deals counted.
    pub n: usize,
    pub thin: bool,
    /// Median days from invoice to full payment; `None` with no paid deal.
    pub median_days: Option<Decimal>,
    /// Its deals overdue on the day.
    pub overdue: usize,
}

/// Calendar days from `deal`'s invoice date to the day its payments reached the agreed
/// fee; `None` when it has no invoice, no agreed fee, is not fully paid, or the payment
/// that completed it has no date (payments of unknown date count first).
pub fn days_to_pay(deal: &Deal) -> Option<i64> {
    let invoice = deal.invoice.as_ref()?;
    let fee = deal.agreed_fee?;
    let mut payments = deal.payments.clone();
    payments.sort_by_key(|p| p.date);
    let mut paid = Decimal::ZERO;
    for p in payments {
        paid = paid.checked_add(p.amount)?;
        if paid >= fee {
            // A payment of unknown date (an imported tracker's) completes the fee on
            // an unknown day: the deal does not count in days to pay.
            return p.date.map(|day| (day - invoice.date).num_days());
        }
    }
    None
}

/// How each brand with an invoiced deal pays, on `today`.
pub fn brands_pay(deals: &[Deal], today: NaiveDate) -> Vec<BrandPay> {
    let mut by_brand: BTreeMap<&str, (Vec<Decimal>, usize)> = BTreeMap::new();
    for deal in deals.iter().filter(|d| d.invoice.is_some()) {
        let entry = by_brand.entry(deal.brand.as_str()).or_default();
        if let Some(days) = days_to_pay(deal) {
            entry.0.push(Decimal::from(days));
        }
        if owed_of(deal, today).overdue_days.is_some() {
            entry.1 += 1;
        }
    }
    by_brand
        .into_iter()
        .map(|(brand, (days, overdue))| BrandPay {
            brand: brand.to_string(),
            n: days.len(),
            thin: is_thin(days.len()),
            median_days: median(&days),
            overdue,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{booked, d, deal, invoiced};
    use super::*;
    use crate::deals::Stage;
    use rust_decimal_macros::dec;

    #[test]
    fn days_run_from_the_invoice_to_the_payment_that_completes_the_fee() {
        let fee = |payments: &[(&str, Decimal)]| {
            invoiced(booked(deal(1, "A"), dec!(1000), Stage::Invoiced), "2026-03-10", "2026-04-09", payments)
        };
        for (payments, want) in [
            (vec![], None),
            (vec![("2026-03-20", dec!(999.99))], None), // a cent short: not paid
            (vec![("2026-03-20", dec!(1000))], Some(10)),
            // 400 on 4-01 (22 days), then 600 on 3-25 — by date: 600 (15 d) then 400 (22 d).
            (vec![("2026-04-01", dec!(400)), ("2026-03-25", dec!(600))], Some(22)),
            // Overpaid at once on 2026-05-01: 21 (rest of March) + 30 (April) + 1 = 52.
            (vec![("2026-05-01", dec!(1200))], Some(52)),
            (vec![("2026-03-01", dec!(1000))], Some(-9)), // paid ahead of the invoice
        ] {
            assert_eq!(days_to_pay(&fee(&payments)), want, "{payments:?}");
        }
        // Paid but never invoiced: nothing to count from.
        let mut no_invoice = fee(&[("2026-03-20", dec!(1000))]);
        no_invoice.invoice = None;
        assert_eq!(days_to_pay(&no_invoice), None);
    }

    #[test]
    fn per_brand_median_days_overdue_count_and_thin() {
        let today = d("2026-06-30");
        let paid = |id, brand, invoice: &str, paid_on: &str| {
            invoiced(booked(deal(id, brand), dec!(100), Stage::Paid), invoice, "2026-12-31", &[(paid_on, dec!(100))])
        };
        let deals = vec![
            paid(1, "Bean Co", "2026-01-01", "2026-01-11"), // 10 days
            paid(2, "Bean Co", "2026-02-01", "2026-03-05"), // 28 (February) + 4 = 32 days
            paid(3, "Bean Co", "2026-04-01", "2026-04-21"), // 20 days → median of 10, 20, 32 = 20
            paid(4, "Acme", "2026-01-01", "2026-01-31"),    // 30 days
            paid(5, "Acme", "2026-01-01", "2026-02-15"),    // 45 days → median (30 + 45) / 2 = 37.5
            // Acme: invoiced 05-01, due 05-31, unpaid on 06-30: overdue.
            invoiced(booked(deal(6, "Acme"), dec!(100), Stage::Invoiced), "2026-05-01", "2026-05-31", &[]),
            // Zed: only an overdue deal, partly paid; no paid deal to count.
            invoiced(
                booked(deal(7, "Zed"), dec!(100), Stage::Invoiced),
                "2026-05-01",
                "2026-05-31",
                &[("2026-06-01", dec!(40))],
            ),
            // Not invoiced: its brand is not listed.
            booked(deal(8, "Quiet"), dec!(100), Stage::Booked),
        ];
        let got: Vec<_> =
            brands_pay(&deals, today).into_iter().map(|b| (b.brand, b.n, b.thin, b.median_days, b.overdue)).collect();
        assert_eq!(
            got,
            vec![
                ("Acme".to_string(), 2, true, Some(dec!(37.5)), 1),
                ("Bean Co".to_string(), 3, false, Some(dec!(20)), 0),
                ("Zed".to_string(), 0, true, None, 1),
            ]
        );
        assert!(brands_pay(&[], today).is_empty());
    }
}
