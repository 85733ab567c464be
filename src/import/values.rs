//! Reading single values of the campaign file (csv-format.md): dates, counts, money
//! with its currency marks, fx rates, currency codes, platforms, formats and the
//! formula-safe `'` prefix of text. Each reader knows the number conventions of the
//! file's delimiter ([`Convention`]); the `pub fn parse_*` helpers use the conventions
//! of a `,` file, which is what the `mille posts add/edit` flags are read with.
//!
//! None of these allocate on the success path except where the result owns text, and
//! none use regular expressions: they run once per cell of files with a million rows.

use crate::model::{Format, Platform};
use crate::money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;

/// How numbers are written in a file: settled by its values when one can be read only
/// one way (real-files.md "Numbers"), else decided by its delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Convention {
    /// A `,` file (and spreadsheet text cells) whose values settle nothing:
    /// `1,250.00`, `12,345`, `1.0853`; a count with one whole reading (`48.211`).
    #[default]
    Comma,
    /// A `;` or tab file whose values settle nothing: also the decimal comma
    /// (`1250,00`, `1.250,00`, `1 250,00`), integers grouped with `.` or space, fx
    /// rates with `.` or `,`; an amount with two readings is refused.
    Semicolon,
    /// Settled: decimal point, thousands `,` or space (`1,250.00`, `48,211`).
    Point,
    /// Settled: decimal comma, thousands `.` or space (`1.250,00`, `48.211`).
    DecimalComma,
}

/// What one number says about its file's convention: `Some(Point)` or
/// `Some(DecimalComma)` when it can be read only one way (`1,250.00`, `0.5`,
/// `1,104,477` / `1.250,00`, `25,93`, `1.104.477`), `None` when it reads either way
/// (`1,250`, `1.250`, `1250`) or is not a number. Currency marks and signs are
/// ignored.
pub(crate) fn convention_of(t: &str) -> Option<Convention> {
    // Plain digits and separators (most cells) need no currency marks taken off.
    let plain = t.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
    if plain && !t.bytes().any(|b| b == b'.' || b == b',') {
        return None;
    }
    let num = if plain {
        t
    } else {
        match split_money(t) {
            Ok((n, _, _)) => n,
            Err(_) => return None,
        }
    };
    let (mut dots, mut commas, mut last, mut after) = (0usize, 0usize, None, 0usize);
    for c in num.chars() {
        match c {
            '0'..='9' => after += 1,
            '.' | ',' => {
                if c == '.' {
                    dots += 1
                } else {
                    commas += 1
                }
                last = Some(c);
                after = 0;
            }
            c if SPACES.contains(&c) => {}
            _ => return None,
        }
    }
    match (dots, commas, last) {
        (0, 0, _) => None,
        (d, c, Some(l)) if d > 0 && c > 0 => {
            Some(if l == '.' { Convention::Point } else { Convention::DecimalComma })
        }
        (1, 0, _) | (0, 1, _) if after == 3 => None,
        (1, 0, _) => Some(Convention::Point),
        (0, 1, _) => Some(Convention::DecimalComma),
        (_, 0, _) => Some(Convention::DecimalComma), // 1.104.477
        _ => Some(Convention::Point),                // 1,104,477
    }
}

/// A value that could not be read: what is wrong, in one plain sentence, and the value
/// as found. `Display` is `what is wrong (value)`, the shape of an import error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    message: String,
    value: String,
}

impl ValueError {
    pub(crate) fn new(message: impl Into<String>, value: &str) -> ValueError {
        ValueError { message: message.into(), value: value.to_string() }
    }

    /// What is wrong, without the value (`not a date; write it as YYYY-MM-DD`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The value as it was given.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.value.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{} ({})", self.message, self.value)
        }
    }
}

impl std::error::Error for ValueError {}

// ----- text ------------------------------------------------------------------------

/// Removes the formula-safe prefix export writes: a leading `'` followed by `=`, `+`,
/// `-`, `@` or `'` (and no other character) is dropped; anything else is kept verbatim.
///
/// ```
/// use mille::import::strip_formula_prefix;
/// assert_eq!(strip_formula_prefix("'=SUM(A1)"), "=SUM(A1)");
/// assert_eq!(strip_formula_prefix("''quoted"), "'quoted");
/// assert_eq!(strip_formula_prefix("'tis"), "'tis");
/// ```
pub fn strip_formula_prefix(text: &str) -> &str {
    let b = text.as_bytes();
    if b.len() >= 2 && b[0] == b'\'' && matches!(b[1], b'=' | b'+' | b'-' | b'@' | b'\'') {
        &text[1..]
    } else {
        text
    }
}

/// True when a spreadsheet could take `text` for a formula (or it starts with the `'`
/// that marks one): export writes such values with a leading `'`.
pub fn needs_formula_prefix(text: &str) -> bool {
    matches!(text.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\''))
}

