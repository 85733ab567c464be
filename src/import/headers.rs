//! The header row of a campaign file: which file column is which Mille column
//! (csv-format.md "Columns" and "Headers people actually use", real-files.md
//! "Headers"). Names match case- and accent-insensitively ignoring spaces, `_ - . #`;
//! the names of seven languages are recognised ([`super::aliases`]); a trailing
//! currency in brackets (`Fee (USD)`) is the currency of that column; a column's own
//! name wins over an alias; a fee-named column holding yes/no or dates is a payment
//! column; `--map 'Their header=column'` (the app's column menus) overrides or
//! completes the guess. The result is a [`Layout`] the row reader uses, resolved once
//! per file.

use super::aliases::{self, Rank};
use super::values::{mark_of, Mark};
use super::RowError;
use std::fmt;

/// A column of the campaign file, in the order export writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Date,
    Brand,
    Platform,
    Format,
    Fee,
    Currency,
    FxRate,
    Impressions,
    Reach,
    Views,
    Likes,
    Comments,
    Shares,
    Saves,
    Clicks,
    Campaign,
    Url,
    Notes,
    /// The deal's stage (real-files.md "Statuses"): decides whether a row is a post.
    Status,
    /// The day the brand paid.
    PaidOn,
    /// Whether the brand has paid (yes/no): a fee-named column holding yes/no.
    Paid,
}

/// How many columns there are, for arrays indexed by `Column as usize`.
pub(crate) const COLUMNS: usize = 21;

impl Column {
    /// Every column a post has, in the order export writes them.
    pub const ALL: [Column; 18] = [
        Column::Date,
        Column::Brand,
        Column::Platform,
        Column::Format,
        Column::Fee,
        Column::Currency,
        Column::FxRate,
        Column::Impressions,
        Column::Reach,
        Column::Views,
        Column::Likes,
        Column::Comments,
        Column::Shares,
        Column::Saves,
        Column::Clicks,
        Column::Campaign,
        Column::Url,
        Column::Notes,
    ];

    /// Every column import reads: a post's, then the deal columns of a tracker.
    pub const EVERY: [Column; COLUMNS] = {
        let mut every = [Column::Paid; COLUMNS];
        let mut i = 0;
        while i < Column::ALL.len() {
            every[i] = Column::ALL[i];
            i += 1;
        }
        every[18] = Column::Status;
        every[19] = Column::PaidOn;
        every
    };

