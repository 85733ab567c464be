//! Steps 6-9 and 11: a line's three price points (projected impressions × C(q) / 1000
//! × season factor × (1 + Σ add-on %/100) × quantity), the add-ons, the bundle discount
//! by unit tiers, nice-number rounding with its strictly-increasing repair, the
//! performance-based variant, and the assembly of a [`Proposal`].

use super::context::Context;
use super::level::LevelBasis;
use super::line::{bundle_total, line_calc, MAX_PRICE};
use super::maths::round_to;
use super::offer::check_offer;
use super::proposal::{
    AddOn, AddOnDays, AddOnKind, Confidence, Line, Performance, PricePoints, ProjectionKind, Proposal,
};
use super::settings::Settings;
use super::{PricingError, Request, Season, UsageRights};
use crate::money;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// The quantiles of floor, target and anchor.
pub(crate) const POINTS: [Decimal; 3] = [dec!(0.25), dec!(0.5), dec!(0.75)];

/// Usage rights %: linear through (0 d, 0 %), (30 d, usage_30d), (90 d, usage_90d),
/// then + 0.25 % per day, never above the perpetual percentage (nor below the 90-day
/// one).
pub(crate) fn usage_percent(s: &Settings, days: u32) -> Decimal {
    let d = Decimal::from(days);
    if days <= 30 {
        s.usage_30d_percent * d / dec!(30)
    } else if days <= 90 {
        s.usage_30d_percent + (s.usage_90d_percent - s.usage_30d_percent) * (d - dec!(30)) / dec!(60)
    } else {
        let cap = s.usage_perpetual_percent.max(s.usage_90d_percent);
        (s.usage_90d_percent + dec!(0.25) * (d - dec!(90))).min(cap)
    }
}

/// A pro-rata per-30-days add-on with its cap.
fn per_30_days(per_30: Decimal, max: Decimal, days: u32) -> Decimal {
    (per_30 * Decimal::from(days) / dec!(30)).min(max)
}

/// Step 7: the request's add-ons with exact percentages, in the order usage rights,
/// exclusivity, whitelisting, rush.
pub(crate) fn addons(s: &Settings, req: &Request) -> Vec<AddOn> {
    let mut out = Vec::new();
    match req.usage_rights {
        Some(UsageRights::Days(d)) => out.push(AddOn {
            name: AddOnKind::UsageRights,
            days: Some(AddOnDays::Days(d)),
            percent: usage_percent(s, d),
        }),
        Some(UsageRights::Perpetual) => out.push(AddOn {
            name: AddOnKind::UsageRights,
            days: Some(AddOnDays::Perpetual),
            percent: s.usage_perpetual_percent,
        }),
        None => {}
    }
    if let Some(d) = req.exclusivity_days {
        out.push(AddOn {
            name: AddOnKind::Exclusivity,
            days: Some(AddOnDays::Days(d)),
            percent: per_30_days(s.exclusivity_per_30d_percent, s.exclusivity_max_percent, d),
        });
    }
    if let Some(d) = req.whitelisting_days {
        out.push(AddOn {
            name: AddOnKind::Whitelisting,
            days: Some(AddOnDays::Days(d)),
            percent: per_30_days(s.whitelisting_per_30d_percent, s.whitelisting_max_percent, d),
        });
    }
    if req.rush {
        out.push(AddOn { name: AddOnKind::Rush, days: None, percent: s.rush_percent });
    }
    out
}

/// Step 9 for one price: half-up to the increment its unrounded value chooses; a price
/// that rounds to 0 becomes one increment. Returns (rounded, increment).
pub(crate) fn nice(s: &Settings, value: Decimal) -> (Decimal, Decimal) {
    let inc = s.increment_for(value);
    let r = round_to(value, inc);
    if r <= Decimal::ZERO {
        (inc, inc)
    } else {
        (r.normalize(), inc)
    }
}

/// Step 9 for three points: each rounded, then target, then anchor raised by its own
/// increment until strictly above the point below it.
pub(crate) fn nice_points(s: &Settings, p: PricePoints) -> PricePoints {
    let (floor, _) = nice(s, p.floor);
    let (mut target, ti) = nice(s, p.target);
    while target <= floor {
        target += ti;
    }
    let (mut anchor, ai) = nice(s, p.anchor);
    while anchor <= target {
        anchor += ai;
    }
    PricePoints { floor, target, anchor }
}

