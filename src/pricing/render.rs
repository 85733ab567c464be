//! Human views of a proposal and a backtest. The proposal reads as a quote the creator
//! can paste into an email (deliverables, target prices, add-ons, total, the
//! performance option without its cap), followed by a part for her eyes only: floor
//! and anchor, the working and evidence of each line, and the offer check.

use super::backtest::{Backtest, BacktestStats};
use super::proposal::{AddOnDays, Proposal};
use crate::money;
use rust_decimal::Decimal;
use std::fmt::Write;

fn price(value: Decimal, currency: &str) -> String {
    let dp = if value.fract().is_zero() { 0 } else { 2 };
    money::display(value, currency, dp)
}

fn count(n: u64) -> String {
    money::group_thousands(&n.to_string())
}

/// Right-aligned table rows with a header, columns separated by two spaces; the first
/// column is left-aligned.
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            let pad = widths[i] - c.chars().count();
            if i == 0 {
                line.push_str(c);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(c);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A proposal for people.
pub fn render_proposal(p: &Proposal) -> String {
    let cur = p.currency.as_str();
    let mut out = String::new();
    let who = p.brand.as_deref().map(|b| format!(" for {b}")).unwrap_or_default();
    let _ = writeln!(out, "Proposal{who}, campaign going live {}", p.date);
    out.push('\n');
    let mut rows = vec![vec!["Deliverable".to_string(), "Qty".into(), "Est. impressions".into(), "Price".into()]];
    for l in &p.lines {
        rows.push(vec![
            format!("{} {}", l.platform.display_name(), l.format),
            l.quantity.to_string(),
            count(l.projected_impressions.saturating_mul(u64::from(l.quantity))),
            price(l.price.target, cur),
        ]);
    }
    out.push_str(&table(&rows));
    if !p.addons.is_empty() {
        let parts: Vec<String> = p
            .addons
            .iter()
            .map(|a| {
                let term = match a.days {
                    Some(AddOnDays::Days(d)) => format!(" {d} days"),
                    Some(AddOnDays::Perpetual) => " perpetual".to_string(),
                    None => String::new(),
                };
                format!("{}{term} +{} %", a.name.as_str(), money::trimmed(a.percent, 2))
            })
            .collect();
        let _ = writeln!(out, "Included: {} (in the prices above)", parts.join(", "));
    }
    if !p.bundle_discount_percent.is_zero() {
        let _ = writeln!(out, "Bundle discount: {} %", money::trimmed(p.bundle_discount_percent, 2));
    }
    let _ = writeln!(out, "Total: {}", price(p.total.target, cur));
    if let (Some(base), Some(bonus)) = (p.performance.base, p.performance.bonus_cpm) {
        let _ = writeln!(
            out,
            "Or performance-based: {} for {} guaranteed impressions, plus {} per 1,000 impressions above that.",
            price(base, cur),
            count(p.performance.guaranteed_impressions),
            money::display(bonus, cur, 2)
        );
    }

    out.push_str("\n— For you only (not for the brand) —\n");
    let season = if p.season_posts == 0 {
        format!("No {} deal to compare with yet (season factor {}).", p.season, money::fixed(p.season_factor, 2))
    } else {
        format!("{} deals run {}× your typical ({} posts).", p.season, money::fixed(p.season_factor, 2), p.season_posts)
    };
    let _ = writeln!(
        out,
        "Your audience grows {} %/yr, your CPM {} %/yr. {season} Priced as of {}.",
        money::trimmed(p.audience_growth * Decimal::ONE_HUNDRED, 0),
        money::trimmed(p.cpm_growth * Decimal::ONE_HUNDRED, 0),
        p.as_of
    );
    out.push('\n');
    let mut rows = vec![vec![
        "Deliverable".to_string(),
        "Floor".into(),
        "Target".into(),
        "Anchor".into(),
        "CPM floor/target/anchor".into(),
        "Confidence".into(),
    ]];
    for l in &p.lines {
        rows.push(vec![
            format!("{} {}", l.platform.display_name(), l.format),
            price(l.price.floor, cur),
            price(l.price.target, cur),
            price(l.price.anchor, cur),
            format!(
                "{} / {} / {}",
                money::display(l.cpm.floor, cur, 2),
                money::display(l.cpm.target, cur, 2),
                money::display(l.cpm.anchor, cur, 2)
            ),
            l.confidence.as_str().to_string(),
        ]);
    }
    rows.push(vec![
        "Total".to_string(),
        price(p.total.floor, cur),
        price(p.total.target, cur),
        price(p.total.anchor, cur),
        String::new(),
        String::new(),
    ]);
    out.push_str(&table(&rows));
    for l in &p.lines {
        let _ = writeln!(out, "\n{} {}: {}", l.platform.display_name(), l.format, l.working);
        let evidence = match (l.evidence_from, l.evidence_to) {
            (Some(a), Some(b)) => format!("{} posts in the window, {a} to {b}", l.evidence_posts),
            _ => "no post of this format in the window".to_string(),
        };
        let projection = match (l.projection, l.share) {
            (super::ProjectionKind::PlatformShare, Some(s)) => format!(
                "impressions from the platform's recent posts × the format's typical share {}",
                money::fixed(s, 2)
            ),
            (kind, _) => match kind {
                super::ProjectionKind::Segment => "impressions from this format's 10 most recent posts".to_string(),
                super::ProjectionKind::ThinSegment => "impressions from this format's only 1-2 posts".to_string(),
                super::ProjectionKind::Entered => "impressions as you entered them".to_string(),
                super::ProjectionKind::PlatformShare => "impressions from the platform's recent posts".to_string(),
            },
        };
        let _ = writeln!(out, "  {evidence}; {projection}; {}; confidence {}.", l.level_note, l.confidence.as_str());
    }
    let _ = writeln!(out, "\nPerformance cap (private): {}", price(p.performance.cap, cur));
    if let Some(o) = &p.offer {
        let cpm = o.cpm.map(|c| format!(" ({} CPM)", money::display(c, cur, 2))).unwrap_or_default();
        let counter = o.counter.map(|c| format!("; counter with {}", price(c, cur))).unwrap_or_default();
        let _ = writeln!(
            out,
            "Offer {}{cpm}: percentile {}, {}{counter}.",
            money::display(o.amount, cur, 2),
            o.percentile,
            o.verdict.as_str()
        );
    }
    out
}

fn frac(v: Option<Decimal>) -> String {
    v.map(|v| format!("{} %", money::fixed(v * Decimal::ONE_HUNDRED, 1))).unwrap_or_else(|| "–".to_string())
}

fn signed(v: Option<Decimal>) -> String {
    v.map(|v| money::fixed(v, 3)).unwrap_or_else(|| "–".to_string())
}

fn stats_row(name: String, s: &BacktestStats) -> Vec<String> {
    vec![
        name,
        s.deals.to_string(),
        s.skipped.to_string(),
        frac(s.target_error),
        signed(s.bias),
        frac(s.below_floor),
        frac(s.below_target),
        frac(s.below_anchor),
        frac(s.baseline_error),
    ]
}

/// A backtest for people, with the breakdown by platform/format.
pub fn render_backtest(b: &Backtest) -> String {
    let mut out = String::new();
    match b.period {
        Some((from, to)) => {
            let _ = writeln!(
                out,
                "Backtest of the deals from {from} to {to} ({} months), each priced from the posts before it.",
                b.months
            );
        }
        None => {
            let _ = writeln!(out, "Backtest: there are no posts yet.");
            return out;
        }
    }
    out.push('\n');
    let mut rows = vec![vec![
        "Platform/format".to_string(),
        "Deals".into(),
        "Skipped".into(),
        "Target error".into(),
        "Bias".into(),
        "Below floor".into(),
        "Below target".into(),
        "Below anchor".into(),
        "Baseline error".into(),
    ]];
    for s in &b.segments {
        rows.push(stats_row(format!("{}/{}", s.platform, s.format), &s.stats));
    }
    rows.push(stats_row("All".to_string(), &b.total));
    out.push_str(&table(&rows));
    out.push_str(
        "\nTarget error: median |target − fee| / fee; bias: median ln(target / fee); below: share of fees under each price (ideal 25 / 50 / 75 %); baseline: the blended average CPM rule of thumb.\n",
    );
    out
}
