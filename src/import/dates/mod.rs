//! Dates as trackers write them (real-files.md "Dates"): ISO (`2025-03-04`,
//! `2025/03/04`, `2025.03.04`), day-month numbers (`4/3/2025`, `03/04/25`, `4.3.2025`,
//! `04-03-2025`) whose order is settled per column, month names in seven languages
//! (`March 4, 2025`, `4. März 2025`, `4 de marzo de 2025`, `Tue, 4 Mar 2025`,
//! `04-Mar-2025`), and date-times in any of these forms, which give the date as
//! written (the time is dropped, never converted between zones).
//!
//! [`scan`] reads a value into a [`Shape`] without deciding a day-month order; the
//! per-column order is decided from the column's values ([`Evidence`]) and applied
//! with [`Shape::date`]. No regular expressions, no allocation on the common paths.

use chrono::NaiveDate;

/// Which number comes first in a `D/M/Y`-like date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day first: `4/3/2025` is 4 March.
    Dmy,
    /// Month first: `4/3/2025` is April 3.
    Mdy,
}

impl DateOrder {
    /// Reads `dmy` / `mdy` (any case).
    pub fn parse(text: &str) -> Option<DateOrder> {
        match text.trim().to_ascii_lowercase().as_str() {
            "dmy" => Some(DateOrder::Dmy),
            "mdy" => Some(DateOrder::Mdy),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
        }
    }
}

/// A date value read without knowing its column's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The date is certain (ISO, or a month written as a name).
    Exact(NaiveDate),
    /// Three numbers: `first sep second sep year`, the year already 4 digits.
    Numeric { first: u32, second: u32, year: i32, sep: u8 },
}

/// Why a value is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not any date form Mille reads.
    NotADate,
    /// A date form, but the day does not exist (`2025-02-30`, `31 April 2025`).
    NoSuchDay,
    /// A day and a month with no year (`March 4`).
    NoYear,
}

impl Problem {
    pub fn message(self) -> &'static str {
        match self {
            Problem::NotADate => "not a date; write it like 2025-03-04, 4/3/2025 or March 4, 2025",
            Problem::NoSuchDay => "no such day on the calendar",
            Problem::NoYear => "the date has no year; write the year too",
        }
    }
}

impl Shape {
    /// What this value says about its column's order: `Some(Dmy)` when it can only be
    /// day first (dotted, or a first number over 12), `Some(Mdy)` when it can only be
    /// month first (slashed or dashed with a second number over 12).
    pub fn says(&self) -> Option<DateOrder> {
        match *self {
            Shape::Exact(_) => None,
            Shape::Numeric { first, second, sep, .. } => {
                if sep == b'.' || first > 12 {
                    Some(DateOrder::Dmy)
                } else if second > 12 {
                    Some(DateOrder::Mdy)
                } else {
                    None
                }
            }
        }
    }

    /// True for a numeric value that reads as a real day both ways (`3/4/2025`).
    pub fn is_numeric(&self) -> bool {
        matches!(self, Shape::Numeric { .. })
    }

    /// The date under `order` (ignored for exact shapes).
    pub fn date(&self, order: DateOrder) -> Result<NaiveDate, Problem> {
        match *self {
            Shape::Exact(d) => Ok(d),
            Shape::Numeric { first, second, year, .. } => {
                let (d, m) = match order {
                    DateOrder::Dmy => (first, second),
                    DateOrder::Mdy => (second, first),
                };
                NaiveDate::from_ymd_opt(year, m, d).ok_or(Problem::NoSuchDay)
            }
        }
    }

    /// Both readings of a numeric value, day first and month first, when both are days.
    pub fn readings(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((self.date(DateOrder::Dmy).ok()?, self.date(DateOrder::Mdy).ok()?))
    }
}

/// Reads a date value in any form of real-files.md. A numeric `D/M/Y`-like value is
/// returned as [`Shape::Numeric`] for the column to settle.
pub fn scan(text: &str) -> Result<Shape, Problem> {
    let t = text.trim();
    // A Notion date range `March 4, 2025 → March 6, 2025`: its start.
    let t = t.split('→').next().unwrap_or(t).trim();
    if t.is_empty() {
        return Err(Problem::NotADate);
    }
    if let Some(r) = iso(t) {
        return r;
    }
    let t = without_time(t);
    if let Some(r) = numeric(t) {
        return r;
    }
    named(t)
}

fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
}

