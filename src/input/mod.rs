//! One reader for everything a person types: the Log / Edit form and `mille posts
//! add|edit`, a pricing request, the profile and its logo. Text goes in; core types or
//! one [`InputError`] come out, naming the field, the value as typed and what is wrong.
//!
//! Both front ends call these readers and keep no rules of their own. The error says
//! only *what* is wrong ("more than 1,000 units"); each front end names the field its
//! own way (`--deliverable "…"` in the CLI, "Line 2: quantity" in the app) and phrases
//! any fix, so no CLI flag can reach the app.
//!
//! Every value is bounded ([`bounds`]) far beyond what a creator would type, so that no
//! later step (pricing's bundle, a report's sums, the rate card's typesetting) meets a
//! number or a date it cannot handle. Imported rows pass the same checks
//! ([`check_post`]).

pub mod deals;
mod fields;
mod forms;

pub(crate) use crate::limits::shown;
pub use crate::limits::{bounds, check_post, Field, FieldName, InputError, Result};
pub use fields::{
    accent, audience, brand, count, currency, date, days, fee, format, fx_rate, impressions, logo, offer, platform,
    platform_format, quantity, text, usage_rights,
};
pub use forms::{
    business, post, profile, request, BusinessForm, DeliverableForm, HandleForm, PostForm, ProfileForm, RequestForm,
};

#[cfg(test)]
mod tests;
