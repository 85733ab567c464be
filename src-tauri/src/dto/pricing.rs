//! Pricing: the Propose form as typed and the proposal as the core prints it.

use super::Labels;
use mille::pricing::Proposal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One deliverable line of the Propose form, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DeliverableInput {
    pub platform: String,
    pub format: String,
    pub quantity: String,
    /// Optional own projection of impressions for this line.
    pub impressions: String,
}

/// The Propose form, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ProposeInput {
    pub deliverables: Vec<DeliverableInput>,
    pub date: String,
    pub brand: String,
    /// Empty, a number of days, or `perpetual`.
    pub usage_rights: String,
    pub exclusivity: String,
    pub whitelisting: String,
    pub rush: bool,
    pub offer: String,
}

/// A rate proposal exactly as `mille propose --json` prints it (the core's
/// [`Proposal`], pricing.md), and the names of its lines' platforms and formats.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProposalView {
    #[serde(flatten)]
    pub proposal: Proposal,
    pub names: Labels,
}

impl ProposalView {
    pub fn of(proposal: Proposal) -> ProposalView {
        let mut names = Labels::default();
        for line in &proposal.lines {
            names.add(line.platform, &line.format);
        }
        ProposalView { proposal, names }
    }
}

impl std::ops::Deref for ProposalView {
    type Target = Proposal;
    fn deref(&self) -> &Proposal {
        &self.proposal
    }
}
