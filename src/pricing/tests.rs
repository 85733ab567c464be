//! Shared test helpers and the end-to-end tests of the pricing engine: each step pinned
//! on small hand-checked histories, and properties over generated histories.

use crate::model::{Format, Metrics, Platform, PostData};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(crate) fn post(date: &str, platform: &str, format: &str, fee: &str, impressions: Option<u64>) -> PostData {
    PostData {
        date: d(date),
        brand: "Brand".into(),
        platform: Platform::parse(platform).unwrap(),
        format: Format::parse(format).unwrap(),
        fee: Decimal::from_str(fee).unwrap(),
        currency: "USD".into(),
        fx_rate: None,
        metrics: Metrics { impressions, ..Metrics::default() },
        campaign: String::new(),
        url: String::new(),
        notes: String::new(),
    }
}
