//! One deliverable priced before rounding ([`LineCalc`]: its projection, level and
//! factors, enough to price it at any quantile), and step 8's bundle total. Below both
//! `price` (the proposal) and `offer` (the offer check), which price lines the same way.

use super::context::Context;
use super::level::LevelBasis;
use super::proposal::ProjectionKind;
use super::PricingError;
use crate::model::{Format, Platform};
use rust_decimal::Decimal;

/// The most one line of a proposal may cost (10^18): far past any fee, with room for a
/// request's 100 lines of 1,000 units and every step after.
pub(crate) const MAX_PRICE: Decimal = Decimal::from_parts(0xA764_0000, 0x0DE0_B6B3, 0, false, 0);

/// Step 8: the discounted sum of unit prices, highest first, the i-th unit taking
/// `tiers[i]` % off (the last tier for every later unit); `None` past what a `Decimal`
/// holds.
pub(crate) fn bundle_total(units: &mut [Decimal], tiers: &[Decimal]) -> Option<Decimal> {
    units.sort_unstable_by(|a, b| b.cmp(a));
    let last = tiers.last().copied().unwrap_or(Decimal::ZERO);
    units.iter().enumerate().try_fold(Decimal::ZERO, |sum, (i, u)| {
        let kept = Decimal::ONE_HUNDRED - tiers.get(i).copied().unwrap_or(last);
        sum.checked_add(u.checked_mul(kept)? / Decimal::ONE_HUNDRED)
    })
}

/// A priced line before rounding, everything step 12 needs to price it at any q.
#[derive(Debug, Clone)]
pub(crate) struct LineCalc {
    pub seg: Option<usize>,
    pub platform: Platform,
    pub format: Format,
    pub quantity: u32,
    pub projected: u64,
    pub kind: ProjectionKind,
    pub share: Option<Decimal>,
    pub level: Decimal,
    pub basis: LevelBasis,
    /// season factor of the campaign date × (1 + Σ add-on % / 100).
    pub factor: Decimal,
}

impl LineCalc {
    /// The price of one unit at C = `cpm`; `None` past what a `Decimal` holds (a
    /// history of absurd CPMs times an absurd projection).
    pub(crate) fn unit_at_cpm(&self, cpm: Decimal) -> Option<Decimal> {
        Decimal::from(self.projected).checked_mul(cpm)?.checked_div(Decimal::ONE_THOUSAND)?.checked_mul(self.factor)
    }

    /// C(q) = L × R(q); `None` past what a `Decimal` holds.
    pub(crate) fn cpm(&self, ctx: &Context, q: Decimal) -> Option<Decimal> {
        self.level.checked_mul(ctx.spread(self.seg, self.platform, q))
    }
}

/// Steps 2 and 4 for one deliverable (entered projection when given).
pub(crate) fn line_calc(
    ctx: &Context,
    line: usize,
    platform: Platform,
    format: &Format,
    quantity: u32,
    entered: Option<u64>,
    factor: Decimal,
) -> Result<LineCalc, PricingError> {
    let slug = format!("{platform}/{format}");
    let (projected, kind, share) = match entered {
        Some(n) => (n, ProjectionKind::Entered, None),
        None => match ctx.project(platform, format) {
            Ok(p) => (p.impressions, p.kind, p.share),
            Err(reason) => return Err(PricingError::NoProjection { line, deliverable: slug, reason }),
        },
    };
    let seg = ctx.h.seg_index(platform, format);
    let (level, basis) = ctx
        .level(seg, platform, format)
        .ok_or(PricingError::NoEvidence { window_start: ctx.window_start, as_of: ctx.as_of })?;
    Ok(LineCalc { seg, platform, format: format.clone(), quantity, projected, kind, share, level, basis, factor })
}