/// A field as the import reads it: trimmed, then the formula-safe prefix removed.
pub(crate) fn clean(raw: &str) -> &str {
    strip_formula_prefix(raw.trim())
}

/// True for a cell that stands for "not known": a spreadsheet error (`#DIV/0!`,
/// `#N/A`, `#VALUE!`, `#REF!`, `#NAME?`, ...) or a placeholder (`—`, `–`, `-`,
/// `n/a`, `TBD`, `?`). real-files.md "Cells".
pub(crate) fn is_placeholder(t: &str) -> bool {
    let t = t.trim();
    // Most cells: a number, or text longer than any placeholder.
    if t.len() > 8 || t.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    if t.len() > 2 && t.starts_with('#') && (t.ends_with('!') || t.ends_with('?') || t.eq_ignore_ascii_case("#n/a")) {
        return true;
    }
    matches!(t, "—" | "–" | "-" | "--" | "?" | "…" | "...")
        || ["n/a", "na", "tbd", "tba", "n.a.", "k.a.", "nv", "n/d", "nd"].iter().any(|p| t.eq_ignore_ascii_case(p))
}

/// A Notion relation as exported (`Finch Audio (https://www.notion.so/Finch-…)`):
/// the related page's title alone. Several relations keep their titles, comma
/// separated. Any other text is returned as is.
pub(crate) fn without_notion_links(t: &str) -> std::borrow::Cow<'_, str> {
    const MARKS: [&str; 2] = [" (https://www.notion.so/", " (https://notion.so/"];
    if !t.ends_with(')') || !MARKS.iter().any(|m| t.contains(m)) {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some((at, mark)) = MARKS.iter().filter_map(|m| rest.find(m).map(|i| (i, m))).min_by_key(|(i, _)| *i) {
        out.push_str(&rest[..at]);
        let after = &rest[at + mark.len()..];
        match after.find(')') {
            Some(close) => rest = &after[close + 1..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out.trim().to_string())
}

// ----- dates -----------------------------------------------------------------------

/// Reads a date written `YYYY-MM-DD` or `YYYY/MM/DD` (a real calendar day). Every
/// other form (`03/04/2025`, `2025-3-4`, `4 March 2025`) is refused, never guessed.
pub fn parse_date(text: &str) -> Result<NaiveDate, ValueError> {
    let t = text.trim();
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || !matches!(b[4], b'-' | b'/')
        || b[7] != b[4]
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return Err(ValueError::new("not a date; write it as YYYY-MM-DD", t));
    }
    let num = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    // y < 10000 always fits an i32.
    NaiveDate::from_ymd_opt(y as i32, m, d)
        .ok_or_else(|| ValueError::new("no such day on the calendar", t))
}

// ----- whole numbers ---------------------------------------------------------------

const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// Reads a count (impressions, views, likes, ...) in a `,` file: a whole number ≥ 0,
/// optionally grouped `12,345`. Empty means "not known" and gives `None`.
pub fn parse_count(text: &str) -> Result<Option<u64>, ValueError> {
    read_count(text.trim(), Convention::Comma)
}

/// Reads a count under the conventions of the file: groups of exactly 3 digits
/// separated by `,` in a `,` file, by `.` or a space in a `;`/tab file. The value must
/// fit a signed 64-bit integer (the database's).
pub(crate) fn read_count(t: &str, conv: Convention) -> Result<Option<u64>, ValueError> {
    if t.is_empty() {
        return Ok(None);
    }
    // Fast path: plain digits.
    if t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Some(t.bytes().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'))));
    }
    let seps: &[char] = match conv {
        Convention::Comma | Convention::Point => &[',', ' ', '\u{a0}', '\u{202f}'],
        Convention::Semicolon | Convention::DecimalComma => &['.', ' ', '\u{a0}', '\u{202f}'],
    };
    let mut reading = read_grouped(t, seps, None);
    // A `,` file that settled nothing: `48.211` has one whole-number reading.
    if conv == Convention::Comma && reading == Reading::NoParse {
        if let r @ Reading::Value(_) = read_grouped(t, &['.'], None) {
            reading = r;
        }
    }
    match reading {
        Reading::Value(v) => {
            // read_grouped without a decimal mark gives scale 0.
            let n = v.mantissa();
            if n > i128::from(i64::MAX) {
                Err(ValueError::new("too large a number", t))
            } else {
                Ok(Some(n as u64))
            }
        }
        Reading::TooLarge => Err(ValueError::new("too large a number", t)),
        Reading::BadGroups => Err(ValueError::new("thousands groups must have exactly 3 digits", t)),
        Reading::NoParse => {
            let body = t.trim_start_matches(['-', '\u{2212}']);
            if body.len() != t.len() && body.starts_with(|c: char| c.is_ascii_digit()) {
                Err(ValueError::new("must be 0 or more", t))
            } else {
                Err(ValueError::new("not a whole number", t))
            }
        }
    }
}

/// The result of reading digits under one convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Value(Decimal),
    /// Digits and separators, but a thousands group is not 3 digits long.
    BadGroups,
    NoParse,
    TooLarge,
}

