//! Step 2, projected impressions of a deliverable, over all evidence: the median of the
//! segment's 10 most recent measured posts moved to the campaign date at `g_a`; with
//! fewer than 3 of them, the platform's 10 most recent × the format's typical share
//! ("platform share"); with 1-2 posts and no share, their moved median ("thin
//! segment"); otherwise nothing: the user must enter a projection.

use super::context::Context;
use super::evidence::History;
use super::maths::{median, median_of, round_count};
use super::proposal::ProjectionKind;
use crate::model::{Format, Platform};
use rust_decimal::Decimal;

/// A projection and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Projected {
    pub impressions: u64,
    pub kind: ProjectionKind,
    /// The typical share used, for a platform-share projection.
    pub share: Option<Decimal>,
}

impl Context {
    fn moved_median(&self, list: &[usize]) -> Option<Decimal> {
        let mut moved: Vec<Decimal> = self.h.most_recent(list).iter().map(|&i| self.moved_impressions(i)).collect();
        median(&mut moved)
    }

    /// The typical share of a format: the median, over platforms where it has ≥ 3
    /// measured posts, of (median impressions of its posts / median impressions of all
    /// the platform's posts), impressions as delivered.
    pub(crate) fn typical_share(&self, format: &Format) -> Option<Decimal> {
        let h: &History = &self.h;
        let mut shares = Vec::new();
        for (s, (platform, f)) in h.segments.iter().enumerate() {
            if f != format {
                continue;
            }
            let list = self.evidence(&h.by_seg[s]);
            if list.len() < 3 {
                continue;
            }
            let imps = |l: &[usize]| -> Vec<Decimal> { l.iter().map(|&i| Decimal::from(h.posts[i].imps)).collect() };
            let own = median_of(&imps(list))?;
            let all = median_of(&imps(self.evidence(h.platform_posts(*platform))))?;
            if !all.is_zero() {
                shares.push(own / all);
            }
        }
        median(&mut shares)
    }

    /// Step 2 for a platform/format; `Err` holds why nothing can be projected.
    pub(crate) fn project(&self, platform: Platform, format: &Format) -> Result<Projected, String> {
        let h: &History = &self.h;
        let seg_posts: &[usize] = match h.seg_index(platform, format) {
            Some(s) => self.evidence(&h.by_seg[s]),
            None => &[],
        };
        if seg_posts.len() >= 3 {
            if let Some(m) = self.moved_median(seg_posts) {
                return Ok(Projected { impressions: round_count(m), kind: ProjectionKind::Segment, share: None });
            }
        }
        let platform_posts = self.evidence(h.platform_posts(platform));
        if platform_posts.is_empty() {
            return Err(format!("there is no measured post on {platform} before {}", self.as_of));
        }
        if let Some(share) = self.typical_share(format) {
            if let Some(m) = self.moved_median(platform_posts) {
                return Ok(Projected {
                    impressions: round_count(m * share),
                    kind: ProjectionKind::PlatformShare,
                    share: Some(share),
                });
            }
        }
        if !seg_posts.is_empty() {
            if let Some(m) = self.moved_median(seg_posts) {
                return Ok(Projected { impressions: round_count(m), kind: ProjectionKind::ThinSegment, share: None });
            }
        }
        Err(format!(
            "there is no measured {platform}/{format} post before {} and no other platform has the 3 measured {format} posts a typical share needs",
            self.as_of
        ))
    }
}
