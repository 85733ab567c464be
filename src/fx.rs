//! Placeholder until the ECB rates land (branch fx): no rate for any currency.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::sync::Arc;

pub struct Rates;
pub struct Quote {
    pub rate: Decimal,
    pub date: NaiveDate,
}
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FxError {
    #[error("no ECB rate")]
    Missing,
}
impl Rates {
    pub fn bundled() -> Arc<Rates> {
        Arc::new(Rates)
    }
    pub fn quote(&self, _date: NaiveDate, _currency: &str, _base: &str) -> Result<Quote, FxError> {
        Err(FxError::Missing)
    }
}
