//! What crosses IPC, as plain serializable types with TypeScript twins (ts-rs writes
//! them to `ui/src/bindings/` when `cargo test -p mille-app` runs), one file per
//! domain, each with the conversions from the core's results. Money, CPMs and rates are
//! strings exactly as the core prints them in its JSON (never floats); the UI only adds
//! the currency symbol and thousands separators. Core results that have a JSON shape
//! (posts, report figures, proposals, a deal, what deals teach) cross as the core's own
//! types, which derive their TypeScript twins behind the core's `ts` feature: the app
//! shows exactly what `mille ... --json` prints, plus the names people read for
//! platforms and formats (`Instagram`, `Reel`: [`Labels`], `display_name`).

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
