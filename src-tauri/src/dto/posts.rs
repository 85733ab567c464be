//! Posts: as stored and as typed in the Log / Edit form.

use mille::model::{Post, PostRecord};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A stored post as `mille posts list --json` prints it (the core's [`PostRecord`]),
/// and the names of its platform and format.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PostView {
    #[serde(flatten)]
    pub record: PostRecord,
    /// `Instagram`, `Reel`.
    pub platform_name: String,
    pub format_name: String,
}

impl PostView {
    pub fn of(p: Post) -> PostView {
        let platform_name = p.platform.display_name().to_string();
        let format_name = p.format.display_name();
        PostView { record: p.into_record(), platform_name, format_name }
    }

    pub fn all(posts: Vec<Post>) -> Vec<PostView> {
        posts.into_iter().map(PostView::of).collect()
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
#[derive(Debug, Clone, Serialize, TS)]
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

/// The 1-based places of a page's first and last rows, at `offset` with `rows` rows:
/// both 0 on an empty page.
pub(crate) fn places(offset: u64, rows: u64) -> (u64, u64) {
    if rows == 0 {
        (0, 0)
    } else {
        (offset + 1, offset + rows)
    }
}

impl PostsPageView {
    pub fn of(page: mille::store::PostPage, offset: u64, limit: u64) -> PostsPageView {
        let (first, last) = places(offset, page.posts.len() as u64);
        PostsPageView { posts: PostView::all(page.posts), total: page.total as u64, offset, limit, first, last }
    }
}

impl std::ops::Deref for PostView {
    type Target = PostRecord;
    fn deref(&self) -> &PostRecord {
        &self.record
    }
}
