//! The ECB rate history kept in the database (`mille fx update`) and the rates in use:
//! the bundled history, extended by the kept file when it runs further.

use super::error::{Result, StoreError};
use super::rows::{date_text, stored_date};
use super::Store;
use crate::fx::Rates;
use rusqlite::{params, OptionalExtension};
use std::sync::Arc;

impl Store {
    // ----- ECB rates ---------------------------------------------------------------

    /// The ECB euro reference rates fees without a rate are converted with: the bundled
    /// history, extended by the file kept with [`Store::set_fx_history`] when that one
    /// runs past it (its days win where both have one). Read once per store; a file
    /// another process keeps meanwhile is seen by the next store opened.
    pub fn fx_rates(&self) -> Result<Arc<Rates>> {
        if let Some(rates) = self.fx.get() {
            return Ok(rates.clone());
        }
        let bundled = Rates::bundled();
        let last: Option<String> =
            self.conn.query_row("SELECT last_date FROM fx_history WHERE id = 1", [], |r| r.get(0)).optional()?;
        let rates = match last {
            Some(last) if stored_date(&last).is_some_and(|d| d > bundled.last_date()) => {
                let file: Vec<u8> =
                    self.conn.query_row("SELECT file FROM fx_history WHERE id = 1", [], |r| r.get(0))?;
                let kept = Rates::parse_file(&file)
                    .map_err(|e| StoreError::Damaged(format!("the kept ECB rate history is {e}")))?;
                Arc::new(bundled.extended_by(&kept))
            }
            _ => bundled,
        };
        Ok(self.fx.get_or_init(|| rates).clone())
    }

    /// Keeps an ECB rate history (`eurofxref-hist.csv` or `.zip`, as downloaded) for
    /// later conversions, replacing any kept before, and returns the rates now in use
    /// (see [`Store::fx_rates`]: a file that ends before the bundled history changes
    /// nothing until a build ships older rates). A file that is not a usable history is
    /// refused ([`StoreError::FxFile`]) and nothing is written.
    pub fn set_fx_history(&mut self, file: &[u8]) -> Result<Arc<Rates>> {
        let rates = Rates::parse_file(file).map_err(StoreError::FxFile)?;
        self.ensure_sound()?;
        self.conn.execute(
            "INSERT INTO fx_history (id, last_date, file) VALUES (1, ?1, ?2)
             ON CONFLICT(id) DO UPDATE SET last_date = excluded.last_date, file = excluded.file",
            params![date_text(rates.last_date()), file],
        )?;
        let bundled = Rates::bundled();
        let in_use =
            if rates.last_date() > bundled.last_date() { Arc::new(bundled.extended_by(&rates)) } else { bundled };
        self.fx = std::cell::OnceCell::from(in_use.clone());
        Ok(in_use)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{open, StoreError};
    use crate::fx::Rates;
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;
    use std::sync::Arc;

    #[test]
    fn a_kept_ecb_history_extends_the_bundled_one_and_survives_reopening() {
        let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mille.db");
        let mut s = open(&path).unwrap();
        assert!(Arc::ptr_eq(&s.fx_rates().unwrap(), &Rates::bundled()), "nothing kept: the bundled rates");
        // Refused: nothing kept.
        let e = s.set_fx_history(b"Date,USD\n2026-11-02,1.1x\n").unwrap_err();
        assert!(matches!(&e, StoreError::FxFile(_)) && e.to_string().contains("line 2"), "{e}");
        // An older file is kept but the bundled history stays in use.
        let older = s.set_fx_history(b"Date,USD\n2026-10-01,1.5\n").unwrap();
        assert!(Arc::ptr_eq(&older, &Rates::bundled()));
        assert_eq!(
            s.fx_rates().unwrap().quote(day("2026-10-01"), "EUR", "USD").unwrap().rate,
            dec!(1.1298),
            "the bundled rate, not 1.5"
        );
        // A newer one extends it, at once and after reopening.
        let newer = b"Date,USD,GBP,\n2026-11-03,1.2,N/A,\n2026-11-02,1.25,0.9,\n";
        let in_use = s.set_fx_history(newer).unwrap();
        for rates in [in_use, s.fx_rates().unwrap(), open(&path).unwrap().fx_rates().unwrap()] {
            assert_eq!((rates.first_date(), rates.last_date()), (day("1999-01-04"), day("2026-11-03")));
            assert_eq!(rates.quote(day("2026-11-03"), "EUR", "USD").unwrap().rate, dec!(1.2));
            // GBP is N/A on the 3rd: the 2nd's rates, 1.25 / 0.9.
            let gbp = rates.quote(day("2026-11-03"), "GBP", "USD").unwrap();
            assert_eq!((gbp.rate, gbp.date), (dec!(1.388889), day("2026-11-02")));
            assert!(rates.quote(day("2026-11-04"), "EUR", "USD").is_err(), "after the kept file's last day");
            assert_eq!(rates.quote(day("2026-10-30"), "EUR", "USD").unwrap().rate, dec!(1.1172));
        }
    }
}