fn price_display(value: Decimal, currency: &str) -> String {
    let dp = if value.fract().is_zero() { 0 } else { 2 };
    money::display(value, currency, dp)
}

fn grouped_count(n: u64) -> String {
    money::group_thousands(&n.to_string())
}

/// Refuses a request that no history could price (no line, a quantity of 0, an
/// entered projection of 0 or for no line, a negative offer), before any date is
/// looked at.
pub(crate) fn check_request(req: &Request) -> Result<(), PricingError> {
    if req.deliverables.is_empty() {
        return Err(PricingError::NoDeliverables);
    }
    for (i, d) in req.deliverables.iter().enumerate() {
        if d.quantity == 0 {
            return Err(PricingError::ZeroQuantity { line: i + 1, deliverable: d.slug() });
        }
    }
    for (p, f, n) in &req.impressions {
        let slug = format!("{p}/{f}");
        if !req.deliverables.iter().any(|d| d.platform == *p && d.format == *f) {
            return Err(PricingError::UnusedImpressions { deliverable: slug });
        }
        if *n == 0 {
            return Err(PricingError::ZeroImpressions { deliverable: slug });
        }
    }
    if let Some(amount) = req.offer {
        if amount < Decimal::ZERO {
            return Err(PricingError::NegativeOffer { amount });
        }
    }
    Ok(())
}

