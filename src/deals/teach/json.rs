//! What the deals teach as `mille deals report --json` prints it (and the app reads
//! it): one stable object, amounts and CPMs as decimal strings rounded to 2 places half
//! away from zero, medians as decimal strings with at most one place (`"37.5"`),
//! counts and impressions as numbers, a figure without data `null`, and every figure
//! with its `n` and `thin` (metrics.md's conventions):
//!
//! ```json
//! {"as_of": "2026-12-01", "currency": "USD",
//!  "pipeline": {"stages": [{"stage": "inquiry", "n": 0, "thin": true, "total": "0.00", "unpriced": 0}, …],
//!               "booked_not_invoiced": {"n", "thin", "total"}, "owed": {…}, "overdue": {…}},
//!  "brands_pay": [{"brand", "n", "thin", "median_days": "20" | null, "overdue": 1}],
//!  "quotes_land": {"n", "thin", "won",
//!                  "by_price_point": [{"price_point": "target", "won", "n", "thin"}, {"price_point": "anchor", …}],
//!                  "median_percentile": {"value": "62" | null, "n", "thin"},
//!                  "deals": [{"id", "brand", "price_point", "won", "percentile": 62 | null}]},
//!  "quoted_vs_delivered": {"overall": {"n", "thin", "projected_impressions", "delivered_impressions",
//!                                      "fee", "quoted_cpm", "delivered_cpm"},
//!                          "deals": [{"id", "brand", "projected_impressions", "delivered_impressions",
//!                                     "fee", "quoted_cpm", "delivered_cpm"}],
//!                          "awaiting": 0}}
//! ```

use super::delivered::DealDelivery;
use super::pipeline::Total;
use super::quotes::PointShare;
use super::{is_thin, Teach};
use crate::money;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn amount(v: Decimal) -> Value {
    Value::String(money::fixed(v, 2))
}

fn opt_amount(v: Option<Decimal>) -> Value {
    v.map_or(Value::Null, amount)
}

fn opt_median(v: Option<Decimal>) -> Value {
    v.map_or(Value::Null, |m| Value::String(money::trimmed(m, 1)))
}

fn total(t: &Total) -> Value {
    json!({"n": t.n, "thin": is_thin(t.n), "total": amount(t.total)})
}

fn share(s: &PointShare) -> Value {
    json!({"price_point": s.price_point, "won": s.won, "n": s.n, "thin": s.thin})
}

fn delivery(d: &DealDelivery) -> Value {
    json!({
        "id": d.deal,
        "brand": d.brand,
        "projected_impressions": d.projected,
        "delivered_impressions": d.delivered,
        "fee": amount(d.fee),
        "quoted_cpm": opt_amount(d.quoted_cpm),
        "delivered_cpm": opt_amount(d.delivered_cpm),
    })
}

/// The report as one JSON object.
pub fn to_json(t: &Teach) -> Value {
    let p = &t.pipeline;
    let q = &t.quotes;
    let v = &t.delivered;
    json!({
        "as_of": t.as_of.to_string(),
        "currency": t.currency,
        "pipeline": {
            "stages": p.stages.iter().map(|s| json!({
                "stage": s.stage.as_str(),
                "n": s.n,
                "thin": is_thin(s.n),
                "total": amount(s.total),
                "unpriced": s.unpriced,
            })).collect::<Vec<_>>(),
            "booked_not_invoiced": total(&p.booked_not_invoiced),
            "owed": total(&p.owed),
            "overdue": total(&p.overdue),
        },
        "brands_pay": t.brands.iter().map(|b| json!({
            "brand": b.brand,
            "n": b.n,
            "thin": b.thin,
            "median_days": opt_median(b.median_days),
            "overdue": b.overdue,
        })).collect::<Vec<_>>(),
        "quotes_land": {
            "n": q.n,
            "thin": q.thin,
            "won": q.won,
            "by_price_point": q.by_price_point.iter().map(share).collect::<Vec<_>>(),
            "median_percentile": {
                "value": opt_median(q.median_percentile),
                "n": q.percentile_n,
                "thin": q.percentile_thin,
            },
            "deals": q.deals.iter().map(|o| json!({
                "id": o.deal,
                "brand": o.brand,
                "price_point": o.price_point,
                "won": o.won,
                "percentile": o.percentile,
            })).collect::<Vec<_>>(),
        },
        "quoted_vs_delivered": {
            "overall": {
                "n": v.n,
                "thin": v.thin,
                "projected_impressions": v.projected,
                "delivered_impressions": v.delivered,
                "fee": amount(v.fee),
                "quoted_cpm": opt_amount(v.quoted_cpm),
                "delivered_cpm": opt_amount(v.delivered_cpm),
            },
            "deals": v.deals.iter().map(delivery).collect::<Vec<_>>(),
            "awaiting": v.awaiting,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{booked, d, deal, invoiced, posts, quoted};
    use super::super::report;
    use super::*;
    use crate::deals::Stage;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts_are_strings_counts_numbers_and_missing_figures_null() {
        // One paid deal: quoted at target, booked at 1,234.565 (→ "1234.57" half away
        // from zero), 100,000 projected, 80,000 delivered, paid 12 days after the invoice.
        let paid = posts(
            invoiced(
                booked(quoted(deal(1, "Acme"), "target", 100_000, 1), dec!(1234.565), Stage::Paid),
                "2026-03-01",
                "2026-03-31",
                &[("2026-03-13", dec!(1234.565))],
            ),
            &[Some(80_000)],
        );
        let j = to_json(&report(&[paid], "USD", d("2026-04-01")).unwrap());
        assert_eq!(j["currency"], "USD");
        let stages = j["pipeline"]["stages"].as_array().unwrap();
        assert_eq!(stages.len(), 9);
        assert_eq!(stages[5], json!({"stage": "paid", "n": 1, "thin": true, "total": "1234.57", "unpriced": 0}));
        assert_eq!(j["pipeline"]["owed"], json!({"n": 0, "thin": true, "total": "0.00"}));
        assert_eq!(
            j["brands_pay"],
            json!([{"brand": "Acme", "n": 1, "thin": true, "median_days": "12", "overdue": 0}])
        );
        // 1,234.565 is closest to 1000 + 10·23 = 1,230 (gap 4.565; 1,240 is 5.435 away).
        assert_eq!(j["quotes_land"]["deals"][0]["percentile"], 23);
        assert_eq!(j["quotes_land"]["median_percentile"], json!({"value": "23", "n": 1, "thin": true}));
        assert_eq!(
            j["quotes_land"]["by_price_point"][1],
            json!({"price_point": "anchor", "won": 0, "n": 0, "thin": true})
        );
        // 1,234.565 / 100,000 × 1000 = 12.34565 → "12.35"; / 80,000 × 1000 = 15.4320625 → "15.43".
        let o = &j["quoted_vs_delivered"]["overall"];
        assert_eq!((o["quoted_cpm"].as_str(), o["delivered_cpm"].as_str()), (Some("12.35"), Some("15.43")));
        assert_eq!((o["projected_impressions"].as_u64(), o["n"].as_u64()), (Some(100_000), Some(1)));
        // Nothing at all: medians and CPMs null, lists empty.
        let j = to_json(&report(&[], "EUR", d("2026-04-01")).unwrap());
        assert_eq!(j["quotes_land"]["median_percentile"]["value"], Value::Null);
        assert_eq!(j["quoted_vs_delivered"]["overall"]["quoted_cpm"], Value::Null);
        assert_eq!(j["brands_pay"], json!([]));
    }
}
