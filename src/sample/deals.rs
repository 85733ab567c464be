//! The deals behind the sample history (deals.md "In the app", sample-data.md): which
//! post belongs to which deal, when each deal was asked for, quoted, haggled over,
//! booked, invoiced and paid, and the deals that never became posts. Pure and seeded
//! like the posts (same seed, same plan); `crate::desk::sample` carries the plan out
//! against the store through the real deal commands (proposal snapshot, offer check,
//! booking, invoice, payment).
//!
//! The plan, relative to the sample's end date `end`:
//! - about 88 % of the posts older than 90 days belong to a deal (the rest were
//!   logged without one), every later post does; each such deal is one deliverable,
//!   due on the post's day, quoted 1–4 days after the brand asked (18–40 days before),
//!   often with the brand's lower offer and the creator's counter, booked at the
//!   post's fee, delivered on its day, invoiced 1–6 days later and paid 5–55 days
//!   after the invoice;
//! - the last three posts more than 45 days before `end` stay invoiced (the day after
//!   they went live) and unpaid: overdue on `end` (net 30); posts of the last 28 days
//!   are invoiced or just delivered;
//! - deals without posts: declined (the brand's offer far under the quote) and lost
//!   (the brand walked away after a counter) spread over the history; two booked
//!   for after `end`, one of them (`Nordhavn Coffee`) with 30 days of exclusivity;
//!   an open negotiation of `Kōhī Roasters` (also coffee) due inside that window —
//!   the sample's one exclusivity clash — and an open inquiry.
//!
//! Amounts are whole multiples of 25 (offers) or the post's own fee (the agreed fee).

use super::Rng;
use crate::model::{Format, Platform, Post};
use chrono::{Days, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

/// Every sample brand's category (what exclusivity is about).
pub const CATEGORIES: [(&str, &str); 24] = [
    ("Lumière Skincare", "skincare"),
    ("Nordhavn Coffee", "coffee"),
    ("Glow Labs", "skincare"),
    ("Trail & Pine", "outdoor"),
    ("Brauhaus Müller", "beverages"),
    ("Señora Salsa", "food"),
    ("Ørsted Outdoor", "outdoor"),
    ("Acme \"Best\", Inc.", "tech"),
    ("Zoë & Co", "fashion"),
    ("Kōhī Roasters", "coffee"),
    ("ByteBox", "tech"),
    ("Łąka Naturals", "skincare"),
    ("Juniper Travel", "travel"),
    ("Crème de la Crème", "food"),
    ("北斗 Audio", "audio"),
    ("Ça Va Bikes", "outdoor"),
    ("Finch Finance", "finance"),
    ("Moss Mobile", "tech"),
    ("Verde Meals", "food"),
    ("Pixel Forge", "gaming"),
    ("Helio Sun Care", "skincare"),
    ("Atlas Luggage", "travel"),
    ("Smørrebrød Studio", "food"),
    ("Peak Protein", "fitness"),
];

/// The brand holding the sample's one exclusivity window, and the brand of the same
/// category whose deal falls inside it.
pub const EXCLUSIVE_BRAND: &str = "Nordhavn Coffee";
pub const CLASHING_BRAND: &str = "Kōhī Roasters";

/// How a planned deal ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Inquiry,
    Negotiating,
    Declined(NaiveDate),
    Lost(NaiveDate),
    /// Booked on the date; delivered (its post linked), invoiced, paid on the dates
    /// given, in order.
    Booked {
        on: NaiveDate,
        delivered: Option<NaiveDate>,
        invoiced: Option<NaiveDate>,
        paid: Option<NaiveDate>,
    },
}

/// One offer: its day, whether the brand made it, the amount in the base currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedOffer {
    pub date: NaiveDate,
    pub from_brand: bool,
    pub amount: Decimal,
}

/// One deal of the sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedDeal {
    pub brand: String,
    pub title: String,
    pub platform: Platform,
    pub format: Format,
    /// The deliverable's due day (the post's day when it has one).
    pub due: NaiveDate,
    /// The post it delivered, if any (its fee is the agreed fee).
    pub post: Option<i64>,
    /// What such a deliverable fetched (its post's, or its template post's, fee in the
    /// base currency): the agreed fee of a deal booked without a post or a proposal.
    pub reference: Decimal,
    /// The day the brand asked (the deal's `inquiry`).
    pub asked: NaiveDate,
    /// The day the creator quoted (the proposal's as-of day; `negotiating`), if she did.
    pub quoted: Option<NaiveDate>,
    pub offers: Vec<PlannedOffer>,
    pub outcome: Outcome,
    pub exclusivity_days: Option<u32>,
}

