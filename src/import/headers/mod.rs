//! The header row of a campaign file: which file column is which Mille column
//! (csv-format.md "Columns" and "Headers people actually use", real-files.md
//! "Headers"). Names match case- and accent-insensitively ignoring spaces, `_ - . #`;
//! the names of seven languages are recognised ([`super::aliases`]); a trailing
//! currency in brackets (`Fee (USD)`) is the currency of that column; a column's own
//! name wins over an alias; a fee-named column holding yes/no or dates is a payment
//! column; `--map 'Their header=column'` (the app's column menus) overrides or
//! completes the guess. The result is a [`Layout`] the row reader uses, resolved once
//! per file.

pub(crate) mod aliases;
mod column;

pub(crate) use column::COLUMNS;
pub use column::{normalize, Column};

use super::values::{mark_of, Mark};
use super::RowError;
use aliases::Rank;

/// Splits `Fee (USD)` / `Fee [€]` into the name and the text in the trailing brackets.
fn split_bracket(header: &str) -> Option<(&str, &str)> {
    let t = header.trim();
    let close = t.chars().last()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let at = t.rfind(open)?;
    let name = t[..at].trim();
    let inner = t[at + open.len_utf8()..t.len() - close.len_utf8()].trim();
    (!name.is_empty()).then_some((name, inner))
}

/// How the header row reads: for each column, the index of the file field holding it.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// Indexed by `Column as usize`.
    pub fields: [Option<usize>; COLUMNS],
    /// The headers as written (trimmed), by file index.
    pub headers: Vec<String>,
    /// Currency marks of the fee column from its header (`Fee (USD)`).
    pub fee_marks: Vec<Mark>,
    /// Header as written → column, in file order.
    pub mapping: Vec<(String, String)>,
    /// How many headers were recognised (to choose a delimiter).
    pub recognised: usize,
    /// Each file field: the column it is read as (None: ignored).
    pub reads: Vec<Option<Column>>,
    /// Each file field that is ignored: why, in a few words (None: read, or no header).
    pub ignored: Vec<Option<String>>,
}

impl Layout {
    pub fn field(&self, c: Column) -> Option<usize> {
        self.fields[c as usize]
    }

    /// The name to show for a column in errors: the header as written, or the spec's
    /// name when the file has no such column.
    pub fn column_name(&self, c: Column) -> &str {
        match self.field(c) {
            Some(i) => self.headers.get(i).map(String::as_str).unwrap_or(c.name()),
            None => c.name(),
        }
    }
}

/// What the values of one file field look like, for the content rule of a fee-named
/// column (real-files.md "Which column wins").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Content {
    /// Non-empty values that are not placeholders.
    pub values: usize,
    /// Of those, yes/no values (`yes`, `TRUE`, `WAHR`, `✓`, ...).
    pub yes_no: usize,
    /// Of those, dates.
    pub dates: usize,
}

impl Content {
    /// A fee-named column whose every value is yes/no (payment) or a date (paid on).
    fn payment(&self) -> Option<Column> {
        if self.values == 0 {
            None
        } else if self.yes_no == self.values {
            Some(Column::Paid)
        } else if self.dates == self.values {
            Some(Column::PaidOn)
        } else {
            None
        }
    }
}

/// What one header was read as.
#[derive(Debug, Clone)]
struct Assigned {
    column: Option<Column>,
    /// `--map` (or the app's menu) chose it: it wins over any guess.
    explicit: bool,
    rank: Rank,
    marks: Vec<Mark>,
    /// Why the field is ignored, once decided.
    why: Option<String>,
}

