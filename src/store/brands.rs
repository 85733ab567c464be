//! Brands (deals.md, "What is kept"): one row per brand, its name unique without
//! regard to case (SQLite's NOCASE, i.e. ASCII letters) and kept as first written.
//! Posts' brands become brands where the store inserts posts (`rows::insert_post`,
//! the import) and through a trigger when a post's brand is edited; deals and
//! `brands set` create theirs here.

use super::error::{Result, StoreError};
use super::Store;
use crate::deals::Brand;
use rusqlite::{params, Connection, OptionalExtension};

/// What `brands set` changes: `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct BrandChanges {
    pub category: Option<String>,
    pub contact: Option<String>,
    pub email: Option<String>,
    pub billing: Option<String>,
    pub notes: Option<String>,
}

const BRAND_COLUMNS: &str = "name, category, contact, email, billing, notes";

fn read_brand(r: &rusqlite::Row<'_>) -> rusqlite::Result<Brand> {
    Ok(Brand {
        name: r.get(0)?,
        category: r.get(1)?,
        contact: r.get(2)?,
        email: r.get(3)?,
        billing: r.get(4)?,
        notes: r.get(5)?,
    })
}

/// The id of brand `name` (any case), created as written when it does not exist.
pub(super) fn ensure_brand(conn: &Connection, name: &str) -> Result<i64> {
    conn.execute("INSERT OR IGNORE INTO brands (name) VALUES (?1)", [name])?;
    Ok(conn.query_row("SELECT id FROM brands WHERE name = ?1", [name], |r| r.get(0))?)
}

impl Store {
    /// Every brand, by name (case-insensitive).
    pub fn brands(&self) -> Result<Vec<Brand>> {
        let sql = format!("SELECT {BRAND_COLUMNS} FROM brands ORDER BY name COLLATE NOCASE, id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], read_brand)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The brand named `name` (any case), if it exists.
    pub fn brand(&self, name: &str) -> Result<Option<Brand>> {
        let sql = format!("SELECT {BRAND_COLUMNS} FROM brands WHERE name = ?1");
        Ok(self.conn.query_row(&sql, [name.trim()], read_brand).optional()?)
    }

    /// Changes a brand's fields, creating the brand (named as given) when it does not
    /// exist; returns it as stored.
    pub fn set_brand(&mut self, name: &str, changes: &BrandChanges) -> Result<Brand> {
        self.ensure_sound()?;
        let tx = self.conn.transaction()?;
        let id = ensure_brand(&tx, name)?;
        for (column, value) in [
            ("category", &changes.category),
            ("contact", &changes.contact),
            ("email", &changes.email),
            ("billing", &changes.billing),
            ("notes", &changes.notes),
        ] {
            if let Some(v) = value {
                tx.execute(&format!("UPDATE brands SET {column} = ?1 WHERE id = ?2"), params![v, id])?;
            }
        }
        tx.commit()?;
        self.brand(name)?.ok_or_else(|| StoreError::NoSuchBrand(name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::open_in_memory;
    use super::super::test_support::post;
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn names_are_unique_without_case_and_kept_as_first_written() {
        let mut s = open_in_memory().unwrap();
        let mut p = post("2025-01-01", dec!(10));
        p.brand = "Finch Audio".into();
        s.add_post(&p).unwrap();
        p.brand = "FINCH AUDIO".into();
        s.add_post(&p).unwrap();
        let b =
            s.set_brand("finch audio", &BrandChanges { category: Some("audio".into()), ..Default::default() }).unwrap();
        assert_eq!((b.name.as_str(), b.category.as_str()), ("Finch Audio", "audio"));
        s.set_brand("Bean Co", &BrandChanges::default()).unwrap();
        let names: Vec<String> = s.brands().unwrap().into_iter().map(|b| b.name).collect();
        assert_eq!(names, ["Bean Co", "Finch Audio"]);
        assert!(s.brand("nobody").unwrap().is_none());
    }
}
