//! The deals a tracker's status column makes (real-files.md "Statuses", deals.md
//! "Import"), written inside the import's one transaction (`Import::add_row`,
//! `Import::add_deal_row`), so a refused file writes no deal either.
//!
//! A row at a post stage (booked, delivered, invoiced, paid) becomes a deal at that
//! stage with its post linked: the brand, the row's campaign as title, one deliverable
//! (the post's platform/format, ×1, due on its date), the post's fee, currency and fx
//! rate as the agreed fee; a `paid` row records a payment of the fee, on its `paid_on`
//! date or with the date unknown. A row not live becomes a deal without a post.
//!
//! Decisions where the spec is silent:
//! - **Stage dates.** A tracker keeps one date per row, the post's: the deal records
//!   the stages the row proves, dated that day: `booked` for a booked row (the booking
//!   day is unknown; the post's day stands for it); `delivered` on the post's day for
//!   a delivered, invoiced or paid row (it went live then), then `invoiced` on the same
//!   day (the invoice's own day is unknown) and `paid` on `paid_on` (else the post's
//!   day). No invoice number is made up: an imported invoiced deal has no invoice, so
//!   it is owed but never overdue until invoiced in Mille.
//! - **Posts already stored.** A live row that is a duplicate of a stored post that
//!   belongs to no deal (imported before deals existed) makes its deal around that
//!   post; one already in a deal is left alone. So importing a tracker twice, or after
//!   an import without statuses, makes each deal once.
//! - **A fee on a row not live** (the price discussed) is kept as an offer from the
//!   creator, in the base currency (converted at the row's fx rate, rounded half away
//!   from zero to the cent), its note naming the fee as written.
//! - **Duplicate deals** (real-files.md "Duplicates"): a row not live equals a stored
//!   deal of the same brand (case-insensitive) with its date among the deal's stage
//!   or due dates and, when the row has a campaign, the same title (case-insensitive),
//!   else the same deliverables. Each stored deal stands for one row, as posts do.

use super::deals::{insert_deal, insert_offer, insert_payment, record_stage, write_booking, NewDeal};
use super::error::{Result, StoreError};
use super::Store;
use crate::deals::{AddOns, Deal, DealDeliverable, Offer, Party, Payment, Stage, StageEntry};
use crate::import::{self, DealRow, RowDeal};
use crate::model::PostData;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use rust_decimal::RoundingStrategy;
use std::collections::{HashMap, HashSet};

/// The deal stage a tracker's status names.
pub(super) fn stage_of(s: import::Stage) -> Stage {
    match s {
        import::Stage::Inquiry => Stage::Inquiry,
        import::Stage::Negotiating => Stage::Negotiating,
        import::Stage::Declined => Stage::Declined,
        import::Stage::Lost => Stage::Lost,
        import::Stage::Cancelled => Stage::Cancelled,
        import::Stage::Booked => Stage::Booked,
        import::Stage::Delivered => Stage::Delivered,
        import::Stage::Invoiced => Stage::Invoiced,
        import::Stage::Paid => Stage::Paid,
    }
}

/// Makes the deal of a live row around its stored post `post_id`.
pub(super) fn insert_row_deal(
    conn: &Connection,
    post_id: i64,
    post: &PostData,
    rd: &RowDeal,
    base: &str,
) -> Result<()> {
    let stage = stage_of(rd.stage);
    let first = if stage == Stage::Booked { Stage::Booked } else { Stage::Delivered };
    let new = NewDeal {
        brand: post.brand.clone(),
        title: post.campaign.clone(),
        stage: first,
        date: post.date,
        deliverables: vec![DealDeliverable {
            platform: post.platform,
            format: post.format.clone(),
            quantity: 1,
            due: Some(post.date),
        }],
        proposal: None,
        currency: base.to_string(),
    };
    let id = insert_deal(conn, &new)?;
    let booking = super::Booking {
        fee: post.fee,
        currency: post.currency.clone(),
        fx_rate: post.fx_rate.filter(|_| post.currency != base),
        add_ons: AddOns::default(),
        net_days: None,
    };
    write_booking(conn, id, &booking)?;
    conn.execute("INSERT INTO deal_posts (post_id, deal_id) VALUES (?1, ?2)", params![post_id, id])?;
    if matches!(stage, Stage::Invoiced | Stage::Paid) {
        record_stage(conn, id, StageEntry { stage: Stage::Invoiced, date: post.date })?;
    }
    if stage == Stage::Paid {
        insert_payment(conn, id, &Payment { date: rd.paid_on, amount: post.fee })?;
        record_stage(conn, id, StageEntry { stage: Stage::Paid, date: rd.paid_on.unwrap_or(post.date) })?;
    }
    Ok(())
}