/// Reads `digits[sep digits...][decimal digits]` where the integer part is either
/// plain or grouped in threes with one of `seps` (the same one throughout), and the
/// fraction (only when `decimal` is given) is plain digits. Every decimal place is
/// kept (`1250.00` has scale 2).
fn read_grouped(t: &str, seps: &[char], decimal: Option<char>) -> Reading {
    let mut mantissa: u128 = 0;
    let mut scale: u32 = 0;
    let mut int_digits = 0usize;
    let mut group_len = 0usize; // digits since the last separator
    let mut first_group: Option<usize> = None; // length of the group before the first separator
    let mut sep_used: Option<char> = None;
    let mut bad_groups = false;
    let mut in_fraction = false;
    let mut frac_digits = 0usize;
    let mut too_large = false;
    for c in t.chars() {
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            match mantissa.checked_mul(10).and_then(|m| m.checked_add(u128::from(d))) {
                Some(m) => mantissa = m,
                None => too_large = true,
            }
            if in_fraction {
                frac_digits += 1;
                scale += 1;
            } else {
                int_digits += 1;
                group_len += 1;
            }
        } else if !in_fraction && Some(c) == decimal {
            if int_digits == 0 {
                return Reading::NoParse;
            }
            if sep_used.is_some() && group_len != 3 {
                bad_groups = true;
            }
            in_fraction = true;
        } else if !in_fraction && seps.contains(&c) {
            let same = match sep_used {
                None => true,
                Some(s) => s == c || (SPACES.contains(&s) && SPACES.contains(&c)),
            };
            if !same || group_len == 0 {
                return Reading::NoParse;
            }
            match first_group {
                None => {
                    if group_len > 3 {
                        bad_groups = true;
                    }
                    first_group = Some(group_len);
                }
                Some(_) => {
                    if group_len != 3 {
                        bad_groups = true;
                    }
                }
            }
            sep_used = Some(c);
            group_len = 0;
        } else {
            return Reading::NoParse;
        }
    }
    if int_digits == 0 || (in_fraction && frac_digits == 0) {
        return Reading::NoParse;
    }
    if sep_used.is_some() && !in_fraction && group_len != 3 {
        bad_groups = true;
    }
    if bad_groups {
        return Reading::BadGroups;
    }
    if too_large || scale > 28 {
        return Reading::TooLarge;
    }
    match i128::try_from(mantissa).ok().and_then(|m| Decimal::try_from_i128_with_scale(m, scale).ok()) {
        Some(v) => Reading::Value(v),
        None => Reading::TooLarge,
    }
}

// ----- currencies ------------------------------------------------------------------

/// A currency mark found in a money value or a header: a symbol (`$`, `€`) or an ISO
/// 4217 code (`USD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mark {
    Symbol(&'static str),
    Code(String),
}

impl Mark {
    fn agrees_with(&self, currency: &str) -> bool {
        match self {
            Mark::Code(c) => c == currency,
            Mark::Symbol(s) => money::symbol_currencies(s).is_some_and(|set| set.contains(&currency)),
        }
    }

    fn text(&self) -> &str {
        match self {
            Mark::Code(c) => c,
            Mark::Symbol(s) => s,
        }
    }
}

/// Symbols recognised in money values, longest first so `US$` is not read as `$`.
const SYMBOLS: &[&str] =
    &["US$", "CA$", "AU$", "NZ$", "HK$", "C$", "A$", "S$", "R$", "$", "€", "£", "¥", "￥", "₹", "₩"];

/// A currency symbol or an ISO code given alone (a header's `(USD)` or `(€)`).
pub(crate) fn mark_of(text: &str) -> Option<Mark> {
    let t = text.trim();
    if let Some(s) = SYMBOLS.iter().find(|s| **s == t) {
        return Some(Mark::Symbol(s));
    }
    if t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        let code = t.to_ascii_uppercase();
        if money::is_iso_currency(&code) {
            return Some(Mark::Code(code));
        }
    }
    None
}

/// Reads a currency cell: empty gives `None`; otherwise an ISO 4217 code, any case.
pub fn parse_currency(text: &str) -> Result<Option<String>, ValueError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        let code = t.to_ascii_uppercase();
        if money::is_iso_currency(&code) {
            return Ok(Some(code));
        }
        return Err(ValueError::new("unknown currency code; use an ISO 4217 code such as USD or EUR", t));
    }
    Err(ValueError::new("not a currency code; use an ISO 4217 code such as USD or EUR", t))
}