fn ymd(y: i32, m: u32, d: u32) -> Result<Shape, Problem> {
    NaiveDate::from_ymd_opt(y, m, d).map(Shape::Exact).ok_or(Problem::NoSuchDay)
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` (one or two digits for month and day),
/// with anything after a `T` or a space (a time) dropped.
fn iso(t: &str) -> Option<Result<Shape, Problem>> {
    let b = t.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) || !matches!(b[4], b'-' | b'/' | b'.') {
        return None;
    }
    let sep = b[4];
    let end = b.iter().position(|c| *c == b'T' || *c == b' ').unwrap_or(b.len());
    let date = &b[..end];
    let rest = &t[end..];
    if !rest.is_empty() && !looks_like_time(rest.trim_start_matches(['T', ' '])) {
        return None;
    }
    let mut parts = date.split(|c| *c == sep);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let (y, m, d) = (num(y)?, num(m)?, num(d)?);
    Some(ymd(y as i32, m, d))
}

/// True when `s` starts like a time of day (`10:42`, `9:05:00`, `22:00Z`).
fn looks_like_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&digits) && b.get(digits) == Some(&b':') && b.get(digits + 1).is_some_and(u8::is_ascii_digit)
}

/// The text before a time of day (`03/25/2025 22:00` → `03/25/2025`,
/// `February 20, 2025 10:42 AM` → `February 20, 2025`).
fn without_time(t: &str) -> &str {
    for (i, _) in t.match_indices([' ', 'T']) {
        let rest = t[i + 1..].trim_start();
        if looks_like_time(rest) {
            return t[..i].trim_end().trim_end_matches([',', ' ']);
        }
    }
    t
}

/// `D/M/Y`, `M/D/Y`, `D.M.Y`, `D-M-Y` with 4- or 2-digit years (a trailing `.` after
/// a dotted year is allowed).
fn numeric(t: &str) -> Option<Result<Shape, Problem>> {
    let b = t.as_bytes();
    let sep = *b.iter().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, b'/' | b'.' | b'-') {
        return None;
    }
    let body = if sep == b'.' { b.strip_suffix(b".").unwrap_or(b) } else { b };
    let mut parts = body.split(|c| *c == sep);
    let (a, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || a.len() > 2 || m.len() > 2 || !(y.len() == 2 || y.len() == 4) {
        return None;
    }
    let (first, second, year) = (num(a)?, num(m)?, num(y)?);
    let year = if y.len() == 2 { 2000 + year } else { year } as i32;
    if first == 0 || second == 0 || (first > 12 && second > 12) || first > 31 || second > 31 {
        return Some(Err(Problem::NoSuchDay));
    }
    let shape = Shape::Numeric { first, second, year, sep };
    // A value that settles its own order must be a day under it.
    if let Some(order) = shape.says() {
        if shape.date(order).is_err() {
            return Some(Err(Problem::NoSuchDay));
        }
    } else if shape.readings().is_none() {
        return Some(Err(Problem::NoSuchDay));
    }
    Some(Ok(shape))
}

/// Lowercase ASCII of a word, accents folded (`März` → `marz`, `août` → `aout`).
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'ç' | 'ć' | 'č' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => out.push('i'),
            'ñ' | 'ń' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ł' => out.push('l'),
            'ś' | 'š' => out.push('s'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            'ř' => out.push('r'),
            _ => out.push(c),
        }
    }
    out
}

/// Month names, full, in English, German, French, Spanish, Italian, Portuguese and
/// Dutch (folded). A word matches a month when it is one of these, an abbreviation in
/// [`MONTH_ABBREVIATIONS`], or a prefix of at least 3 letters of names of one month only.
const MONTHS: [&[&str]; 12] = [
    &["january", "januar", "janner", "janvier", "enero", "gennaio", "janeiro", "januari"],
    &["february", "februar", "fevrier", "febrero", "febbraio", "fevereiro", "februari"],
    &["march", "marz", "mars", "marzo", "marco", "maart"],
    &["april", "avril", "abril", "aprile"],
    &["may", "mai", "mayo", "maggio", "maio", "mei"],
    &["june", "juni", "juin", "junio", "giugno", "junho"],
    &["july", "juli", "juillet", "julio", "luglio", "julho"],
    &["august", "aout", "agosto", "augustus"],
    &["september", "septembre", "septiembre", "setiembre", "settembre", "setembro"],
    &["october", "oktober", "octobre", "octubre", "ottobre", "outubro"],
    &["november", "novembre", "noviembre", "novembro"],
    &["december", "dezember", "decembre", "diciembre", "dicembre", "dezembro"],
];

/// Abbreviations that are not prefixes of a full name (`mrt`) or are shorter than 3.
const MONTH_ABBREVIATIONS: [(&str, u32); 3] = [("mrt", 3), ("sept", 9), ("fev", 2)];

fn month_of(word: &str) -> Option<u32> {
    if let Some((_, m)) = MONTH_ABBREVIATIONS.iter().find(|(a, _)| *a == word) {
        return Some(*m);
    }
    if word.len() < 3 {
        return None;
    }
    let mut found: Option<u32> = None;
    for (i, names) in MONTHS.iter().enumerate() {
        if names.iter().any(|n| n.starts_with(word)) {
            match found {
                Some(_) => return None, // `jui`: juin or juillet
                None => found = Some(i as u32 + 1),
            }
        }
    }
    found
}

/// Weekday names and abbreviations (folded), dropped before a date.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lun",
    "mar",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "mie",
    "jue",
    "vie",
    "sab",
    "dom",
    "lunedi",
    "martedi",
    "mercoledi",
    "giovedi",
    "venerdi",
    "domenica",
    "gio",
    "segunda",
    "terca",
    "quarta",
    "quinta",
    "sexta",
    "seg",
    "ter",
    "qua",
    "qui",
    "sex",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "ma",
    "wo",
    "vr",
    "za",
    "zo",
    "feira",
];

/// Words that may stand between the parts of a named date (`4 de marzo de 2025`,
/// `the 4th of March`).
const FILLERS: &[&str] = &["de", "del", "of", "the", "le", "den", "der", "il"];

/// A date with its month as a word: `March 4, 2025`, `4 March 2025`, `04-Mar-2025`,
/// `4. März 2025`, `4 de marzo de 2025`, `Tue, 4 Mar 2025`, `March 4th, 2025`.
fn named(t: &str) -> Result<Shape, Problem> {
    let mut month: Option<u32> = None;
    let mut numbers: Vec<(u32, usize)> = Vec::with_capacity(2); // (value, digits)
    let mut words: Vec<String> = Vec::new();
    for token in t.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '-' | '/')) {
        if token.is_empty() {
            continue;
        }
        let digits = token.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let suffix = fold(&token[digits..]);
            if !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th" | "er" | "e" | "o" | "º" | "°") {
                return Err(Problem::NotADate);
            }
            let Some(n) = num(&token.as_bytes()[..digits]) else { return Err(Problem::NotADate) };
            numbers.push((n, digits));
            continue;
        }
        if !token.chars().all(char::is_alphabetic) {
            return Err(Problem::NotADate);
        }
        words.push(fold(token));
    }
    // Leading weekday names go (`mar` is Tuesday in French and March everywhere: a
    // word is a weekday only while a month word follows it).
    let mut rest: Vec<&str> = words.iter().map(String::as_str).filter(|w| !FILLERS.contains(w)).collect();
    while rest.len() > 1 && WEEKDAYS.contains(&rest[0]) {
        rest.remove(0);
    }
    if let [w] = rest.as_slice() {
        month = month_of(w);
    }
    let Some(month) = month else { return Err(Problem::NotADate) };
    match numbers.as_slice() {
        [(d, dd), (y, yd)] if *dd <= 2 && (*yd == 4 || *yd == 2) => {
            let year = if *yd == 2 { 2000 + *y } else { *y } as i32;
            ymd(year, month, *d)
        }
        [(y, 4), (d, dd)] if *dd <= 2 => ymd(*y as i32, month, *d),
        [(d, dd)] if *dd <= 2 => Err(Problem::NoYear),
        _ => Err(Problem::NotADate),
    }
}

/// What a column's values say about its order, gathered value by value.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// The first value that can only be day first, with its line.
    pub day_first: Option<(usize, String)>,
    /// The first value that can only be month first, with its line.
    pub month_first: Option<(usize, String)>,
    /// The first numeric value that reads both ways.
    pub both_ways: Option<(usize, String)>,
}

impl Evidence {
    pub fn add(&mut self, line: usize, text: &str, shape: &Shape) {
        if !shape.is_numeric() {
            return;
        }
        let slot = match shape.says() {
            Some(DateOrder::Dmy) => &mut self.day_first,
            Some(DateOrder::Mdy) => &mut self.month_first,
            None => &mut self.both_ways,
        };
        if slot.is_none() {
            *slot = Some((line, text.trim().to_string()));
        }
    }

    /// True once nothing later in the column can change the outcome but a conflict.
    pub fn settled(&self) -> bool {
        self.day_first.is_some() || self.month_first.is_some()
    }

    /// The column's order from its own values, if they settle it.
    pub fn order(&self) -> Option<DateOrder> {
        match (&self.day_first, &self.month_first) {
            (Some(_), None) => Some(DateOrder::Dmy),
            (None, Some(_)) => Some(DateOrder::Mdy),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
