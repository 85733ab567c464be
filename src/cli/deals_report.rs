//! `mille deals report` as people read it (deals.md, "What deals teach"): the
//! pipeline, how brands pay, how quotes land and quoted vs delivered, in one screen of
//! width-aware tables and a sentence. A figure on fewer than 3 deals says `(thin)`.
//! The figures are `mille::deals::teach`'s; `--json` prints its `json::to_json`.

use super::table::{clip, Align, Table};
use mille::deals::teach::{is_thin, Teach};
use mille::money;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

fn thin(n: usize) -> &'static str {
    if is_thin(n) {
        " (thin)"
    } else {
        ""
    }
}

fn count(n: u64) -> String {
    money::group_thousands(&n.to_string())
}

/// `62nd`, `50.5th`, `1st`, `11th`.
fn ordinal(value: Decimal) -> String {
    let text = money::trimmed(value, 1);
    if !value.fract().is_zero() {
        return format!("{text}th");
    }
    let n = value.trunc().abs().to_u64().unwrap_or(0);
    let suffix = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    format!("{text}{suffix}")
}

fn pipeline(t: &Teach, out: &mut String) {
    let amount = |v| money::display(v, &t.currency, 2);
    let mut table = Table::new(&[("pipeline", Align::Left), ("deals", Align::Right), ("total", Align::Right)]);
    let mut unpriced = Vec::new();
    for s in t.pipeline.stages.iter().filter(|s| s.n > 0) {
        table.row(vec![s.stage.to_string(), s.n.to_string(), amount(s.total)]);
        if s.unpriced > 0 {
            unpriced.push(format!("{} at {}", s.unpriced, s.stage));
        }
    }
    table.rule();
    let p = &t.pipeline;
    for (name, total) in [("booked, not invoiced", &p.booked_not_invoiced), ("owed", &p.owed), ("overdue", &p.overdue)]
    {
        table.row(vec![name.to_string(), total.n.to_string(), amount(total.total)]);
    }
    out.push_str(&table.render());
    if !unpriced.is_empty() {
        out.push_str(&format!("without an amount yet (no fee, offer or proposal): {}\n", unpriced.join(", ")));
    }
}

fn brands(t: &Teach, out: &mut String) {
    out.push_str("\nHow brands pay\n");
    if t.brands.is_empty() {
        out.push_str("no invoiced deals yet\n");
        return;
    }
    let mut table = Table::new(&[
        ("brand", Align::Left),
        ("paid deals", Align::Right),
        ("median days to pay", Align::Right),
        ("overdue", Align::Right),
    ]);
    for b in &t.brands {
        table.row(vec![
            clip(&b.brand, 28),
            format!("{}{}", b.n, thin(b.n)),
            b.median_days.map(|m| money::trimmed(m, 1)).unwrap_or_else(|| "—".into()),
            b.overdue.to_string(),
        ]);
    }
    out.push_str(&table.render());
}

fn quotes(t: &Teach, out: &mut String) {
    out.push_str("\nHow quotes land\n");
    let q = &t.quotes;
    if q.n == 0 {
        out.push_str("no quoted deal booked, declined or lost yet\n");
        return;
    }
    let shares: Vec<String> = q
        .by_price_point
        .iter()
        .filter(|s| s.n > 0)
        .enumerate()
        .map(|(i, s)| {
            let quotes = if i == 0 { " quotes" } else { "" };
            format!("{} of {}{quotes} at {}{}", s.won, s.n, s.price_point, thin(s.n))
        })
        .collect();
    let mut line = format!("Brands accepted {}", shares.join(", "));
    if let Some(m) = q.median_percentile {
        line.push_str(&format!(
            "; they settle at your {} percentile (median of {}{})",
            ordinal(m),
            q.percentile_n,
            thin(q.percentile_n)
        ));
    }
    out.push_str(&(line + ".\n"));
}

fn delivered(t: &Teach, out: &mut String) {
    out.push_str("\nQuoted vs delivered\n");
    let v = &t.delivered;
    if v.n == 0 {
        out.push_str("no quoted deal with measured posts yet\n");
    } else {
        let cpm = |c: Option<Decimal>| c.map(|c| money::display(c, &t.currency, 2)).unwrap_or_else(|| "—".into());
        let change = |projected: u64, delivered: u64| {
            if projected == 0 {
                return "—".to_string();
            }
            let pct =
                (Decimal::from(delivered) - Decimal::from(projected)) * Decimal::ONE_HUNDRED / Decimal::from(projected);
            let sign = if pct > Decimal::ZERO { "+" } else { "" };
            format!("{sign}{} %", money::trimmed(pct, 0))
        };
        let mut table = Table::new(&[
            ("deal", Align::Left),
            ("brand", Align::Left),
            ("projected", Align::Right),
            ("delivered", Align::Right),
            ("change", Align::Right),
            ("quoted CPM", Align::Right),
            ("delivered CPM", Align::Right),
        ]);
        for d in &v.deals {
            table.row(vec![
                d.deal.to_string(),
                clip(&d.brand, 24),
                count(d.projected),
                count(d.delivered),
                change(d.projected, d.delivered),
                cpm(d.quoted_cpm),
                cpm(d.delivered_cpm),
            ]);
        }
        table.rule();
        table.row(vec![
            format!("all {}{}", v.n, thin(v.n)),
            String::new(),
            count(v.projected),
            count(v.delivered),
            change(v.projected, v.delivered),
            cpm(v.quoted_cpm),
            cpm(v.delivered_cpm),
        ]);
        out.push_str(&table.render());
    }
    if v.awaiting > 0 {
        out.push_str(&format!("{} more awaiting impressions on their posts\n", v.awaiting));
    }
}

/// The whole report for a terminal.
pub fn render(t: &Teach) -> String {
    let mut out = format!("Deals on {}, in {}\n\n", t.as_of, t.currency);
    if t.pipeline.stages.iter().all(|s| s.n == 0) {
        return out + "no deals\n";
    }
    pipeline(t, &mut out);
    brands(t, &mut out);
    quotes(t, &mut out);
    delivered(t, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn ordinals() {
        for (v, want) in [
            (dec!(1), "1st"),
            (dec!(2), "2nd"),
            (dec!(3), "3rd"),
            (dec!(11), "11th"),
            (dec!(12), "12th"),
            (dec!(13), "13th"),
            (dec!(21), "21st"),
            (dec!(62), "62nd"),
            (dec!(100), "100th"),
            (dec!(0), "0th"),
            (dec!(50.5), "50.5th"),
        ] {
            assert_eq!(ordinal(v), want, "{v}");
        }
    }
}
