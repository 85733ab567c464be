//! Reading deals back: every deal (or one) with its stages, deliverables, offers,
//! payments and linked posts, in one query per table assembled in memory, so
//! `deals list` over 10^4 deals makes seven queries, not 10^4 × 6. A damaged value is
//! an error (`StoreError::Damaged`), never a panic.

use super::error::{damaged, Result, StoreError};
use super::rows::{row_date, row_fx_rate, row_text, stored_decimal};
use super::Store;
use crate::deals::{
    AddOns, Deal, DealDeliverable, Invoice, LinkedPost, Offer, Party, Payment, Snapshot, Stage, StageEntry,
};
use crate::model::Format;
use crate::pricing::{UsageRights, Verdict};
use rusqlite::Connection;
use rust_decimal::Decimal;
use std::collections::HashMap;

const DEAL_COLUMNS: &str =
    "d.id, b.name, b.category, d.title, d.stage, d.proposal, d.agreed_fee, d.currency, d.fx_rate, \
     d.usage_rights, d.exclusivity_days, d.whitelisting_days, d.rush, d.net_days, d.invoice_number, d.invoice_date, \
     d.invoice_due, d.notes";

pub(super) fn stage_of(text: &str) -> Result<Stage> {
    Stage::parse(text).ok_or_else(|| damaged("stage", text))
}

fn opt_decimal(row: &rusqlite::Row<'_>, i: usize, what: &str) -> Result<Option<Decimal>> {
    let t: Option<String> = row.get(i)?;
    t.map(|t| stored_decimal(&t, what)).transpose()
}

fn opt_date(row: &rusqlite::Row<'_>, i: usize) -> Result<Option<chrono::NaiveDate>> {
    let t: Option<String> = row.get(i)?;
    t.map(|t| super::rows::stored_date(&t).ok_or_else(|| damaged("date", &t))).transpose()
}

fn opt_days(row: &rusqlite::Row<'_>, i: usize) -> Result<Option<u32>> {
    let n: Option<i64> = row.get(i)?;
    n.map(|n| u32::try_from(n).map_err(|_| damaged("days", &n.to_string()))).transpose()
}

fn read_deal(row: &rusqlite::Row<'_>, with_totals: bool) -> Result<Deal> {
    let text = |i: usize| -> Result<Option<&str>> {
        row.get_ref(i)?.as_str_or_null().map_err(|_| damaged("proposal snapshot", "not text"))
    };
    let (proposal, totals) = (text(5)?, if with_totals { text(18)? } else { None });
    let proposal = proposal
        .map(|t| Snapshot::read(t, totals).map_err(|why| StoreError::Damaged(format!("proposal snapshot: {why}"))))
        .transpose()?;
    let usage: Option<String> = row.get(9)?;
    let usage_rights = match usage.as_deref() {
        None => None,
        Some("perpetual") => Some(UsageRights::Perpetual),
        Some(t) => Some(UsageRights::Days(t.parse().map_err(|_| damaged("usage rights", t))?)),
    };
    let number: Option<String> = row.get(14)?;
    let invoice = match (number, opt_date(row, 15)?, opt_date(row, 16)?) {
        (Some(number), Some(date), Some(due)) => Some(Invoice { number, date, due }),
        _ => None,
    };
    Ok(Deal {
        id: row.get(0)?,
        brand: row.get(1)?,
        category: row.get(2)?,
        title: row.get(3)?,
        stage: stage_of(row_text(row, 4)?)?,
        stages: Vec::new(),
        deliverables: Vec::new(),
        proposal,
        offers: Vec::new(),
        agreed_fee: opt_decimal(row, 6, "agreed fee")?,
        currency: row.get(7)?,
        fx_rate: row_fx_rate(row, 8)?,
        add_ons: AddOns {
            usage_rights,
            exclusivity_days: opt_days(row, 10)?,
            whitelisting_days: opt_days(row, 11)?,
            rush: row.get(12)?,
        },
        net_days: opt_days(row, 13)?,
        invoice,
        payments: Vec::new(),
        posts: Vec::new(),
        notes: row.get(17)?,
    })
}

