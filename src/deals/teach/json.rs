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
use crate::deals::Stage;
use crate::money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// The whole report, as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeachJson {
    pub as_of: NaiveDate,
    pub currency: String,
    pub pipeline: PipelineJson,
    pub brands_pay: Vec<BrandPayJson>,
    pub quotes_land: QuotesJson,
    pub quoted_vs_delivered: DeliveredJson,
}

/// A count of deals and their total in the base currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TotalJson {
    pub n: usize,
    pub thin: bool,
    pub total: String,
}

/// One stage: its deals, their total, and how many of them have no amount yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageJson {
    pub stage: Stage,
    pub n: usize,
    pub thin: bool,
    pub total: String,
    pub unpriced: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PipelineJson {
    pub stages: Vec<StageJson>,
    pub booked_not_invoiced: TotalJson,
    pub owed: TotalJson,
    pub overdue: TotalJson,
}

/// How one brand pays: median days from invoice to full payment (`"37.5"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BrandPayJson {
    pub brand: String,
    pub n: usize,
    pub thin: bool,
    pub median_days: Option<String>,
    pub overdue: usize,
}

/// Of the decided quotes at a price point, how many were won.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PointShareJson {
    pub price_point: String,
    pub won: usize,
    pub n: usize,
    pub thin: bool,
}

/// The median percentile agreed (`"62"`) over `n` won deals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MedianJson {
    pub value: Option<String>,
    pub n: usize,
    pub thin: bool,
}

/// One decided quote: won or not, and the agreed fee's percentile when won.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutcomeJson {
    pub id: i64,
    pub brand: String,
    pub price_point: String,
    pub won: bool,
    pub percentile: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuotesJson {
    pub n: usize,
    pub thin: bool,
    pub won: usize,
    pub by_price_point: Vec<PointShareJson>,
    pub median_percentile: MedianJson,
    pub deals: Vec<OutcomeJson>,
}

/// Quoted vs delivered: impressions projected and delivered, the agreed fee, and the
/// CPM quoted and delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FiguresJson {
    pub projected_impressions: u64,
    pub delivered_impressions: u64,
    pub fee: String,
    pub quoted_cpm: Option<String>,
    pub delivered_cpm: Option<String>,
}

/// Quoted vs delivered over every deal that can say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OverallJson {
    pub n: usize,
    pub thin: bool,
    #[serde(flatten)]
    pub figures: FiguresJson,
}

/// Quoted vs delivered of one deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeliveryJson {
    pub id: i64,
    pub brand: String,
    #[serde(flatten)]
    pub figures: FiguresJson,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeliveredJson {
    pub overall: OverallJson,
    pub deals: Vec<DeliveryJson>,
    pub awaiting: usize,
}

fn amount(v: Decimal) -> String {
    money::fixed(v, 2)
}

fn median(v: Option<Decimal>) -> Option<String> {
    v.map(|m| money::trimmed(m, 1))
}

fn total(t: &Total) -> TotalJson {
    TotalJson { n: t.n, thin: is_thin(t.n), total: amount(t.total) }
}

fn share(s: &PointShare) -> PointShareJson {
    PointShareJson { price_point: s.price_point.clone(), won: s.won, n: s.n, thin: s.thin }
}

fn figures(projected: u64, delivered: u64, fee: Decimal, cpms: (Option<Decimal>, Option<Decimal>)) -> FiguresJson {
    FiguresJson {
        projected_impressions: projected,
        delivered_impressions: delivered,
        fee: amount(fee),
        quoted_cpm: cpms.0.map(amount),
        delivered_cpm: cpms.1.map(amount),
    }
}

fn delivery(d: &DealDelivery) -> DeliveryJson {
    let figures = figures(d.projected, d.delivered, d.fee, (d.quoted_cpm, d.delivered_cpm));
    DeliveryJson { id: d.deal, brand: d.brand.clone(), figures }
}

/// The report as one JSON object.
pub fn to_json(t: &Teach) -> TeachJson {
    let p = &t.pipeline;
    let q = &t.quotes;
    let v = &t.delivered;
    TeachJson {
        as_of: t.as_of,
        currency: t.currency.clone(),
        pipeline: PipelineJson {
            stages: p
                .stages
                .iter()
                .map(|s| StageJson {
                    stage: s.stage,
                    n: s.n,
                    thin: is_thin(s.n),
                    total: amount(s.total),
                    unpriced: s.unpriced,
                })
                .collect(),
            booked_not_invoiced: total(&p.booked_not_invoiced),
            owed: total(&p.owed),
            overdue: total(&p.overdue),
        },
        brands_pay: t
            .brands
            .iter()
            .map(|b| BrandPayJson {
                brand: b.brand.clone(),
                n: b.n,
                thin: b.thin,
                median_days: median(b.median_days),
                overdue: b.overdue,
            })
            .collect(),
        quotes_land: QuotesJson {
            n: q.n,
            thin: q.thin,
            won: q.won,
            by_price_point: q.by_price_point.iter().map(share).collect(),
            median_percentile: MedianJson {
                value: median(q.median_percentile),
                n: q.percentile_n,
                thin: q.percentile_thin,
            },
            deals: q
                .deals
                .iter()
                .map(|o| OutcomeJson {
                    id: o.deal,
                    brand: o.brand.clone(),
                    price_point: o.price_point.clone(),
                    won: o.won,
                    percentile: o.percentile,
                })
                .collect(),
        },
        quoted_vs_delivered: DeliveredJson {
            overall: OverallJson {
                n: v.n,
                thin: v.thin,
                figures: figures(v.projected, v.delivered, v.fee, (v.quoted_cpm, v.delivered_cpm)),
            },
            deals: v.deals.iter().map(delivery).collect(),
            awaiting: v.awaiting,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{booked, d, deal, invoiced, posts, quoted};
    use super::super::report;
    use super::*;
    use rust_decimal_macros::dec;
    use serde_json::{json, Value};

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
        let j = serde_json::to_value(to_json(&report(&[paid], "USD", d("2026-04-01")).unwrap())).unwrap();
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
        let j = serde_json::to_value(to_json(&report(&[], "EUR", d("2026-04-01")).unwrap())).unwrap();
        assert_eq!(j["quotes_land"]["median_percentile"]["value"], Value::Null);
        assert_eq!(j["quoted_vs_delivered"]["overall"]["quoted_cpm"], Value::Null);
        assert_eq!(j["brands_pay"], json!([]));
    }
}
