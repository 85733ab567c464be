//! The sample's deals written through the real deal commands (`mille sample --deals`,
//! the app's "Try with sample data"): the plan of `crate::sample::deals`, carried out
//! as a creator would — each quoted deal saved from a proposal priced on the history
//! before its quote day (the snapshot with its 101 totals, as `propose --save-deal`
//! keeps it), the brand's offers checked against it, booked, its post linked,
//! invoiced and paid on the planned days. A deal whose quote day has too little
//! history to price is kept without a proposal. The brands get their categories.

use super::{book, invoice, link, pay, record_offer, set_stage, BookInput, Result};
use crate::deals::{DealDeliverable, Party, Snapshot, Stage};
use crate::model::Post;
use crate::pricing::{Deliverable, Pricer, Request, Settings};
use crate::sample::deals::{plan, Outcome, PlannedDeal, CATEGORIES};
use crate::store::{BrandChanges, NewDeal, Store};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Makes the sample's deals for the posts stored (the sample of `seed`, ending on
/// `end`); returns how many deals were made. Same posts and seed, same deals.
pub fn make_sample_deals(store: &mut Store, seed: u64, end: NaiveDate) -> Result<usize> {
    for (brand, category) in CATEGORIES {
        let changes = BrandChanges { category: Some(category.to_string()), ..BrandChanges::default() };
        store.set_brand(brand, &changes)?;
    }
    let posts = store.posts()?;
    let settings = Settings::from_stored(&store.settings()?).unwrap_or_default();
    let base = store.profile()?.base_currency;
    let planned = plan(&posts, seed, end);
    // The history indexed once for every quote; each quote's proposal and its 101
    // totals share their dates' context (the same prices as `propose` and
    // `totals_by_quantile` each on their own).
    let mut pricer = Pricer::new(&posts);
    let by_id: HashMap<i64, &Post> = posts.iter().map(|p| (p.id, p)).collect();
    for d in &planned {
        make_one(store, d, &mut pricer, (&by_id, &settings, &base))?;
    }
    Ok(planned.len())
}

/// The posts by id, the pricing settings and the base currency.
type Inputs<'a> = (&'a HashMap<i64, &'a Post>, &'a Settings, &'a str);

/// The proposal snapshot of `d` as quoted on its quote day, if the history then
/// allows a price.
fn snapshot(
    d: &PlannedDeal,
    quoted: NaiveDate,
    pricer: &mut Pricer,
    settings: &Settings,
    base: &str,
) -> Option<Snapshot> {
    let deliverable = Deliverable { platform: d.platform, format: d.format.clone(), quantity: 1 };
    let mut req = Request::new(vec![deliverable], d.due, quoted);
    req.brand = Some(d.brand.clone());
    let proposal = pricer.propose(settings, &req, base).ok()?;
    let totals = pricer.totals_by_quantile(settings, &req).ok()?;
    Snapshot::new(&proposal, "target", &totals).ok()
}

fn make_one(store: &mut Store, d: &PlannedDeal, pricer: &mut Pricer, inputs: Inputs<'_>) -> Result<()> {
    let new = NewDeal {
        brand: d.brand.clone(),
        title: d.title.clone(),
        stage: Stage::Inquiry,
        date: d.asked,
        deliverables: vec![DealDeliverable {
            platform: d.platform,
            format: d.format.clone(),
            quantity: 1,
            due: Some(d.due),
        }],
        proposal: d.quoted.and_then(|q| snapshot(d, q, pricer, inputs.1, inputs.2)),
        currency: inputs.2.to_string(),
    };
    let id = store.add_deal(&new)?;
    if let Some(q) = d.quoted {
        set_stage(store, id, Stage::Negotiating, q)?;
    }
    for o in &d.offers {
        let from = if o.from_brand { Party::Brand } else { Party::Creator };
        record_offer(store, id, from, o.amount, o.date, "")?;
    }
    match d.outcome {
        Outcome::Inquiry | Outcome::Negotiating => {}
        Outcome::Declined(on) => set_stage(store, id, Stage::Declined, on)?,
        Outcome::Lost(on) => set_stage(store, id, Stage::Lost, on)?,
        Outcome::Booked { on, delivered, invoiced, paid } => {
            let post = d.post.and_then(|id| inputs.0.get(&id).copied());
            let fee = match post {
                Some(p) => Some((p.fee, p.currency.clone(), p.fx_rate)),
                // Without a post: the quote's total (booking's default), else the reference.
                None if new.proposal.is_some() || !d.offers.is_empty() => None,
                None => Some((d.reference, inputs.2.to_string(), None)),
            };
            let input = BookInput { fee, exclusivity_days: d.exclusivity_days, ..BookInput::default() };
            book(store, id, &input, on)?;
            if let (Some(p), Some(day)) = (post, delivered) {
                link(store, id, &[p.id])?;
                set_stage(store, id, Stage::Delivered, day)?;
            }
            if let Some(day) = invoiced {
                invoice(store, id, day)?;
            }
            if let (Some(day), Some(p)) = (paid, post) {
                pay(store, id, p.fee, day)?;
            }
        }
    }
    Ok(())
}
