//! The creator's profile (name, handles, base currency, logo, business block) and the pricing
//! settings they changed, kept as text (the defaults live with `pricing::settings`).

use super::error::{Result, StoreError};
use super::rows::to_sql_int;
use super::Store;
use crate::model::{Business, Handle, Platform, Profile};
use rusqlite::params;
use std::collections::BTreeMap;

impl Store {
    // ----- profile -----------------------------------------------------------------

    /// The creator's profile.
    pub fn profile(&self) -> Result<Profile> {
        let (name, base_currency, payment_terms, accent, logo, business) = self.conn.query_row(
            "SELECT name, base_currency, payment_terms, accent, logo_name,
                    legal_name, address, tax_id, email, payment_details, tax_note FROM profile WHERE id = 1",
            [],
            |r| {
                let business = Business {
                    legal_name: r.get(5)?,
                    address: r.get(6)?,
                    tax_id: r.get(7)?,
                    email: r.get(8)?,
                    payment_details: r.get(9)?,
                    tax_note: r.get(10)?,
                };
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, business))
            },
        )?;
        let mut stmt =
            self.conn.prepare("SELECT platform, handle, audience FROM handles ORDER BY position, platform")?;
        let mut handles = Vec::new();
        let mut q = stmt.query([])?;
        while let Some(row) = q.next()? {
            let slug: String = row.get(0)?;
            let platform = Platform::parse(&slug).ok_or_else(|| StoreError::Damaged(format!("platform {slug:?}")))?;
            let audience: Option<i64> = row.get(2)?;
            handles.push(Handle { platform, handle: row.get(1)?, audience: audience.map(|a| a.max(0) as u64) });
        }
        Ok(Profile { name, handles, base_currency, payment_terms, accent, logo, business })
    }

    /// Saves the profile (not the logo: see [`Store::set_logo`]). Changing the base
    /// currency while posts exist is refused.
    pub fn set_profile(&mut self, profile: &Profile) -> Result<()> {
        self.ensure_sound()?;
        let current = self.profile()?;
        if current.base_currency != profile.base_currency && self.has_posts()? {
            return Err(StoreError::BaseCurrencyLocked);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE profile SET name=?1, base_currency=?2, payment_terms=?3, accent=?4,
                legal_name=?5, address=?6, tax_id=?7, email=?8, payment_details=?9, tax_note=?10 WHERE id = 1",
            params![
                profile.name,
                profile.base_currency,
                profile.payment_terms,
                profile.accent,
                profile.business.legal_name,
                profile.business.address,
                profile.business.tax_id,
                profile.business.email,
                profile.business.payment_details,
                profile.business.tax_note
            ],
        )?;
        tx.execute("DELETE FROM handles", [])?;
        for (i, h) in profile.handles.iter().enumerate() {
            tx.execute(
                "INSERT INTO handles (platform, handle, audience, position) VALUES (?1, ?2, ?3, ?4)",
                params![h.platform.as_str(), h.handle, to_sql_int(h.audience)?, i as i64],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores the logo image (PNG or SVG bytes) under its file name; `None` removes it.
    pub fn set_logo(&mut self, logo: Option<(&str, &[u8])>) -> Result<()> {
        self.ensure_sound()?;
        match logo {
            Some((name, bytes)) => {
                self.conn.execute("UPDATE profile SET logo_name=?1, logo=?2 WHERE id=1", params![name, bytes])?
            }
            None => self.conn.execute("UPDATE profile SET logo_name=NULL, logo=NULL WHERE id=1", [])?,
        };
        Ok(())
    }

    /// The logo's file name and bytes, if one is set.
    pub fn logo(&self) -> Result<Option<(String, Vec<u8>)>> {
        let row: (Option<String>, Option<Vec<u8>>) =
            self.conn
                .query_row("SELECT logo_name, logo FROM profile WHERE id=1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(match row {
            (Some(n), Some(b)) => Some((n, b)),
            _ => None,
        })
    }

    // ----- settings ----------------------------------------------------------------

    /// The pricing settings the user changed, as stored text (defaults live with the
    /// pricing module).
    pub fn settings(&self) -> Result<BTreeMap<String, String>> {
        let mut stmt = self.conn.prepare("SELECT key, value FROM settings")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (k, v) = row?;
            out.insert(k, v);
        }
        Ok(out)
    }

    /// Stores one setting's text (already validated by the caller).
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.ensure_sound()?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::post;
    use super::super::{open_in_memory, StoreError};
    use rust_decimal_macros::dec;

    #[test]
    fn base_currency_locked_with_posts() {
        let mut s = open_in_memory().unwrap();
        let mut p = s.profile().unwrap();
        p.base_currency = "EUR".into();
        s.set_profile(&p).unwrap();
        s.add_post(&post("2025-01-01", dec!(10))).unwrap();
        p.base_currency = "GBP".into();
        assert!(matches!(s.set_profile(&p), Err(StoreError::BaseCurrencyLocked)));
    }
}
