//! `mille deals show`'s human view: one deal in a few plain lines.

use mille::deals::view::DealView;
use mille::money;
use rust_decimal::Decimal;

fn amount(text: &str, currency: &str) -> String {
    money::display(text.parse::<Decimal>().unwrap_or_default(), currency, 2)
}

/// The deal as text.
pub fn render(v: &DealView) -> String {
    let mut s = format!("Deal {}: {}", v.id, v.brand);
    if !v.title.is_empty() {
        s.push_str(&format!(" — {}", v.title));
    }
    s.push_str(&format!("\nStage: {}", v.stage));
    let moves: Vec<String> = v.stages.iter().map(|e| format!("{} {}", e.stage.as_str(), e.date)).collect();
    s.push_str(&format!(" ({})\n", moves.join(", ")));
    for d in &v.deliverables {
        let due = d.due.map(|d| format!(", due {d}")).unwrap_or_default();
        s.push_str(&format!("Deliverable: {}/{} × {}{due}\n", d.platform, d.format, d.quantity));
    }
    if let Some(p) = v.proposal.as_ref().map(|p| p.value()) {
        let t = &p["proposal"]["total"];
        s.push_str(&format!(
            "Proposal for {}: floor {}, target {}, anchor {} (quoted at {})\n",
            p["proposal"]["date"].as_str().unwrap_or(""),
            t["floor"].as_str().unwrap_or(""),
            t["target"].as_str().unwrap_or(""),
            t["anchor"].as_str().unwrap_or(""),
            p["price_point"].as_str().unwrap_or("target"),
        ));
    }
    for o in &v.offers {
        let check = match (o.verdict, o.percentile) {
            (Some(verdict), Some(p)) => format!(": {verdict}, percentile {p}"),
            _ => String::new(),
        };
        s.push_str(&format!("Offer {} from {}: {}{check}\n", o.date, o.from, amount(&o.amount, &v.currency)));
    }
    if let Some(fee) = &v.agreed_fee {
        s.push_str(&format!("Agreed fee: {}", amount(fee, &v.currency)));
        if let Some(r) = &v.fx_rate {
            s.push_str(&format!(" (fx rate {r})"));
        }
        s.push('\n');
    }
    if let Some(i) = &v.invoice {
        s.push_str(&format!("Invoice {} dated {}, due {}\n", i.number, i.date, i.due));
    }
    for p in &v.payments {
        let day = p.date.map_or_else(|| "date unknown".to_string(), |d| d.to_string());
        s.push_str(&format!("Payment {day}: {}\n", amount(&p.amount, &v.currency)));
    }
    s.push_str(&format!(
        "Paid {}, outstanding {} ({})",
        amount(&v.paid, &v.currency),
        amount(&v.outstanding, &v.currency),
        v.status
    ));
    if let Some(d) = v.overdue_days {
        s.push_str(&format!(", {d} days overdue"));
    }
    s.push('\n');
    if !v.posts.is_empty() {
        let ids: Vec<String> = v.posts.iter().map(|i| i.to_string()).collect();
        s.push_str(&format!("Posts: {}\n", ids.join(", ")));
    }
    for w in &v.warnings {
        s.push_str(&format!("warning: {w}\n"));
    }
    s
}
