//! Which posts a report covers: the criteria of `mille report --from --to --platform
//! --format --brand`, over a whole post or over the facts a report reads.

use crate::model::{Fact, Format, Platform, PostData};
use chrono::NaiveDate;

/// Which posts a report covers (`mille report --from --to --platform --format --brand`).
/// Every criterion that is set must hold. Dates are inclusive. The brand matches when it
/// equals the post's brand after trimming both and ignoring case (Unicode lowercase:
/// `café` matches ` CAFÉ `); it is a whole-name match, not a substring search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub platform: Option<Platform>,
    pub format: Option<Format>,
    pub brand: Option<String>,
}

impl Filter {
    /// True when the post passes every criterion that is set.
    pub fn matches(&self, post: &PostData) -> bool {
        self.admits(&Fact::of(0, post))
    }

    /// [`Filter::matches`] over a post's facts (as [`crate::store::Store::fold_facts`]
    /// gives them).
    pub fn admits(&self, post: &Fact<'_>) -> bool {
        if self.from.is_some_and(|from| post.date < from) {
            return false;
        }
        if self.to.is_some_and(|to| post.date > to) {
            return false;
        }
        if self.platform.is_some_and(|p| p != post.platform) {
            return false;
        }
        if self.format.as_ref().is_some_and(|f| f.as_str() != post.format) {
            return false;
        }
        if let Some(brand) = &self.brand {
            let want = brand.trim().chars().flat_map(char::to_lowercase);
            let have = post.brand.trim().chars().flat_map(char::to_lowercase);
            if !want.eq(have) {
                return false;
            }
        }
        true
    }
}
