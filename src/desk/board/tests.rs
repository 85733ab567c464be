use super::*;
use crate::deals::{AddOns, Invoice, Offer, Party, Payment, StageEntry};
use rust_decimal_macros::dec;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn deal(id: i64, stage: Stage) -> Deal {
    Deal {
        id,
        brand: format!("Brand {id}"),
        category: String::new(),
        title: String::new(),
        stage,
        stages: vec![StageEntry { stage, date: day("2026-11-01") }],
        deliverables: Vec::new(),
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

fn offer(amount: Decimal) -> Offer {
    Offer { date: day("2026-11-02"), from: Party::Brand, amount, note: String::new(), verdict: None, percentile: None }
}

fn invoiced(mut d: Deal, fee: Decimal, due: &str, paid: &[Decimal]) -> Deal {
    d.agreed_fee = Some(fee);
    d.invoice = Some(Invoice { number: "2026-001".into(), date: day("2026-11-01"), due: day(due) });
    d.payments = paid.iter().map(|&amount| Payment { date: Some(day("2026-11-20")), amount }).collect();
    d
}

#[test]
fn stages_total_their_values_and_the_money_side_counts_booked_owed_and_overdue() {
    let today = day("2026-12-04");
    let mut negotiating = deal(1, Stage::Negotiating);
    negotiating.offers.push(offer(dec!(900)));
    let mut booked = deal(2, Stage::Booked);
    booked.agreed_fee = Some(dec!(1000));
    booked.offers.push(offer(dec!(900)));
    let mut euro = deal(3, Stage::Delivered);
    euro.agreed_fee = Some(dec!(500));
    euro.currency = "EUR".into();
    euro.fx_rate = Some(dec!(1.1));
    let late = invoiced(deal(4, Stage::Invoiced), dec!(2000), "2026-11-30", &[dec!(500)]);
    let on_time = invoiced(deal(5, Stage::Invoiced), dec!(300), "2026-12-31", &[]);
    let paid = invoiced(deal(6, Stage::Paid), dec!(700), "2026-11-30", &[dec!(700)]);
    let cancelled = invoiced(deal(7, Stage::Cancelled), dec!(50), "2026-11-01", &[]);
    let bare = deal(8, Stage::Inquiry);
    let deals = [negotiating, booked, euro, late, on_time, paid, cancelled, bare];
    let b = pipeline(&deals, today).unwrap();
    let col = |s: Stage| b.columns.iter().find(|c| c.stage == s).unwrap();
    assert_eq!(b.columns.len(), Stage::ALL.len(), "every stage, empty ones too");
    assert_eq!(col(Stage::Negotiating).total, Tally { count: 1, amount: dec!(900) }, "the last offer before booking");
    assert_eq!(col(Stage::Booked).total, Tally { count: 1, amount: dec!(1000) }, "the agreed fee once booked");
    assert_eq!(col(Stage::Delivered).total.amount, dec!(550), "in the base currency");
    assert_eq!(col(Stage::Inquiry).total, Tally { count: 1, amount: dec!(0) });
    assert_eq!(col(Stage::Invoiced).rows.iter().map(|r| r.id).collect::<Vec<_>>(), [4, 5], "overdue first");
    assert_eq!(col(Stage::Invoiced).rows[0].overdue_days, Some(4));
    assert_eq!(col(Stage::Invoiced).rows[0].outstanding, Some(dec!(1500)));
    assert_eq!(b.money.booked, Tally { count: 2, amount: dec!(1550) });
    assert_eq!(b.money.owed, Tally { count: 2, amount: dec!(1800) }, "not the paid one, not the cancelled one");
    assert_eq!(b.money.overdue, Tally { count: 1, amount: dec!(1500) });
    assert_eq!(money_of(&deals, today).unwrap(), b.money);
    assert_eq!(col(Stage::Cancelled).rows[0].overdue_days, None, "an end is never overdue on the board");
}

#[test]
fn open_deals_of_a_brand_are_the_live_ones_newest_first() {
    let mut a = deal(1, Stage::Booked);
    a.brand = "Acme".into();
    let mut b = deal(2, Stage::Negotiating);
    b.brand = "ACME".into();
    let mut c = deal(3, Stage::Paid);
    c.brand = "Acme".into();
    let mut d = deal(4, Stage::Lost);
    d.brand = "Acme".into();
    let e = deal(5, Stage::Booked);
    let ids: Vec<i64> = open_for_brand(&[a, b, c, d, e], " acme ").unwrap().iter().map(|r| r.id).collect();
    assert_eq!(ids, [2, 1]);
}
