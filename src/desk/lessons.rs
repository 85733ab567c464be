//! What deals teach, where the app shows it (deals.md, "In the app"): Insights reads
//! [`super::report`] whole ("How quotes land", "How brands pay"); Propose shows beside
//! its prices how the quotes made at each price point ended ([`accepted`]: "4 of 5
//! quotes at target were accepted"); the deal panel shows its deal quoted against
//! delivered ([`panel`], [`delivered`]). The figures are `crate::deals::teach`'s; this
//! file only words them for the window.
//!
//! Decisions where deals.md is silent:
//! - Propose lists only the price points with at least one decided quote (none: the
//!   line is hidden); below 3 quotes a share is thin, as every figure is;
//! - the change from projected to delivered impressions is (delivered − projected) /
//!   projected in whole percent, half away from zero, signed (`+15 %`, `-8 %`, `±0 %`),
//!   as the campaign recap prints it; none when nothing was projected.

use super::board::{self, Panel};
use super::Result;
use crate::deals::teach::delivered::{self as delivery, DealDelivery};
use crate::deals::teach::quotes::{accepted_at, PointShare, PRICE_POINTS};
use crate::deals::teach::TooLarge;
use crate::deals::Deal;
use crate::store::Store;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// How the decided quotes at one price point ended, and that said in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub share: PointShare,
    /// "4 of 5 quotes at target were accepted".
    pub text: String,
}

/// The sentence for `share`: "4 of 5 quotes at target were accepted", "1 of 1 quote at
/// anchor was accepted".
pub fn accepted_text(share: &PointShare) -> String {
    let (quotes, were) = if share.n == 1 { ("quote", "was") } else { ("quotes", "were") };
    format!("{} of {} {quotes} at {} {were} accepted", share.won, share.n, share.price_point)
}

/// For Propose: target then anchor, each with at least one decided quote in `deals`.
pub fn accepted(deals: &[Deal]) -> Vec<Accepted> {
    PRICE_POINTS
        .iter()
        .map(|p| accepted_at(deals, p))
        .filter(|s| s.n > 0)
        .map(|share| Accepted { text: accepted_text(&share), share })
        .collect()
}

/// `delivered` against `projected` impressions in whole percent, signed (`+15 %`,
/// `-8 %`, `±0 %`); `None` when nothing was projected.
pub fn change_text(projected: u64, delivered: u64) -> Option<String> {
    if projected == 0 {
        return None;
    }
    // Impressions are at most 10^12 a post (limits): far inside a decimal.
    let (p, d) = (Decimal::from(projected), Decimal::from(delivered));
    let change = ((d - p) * Decimal::ONE_HUNDRED / p).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    Some(if change.is_zero() {
        "±0 %".to_string()
    } else if change.is_sign_positive() {
        format!("+{change} %")
    } else {
        format!("{change} %")
    })
}

/// One deal quoted against delivered, with the change in impressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    pub delivery: DealDelivery,
    /// See [`change_text`].
    pub change: Option<String>,
}

/// `deal` quoted against delivered, when it has a proposal, an agreed fee and linked
/// posts all measured (`crate::deals::teach::delivered`); `None` otherwise.
pub fn delivered(deal: &Deal) -> std::result::Result<Option<Delivered>, TooLarge> {
    Ok(delivery::delivery(deal)?.map(|d| Delivered { change: change_text(d.projected, d.delivered), delivery: d }))
}

/// The deal panel: [`board::panel`] and the deal quoted against delivered.
#[derive(Debug, Clone)]
pub struct TaughtPanel {
    pub panel: Panel,
    pub delivered: Option<Delivered>,
    /// The deal as read.
    pub deal: Deal,
}

/// Deal `id`'s panel on `today`, with what it delivered against its quote.
pub fn panel(store: &Store, id: i64, today: NaiveDate) -> Result<TaughtPanel> {
    let deal = store.deal(id)?;
    Ok(TaughtPanel { panel: board::panel(store, &deal, today)?, delivered: delivered(&deal)?, deal })
}

