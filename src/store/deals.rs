//! Deals (deals.md): a deal row (brand, title, stage, the kept proposal as JSON text,
//! the agreed fee, currency and fx rate as exact decimal TEXT, add-ons, net days,
//! invoice) and its child tables: the dated stage moves, the deliverables, the offers
//! with their check, the payments and the linked posts (a post belongs to at most one
//! deal). Reading them back is `deal_rows`.
//!
//! Writes are one transaction each; a stage an action reaches is passed in by the
//! caller (the rules live in `crate::deals`), recorded with its date.

use super::brands::ensure_brand;
use super::error::{Result, StoreError};
use super::rows::{date_text, insert_post};
use super::Store;
use crate::deals::{AddOns, DealDeliverable, Invoice, Offer, Payment, Snapshot, Stage, StageEntry};
use crate::model::PostData;
use crate::pricing::UsageRights;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use rust_decimal::Decimal;

/// A deal to create.
#[derive(Debug, Clone)]
pub struct NewDeal {
    pub brand: String,
    pub title: String,
    pub stage: Stage,
    /// The day it was created (its first stage's date).
    pub date: chrono::NaiveDate,
    pub deliverables: Vec<DealDeliverable>,
    pub proposal: Option<Snapshot>,
    /// The base currency (the agreed fee's until booked otherwise).
    pub currency: String,
}

/// What booking sets.
#[derive(Debug, Clone)]
pub struct Booking {
    pub fee: Decimal,
    pub currency: String,
    pub fx_rate: Option<Decimal>,
    pub add_ons: AddOns,
    pub net_days: Option<u32>,
}

fn usage_text(u: Option<UsageRights>) -> Option<String> {
    u.map(|u| match u {
        UsageRights::Days(d) => d.to_string(),
        UsageRights::Perpetual => "perpetual".into(),
    })
}

/// Records that deal `id` reached `entry.stage` on `entry.date`.
pub(super) fn record_stage(conn: &Connection, id: i64, entry: StageEntry) -> Result<()> {
    conn.execute("UPDATE deals SET stage = ?1 WHERE id = ?2", params![entry.stage.as_str(), id])?;
    conn.execute(
        "INSERT INTO deal_stages (deal_id, stage, date) VALUES (?1, ?2, ?3)",
        params![id, entry.stage.as_str(), date_text(entry.date)],
    )?;
    Ok(())
}

fn check_deal(conn: &Connection, id: i64) -> Result<()> {
    conn.query_row("SELECT 1 FROM deals WHERE id = ?1", [id], |_| Ok(())).optional()?.ok_or(StoreError::NoSuchDeal(id))
}

/// Inserts a deal (and its brand when new) inside the caller's transaction.
pub(super) fn insert_deal(conn: &Connection, deal: &NewDeal) -> Result<i64> {
    let brand = ensure_brand(conn, &deal.brand)?;
    conn.execute(
        "INSERT INTO deals (brand_id, title, stage, proposal, proposal_totals, currency) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            brand,
            deal.title,
            deal.stage.as_str(),
            deal.proposal.as_ref().map(Snapshot::object_text),
            deal.proposal.as_ref().and_then(Snapshot::totals_text),
            deal.currency
        ],
    )?;
    let id = conn.last_insert_rowid();
    record_stage(conn, id, StageEntry { stage: deal.stage, date: deal.date })?;
    for d in &deal.deliverables {
        conn.execute(
            "INSERT INTO deal_deliverables (deal_id, platform, format, quantity, due) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, d.platform.as_str(), d.format.as_str(), d.quantity, d.due.map(date_text)],
        )?;
    }
    Ok(id)
}

/// Sets what booking agrees, inside the caller's transaction.
pub(super) fn write_booking(conn: &Connection, id: i64, b: &Booking) -> Result<()> {
    let a = &b.add_ons;
    conn.execute(
        "UPDATE deals SET agreed_fee=?1, currency=?2, fx_rate=?3, usage_rights=?4, exclusivity_days=?5, \
         whitelisting_days=?6, rush=?7, net_days=?8 WHERE id=?9",
        params![
            b.fee.to_string(),
            b.currency,
            b.fx_rate.map(|r| r.to_string()),
            usage_text(a.usage_rights),
            a.exclusivity_days,
            a.whitelisting_days,
            a.rush,
            b.net_days,
            id
        ],
    )?;
    Ok(())
}

/// Records an offer, inside the caller's transaction.
pub(super) fn insert_offer(conn: &Connection, id: i64, offer: &Offer) -> Result<()> {
    conn.execute(
        "INSERT INTO deal_offers (deal_id, date, party, amount, note, verdict, percentile) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            date_text(offer.date),
            offer.from.as_str(),
            offer.amount.to_string(),
            offer.note,
            offer.verdict.map(|v| v.as_str()),
            offer.percentile
        ],
    )?;
    Ok(())
}

