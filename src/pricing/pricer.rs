//! [`Pricer`]: many requests priced over one history, as a rate card does (one unit
//! of each platform/format and each package, all at the same `as_of` and campaign
//! date). [`super::propose`] indexes the posts (evidence, canonical order, logarithms)
//! and builds the dates' context (window, seasons, growth, values, spreads) for each
//! request; a `Pricer` indexes them once and keeps the contexts its requests share, so
//! a card of fifteen prices does that work once instead of fifteen times.
//!
//! The prices are the same to the cent: a `Pricer`'s `propose` is the very code of
//! [`super::propose`] (which is now one `Pricer` used once), checks included (request
//! first, then the campaign date's distance and the evidence, then every line's size).
//! A context is reused only for the same `as_of`, campaign date and settings; its one
//! lazily filled table (growth factors by day) gives the same factor whenever it is
//! filled.

use super::context::Context;
use super::evidence::History;
use super::price::{check_request, propose_in};
use super::proposal::Proposal;
use super::settings::Settings;
use super::{AsPost, PricingError, Request};
use chrono::NaiveDate;
use std::sync::Arc;

/// How many contexts a [`Pricer`] keeps (the most recently built): a card needs one,
/// the app's Propose screen one per campaign date tried. Each holds a few values per
/// post of the window.
const KEPT_CONTEXTS: usize = 4;

/// Prices requests over one history (see the module doc).
///
/// ```
/// use mille::model::{Format, Platform};
/// use mille::pricing::{self, Deliverable, Pricer, Request, Settings};
/// use mille::sample::{self, SampleOptions};
///
/// let posts = sample::generate(&SampleOptions { rows: 200, ..SampleOptions::default() });
/// let settings = Settings::default();
/// let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
/// let mut pricer = Pricer::new(&posts);
/// for (platform, format) in [("instagram", "reel"), ("tiktok", "video")] {
///     let platform = Platform::parse(platform).unwrap();
///     let format = Format::parse(format).unwrap();
///     let req = Request::new(vec![Deliverable { platform, format, quantity: 1 }], day, day);
///     // The same proposal as pricing::propose, the posts indexed once for both.
///     assert_eq!(pricer.propose(&settings, &req, "USD"), pricing::propose(&posts, &settings, &req, "USD"));
/// }
/// ```
pub struct Pricer {
    history: Arc<History>,
    /// Contexts built so far, oldest first, at most [`KEPT_CONTEXTS`].
    contexts: Vec<Context>,
}

impl Pricer {
    /// Indexes `posts` once (which of them are evidence, in canonical order).
    pub fn new<P: AsPost>(posts: &[P]) -> Pricer {
        Pricer { history: Arc::new(History::new(posts)), contexts: Vec::new() }
    }

    /// Drafts a rate proposal for `req` (pricing.md, steps 1-12), exactly as
    /// [`super::propose`] over the same posts does. `currency` is the profile's base
    /// currency, used for display.
    pub fn propose(&mut self, settings: &Settings, req: &Request, currency: &str) -> Result<Proposal, PricingError> {
        check_request(req)?;
        let ctx = self.context(settings, req.as_of, req.date)?;
        propose_in(ctx, req, currency)
    }

    /// The request's unrounded total at every q = 0.00 … 1.00, exactly as
    /// [`super::snapshot::totals_by_quantile`] over the same posts, in the context a
    /// proposal for the same request has built (a proposal kept as a deal needs both).
    pub fn totals_by_quantile(
        &mut self,
        settings: &Settings,
        req: &Request,
    ) -> Result<Vec<Option<rust_decimal::Decimal>>, PricingError> {
        let ctx = self.context(settings, req.as_of, req.date)?;
        super::snapshot::totals_in(ctx, settings, req)
    }

    /// The context of these dates and settings: a kept one, or a new one kept.
    fn context(&mut self, settings: &Settings, as_of: NaiveDate, date: NaiveDate) -> Result<&Context, PricingError> {
        let kept = self.contexts.iter().position(|c| c.as_of == as_of && c.date == date && c.settings == *settings);
        let i = match kept {
            Some(i) => i,
            None => {
                // Refusals (a far date, no evidence) are cheap and not kept.
                let ctx = Context::new(&self.history, settings, as_of, date)?;
                if self.contexts.len() == KEPT_CONTEXTS {
                    self.contexts.remove(0);
                }
                self.contexts.push(ctx);
                self.contexts.len() - 1
            }
        };
        Ok(&self.contexts[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Platform};
    use crate::pricing::{self, Deliverable, UsageRights};
    use crate::sample::{self, SampleOptions};
    use rust_decimal::Decimal;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn line(platform: Platform, format: &str, quantity: u32) -> Deliverable {
        Deliverable { platform, format: Format::parse(format).unwrap(), quantity }
    }

    #[test]
    fn a_pricer_proposes_what_propose_does_whatever_the_order() {
        let posts = sample::generate(&SampleOptions { rows: 400, seed: 5, ..SampleOptions::default() });
        let short = Settings { lookback_months: 6, ..Settings::default() };
        let all = [Settings::default(), short];
        let dates = [
            (d("2026-11-01"), d("2026-11-01")),
            (d("2026-11-01"), d("2026-12-05")),
            (d("2026-06-01"), d("2026-08-01")),
            (d("2025-03-01"), d("2025-03-01")),
            (d("2024-01-01"), d("2026-01-01")),
            (d("2026-11-01"), d("2040-01-01")), // more than 10 years on: FarDate
            (d("2020-01-01"), d("2020-01-01")), // before any post: NoEvidence
        ];
        let mut reqs = Vec::new();
        for (as_of, date) in dates {
            reqs.push(Request::new(vec![line(Platform::Instagram, "reel", 1)], date, as_of));
            let mut r = Request::new(
                vec![line(Platform::Tiktok, "video", 2), line(Platform::Youtube, "short", 1)],
                date,
                as_of,
            );
            r.usage_rights = Some(UsageRights::Perpetual);
            r.exclusivity_days = Some(7);
            r.rush = true;
            r.offer = Some(Decimal::from(900));
            reqs.push(r);
            let mut entered = Request::new(vec![line(Platform::Twitch, "stream", 1)], date, as_of);
            entered.impressions = vec![(Platform::Twitch, Format::parse("stream").unwrap(), 5_000)];
            reqs.push(entered);
            // Refused before any date is looked at.
            reqs.push(Request::new(vec![line(Platform::Instagram, "reel", 0)], date, as_of));
            // No projection for a kind never posted.
            reqs.push(Request::new(vec![line(Platform::Twitch, "stream", 1)], date, as_of));
        }
        let mut pricer = Pricer::new(&posts);
        let mut priced = 0;
        // Three rounds, dates and settings interleaved, so that kept contexts are
        // reused, missed and dropped (more dates than are kept).
        for round in 0..3 {
            for (i, req) in reqs.iter().enumerate() {
                let settings = &all[(i + round) % 2];
                let want = pricing::propose(&posts, settings, req, "USD");
                priced += usize::from(want.is_ok());
                assert_eq!(pricer.propose(settings, req, "USD"), want, "round {round}, request {i}");
                // The 101 totals a kept deal needs, in the context the proposal built.
                if want.is_ok() {
                    let totals = pricing::snapshot::totals_by_quantile(&posts, settings, req);
                    assert_eq!(pricer.totals_by_quantile(settings, req), totals, "round {round}, request {i}");
                }
                assert!(pricer.contexts.len() <= KEPT_CONTEXTS);
            }
        }
        assert!(priced >= 30, "{priced} priced");
    }
}
