//! The values of an export's cells: counts grouped any usual way (`12,500`,
//! `12.500`) and the publish dates the platforms write.

use chrono::NaiveDate;

/// A count as these exports write it: digits, optionally grouped in threes by one of
/// `,` `.` `'` or a space. Anything else (empty, negative, decimals, `1.2K`, text)
/// is `None`: it changes nothing. Values beyond what the database stores are `None`.
pub fn count(text: &str) -> Option<u64> {
    let t = text.trim();
    let mut sep: Option<char> = None;
    let mut groups: Vec<usize> = vec![0];
    let mut n: u64 = 0;
    for c in t.chars() {
        if c.is_ascii_digit() {
            n = n.checked_mul(10)?.checked_add(u64::from(c as u8 - b'0'))?;
            *groups.last_mut()? += 1;
        } else if matches!(c, ',' | '.' | '\'' | ' ' | '\u{a0}' | '\u{202f}') {
            let space = |s: char| matches!(s, ' ' | '\u{a0}' | '\u{202f}');
            match sep {
                None => sep = Some(c),
                Some(s) if s == c || (space(s) && space(c)) => {}
                Some(_) => return None,
            }
            groups.push(0);
        } else {
            return None;
        }
    }
    let first = *groups.first()?;
    if first == 0 || (groups.len() > 1 && (first > 3 || groups[1..].iter().any(|g| *g != 3))) {
        return None;
    }
    (n <= i64::MAX as u64).then_some(n)
}

/// A publish date as the exports write it (see the module doc). `None` for anything
/// else, and for a date without a year.
pub fn export_date(text: &str) -> Option<NaiveDate> {
    // The tracker's date reader (every form, seven languages) under the exports'
    // known order: slashed dates month first, as Meta writes them; dotted ones day first.
    use crate::import::dates::{DateOrder, Shape};
    let shape = crate::import::dates::scan(text).ok()?;
    let order = match shape {
        Shape::Numeric { sep: b'.', .. } => DateOrder::Dmy,
        _ => DateOrder::Mdy,
    };
    shape.date(order).ok()
}
