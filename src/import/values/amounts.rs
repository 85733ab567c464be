//! Money in a cell: currency marks (symbols and ISO codes, before or after the
//! amount), the amount read in the file's convention, fees resolved against the base
//! currency, and fx rates.

use super::numbers::{read_grouped, Reading};
use super::{Convention, ValueError};
use crate::money;
use rust_decimal::Decimal;

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
pub(super) fn split_money(t: &str) -> Result<(&str, Vec<Mark>, bool), ValueError> {
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
            return Err(ValueError::new(format!("the amount is in {} but the currency is {cur}", m.text()), value));
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
                    format!("{} is not the base currency {base}; fill in the currency column", m.text()),
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
        Convention::Semicolon => {
            &[(&[','], '.'), (&['.', ' ', '\u{a0}', '\u{202f}'], ','), (&[' ', '\u{a0}', '\u{202f}'], '.')]
        }
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
/// An amount with two readings whatever the file settled (real-files.md "Numbers"): a
/// single `,` or `.` followed by exactly three digits (`1,250`, `€1.250`), read as a
/// thousands group or as decimals. Gives the decimal-point reading, then the
/// decimal-comma one (`1,250`: 1250 and 1.250; `1.250`: 1.250 and 1250).
pub(crate) fn two_readings(t: &str) -> Option<(Decimal, Decimal)> {
    let (num, _, _) = split_money(t).ok()?;
    let b = num.as_bytes();
    let at = b.iter().position(|c| *c == b'.' || *c == b',')?;
    let (int, frac) = (&b[..at], &b[at + 1..]);
    let digits = |x: &[u8]| x.iter().all(u8::is_ascii_digit);
    if !(1..=3).contains(&int.len()) || frac.len() != 3 || !digits(int) || !digits(frac) {
        return None;
    }
    let whole: Decimal = format!("{}{}", &num[..at], &num[at + 1..]).parse().ok()?;
    let decimal: Decimal = format!("{}.{}", &num[..at], &num[at + 1..]).parse().ok()?;
    Some(if b[at] == b',' { (whole, decimal) } else { (decimal, whole) })
}

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
    read_fx_rate(text.trim(), Convention::Comma)?.ok_or_else(|| ValueError::new("an fx rate is required", ""))
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
