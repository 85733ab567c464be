//! Writing the campaign CSV (csv-format.md): the spec's columns in its order with a
//! header, UTF-8 without BOM, LF line ends, RFC 4180 quoting. Fee and fx rate are
//! written exactly as stored (`1250.00` stays `1250.00`), the currency always, the fx
//! rate empty on base-currency rows, unknown numbers empty; a text value a spreadsheet
//! could run as a formula (`=`, `+`, `-`, `@`, or a leading `'`) gets a `'` prefix,
//! which the import strips again, so every value round-trips.

use crate::import::{needs_formula_prefix, Column};
use crate::model::PostData;
use std::io::{self, Write};

/// The header export writes: every column of the spec, in its order.
pub fn header() -> [&'static str; 18] {
    Column::ALL.map(Column::name)
}

/// Writes `posts` as a campaign CSV to `out`. Callers pass the posts not in the trash.
///
/// ```
/// let mut out = Vec::new();
/// mille::export::write_csv(std::iter::empty(), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().starts_with("date,brand,platform,format,fee,currency,fx_rate,"));
/// ```
pub fn write_csv<'a, I, W>(posts: I, out: W) -> io::Result<()>
where
    I: IntoIterator<Item = &'a PostData>,
    W: Write,
{
    let mut w = CsvWriter::new(out)?;
    for p in posts {
        w.write(p)?;
    }
    w.finish()
}

/// A campaign CSV written one post at a time (for streams too large to hold, such as a
/// million generated posts): the header on creation, then a row per [`CsvWriter::write`].
pub struct CsvWriter<W: Write> {
    w: csv::Writer<W>,
    cells: Vec<String>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the file: writes the header.
    pub fn new(out: W) -> io::Result<CsvWriter<W>> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        w.write_record(header()).map_err(io::Error::from)?;
        Ok(CsvWriter { w, cells: Vec::with_capacity(18) })
    }

    /// Writes one post as a row.
    pub fn write(&mut self, p: &PostData) -> io::Result<()> {
        let cells = &mut self.cells;
        cells.clear();
        cells.push(p.date.format("%Y-%m-%d").to_string());
        cells.push(text(&p.brand));
        cells.push(p.platform.as_str().to_string());
        cells.push(text(p.format.as_str()));
        cells.push(p.fee.to_string());
        cells.push(p.currency.clone());
        cells.push(p.fx_rate.map(|r| r.to_string()).unwrap_or_default());
        for v in p.metrics.values() {
            cells.push(v.map(|n| n.to_string()).unwrap_or_default());
        }
        cells.push(text(&p.campaign));
        cells.push(text(&p.url));
        cells.push(text(&p.notes));
        self.w.write_record(&*cells).map_err(io::Error::from)
    }

    /// Flushes what is buffered.
    pub fn finish(mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// A text value as written: with the formula-safe `'` prefix when it needs one.
fn text(value: &str) -> String {
    if needs_formula_prefix(value) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Metrics, Platform};
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn post() -> PostData {
        PostData {
            date: NaiveDate::from_ymd_opt(2025, 3, 4).unwrap(),
            brand: "Acme, Inc.".into(),
            platform: Platform::Instagram,
            format: Format::parse("reel").unwrap(),
            fee: dec!(1250.00),
            currency: "USD".into(),
            fx_rate: None,
            metrics: Metrics { impressions: Some(48_000), likes: Some(0), ..Metrics::default() },
            campaign: String::new(),
            url: "https://x.test/p/1".into(),
            notes: "line one\nline \"two\"".into(),
        }
    }

    fn write(posts: &[PostData]) -> String {
        let mut out = Vec::new();
        write_csv(posts.iter(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn header_row_is_the_spec_table_in_order() {
        assert_eq!(
            write(&[]),
            "date,brand,platform,format,fee,currency,fx_rate,impressions,reach,views,likes,comments,shares,saves,clicks,campaign,url,notes\n"
        );
    }

    #[test]
    fn values_exactly_as_stored_lf_no_bom() {
        let mut eur = post();
        eur.currency = "EUR".into();
        eur.fx_rate = Some(dec!(1.0850));
        eur.fee = dec!(0.5);
        eur.brand = "=HYPERLINK(\"http://x\",\"y\")".into();
        let out = write(&[post(), eur]);
        let lines: Vec<&str> = out.split('\n').collect();
        assert!(!out.starts_with('\u{feff}'));
        assert!(!out.contains('\r'));
        assert_eq!(
            lines[1],
            "2025-03-04,\"Acme, Inc.\",instagram,reel,1250.00,USD,,48000,,,0,,,,,,https://x.test/p/1,\"line one"
        );
        assert_eq!(lines[2], "line \"\"two\"\"\"");
        assert!(
            lines[3]
                .starts_with("2025-03-04,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",instagram,reel,0.5,EUR,1.0850,"),
            "{}",
            lines[3]
        );
        assert!(out.ends_with('\n'));
    }

    #[test]
    fn formula_prefix_on_every_dangerous_start() {
        for (brand, want) in [
            ("=1+1", "'=1+1"),
            ("+cmd", "'+cmd"),
            ("-1", "'-1"),
            ("@x", "'@x"),
            ("'quoted", "''quoted"),
            ("plain", "plain"),
            ("a=b", "a=b"),
        ] {
            let mut p = post();
            p.brand = brand.into();
            let out = write(&[p]);
            let row = out.lines().nth(1).unwrap();
            assert!(row.starts_with(&format!("2025-03-04,{want},")), "{brand}: {row}");
        }
    }
}
