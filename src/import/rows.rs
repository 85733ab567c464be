//! One row of text cells to a [`PostData`] (with the deal its status makes of it), or,
//! for a row whose status is not live, to a [`DealRow`] (platform, format and fee may
//! be empty there), under the file's [`Layout`] and number [`Convention`]. Shared by
//! the CSV and spreadsheet readers so that both apply the same rules; every problem
//! of the row is reported, in the order of the file's columns.

use super::dates::{self, DateOrder};
use super::deal_row::{DealRow, RowDeal, RowFee};
use super::headers::{Column, Layout};
use super::status::Stage;
use super::values::{self, clean, Convention, ValueError};
use super::{FxUse, RowError, Sink};
use crate::fx::Rates;
use crate::limits::FieldName;
use crate::model::{Format, Metrics, Platform, PostData};
use std::borrow::Cow;
use std::collections::HashMap;

/// How many conversions a file's result lists (all are counted): a preview shows
/// each, and a million-row import must not keep a million.
pub(crate) const KEPT_CONVERSIONS: usize = 10_000;

/// What one good row is.
pub(crate) enum Read {
    /// A post, with the deal its status makes of it.
    Post(PostData, Option<RowDeal>),
    /// A row whose status is not live: a deal without a post.
    Deal(DealRow),
}