/// Records a payment (its date may be unknown), inside the caller's transaction.
pub(super) fn insert_payment(conn: &Connection, id: i64, payment: &Payment) -> Result<()> {
    conn.execute(
        "INSERT INTO deal_payments (deal_id, date, amount) VALUES (?1, ?2, ?3)",
        params![id, payment.date.map(date_text), payment.amount.to_string()],
    )?;
    Ok(())
}

impl Store {
    /// Creates a deal (and its brand when new); returns its id.
    pub fn add_deal(&mut self, deal: &NewDeal) -> Result<i64> {
        self.ensure_sound()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = insert_deal(&tx, deal)?;
        tx.commit()?;
        Ok(id)
    }

    /// Moves a deal to a stage on a date.
    pub fn set_deal_stage(&mut self, id: i64, entry: StageEntry) -> Result<()> {
        self.ensure_sound()?;
        let tx = self.conn.transaction()?;
        check_deal(&tx, id)?;
        record_stage(&tx, id, entry)?;
        tx.commit()?;
        Ok(())
    }

    /// Records an offer (with its check).
    pub fn add_offer(&mut self, id: i64, offer: &Offer) -> Result<()> {
        self.ensure_sound()?;
        check_deal(&self.conn, id)?;
        insert_offer(&self.conn, id, offer)
    }

    /// Sets what booking agrees, and the stage it reaches.
    pub fn book_deal(&mut self, id: i64, b: &Booking, stage: Option<StageEntry>) -> Result<()> {
        self.ensure_sound()?;
        let tx = self.conn.transaction()?;
        check_deal(&tx, id)?;
        write_booking(&tx, id, b)?;
        if let Some(e) = stage {
            record_stage(&tx, id, e)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Links live posts to a deal; a post of another deal is refused and nothing is
    /// linked. Linking a post already in this deal is a no-op.
    pub fn link_posts(&mut self, id: i64, posts: &[i64]) -> Result<()> {
        self.ensure_sound()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_deal(&tx, id)?;
        for &post in posts {
            let trashed: Option<bool> = tx
                .query_row("SELECT deleted_at IS NOT NULL FROM posts WHERE id = ?1", [post], |r| r.get(0))
                .optional()?;
            match trashed {
                None => return Err(StoreError::NoSuchPost(post)),
                Some(true) => return Err(StoreError::InTrash(post)),
                Some(false) => {}
            }
            let other: Option<i64> =
                tx.query_row("SELECT deal_id FROM deal_posts WHERE post_id = ?1", [post], |r| r.get(0)).optional()?;
            match other {
                Some(d) if d != id => return Err(StoreError::PostInDeal { post, deal: d }),
                Some(_) => {}
                None => {
                    tx.execute("INSERT INTO deal_posts (post_id, deal_id) VALUES (?1, ?2)", [post, id])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Logs posts as part of a deal (all or none) and records the stage reached;
    /// returns their ids.
    pub fn add_deal_posts(&mut self, id: i64, posts: &[PostData], stage: Option<StageEntry>) -> Result<Vec<i64>> {
        self.ensure_sound()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_deal(&tx, id)?;
        let mut ids = Vec::with_capacity(posts.len());
        for p in posts {
            let post = insert_post(&tx, p)?;
            tx.execute("INSERT INTO deal_posts (post_id, deal_id) VALUES (?1, ?2)", [post, id])?;
            ids.push(post);
        }
        if let Some(e) = stage {
            record_stage(&tx, id, e)?;
        }
        tx.commit()?;
        Ok(ids)
    }

    /// The invoice numbers issued for invoices dated in `year`.
    pub fn invoice_numbers(&self, year: i32) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT invoice_number FROM deals WHERE invoice_number IS NOT NULL AND substr(invoice_date, 1, 4) = ?1",
        )?;
        let rows = stmt.query_map([format!("{year:04}")], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// Sets a deal's invoice and the stage it reaches.
    pub fn set_invoice(&mut self, id: i64, invoice: &Invoice, stage: Option<StageEntry>) -> Result<()> {
        self.ensure_sound()?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_deal(&tx, id)?;
        tx.execute(
            "UPDATE deals SET invoice_number=?1, invoice_date=?2, invoice_due=?3 WHERE id=?4",
            params![invoice.number, date_text(invoice.date), date_text(invoice.due), id],
        )?;
        if let Some(e) = stage {
            record_stage(&tx, id, e)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records a payment and the stage it reaches.
    pub fn add_payment(&mut self, id: i64, payment: &Payment, stage: Option<StageEntry>) -> Result<()> {
        self.ensure_sound()?;
        let tx = self.conn.transaction()?;
        check_deal(&tx, id)?;
        insert_payment(&tx, id, payment)?;
        if let Some(e) = stage {
            record_stage(&tx, id, e)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Logs one post as part of deal `deal` (refused, with nothing written, when the
    /// deal does not exist).
    pub fn add_post_to_deal(&mut self, post: &PostData, deal: i64) -> Result<crate::model::Post> {
        let ids = self.add_deal_posts(deal, std::slice::from_ref(post), None)?;
        let id = ids.first().copied().ok_or(StoreError::NoSuchDeal(deal))?;
        Ok(crate::model::Post { id, data: post.clone() })
    }
}