/// Makes the deal of a row not live.
pub(super) fn insert_not_live(conn: &Connection, row: &DealRow, base: &str) -> Result<()> {
    let new = NewDeal {
        brand: row.brand.clone(),
        title: row.title.clone(),
        stage: stage_of(row.stage),
        date: row.date,
        deliverables: row
            .deliverable
            .iter()
            .map(|(platform, format)| DealDeliverable {
                platform: *platform,
                format: format.clone(),
                quantity: 1,
                due: Some(row.date),
            })
            .collect(),
        proposal: None,
        currency: base.to_string(),
    };
    let id = insert_deal(conn, &new)?;
    if let Some(offer) = offer_of(row, base)? {
        insert_offer(conn, id, &offer)?;
    }
    Ok(())
}

/// The fee of a row not live as the creator's offer, in the base currency.
fn offer_of(row: &DealRow, base: &str) -> Result<Option<Offer>> {
    let Some(fee) = &row.fee else { return Ok(None) };
    let (amount, note) = match fee.fx_rate.filter(|_| fee.currency != base) {
        None => (fee.amount, "the fee in the tracker".to_string()),
        Some(rate) => {
            let converted = fee
                .amount
                .checked_mul(rate)
                .ok_or_else(|| StoreError::Damaged(format!("fee {} × fx rate {rate}", fee.amount)))?
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            (converted, format!("the fee in the tracker: {} {} at {rate}", fee.amount, fee.currency))
        }
    };
    Ok(Some(Offer { date: row.date, from: Party::Creator, amount, note, verdict: None, percentile: None }))
}

/// What a row not live is compared on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum What {
    Title(String),
    /// (platform, format, quantity), sorted.
    Deliverables(Vec<(String, String, u32)>),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    brand: String,
    date: NaiveDate,
    what: What,
}

fn title_of(t: &str) -> Option<What> {
    let t = t.trim().to_lowercase();
    (!t.is_empty()).then_some(What::Title(t))
}

fn deliverables_of<'a>(d: impl Iterator<Item = (&'a str, &'a str, u32)>) -> What {
    let mut v: Vec<(String, String, u32)> = d.map(|(p, f, q)| (p.to_string(), f.to_string(), q)).collect();
    v.sort();
    What::Deliverables(v)
}

/// The stored deals a row not live may repeat, by what it is compared on; each deal
/// matches one row at most.
#[derive(Debug, Default)]
pub(super) struct StoredDeals {
    by_key: HashMap<Key, Vec<i64>>,
    used: HashSet<i64>,
}

impl StoredDeals {
    pub(super) fn load(store: &Store) -> Result<StoredDeals> {
        let mut out = StoredDeals::default();
        for deal in store.deals()? {
            out.add(&deal);
        }
        Ok(out)
    }

    fn add(&mut self, deal: &Deal) {
        let brand = deal.brand.trim().to_lowercase();
        let mut dates: Vec<NaiveDate> = deal.stages.iter().map(|s| s.date).collect();
        dates.extend(deal.deliverables.iter().filter_map(|d| d.due));
        dates.sort();
        dates.dedup();
        let items = deal.deliverables.iter().map(|d| (d.platform.as_str(), d.format.as_str(), d.quantity));
        let mut whats = vec![deliverables_of(items)];
        whats.extend(title_of(&deal.title));
        for date in dates {
            for what in &whats {
                let key = Key { brand: brand.clone(), date, what: what.clone() };
                self.by_key.entry(key).or_default().push(deal.id);
            }
        }
    }

