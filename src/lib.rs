//! Mille's core: everything a creator's history is turned into, with no knowledge of
//! the front ends (the `mille` CLI and the desktop app call into it alike).
//!
//! - [`deals`]: deals and brands: stages, fee split, exclusivity, invoices, payments;
//! - [`model`]: posts, platforms, formats, the profile;
//! - [`money`]: currencies, exact rounding and formatting;
//! - [`fx`]: the ECB euro reference rates bundled with Mille, for fees given without a rate;
//! - [`store`]: the SQLite database, the only code that touches it;
//! - [`import`]: reading campaign files (CSV, spreadsheets) into validated posts;
//! - [`export`]: writing posts as a campaign CSV;
//! - [`metrics`]: achieved CPM and related figures per group (reports);
//! - [`names`]: the names people read for a report's group keys (`Instagram`, `Reel`);
//! - [`overview`]: the Overview screen's figures (last 12 months, quarters, waiting posts);
//! - [`summary`]: brands, formats and the last post of the whole history (the forms);
//! - [`pricing`]: rate proposals from the creator's own history, backtest, packages;
//! - [`ratecard`]: the brand-facing rate card: its data and its PDF (typst);
//! - [`sample`]: a generated, realistic creator history with a known truth.

pub mod deals;
pub mod desk;
pub mod export;
pub mod fx;
pub mod import;
pub mod input;
pub mod limits;
pub mod metrics;
pub mod model;
pub mod money;
pub mod names;
pub mod overview;
pub mod paging;
pub mod paper;
pub mod pricing;
pub mod ratecard;
pub mod sample;
pub mod store;
pub mod summary;
