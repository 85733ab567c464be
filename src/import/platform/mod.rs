//! Platform analytics exports (real-files.md §2): YouTube Studio's `Table data.csv`,
//! Meta Business Suite's content export (Instagram and Facebook) and TikTok Studio's
//! `Content.csv`. These files are not posts to add: they carry the numbers (views,
//! likes, …) of posts the creator has already logged, which usually arrive days after
//! a post goes live. This module recognises such a file by its header row, reads its
//! rows, and plans which logged posts get which numbers; storing the plan is the
//! store's job (`Store::apply_export`). Pure: bytes and posts in, a plan out.
//!
//! Why by header row: the file names (`Table data.csv`, `Content.csv`) say nothing and
//! are often renamed, while each export's columns are fixed by the platform
//! (`docs/platform-exports.md` records the real header rows these rules follow).
//! Other analytics exports (LinkedIn, X, beehiiv, Substack, TikTok's Overview) are
//! recognised too, so that they are refused in one sentence instead of being read as
//! a tracker with "missing columns".
//!
//! Decisions where the spec is silent:
//! - Counts may be grouped with `,` `.` `'` or a space (`12,500`, `12.500`); a value
//!   with decimals, a suffix (`1.2K`), a sign or any other text is not a count, and,
//!   like an empty cell, changes nothing.
//! - Dates: `YYYY-MM-DD` (with or without a time), `Mar 4, 2025` / `March 4, 2025`,
//!   `4 Mar 2025`, and numeric `M/D/YYYY` (Meta's `Publish time` is month first; the
//!   others are read the same way). A date without a year (`March 4`) is only shown.
//! - A post matches every export row whose id is in its URL; two posts logged with
//!   the same video (two sponsors in one video) both get its numbers.
//! - Meta rows whose permalink is on instagram.com only match Instagram posts, on
//!
//! The files: this one holds what an export is (`Source`, `ExportRow`, recognising a
//! header row); `values` reads its counts and dates, `ids` the video and post ids in
//! URLs, `rows` its rows, `files` a file from disk or bytes, and `plan` which logged
//! posts get which numbers.

mod files;
mod ids;
mod plan;
mod rows;
#[cfg(test)]
mod tests;
mod values;

pub use files::{read_csv, read_path};
pub use ids::{meta_shortcode, tiktok_id, url_id, youtube_id};
pub use plan::{plan, ExportPlan, Unmatched, Update};
pub use rows::read_rows;
pub use values::{count, export_date};

use super::ImportError;
use crate::model::{Metrics, Platform};
use chrono::NaiveDate;

/// An analytics export Mille reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    YoutubeStudio,
    MetaBusinessSuite,
    TiktokStudio,
}

impl Source {
    /// Every source, in the order of the spec.
    pub const ALL: [Source; 3] = [Source::YoutubeStudio, Source::MetaBusinessSuite, Source::TiktokStudio];

    /// The slug of `--json` (`youtube_studio`).
    pub fn slug(self) -> &'static str {
        match self {
            Source::YoutubeStudio => "youtube_studio",
            Source::MetaBusinessSuite => "meta_business_suite",
            Source::TiktokStudio => "tiktok_studio",
        }
    }

    /// A name for people (`YouTube Studio`).
    pub fn name(self) -> &'static str {
        match self {
            Source::YoutubeStudio => "YouTube Studio",
            Source::MetaBusinessSuite => "Meta Business Suite",
            Source::TiktokStudio => "TikTok Studio",
        }
    }

    /// The platforms whose posts this export can update.
    pub fn platforms(self) -> &'static [Platform] {
        match self {
            Source::YoutubeStudio => &[Platform::Youtube],
            Source::MetaBusinessSuite => &[Platform::Instagram, Platform::Facebook],
            Source::TiktokStudio => &[Platform::Tiktok],
        }
    }

    /// The headers that together identify the export (lowercase).
    fn signature(self) -> &'static [&'static str] {
        match self {
            Source::YoutubeStudio => &["content", "video title", "video publish time"],
            Source::MetaBusinessSuite => &["post id", "permalink", "publish time"],
            Source::TiktokStudio => &["video link", "post time", "total views"],
        }
    }
}

impl serde::Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
}

/// A header as compared: without a BOM, trimmed, lowercase.
fn norm(h: &str) -> String {
    h.trim().trim_start_matches('\u{feff}').trim().trim_matches('"').trim().to_lowercase()
}

fn normalised(headers: &[&str]) -> Vec<String> {
    headers.iter().map(|h| norm(h)).collect()
}

