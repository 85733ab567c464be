//! A deal's stages (deals.md, "Stages"): the main line `inquiry` → `negotiating` →
//! `booked` → `delivered` → `invoiced` → `paid`, and the ends `declined`, `lost`,
//! `cancelled`. Any move made by hand is allowed and dated, backwards too.
//!
//! Automatic moves (booking, logging the deliverables, invoicing, the payment that
//! completes the fee) only ever move a deal *forward* on the main line: a deal already
//! at or past the action's stage stays where it is (re-invoicing a paid deal leaves it
//! paid). A deal at an end (declined, lost, cancelled) that is booked, delivered,
//! invoiced or paid is plainly alive again, so the action moves it too.

use serde::Serialize;
use std::fmt;

/// Where a deal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Inquiry,
    Negotiating,
    Booked,
    Delivered,
    Invoiced,
    Paid,
    Declined,
    Lost,
    Cancelled,
}

impl Stage {
    /// Every stage, main line first, then the ends.
    pub const ALL: [Stage; 9] = [
        Stage::Inquiry,
        Stage::Negotiating,
        Stage::Booked,
        Stage::Delivered,
        Stage::Invoiced,
        Stage::Paid,
        Stage::Declined,
        Stage::Lost,
        Stage::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Inquiry => "inquiry",
            Stage::Negotiating => "negotiating",
            Stage::Booked => "booked",
            Stage::Delivered => "delivered",
            Stage::Invoiced => "invoiced",
            Stage::Paid => "paid",
            Stage::Declined => "declined",
            Stage::Lost => "lost",
            Stage::Cancelled => "cancelled",
        }
    }

    /// A stage by name, case-insensitive, surrounding spaces ignored.
    pub fn parse(text: &str) -> Option<Stage> {
        let t = text.trim();
        Stage::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(t))
    }

    /// The names, for a sentence ("inquiry, negotiating, …").
    pub fn known_list() -> String {
        Stage::ALL.map(Stage::as_str).join(", ")
    }

    /// Position on the main line (0 = inquiry … 5 = paid); `None` for the ends.
    pub fn rank(self) -> Option<u8> {
        match self {
            Stage::Inquiry => Some(0),
            Stage::Negotiating => Some(1),
            Stage::Booked => Some(2),
            Stage::Delivered => Some(3),
            Stage::Invoiced => Some(4),
            Stage::Paid => Some(5),
            Stage::Declined | Stage::Lost | Stage::Cancelled => None,
        }
    }

    /// Booked, delivered, invoiced or paid: the deal is agreed.
    pub fn is_booked_or_later(self) -> bool {
        self.rank().is_some_and(|r| r >= 2)
    }

    /// Declined, lost or cancelled.
    pub fn is_end(self) -> bool {
        self.rank().is_none()
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stage an action that reaches `target` leaves a deal at `current` in: `Some`
/// when the deal moves, `None` when it stays.
pub fn advance(current: Stage, target: Stage) -> Option<Stage> {
    match (current.rank(), target.rank()) {
        (None, Some(_)) => Some(target),
        (Some(c), Some(t)) if c < t => Some(target),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::*;

    #[test]
    fn actions_only_move_forward() {
        for (current, target, want) in [
            (Inquiry, Booked, Some(Booked)),
            (Negotiating, Booked, Some(Booked)),
            (Booked, Booked, None),
            (Delivered, Booked, None), // booking again does not move back
            (Booked, Delivered, Some(Delivered)),
            (Booked, Invoiced, Some(Invoiced)), // invoiced before logging the posts
            (Invoiced, Paid, Some(Paid)),
            (Paid, Invoiced, None),       // re-invoicing a paid deal leaves it paid
            (Lost, Booked, Some(Booked)), // an end comes back to life
            (Cancelled, Paid, Some(Paid)),
        ] {
            assert_eq!(advance(current, target), want, "{current} → {target}");
        }
    }

    #[test]
    fn names_read_back() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(&s.as_str().to_uppercase()), Some(s));
        }
        assert_eq!(Stage::parse(" Booked "), Some(Booked));
        assert_eq!(Stage::parse("won"), None);
        assert!(Paid.is_booked_or_later() && !Negotiating.is_booked_or_later());
        assert!(Lost.is_end() && !Paid.is_end());
    }
}
