//! The plain data Mille is about: a sponsored post, its platform and format, and the
//! creator's profile (`profile`). Every other module (store, import, metrics, pricing, ratecard)
//! speaks in these types; none of them holds logic beyond naming and validation of
//! single values.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

mod profile;
pub use profile::{Business, Handle, Profile, DEFAULT_ACCENT};

/// A platform a post can live on. Closed list: an unknown platform is an error (a typo
/// must not create a new segment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Instagram,
    Tiktok,
    Youtube,
    X,
    Linkedin,
    Twitch,
    Facebook,
    Snapchat,
    Pinterest,
    Podcast,
    Newsletter,
    Blog,
    Other,
}

impl Platform {
    /// Every platform, in the order the spec lists them.
    pub const ALL: [Platform; 13] = [
        Platform::Instagram,
        Platform::Tiktok,
        Platform::Youtube,
        Platform::X,
        Platform::Linkedin,
        Platform::Twitch,
        Platform::Facebook,
        Platform::Snapchat,
        Platform::Pinterest,
        Platform::Podcast,
        Platform::Newsletter,
        Platform::Blog,
        Platform::Other,
    ];

    /// The slug stored and written to CSV (`instagram`).
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Instagram => "instagram",
            Platform::Tiktok => "tiktok",
            Platform::Youtube => "youtube",
            Platform::X => "x",
            Platform::Linkedin => "linkedin",
            Platform::Twitch => "twitch",
            Platform::Facebook => "facebook",
            Platform::Snapchat => "snapchat",
            Platform::Pinterest => "pinterest",
            Platform::Podcast => "podcast",
            Platform::Newsletter => "newsletter",
            Platform::Blog => "blog",
            Platform::Other => "other",
        }
    }

    /// A name for people (`Instagram`, `TikTok`, `YouTube`).
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Instagram => "Instagram",
            Platform::Tiktok => "TikTok",
            Platform::Youtube => "YouTube",
            Platform::X => "X",
            Platform::Linkedin => "LinkedIn",
            Platform::Twitch => "Twitch",
            Platform::Facebook => "Facebook",
            Platform::Snapchat => "Snapchat",
            Platform::Pinterest => "Pinterest",
            Platform::Podcast => "Podcast",
            Platform::Newsletter => "Newsletter",
            Platform::Blog => "Blog",
            Platform::Other => "Other",
        }
    }

    /// Reads a platform name: the slug or a common alias (`IG`, `Insta`, `YT`,
    /// `Twitter`, `TT`), case-insensitive, surrounding space ignored.
    pub fn parse(text: &str) -> Option<Platform> {
        let t = text.trim().to_lowercase();
        let key: String = t.chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '.')).collect();
        let p = match key.as_str() {
            "instagram" | "ig" | "insta" => Platform::Instagram,
            "tiktok" | "tt" => Platform::Tiktok,
            "youtube" | "yt" => Platform::Youtube,
            "x" | "twitter" | "xtwitter" | "twitterx" => Platform::X,
            "linkedin" | "li" => Platform::Linkedin,
            "twitch" => Platform::Twitch,
            "facebook" | "fb" => Platform::Facebook,
            "snapchat" | "snap" => Platform::Snapchat,
            "pinterest" => Platform::Pinterest,
            "podcast" => Platform::Podcast,
            "newsletter" => Platform::Newsletter,
            "blog" => Platform::Blog,
            "other" => Platform::Other,
            _ => return None,
        };
        Some(p)
    }

    /// The platform whose slug is exactly `slug` (what the store writes); no aliases.
    pub fn from_slug(slug: &str) -> Option<Platform> {
        Platform::ALL.iter().copied().find(|p| p.as_str() == slug)
    }

    /// The known slugs joined for an error message.
    pub fn known_list() -> String {
        Platform::ALL.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A content format slug (`reel`, `story`, ...). Open list: an unknown format becomes a
/// new slug (lowercase, spaces to `-`), common aliases map to the known slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "string"))]
pub struct Format(String);

impl Format {
    /// Reads a format name. Returns `None` for an empty value.
    ///
    /// ```
    /// use mille::model::Format;
    /// assert_eq!(Format::parse("Reels").unwrap().as_str(), "reel");
    /// assert_eq!(Format::parse("IG Story").unwrap().as_str(), "story");
    /// assert_eq!(Format::parse("Unboxing  Video").unwrap().as_str(), "unboxing-video");
    /// ```
    pub fn parse(text: &str) -> Option<Format> {
        let lower = text.trim().to_lowercase();
        if lower.is_empty() {
            return None;
        }
        let slug: String = lower.split_whitespace().collect::<Vec<_>>().join("-");
        let known = match slug.as_str() {
            "reel" | "reels" | "ig-reel" | "ig-reels" | "instagram-reel" => "reel",
            "story" | "stories" | "ig-story" | "ig-stories" | "instagram-story" => "story",
            "post" | "posts" | "feed-post" | "static-post" | "ig-post" => "post",
            "carousel" | "carousels" => "carousel",
            "video" | "videos" | "tiktok-video" => "video",
            "short" | "shorts" | "yt-short" | "yt-shorts" | "youtube-short" => "short",
            "live" | "lives" | "livestream" | "live-stream" => "live",
            "integration" | "integrations" | "yt-integration" => "integration",
            "dedicated" | "dedicated-video" => "dedicated",
            "midroll" | "mid-roll" | "midrolls" | "mid-rolls" => "midroll",
            "sponsorship" | "sponsorships" => "sponsorship",
            other => other,
        };
        Some(Format(known.to_string()))
    }

    /// The known formats' slugs.
    pub const KNOWN: [&'static str; 11] = [
        "reel",
        "story",
        "post",
        "carousel",
        "video",
        "short",
        "live",
        "integration",
        "dedicated",
        "midroll",
        "sponsorship",
    ];

    /// A known format from its exact slug (what the store writes), without the alias
    /// matching of [`Format::parse`]; `None` for anything else.
    pub fn from_slug(slug: &str) -> Option<Format> {
        Format::KNOWN.contains(&slug).then(|| Format(slug.to_string()))
    }

    /// The stored slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A name for people, as every screen shows it (`Reel`, `Mid-roll`, `Unboxing
    /// video`): the slug with spaces for dashes and a capital first letter, or the usual
    /// spelling of a known format. [`Format::parse`] reads it back to the same format.
    ///
    /// ```
    /// use mille::model::Format;
    /// assert_eq!(Format::parse("reel").unwrap().display_name(), "Reel");
    /// assert_eq!(Format::parse("midroll").unwrap().display_name(), "Mid-roll");
    /// assert_eq!(Format::parse("Unboxing video").unwrap().display_name(), "Unboxing video");
    /// ```
    pub fn display_name(&self) -> String {
        let words = match self.0.as_str() {
            "dedicated" => "dedicated video".to_string(),
            "midroll" => "mid-roll".to_string(),
            // Two dashes in a row would read back as one: keep such a slug as it is.
            slug if slug.contains("--") => slug.to_string(),
            slug => slug.replace('-', " "),
        };
        let mut chars = words.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => words,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The optional whole-number metrics of a post, as reported by the platform.
/// `None` means "not known", which is different from 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Metrics {
    pub impressions: Option<u64>,
    pub reach: Option<u64>,
    pub views: Option<u64>,
    pub likes: Option<u64>,
    pub comments: Option<u64>,
    pub shares: Option<u64>,
    pub saves: Option<u64>,
    pub clicks: Option<u64>,
}

impl Metrics {
    /// Likes + comments + shares + saves (metrics.md): a missing part counts 0 when at
    /// least one part is known; `None` when none is.
    pub fn engagements(&self) -> Option<u128> {
        let parts = [self.likes, self.comments, self.shares, self.saves];
        parts.iter().any(Option::is_some).then(|| parts.iter().map(|v| u128::from(v.unwrap_or(0))).sum())
    }

    /// The metric columns in CSV order, with their names.
    pub const NAMES: [&'static str; 8] =
        ["impressions", "reach", "views", "likes", "comments", "shares", "saves", "clicks"];

    /// The values in the order of [`Metrics::NAMES`].
    pub fn values(&self) -> [Option<u64>; 8] {
        [self.impressions, self.reach, self.views, self.likes, self.comments, self.shares, self.saves, self.clicks]
    }

    /// A mutable slot by column name (`"likes"`), `None` for an unknown name.
    pub fn slot_mut(&mut self, name: &str) -> Option<&mut Option<u64>> {
        Some(match name {
            "impressions" => &mut self.impressions,
            "reach" => &mut self.reach,
            "views" => &mut self.views,
            "likes" => &mut self.likes,
            "comments" => &mut self.comments,
            "shares" => &mut self.shares,
            "saves" => &mut self.saves,
            "clicks" => &mut self.clicks,
            _ => return None,
        })
    }
}

/// One sponsored post as the creator records it: every column of the campaign CSV
/// (csv-format.md), already validated. `currency` is always resolved (never empty);
/// `fx_rate` is `None` on base-currency rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostData {
    pub date: NaiveDate,
    pub brand: String,
    pub platform: Platform,
    pub format: Format,
    /// What the brand paid, in `currency`, exactly as entered (scale kept: `1250.00`).
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub fee: Decimal,
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub fx_rate: Option<Decimal>,
    #[serde(flatten)]
    pub metrics: Metrics,
    pub campaign: String,
    pub url: String,
    pub notes: String,
}

impl PostData {
    /// The fee in the profile's base currency ([`Fact::fee_base`]).
    pub fn fee_base(&self) -> Decimal {
        Fact::of(0, self).fee_base()
    }

    /// True for a *measured paid* post (metrics.md): impressions known and > 0, fee > 0.
    pub fn is_measured(&self) -> bool {
        Fact::of(0, self).is_measured()
    }

    /// Per-post CPM in base currency ([`Fact::cpm`]).
    pub fn cpm(&self) -> Option<Decimal> {
        Fact::of(0, self).cpm()
    }
}

/// What a report reads of one post, borrowed. The store hands these over straight from
/// its rows when a report covers many posts (no `Post` is built and no text is copied);
/// [`Fact::of`] borrows one from a post in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fact<'a> {
    pub id: i64,
    pub date: NaiveDate,
    pub platform: Platform,
    /// The format's slug, as [`Format::as_str`] gives it.
    pub format: &'a str,
    pub brand: &'a str,
    /// The fee in the post's own currency; `fx_rate` turns it into base currency.
    pub fee: Decimal,
    pub fx_rate: Option<Decimal>,
    pub metrics: Metrics,
}

impl<'a> Fact<'a> {
    /// The facts of post `id` with data `p`.
    pub fn of(id: i64, p: &'a PostData) -> Fact<'a> {
        Fact {
            id,
            date: p.date,
            platform: p.platform,
            format: p.format.as_str(),
            brand: &p.brand,
            fee: p.fee,
            fx_rate: p.fx_rate,
            metrics: p.metrics,
        }
    }

    /// The fee in the profile's base currency: `fee × fx_rate` at full precision. The
    /// input's bounds keep it within 10^18; a product past what a `Decimal` holds (a
    /// database written before the bounds) saturates rather than stop every report.
    pub fn fee_base(&self) -> Decimal {
        match self.fx_rate {
            Some(rate) => self.fee.checked_mul(rate).unwrap_or(Decimal::MAX),
            None => self.fee,
        }
    }

    /// True for a *measured paid* post (metrics.md): impressions known and > 0, fee > 0.
    pub fn is_measured(&self) -> bool {
        self.fee > Decimal::ZERO && self.metrics.impressions.is_some_and(|i| i > 0)
    }

    /// Per-post CPM in base currency (fee / impressions × 1000), unrounded; `None` when
    /// the post is not measured (or past what a `Decimal` holds).
    pub fn cpm(&self) -> Option<Decimal> {
        if !self.is_measured() {
            return None;
        }
        let imps = Decimal::from(self.metrics.impressions?);
        self.fee_base().checked_mul(Decimal::ONE_THOUSAND)?.checked_div(imps)
    }
}

/// A stored post: its id and its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: i64,
    pub data: PostData,
}

impl std::ops::Deref for Post {
    type Target = PostData;
    fn deref(&self) -> &PostData {
        &self.data
    }
}

/// A post as the CLI's `--json` and the app show it: every column of the campaign CSV
/// plus `id`, `fee_base` (the fee in base currency, 2 decimals) and `cpm` (2 decimals,
/// null when the post is not measured).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PostRecord {
    pub id: i64,
    #[serde(flatten)]
    pub data: PostData,
    pub fee_base: String,
    pub cpm: Option<String>,
}

