//! One deliverable priced before rounding ([`LineCalc`]: its projection, level and
//! factors, enough to price it at any quantile), and step 8's bundle total. Below both
//! `price` (the proposal) and `offer` (the offer check), which price lines the same way.

use super::context::Context;
use super::level::LevelBasis;
use super::proposal::ProjectionKind;
use super::PricingError;
use crate::model::{Format, Platform};
use rust_decimal::Decimal;

/// Step 8: the discounted sum of unit prices, highest first, the i-th unit taking
/// `tiers[i]` % off (the last tier for every later unit).
pub(crate) fn bundle_total(units: &mut [Decimal], tiers: &[Decimal]) -> Decimal {
    units.sort_unstable_by(|a, b| b.cmp(a));
    let last = tiers.last().copied().unwrap_or(Decimal::ZERO);
    units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            *u * (Decimal::ONE_HUNDRED - tiers.get(i).copied().unwrap_or(last))
                / Decimal::ONE_HUNDRED
        })
        .sum()
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
    /// The price of one unit at C = `cpm`.
    pub(crate) fn unit_at_cpm(&self, cpm: Decimal) -> Decimal {
        Decimal::from(self.projected) * cpm / Decimal::ONE_THOUSAND * self.factor
    }

    /// C(q) = L × R(q).
    pub(crate) fn cpm(&self, ctx: &Context, q: Decimal) -> Decimal {
        self.level * ctx.spread(self.seg, self.platform, q)
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
            Err(reason) => {
                return Err(PricingError::NoProjection {
                    line,
                    deliverable: slug,
                    reason,
                })
            }
        },
    };
    let seg = ctx.h.seg_index(platform, format);
    let (level, basis) = ctx
        .level(seg, platform, format)
        .ok_or(PricingError::NoEvidence {
            window_start: ctx.window_start,
            as_of: ctx.as_of,
        })?;
    Ok(LineCalc {
        seg,
        platform,
        format: format.clone(),
        quantity,
        projected,
        kind,
        share,
        level,
        basis,
        factor,
    })
}
