//! Whole numbers in a cell (counts such as impressions): grouped with `,` `.` `'` or
//! spaces as the file's convention allows, each grouping checked, never guessed.

use super::{Convention, ValueError};
use rust_decimal::Decimal;

pub(super) const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

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
pub(super) enum Reading {
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
pub(super) fn read_grouped(t: &str, seps: &[char], decimal: Option<char>) -> Reading {
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