/// Splits a money value into its number and the currency marks around it (`$1,250`,
/// `1250 USD`, `USD 1250`, `1 250,00 €`), noting a minus sign.
fn split_money(t: &str) -> Result<(&str, Vec<Mark>, bool), ValueError> {
    let mut s = t;
    let mut marks = Vec::new();
    let mut codes: Vec<&str> = Vec::new();
    let mut negative = false;
    // Prefix: a sign and/or a mark, in either order.
    for _ in 0..3 {
        s = s.trim_start();
        if let Some(r) = s.strip_prefix(['-', '\u{2212}']) {
            negative = true;
            s = r;
        } else if let Some(sym) = SYMBOLS.iter().find(|p| s.starts_with(**p)) {
            marks.push(Mark::Symbol(sym));
            s = &s[sym.len()..];
        } else if let Some(code) = leading_code(s) {
            codes.push(code);
            s = &s[3..];
        } else {
            break;
        }
    }
    // Suffix: one mark.
    s = s.trim_end();
    if let Some(sym) = SYMBOLS.iter().find(|p| s.ends_with(**p)) {
        marks.push(Mark::Symbol(sym));
        s = s[..s.len() - sym.len()].trim_end();
    } else if let Some(code) = trailing_code(s) {
        codes.push(code);
        s = s[..s.len() - 3].trim_end();
    }
    let num = s.trim();
    // Letters with no number (`bad`, `n/a`) are not an amount, whatever they spell.
    if num.bytes().any(|b| b.is_ascii_digit()) {
        for code in codes {
            marks.push(code_mark(code, t)?);
        }
    }
    Ok((num, marks, negative))
}

fn leading_code(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    (b.len() >= 3 && b[..3].iter().all(u8::is_ascii_alphabetic) && !b.get(3).is_some_and(u8::is_ascii_alphabetic))
        .then(|| &s[..3])
}

fn trailing_code(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let n = b.len();
    (n >= 3 && b[n - 3..].iter().all(u8::is_ascii_alphabetic) && !(n > 3 && b[n - 4].is_ascii_alphabetic()))
        .then(|| &s[n - 3..])
}

fn code_mark(code: &str, value: &str) -> Result<Mark, ValueError> {
    let up = code.to_ascii_uppercase();
    if money::is_iso_currency(&up) {
        Ok(Mark::Code(up))
    } else {
        Err(ValueError::new(format!("unknown currency code {up}"), value))
    }
}

/// Decides the currency of a fee from the currency cell (already read), the marks in
/// the value and in its header, and the base currency.
pub(crate) fn resolve_currency(
    marks: &[Mark],
    cell: Option<&str>,
    base: &str,
    value: &str,
) -> Result<String, ValueError> {
    if let Some(cur) = cell {
        if let Some(m) = marks.iter().find(|m| !m.agrees_with(cur)) {
            return Err(ValueError::new(
                format!("the amount is in {} but the currency is {cur}", m.text()),
                value,
            ));
        }
        return Ok(cur.to_string());
    }
    let code = marks.iter().find_map(|m| match m {
        Mark::Code(c) => Some(c.as_str()),
        Mark::Symbol(_) => None,
    });
    let cur = match code {
        Some(c) => c,
        None => {
            if let Some(m) = marks.iter().find(|m| !m.agrees_with(base)) {
                return Err(ValueError::new(
                    format!(
                        "{} is not the base currency {base}; fill in the currency column",
                        m.text()
                    ),
                    value,
                ));
            }
            base
        }
    };
    if let Some(m) = marks.iter().find(|m| !m.agrees_with(cur)) {
        return Err(ValueError::new(format!("{} and {cur} do not agree", m.text()), value));
    }
    Ok(cur.to_string())
}

// ----- money -----------------------------------------------------------------------

/// The number conventions a money value is tried under: (thousands separators,
/// decimal mark).
fn money_conventions(conv: Convention) -> &'static [(&'static [char], char)] {
    match conv {
        Convention::Comma => &[(&[','], '.')],
        Convention::Point => &[(&[',', ' ', '\u{a0}', '\u{202f}'], '.')],
        Convention::DecimalComma => &[(&['.', ' ', '\u{a0}', '\u{202f}'], ',')],
        Convention::Semicolon => &[
            (&[','], '.'),
            (&['.', ' ', '\u{a0}', '\u{202f}'], ','),
            (&[' ', '\u{a0}', '\u{202f}'], '.'),
        ],
    }
}

/// A money value read from a cell: the amount (scale kept) and the currency marks
/// written with it.
pub(crate) struct MoneyText {
    pub amount: Decimal,
    pub marks: Vec<Mark>,
}

