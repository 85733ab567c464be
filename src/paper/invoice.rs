//! The invoice PDF (deals.md, "Invoice PDF"): the creator's business block, the
//! brand's billing block, the number and dates, one line per deliverable with its share
//! of the agreed fee (the fee split of `deals::split`, so the lines sum to the fee), the
//! agreed add-ons named, an optional tax line, the total and how to pay.
//!
//! Decisions where deals.md is silent:
//! - the tax line shows when setting `tax_percent` is above 0 (labelled `tax_label`, or
//!   "Tax" when that is empty); its amount is the agreed fee × percent ÷ 100, rounded
//!   half-up to the cent, and the total is the fee plus it. With a tax line the fee
//!   shows as the subtotal;
//! - the creator's block is headed by the legal name, or the profile's name when there
//!   is none; the brand's by its name, then its contact, billing address and email;
//! - the profile's payment terms (free text) print under "Payment" with the payment
//!   details; the tax note prints under the total;
//! - the PDF is dated (and stamped) the invoice date, so issuing it again gives the
//!   same bytes.

use super::{lines_of, typeset, PaperError, Result};
use crate::deals::invoice::{invoice_data, InvoiceData};
use crate::deals::Brand;
use crate::desk::settings::DealSettings;
use crate::model::Profile;
use crate::money;
use crate::ratecard::{template_pdf, Logo};
use crate::store::Store;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

const TEMPLATE: &str = include_str!("../../assets/invoice.typ");

/// Everything the invoice template prints (and `deals invoice --json` shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoicePaper {
    /// `a4` or `letter` (setting `card_paper`).
    pub paper: String,
    pub accent: String,
    pub number: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    /// Calendar days from the invoice date to the due date.
    pub net_days: i64,
    pub title: String,
    pub from: Party,
    pub to: Party,
    pub lines: Vec<Line>,
    /// The agreed add-ons in words (`usage rights 30 days`).
    pub add_ons: Vec<String>,
    pub currency: String,
    /// The agreed fee (the sum of the lines), as a decimal string.
    pub fee: String,
    pub fee_text: String,
    pub tax: Option<Tax>,
    /// The fee plus the tax, as a decimal string.
    pub total: String,
    pub total_text: String,
    pub payment_terms: String,
    pub payment_details: Vec<String>,
    pub tax_note: String,
}

/// Who an invoice is from or to: a name, then lines as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Party {
    pub name: String,
    /// The contact person (the brand's), address lines, tax ID and email, non-empty only.
    pub lines: Vec<String>,
}

/// One line of the invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub label: String,
    pub quantity: u32,
    pub unit_text: String,
    pub amount: String,
    pub amount_text: String,
}

/// The tax line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tax {
    pub label: String,
    pub percent: String,
    pub amount: String,
    pub amount_text: String,
}

/// Amounts on papers: the currency's symbol and two decimals (`$1,250.00`).
fn amount_text(value: Decimal, currency: &str) -> String {
    money::display(value, currency, 2)
}

