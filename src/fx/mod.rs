//! The European Central Bank's euro foreign exchange reference rates, bundled with Mille
//! so that a fee in a foreign currency that comes without an `fx_rate` can still be
//! converted into the base currency (real-files.md, "Foreign currency with no rate").
//!
//! The history is the ECB's own `eurofxref-hist.csv` (one row per TARGET business day,
//! each currency's units per euro, `N/A` where it has none), embedded from
//! `assets/fx/eurofxref-hist.zip` and read once per process ([`Rates::bundled`]). A
//! newer file the user downloads is read by [`Rates::parse_file`] and kept in the
//! database (`mille fx update FILE`, [`crate::store::Store::fx_rates`]).
//!
//! The rule ([`Rates::quote`]): the rate of the post's date, or of the last day before
//! it that has one, at most 7 days back; a date after the history's last day is an
//! error. Cross rates go through the euro: base units per unit = (base per EUR) /
//! (currency per EUR), rounded half away from zero to 6 places; with EUR as the
//! currency it is the base per EUR as published; with EUR as the base, 1 / (currency
//! per EUR) rounded the same way.

use crate::money;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::io::Read;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

/// The ECB history shipped with this build (through 2026-10-30; see assets/fx/README.md).
static BUNDLED: &[u8] = include_bytes!("../../assets/fx/eurofxref-hist.zip");

/// How far back a rate may come from: the post's date and the 7 days before it.
pub const MAX_DAYS_BACK: u64 = 7;

/// Decimals of a cross rate (and of 1 / rate when the euro is the base).
pub const RATE_DP: u32 = 6;

/// The largest history file read, zipped or not (the ECB's is about 2 MB unzipped).
const MAX_FILE_BYTES: u64 = 64 << 20;

/// The euro reference rates of every published day: per date, each currency's units
/// per euro.
#[derive(Clone)]
pub struct Rates {
    /// The currency of each column, in the file's order (never EUR).
    currencies: Vec<String>,
    /// The days, ascending, none twice.
    dates: Vec<NaiveDate>,
    /// `dates.len() × currencies.len()` packed rates, row by row ([`pack`]); 0 where the
    /// ECB published none. 8 bytes a rate: the bundled history takes about 2.3 MB.
    cells: Vec<u64>,
}

/// A rate taken from the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Base units per 1 unit of the currency.
    pub rate: Decimal,
    /// The ECB day whose rates were used (the post's date or up to 7 days before).
    pub date: NaiveDate,
}

/// Why no rate could be taken, or why a file is not an ECB history. Each reads as a
/// sentence fragment a person can act on.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FxError {
    /// The ECB publishes no euro reference rate for this currency.
    #[error("the ECB publishes no euro reference rate for {0}")]
    UnknownCurrency(String),
    /// The base currency is not one the ECB publishes.
    #[error("the ECB publishes no euro reference rate for the base currency {0}")]
    UnknownBase(String),
    /// Neither the date nor any of the 7 days before it has a rate for the currency.
    #[error("the ECB rates have no {currency} rate for {date} or the 7 days before it")]
    NoRate { currency: String, date: NaiveDate },
    /// The date is after the last day of the history.
    #[error("{date} is after the last day of the ECB rates Mille has ({last})")]
    AfterHistory { date: NaiveDate, last: NaiveDate },
    /// A file that is not a usable `eurofxref-hist` (what is wrong and where).
    #[error("not a usable ECB rate history ({0})")]
    BadFile(String),
}

impl std::fmt::Debug for Rates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rates")
            .field("first_date", &self.dates.first())
            .field("last_date", &self.dates.last())
            .field("days", &self.dates.len())
            .field("currencies", &self.currencies)
            .finish()
    }
}

/// Packs a published rate (> 0, at most 18 significant digits) into 8 bytes: its
/// digits shifted left 5 bits, its scale (0..=28) in the low 5 bits. 0 is "no rate".
fn pack(rate: Decimal) -> Option<u64> {
    let digits = u64::try_from(rate.mantissa()).ok().filter(|&m| m > 0 && m < 1 << 59)?;
    Some(digits << 5 | u64::from(rate.scale()))
}