/// Reads a money value under every convention the file allows; readings that parse
/// must agree, otherwise the value is refused (never guessed). `t` is trimmed.
pub(crate) fn read_money(t: &str, conv: Convention) -> Result<MoneyText, ValueError> {
    // Fast path: plain digits with at most one '.', no marks (what export writes).
    let plain = !t.is_empty()
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|b| *b == b'.').count() <= 1
        && t.as_bytes()[0] != b'.'
        && t.as_bytes()[t.len() - 1] != b'.';
    let (num, marks, negative) = if plain { (t, Vec::new(), false) } else { split_money(t)? };
    let mut readings: Vec<Decimal> = Vec::with_capacity(2);
    let mut bad_groups = false;
    let mut too_large = false;
    for (seps, decimal) in money_conventions(conv) {
        match read_grouped(num, seps, Some(*decimal)) {
            Reading::Value(v) => {
                if !readings.contains(&v) {
                    readings.push(v);
                }
            }
            Reading::BadGroups => bad_groups = true,
            Reading::TooLarge => too_large = true,
            Reading::NoParse => {}
        }
    }
    match readings.len() {
        0 if too_large => Err(ValueError::new("too many digits for an amount (at most 28)", t)),
        0 if bad_groups => Err(ValueError::new("thousands groups must have exactly 3 digits", t)),
        0 => Err(ValueError::new(
            match conv {
                Convention::Comma => "not an amount; in a comma-separated file write it like 1250.00 or 1,250.00",
                Convention::Point => "not an amount; this file writes amounts like 1,250.00",
                Convention::DecimalComma => "not an amount; this file writes amounts like 1.250,00",
                Convention::Semicolon => "not an amount; write it like 1250,00 or 1.250,00",
            },
            t,
        )),
        1 if negative => Err(ValueError::new("must be 0 or more", t)),
        1 => Ok(MoneyText { amount: readings[0], marks }),
        _ => {
            let list: Vec<String> = readings.iter().map(|d| d.to_string()).collect();
            Err(ValueError::new(
                format!(
                    "could be read as {}; write it without thousands separators or with decimals",
                    list.join(" or ")
                ),
                t,
            ))
        }
    }
}

/// Reads a fee as the `mille posts add --fee` flag gives it (`,`-file conventions):
/// `1250`, `1,250.00`, `$1,250`, `1250 USD`. `currency` is the `--currency` flag, if
/// any; a symbol or code in the text must agree with it, or sets it when it is absent
/// (a lone symbol stands for `base` when it agrees with it). Returns the amount with
/// its scale kept and the resolved currency.
pub fn parse_fee(text: &str, currency: Option<&str>, base: &str) -> Result<(Decimal, String), ValueError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ValueError::new("a fee is required (0 for a gifted post)", t));
    }
    let cell = match currency {
        Some(c) => parse_currency(c)?,
        None => None,
    };
    let m = read_money(t, Convention::Comma)?;
    let cur = resolve_currency(&m.marks, cell.as_deref(), base, t)?;
    Ok((m.amount, cur))
}

// ----- fx rates --------------------------------------------------------------------

/// Reads an fx rate as a flag gives it (`,`-file conventions): a decimal > 0 with no
/// thousands separators (`1.0853`).
pub fn parse_fx_rate(text: &str) -> Result<Decimal, ValueError> {
    read_fx_rate(text.trim(), Convention::Comma)?
        .ok_or_else(|| ValueError::new("an fx rate is required", ""))
}

/// Reads an fx rate cell: empty gives `None`; `.` is the decimal mark anywhere, `,`
/// too in a `;`/tab file; never thousands separators; must be > 0.
pub(crate) fn read_fx_rate(t: &str, conv: Convention) -> Result<Option<Decimal>, ValueError> {
    if t.is_empty() {
        return Ok(None);
    }
    let seps: &[char] = &[];
    let mut reading = read_grouped(t, seps, Some('.'));
    if matches!(conv, Convention::Semicolon | Convention::DecimalComma) && reading == Reading::NoParse {
        reading = read_grouped(t, seps, Some(','));
    }
    match reading {
        Reading::Value(v) if v.is_zero() => Err(ValueError::new("an fx rate must be greater than 0", t)),
        Reading::Value(v) => Ok(Some(v)),
        Reading::TooLarge => Err(ValueError::new("too large an fx rate", t)),
        Reading::NoParse | Reading::BadGroups => {
            if t.starts_with(['-', '\u{2212}']) {
                Err(ValueError::new("an fx rate must be greater than 0", t))
            } else {
                Err(ValueError::new(
                    match conv {
                        Convention::Comma | Convention::Point => {
                            "not an fx rate; write it like 1.0853, with no thousands separators"
                        }
                        Convention::Semicolon | Convention::DecimalComma => {
                            "not an fx rate; write it like 1.0853 or 1,0853, with no thousands separators"
                        }
                    },
                    t,
                ))
            }
        }
    }
}