/// The export a header row belongs to, if it is one Mille reads.
///
/// ```
/// use mille::import::platform::{detect, Source};
/// let yt = ["Content", "Video title", "Video publish time", "Duration", "Views"];
/// assert_eq!(detect(&yt), Some(Source::YoutubeStudio));
/// assert_eq!(detect(&["Date", "Brand", "Fee"]), None);
/// ```
pub fn detect(headers: &[&str]) -> Option<Source> {
    let h = normalised(headers);
    Source::ALL.into_iter().find(|s| s.signature().iter().all(|want| h.iter().any(|have| have == want)))
}

/// An analytics export Mille does not read (it has no per-post numbers Mille can
/// match, or belongs to a platform without an export reader).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherExport {
    Linkedin,
    X,
    Beehiiv,
    Substack,
    TiktokOverview,
}

impl OtherExport {
    /// What the file looks like, for the refusal.
    fn looks_like(self) -> &'static str {
        match self {
            OtherExport::Linkedin => "a LinkedIn analytics export",
            OtherExport::X => "an X (Twitter) analytics export",
            OtherExport::Beehiiv => "a beehiiv newsletter report",
            OtherExport::Substack => "a Substack data export",
            OtherExport::TiktokOverview => "TikTok Studio's Overview export (daily totals, not posts)",
        }
    }

    /// The one sentence a refused file gets.
    pub fn refusal(self) -> String {
        format!(
            "this file looks like {}; Mille fills in the numbers of logged posts only from YouTube Studio's \
             Table data.csv (Advanced mode), Meta Business Suite's content export (Instagram and Facebook) and \
             TikTok Studio's Content.csv, and imports posts from a tracker with date, brand, platform, format and fee columns",
            self.looks_like()
        )
    }
}

/// Recognises the other analytics exports by their header row.
pub fn detect_other(headers: &[&str]) -> Option<OtherExport> {
    let h = normalised(headers);
    let has = |name: &str| h.iter().any(|x| x == name);
    if (has("tweet id") && has("tweet permalink"))
        || (has("post id") && has("post text") && has("post link"))
        || (has("impressions") && has("engagements") && has("new follows"))
    {
        return Some(OtherExport::X);
    }
    if (has("post url") && has("post publish date"))
        || has("impressions (organic)")
        || has("impressions (total)")
        || (has("post title") && has("post link") && has("posted by"))
    {
        return Some(OtherExport::Linkedin);
    }
    if (has("post_id") && has("post_date") && has("email_sent_at")) || (has("email") && has("active_subscription")) {
        return Some(OtherExport::Substack);
    }
    if (has("recipients") || has("delivered")) && (has("unique opens") || has("open rate")) {
        return Some(OtherExport::Beehiiv);
    }
    if has("date") && has("video views") && has("profile views") {
        return Some(OtherExport::TiktokOverview);
    }
    None
}

/// One row of an export, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    /// The line in the file where the row starts (1 = the header).
    pub line: usize,
    pub title: String,
    /// The publish date; `None` when missing, unreadable or without a year.
    pub date: Option<NaiveDate>,
    /// The publish date as written, for showing.
    pub date_text: String,
    /// What a post's URL is matched on: the video ID (YouTube, TikTok), the
    /// permalink's shortcode or else the post ID (Meta); empty when the row has none.
    pub key: String,
    /// Meta's `Post ID` besides the shortcode (a Facebook URL carries the ID).
    pub post_id: Option<String>,
    /// The post's link as the export gives it (Meta's permalink, TikTok's video link).
    pub link: Option<String>,
    /// The numbers this row sets; `None` changes nothing.
    pub metrics: Metrics,
}

impl ExportRow {
    /// The URL a post matched by date gets.
    fn url(&self, source: Source) -> Option<String> {
        match source {
            Source::YoutubeStudio => {
                (!self.key.is_empty()).then(|| format!("https://www.youtube.com/watch?v={}", self.key))
            }
            _ => self.link.clone(),
        }
    }

    /// For a Meta row: the one platform its permalink belongs to.
    fn platform(&self) -> Option<Platform> {
        let link = self.link.as_deref()?.to_ascii_lowercase();
        if link.contains("instagram.com") {
            Some(Platform::Instagram)
        } else if link.contains("facebook.com") || link.contains("fb.watch") {
            Some(Platform::Facebook)
        } else {
            None
        }
    }
}

/// Why an export could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Another analytics export: the one sentence that refuses it.
    #[error("{}", .0.refusal())]
    Other(OtherExport),
    #[error(transparent)]
    Import(#[from] ImportError),
}
