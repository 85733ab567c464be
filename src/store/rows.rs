//! How a post meets SQL: the column lists, binding a post's values for an insert or
//! update, and reading a row back, with fast paths for the canonical text the store
//! writes itself (dates, slugs, decimals). A damaged value is an error, never a panic.

use super::error::{damaged, Result, StoreError};
use crate::model::{Format, Metrics, Platform, Post, PostData};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use std::str::FromStr;

pub(super) const POST_COLUMNS: &str =
    "id, date, brand, platform, format, fee, currency, fx_rate, impressions, reach, views, \
     likes, comments, shares, saves, clicks, campaign, url, notes";

pub(super) const INSERT_SQL: &str =
    "INSERT INTO posts (date, brand, platform, format, fee, currency, fx_rate, impressions, reach, views, \
     likes, comments, shares, saves, clicks, campaign, url, notes, created_at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";

/// The moment a post is stored, as the schema's `created_at` default writes it
/// (`2026-12-04T15:24:43Z`): computed once per import rather than once per row.
pub(super) fn created_now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub(super) fn to_sql_int(v: Option<u64>) -> Result<Option<i64>> {
    v.map(|n| i64::try_from(n).map_err(|_| StoreError::Damaged(format!("number {n} is too large to store"))))
        .transpose()
}

/// Stores a post (and its brand as a brand, if new); returns its id.
pub(super) fn insert_post(conn: &Connection, post: &PostData) -> Result<i64> {
    let mut stmt = conn.prepare_cached(INSERT_SQL)?;
    execute_insert(&mut stmt, post, &created_now())?;
    let id = conn.last_insert_rowid();
    add_brand(conn, &post.brand)?;
    Ok(id)
}

/// Makes `name` a brand unless one of that name (any ASCII case) exists: every stored
/// post's brand is a brand (deals.md, "What is kept").
pub(super) fn add_brand(conn: &Connection, name: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO brands (name) VALUES (?1)")?.execute([name])?;
    Ok(())
}

pub(super) fn execute_insert(stmt: &mut rusqlite::CachedStatement<'_>, post: &PostData, created: &str) -> Result<()> {
    bind_post(stmt, post)?;
    stmt.raw_bind_parameter(19, created)?;
    stmt.raw_execute()?;
    Ok(())
}

/// Binds a post's 18 column values as ?1 … ?18, in the order of [`INSERT_SQL`]
/// (date … notes), borrowing the text rather than copying it (imports bind a million).
pub(super) fn bind_post(stmt: &mut rusqlite::Statement<'_>, post: &PostData) -> Result<()> {
    let m = &post.metrics;
    stmt.raw_bind_parameter(1, date_text(post.date))?;
    stmt.raw_bind_parameter(2, post.brand.as_str())?;
    stmt.raw_bind_parameter(3, post.platform.as_str())?;
    stmt.raw_bind_parameter(4, post.format.as_str())?;
    stmt.raw_bind_parameter(5, post.fee.to_string())?;
    stmt.raw_bind_parameter(6, post.currency.as_str())?;
    stmt.raw_bind_parameter(7, post.fx_rate.map(|r| r.to_string()))?;
    for (i, v) in m.values().into_iter().enumerate() {
        stmt.raw_bind_parameter(8 + i, to_sql_int(v)?)?;
    }
    stmt.raw_bind_parameter(16, post.campaign.as_str())?;
    stmt.raw_bind_parameter(17, post.url.as_str())?;
    stmt.raw_bind_parameter(18, post.notes.as_str())?;
    Ok(())
}

