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

/// What the Posts screen asks for: the filters as typed (as the Insights screen's), the
/// column it sorts by (`date`, `brand`, `platform`, `format`, `fee`, `impressions`,
/// `cpm`), the direction, and which rows.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PostsPageQuery {
    pub from: String,
    pub to: String,
    pub platform: String,
    pub format: String,
    pub brand: String,
    pub sort: String,
    pub descending: bool,
    #[ts(type = "number")]
    pub offset: u64,
    #[ts(type = "number")]
    pub limit: u64,
}

impl Default for PostsPageQuery {
    fn default() -> Self {
        PostsPageQuery {
            from: String::new(),
            to: String::new(),
            platform: String::new(),
            format: String::new(),
            brand: String::new(),
            sort: "date".into(),
            descending: true,
            offset: 0,
            limit: 50,
        }
    }
}

/// What the Trash view asks for: which of the deleted posts (most recently deleted
/// first), 50 unless told.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct TrashPageQuery {
    #[ts(type = "number")]
    pub offset: u64,
    #[ts(type = "number")]
    pub limit: u64,
}

impl Default for TrashPageQuery {
    fn default() -> Self {
        TrashPageQuery { offset: 0, limit: 50 }
    }
}

/// One page of posts: its rows in order, their places (1-based; both 0 on an empty
/// page) and how many posts the filters admit in all.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PostsPageView {
    pub posts: Vec<PostView>,
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub offset: u64,
    #[ts(type = "number")]
    pub limit: u64,
    #[ts(type = "number")]
    pub first: u64,
    #[ts(type = "number")]
    pub last: u64,
}

impl PostsPageView {
    pub fn of(page: &mille::store::PostPage, offset: u64, limit: u64) -> AppResult<PostsPageView> {
        let n = page.posts.len() as u64;
        Ok(PostsPageView {
            posts: PostView::all(&page.posts)?,
            total: page.total as u64,
            offset,
            limit,
            first: if n == 0 { 0 } else { offset + 1 },
            last: if n == 0 { 0 } else { offset + n },
        })
    }
}
