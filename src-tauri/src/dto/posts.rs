//! Posts: as stored and as typed in the Log / Edit form.

use super::to_view;
use crate::error::AppResult;
use mille::model::Post;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A stored post as `mille posts list --json` prints it, and the names of its platform
/// and format.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PostView {
    #[ts(type = "number")]
    pub id: i64,
    pub date: String,
    pub brand: String,
    pub platform: String,
    pub format: String,
    pub fee: String,
    pub currency: String,
    pub fx_rate: Option<String>,
    #[ts(type = "number | null")]
    pub impressions: Option<u64>,
    #[ts(type = "number | null")]
    pub reach: Option<u64>,
    #[ts(type = "number | null")]
    pub views: Option<u64>,
    #[ts(type = "number | null")]
    pub likes: Option<u64>,
    #[ts(type = "number | null")]
    pub comments: Option<u64>,
    #[ts(type = "number | null")]
    pub shares: Option<u64>,
    #[ts(type = "number | null")]
    pub saves: Option<u64>,
    #[ts(type = "number | null")]
    pub clicks: Option<u64>,
    pub campaign: String,
    pub url: String,
    pub notes: String,
    /// The fee in base currency, 2 decimals.
    pub fee_base: String,
    /// Per-post CPM, 2 decimals; null when not measured.
    pub cpm: Option<String>,
    /// `Instagram`, `Reel` (not in the core's JSON: set by [`PostView::of`]).
    #[serde(default)]
    pub platform_name: String,
    #[serde(default)]
    pub format_name: String,
}

impl PostView {
    pub fn of(p: &Post) -> AppResult<PostView> {
        let mut view: PostView = to_view(&p.record())?;
        view.platform_name = p.platform.display_name().to_string();
        view.format_name = p.format.display_name();
        Ok(view)
    }

    pub fn all(posts: &[Post]) -> AppResult<Vec<PostView>> {
        posts.iter().map(PostView::of).collect()
    }
}

/// A post as typed in the Log / Edit form: every field as text, validated by the core's
/// value parsers (the same as a campaign file's and the CLI's).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PostInput {
    pub date: String,
    pub brand: String,
    pub platform: String,
    pub format: String,
    pub fee: String,
    pub currency: String,
    pub fx_rate: String,
    pub impressions: String,
    pub reach: String,
    pub views: String,
    pub likes: String,
    pub comments: String,
    pub shares: String,
    pub saves: String,
    pub clicks: String,
    pub campaign: String,
    pub url: String,
    pub notes: String,
}