fn unpack(cell: u64) -> Option<Decimal> {
    (cell != 0).then(|| Decimal::new((cell >> 5) as i64, (cell & 31) as u32))
}

fn bad(why: impl Into<String>) -> FxError {
    FxError::BadFile(why.into())
}

impl Rates {
    /// The history bundled with this build, read on first use and shared afterwards.
    pub fn bundled() -> Arc<Rates> {
        static RATES: OnceLock<Arc<Rates>> = OnceLock::new();
        // The embedded file is checked by a test; were it ever unreadable, an empty
        // history answers every date with "after the last day" rather than a panic.
        RATES.get_or_init(|| Arc::new(Rates::parse_file(BUNDLED).unwrap_or_else(|_| Rates::empty()))).clone()
    }

    fn empty() -> Rates {
        Rates { currencies: Vec::new(), dates: Vec::new(), cells: Vec::new() }
    }

    /// Reads an ECB history from `eurofxref-hist.csv` or from a zip holding it (told
    /// apart by the zip signature `PK\3\4`).
    pub fn parse_file(bytes: &[u8]) -> Result<Rates, FxError> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(bad("the file is larger than any ECB history"));
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Rates::parse_csv(&unzip_csv(bytes)?);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Rates::parse_csv(text),
            Err(_) => Err(bad(match kind_of(bytes) {
                Some(kind) => format!("it looks like {kind}, not a CSV or zip file"),
                None => "it is not a CSV or zip file".to_string(),
            })),
        }
    }

    /// Reads the text of an ECB `eurofxref-hist.csv`: a header `Date,USD,JPY,…` (a
    /// trailing empty column allowed), then one row per day in any order, `YYYY-MM-DD`
    /// dates, rates as plain decimals or `N/A` (an empty cell reads the same). Any
    /// other content is refused, naming the line.
    pub fn parse_csv(text: &str) -> Result<Rates, FxError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
        let Some((_, header)) = lines.find(|(_, l)| !l.trim().is_empty()) else {
            return Err(bad("the file is empty"));
        };
        let mut names: Vec<&str> = header.split(',').map(str::trim).collect();
        if !names[0].eq_ignore_ascii_case("date") {
            return Err(bad("its first line should start with Date, then the currencies"));
        }
        while names.len() > 1 && names.last().is_some_and(|n| n.is_empty()) {
            names.pop();
        }
        let mut currencies: Vec<String> = Vec::with_capacity(names.len() - 1);
        for name in &names[1..] {
            if name.len() != 3 || !name.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(bad(format!("the header's {name:?} is not a currency code")));
            }
            if *name == "EUR" || currencies.iter().any(|c| c == name) {
                return Err(bad(format!("the header has a column {name} it should not have")));
            }
            currencies.push(name.to_string());
        }
        if currencies.is_empty() {
            return Err(bad("its header names no currency"));
        }
        let width = currencies.len();
        let mut rows: Vec<(NaiveDate, usize)> = Vec::new();
        let mut cells: Vec<u64> = Vec::new();
        for (line, row) in lines {
            if row.trim().is_empty() {
                continue;
            }
            let mut fields = row.split(',').map(str::trim);
            let date_text = fields.next().unwrap_or_default();
            let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d")
                .map_err(|_| bad(format!("line {line}: {date_text:?} is not a date (YYYY-MM-DD)")))?;
            let mut count = 0;
            for (i, field) in fields.enumerate() {
                if i >= width {
                    if field.is_empty() {
                        continue;
                    }
                    return Err(bad(format!("line {line} has more values than the header has currencies")));
                }
                count += 1;
                if field.is_empty() || field.eq_ignore_ascii_case("N/A") {
                    cells.push(0);
                    continue;
                }
                let currency = &currencies[i];
                let rate = Decimal::from_str(field)
                    .ok()
                    .filter(|_| field.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
                    .ok_or_else(|| bad(format!("line {line}: the {currency} rate {field:?} is not a number")))?;
                cells
                    .push(pack(rate).ok_or_else(|| {
                        bad(format!("line {line}: the {currency} rate {field} is not a usable rate"))
                    })?);
            }
            if count < width {
                let rates = if count == 1 { "rate" } else { "rates" };
                return Err(bad(format!("line {line} has {count} {rates} where the header has {width} currencies")));
            }
            rows.push((date, rows.len()));
        }
        if rows.is_empty() {
            return Err(bad("it holds no day's rates"));
        }
        // The ECB writes the newest day first; kept oldest first here.
        rows.sort_by_key(|&(date, _)| date);
        if let Some(w) = rows.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(bad(format!("the day {} appears twice", w[0].0)));
        }
        let mut sorted = Vec::with_capacity(cells.len());
        for &(_, at) in &rows {
            sorted.extend_from_slice(&cells[at * width..(at + 1) * width]);
        }
        Ok(Rates { currencies, dates: rows.into_iter().map(|(d, _)| d).collect(), cells: sorted })
    }

    /// The last day with rates.
    pub fn last_date(&self) -> NaiveDate {
        self.dates.last().copied().unwrap_or(NaiveDate::MIN)
    }

    /// The first day with rates.
    pub fn first_date(&self) -> NaiveDate {
        self.dates.first().copied().unwrap_or(NaiveDate::MIN)
    }

    /// How many days have rates.
    pub fn days(&self) -> usize {
        self.dates.len()
    }

    /// The currencies the history has a column for (besides the euro), alphabetically;
    /// some only for past years (CYP, TRL, …).
    pub fn currencies(&self) -> Vec<&str> {
        let mut list: Vec<&str> = self.currencies.iter().map(String::as_str).collect();
        list.sort_unstable();
        list
    }

    /// The rate to convert `currency` into `base` for a post dated `date`: base units
    /// per unit, from the rates of `date` or of the last day before it that has both
    /// currencies' rates, at most 7 days back (see the module documentation). Both
    /// codes are upper-case ISO codes; the same code twice gives 1.
    pub fn quote(&self, date: NaiveDate, currency: &str, base: &str) -> Result<Quote, FxError> {
        if currency == base {
            return Ok(Quote { rate: Decimal::ONE, date });
        }
        let of_currency = self.column(currency).ok_or_else(|| FxError::UnknownCurrency(currency.to_string()))?;
        let of_base = self.column(base).ok_or_else(|| FxError::UnknownBase(base.to_string()))?;
        let last = self.last_date();
        if date > last {
            return Err(FxError::AfterHistory { date, last });
        }
        let earliest = date.checked_sub_days(Days::new(MAX_DAYS_BACK)).unwrap_or(NaiveDate::MIN);
        // The currency to name if no day has both: the one missing on the latest day.
        let mut missing = None;
        for day in (0..self.dates.partition_point(|d| *d <= date)).rev() {
            let on = self.dates[day];
            if on < earliest {
                break;
            }
            let (per_eur, base_per_eur) = (self.rate(day, of_currency), self.rate(day, of_base));
            let (Some(per_eur), Some(base_per_eur)) = (per_eur, base_per_eur) else {
                missing = missing.or(Some(if per_eur.is_none() { currency } else { base }));
                continue;
            };
            let rate = match of_currency {
                // The euro: the base per EUR exactly as published.
                None => base_per_eur,
                // Both are at most 18 digits, so the 28-digit quotient is far finer than
                // the distance of any such fraction from a 6-place midpoint: rounding it
                // is rounding the exact value.
                Some(_) => money::round(
                    base_per_eur.checked_div(per_eur).ok_or_else(|| bad("a rate could not be divided"))?,
                    RATE_DP,
                ),
            };
            return Ok(Quote { rate, date: on });
        }
        let named = missing.unwrap_or(if currency == "EUR" { base } else { currency });
        Err(FxError::NoRate { currency: named.to_string(), date })
    }

    /// The column of a currency: `Some(None)` for the euro (1 per EUR), `None` for one
    /// the history does not have.
    fn column(&self, code: &str) -> Option<Option<usize>> {
        if code == "EUR" {
            return Some(None);
        }
        self.currencies.iter().position(|c| c == code).map(Some)
    }

    /// The rate of a column on the day at index `day` (the euro's is 1).
    fn rate(&self, day: usize, column: Option<usize>) -> Option<Decimal> {
        match column {
            None => Some(Decimal::ONE),
            Some(c) => unpack(self.cells[day * self.currencies.len() + c]),
        }
    }

    /// This history with `newer`'s days added: on a day both have, `newer`'s rates win
    /// where it has one; `newer`'s extra currencies become columns. How a downloaded
    /// file, even one that covers only recent days, extends the bundled history.
    pub(crate) fn extended_by(&self, newer: &Rates) -> Rates {
        let mut currencies = self.currencies.clone();
        for c in &newer.currencies {
            if !currencies.contains(c) {
                currencies.push(c.clone());
            }
        }
        let width = currencies.len();
        let place = |from: &Rates| -> Vec<usize> {
            from.currencies.iter().map(|c| currencies.iter().position(|x| x == c).unwrap_or(0)).collect()
        };
        let (mine, theirs) = (place(self), place(newer));
        let mut out = Rates { currencies: currencies.clone(), dates: Vec::new(), cells: Vec::new() };
        // Copies the known rates of `from`'s day `day` into the last row of `out`.
        let copy = |out: &mut Rates, from: &Rates, day: usize, columns: &[usize]| {
            let start = out.cells.len() - width;
            let n = from.currencies.len();
            for (&cell, &to) in from.cells[day * n..(day + 1) * n].iter().zip(columns) {
                if cell != 0 {
                    out.cells[start + to] = cell;
                }
            }
        };
        let (mut i, mut j) = (0, 0);
        while i < self.dates.len() || j < newer.dates.len() {
            let (a, b) = (self.dates.get(i).copied(), newer.dates.get(j).copied());
            let date = match (a, b) {
                (Some(a), Some(b)) => a.min(b),
                (Some(a), None) => a,
                (None, Some(b)) => b,
                (None, None) => break,
            };
            out.dates.push(date);
            out.cells.resize(out.cells.len() + width, 0);
            if a == Some(date) {
                copy(&mut out, self, i, &mine);
                i += 1;
            }
            if b == Some(date) {
                copy(&mut out, newer, j, &theirs);
                j += 1;
            }
        }
        out
    }
}