    /// True (and the stored deal taken) when `row` repeats a stored deal.
    pub(super) fn take(&mut self, row: &DealRow) -> bool {
        let what = title_of(&row.title)
            .unwrap_or_else(|| deliverables_of(row.deliverable.iter().map(|(p, f)| (p.as_str(), f.as_str(), 1))));
        let key = Key { brand: row.brand.trim().to_lowercase(), date: row.date, what };
        let Some(ids) = self.by_key.get(&key) else { return false };
        match ids.iter().find(|id| !self.used.contains(id)) {
            Some(&id) => {
                self.used.insert(id);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deals::StageEntry;
    use crate::import::RowFee;
    use crate::model::{Format, Platform};
    use rust_decimal_macros::dec;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    fn row(brand: &str, title: &str, date: &str, deliverable: Option<(Platform, &str)>) -> DealRow {
        DealRow {
            line: 2,
            stage: import::Stage::Inquiry,
            date: day(date),
            brand: brand.into(),
            title: title.into(),
            deliverable: deliverable.and_then(|(p, f)| Some((p, Format::parse(f)?))),
            fee: None,
            notes: String::new(),
        }
    }

    fn stored(id: i64, brand: &str, title: &str, stage_day: &str, due: Option<&str>) -> Deal {
        Deal {
            id,
            brand: brand.into(),
            category: String::new(),
            title: title.into(),
            stage: Stage::Negotiating,
            stages: vec![StageEntry { stage: Stage::Inquiry, date: day(stage_day) }],
            deliverables: vec![DealDeliverable {
                platform: Platform::Instagram,
                format: Format::parse("reel").expect("a format"),
                quantity: 1,
                due: due.map(day),
            }],
            proposal: None,
            offers: Vec::new(),
            agreed_fee: None,
            currency: "USD".into(),
            fx_rate: None,
            add_ons: AddOns::default(),
            net_days: None,
            invoice: None,
            payments: Vec::new(),
            posts: Vec::new(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_row_not_live_repeats_a_stored_deal_on_brand_title_or_deliverables_and_date() {
        let reel = Some((Platform::Instagram, "reel"));
        for (row, expected) in [
            (row("glow labs", "Spring", "2026-03-01", None), true),
            (row("Glow Labs", " spring ", "2026-03-20", None), true),
            (row("Glow Labs", "Spring", "2026-03-02", None), false),
            (row("Glow Labs", "Summer", "2026-03-01", reel), false),
            (row("Glow Labs", "", "2026-03-20", reel), true),
            (row("Glow Labs", "", "2026-03-20", Some((Platform::Tiktok, "video"))), false),
            (row("Other", "Spring", "2026-03-01", None), false),
        ] {
            let mut s = StoredDeals::default();
            s.add(&stored(1, "Glow Labs", "Spring", "2026-03-01", Some("2026-03-20")));
            assert_eq!(s.take(&row), expected, "{row:?}");
            // Each stored deal stands for one row.
            assert!(!s.take(&row), "{row:?}");
        }
    }

    #[test]
    fn a_fee_on_a_row_not_live_is_the_creators_offer_in_the_base_currency() {
        let mut r = row("B", "", "2026-03-01", None);
        assert_eq!(offer_of(&r, "USD").ok().flatten(), None);
        for (amount, currency, rate, expected) in [
            (dec!(1000), "USD", None, dec!(1000)),
            (dec!(1000.005), "EUR", Some(dec!(1)), dec!(1000.01)),
            (dec!(333.33), "EUR", Some(dec!(1.0815)), dec!(360.50)),
            (dec!(100), "USD", Some(dec!(2)), dec!(100)),
        ] {
            r.fee = Some(RowFee { amount, currency: currency.into(), fx_rate: rate });
            let o = offer_of(&r, "USD").ok().flatten().expect("an offer");
            assert_eq!(
                (o.amount, o.from, o.date),
                (expected, Party::Creator, day("2026-03-01")),
                "{amount} {currency}"
            );
        }
    }
}