/// The invoice's content from plain data (pure: the rules of what it shows).
pub fn build(
    data: &InvoiceData,
    title: &str,
    profile: &Profile,
    brand: &Brand,
    deals: &DealSettings,
    paper: &str,
) -> Result<InvoicePaper> {
    let cur = data.currency.as_str();
    let b = &profile.business;
    let mut from_lines = lines_of(&b.address);
    if !b.tax_id.trim().is_empty() {
        from_lines.push(format!("Tax ID {}", b.tax_id.trim()));
    }
    from_lines.extend(lines_of(&b.email));
    let from_name = if b.legal_name.trim().is_empty() { profile.name.trim() } else { b.legal_name.trim() };
    let mut to_lines = lines_of(&brand.contact);
    to_lines.extend(lines_of(&brand.billing));
    to_lines.extend(lines_of(&brand.email));
    let too_large = || PaperError::TooLarge {
        paper: "invoice",
        what: format!("a tax of {} % on {}", money::trimmed(deals.tax_percent, 4), money::fixed(data.total, 2)),
    };
    let tax_amount = if deals.tax_percent > Decimal::ZERO {
        data.total
            .checked_mul(deals.tax_percent)
            .and_then(|v| v.checked_div(Decimal::ONE_HUNDRED))
            .ok_or_else(too_large)?
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    } else {
        Decimal::ZERO
    };
    let tax = (deals.tax_percent > Decimal::ZERO).then(|| Tax {
        label: if deals.tax_label.trim().is_empty() { "Tax" } else { deals.tax_label.trim() }.to_string(),
        percent: money::trimmed(deals.tax_percent, 4),
        amount: money::fixed(tax_amount, 2),
        amount_text: amount_text(tax_amount, cur),
    });
    let total = data.total.checked_add(tax_amount).ok_or_else(too_large)?;
    Ok(InvoicePaper {
        paper: paper.to_string(),
        accent: profile.accent.clone(),
        number: data.number.clone(),
        date: data.date,
        due: data.due,
        net_days: (data.due - data.date).num_days(),
        title: title.trim().to_string(),
        from: Party { name: from_name.to_string(), lines: from_lines },
        to: Party { name: brand.name.clone(), lines: to_lines },
        lines: data
            .lines
            .iter()
            .map(|l| Line {
                label: l.description.clone(),
                quantity: l.quantity,
                unit_text: amount_text(l.unit, cur),
                amount: money::fixed(l.amount, 2),
                amount_text: amount_text(l.amount, cur),
            })
            .collect(),
        add_ons: data.add_ons.clone(),
        currency: cur.to_string(),
        fee: money::fixed(data.total, 2),
        fee_text: amount_text(data.total, cur),
        tax,
        total: money::fixed(total, 2),
        total_text: amount_text(total, cur),
        payment_terms: profile.payment_terms.trim().to_string(),
        payment_details: lines_of(&b.payment_details),
        tax_note: b.tax_note.trim().to_string(),
    })
}

/// Reads what the invoice of deal `id` needs (the deal must be invoiced: see
/// `desk::invoice`), with the profile's logo.
pub fn gather(store: &Store, id: i64) -> Result<(InvoicePaper, Option<Logo>)> {
    let deal = store.deal(id)?;
    let data = invoice_data(&deal).ok_or(PaperError::NotInvoiced(id))?;
    let profile = store.profile()?;
    let brand = store.brand(&deal.brand)?.unwrap_or_else(|| Brand { name: deal.brand.clone(), ..Brand::default() });
    let stored = store.settings()?;
    let paper = crate::pricing::Settings::from_stored(&stored)?.card_paper.as_str().to_string();
    let paper = build(&data, &deal.title, &profile, &brand, &DealSettings::from_stored(&stored), &paper)?;
    let logo = Logo::from_store(store).map_err(typeset("invoice"))?;
    Ok((paper, logo))
}

