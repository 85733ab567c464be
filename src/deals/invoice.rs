//! Invoicing (deals.md, "Money owed" and "Invoice PDF"): the number, the dates and
//! what the invoice says, as data a PDF can render.
//!
//! Numbers are `YYYY-NNN` (at least three digits, `2026-001`), sequential within the
//! invoice date's year, after an optional prefix (setting `invoice_prefix`, e.g.
//! `INV-2026-001`). The next number is one more than the highest NNN already issued
//! for that year, whatever prefix it was issued under; a stored number that does not
//! end in `YYYY-digits` does not count. The due date is the invoice date plus the net
//! days (the deal's own, else setting `net_days`, default 30).

use super::split::split_fee;
use super::Deal;
use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;

/// The NNN of `number` when it was issued in `year` (`…2026-007` → 7).
fn sequence_in(number: &str, year: i32) -> Option<u32> {
    let tag = format!("{year:04}-");
    let at = number.rfind(&tag)?;
    let digits = &number[at + tag.len()..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The next invoice number for an invoice dated in `year`, after those `issued`.
pub fn next_number<'a>(prefix: &str, year: i32, issued: impl IntoIterator<Item = &'a str>) -> String {
    let last = issued.into_iter().filter_map(|n| sequence_in(n, year)).max().unwrap_or(0);
    format!("{prefix}{year:04}-{:03}", last.saturating_add(1))
}

/// The due date: `date` plus `net_days` calendar days (`None` past the calendar's end).
pub fn due_date(date: NaiveDate, net_days: u32) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::days(i64::from(net_days)))
}

/// The year an invoice dated `date` is numbered in.
pub fn year_of(date: NaiveDate) -> i32 {
    date.year()
}

/// One line of an invoice: a deliverable, its quantity and its share of the fee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: u32,
    /// The line's amount ÷ quantity, rounded to the cent (shown as "3 × $250.00").
    pub unit: Decimal,
    /// The sum of its units' shares of the fee split.
    pub amount: Decimal,
}

/// What an invoice says (the PDF's data, without the creator's and brand's blocks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceData {
    pub number: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub currency: String,
    pub lines: Vec<InvoiceLine>,
    /// The agreed add-ons in words ("exclusivity 7 days").
    pub add_ons: Vec<String>,
    /// The agreed fee: the lines sum to it exactly.
    pub total: Decimal,
}

/// The unit weights of a deal's deliverables for the fee split: each unit's rounded
/// target line price ÷ quantity from the proposal (matched by platform/format), or
/// equal weights when the deal has no proposal or a deliverable is not in it.
pub fn unit_weights(deal: &Deal) -> Vec<Decimal> {
    let from_proposal = deal.proposal.as_ref().and_then(|s| {
        let mut w = Vec::new();
        for d in &deal.deliverables {
            let line = s.lines.iter().find(|l| l.platform == d.platform && l.format == d.format)?;
            let unit = line.target / Decimal::from(line.quantity.max(1));
            w.extend(std::iter::repeat_n(unit, d.quantity as usize));
        }
        Some(w)
    });
    from_proposal.unwrap_or_else(|| vec![Decimal::ONE; deal.deliverables.iter().map(|d| d.quantity as usize).sum()])
}

/// The invoice of a deal that has an agreed fee and an invoice number (`None`
/// otherwise).
pub fn invoice_data(deal: &Deal) -> Option<InvoiceData> {
    let fee = deal.agreed_fee?;
    let inv = deal.invoice.as_ref()?;
    let shares = split_fee(fee, &unit_weights(deal));
    let mut lines = Vec::new();
    let mut at = 0;
    for d in &deal.deliverables {
        let n = d.quantity as usize;
        let amount: Decimal = shares.get(at..at + n).map(|s| s.iter().copied().sum()).unwrap_or_default();
        at += n;
        lines.push(InvoiceLine {
            description: format!("{} {}", d.platform.display_name(), d.format),
            quantity: d.quantity,
            unit: crate::money::round(amount / Decimal::from(d.quantity.max(1)), 2),
            amount,
        });
    }
    if deal.deliverables.is_empty() {
        lines.push(InvoiceLine { description: deal.title.clone(), quantity: 1, unit: fee, amount: fee });
    }
    Some(InvoiceData {
        number: inv.number.clone(),
        date: inv.date,
        due: inv.due,
        currency: deal.currency.clone(),
        lines,
        add_ons: deal.add_ons.words(),
        total: fee,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn numbers_run_within_the_year() {
        for (prefix, year, issued, want) in [
            ("", 2026, vec![], "2026-001"),
            ("", 2026, vec!["2026-001", "2026-002"], "2026-003"),
            ("", 2027, vec!["2026-001", "2026-002"], "2027-001"), // a new year starts again
            ("INV-", 2026, vec!["2026-009", "INV-2026-010"], "INV-2026-011"), // prefix changed midway
            ("", 2026, vec!["2026-999"], "2026-1000"),
            ("", 2026, vec!["2026-abc", "draft"], "2026-001"), // not ours: ignored
        ] {
            assert_eq!(next_number(prefix, year, issued.iter().copied()), want, "{issued:?}");
        }
    }

    #[test]
    fn due_is_net_days_later() {
        assert_eq!(due_date(d("2026-12-10"), 30), Some(d("2027-01-09")));
        assert_eq!(due_date(d("2026-12-10"), 0), Some(d("2026-12-10")));
        assert_eq!(due_date(d("2028-02-01"), 29), Some(d("2028-03-01"))); // leap year
        assert_eq!(due_date(d("2026-01-31"), 14), Some(d("2026-02-14")));
    }
}