impl std::ops::Deref for PostRecord {
    type Target = PostData;
    fn deref(&self) -> &PostData {
        &self.data
    }
}

impl Post {
    /// The post's JSON view.
    pub fn record(&self) -> PostRecord {
        self.clone().into_record()
    }

    /// The post's JSON view, taking the post.
    pub fn into_record(self) -> PostRecord {
        let fee_base = crate::money::fixed(self.fee_base(), 2);
        let cpm = self.cpm().map(|c| crate::money::fixed(c, 2));
        PostRecord { id: self.id, data: self.data, fee_base, cpm }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_aliases() {
        for (text, want) in [
            ("IG", Platform::Instagram),
            ("Insta", Platform::Instagram),
            ("instagram", Platform::Instagram),
            ("YT", Platform::Youtube),
            ("Twitter", Platform::X),
            ("TT", Platform::Tiktok),
            (" TikTok ", Platform::Tiktok),
        ] {
            assert_eq!(Platform::parse(text), Some(want), "{text}");
        }
        assert_eq!(Platform::parse("instagarm"), None);
    }

    #[test]
    fn format_aliases_and_new_slugs() {
        for (text, want) in [
            ("Reels", "reel"),
            ("Stories", "story"),
            ("IG Story", "story"),
            ("Video", "video"),
            ("Unboxing Video", "unboxing-video"),
        ] {
            assert_eq!(Format::parse(text).unwrap().as_str(), want, "{text}");
        }
        assert_eq!(Format::parse("   "), None);
    }

    #[test]
    fn every_name_reads_back_to_its_platform_and_format() {
        for p in Platform::ALL {
            assert_eq!(Platform::parse(p.display_name()), Some(p), "{p}");
        }
        for slug in Format::KNOWN.iter().copied().chain(["unboxing-video", "ig-live/story", "a--b", "ugc"]) {
            let f = Format::parse(slug).unwrap();
            let name = f.display_name();
            assert!(name.starts_with(|c: char| !c.is_lowercase()), "{name}");
            assert_eq!(Format::parse(&name), Some(f), "{slug} named {name}");
        }
        assert_eq!(Format::parse("dedicated").unwrap().display_name(), "Dedicated video");
    }
}