/// Reads the header row. `line` is the header's line in the file; `content[i]`
/// describes the values of field `i` (empty when not known yet, as when choosing a
/// delimiter). Problems are returned as errors on that line (missing required column,
/// two headers read as the same column, a bad `--map`); ignored columns become
/// warnings.
pub(crate) fn resolve(
    raw: &[&str],
    line: usize,
    maps: &[(String, String)],
    content: &[Content],
) -> (Layout, Vec<RowError>, Vec<String>) {
    let headers: Vec<String> = raw.iter().map(|h| h.trim().trim_start_matches('\u{feff}').trim().to_string()).collect();
    let keys: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let err = |column: &str, message: String, value: &str| RowError {
        line,
        column: column.to_string(),
        message,
        value: value.to_string(),
    };

    // --map first: which header it names, and as what.
    let mut explicit: Vec<Option<Option<Column>>> = vec![None; headers.len()];
    for (their, col) in maps {
        let target = if col.trim().is_empty() {
            None
        } else {
            match aliases::column_named(col) {
                Some(c) => Some(c),
                None => {
                    errors.push(err(
                        their.trim(),
                        format!("the mapping names an unknown column; the columns are {}", Column::name_list()),
                        col.trim(),
                    ));
                    continue;
                }
            }
        };
        let their_t = their.trim();
        let their_key = normalize(their_t);
        let found = headers.iter().position(|h| h == their_t).or_else(|| keys.iter().position(|k| *k == their_key));
        match found {
            Some(i) => explicit[i] = Some(target),
            None => errors.push(err(
                their_t,
                format!(
                    "the mapping names a header that is not in the file; its headers are {}",
                    headers.iter().filter(|h| !h.is_empty()).cloned().collect::<Vec<_>>().join(", ")
                ),
                their_t,
            )),
        }
    }

    // Each header: as mapped, else as guessed; a fee-named column holding yes/no or
    // dates is a payment column.
    let mut assigned: Vec<Assigned> = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let bracket = split_bracket(h);
        let marks: Vec<Mark> = bracket.and_then(|(_, inner)| mark_of(inner)).into_iter().collect();
        let mut a = Assigned { column: None, explicit: false, rank: Rank::Alias, marks, why: None };
        match explicit[i] {
            Some(target) => {
                a.column = target;
                a.explicit = true;
                a.rank = Rank::Canonical;
                if target.is_none() {
                    a.why = Some("ignored as chosen".into());
                }
            }
            None => {
                let guess = match bracket {
                    // `Fee (USD)`: the name before the currency.
                    Some((name, _)) if !a.marks.is_empty() => aliases::lookup(&normalize(name)),
                    // `Fee (incl. VAT)`: the whole header, else the name before the brackets.
                    Some((name, _)) => aliases::lookup(&keys[i]).or_else(|| aliases::lookup(&normalize(name))),
                    None => aliases::lookup(&keys[i]),
                };
                if let Some((c, rank)) = guess {
                    a.column = Some(c);
                    a.rank = rank;
                }
                if a.column == Some(Column::Fee) {
                    if let Some(pay) = content.get(i).and_then(Content::payment) {
                        warnings.push(format!(
                            "column \"{h}\" holds {} and is read as {pay}, not as the fee",
                            if pay == Column::Paid { "yes/no values" } else { "dates" }
                        ));
                        a.column = Some(pay);
                        a.marks.clear();
                    }
                }
            }
        }
        assigned.push(a);
    }

    // Two headers read as the same column: a --map wins over a guess, a column's own
    // name over an alias (the other is ignored with a note); two still tied are an
    // error naming both.
    let mut conflicted = [false; COLUMNS];
    for c in Column::EVERY {
        let holders: Vec<usize> = (0..headers.len()).filter(|i| assigned[*i].column == Some(c)).collect();
        if holders.len() < 2 {
            continue;
        }
        let best = |pick: &dyn Fn(&Assigned) -> bool| -> Vec<usize> {
            holders.iter().copied().filter(|i| pick(&assigned[*i])).collect()
        };
        let mapped = best(&|a| a.explicit);
        let canonical = best(&|a| a.rank == Rank::Canonical);
        let winner = match (mapped.as_slice(), canonical.as_slice()) {
            ([one], _) => Some((*one, "the mapping reads")),
            ([], [one]) => Some((*one, "")),
            _ => None,
        };
        if let Some((w, how)) = winner {
            for i in holders.into_iter().filter(|i| *i != w) {
                let why = if how.is_empty() {
                    format!("\"{}\" is read as {c}", headers[w])
                } else {
                    format!("{how} \"{}\" as {c}", headers[w])
                };
                warnings.push(format!("column \"{}\" is ignored: {why}", headers[i]));
                assigned[i].column = None;
                assigned[i].explicit = true; // not reported again as unknown
                assigned[i].why = Some(why);
            }
            continue;
        }
        let names: Vec<String> = holders.iter().map(|i| format!("\"{}\"", headers[*i])).collect();
        let second = holders[1];
        errors.push(err(
            &headers[second],
            format!(
                "headers {} would both be read as {c}; rename one or choose which one holds the {c}",
                names.join(" and ")
            ),
            &headers[second],
        ));
        conflicted[c as usize] = true;
        for i in holders {
            assigned[i].column = None;
            assigned[i].explicit = true;
            assigned[i].why = Some(format!("two headers would be read as {c}"));
        }
    }

    let mut fields = [None; COLUMNS];
    let mut mapping = Vec::new();
    let mut fee_marks = Vec::new();
    let mut recognised = 0;
    for (i, a) in assigned.iter_mut().enumerate() {
        match a.column {
            Some(c) => {
                fields[c as usize] = Some(i);
                mapping.push((headers[i].clone(), c.name().to_string()));
                recognised += 1;
                if !a.marks.is_empty() {
                    if c == Column::Fee {
                        fee_marks = a.marks.clone();
                    } else {
                        errors.push(err(
                            &headers[i],
                            format!("a currency in the header only applies to the fee column, not {c}"),
                            &headers[i],
                        ));
                    }
                }
            }
            None if a.explicit => {}
            // Reported by the reader only when the column holds values.
            None if headers[i].is_empty() => {}
            None if aliases::computed(&keys[i]) => {
                a.why = Some("Mille works this out itself or does not keep it".into());
                warnings.push(format!(
                    "column \"{}\" is ignored: Mille works it out itself or does not keep it",
                    headers[i]
                ));
            }
            None => {
                a.why = Some("not a column Mille knows".into());
                warnings.push(format!("column \"{}\" is not a campaign column and is ignored", headers[i]))
            }
        }
    }
    for c in Column::ALL {
        if c.required() && fields[c as usize].is_none() && !conflicted[c as usize] {
            errors.push(err(
                c.name(),
                format!("the file has no {c} column; name a header {c} or choose which column holds it"),
                &headers.iter().filter(|h| !h.is_empty()).cloned().collect::<Vec<_>>().join(", "),
            ));
        }
    }
    let reads = assigned.iter().map(|a| a.column).collect();
    let ignored = assigned.iter().map(|a| a.why.clone()).collect();
    (Layout { fields, headers, fee_marks, mapping, recognised, reads, ignored }, errors, warnings)
}

#[cfg(test)]
mod tests;
