//! Step 4, the CPM level `L` of a segment at the campaign date: the median of its
//! window posts' values (season-neutral CPM moved at `g_p`) with 8 or more posts; with
//! 1-7, the median fee value (fee / season factor moved at `g_a + g_p`) over the
//! projected impressions, so that L × P / 1000 is the median fee value; with none, the
//! median of its platform's values, or of all values.

use super::context::Context;
use super::maths::median_of;
use crate::model::{Format, Platform};
use rust_decimal::Decimal;

/// How `L` was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LevelBasis {
    /// n ≥ 8: the segment's values.
    Values,
    /// n = 1-7: the segment's fee values over this projection.
    FeeValues { projected: u64 },
    /// n = 1-7 with a projection of 0: the segment's values.
    ValuesNoProjection,
    /// n = 0: the platform's values.
    Platform,
    /// n = 0 and no platform values: all values.
    All,
}

impl Context {
    /// `L` and how it was found. `None` only when the window holds no value at all,
    /// which [`Context::new`] already refuses.
    pub(crate) fn level(
        &self,
        seg: Option<usize>,
        platform: Platform,
        format: &Format,
    ) -> Option<(Decimal, LevelBasis)> {
        let ks: &[usize] = seg.map(|s| self.seg_window[s].as_slice()).unwrap_or(&[]);
        let n = ks.len();
        let values = |ks: &[usize]| -> Vec<Decimal> { ks.iter().map(|&k| self.values[k]).collect() };
        if n >= 8 {
            return Some((median_of(&values(ks))?, LevelBasis::Values));
        }
        if n >= 1 {
            let projected = self.project(platform, format).map(|p| p.impressions).unwrap_or(0);
            if projected == 0 {
                return Some((median_of(&values(ks))?, LevelBasis::ValuesNoProjection));
            }
            let fees: Vec<Decimal> = ks.iter().map(|&k| self.fee_values[k]).collect();
            let l = median_of(&fees)? * Decimal::ONE_THOUSAND / Decimal::from(projected);
            return Some((l, LevelBasis::FeeValues { projected }));
        }
        let platform_values: Vec<Decimal> = (0..self.values.len())
            .filter(|&k| self.h.posts[self.wlo + k].platform == platform)
            .map(|k| self.values[k])
            .collect();
        if let Some(m) = median_of(&platform_values) {
            return Some((m, LevelBasis::Platform));
        }
        Some((median_of(&self.values)?, LevelBasis::All))
    }
}
