//! Deals built by hand for the tests of `deals::teach`: a bare deal, then the stage,
//! fee, invoice, payments, proposal and posts each test needs, in a line.

use crate::deals::{Deal, Invoice, LinkedPost, Payment, Snapshot, Stage, StageEntry};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::json;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a test date")
}

/// Deal `id` of `brand` at inquiry, nothing else.
pub fn deal(id: i64, brand: &str) -> Deal {
    Deal {
        id,
        brand: brand.into(),
        category: String::new(),
        title: String::new(),
        stage: Stage::Inquiry,
        stages: vec![StageEntry { stage: Stage::Inquiry, date: d("2026-01-01") }],
        deliverables: Vec::new(),
        proposal: None,
        offers: Vec::new(),
        agreed_fee: None,
        currency: "USD".into(),
        fx_rate: None,
        add_ons: Default::default(),
        net_days: None,
        invoice: None,
        payments: Vec::new(),
        posts: Vec::new(),
        notes: String::new(),
    }
}

/// The deal at `stage`.
pub fn at(mut deal: Deal, stage: Stage) -> Deal {
    deal.stage = stage;
    deal
}

/// The deal booked at `fee` (in its currency), at `stage`.
pub fn booked(deal: Deal, fee: Decimal, stage: Stage) -> Deal {
    let mut deal = at(deal, stage);
    deal.agreed_fee = Some(fee);
    deal
}

/// The deal invoiced on `date`, due `due`, with these payments (date, amount).
pub fn invoiced(mut deal: Deal, date: &str, due: &str, payments: &[(&str, Decimal)]) -> Deal {
    deal.invoice = Some(Invoice { number: format!("2026-{:03}", deal.id), date: d(date), due: d(due) });
    deal.payments = payments.iter().map(|(day, amount)| Payment { date: Some(d(day)), amount: *amount }).collect();
    deal
}

/// A kept proposal quoted at `price_point`, whose unrounded total at q = p/100 is
/// 1000 + 10·p (so 1,500 at the median), rounded totals 1,200 / 1,500 / 1,800, and
/// lines of (projected impressions per unit, quantity).
pub fn snapshot(price_point: &str, lines: &[(u64, u32)]) -> Snapshot {
    let lines: Vec<_> = lines
        .iter()
        .map(|(imps, qty)| {
            json!({
                "platform": "instagram", "format": "reel", "quantity": qty,
                "projected_impressions": imps, "price": {"target": "500.00"}
            })
        })
        .collect();
    let totals: Vec<String> = (0..=100).map(|p| (Decimal::from(1000 + 10 * p)).to_string()).collect();
    let text = json!({
        "proposal": {
            "date": "2026-06-01",
            "total": {"floor": "1200.00", "target": "1500.00", "anchor": "1800.00"},
            "lines": lines,
        },
        "price_point": price_point,
        "totals_by_q": totals,
    });
    Snapshot::parse(&text.to_string()).expect("a test snapshot")
}

/// The deal quoted from [`snapshot`] at `price_point` with one line of `imps` × `qty`.
pub fn quoted(mut deal: Deal, price_point: &str, imps: u64, qty: u32) -> Deal {
    deal.proposal = Some(snapshot(price_point, &[(imps, qty)]));
    deal
}

/// The deal with linked posts of these impressions (`None`: not reported yet).
pub fn posts(mut deal: Deal, impressions: &[Option<u64>]) -> Deal {
    deal.posts = impressions
        .iter()
        .enumerate()
        .map(|(i, imps)| LinkedPost {
            id: deal.id * 100 + i as i64,
            date: d("2026-06-01"),
            fee_base: Decimal::ZERO,
            impressions: *imps,
        })
        .collect();
    deal
}