/// Reads rows of one file.
pub(crate) struct RowReader<'a> {
    layout: &'a Layout,
    conv: Convention,
    base: &'a str,
    /// The order of the date column's numeric values (settled by the column, the user
    /// or `--date-order`; irrelevant when it has none).
    date_order: DateOrder,
    /// The order of the `paid_on` column's numeric values (its own, else the date
    /// column's).
    pub paid_on_order: DateOrder,
    /// The ECB reference rates for foreign fees without a rate.
    rates: &'a Rates,
    /// Formats seen so far (most files use a handful), to skip re-parsing.
    formats: HashMap<String, Format>,
    /// False when the header has errors: rows are still checked, never returned.
    header_ok: bool,
    /// The file's delimiter allows both readings of `1,250` (a `;` or tab file, or a
    /// `,` file that settled on decimal commas): such an amount is refused even though
    /// the convention is settled.
    strict_amounts: bool,
    /// Cells read as "not known" (placeholders, spreadsheet errors).
    pub placeholders: usize,
    /// YouTube posts whose impressions exceed 5× their views: how many, and the
    /// lines of the first five.
    pub youtube_thumbnails: (usize, Vec<usize>),
    /// Fees converted at the ECB's rate: the first [`KEPT_CONVERSIONS`], in file order.
    pub converted: Vec<FxUse>,
    /// How many fees were converted in all.
    pub converted_total: usize,
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
    pub fn new(
        layout: &'a Layout,
        (conv, default): (Convention, Convention),
        base: &'a str,
        date_order: DateOrder,
        rates: &'a Rates,
        header_ok: bool,
    ) -> RowReader<'a> {
        RowReader {
            layout,
            conv,
            base,
            date_order,
            paid_on_order: date_order,
            rates,
            formats: HashMap::new(),
            header_ok,
            strict_amounts: matches!(
                (default, conv),
                (Convention::Semicolon, Convention::Point | Convention::DecimalComma)
                    | (Convention::Comma, Convention::DecimalComma)
            ),
            placeholders: 0,
            youtube_thumbnails: (0, Vec::new()),
            converted: Vec::new(),
            converted_total: 0,
        }
    }

    /// Reads one row; `get(i)` is the raw text of file field `i`, `typed(i)` true when
    /// it comes from a spreadsheet's number cell (plain digits and `.`, read as such).
    /// `stage` is what the row's status names, if anything. Returns the row, or `None`
    /// after reporting its errors to `sink`.
    pub fn read<'r>(
        &mut self,
        line: usize,
        get: impl Fn(usize) -> &'r str,
        typed: impl Fn(usize) -> bool,
        stage: Option<Stage>,
        sink: &mut Sink,
    ) -> Option<Read> {
        let layout = self.layout;
        // A row not live may leave its platform, format and fee empty.
        let lenient = stage.is_some_and(|s| !s.is_post());
        let may_be_empty = |c: Column| lenient && matches!(c, Column::Platform | Column::Format | Column::Fee);
        let val = |c: Column| -> Cow<'r, str> {
            match layout.field(c) {
                Some(i) => values::without_notion_links(clean(get(i))),
                None => Cow::Borrowed(""),
            }
        };
        let conv_of = |c: Column, conv: Convention| -> Convention {
            if layout.field(c).is_some_and(&typed) {
                Convention::Point
            } else {
                conv
            }
        };
        let mut placeholders = 0usize;
        // Optional numeric, currency, date and url cells: a placeholder is "not known".
        let mut optional = |c: Column| -> Cow<'r, str> {
            let v = val(c);
            if !v.is_empty() && values::is_placeholder(&v) {
                placeholders += 1;
                Cow::Borrowed("")
            } else {
                v
            }
        };
        let mut errs = RowErrors { layout, line, list: Vec::new() };
        // A required column missing from the header is reported once, on line 1.
        let required = |errs: &mut RowErrors, c: Column, v: &str| -> bool {
            if may_be_empty(c) && (v.is_empty() || values::is_placeholder(v)) {
                false
            } else if v.is_empty() && layout.field(c).is_some() {
                errs.add_text(c, format!("a {c} is required in every row"), String::new());
                false
            } else if values::is_placeholder(v) {
                errs.add_text(c, format!("a placeholder, not a {c}; a {c} is required in every row"), v.to_string());
                false
            } else {
                true
            }
        };

        let date_t = val(Column::Date);
        let date = if required(&mut errs, Column::Date, &date_t) {
            match dates::scan(&date_t).and_then(|s| s.date(self.date_order)) {
                Ok(d) => Some(d),
                Err(p) => {
                    errs.add_text(Column::Date, p.message().to_string(), date_t.to_string());
                    None
                }
            }
        } else {
            None
        };
        let brand_t = val(Column::Brand);
        required(&mut errs, Column::Brand, &brand_t);
        let platform_t = val(Column::Platform);
        let platform = if required(&mut errs, Column::Platform, &platform_t) {
            match two_platforms(&platform_t) {
                Some((a, b)) => {
                    errs.add_text(
                        Column::Platform,
                        format!("names two platforms, {a} and {b}; one row is one post, so give each its own row"),
                        platform_t.to_string(),
                    );
                    None
                }
                None => values::parse_platform(&platform_t).map_err(|e| errs.add(Column::Platform, e)).ok(),
            }
        } else {
            None
        };
        let format_t = val(Column::Format);
        let format = if required(&mut errs, Column::Format, &format_t) {
            match self.formats.get(format_t.as_ref()) {
                Some(f) => Some(f.clone()),
                None => {
                    let f = Format::parse(&format_t);
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
        let fee = if required(&mut errs, Column::Fee, &fee_t) {
            let conv = conv_of(Column::Fee, self.conv);
            // Settled or not, `1,250` stays two amounts where the file's delimiter
            // allows both readings (real-files.md "Numbers"): never a guess.
            let typed_fee = layout.field(Column::Fee).is_some_and(&typed);
            let both = match (self.strict_amounts && !typed_fee, values::two_readings(&fee_t)) {
                (true, Some((point, comma))) => Some(ValueError::new(
                    format!(
                        "could be read as {point} or {comma}; write it without thousands separators or with decimals"
                    ),
                    &fee_t,
                )),
                _ => None,
            };
            match both {
                Some(e) => {
                    errs.add(Column::Fee, e);
                    None
                }
                None => values::read_money(&fee_t, conv).map_err(|e| errs.add(Column::Fee, e)).ok(),
            }
        } else {
            None
        };
        let cur_t = optional(Column::Currency);
        let cur_cell = match values::parse_currency(&cur_t) {
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
                values::resolve_currency(&marks, cell.as_deref(), self.base, &fee_t)
                    .map_err(|e| errs.add(Column::Fee, e))
                    .ok()
            }
            // The fee could not be read: check the fx rate against the currency cell.
            (None, Some(Some(cell))) => Some(cell.clone()),
            _ => None,
        };
        let fx_t = optional(Column::FxRate);
        let fx_read =
            values::read_fx_rate(&fx_t, conv_of(Column::FxRate, self.conv)).map_err(|e| errs.add(Column::FxRate, e));
        let fx_rate = match (&currency, fx_read) {
            // No fee in a row not live: no rate to look up.
            (_, Ok(None)) if lenient && fee.is_none() => None,
            // A foreign fee with no rate: the ECB's reference rate of the post's date.
            (Some(cur), Ok(None)) if cur != self.base => match date.map(|d| (d, self.rates.quote(d, cur, self.base))) {
                Some((_, Ok(q))) => {
                    self.converted_total += 1;
                    if self.converted.len() < KEPT_CONVERSIONS {
                        self.converted.push(FxUse { line, currency: cur.clone(), rate: q.rate, date: q.date });
                    }
                    Some(q.rate)
                }
                Some((_, Err(e))) => {
                    errs.add_text(
                        Column::FxRate,
                        format!("an fx rate is required: {e}; fill in the fx rate for this row"),
                        String::new(),
                    );
                    None
                }
                // The date could not be read: already reported.
                None => None,
            },
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
            match values::read_count(&optional(c), conv_of(c, self.conv)) {
                Ok(n) => {
                    if let Some(slot) = metrics.slot_mut(name) {
                        *slot = n;
                    }
                }
                Err(e) => errs.add(c, e),
            }
        }

        let url_t = optional(Column::Url);
        let paid_t = optional(Column::PaidOn);
        let paid_on = if paid_t.is_empty() {
            None
        } else {
            match dates::scan(&paid_t).and_then(|s| s.date(self.paid_on_order)) {
                Ok(d) => Some(d),
                Err(p) => {
                    errs.add_text(Column::PaidOn, p.message().to_string(), paid_t.to_string());
                    None
                }
            }
        };
        self.placeholders += placeholders;
        if !errs.list.is_empty() {
            errs.list.sort_by_key(|(pos, _)| *pos);
            for (_, e) in errs.list {
                sink.push(e);
            }
            return None;
        }
        if let (true, Some(stage), Some(date), true) = (lenient, stage, date, self.header_ok) {
            let fee = match (fee, currency) {
                (Some(m), Some(currency)) => Some(RowFee { amount: m.amount, currency, fx_rate }),
                _ => None,
            };
            let row = DealRow {
                line,
                stage,
                date,
                brand: brand_t.into_owned(),
                title: val(Column::Campaign).into_owned(),
                deliverable: platform.zip(format),
                fee,
                notes: val(Column::Notes).into_owned(),
            };
            let within = deal_check(&row).is_none_or(|p| self.bounded(line, &p, val, sink));
            return within.then_some(Read::Deal(row));
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
        // YouTube's "Impressions" count thumbnail showings: kept as written, but said.
        if platform == Platform::Youtube {
            if let (Some(i), Some(v)) = (metrics.impressions, metrics.views) {
                if i > v.saturating_mul(5) {
                    self.youtube_thumbnails.0 += 1;
                    if self.youtube_thumbnails.1.len() < 5 {
                        self.youtube_thumbnails.1.push(line);
                    }
                }
            }
        }
        let post = PostData {
            date,
            brand: brand_t.into_owned(),
            platform,
            format,
            fee: fee.amount,
            currency,
            fx_rate,
            metrics,
            campaign: val(Column::Campaign).into_owned(),
            url: url_t.into_owned(),
            notes: val(Column::Notes).into_owned(),
        };
        let deal = stage.map(|stage| RowDeal { stage, paid_on: paid_on.filter(|_| stage == Stage::Paid) });
        self.bounded(line, &post, val, sink).then_some(Read::Post(post, deal))
    }

    /// The bounds every door shares (a fee of 10^30, a date in 9999, a note of a
    /// million characters): false after reporting the cell as written, and what is
    /// wrong.
    fn bounded<'r>(&self, line: usize, post: &PostData, val: impl Fn(Column) -> Cow<'r, str>, sink: &mut Sink) -> bool {
        match crate::limits::check_post(post) {
            Ok(()) => true,
            Err(e) => {
                let c = column_of(e.field.name);
                let value = if e.value.is_empty() { String::new() } else { val(c).into_owned() };
                sink.push(RowError { line, column: self.layout.column_name(c).to_string(), message: e.problem, value });
                false
            }
        }
    }
}

