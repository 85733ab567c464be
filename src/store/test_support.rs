//! Posts the store's tests log: one dated Instagram reel with a fee, or one TikTok
//! video on 2025-03-01.

use crate::model::{Format, Metrics, Platform, PostData};
use chrono::NaiveDate;
use rust_decimal::Decimal;

pub(super) fn post(date: &str, fee: Decimal) -> PostData {
    PostData {
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        brand: "Glossier".into(),
        platform: Platform::Instagram,
        format: Format::parse("reel").unwrap(),
        fee,
        currency: "USD".into(),
        fx_rate: None,
        metrics: Metrics { impressions: Some(40_000), ..Metrics::default() },
        campaign: String::new(),
        url: String::new(),
        notes: String::new(),
    }
}

pub(super) fn tiktok_post(fee: Decimal) -> PostData {
    PostData {
        date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
        brand: "Brand".into(),
        platform: Platform::Tiktok,
        format: Format::parse("video").unwrap(),
        fee,
        currency: "USD".into(),
        fx_rate: None,
        metrics: Metrics::default(),
        campaign: String::new(),
        url: String::new(),
        notes: String::new(),
    }
}
