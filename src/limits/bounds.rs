//! The limits of what Mille takes, far beyond what a creator would ever type, so that
//! every later step has room: a fee of 10^12 at an exchange rate of 10^7 is 10^19 in
//! base currency, times 1,000 for a CPM, and a million such posts still sum inside a
//! `Decimal` (about 7.9 × 10^28). The rate's bound leaves room for the weakest
//! currencies as a base (about 1.4 million Iranian rials to the euro in 2025). Dates stay where the calendar arithmetic of pricing
//! (months back, seasons) and the rate card's typesetting are at home.

use super::{Field, FieldName, InputError, Result};
use crate::model::PostData;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// At most this much money, in any currency (one trillion).
pub const MAX_MONEY: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 10^12
/// At most this many decimals in an amount of money.
pub const MAX_MONEY_DECIMALS: u32 = 10;
/// At most this many base-currency units for one unit of another currency.
pub const MAX_FX_RATE: Decimal = Decimal::from_parts(10_000_000, 0, 0, false, 0);
/// At most this many impressions, views, likes… on one post, or followers.
pub const MAX_COUNT: u64 = 1_000_000_000_000;
/// At most this many units of one deliverable in a request.
pub const MAX_QUANTITY: u32 = 1_000;
/// At most this many lines (deliverables) in one request.
pub const MAX_LINES: usize = 100;
/// At most this many days of usage rights, exclusivity or whitelisting (100 years).
pub const MAX_DAYS: u32 = 36_500;
/// At most this many characters in one text field.
pub const MAX_TEXT: usize = 10_000;
/// At most this many bytes in a logo.
pub const MAX_LOGO_BYTES: usize = 10 * 1024 * 1024;

/// The first day Mille takes.
pub fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day Mille takes.
pub fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2200, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// A day between 1900 and 2200.
pub fn check_date(field: Field, d: NaiveDate) -> Result<NaiveDate> {
    if d < first_day() || d > last_day() {
        return Err(InputError::new(field, &d.to_string(), "a date between 1900 and 2200 is needed"));
    }
    Ok(d)
}

/// An amount of money: at most 10^12 either way, at most 10 decimals.
pub fn check_money(field: Field, v: Decimal) -> Result<Decimal> {
    if v.abs() > MAX_MONEY {
        return Err(InputError::new(field, &v.to_string(), "more than 1,000,000,000,000, which Mille does not take"));
    }
    if v.normalize().scale() > MAX_MONEY_DECIMALS {
        return Err(InputError::new(field, &v.to_string(), "more than 10 decimals"));
    }
    Ok(v)
}

/// An exchange rate: above 0, at most 10^7.
pub fn check_fx_rate(field: Field, v: Decimal) -> Result<Decimal> {
    if v <= Decimal::ZERO || v > MAX_FX_RATE {
        return Err(InputError::new(
            field,
            &v.to_string(),
            "an exchange rate above 0 and at most 10,000,000 is needed",
        ));
    }
    Ok(v)
}

/// A count: at most 10^12.
pub fn check_count(field: Field, v: u64) -> Result<u64> {
    if v > MAX_COUNT {
        return Err(InputError::new(field, &v.to_string(), "more than 1,000,000,000,000, which Mille does not take"));
    }
    Ok(v)
}

/// A text: at most 10,000 characters.
pub fn check_text(field: Field, t: &str) -> Result<()> {
    // Bytes bound characters from above: only count when it could matter.
    if t.len() > MAX_TEXT && t.chars().count() > MAX_TEXT {
        let n = crate::money::group_thousands(&t.chars().count().to_string());
        return Err(InputError::new(field, "", format!("{n} characters; at most 10,000 are kept")));
    }
    Ok(())
}

/// Every bound on a post, whichever door it came through (a form, a flag, an imported
/// row): its date, fee, exchange rate, counts and texts.
pub fn check_post(p: &PostData) -> Result<()> {
    check_date(Field::of(FieldName::Date), p.date)?;
    check_money(Field::of(FieldName::Fee), p.fee)?;
    if let Some(r) = p.fx_rate {
        check_fx_rate(Field::of(FieldName::FxRate), r)?;
    }
    for (name, v) in FieldName::COUNTS.into_iter().zip(p.metrics.values()) {
        if let Some(v) = v {
            check_count(Field::of(name), v)?;
        }
    }
    for (name, t) in [
        (FieldName::Brand, &p.brand),
        (FieldName::Campaign, &p.campaign),
        (FieldName::Url, &p.url),
        (FieldName::Notes, &p.notes),
    ] {
        check_text(Field::of(name), t)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_constants_say_what_their_names_say() {
        assert_eq!(MAX_MONEY, dec!(1000000000000));
        assert_eq!(MAX_FX_RATE, dec!(10000000));
        assert_eq!(first_day().to_string(), "1900-01-01");
        assert_eq!(last_day().to_string(), "2200-12-31");
    }

    #[test]
    fn money_at_the_bounds() {
        let f = Field::of(FieldName::Fee);
        for (v, ok) in [
            (dec!(1000000000000), true),
            (dec!(1000000000000.01), false),
            (dec!(-1000000000000), true),
            (dec!(0.0000000001), true),
            (dec!(0.00000000001), false),
            (dec!(1.50000000000000), true), // trailing zeros are not decimals
        ] {
            assert_eq!(check_money(f, v).is_ok(), ok, "{v}");
        }
    }

    #[test]
    fn the_largest_post_still_has_room_for_every_sum() {
        // fee × rate × 1000 for a CPM, summed over a million posts.
        let most = MAX_MONEY * MAX_FX_RATE * Decimal::ONE_THOUSAND;
        assert!(most.checked_mul(Decimal::from(1_000_000)).is_some());
    }

    #[test]
    fn dates_counts_and_texts_at_the_bounds() {
        let f = Field::of(FieldName::Date);
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(check_date(f, d("1900-01-01")).is_ok());
        assert!(check_date(f, d("2200-12-31")).is_ok());
        assert!(check_date(f, d("1899-12-31")).is_err());
        assert!(check_date(f, d("9999-12-31")).is_err());
        let c = Field::of(FieldName::Impressions);
        assert!(check_count(c, MAX_COUNT).is_ok());
        assert!(check_count(c, MAX_COUNT + 1).is_err());
        let t = Field::of(FieldName::Notes);
        assert!(check_text(t, &"é".repeat(MAX_TEXT)).is_ok());
        let e = check_text(t, &"é".repeat(MAX_TEXT + 1)).unwrap_err();
        assert_eq!(e.problem, "10,001 characters; at most 10,000 are kept");
    }
}
