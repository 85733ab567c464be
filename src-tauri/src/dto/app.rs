//! What the whole window needs: the app's facts and what the forms suggest.

use mille::model::{Format, Platform, Profile};
use mille::money;
use mille::summary::Summary;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// A platform or format: its slug (what the core stores) and its name (what people read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NameView {
    pub slug: String,
    pub name: String,
}

/// The names people read for the platforms and formats of one result, by slug
/// (`instagram` → `Instagram`, `reel` → `Reel`): a proposal's lines, a deal's
/// deliverables. The result itself is the core's, as the CLI prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Labels {
    pub platforms: BTreeMap<String, String>,
    pub formats: BTreeMap<String, String>,
}

impl Labels {
    /// Adds the names of `platform` and `format`.
    pub fn add(&mut self, platform: Platform, format: &Format) {
        self.platforms.insert(platform.as_str().to_string(), platform.display_name().to_string());
        self.formats.insert(format.as_str().to_string(), format.display_name());
    }
}

/// What the UI needs at start and after data changes: where the data is, the base
/// currency and its symbol, the accent, and what the Log form suggests.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub base_currency: String,
    pub symbol: String,
    pub accent: String,
    #[ts(type = "number")]
    pub post_count: u64,
    pub platforms: Vec<NameView>,
    /// Formats seen in the history (most used first), then the known ones.
    pub formats: Vec<NameView>,
    /// Brands seen, most recent first (autocomplete), at most [`AppInfo::BRANDS`].
    pub brands: Vec<String>,
    /// The last logged post's platform (a slug, the menu's value) and format (its
    /// name, as the format field shows it).
    pub last_platform: String,
    pub last_format: String,
    pub today: String,
    /// Whether the rate card engine is in this build.
    pub ratecard: bool,
}

impl AppInfo {
    /// How many brands the autocomplete offers.
    pub const BRANDS: usize = 500;

    pub fn of(summary: &Summary, profile: Profile, db_path: &Path, today: chrono::NaiveDate) -> AppInfo {
        let (platform, format) = summary.last();
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            db_path: db_path.display().to_string(),
            symbol: money::symbol(&profile.base_currency).unwrap_or("").to_string(),
            base_currency: profile.base_currency,
            accent: profile.accent,
            post_count: summary.posts,
            platforms: Platform::ALL
                .iter()
                .map(|p| NameView { slug: p.as_str().to_string(), name: p.display_name().to_string() })
                .collect(),
            formats: summary
                .formats()
                .iter()
                .map(|f| NameView { slug: f.to_string(), name: f.display_name() })
                .collect(),
            brands: summary.brands().into_iter().take(Self::BRANDS).collect(),
            last_platform: platform.as_str().to_string(),
            last_format: format.display_name(),
            today: today.to_string(),
            ratecard: RATECARD_AVAILABLE,
        }
    }
}

/// Whether this build has the rate card engine.
pub const RATECARD_AVAILABLE: bool = true;

/// A file a command wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Saved {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}