/// The CSV inside an ECB zip: `eurofxref-hist.csv`, or its only `.csv` file.
fn unzip_csv(bytes: &[u8]) -> Result<String, FxError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| bad("it is a damaged zip file"))?;
    let csvs: Vec<String> = archive
        .file_names_raw()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .filter(|n| n.to_ascii_lowercase().ends_with(".csv"))
        .collect();
    let name = match csvs.iter().find(|n| n.rsplit('/').next() == Some("eurofxref-hist.csv")) {
        Some(n) => n.clone(),
        None if csvs.len() == 1 => csvs[0].clone(),
        None if csvs.is_empty() => return Err(bad("the zip file holds no CSV file")),
        None => return Err(bad("the zip file holds several CSV files and none is eurofxref-hist.csv")),
    };
    let entry = archive.by_name(&name).map_err(|_| bad(format!("{name} in the zip file cannot be read")))?;
    let mut raw = Vec::new();
    entry
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut raw)
        .map_err(|_| bad(format!("{name} in the zip file is damaged")))?;
    if raw.len() as u64 > MAX_FILE_BYTES {
        return Err(bad(format!("{name} in the zip file is larger than any ECB history")));
    }
    String::from_utf8(raw).map_err(|_| bad(format!("{name} in the zip file is not text")))
}

/// What a binary file looks like, for the refusal.
fn kind_of(bytes: &[u8]) -> Option<&'static str> {
    [
        (&b"\x89PNG"[..], "a PNG image"),
        (&b"\xFF\xD8\xFF"[..], "a JPEG image"),
        (&b"GIF8"[..], "a GIF image"),
        (&b"%PDF"[..], "a PDF document"),
        (&b"\x1F\x8B"[..], "a gzip archive"),
        (&b"SQLite format 3\0"[..], "a SQLite database"),
        (&b"\xD0\xCF\x11\xE0"[..], "an old Office document"),
    ]
    .iter()
    .find(|(magic, _)| bytes.starts_with(magic))
    .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests;