/// The Deals screen's board on `today`; with `overdue_only`, its stages hold only the
/// deals overdue (those the Overview's "Owed to you" counts as overdue), while the money
/// side stays that of every deal.
pub fn overdue_board(
    deals: &[Deal],
    today: NaiveDate,
    overdue_only: bool,
) -> std::result::Result<board::Board, TooLarge> {
    let all = board::pipeline(deals, today)?;
    if !overdue_only {
        return Ok(all);
    }
    all.keep_rows(|r| r.outstanding.is_some() && r.overdue_days.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deals::teach::fixtures::{at, booked, d, deal, invoiced, posts, quoted};
    use crate::deals::Stage;

    fn share(won: usize, n: usize, point: &str) -> PointShare {
        PointShare { price_point: point.into(), won, n, thin: n < 3 }
    }

    #[test]
    fn accepted_is_said_in_words_singular_and_plural() {
        for (s, want) in [
            (share(4, 5, "target"), "4 of 5 quotes at target were accepted"),
            (share(1, 1, "anchor"), "1 of 1 quote at anchor was accepted"),
            (share(0, 1, "anchor"), "0 of 1 quote at anchor was accepted"),
            (share(0, 2, "target"), "0 of 2 quotes at target were accepted"),
        ] {
            assert_eq!(accepted_text(&s), want);
        }
        assert!(accepted(&[]).is_empty(), "no history: nothing to say");
    }

    #[test]
    fn the_change_is_whole_percent_signed() {
        for (projected, delivered, want) in [
            (120_000, 138_400, Some("+15 %")), // +15.33 %
            (100_000, 92_000, Some("-8 %")),
            (1000, 1000, Some("±0 %")),
            (1000, 1004, Some("±0 %")), // +0.4 %
            (1000, 1005, Some("+1 %")), // +0.5 %: half away from zero
            (1000, 995, Some("-1 %")),
            (0, 5000, None),
        ] {
            assert_eq!(change_text(projected, delivered).as_deref(), want, "{projected} → {delivered}");
        }
    }

    #[test]
    fn the_overdue_board_holds_only_overdue_deals_and_every_deals_money() {
        let fee = Decimal::ONE_HUNDRED;
        let invoiced_on = |id, due: &str, payments: &[(&str, Decimal)]| {
            invoiced(booked(deal(id, "B"), fee, Stage::Invoiced), "2026-05-01", due, payments)
        };
        let deals = [
            invoiced_on(1, "2026-05-31", &[]),                    // overdue on 06-30
            invoiced_on(2, "2026-07-31", &[]),                    // owed, not yet due
            invoiced_on(3, "2026-05-31", &[("2026-05-10", fee)]), // paid
        ];
        let today = d("2026-06-30");
        assert_eq!(overdue_board(&deals, today, false), board::pipeline(&deals, today));
        let late = overdue_board(&deals, today, true).unwrap();
        let rows: Vec<i64> = late.columns.iter().flat_map(|c| c.rows.iter().map(|r| r.id)).collect();
        assert_eq!(rows, [1]);
        assert_eq!((late.money.owed.count, late.money.overdue.count), (2, 1));
    }

    #[test]
    fn propose_hears_of_each_price_point_quoted_and_the_panel_of_its_delivery() {
        let q = |id, point, stage| at(quoted(deal(id, "B"), point, 1000, 1), stage);
        let deals = [q(1, "target", Stage::Paid), q(2, "target", Stage::Lost), q(3, "target", Stage::Negotiating)];
        let got: Vec<_> =
            accepted(&deals).into_iter().map(|a| (a.share.won, a.share.n, a.share.thin, a.text)).collect();
        assert_eq!(got, [(1, 2, true, "1 of 2 quotes at target were accepted".to_string())], "no anchor line");

        // 2 × 40,000 projected, 50,000 + 42,000 delivered: +15 %; quoted CPM 15.
        let measured = posts(
            booked(quoted(deal(4, "B"), "target", 40_000, 2), Decimal::from(1200), Stage::Paid),
            &[Some(50_000), Some(42_000)],
        );
        let got = delivered(&measured).unwrap().expect("measured");
        assert_eq!(
            (got.delivery.projected, got.delivery.delivered, got.change.as_deref()),
            (80_000, 92_000, Some("+15 %"))
        );
        assert_eq!(got.delivery.quoted_cpm, Some(Decimal::from(15)));
        let unmeasured = posts(booked(quoted(deal(5, "B"), "target", 40_000, 1), Decimal::ONE, Stage::Paid), &[None]);
        assert_eq!(delivered(&unmeasured).unwrap(), None);
    }
}