/// Assembles the proposal (steps 1-12) for a request that passed [`check_request`],
/// in the context of its dates (`ctx` built for `req.as_of` and `req.date`).
pub(crate) fn propose_in(ctx: &Context, req: &Request, currency: &str) -> Result<Proposal, PricingError> {
    debug_assert!(ctx.as_of == req.as_of && ctx.date == req.date);
    let settings = &ctx.settings;
    let addons = addons(settings, req);
    let addon_percent: Decimal = addons.iter().map(|a| a.percent).sum();
    let sf = ctx.campaign_season_factor();
    let season = Season::of(req.date);
    let factor = sf * (Decimal::ONE + addon_percent / Decimal::ONE_HUNDRED);

    let mut calcs = Vec::with_capacity(req.deliverables.len());
    for (i, d) in req.deliverables.iter().enumerate() {
        let entered =
            req.impressions.iter().rev().find(|(p, f, _)| *p == d.platform && *f == d.format).map(|(_, _, n)| *n);
        calcs.push(line_calc(ctx, i + 1, d.platform, &d.format, d.quantity, entered, factor)?);
    }

    let mut lines = Vec::with_capacity(calcs.len());
    let mut units: [Vec<Decimal>; 3] = Default::default();
    let mut undiscounted = [Decimal::ZERO; 3];
    for c in &calcs {
        let qty = Decimal::from(c.quantity);
        let too_large =
            || PricingError::TooLarge { line: lines.len() + 1, deliverable: format!("{}/{}", c.platform, c.format) };
        let (mut cpms, mut unit) = ([Decimal::ZERO; 3], [Decimal::ZERO; 3]);
        for j in 0..3 {
            cpms[j] = c.cpm(ctx, POINTS[j]).ok_or_else(too_large)?;
            unit[j] = c
                .unit_at_cpm(cpms[j])
                .filter(|u| u.checked_mul(qty).is_some_and(|p| p <= MAX_PRICE))
                .ok_or_else(too_large)?;
        }
        let price = unit.map(|u| u * qty);
        for j in 0..3 {
            for _ in 0..c.quantity {
                units[j].push(unit[j]);
            }
            undiscounted[j] += price[j];
        }
        let price_unrounded = PricePoints::from_array(price);
        let rounded = nice_points(settings, price_unrounded);
        let ks: &[usize] = c.seg.map(|s| ctx.seg_window[s].as_slice()).unwrap_or(&[]);
        let n = ks.len();
        let date_of = |k: usize| ctx.h.posts[ctx.wlo + k].date;
        let confidence = match (n, c.kind) {
            (8.., ProjectionKind::Segment) => Confidence::High,
            (3..=7, ProjectionKind::Segment) => Confidence::Medium,
            _ => Confidence::Low,
        };
        let mut working = format!(
            "{} impressions × {} CPM × {} {}",
            grouped_count(c.projected),
            money::display(cpms[1], currency, 2),
            season,
            money::fixed(sf, 2)
        );
        if !addon_percent.is_zero() {
            working.push_str(&format!(" × (1 + {} % add-ons)", money::trimmed(addon_percent, 2)));
        }
        if c.quantity > 1 {
            working.push_str(&format!(" × {}", c.quantity));
        }
        working.push_str(&format!(
            " = {} → {}",
            money::display(price[1], currency, 2),
            price_display(rounded.target, currency)
        ));
        lines.push(Line {
            platform: c.platform,
            format: c.format.clone(),
            quantity: c.quantity,
            projected_impressions: c.projected,
            projection: c.kind,
            confidence,
            evidence_posts: n,
            evidence_from: ks.first().map(|&k| date_of(k)),
            evidence_to: ks.last().map(|&k| date_of(k)),
            cpm: PricePoints::from_array(cpms),
            price: rounded,
            working,
            price_unrounded,
            level: c.level,
            share: c.share,
            level_note: level_note(&c.basis, c.level, currency),
        });
    }

    let tiers = &settings.bundle_tiers;
    // Lines are at most 10^18 each (checked above), so the sums fit.
    let discounted = [0, 1, 2].map(|j| bundle_total(&mut units[j], tiers).unwrap_or(Decimal::MAX));
    let total_unrounded = PricePoints::from_array(discounted);
    let total_undiscounted = PricePoints::from_array(undiscounted);
    let total = nice_points(settings, total_unrounded);
    let bundle_discount_percent = if undiscounted[1].is_zero() {
        Decimal::ZERO
    } else {
        (undiscounted[1] - discounted[1]) / undiscounted[1] * Decimal::ONE_HUNDRED
    };

    // Step 11.
    let projected_sum: u64 =
        calcs.iter().fold(0u64, |s, c| s.saturating_add(c.projected.saturating_mul(u64::from(c.quantity))));
    let s_dec = Decimal::from(projected_sum);
    let guaranteed = (settings.guaranteed_share_percent / Decimal::ONE_HUNDRED * s_dec).floor();
    let guaranteed_impressions = u64::try_from(guaranteed.mantissa() / 10i128.pow(guaranteed.scale())).unwrap_or(0);
    let bonus_cpm = (projected_sum > 0).then(|| total.target / s_dec * Decimal::ONE_THOUSAND);
    let base =
        bonus_cpm.map(|cpm| nice(settings, Decimal::from(guaranteed_impressions) * cpm / Decimal::ONE_THOUSAND).0);
    let performance = Performance { base, guaranteed_impressions, bonus_cpm, cap: total.anchor };

    let offer = req.offer.map(|amount| check_offer(ctx, &calcs, tiers, amount, &total, projected_sum));

    Ok(Proposal {
        date: req.date,
        as_of: req.as_of,
        season,
        season_factor: sf,
        season_posts: ctx.seasons.posts[season.0 as usize - 1],
        audience_growth: ctx.g_a,
        cpm_growth: ctx.g_p,
        currency: currency.to_string(),
        lines,
        addons,
        bundle_discount_percent,
        total,
        performance,
        offer,
        brand: req.brand.clone(),
        total_unrounded,
        total_undiscounted,
        addon_percent,
    })
}

