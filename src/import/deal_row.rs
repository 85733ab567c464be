//! What a tracker row says about a deal (real-files.md "Statuses", deals.md
//! "Import"), as read from the file; making the deals is the store's job
//! (`Store::begin_import`), inside the import's one transaction.
//!
//! - A row whose status names a post stage (booked, delivered, invoiced, paid) is a
//!   post *and* a deal at that stage: [`RowDeal`] rides on its `ParsedRow`.
//! - A row whose status is not live (inquiry, negotiating, declined, lost,
//!   cancelled) is a [`DealRow`]: a deal without a post. Its date and brand are
//!   required as in every row; its platform, format and fee may be empty (an inquiry
//!   often has no price yet), but what is written must read.
//!
//! Decisions where the spec is silent: a row with an empty status, or a status that
//! names no stage, is a plain post (no deal): the creator said nothing about the
//! business. `paid_on` counts on a `paid` row only; on any other row it is read (a bad
//! date is an error) and otherwise ignored.

use super::status::Stage;
use crate::model::{Format, Platform};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The deal side of a row that is also a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowDeal {
    /// Booked, delivered, invoiced or paid.
    pub stage: Stage,
    /// The day the brand paid (a `paid` row with a `paid_on` date).
    pub paid_on: Option<NaiveDate>,
}

/// A fee as read from a row: amount, currency and fx rate (base units per unit,
/// `None` in the base currency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowFee {
    pub amount: Decimal,
    pub currency: String,
    pub fx_rate: Option<Decimal>,
}

/// A row whose status is not live: a deal without a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealRow {
    /// The line in the file where the row starts.
    pub line: usize,
    /// Inquiry, negotiating, declined, lost or cancelled.
    pub stage: Stage,
    /// The row's date (the stage's date, and the deliverable's due date).
    pub date: NaiveDate,
    pub brand: String,
    /// The row's campaign (the deal's title), verbatim.
    pub title: String,
    /// Platform and format when the row names both (one unit, due on `date`).
    pub deliverable: Option<(Platform, Format)>,
    /// The fee written in the row, if any.
    pub fee: Option<RowFee>,
    pub notes: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{read_csv, ImportOptions};
    use rust_decimal_macros::dec;

    fn read(rows: &str) -> crate::import::Parsed {
        let head = "date,brand,campaign,platform,format,fee,currency,fx_rate,status,paid_on\n";
        read_csv(format!("{head}{rows}").as_bytes(), &ImportOptions::default()).expect("the file reads")
    }

    #[test]
    fn a_status_makes_a_post_with_a_deal_or_a_deal_alone() {
        // (row, the post's deal stage (None: a plain post), the deal without a post)
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        for (row, post, alone) in [
            ("2026-01-05,B,C,instagram,reel,100,USD,,Paid,2026-02-01", Some((Stage::Paid, d("2026-02-01"))), None),
            ("2026-01-05,B,C,instagram,reel,100,USD,,bezahlt,", Some((Stage::Paid, None)), None),
            ("2026-01-05,B,C,instagram,reel,100,USD,,Live,2026-02-01", Some((Stage::Delivered, None)), None),
            ("2026-01-05,B,C,instagram,reel,100,USD,,gebucht,", Some((Stage::Booked, None)), None),
            ("2026-01-05,B,C,instagram,reel,100,USD,,offen,", Some((Stage::Invoiced, None)), None),
            ("2026-01-05,B,C,instagram,reel,100,USD,,,", None, None),
            ("2026-01-05,B,C,instagram,reel,100,USD,,waiting on brand,", None, None),
            ("2026-01-05,B,,,,,,,Anfrage,", None, Some(Stage::Inquiry)),
            ("2026-01-05,B,C,tiktok,,,,,lost,", None, Some(Stage::Lost)),
            ("2026-01-05,B,C,tiktok,video,n/a,,,storniert,", None, Some(Stage::Cancelled)),
        ] {
            let p = read(&format!("{row}\n"));
            match alone {
                Some(stage) => {
                    assert!(p.rows.is_empty(), "{row}");
                    assert_eq!(p.deals.iter().map(|r| r.stage).collect::<Vec<_>>(), vec![stage], "{row}");
                }
                None => {
                    assert!(p.deals.is_empty(), "{row}");
                    let deal = p.rows[0].deal.map(|d| (d.stage, d.paid_on));
                    assert_eq!(deal, post, "{row}");
                }
            }
        }
    }

    #[test]
    fn a_row_not_live_keeps_what_it_has_and_must_read() {
        let p = read("2026-03-01,Atlas,Reisen,YouTube,Integration,1000,EUR,1.1,In Verhandlung,\n");
        let row = &p.deals[0];
        assert_eq!(
            (row.line, row.stage, row.brand.as_str(), row.title.as_str()),
            (2, Stage::Negotiating, "Atlas", "Reisen")
        );
        assert_eq!(row.deliverable.as_ref().map(|(p, f)| (p.as_str(), f.as_str())), Some(("youtube", "integration")));
        assert_eq!(row.fee, Some(RowFee { amount: dec!(1000), currency: "EUR".into(), fx_rate: Some(dec!(1.1)) }));
        // Written but unreadable is an error, named by its column; a date is still required.
        for (row, column) in [
            ("2026-03-01,B,,instagram,reel,abc,,,lead,", "fee"),
            (",B,,,,,,,lead,", "date"),
            ("2026-03-01,,,,,,,,lead,", "brand"),
        ] {
            let e = read_csv(
                format!("date,brand,campaign,platform,format,fee,currency,fx_rate,status,paid_on\n{row}\n").as_bytes(),
                &ImportOptions::default(),
            )
            .expect_err(row);
            assert!(e.to_string().contains(&format!("column {column}")), "{row}: {e}");
        }
    }
}