/// `YYYY-MM-DD`, without chrono's general formatting machinery (a hot path on import).
pub(super) fn date_text(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Column `i` of a row as text, in place.
pub(super) fn row_text<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str> {
    row.get_ref(i)?.as_str().map_err(|e| StoreError::Damaged(format!("column {i}: {e}")))
}

/// Column `i` as a stored date (the fast path for what the store writes).
pub(super) fn row_date(row: &rusqlite::Row<'_>, i: usize) -> Result<NaiveDate> {
    let t = row_text(row, i)?;
    stored_date(t).ok_or_else(|| damaged("date", t))
}

/// Column `i` as a platform: its slug, or any name the importer reads.
pub(super) fn row_platform(row: &rusqlite::Row<'_>, i: usize) -> Result<Platform> {
    let t = row_text(row, i)?;
    Platform::from_slug(t).or_else(|| Platform::parse(t)).ok_or_else(|| damaged("platform", t))
}

/// `N` count columns from column `first` on (NULL: not known; a negative value reads as 0).
pub(super) fn row_counts<const N: usize>(row: &rusqlite::Row<'_>, first: usize) -> Result<[Option<u64>; N]> {
    let mut counts = [None; N];
    for (i, slot) in counts.iter_mut().enumerate() {
        let v: Option<i64> = row.get(first + i)?;
        *slot = v.map(|n| n.max(0) as u64);
    }
    Ok(counts)
}

/// Column `i` as an exchange rate: `None` for NULL (a base-currency post).
pub(super) fn row_fx_rate(row: &rusqlite::Row<'_>, i: usize) -> Result<Option<Decimal>> {
    match row.get_ref(i)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => stored_decimal(row_text(row, i)?, "fx_rate").map(Some),
    }
}

pub(super) fn stored_decimal(text: &str, what: &str) -> Result<Decimal> {
    Decimal::from_str(text).map_err(|_| damaged(what, text))
}

/// Reads one row of [`POST_COLUMNS`]; a damaged value is an error, never a panic.
pub(super) fn read_post(row: &rusqlite::Row<'_>) -> Result<Post> {
    // Reading every post is most of a report's cost (a callgrind profile of `mille report`
    // over 10^5 posts spent 81 % here), so the text columns that hold canonical values
    // (date, platform, format, fee) are read in place, without an allocation, and parsed
    // by fast paths for what the store itself writes.
    let text = |i: usize| row_text(row, i);
    let id: i64 = row.get(0)?;
    let (date, platform) = (row_date(row, 1)?, row_platform(row, 3)?);
    let format = text(4)?;
    let format =
        Format::from_slug(format).or_else(|| Format::parse(format)).ok_or_else(|| damaged("format", format))?;
    let fee = stored_decimal(text(5)?, "fee")?;
    let fx_rate = row_fx_rate(row, 7)?;
    let [impressions, reach, views, likes, comments, shares, saves, clicks] = row_counts(row, 8)?;
    let metrics = Metrics { impressions, reach, views, likes, comments, shares, saves, clicks };
    Ok(Post {
        id,
        data: PostData {
            date,
            brand: row.get(2)?,
            platform,
            format,
            fee,
            currency: row.get(6)?,
            fx_rate,
            metrics,
            campaign: row.get(16)?,
            url: row.get(17)?,
            notes: row.get(18)?,
        },
    })
}

/// A stored date (`YYYY-MM-DD`, as [`date_text`] writes it) read without chrono's
/// format parser; anything else falls back to it.
pub(super) fn stored_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) {
            return NaiveDate::from_ymd_opt(y as i32, m, d);
        }
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_dates_read_by_the_fast_path_agree_with_chrono() {
        for t in ["2024-02-29", "2025-02-29", "1999-12-31", "2025-13-01", "2025-1-01", "2025-01-0x", "", "20250101"] {
            assert_eq!(stored_date(t), NaiveDate::parse_from_str(t, "%Y-%m-%d").ok(), "{t}");
        }
    }

    #[test]
    fn stored_slugs_take_the_fast_path_only_when_canonical() {
        assert_eq!(Platform::from_slug("tiktok"), Some(Platform::Tiktok));
        assert_eq!(Platform::from_slug("TT"), None);
        assert_eq!(Format::from_slug("reel"), Format::parse("reel"));
        assert_eq!(Format::from_slug("reels"), None);
        assert_eq!(Format::from_slug("unboxing-video"), None);
    }
}