/// Runs `sql` (its first column a deal id, then the parameters `id` if given) and
/// hands each row to `add` with the deal it belongs to.
fn each_child(
    conn: &Connection,
    sql: &str,
    id: Option<i64>,
    deals: &mut [Deal],
    index: &HashMap<i64, usize>,
    mut add: impl FnMut(&mut Deal, &rusqlite::Row<'_>) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = match id {
        Some(id) => stmt.query([id])?,
        None => stmt.query([])?,
    };
    while let Some(row) = rows.next()? {
        let deal_id: i64 = row.get(0)?;
        if let Some(&i) = index.get(&deal_id) {
            add(&mut deals[i], row)?;
        }
    }
    Ok(())
}

impl Store {
    /// Every deal, newest first (by id), with everything kept about it but its kept
    /// proposal's 101 totals (four fifths of the bytes; what a board, a list or a
    /// warning reads): their [`crate::deals::Snapshot::totals`] are empty.
    pub fn deals(&self) -> Result<Vec<Deal>> {
        self.load_deals(None, false)
    }

    /// Every deal, newest first, with everything kept about it, the proposal's totals
    /// too (what offers are checked and quotes reported against; `deals list --json`).
    pub fn deals_in_full(&self) -> Result<Vec<Deal>> {
        self.load_deals(None, true)
    }

    /// One deal, its proposal's 101 totals checked (what an offer is checked against).
    pub fn deal(&self, id: i64) -> Result<Deal> {
        let deal = self.load_deals(Some(id), true)?.pop().ok_or(StoreError::NoSuchDeal(id))?;
        if let Some(s) = &deal.proposal {
            s.check_totals().map_err(|why| StoreError::Damaged(format!("proposal snapshot: {why}")))?;
        }
        Ok(deal)
    }