fn level_note(basis: &LevelBasis, level: Decimal, currency: &str) -> String {
    let l = money::display(level, currency, 2);
    match basis {
        LevelBasis::Values => {
            format!("level {l}: the median of this format's recent CPMs, season-neutral, moved to the campaign date")
        }
        LevelBasis::FeeValues { projected } => format!(
            "level {l}: the median fee of this format's few recent posts over {} projected impressions",
            grouped_count(*projected)
        ),
        LevelBasis::ValuesNoProjection => format!("level {l}: the median of this format's few recent CPMs"),
        LevelBasis::Platform => format!("level {l}: no recent post of this format, so the platform's median CPM"),
        LevelBasis::All => format!("level {l}: no recent post on this platform, so the median CPM of all your posts"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_rights_follow_the_piecewise_line() {
        let s = Settings::default();
        // (0 d, 0 %), (30 d, 20 %), (90 d, 35 %), then +0.25 %/day up to 75 %.
        for (days, want) in [
            (0, dec!(0)),
            (15, dec!(10)), // 20 × 15/30
            (30, dec!(20)),
            (45, dec!(23.75)), // 20 + 15 × 15/60
            (60, dec!(27.5)),  // 20 + 15 × 30/60
            (90, dec!(35)),
            (100, dec!(37.5)), // 35 + 0.25 × 10
            (250, dec!(75)),   // 35 + 0.25 × 160
            (365, dec!(75)),   // capped
        ] {
            assert_eq!(usage_percent(&s, days), want, "{days} days");
        }
    }

    #[test]
    fn addons_are_exact_and_listed_even_at_0_days() {
        let s = Settings::default();
        let d = crate::pricing::tests::d;
        let mut req = Request::new(vec![], d("2026-12-05"), d("2026-11-22"));
        req.exclusivity_days = Some(7);
        req.whitelisting_days = Some(0);
        req.usage_rights = Some(UsageRights::Perpetual);
        req.rush = true;
        let a = addons(&s, &req);
        let names: Vec<&str> = a.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["usage rights", "exclusivity", "whitelisting", "rush"]);
        assert_eq!(a[0].percent, dec!(75));
        // 7 days of exclusivity: 10 × 7 / 30 = 2.333…, exact, shown "2.33".
        assert_eq!(a[1].percent, dec!(70) / dec!(30));
        assert_eq!(money::trimmed(a[1].percent, 2), "2.33");
        assert_eq!(a[2].percent, dec!(0));
        assert_eq!(a[3].percent, dec!(25));
        assert_eq!(a[3].days, None);
        // Caps: 400 days of exclusivity → 133 % capped at 50; whitelisting 200 days → 100.
        req.exclusivity_days = Some(400);
        req.whitelisting_days = Some(200);
        let a = addons(&s, &req);
        assert_eq!((a[1].percent, a[2].percent), (dec!(50), dec!(100)));
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json[0]["days"], "perpetual");
        assert_eq!(json[1]["days"], 400);
        assert_eq!(json[3]["days"], serde_json::Value::Null);
        assert_eq!(json[1]["percent"], "50");
    }

    #[test]
    fn nice_numbers_use_the_increment_of_the_unrounded_value() {
        let s = Settings::default();
        for (v, want) in [
            (dec!(823.30), dec!(800)), // 50s: 16.466 → 16 → 800
            (dec!(825), dec!(850)),    // 16.5 → 17 (half up)
            (dec!(487.5), dec!(500)),  // 25s: 19.5 → 20
            (dec!(499.99), dec!(500)),
            (dec!(1990), dec!(2000)),      // 50s
            (dec!(2049.99), dec!(2000)),   // 100s
            (dec!(10124.99), dec!(10000)), // 250s
            (dec!(10125), dec!(10250)),
            (dec!(12), dec!(25)), // rounds to 0 → one increment
            (dec!(0), dec!(25)),
        ] {
            assert_eq!(nice(&s, v).0, want, "{v}");
        }
    }

    #[test]
    fn rounding_repair_keeps_points_strictly_increasing() {
        let s = Settings::default();
        // 610, 620, 630 all round to 600 (50s): target raised to 650, anchor to 700.
        let p = nice_points(&s, PricePoints::new(dec!(610), dec!(620), dec!(630)));
        assert_eq!(p, PricePoints::new(dec!(600), dec!(650), dec!(700)));
        // 490 → 500 (25s), 495 → 500 (25s): target +25 → 525; anchor 505 → 500 (50s),
        // raised by 50 → 550.
        let p = nice_points(&s, PricePoints::new(dec!(490), dec!(495), dec!(505)));
        assert_eq!(p, PricePoints::new(dec!(500), dec!(525), dec!(550)));
    }

    #[test]
    fn bundle_tiers_discount_units_highest_first() {
        // Units 100, 300, 200, 50, 50 (sorted 300, 200, 100, 50, 50) with 0,5,5,10:
        // 300 + 190 + 95 + 45 + 45 = 675.
        let mut units = vec![dec!(100), dec!(300), dec!(200), dec!(50), dec!(50)];
        let tiers = [dec!(0), dec!(5), dec!(5), dec!(10)];
        assert_eq!(bundle_total(&mut units, &tiers), Some(dec!(675)));
        assert_eq!(bundle_total(&mut [dec!(80)], &tiers), Some(dec!(80)));
    }
}