/// Applies the fx rate rules of a row: on a base-currency row the rate is empty or 1
/// (and stored as `None`); on any other row it is required.
pub fn resolve_fx_rate(rate: Option<Decimal>, currency: &str, base: &str) -> Result<Option<Decimal>, ValueError> {
    match rate {
        _ if currency == base => match rate {
            Some(r) if r != Decimal::ONE => Err(ValueError::new(
                format!("on a {base} row (the base currency) the fx rate must be empty or 1"),
                &r.to_string(),
            )),
            _ => Ok(None),
        },
        Some(r) => Ok(Some(r)),
        None => Err(ValueError::new(
            format!("an fx rate is required: the currency {currency} is not the base currency {base}"),
            "",
        )),
    }
}

// ----- platform and format ---------------------------------------------------------

/// Reads a platform (slug or alias, any case); an unknown one is refused with the list
/// of known platforms.
pub fn parse_platform(text: &str) -> Result<Platform, ValueError> {
    let t = text.trim();
    // Fast path: the exact slug, as export writes it.
    if let Some(p) = Platform::ALL.iter().find(|p| p.as_str() == t) {
        return Ok(*p);
    }
    Platform::parse(t).ok_or_else(|| {
        ValueError::new(format!("unknown platform; the known platforms are {}", Platform::known_list()), t)
    })
}