    fn load_deals(&self, id: Option<i64>, with_totals: bool) -> Result<Vec<Deal>> {
        let only = |column: &str| id.map(|_| format!(" WHERE {column} = ?1")).unwrap_or_default();
        let sql = format!(
            "SELECT {DEAL_COLUMNS}{} FROM deals d JOIN brands b ON b.id = d.brand_id{} ORDER BY d.id DESC",
            if with_totals { ", d.proposal_totals" } else { "" },
            only("d.id")
        );
        let mut deals = Vec::new();
        {
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = match id {
                Some(id) => stmt.query([id])?,
                None => stmt.query([])?,
            };
            while let Some(row) = rows.next()? {
                deals.push(read_deal(row, with_totals)?);
            }
        }
        let index: HashMap<i64, usize> = deals.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
        let c = &self.conn;
        let w = only("deal_id");
        each_child(
            c,
            &format!("SELECT deal_id, stage, date FROM deal_stages{w} ORDER BY id"),
            id,
            &mut deals,
            &index,
            |d, r| {
                d.stages.push(StageEntry { stage: stage_of(row_text(r, 1)?)?, date: row_date(r, 2)? });
                Ok(())
            },
        )?;
        let sql = format!("SELECT deal_id, platform, format, quantity, due FROM deal_deliverables{w} ORDER BY id");
        each_child(c, &sql, id, &mut deals, &index, |d, r| {
            let format = row_text(r, 2)?;
            let quantity: i64 = r.get(3)?;
            d.deliverables.push(DealDeliverable {
                platform: super::rows::row_platform(r, 1)?,
                format: Format::parse(format).ok_or_else(|| damaged("format", format))?,
                quantity: u32::try_from(quantity).map_err(|_| damaged("quantity", &quantity.to_string()))?,
                due: opt_date(r, 4)?,
            });
            Ok(())
        })?;
        let sql =
            format!("SELECT deal_id, date, party, amount, note, verdict, percentile FROM deal_offers{w} ORDER BY id");
        each_child(c, &sql, id, &mut deals, &index, |d, r| {
            let party = row_text(r, 2)?;
            let verdict: Option<String> = r.get(5)?;
            let verdict = match verdict.as_deref() {
                None => None,
                Some(v) => Some(
                    [Verdict::BelowFloor, Verdict::BetweenFloorAndTarget, Verdict::AtOrAboveTarget]
                        .into_iter()
                        .find(|x| x.as_str() == v)
                        .ok_or_else(|| damaged("verdict", v))?,
                ),
            };
            let percentile: Option<i64> = r.get(6)?;
            d.offers.push(Offer {
                date: row_date(r, 1)?,
                from: Party::parse(party).ok_or_else(|| damaged("party", party))?,
                amount: stored_decimal(row_text(r, 3)?, "offer")?,
                note: r.get(4)?,
                verdict,
                percentile: percentile.map(|p| p.clamp(0, 100) as u32),
            });
            Ok(())
        })?;
        let sql = format!("SELECT deal_id, date, amount FROM deal_payments{w} ORDER BY id");
        each_child(c, &sql, id, &mut deals, &index, |d, r| {
            d.payments.push(Payment { date: opt_date(r, 1)?, amount: stored_decimal(row_text(r, 2)?, "payment")? });
            Ok(())
        })?;
        let sql = format!(
            "SELECT dp.deal_id, p.id, p.date, p.fee, p.fx_rate, p.impressions FROM deal_posts dp JOIN posts p ON p.id = dp.post_id \
             WHERE p.deleted_at IS NULL{} ORDER BY p.date, p.id",
            id.map(|_| " AND dp.deal_id = ?1").unwrap_or_default()
        );
        each_child(c, &sql, id, &mut deals, &index, |d, r| {
            let fee = stored_decimal(row_text(r, 3)?, "fee")?;
            let fee_base = match row_fx_rate(r, 4)? {
                Some(rate) => fee.checked_mul(rate).unwrap_or(Decimal::MAX),
                None => fee,
            };
            let impressions: Option<i64> = r.get(5)?;
            let impressions = impressions
                .map(|n| u64::try_from(n).map_err(|_| damaged("impressions", &n.to_string())))
                .transpose()?;
            d.posts.push(LinkedPost { id: r.get(1)?, date: row_date(r, 2)?, fee_base, impressions });
            Ok(())
        })?;
        Ok(deals)
    }
}

#[cfg(test)]
mod tests {
    use crate::deals::Stage;
    use crate::store::{open_in_memory, NewDeal, StoreError};

    #[test]
    fn the_totals_are_read_only_where_asked_and_a_damaged_array_is_an_error_once() {
        let mut store = open_in_memory().unwrap();
        let kept = crate::deals::teach::fixtures::snapshot("target", &[(10_000, 1)]);
        let new = NewDeal {
            brand: "Glossier".into(),
            title: String::new(),
            stage: Stage::Negotiating,
            date: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            deliverables: Vec::new(),
            proposal: Some(kept.clone()),
            currency: "USD".into(),
        };
        let id = store.add_deal(&new).unwrap();
        let one = store.deal(id).unwrap();
        assert_eq!(one.proposal.as_ref().unwrap().totals(), kept.totals());
        assert_eq!(one.proposal.as_ref().unwrap().totals().len(), 101);
        let full = store.deals_in_full().unwrap();
        assert_eq!(full[0].proposal.as_ref().unwrap().json.value(), kept.json.value());
        // The list's read leaves the totals out; the rest of the proposal is there.
        let listed = store.deals().unwrap();
        let brief = listed[0].proposal.as_ref().unwrap();
        assert!(brief.totals().is_empty());
        assert_eq!((brief.total, brief.date), (kept.total, kept.date));

        store.conn.execute("UPDATE deals SET proposal_totals = '[\"1\", \"x\"]'", []).unwrap();
        let err = store.deal(id).unwrap_err();
        assert!(matches!(err, StoreError::Damaged(_)), "{err}");
        assert!(err.to_string().contains("101 totals"), "{err}");
        assert!(store.deals().is_ok(), "the list still opens");
    }
}
