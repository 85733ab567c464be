//! Mille's core: everything a creator's history is turned into, with no knowledge of
//! the front ends (the `mille` CLI and the desktop app call into it alike).
//!
//! - [`model`]: posts, platforms, formats, the profile;
//! - [`money`]: currencies, exact rounding and formatting;
//! - [`store`]: the SQLite database, the only code that touches it.

pub mod model;
pub mod money;
pub mod pricing;
pub mod store;
