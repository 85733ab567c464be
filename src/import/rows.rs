//! One row of text cells to a [`PostData`], under the file's [`Layout`] and number
//! [`Convention`]. Shared by the CSV and spreadsheet readers so that both apply the
//! same rules; every problem of the row is reported, in the order of the file's
//! columns.

use super::headers::{Column, Layout};
use super::values::{self, clean, Convention, ValueError};
use super::{RowError, Sink};
use crate::model::{Format, Metrics, PostData};
use std::collections::HashMap;

/// Reads rows of one file.
pub(crate) struct RowReader<'a> {
    layout: &'a Layout,
    conv: Convention,
    base: &'a str,
    /// Formats seen so far (most files use a handful), to skip re-parsing.
    formats: HashMap<String, Format>,
    /// False when the header has errors: rows are still checked, never returned.
    header_ok: bool,
}

/// Problems of one row, kept with the file position of their column for ordering.
struct RowErrors<'a> {
    layout: &'a Layout,
    line: usize,
    list: Vec<(usize, RowError)>,
}

impl RowErrors<'_> {
    fn add(&mut self, c: Column, e: ValueError) {
        self.add_text(c, e.message().to_string(), e.value().to_string());
    }

    fn add_text(&mut self, c: Column, message: String, value: String) {
        let pos = self.layout.field(c).unwrap_or(usize::MAX);
        let column = self.layout.column_name(c).to_string();
        self.list.push((pos, RowError { line: self.line, column, message, value }));
    }
}

impl<'a> RowReader<'a> {
    pub fn new(layout: &'a Layout, conv: Convention, base: &'a str, header_ok: bool) -> RowReader<'a> {
        RowReader { layout, conv, base, formats: HashMap::new(), header_ok }
    }

    /// Reads one row; `get(i)` is the raw text of file field `i`. Returns the post, or
    /// `None` after reporting the row's errors to `sink`.
    pub fn read<'r>(&mut self, line: usize, get: impl Fn(usize) -> &'r str, sink: &mut Sink) -> Option<PostData> {
        let layout = self.layout;
        let val = |c: Column| -> &'r str { layout.field(c).map(|i| clean(get(i))).unwrap_or("") };
        let mut errs = RowErrors { layout, line, list: Vec::new() };
        // A required column missing from the header is reported once, on line 1.
        let required = |errs: &mut RowErrors, c: Column, v: &str| -> bool {
            if v.is_empty() && layout.field(c).is_some() {
                errs.add_text(c, format!("a {c} is required in every row"), String::new());
                false
            } else {
                true
            }
        };

        let date_t = val(Column::Date);
        let date = if required(&mut errs, Column::Date, date_t) {
            values::parse_date(date_t).map_err(|e| errs.add(Column::Date, e)).ok()
        } else {
            None
        };
        let brand_t = val(Column::Brand);
        required(&mut errs, Column::Brand, brand_t);
        let platform_t = val(Column::Platform);
        let platform = if required(&mut errs, Column::Platform, platform_t) {
            values::parse_platform(platform_t).map_err(|e| errs.add(Column::Platform, e)).ok()
        } else {
            None
        };
        let format_t = val(Column::Format);
        let format = if required(&mut errs, Column::Format, format_t) {
            match self.formats.get(format_t) {
                Some(f) => Some(f.clone()),
                None => {
                    let f = Format::parse(format_t);
                    if let Some(f) = &f {
                        if self.formats.len() < 1024 {
                            self.formats.insert(format_t.to_string(), f.clone());
                        }
                    }
                    f
                }
            }
        } else {
            None
        };

        // Money: the fee, its currency (cell, marks in the value or the header) and the
        // fx rate that goes with it.
        let fee_t = val(Column::Fee);
        let fee = if required(&mut errs, Column::Fee, fee_t) {
            values::read_money(fee_t, self.conv).map_err(|e| errs.add(Column::Fee, e)).ok()
        } else {
            None
        };
        let cur_t = val(Column::Currency);
        let cur_cell = match values::parse_currency(cur_t) {
            Ok(c) => Some(c),
            Err(e) => {
                errs.add(Column::Currency, e);
                None
            }
        };
        let currency: Option<String> = match (&fee, &cur_cell) {
            (Some(m), Some(cell)) => {
                let mut marks = layout.fee_marks.clone();
                marks.extend(m.marks.iter().cloned());
                values::resolve_currency(&marks, cell.as_deref(), self.base, fee_t)
                    .map_err(|e| errs.add(Column::Fee, e))
                    .ok()
            }
            // The fee could not be read: check the fx rate against the currency cell.
            (None, Some(Some(cell))) => Some(cell.clone()),
            _ => None,
        };
        let fx_t = val(Column::FxRate);
        let fx_read = values::read_fx_rate(fx_t, self.conv).map_err(|e| errs.add(Column::FxRate, e));
        let fx_rate = match (&currency, fx_read) {
            (Some(cur), Ok(rate)) => match values::resolve_fx_rate(rate, cur, self.base) {
                Ok(r) => r,
                Err(e) => {
                    errs.add_text(Column::FxRate, e.message().to_string(), fx_t.to_string());
                    None
                }
            },
            _ => None,
        };

        let mut metrics = Metrics::default();
        for (c, name) in [
            (Column::Impressions, "impressions"),
            (Column::Reach, "reach"),
            (Column::Views, "views"),
            (Column::Likes, "likes"),
            (Column::Comments, "comments"),
            (Column::Shares, "shares"),
            (Column::Saves, "saves"),
            (Column::Clicks, "clicks"),
        ] {
            if layout.field(c).is_none() {
                continue;
            }
            match values::read_count(val(c), self.conv) {
                Ok(n) => {
                    if let Some(slot) = metrics.slot_mut(name) {
                        *slot = n;
                    }
                }
                Err(e) => errs.add(c, e),
            }
        }

        if !errs.list.is_empty() {
            errs.list.sort_by_key(|(pos, _)| *pos);
            for (_, e) in errs.list {
                sink.push(e);
            }
            return None;
        }
        let (Some(date), Some(platform), Some(format), Some(fee), Some(currency)) =
            (date, platform, format, fee, currency)
        else {
            if !self.header_ok {
                // A required column is missing: already reported on the header's line.
                return None;
            }
            // Every None above reported an error; never drop a row silently.
            sink.push(RowError {
                line,
                column: layout.column_name(Column::Fee).to_string(),
                message: "the row could not be read".to_string(),
                value: String::new(),
            });
            return None;
        };
        if !self.header_ok {
            return None;
        }
        Some(PostData {
            date,
            brand: brand_t.to_string(),
            platform,
            format,
            fee: fee.amount,
            currency,
            fx_rate,
            metrics,
            campaign: val(Column::Campaign).to_string(),
            url: val(Column::Url).to_string(),
            notes: val(Column::Notes).to_string(),
        })
    }
}
