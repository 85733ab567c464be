//! The rules every tracker shares once its cells are text, whatever it came in (CSV
//! or a spreadsheet): a first pass over the values settles what the header alone
//! cannot (a fee-named column holding yes/no is a payment column, the file's number
//! convention, the date column's day-month order), then a second pass reads each row:
//! blank and totals rows skipped, rows whose status is not live read as deals without
//! posts, every other row a post (with the deal its status makes of it) or its errors
//! (real-files.md §1).

use super::dates::{self, DateOrder, Evidence};
use super::headers::{self, Column, Content, Layout};
use super::rows::{Read, RowReader};
use super::status::stage_of;
use super::values::{self, clean, convention_of, Convention};
use super::{ImportError, ImportOptions, Parsed, ParsedRow, Rejected, RowError, Sink, Skipped};
use crate::fx::Rates;

/// One cell: its text, and whether it is a spreadsheet number cell (plain digits and
/// `.`, never re-read under the file's convention).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell<'a> {
    pub text: &'a str,
    pub number: bool,
}

impl<'a> Cell<'a> {
    pub fn text(text: &'a str) -> Cell<'a> {
        Cell { text, number: false }
    }
}

/// The records of a file after its header, readable more than once.
pub(crate) trait Grid {
    /// Calls `f` with each record after the header: its line and its cells. With
    /// `wanted`, only the fields marked true need their text (a reader may leave the
    /// others empty, sparing their decoding: the first pass reads a few columns).
    fn each(&self, wanted: Option<&[bool]>, f: &mut dyn FnMut(usize, &[Cell<'_>])) -> Result<(), ImportError>;
}

/// Words of a totals row (real-files.md "Rows that are not posts").
const TOTAL_WORDS: [&str; 11] =
    ["total", "totals", "sum", "summe", "gesamt", "totaal", "totale", "somme", "suma", "grand total", "gesamtsumme"];

fn is_total_word(t: &str) -> bool {
    // Most cells start with something no totals word starts with (every one starts
    // with t, s or g): rejected without trimming. Unicode spaces take the long way.
    match t.bytes().find(|b| !b.is_ascii_whitespace()) {
        None => return false,
        Some(b) if b.is_ascii() && !matches!(b.to_ascii_lowercase(), b't' | b's' | b'g') => return false,
        _ => {}
    }
    let t = t.trim().trim_end_matches(':').trim();
    t.len() <= 12 && TOTAL_WORDS.iter().any(|w| w.eq_ignore_ascii_case(t))
}

/// yes/no values of a payment column.
fn is_yes_no(t: &str) -> bool {
    const WORDS: [&str; 24] = [
        "yes", "no", "y", "n", "true", "false", "wahr", "falsch", "ja", "nein", "oui", "non", "si", "sí", "sì", "sim",
        "nao", "não", "nee", "x", "✓", "✗", "✔", "✘",
    ];
    let t = t.trim();
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(t)) || matches!(t, "☑" | "☐" | "✅" | "❌" | "☒")
}

/// The error of a date column `column` whose values are written both day first and
/// month first, at the later of the first of each; `None` when they are written one way.
fn both_orders(ev: &Evidence, column: &str) -> Option<RowError> {
    let (d, m) = (ev.day_first.as_ref()?, ev.month_first.as_ref()?);
    let later = if d.0 > m.0 { d } else { m };
    Some(RowError {
        line: later.0,
        column: column.to_string(),
        message: format!(
            "the column has dates written day first ({}, line {}) and month first ({}, line {}); write them one way",
            d.1, d.0, m.1, m.0
        ),
        value: later.1.clone(),
    })
}

fn is_blank(cells: &[Cell<'_>]) -> bool {
    cells.iter().all(|c| c.text.trim().is_empty())
}

/// What the first pass learns, per file field.
struct Survey {
    content: Vec<Content>,
    wants_content: Vec<bool>,
    wants_number: Vec<bool>,
    date_field: Option<usize>,
    paid_on_field: Option<usize>,
    /// First value that can only be decimal point / decimal comma: (line, value).
    point: Vec<Option<(usize, String)>>,
    comma: Vec<Option<(usize, String)>>,
    dates: Evidence,
    paid_on: Evidence,
}

impl Survey {
    fn new(header: &[String], first: &Layout) -> Survey {
        let n = header.len();
        let wants_content: Vec<bool> = header
            .iter()
            .map(|h| headers::aliases::lookup(&headers::normalize(h)).is_some_and(|(c, _)| c == Column::Fee))
            .collect();
        let wants_number = (0..n)
            .map(|i| wants_content[i] || first.reads[i].is_some_and(|c| c == Column::Fee || c.is_count()))
            .collect();
        Survey {
            content: vec![Content::default(); n],
            wants_content,
            wants_number,
            date_field: first.field(Column::Date),
            paid_on_field: first.field(Column::PaidOn),
            point: vec![None; n],
            comma: vec![None; n],
            dates: Evidence::default(),
            paid_on: Evidence::default(),
        }
    }

    /// The fields the survey reads.
    fn wanted(&self) -> Vec<bool> {
        (0..self.content.len())
            .map(|i| {
                self.wants_content[i]
                    || self.wants_number[i]
                    || self.date_field == Some(i)
                    || self.paid_on_field == Some(i)
            })
            .collect()
    }

    fn record(&mut self, line: usize, cells: &[Cell<'_>]) {
        for (i, cell) in cells.iter().enumerate() {
            let (content, number) = (self.wants_content[i], self.wants_number[i]);
            let paid_on = self.paid_on_field == Some(i);
            let date = self.date_field == Some(i) || paid_on;
            if !(content || number || date) {
                continue;
            }
            let t = clean(cell.text);
            if t.is_empty() || values::is_placeholder(t) {
                continue;
            }
            // A fee-named column with one amount in it is the fee: no more to learn.
            let content = content && {
                let c = &self.content[i];
                c.values == c.yes_no + c.dates
            };
            let shape = if content || date { dates::scan(t).ok() } else { None };
            if content {
                let c = &mut self.content[i];
                c.values += 1;
                if is_yes_no(t) {
                    c.yes_no += 1;
                } else if shape.is_some() && !cell.number {
                    c.dates += 1;
                }
            }
            if number && !cell.number {
                match convention_of(t) {
                    Some(Convention::Point) if self.point[i].is_none() => self.point[i] = Some((line, t.to_string())),
                    Some(Convention::DecimalComma) if self.comma[i].is_none() => {
                        self.comma[i] = Some((line, t.to_string()))
                    }
                    _ => {}
                }
            }
            if date && !cell.number {
                if let Some(s) = shape {
                    if paid_on {
                        self.paid_on.add(line, t, &s);
                    } else {
                        self.dates.add(line, t, &s);
                    }
                }
            }
        }
    }
}

/// Where the good rows of a file go: kept in [`Parsed::rows`], or handed on one by one
/// (to an import under way) and not kept.
pub(crate) type RowSink<'a> = Option<&'a mut dyn FnMut(ParsedRow) -> Result<(), ImportError>>;

/// Reads a tracker whose header (at `header_line`) and records are known.
pub(crate) fn read(
    header_line: usize,
    header: Vec<String>,
    grid: &dyn Grid,
    opts: &ImportOptions,
    default: Convention,
    mut warnings: Vec<String>,
    mut each: RowSink<'_>,
) -> Result<Parsed, ImportError> {
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let width = header.len();
    let (first, _, _) = headers::resolve(&refs, header_line, &opts.maps, &[]);

    // First pass: what the values say.
    let mut survey = Survey::new(&header, &first);
    // Cells left empty are skipped by the survey anyway, and a row whose wanted cells
    // are all empty teaches it nothing: reading only those is the same survey.
    let wanted = survey.wanted();
    grid.each(Some(&wanted), &mut |line, cells| {
        if cells.len() == width && !is_blank(cells) {
            survey.record(line, cells);
        }
    })?;
    let (layout, header_errors, header_warnings) = headers::resolve(&refs, header_line, &opts.maps, &survey.content);
    warnings.extend(header_warnings);
    let columns = (0..width)
        .map(|i| super::ColumnRead {
            header: layout.headers[i].clone(),
            column: layout.reads[i].map(|c| c.name().to_string()),
            note: layout.ignored[i].clone(),
        })
        .collect::<Vec<_>>();
    let mut sink = Sink::default();
    if !header_errors.is_empty() {
        // A header that cannot be read (a missing column, two headers for one): its
        // rows are not checked (real-files.md "Cells").
        for e in header_errors {
            sink.push(e);
        }
        return sink.finish(Parsed { warnings, header, ..Parsed::default() });
    }

    // The number convention: the first value read only one way, in the fee and count
    // columns; a value read only the other way is an error quoting both.
    let numeric: Vec<usize> =
        (0..width).filter(|i| layout.reads[*i].is_some_and(|c| c == Column::Fee || c.is_count())).collect();
    let earliest = |list: &[Option<(usize, String)>]| -> Option<(usize, String, usize)> {
        numeric
            .iter()
            .filter_map(|i| list[*i].as_ref().map(|(l, v)| (*l, v.clone(), *i)))
            .min_by_key(|(l, _, i)| (*l, *i))
    };
    let conv = match (earliest(&survey.point), earliest(&survey.comma)) {
        (Some(p), Some(c)) => {
            let (first, later, first_kind, later_kind) = if (p.0, p.2) < (c.0, c.2) {
                (p, c, "a decimal point", "a decimal comma")
            } else {
                (c, p, "a decimal comma", "a decimal point")
            };
            sink.push(RowError {
                line: later.0,
                column: header[later.2].clone(),
                message: format!(
                    "this value is written with {later_kind}, but the file wrote numbers with {first_kind} before \
                     ({} on line {}); write every number of the file the same way",
                    first.1, first.0
                ),
                value: later.1,
            });
            default
        }
        (Some(_), None) => Convention::Point,
        (None, Some(_)) => Convention::DecimalComma,
        (None, None) => default,
    };

    // The date column's order.
    let ev = &survey.dates;
    let date_order = match both_orders(ev, layout.column_name(Column::Date)) {
        Some(e) => {
            sink.push(e);
            DateOrder::Dmy
        }
        None => match (ev.order(), opts.date_order, &ev.both_ways) {
            (Some(o), _, _) => o,
            (None, Some(o), _) => o,
            (None, None, Some((_, value))) if sink.total == 0 => {
                let shape = dates::scan(value).ok();
                let (day_first, month_first) = shape.and_then(|s| s.readings()).ok_or_else(|| {
                    ImportError::Unreadable { path: "the file".into(), why: format!("cannot read the date {value}") }
                })?;
                return Err(ImportError::AmbiguousDates {
                    column: layout.column_name(Column::Date).to_string(),
                    value: value.clone(),
                    day_first,
                    month_first,
                    columns,
                });
            }
            _ => DateOrder::Dmy,
        },
    };
    let settled_by = if ev.order().is_some() {
        "the column"
    } else if ev.both_ways.is_some() {
        "the choice made"
    } else {
        ""
    };

    // Second pass: the rows.
    // A `paid_on` column's order: its own values', else the date column's; both ways
    // in it is an error as in the date column.
    let paid = &survey.paid_on;
    let paid_on_order = match both_orders(paid, layout.column_name(Column::PaidOn)) {
        Some(e) => {
            sink.push(e);
            date_order
        }
        None => paid.order().unwrap_or(date_order),
    };
    let header_ok = sink.total == 0;
    let bundled;
    let rates: &Rates = match &opts.rates {
        Some(r) => r,
        None => {
            bundled = Rates::bundled();
            &bundled
        }
    };
    let mut reader = RowReader::new(&layout, (conv, default), &opts.base_currency, date_order, rates, header_ok);
    reader.paid_on_order = paid_on_order;
    let unnamed: Vec<usize> = (0..width).filter(|i| layout.headers[*i].is_empty()).collect();
    let mut unnamed_used = vec![false; unnamed.len()];
    let mut rows = Vec::new();
    let mut handed_on: Result<(), ImportError> = Ok(());
    let mut good = 0usize;
    let mut rejected = Vec::new();
    let mut skipped = Skipped::default();
    let mut deals = Vec::new();
    let status_field = layout.field(Column::Status);
    let date_field = layout.field(Column::Date);
    grid.each(None, &mut |line, cells| {
        if is_blank(cells) {
            return;
        }
        let reject = |sink: &mut Sink, rejected: &mut Vec<Rejected>, errs: Vec<RowError>| {
            if opts.keep_going && header_ok {
                rejected.push(Rejected {
                    line,
                    fields: cells.iter().map(|c| c.text.to_string()).collect(),
                    errors: errs,
                });
            } else {
                for e in errs {
                    sink.push(e);
                }
            }
        };
        if cells.len() != width {
            let (column, value) = if cells.len() < width {
                (layout.headers[cells.len()].clone(), String::new())
            } else {
                (format!("field {}", width + 1), cells[width].text.to_string())
            };
            let e = RowError {
                line,
                column,
                message: format!("the row has {} fields but the header has {width}", cells.len()),
                value,
            };
            reject(&mut sink, &mut rejected, vec![e]);
            return;
        }
        // A totals row: a cell reading `Total` and no date.
        if cells.iter().any(|c| is_total_word(c.text))
            && date_field.is_none_or(|i| dates::scan(clean(cells[i].text)).is_err())
        {
            skipped.totals += 1;
            return;
        }
        let stage = status_field.and_then(|i| stage_of(cells[i].text));
        for (k, i) in unnamed.iter().enumerate() {
            if !cells[*i].text.trim().is_empty() {
                unnamed_used[k] = true;
            }
        }
        let mut row_sink = Sink::default();
        let read = reader.read(line, |i| cells[i].text, |i| cells[i].number, stage, &mut row_sink);
        match read {
            Some(Read::Deal(row)) if row_sink.total == 0 => {
                good += 1;
                *skipped.not_posts.entry(row.stage).or_insert(0) += 1;
                deals.push(row);
            }
            Some(Read::Post(post, deal)) if row_sink.total == 0 => {
                good += 1;
                if sink.total == 0 && handed_on.is_ok() {
                    match each.as_mut() {
                        Some(f) => handed_on = f(ParsedRow { line, post, deal }),
                        None => rows.push(ParsedRow { line, post, deal }),
                    }
                }
            }
            _ => reject(&mut sink, &mut rejected, row_sink.errors),
        }
    })?;
    handed_on?;
    for (k, i) in unnamed.iter().enumerate() {
        if unnamed_used[k] {
            warnings.push(format!("column {} has no header and is ignored", i + 1));
        }
    }
    if reader.placeholders > 0 {
        warnings.push(format!(
            "{} a placeholder or a spreadsheet error (like —, n/a, TBD or #N/A) and {} read as not known",
            if reader.placeholders == 1 {
                "1 cell held".to_string()
            } else {
                format!("{} cells held", reader.placeholders)
            },
            if reader.placeholders == 1 { "was" } else { "were" }
        ));
    }
    if skipped.totals > 0 {
        warnings.push(format!(
            "{} skipped: a totals row, not a post",
            if skipped.totals == 1 { "1 row was".to_string() } else { format!("{} rows were", skipped.totals) }
        ));
    }
    let (thumbs, thumb_lines) = &reader.youtube_thumbnails;
    if *thumbs > 0 {
        let lines: Vec<String> = thumb_lines.iter().map(|l| l.to_string()).collect();
        warnings.push(format!(
            "{thumbs} YouTube posts have impressions over 5× their views (line {}{}): YouTube's impressions count \
             thumbnail showings, and YouTube sponsorships are priced per view",
            lines.join(", "),
            if *thumbs > thumb_lines.len() { ", …" } else { "" }
        ));
    }
    if reader.converted_total > 0 {
        warnings.push(format!(
            "{} fees in another currency had no fx rate and were converted at the ECB reference rate of their date",
            reader.converted_total
        ));
    }
    let converted = std::mem::take(&mut reader.converted);
    let converted_total = reader.converted_total;
    drop(reader);
    if opts.keep_going && header_ok && sink.total == 0 && good == 0 && !rejected.is_empty() {
        // Nothing valid: the whole file is refused, with every error.
        for e in rejected.drain(..).flat_map(|r| r.errors) {
            sink.push(e);
        }
    }
    let date_note =
        (!settled_by.is_empty()).then(|| super::DateNote { order: date_order, settled_by: settled_by.to_string() });
    sink.finish(Parsed {
        rows,
        warnings,
        mapping: layout.mapping.clone(),
        header,
        rejected,
        skipped,
        deals,
        converted,
        converted_total,
        columns,
        date_order: date_note,
        convention: conv,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_and_yes_no_words() {
        assert!(is_total_word("Total") && is_total_word(" GESAMT: ") && is_total_word("Grand Total"));
        assert!(!is_total_word("Totally Nuts Co."));
        // Every word passes the quick first-letter check, padded by any space.
        for w in TOTAL_WORDS {
            for t in [w.to_string(), format!("  {}:", w.to_uppercase()), format!("\u{a0}{w}\u{a0}")] {
                assert!(is_total_word(&t), "{t:?}");
            }
        }
        assert!(!is_total_word("") && !is_total_word("  ") && !is_total_word("2025-01-01"));
        assert!(is_yes_no("WAHR") && is_yes_no("✓") && is_yes_no("no") && !is_yes_no("1250"));
    }
}
