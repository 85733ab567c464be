//! `deals export`: every deal as one CSV row (deals.md, "Commands"): id, brand,
//! title, stage, the last date each stage was reached (one column per stage), agreed
//! fee, currency, fx_rate, invoice number / date / due, paid and outstanding. Written
//! like the campaign CSV (`crate::export`): UTF-8, LF, RFC 4180 quoting, and a text
//! a spreadsheet could run as a formula gets a leading `'`.

use super::view::owed_of;
use super::{Deal, Stage};
use crate::import::needs_formula_prefix;
use crate::money;
use chrono::NaiveDate;
use std::io::{self, Write};

fn text(value: &str) -> String {
    if needs_formula_prefix(value) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// The header row.
pub fn header() -> Vec<String> {
    let mut h: Vec<String> = ["id", "brand", "title", "stage"].map(String::from).to_vec();
    h.extend(Stage::ALL.map(|s| format!("{s}_date")));
    h.extend(
        ["agreed_fee", "currency", "fx_rate", "invoice_number", "invoice_date", "invoice_due", "paid", "outstanding"]
            .map(String::from),
    );
    h
}

/// Writes the deals as CSV; paid and outstanding as of `today`.
pub fn write_csv<W: Write>(deals: &[Deal], today: NaiveDate, out: W) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    w.write_record(header()).map_err(io::Error::from)?;
    for d in deals {
        let o = owed_of(d, today);
        let mut row = vec![d.id.to_string(), text(&d.brand), text(&d.title), d.stage.as_str().to_string()];
        row.extend(Stage::ALL.map(|s| d.reached(s).map(|x| x.to_string()).unwrap_or_default()));
        row.push(d.agreed_fee.map(|f| f.to_string()).unwrap_or_default());
        row.push(d.currency.clone());
        row.push(d.fx_rate.map(|r| r.to_string()).unwrap_or_default());
        let inv = d.invoice.as_ref();
        row.push(inv.map(|i| text(&i.number)).unwrap_or_default());
        row.push(inv.map(|i| i.date.to_string()).unwrap_or_default());
        row.push(inv.map(|i| i.due.to_string()).unwrap_or_default());
        row.push(money::fixed(o.paid, 2));
        row.push(money::fixed(o.outstanding, 2));
        w.write_record(&row).map_err(io::Error::from)?;
    }
    w.flush()
}