/// Reads a format: a known slug or alias, or a new slug (lowercase, spaces to `-`).
pub fn parse_format(text: &str) -> Result<Format, ValueError> {
    Format::parse(text).ok_or_else(|| ValueError::new("a format is required", ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use Convention::{Comma, DecimalComma, Point, Semicolon};

    #[test]
    fn dates_only_iso_like() {
        for (text, want) in [
            ("2025-03-04", Some((2025, 3, 4))),
            ("2025/03/04", Some((2025, 3, 4))),
            (" 2024-02-29 ", Some((2024, 2, 29))),
            ("2025-02-29", None),
            ("2025-13-01", None),
            ("2025-04-31", None),
            ("03/04/2025", None),
            ("04.03.2025", None),
            ("2025-3-4", None),
            ("2025-03/04", None),
            ("2025-03-04T10:00", None),
            ("4 March 2025", None),
            ("", None),
        ] {
            let got = parse_date(text).ok();
            let want = want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(got, want, "{text:?}");
        }
        assert_eq!(parse_date("2025-02-29").unwrap_err().message(), "no such day on the calendar");
        assert!(parse_date("03/04/2025").unwrap_err().message().contains("YYYY-MM-DD"));
    }

    #[test]
    fn counts_per_convention() {
        for (text, conv, want) in [
            ("", Comma, Ok(None)),
            ("0", Comma, Ok(Some(0))),
            ("12345", Comma, Ok(Some(12345))),
            ("12,345", Comma, Ok(Some(12345))),
            ("1,234,567", Comma, Ok(Some(1_234_567))),
            ("12 345", Comma, Ok(Some(12345))),
            ("12.345", Semicolon, Ok(Some(12345))),
            ("12 345", Semicolon, Ok(Some(12345))),
            ("12\u{a0}345", Semicolon, Ok(Some(12345))),
            ("1.234.567", Semicolon, Ok(Some(1_234_567))),
            ("12,345", Semicolon, Err("not a whole number")),
            // real-files.md: in a `,` file that settles nothing, one whole reading.
            ("12.345", Comma, Ok(Some(12345))),
            ("48.211", Point, Err("not a whole number")),
            ("48.211", DecimalComma, Ok(Some(48211))),
            ("48,211", DecimalComma, Err("not a whole number")),
            ("1 104 477", Point, Ok(Some(1104477))),
            ("1,25,000", Comma, Err("thousands groups must have exactly 3 digits")),
            ("1234,567", Comma, Err("thousands groups must have exactly 3 digits")),
            ("12,34", Comma, Err("thousands groups must have exactly 3 digits")),
            ("1.234 567", Semicolon, Err("not a whole number")),
            ("-5", Comma, Err("must be 0 or more")),
            ("12.5", Comma, Err("not a whole number")),
            ("1e6", Comma, Err("not a whole number")),
            ("many", Comma, Err("not a whole number")),
            ("9223372036854775807", Comma, Ok(Some(9_223_372_036_854_775_807))),
            ("9223372036854775808", Comma, Err("too large a number")),
            ("99999999999999999999999999999999999999999", Comma, Err("too large a number")),
        ] {
            let got = read_count(text, conv).map_err(|e| e.message().to_string());
            assert_eq!(got, want.map_err(str::to_string), "{text:?} {conv:?}");
        }
    }

    #[test]
    fn money_in_a_comma_file() {
        for (text, want, marks) in [
            ("1250", Some(dec!(1250)), 0),
            ("1250.00", Some(dec!(1250.00)), 0),
            ("1,250.00", Some(dec!(1250.00)), 0),
            ("$1,250", Some(dec!(1250)), 1),
            ("1250 USD", Some(dec!(1250)), 1),
            ("USD 1250", Some(dec!(1250)), 1),
            ("usd1250", Some(dec!(1250)), 1),
            ("€ 99.5", Some(dec!(99.5)), 1),
            ("99.5€", Some(dec!(99.5)), 1),
            ("0.123456789", Some(dec!(0.123456789)), 0),
            ("0", Some(dec!(0)), 0),
            ("1.250,00", None, 0),
            ("1250,00", None, 0),
            ("1 250.00", None, 0),
            ("1,25,000", None, 0),
            ("12.", None, 0),
            ("$", None, 0),
            ("abc", None, 0),
        ] {
            let got = read_money(text, Comma);
            match want {
                Some(v) => {
                    let m = got.unwrap_or_else(|e| panic!("{text}: {e}"));
                    assert_eq!(m.amount, v, "{text}");
                    assert_eq!(m.amount.scale(), v.scale(), "{text} keeps its decimals");
                    assert_eq!(m.marks.len(), marks, "{text}");
                }
                None => assert!(got.is_err(), "{text} must be refused"),
            }
        }
    }

    #[test]
    fn money_in_a_semicolon_file() {
        for (text, want) in [
            ("1250", Ok(dec!(1250))),
            ("1250,00", Ok(dec!(1250.00))),
            ("1.250,00", Ok(dec!(1250.00))),
            ("1 250,00", Ok(dec!(1250.00))),
            ("1\u{202f}250,00 €", Ok(dec!(1250.00))),
            ("1,250.00", Ok(dec!(1250.00))),
            ("1250.5", Ok(dec!(1250.5))),
            ("0,5", Ok(dec!(0.5))),
            ("1,250", Err("could be read as 1250 or 1.250")),
            ("1.250", Err("could be read as 1.250 or 1250")),
            ("1.25.000", Err("thousands groups must have exactly 3 digits")),
        ] {
            let got = read_money(text, Semicolon).map(|m| m.amount).map_err(|e| e.message().to_string());
            match (got, want) {
                (Ok(g), Ok(w)) => {
                    assert_eq!(g, w, "{text}");
                    assert_eq!(g.scale(), w.scale(), "{text}");
                }
                (Err(g), Err(w)) => assert!(g.starts_with(w), "{text}: {g}"),
                (g, w) => panic!("{text}: got {g:?}, want {w:?}"),
            }
        }
    }

    #[test]
    fn money_refusals_name_the_problem() {
        assert_eq!(read_money("-50", Comma).err().unwrap().message(), "must be 0 or more");
        assert_eq!(read_money("-$50", Comma).err().unwrap().message(), "must be 0 or more");
        assert_eq!(read_money("$-50", Comma).err().unwrap().message(), "must be 0 or more");
        assert_eq!(read_money("1250 XYZ", Comma).err().unwrap().message(), "unknown currency code XYZ");
        assert_eq!(
            read_money("1,25,000", Comma).err().unwrap().message(),
            "thousands groups must have exactly 3 digits"
        );
        assert!(read_money("1.250,00", Comma).err().unwrap().message().starts_with("not an amount"));
    }

    #[test]
    fn currency_marks_agree_or_refuse() {
        let r = |text: &str, cell: Option<&str>, base: &str| {
            let m = read_money(text, Comma).map_err(|e| e.message().to_string())?;
            resolve_currency(&m.marks, cell, base, text).map_err(|e| e.message().to_string())
        };
        assert_eq!(r("$1,250", Some("USD"), "USD"), Ok("USD".into()));
        assert_eq!(r("$1,250", Some("CAD"), "USD"), Ok("CAD".into()));
        assert_eq!(r("$1,250", Some("AUD"), "EUR"), Ok("AUD".into()));
        assert_eq!(r("¥1000", Some("JPY"), "USD"), Ok("JPY".into()));
        assert_eq!(r("¥1000", Some("CNY"), "USD"), Ok("CNY".into()));
        assert_eq!(r("£10", Some("GBP"), "USD"), Ok("GBP".into()));
        assert_eq!(r("€10", Some("EUR"), "USD"), Ok("EUR".into()));
        assert_eq!(r("$1,250", Some("EUR"), "USD"), Err("the amount is in $ but the currency is EUR".into()));
        assert_eq!(r("1250 USD", Some("EUR"), "USD"), Err("the amount is in USD but the currency is EUR".into()));
        // Empty currency cell: a code sets it, a symbol stands for the base if it agrees.
        assert_eq!(r("1250 EUR", None, "USD"), Ok("EUR".into()));
        assert_eq!(r("eur 1250", None, "USD"), Ok("EUR".into()));
        assert_eq!(r("$1250", None, "USD"), Ok("USD".into()));
        assert_eq!(r("$1250", None, "CAD"), Ok("CAD".into()));
        assert_eq!(r("1250", None, "GBP"), Ok("GBP".into()));
        assert_eq!(
            r("€1250", None, "USD"),
            Err("€ is not the base currency USD; fill in the currency column".into())
        );
        assert_eq!(r("$1250 EUR", None, "USD"), Err("$ and EUR do not agree".into()));
        assert_eq!(r("€1250 EUR", None, "USD"), Ok("EUR".into()));
    }

    #[test]
    fn parse_fee_for_flags() {
        assert_eq!(parse_fee("1,250.00", None, "USD"), Ok((dec!(1250.00), "USD".into())));
        assert_eq!(parse_fee("900", Some("eur"), "USD"), Ok((dec!(900), "EUR".into())));
        assert_eq!(parse_fee("€900", None, "EUR"), Ok((dec!(900), "EUR".into())));
        let e = parse_fee("1.250,00", None, "USD").unwrap_err();
        assert_eq!(e.value(), "1.250,00");
        assert!(e.to_string().ends_with("(1.250,00)"), "{e}");
        assert!(parse_fee("900", Some("EUD"), "USD").is_err());
    }

    #[test]
    fn fx_rates() {
        for (text, conv, want) in [
            ("", Comma, Ok(None)),
            ("1.0853", Comma, Ok(Some(dec!(1.0853)))),
            ("1.0853", Semicolon, Ok(Some(dec!(1.0853)))),
            ("1,0853", Semicolon, Ok(Some(dec!(1.0853)))),
            ("0.000123", Comma, Ok(Some(dec!(0.000123)))),
            ("150", Comma, Ok(Some(dec!(150)))),
            ("1,0853", Comma, Err(())),
            ("1,085.3", Comma, Err(())),
            ("1.085,3", Semicolon, Err(())),
            ("0", Comma, Err(())),
            ("0.0", Comma, Err(())),
            ("-1.2", Comma, Err(())),
            ("abc", Comma, Err(())),
        ] {
            let got = read_fx_rate(text, conv).map_err(|_| ());
            assert_eq!(got, want, "{text:?} {conv:?}");
            if let Ok(Some(v)) = got {
                assert_eq!(v.to_string(), text.replace(',', "."), "scale kept");
            }
        }
        assert_eq!(read_fx_rate("0", Comma).unwrap_err().message(), "an fx rate must be greater than 0");
        assert_eq!(parse_fx_rate("1.1"), Ok(dec!(1.1)));
    }

    #[test]
    fn fx_rate_base_rules() {
        assert_eq!(resolve_fx_rate(None, "USD", "USD"), Ok(None));
        assert_eq!(resolve_fx_rate(Some(dec!(1)), "USD", "USD"), Ok(None));
        assert_eq!(resolve_fx_rate(Some(dec!(1.000)), "USD", "USD"), Ok(None));
        assert!(resolve_fx_rate(Some(dec!(1.1)), "USD", "USD").is_err());
        assert_eq!(resolve_fx_rate(Some(dec!(1.1)), "EUR", "USD"), Ok(Some(dec!(1.1))));
        // A foreign row may have a rate of exactly 1 (a pegged currency).
        assert_eq!(resolve_fx_rate(Some(dec!(1)), "EUR", "USD"), Ok(Some(dec!(1))));
        let e = resolve_fx_rate(None, "EUR", "USD").unwrap_err();
        assert!(e.message().contains("EUR") && e.message().contains("USD"), "{e}");
    }

    #[test]
    fn currency_cells() {
        assert_eq!(parse_currency(""), Ok(None));
        assert_eq!(parse_currency(" eur "), Ok(Some("EUR".into())));
        assert!(parse_currency("EUD").is_err());
        assert!(parse_currency("€").is_err());
        assert!(parse_currency("Euro").is_err());
    }

    #[test]
    fn platforms_and_formats() {
        assert_eq!(parse_platform("instagram"), Ok(Platform::Instagram));
        assert_eq!(parse_platform("IG"), Ok(Platform::Instagram));
        assert_eq!(parse_platform("YouTube"), Ok(Platform::Youtube));
        let e = parse_platform("Instagarm").unwrap_err();
        assert!(e.message().contains("instagram, tiktok, youtube, x, linkedin"), "{e}");
        assert_eq!(parse_format("Reels").unwrap().as_str(), "reel");
        assert_eq!(parse_format("Unboxing Video").unwrap().as_str(), "unboxing-video");
    }

    #[test]
    fn formula_prefix() {
        for (text, want) in [
            ("'=1+1", "=1+1"),
            ("'+cmd", "+cmd"),
            ("'-1", "-1"),
            ("'@x", "@x"),
            ("''quoted", "'quoted"),
            ("'tis", "'tis"),
            ("'", "'"),
            ("=1+1", "=1+1"),
            ("plain", "plain"),
        ] {
            assert_eq!(strip_formula_prefix(text), want, "{text}");
        }
        for (text, want) in [("=x", true), ("+x", true), ("-x", true), ("@x", true), ("'x", true), ("x=", false), ("", false)] {
            assert_eq!(needs_formula_prefix(text), want, "{text}");
        }
    }
}