    /// The column's name in the spec and in exported headers (`fx_rate`).
    pub fn name(self) -> &'static str {
        match self {
            Column::Date => "date",
            Column::Brand => "brand",
            Column::Platform => "platform",
            Column::Format => "format",
            Column::Fee => "fee",
            Column::Currency => "currency",
            Column::FxRate => "fx_rate",
            Column::Impressions => "impressions",
            Column::Reach => "reach",
            Column::Views => "views",
            Column::Likes => "likes",
            Column::Comments => "comments",
            Column::Shares => "shares",
            Column::Saves => "saves",
            Column::Clicks => "clicks",
            Column::Campaign => "campaign",
            Column::Url => "url",
            Column::Notes => "notes",
            Column::Status => "status",
            Column::PaidOn => "paid_on",
            Column::Paid => "paid",
        }
    }

    /// True for the columns every file must have (a value in each row, too).
    pub fn required(self) -> bool {
        matches!(self, Column::Date | Column::Brand | Column::Platform | Column::Format | Column::Fee)
    }

    /// Reads a column name as `--map` gives it (`fx_rate`, `FX Rate`, or an alias
    /// such as `client`), ignoring case, accents, spaces, `_` and `-`.
    pub fn from_name(text: &str) -> Option<Column> {
        let key = normalize(text);
        if key == "paid" {
            return Some(Column::Paid);
        }
        aliases::lookup(&key).map(|(c, _)| c)
    }

    /// True for the numeric columns of a post (impressions … clicks).
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Column::Impressions
                | Column::Reach
                | Column::Views
                | Column::Likes
                | Column::Comments
                | Column::Shares
                | Column::Saves
                | Column::Clicks
        )
    }

    /// The spec's column names, for messages.
    pub fn name_list() -> String {
        Column::EVERY.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A header as compared: lowercase, accents folded, without whitespace, `_ - . #`.
pub fn normalize(text: &str) -> String {
    let kept: String =
        text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '#' | '\u{feff}')).collect();
    super::dates::fold(&kept)
}

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
            match Column::from_name(col) {
                Some(c) => Some(c),
                None => {
                    errors.push(err(
                        their.trim(),
                        format!("--map names an unknown column; the columns are {}", Column::name_list()),
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
                    "--map names a header that is not in the file; its headers are {}",
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
            ([one], _) => Some((*one, "--map reads")),
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
                "headers {} would both be read as {c}; rename one or choose with --map 'Header={c}' and --map 'Other='",
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
                format!("the file has no {c} column; name a header {c} or use --map 'Header={c}'"),
                &headers.iter().filter(|h| !h.is_empty()).cloned().collect::<Vec<_>>().join(", "),
            ));
        }
    }
    let reads = assigned.iter().map(|a| a.column).collect();
    let ignored = assigned.iter().map(|a| a.why.clone()).collect();
    (Layout { fields, headers, fee_marks, mapping, recognised, reads, ignored }, errors, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(headers: &[&str], maps: &[(&str, &str)]) -> (Layout, Vec<String>, Vec<String>) {
        let maps: Vec<(String, String)> = maps.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        let (l, e, w) = resolve(headers, 1, &maps, &[]);
        (l, e.iter().map(|e| e.to_string()).collect(), w)
    }

    const BASIC: [&str; 5] = ["date", "brand", "platform", "format", "fee"];

    #[test]
    fn names_match_ignoring_case_spaces_underscores_dashes() {
        let (l, e, w) = read(
            &["DATE", " Brand ", "Plat-form", "FORMAT", "fee", "FX Rate", "fx-rate2", "Currency", "link_clicks"],
            &[],
        );
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(l.field(Column::FxRate), Some(5));
        assert_eq!(l.field(Column::Platform), Some(2));
        assert_eq!(l.field(Column::Clicks), Some(8));
        assert_eq!(w, vec!["column \"fx-rate2\" is not a campaign column and is ignored".to_string()]);
    }

    #[test]
    fn every_alias_of_the_spec() {
        for (header, col) in [
            ("post date", Column::Date),
            ("Date Posted", Column::Date),
            ("live date", Column::Date),
            ("Publish Date", Column::Date),
            ("posted", Column::Date),
            ("Sponsor", Column::Brand),
            ("client", Column::Brand),
            ("Company", Column::Brand),
            ("advertiser", Column::Brand),
            ("Rate", Column::Fee),
            ("price", Column::Fee),
            ("Amount", Column::Fee),
            ("paid", Column::Fee),
            ("Payment", Column::Fee),
            ("Deal Value", Column::Fee),
            ("impr", Column::Impressions),
            ("Imps", Column::Impressions),
            ("Video Views", Column::Views),
            ("plays", Column::Views),
            ("Link Clicks", Column::Clicks),
            ("deal", Column::Campaign),
            ("Campaign Name", Column::Campaign),
            ("Link", Column::Url),
            ("Post URL", Column::Url),
            ("post_link", Column::Url),
            ("Deliverable", Column::Format),
            ("Type", Column::Format),
            ("Content Type", Column::Format),
            ("Fee (USD)", Column::Fee),
        ] {
            let mut headers: Vec<&str> = BASIC.iter().copied().filter(|h| Column::from_name(h) != Some(col)).collect();
            headers.push(header);
            let (l, e, w) = read(&headers, &[]);
            assert!(e.is_empty() && w.is_empty(), "{header}: {e:?} {w:?}");
            assert_eq!(l.field(col), Some(headers.len() - 1), "{header}");
            assert!(l.mapping.contains(&(header.to_string(), col.name().to_string())), "{header}");
        }
    }

    #[test]
    fn bracketed_currency_belongs_to_the_fee() {
        let (l, e, _) = read(&["date", "brand", "platform", "format", "Fee (eur)"], &[]);
        assert!(e.is_empty());
        assert_eq!(l.fee_marks, vec![Mark::Code("EUR".into())]);
        let (l, _, _) = read(&["date", "brand", "platform", "format", "Rate [$]"], &[]);
        assert_eq!(l.fee_marks, vec![Mark::Symbol("$")]);
        let (l, e, _) = read(&["date", "brand", "platform", "format", "Fee (incl. VAT)"], &[]);
        assert!(e.is_empty() && l.fee_marks.is_empty() && l.field(Column::Fee) == Some(4));
        let (_, e, _) = read(&["date", "brand", "platform", "format", "fee", "Views (USD)"], &[]);
        assert_eq!(
            e,
            vec!["line 1, column Views (USD): a currency in the header only applies to the fee column, not views (Views (USD))"]
        );
    }

    #[test]
    fn two_headers_for_one_column_are_an_error_naming_both() {
        let (_, e, _) = read(&["date", "brand", "platform", "format", "Rate", "Amount"], &[]);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("line 1, column Amount: headers \"Rate\" and \"Amount\" would both be read as fee"), "{e:?}");
        let (_, e, _) = read(&["date", "notes", "brand", "platform", "format", "fee", "Notes"], &[]);
        assert!(e[0].contains("\"notes\" and \"Notes\""), "{e:?}");
    }

    #[test]
    fn the_own_name_wins_over_an_alias() {
        let (l, e, w) = read(&["date", "brand", "platform", "Deliverables", "Format", "Fee", "Amount"], &[]);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!((l.field(Column::Format), l.field(Column::Fee)), (Some(4), Some(5)));
        assert_eq!(
            w,
            vec![
                "column \"Deliverables\" is ignored: \"Format\" is read as format".to_string(),
                "column \"Amount\" is ignored: \"Fee\" is read as fee".to_string()
            ]
        );
    }

    #[test]
    fn a_fee_named_column_of_yes_no_or_dates_is_a_payment_column() {
        let h = ["Datum", "Marke", "Plattform", "Art", "Honorar", "Bezahlt", "Paid"];
        let content = |yes_no, dates| Content { values: 3, yes_no, dates };
        let c = [Content::default(), Content::default(), Content::default(), Content::default(), content(0, 0), content(3, 0), content(0, 3)];
        let (l, e, w) = resolve(&h, 1, &[], &c);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!((l.field(Column::Fee), l.field(Column::Paid), l.field(Column::PaidOn)), (Some(4), Some(5), Some(6)));
        assert!(w.contains(&"column \"Bezahlt\" holds yes/no values and is read as paid, not as the fee".to_string()), "{w:?}");
        assert!(w.contains(&"column \"Paid\" holds dates and is read as paid_on, not as the fee".to_string()), "{w:?}");
        // Amounts keep a `Paid` column the fee.
        let (l, e, _) = resolve(&["date", "brand", "platform", "format", "Paid"], 1, &[], &[]);
        assert!(e.is_empty() && l.field(Column::Fee) == Some(4), "{e:?}");
    }

    #[test]
    fn headers_in_other_languages_with_accents_and_punctuation() {
        let (l, e, w) = read(&["Veröffentlichungsdatum", "AUFTRAGGEBER", "Réseau", "Type de contenu", "Vergütung (€)", "Link-Klicks", "Nr.", "#"], &[]);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(l.field(Column::Clicks), Some(5));
        assert_eq!(l.fee_marks, vec![Mark::Symbol("€")]);
        assert_eq!(w.len(), 2, "{w:?}"); // `Nr.` and `#` are not columns Mille knows
    }

    #[test]
    fn missing_required_columns_are_errors_on_line_1() {
        let (_, e, _) = read(&["date", "brand", "platform", "notes"], &[]);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].starts_with("line 1, column format: the file has no format column"), "{e:?}");
        assert!(e[1].starts_with("line 1, column fee: the file has no fee column"), "{e:?}");
    }

    #[test]
    fn map_overrides_and_completes() {
        // Completes: an unknown header becomes the fee.
        let (l, e, w) = read(&["date", "brand", "platform", "format", "Betrag"], &[("Betrag", "fee")]);
        assert!(e.is_empty() && w.is_empty(), "{e:?} {w:?}");
        assert_eq!(l.field(Column::Fee), Some(4));
        // Overrides: the mapped header wins, the guessed one is ignored with a warning.
        let (l, e, w) = read(&["date", "brand", "platform", "format", "Fee", "Net"], &[("net", "FEE")]);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(l.field(Column::Fee), Some(5));
        assert_eq!(w, vec!["column \"Fee\" is ignored: --map reads \"Net\" as fee".to_string()]);
        // An empty column ignores a header.
        let (l, e, _) = read(&["date", "brand", "platform", "format", "Fee", "Amount"], &[("Amount", "")]);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(l.field(Column::Fee), Some(4));
        // Bad maps.
        let (_, e, _) = read(&BASIC, &[("Nope", "fee")]);
        assert!(e[0].starts_with("line 1, column Nope: --map names a header that is not in the file"), "{e:?}");
        let (_, e, _) = read(&BASIC, &[("fee", "money")]);
        assert!(e[0].starts_with("line 1, column fee: --map names an unknown column"), "{e:?}");
        // Two maps onto one column.
        let (_, e, _) = read(&["date", "brand", "platform", "format", "A", "B"], &[("A", "fee"), ("B", "fee")]);
        assert!(e[0].contains("\"A\" and \"B\" would both be read as fee"), "{e:?}");
    }
}