fn add(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

fn sub(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

/// `lo..=hi` days.
fn days(rng: &mut Rng, lo: u64, hi: u64) -> u64 {
    lo + rng.below(hi - lo + 1)
}

/// `reference × share`, rounded to 25, at least 25.
fn offer_amount(reference: Decimal, share_percent: u64) -> Decimal {
    let raw = reference.checked_mul(Decimal::from(share_percent)).unwrap_or(reference) / Decimal::from(100 * 25);
    (raw.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) * Decimal::from(25)).max(Decimal::from(25))
}

/// The deals of the sample whose posts are `posts` (any order), seeded by `seed`,
/// the sample ending on `end`. Posts come out in date order of their deals.
pub fn plan(posts: &[Post], seed: u64, end: NaiveDate) -> Vec<PlannedDeal> {
    let mut rng = Rng::new(seed, 3);
    let mut sorted: Vec<&Post> = posts.iter().collect();
    sorted.sort_by_key(|p| (p.date, p.id));
    let mut out = Vec::new();
    let age = |p: &Post| (end - p.date).num_days();
    // The last three posts more than 45 days old stay invoiced and unpaid: overdue.
    let overdue: Vec<i64> = sorted.iter().rev().filter(|&&p| age(p) > 45).take(3).map(|p| p.id).collect();
    for &p in &sorted {
        let age = age(p);
        let is_overdue = overdue.contains(&p.id);
        if age > 90 && !is_overdue && rng.f64() < 0.12 {
            continue;
        }
        let reference = p.fee_base();
        let due = p.date;
        let asked = sub(due, days(&mut rng, 18, 40));
        let quoted = add(asked, days(&mut rng, 1, 4));
        let mut offers = Vec::new();
        let mut last = quoted;
        if rng.f64() < 0.6 {
            last = add(last, days(&mut rng, 2, 6));
            offers.push(PlannedOffer {
                date: last,
                from_brand: true,
                amount: offer_amount(reference, 72 + rng.below(24)),
            });
            if rng.f64() < 0.5 {
                last = add(last, days(&mut rng, 1, 3));
                offers.push(PlannedOffer { date: last, from_brand: false, amount: offer_amount(reference, 100) });
            }
        }
        let booked = add(last, days(&mut rng, 1, 5)).min(sub(due, 1)).max(last);
        let invoiced = add(due, days(&mut rng, 1, 6)).min(end);
        let paid = add(invoiced, days(&mut rng, 5, 55)).min(end);
        let (invoiced, paid) = if is_overdue {
            (Some(add(due, 1)), None)
        } else if age > 28 {
            (Some(invoiced), Some(paid))
        } else if rng.f64() < 0.5 {
            (Some(invoiced), None)
        } else {
            (None, None)
        };
        out.push(PlannedDeal {
            brand: p.brand.clone(),
            title: p.campaign.clone(),
            platform: p.platform,
            format: p.format.clone(),
            due,
            post: Some(p.id),
            reference,
            asked,
            quoted: Some(quoted),
            offers,
            outcome: Outcome::Booked { on: booked, delivered: Some(due), invoiced, paid },
            exclusivity_days: None,
        });
    }
    out.extend(without_posts(&mut rng, &sorted, end));
    out
}

/// Deals that never became posts: declined, lost, booked for later, still open. Each
/// takes a random post as its template (deliverable, reference fee).
fn without_posts(rng: &mut Rng, posts: &[&Post], end: NaiveDate) -> Vec<PlannedDeal> {
    let mut out = Vec::new();
    if posts.is_empty() {
        return out;
    }
    let first = posts.first().map_or(end, |p| p.date);
    let span = (end - first).num_days().max(1) as u64;
    let template = |rng: &mut Rng| posts[rng.below(posts.len() as u64) as usize];
    let other_brand = |rng: &mut Rng| loop {
        let (b, c) = CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
        if c != "coffee" {
            return b.to_string();
        }
    };
    let n_ended = (posts.len() / 12).clamp(2, 40);
    for k in 0..n_ended {
        let t = template(rng);
        let asked = add(first, rng.below(span.saturating_sub(20).max(1)));
        let quoted = add(asked, days(rng, 1, 3));
        let reference = t.fee_base();
        let brand = other_brand(rng);
        let declined = k % 2 == 0;
        let mut offers = Vec::new();
        let outcome = if declined {
            let d = add(quoted, days(rng, 2, 5));
            offers.push(PlannedOffer {
                date: d,
                from_brand: true,
                amount: offer_amount(reference, 35 + rng.below(20)),
            });
            Outcome::Declined(add(d, days(rng, 1, 3)))
        } else {
            let d = add(quoted, days(rng, 2, 6));
            offers.push(PlannedOffer {
                date: d,
                from_brand: true,
                amount: offer_amount(reference, 60 + rng.below(20)),
            });
            let c = add(d, days(rng, 1, 3));
            offers.push(PlannedOffer { date: c, from_brand: false, amount: offer_amount(reference, 100) });
            Outcome::Lost(add(c, days(rng, 7, 20)))
        };
        out.push(planned(t, brand, add(quoted, days(rng, 20, 40)), asked, Some(quoted), offers, outcome));
    }
    // Booked for after the end: the exclusive one, and another.
    for (brand, exclusivity) in [(EXCLUSIVE_BRAND.to_string(), Some(30)), (other_brand(rng), None)] {
        let t = template(rng);
        let due = add(end, days(rng, 7, 20));
        let asked = sub(end, days(rng, 12, 20));
        let quoted = add(asked, 2);
        let on = add(quoted, days(rng, 3, 6)).min(end);
        let outcome = Outcome::Booked { on, delivered: None, invoiced: None, paid: None };
        let mut d = planned(t, brand, due, asked, Some(quoted), Vec::new(), outcome);
        d.exclusivity_days = exclusivity;
        out.push(d);
    }
    // The clash: the same category, due inside the exclusive deal's window.
    let window_start = out.iter().find(|d| d.exclusivity_days.is_some()).map_or(end, |d| d.due);
    let t = template(rng);
    let asked = sub(end, days(rng, 3, 8));
    let due = add(window_start, days(rng, 5, 20));
    out.push(planned(t, CLASHING_BRAND.to_string(), due, asked, Some(add(asked, 1)), Vec::new(), Outcome::Negotiating));
    // An inquiry not yet answered.
    let t = template(rng);
    let asked = sub(end, days(rng, 0, 3));
    let brand = other_brand(rng);
    out.push(planned(t, brand, add(end, days(rng, 25, 45)), asked, None, Vec::new(), Outcome::Inquiry));
    out
}

fn planned(
    t: &Post,
    brand: String,
    due: NaiveDate,
    asked: NaiveDate,
    quoted: Option<NaiveDate>,
    offers: Vec<PlannedOffer>,
    outcome: Outcome,
) -> PlannedDeal {
    PlannedDeal {
        brand,
        title: String::new(),
        platform: t.platform,
        format: t.format.clone(),
        due,
        post: None,
        reference: t.fee_base(),
        asked,
        quoted,
        offers,
        outcome,
        exclusivity_days: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{generate, SampleOptions, DEFAULT_END};

    fn posts(seed: u64, rows: usize) -> Vec<Post> {
        let opts = SampleOptions { rows, seed, ..SampleOptions::default() };
        generate(&opts).into_iter().enumerate().map(|(i, data)| Post { id: i as i64 + 1, data }).collect()
    }

    fn unpaid_invoice_before(d: &PlannedDeal, day: NaiveDate) -> bool {
        matches!(d.outcome, Outcome::Booked { invoiced: Some(i), paid: None, .. } if i + Days::new(30) < day)
    }

    #[test]
    fn the_plan_is_seeded_and_has_every_kind_of_deal() {
        for (seed, rows) in [(1, 160), (7, 300), (2, 40)] {
            let p = posts(seed, rows);
            let plan = plan(&p, seed, DEFAULT_END);
            assert_eq!(plan, super::plan(&p, seed, DEFAULT_END), "same seed, same deals");
            assert_ne!(plan, super::plan(&p, seed + 1, DEFAULT_END), "another seed, other deals");
            let with_post = plan.iter().filter(|d| d.post.is_some()).count();
            assert!(with_post * 10 >= rows * 8, "most posts belong to a deal: {with_post} of {rows}");
            let count = |f: &dyn Fn(&Outcome) -> bool| plan.iter().filter(|d| f(&d.outcome)).count();
            assert!(
                count(&|o| matches!(o, Outcome::Declined(_))) >= 1 && count(&|o| matches!(o, Outcome::Lost(_))) >= 1
            );
            let overdue = plan.iter().filter(|d| unpaid_invoice_before(d, DEFAULT_END)).count();
            assert!((2..=3).contains(&overdue), "seed {seed}: {overdue} overdue");
            let exclusive: Vec<&PlannedDeal> = plan.iter().filter(|d| d.exclusivity_days.is_some()).collect();
            assert_eq!(exclusive.len(), 1);
            let window = (exclusive[0].due, exclusive[0].due + Days::new(29));
            let coffee: Vec<&str> = CATEGORIES.iter().filter(|(_, c)| *c == "coffee").map(|(b, _)| *b).collect();
            let inside = plan
                .iter()
                .filter(|d| d.brand != EXCLUSIVE_BRAND && coffee.contains(&d.brand.as_str()))
                .filter(|d| d.due >= window.0 && d.due <= window.1)
                .count();
            assert_eq!(inside, 1, "one clash");
            for d in &plan {
                let mut days = vec![d.asked];
                days.extend(d.quoted);
                days.extend(d.offers.iter().map(|o| o.date));
                assert!(days.windows(2).all(|w| w[0] <= w[1]), "in order: {d:?}");
                if let Outcome::Booked { on, invoiced, paid, .. } = d.outcome {
                    assert!(on >= *days.last().unwrap_or(&on) && paid.is_none_or(|p| invoiced.is_some_and(|i| i <= p)));
                    assert!(paid.is_none_or(|p| p <= DEFAULT_END), "{d:?}");
                }
            }
        }
    }

    #[test]
    fn offers_are_whole_25s() {
        for (reference, percent, expected) in [(1000, 72, 725), (1000, 100, 1000), (10, 50, 25), (1337, 80, 1075)] {
            assert_eq!(
                offer_amount(Decimal::from(reference), percent),
                Decimal::from(expected),
                "{reference} {percent}"
            );
        }
    }
}