/// The invoice as PDF bytes (no store needed).
pub fn render(paper: &InvoicePaper, logo: Option<&Logo>) -> Result<Vec<u8>> {
    let json =
        serde_json::to_vec(paper).map_err(|e| PaperError::Typeset { paper: "invoice", message: e.to_string() })?;
    template_pdf(TEMPLATE, json, paper.date, logo).map_err(typeset("invoice"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deals::invoice::InvoiceLine;
    use crate::model::Business;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn data() -> InvoiceData {
        InvoiceData {
            number: "2026-004".into(),
            date: d("2026-12-01"),
            due: d("2026-12-31"),
            currency: "EUR".into(),
            lines: vec![
                InvoiceLine { description: "Instagram reel".into(), quantity: 1, unit: dec!(1500), amount: dec!(1500) },
                InvoiceLine {
                    description: "Instagram story".into(),
                    quantity: 3,
                    unit: dec!(266.67),
                    amount: dec!(800.01),
                },
            ],
            add_ons: vec!["exclusivity 30 days".into()],
            total: dec!(2300.01),
        }
    }

    fn profile() -> Profile {
        Profile {
            name: "Maya".into(),
            business: Business {
                legal_name: "Maya Lindqvist Studio AB".into(),
                address: "Sveavägen 1\n\n111 57 Stockholm ".into(),
                tax_id: "SE556677889901".into(),
                payment_details: "IBAN SE45 5000 0000 0583 9825 7466".into(),
                ..Business::default()
            },
            ..Profile::default()
        }
    }

    #[test]
    fn blocks_leave_empty_fields_out() {
        let brand = Brand { name: "Loop Audio".into(), contact: "Sam Reyes".into(), ..Brand::default() };
        let p = build(&data(), "Spring launch", &profile(), &brand, &DealSettings::default(), "a4").unwrap();
        assert_eq!(p.from.name, "Maya Lindqvist Studio AB");
        assert_eq!(p.from.lines, ["Sveavägen 1", "111 57 Stockholm", "Tax ID SE556677889901"]);
        assert_eq!((p.to.name.as_str(), p.to.lines.clone()), ("Loop Audio", vec!["Sam Reyes".to_string()]));
        assert_eq!(p.net_days, 30);
        // No legal name: the profile's name heads the block.
        let plain = Profile { name: "Maya".into(), ..Profile::default() };
        let p = build(&data(), "", &plain, &brand, &DealSettings::default(), "a4").unwrap();
        assert_eq!((p.from.name.as_str(), p.from.lines.len(), p.payment_details.len()), ("Maya", 0, 0));
    }

    #[test]
    fn tax_line_is_added_to_the_fee() {
        let brand = Brand { name: "Loop Audio".into(), ..Brand::default() };
        // No tax set: the total is the agreed fee, no tax line.
        let p = build(&data(), "", &profile(), &brand, &DealSettings::default(), "a4").unwrap();
        assert_eq!((p.tax.is_none(), p.total.as_str(), p.total_text.as_str()), (true, "2300.01", "€2,300.01"));
        // VAT 19 %: 2,300.01 × 19 / 100 = 437.0019 → 437.00; total 2,737.01.
        let vat = DealSettings { tax_label: "VAT".into(), tax_percent: dec!(19), ..DealSettings::default() };
        let p = build(&data(), "", &profile(), &brand, &vat, "a4").unwrap();
        let t = p.tax.clone().unwrap();
        assert_eq!((t.label.as_str(), t.percent.as_str(), t.amount.as_str()), ("VAT", "19", "437.00"));
        assert_eq!((p.fee.as_str(), p.total.as_str()), ("2300.01", "2737.01"));
        // 8.875 % of 2,300.01 = 204.1258875 → 204.13 (half-up); no label: "Tax".
        let nyc = DealSettings { tax_percent: dec!(8.875), ..DealSettings::default() };
        let p = build(&data(), "", &profile(), &brand, &nyc, "letter").unwrap();
        assert_eq!((p.tax.unwrap().label.as_str(), p.total.as_str()), ("Tax", "2504.14"));
        // Half a cent rounds away from zero: 10.50 × 5 % = 0.525 → 0.53.
        let small = InvoiceData { total: dec!(10.50), ..data() };
        let five = DealSettings { tax_percent: dec!(5), ..DealSettings::default() };
        let p = build(&small, "", &profile(), &brand, &five, "a4").unwrap();
        assert_eq!(p.tax.unwrap().amount, "0.53");
    }

    #[test]
    fn lines_sum_to_the_fee() {
        let brand = Brand { name: "Loop Audio".into(), ..Brand::default() };
        let p = build(&data(), "", &profile(), &brand, &DealSettings::default(), "a4").unwrap();
        let sum: Decimal = p.lines.iter().map(|l| l.amount.parse::<Decimal>().unwrap()).sum();
        assert_eq!(money::fixed(sum, 2), p.fee);
        assert_eq!(p.lines[1].unit_text, "€266.67");
    }
}
