//! Reading single values of the campaign file (csv-format.md): dates, counts, money
//! with its currency marks, fx rates, currency codes, platforms, formats and the
//! formula-safe `'` prefix of text. Each reader knows the number conventions of the
//! file's delimiter ([`Convention`]); the `pub fn parse_*` helpers use the conventions
//! of a `,` file, which is what the `mille posts add/edit` flags are read with.
//!
//! None of these allocate on the success path except where the result owns text, and
//! none use regular expressions: they run once per cell of files with a million rows.
//!
//! Here: the number conventions, the error, text, dates, platforms and formats;
//! `numbers` reads whole numbers (counts), `amounts` currencies, fees and fx rates.

mod amounts;
mod numbers;
#[cfg(test)]
mod tests;

pub(crate) use amounts::{mark_of, read_fx_rate, read_money, resolve_currency, two_readings, Mark};
pub use amounts::{parse_currency, parse_fee, parse_fx_rate, resolve_fx_rate};
pub use numbers::parse_count;
pub(crate) use numbers::read_count;

use amounts::split_money;
use numbers::SPACES;

use crate::model::{Format, Platform};
use chrono::NaiveDate;
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
        (d, c, Some(l)) if d > 0 && c > 0 => Some(if l == '.' { Convention::Point } else { Convention::DecimalComma }),
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
    // Most cells: a number (its first byte a digit, trimmed or not).
    if t.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
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
    if b.len() != 10 || !matches!(b[4], b'-' | b'/') || b[7] != b[4] || !digits(0..4) || !digits(5..7) || !digits(8..10)
    {
        return Err(ValueError::new("not a date; write it as YYYY-MM-DD", t));
    }
    let num = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    // y < 10000 always fits an i32.
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| ValueError::new("no such day on the calendar", t))
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
