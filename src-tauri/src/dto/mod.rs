//! What crosses IPC, as plain serializable types with TypeScript twins (ts-rs writes
//! them to `ui/src/bindings/` when `cargo test -p mille-app` runs), one file per
//! domain, each with the conversions from the core's results. Money, CPMs and rates are
//! strings exactly as the core prints them in its JSON (never floats); the UI only adds
//! the currency symbol and thousands separators. Core results that already have a JSON
//! shape (posts, reports, proposals) are read from that JSON into these types, so the
//! app shows exactly what `mille ... --json` prints, plus the names people read for
//! platforms and formats (`Instagram`, `Reel`: `mille::names`, `display_name`).

mod app;
mod deals;
mod import;
mod lessons;
mod posts;
mod pricing;
mod profile;
mod ratecard;
mod reports;

pub use app::*;
pub use deals::*;
pub use import::*;
pub use lessons::*;
pub use posts::*;
pub use pricing::*;
pub use profile::*;
pub use ratecard::*;
pub use reports::*;

use crate::error::{AppError, AppResult};

/// A core value through its JSON into the view that mirrors it.
pub(crate) fn to_view<T: serde::Serialize, U: serde::de::DeserializeOwned>(value: &T) -> AppResult<U> {
    serde_json::to_value(value)
        .and_then(serde_json::from_value)
        .map_err(|e| AppError::Internal(format!("could not shape a result for the window: {e}")))
}
