//! Money owed (deals.md, "Money owed"): what was paid, what is outstanding, and
//! whether an invoiced deal is overdue.
//!
//! A deal is *paid* when its payments reach the agreed fee, *partly paid* when some
//! payment came in short of it. It is *overdue* when `today` is after the invoice's
//! due date and it is not paid; days overdue are calendar days after the due date
//! (due 1 December, today 3 December: 2 days). Outstanding is the agreed fee less the
//! payments, never below 0; a deal without an agreed fee owes nothing.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// How far a deal is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PayStatus {
    #[serde(rename = "unpaid")]
    Unpaid,
    #[serde(rename = "partly paid")]
    PartlyPaid,
    #[serde(rename = "paid")]
    Paid,
}

impl PayStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PayStatus::Unpaid => "unpaid",
            PayStatus::PartlyPaid => "partly paid",
            PayStatus::Paid => "paid",
        }
    }
}

/// The money side of a deal on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owed {
    pub paid: Decimal,
    pub outstanding: Decimal,
    pub status: PayStatus,
    pub overdue_days: Option<i64>,
}

/// The money side of a deal with this agreed fee, these payments and this invoice due
/// date, on `today`.
pub fn owed(agreed: Option<Decimal>, payments: &[Decimal], due: Option<NaiveDate>, today: NaiveDate) -> Owed {
    let paid: Decimal = payments.iter().copied().sum();
    let fee = agreed.unwrap_or(Decimal::ZERO);
    let status = match agreed {
        Some(f) if paid >= f => PayStatus::Paid,
        _ if paid > Decimal::ZERO => PayStatus::PartlyPaid,
        _ => PayStatus::Unpaid,
    };
    let outstanding = (fee - paid).max(Decimal::ZERO);
    let overdue_days = match due {
        Some(due) if status != PayStatus::Paid && today > due => Some((today - due).num_days()),
        _ => None,
    };
    Owed { paid, outstanding, status, overdue_days }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn paid_partly_paid_and_overdue_in_calendar_days() {
        let due = Some(d("2026-12-31"));
        for (agreed, payments, today, status, outstanding, overdue) in [
            (Some(dec!(2000)), vec![], "2026-12-31", PayStatus::Unpaid, dec!(2000), None), // due today: not yet
            (Some(dec!(2000)), vec![], "2027-01-01", PayStatus::Unpaid, dec!(2000), Some(1)),
            (Some(dec!(2000)), vec![dec!(500)], "2027-03-01", PayStatus::PartlyPaid, dec!(1500), Some(60)), // 31 + 28 + 1
            (Some(dec!(2000)), vec![dec!(500), dec!(1500)], "2027-03-01", PayStatus::Paid, dec!(0), None),
            (Some(dec!(2000)), vec![dec!(2500)], "2027-03-01", PayStatus::Paid, dec!(0), None), // overpaid
            (None, vec![dec!(100)], "2027-03-01", PayStatus::PartlyPaid, dec!(0), Some(60)),
            (None, vec![], "2026-01-01", PayStatus::Unpaid, dec!(0), None),
        ] {
            let o = owed(agreed, &payments, due, d(today));
            assert_eq!(
                (o.status, o.outstanding, o.overdue_days),
                (status, outstanding, overdue),
                "{agreed:?} {payments:?} {today}"
            );
            assert_eq!(o.paid, payments.iter().copied().sum::<Decimal>());
        }
        // Not invoiced: never overdue.
        assert_eq!(owed(Some(dec!(5)), &[], None, d("2030-01-01")).overdue_days, None);
        // Across a leap day: due 2028-02-28, today 2028-03-01 is 2 days late.
        assert_eq!(owed(Some(dec!(5)), &[], Some(d("2028-02-28")), d("2028-03-01")).overdue_days, Some(2));
    }
}