/// A row not live as a post, for the bounds check alone (what it lacks is left at a
/// value every bound accepts).
fn deal_check(row: &DealRow) -> Option<PostData> {
    let (platform, format) = match &row.deliverable {
        Some((p, f)) => (*p, f.clone()),
        None => (Platform::Other, Format::parse("other")?),
    };
    Some(PostData {
        date: row.date,
        brand: row.brand.clone(),
        platform,
        format,
        fee: row.fee.as_ref().map_or(rust_decimal::Decimal::ZERO, |f| f.amount),
        currency: row.fee.as_ref().map_or_else(String::new, |f| f.currency.clone()),
        fx_rate: row.fee.as_ref().and_then(|f| f.fx_rate),
        metrics: Metrics::default(),
        campaign: row.title.clone(),
        url: String::new(),
        notes: row.notes.clone(),
    })
}

/// The file column of a post's field.
fn column_of(name: FieldName) -> Column {
    match name {
        FieldName::Date => Column::Date,
        FieldName::Brand => Column::Brand,
        FieldName::Platform => Column::Platform,
        FieldName::Format => Column::Format,
        FieldName::Currency => Column::Currency,
        FieldName::FxRate => Column::FxRate,
        FieldName::Impressions => Column::Impressions,
        FieldName::Reach => Column::Reach,
        FieldName::Views => Column::Views,
        FieldName::Likes => Column::Likes,
        FieldName::Comments => Column::Comments,
        FieldName::Shares => Column::Shares,
        FieldName::Saves => Column::Saves,
        FieldName::Clicks => Column::Clicks,
        FieldName::Campaign => Column::Campaign,
        FieldName::Url => Column::Url,
        FieldName::Notes => Column::Notes,
        _ => Column::Fee,
    }
}

/// Two platforms named in one cell (`YouTube, Instagram`, `IG + TikTok`): their names.
fn two_platforms(t: &str) -> Option<(&'static str, &'static str)> {
    if !t.contains([',', '/', '&', '+', ';', '|']) && !t.contains(" and ") {
        return None;
    }
    let parts: Vec<&str> = t
        .split([',', '/', '&', '+', ';', '|'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let found: Vec<Platform> = parts.iter().filter_map(|p| Platform::parse(p)).collect();
    match found.as_slice() {
        [a, b, ..] if a != b => Some((a.as_str(), b.as_str())),
        _ => None,
    }
}
