//! What crosses IPC, as plain serializable types with TypeScript twins (ts-rs writes
//! them to `ui/src/bindings/` when `cargo test -p mille-app` runs). Money, CPMs and
//! rates are strings exactly as the core prints them in its JSON (never floats); the
//! UI only adds the currency symbol and thousands separators. Core results that
//! already have a JSON shape (posts, reports, proposals) are read from that JSON into
//! these types, so the app shows exactly what `mille ... --json` prints.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A stored post as `mille posts list --json` prints it.
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

/// The figures of metrics.md for a set of posts, as in `mille report --json`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatsView {
    #[ts(type = "number")]
    pub posts: u64,
    #[ts(type = "number")]
    pub measured_posts: u64,
    pub fee: String,
    #[ts(type = "number")]
    pub impressions: u64,
    pub cpm: Option<String>,
    pub cpm_median: Option<String>,
    pub cpm_p25: Option<String>,
    pub cpm_p75: Option<String>,
    pub cpm_min: Option<String>,
    pub cpm_max: Option<String>,
    pub ctr: Option<String>,
    pub engagement_rate: Option<String>,
    pub cpe: Option<String>,
    pub cpc: Option<String>,
    pub cpv: Option<String>,
    pub thin: bool,
}

/// One group of a report: its key (dimension → value) and figures, and its posts' ids.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GroupView {
    pub key: BTreeMap<String, String>,
    pub stats: StatsView,
    #[ts(type = "Array<number>")]
    pub post_ids: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExclusionView {
    #[ts(type = "number")]
    pub id: i64,
    pub reason: String,
}

/// A report (metrics.md) as the Insights screen shows it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReportView {
    pub base_currency: String,
    pub by: Vec<String>,
    pub groups: Vec<GroupView>,
    pub total: StatsView,
    pub excluded: Vec<ExclusionView>,
}

/// What the Insights screen asks for: dimensions and filters, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ReportQuery {
    pub by: Vec<String>,
    pub from: String,
    pub to: String,
    pub platform: String,
    pub format: String,
    pub brand: String,
}

/// One quarter's season factor.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SeasonView {
    pub season: String,
    pub factor: String,
    #[ts(type = "number")]
    pub posts: u64,
}

/// Everything the Overview screen shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OverviewView {
    pub base_currency: String,
    #[ts(type = "number")]
    pub total_posts: u64,
    /// First and last day of the headline window (the last 12 months, today included).
    pub from: String,
    pub to: String,
    /// Achieved CPM and friends over the last 12 months.
    pub headline: StatsView,
    /// By platform and format, last 12 months.
    pub segments: Vec<GroupView>,
    pub seasons: Vec<SeasonView>,
    /// By quarter (`2025-Q4`), all time, oldest first: CPM trend and earnings.
    pub quarters: Vec<GroupView>,
    /// Posts with a fee but no impressions yet, newest first.
    pub needs_impressions: Vec<PostView>,
}

/// One problem in an import file.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowErrorView {
    #[ts(type = "number")]
    pub line: u64,
    pub column: String,
    pub message: String,
    pub value: String,
}

/// A row of the import preview: its line in the file and the post it gives.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PreviewRow {
    #[ts(type = "number")]
    pub line: u64,
    pub date: String,
    pub brand: String,
    pub platform: String,
    pub format: String,
    pub fee: String,
    pub currency: String,
    #[ts(type = "number | null")]
    pub impressions: Option<u64>,
}

/// What the user chose on the import screen: the column menus and the answer to the
/// date question.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ImportChoices {
    /// (header as written, Mille column or "" to ignore it). `null` on a file's first
    /// preview: the mapping remembered for its header set is used, if any.
    pub maps: Option<Vec<(String, String)>>,
    /// `dmy`, `mdy`, or null while the question is not answered.
    pub date_order: Option<String>,
}

/// One column of the file and how it is read.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ColumnView {
    pub header: String,
    /// The Mille column, or null when ignored.
    pub column: Option<String>,
    /// Why it is ignored, in a few words.
    pub note: Option<String>,
}

/// A date column whose every value reads both ways: the question to ask once.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DateQuestion {
    pub column: String,
    /// A value as written (`3/4/2025`).
    pub value: String,
    /// It read day first (`3 April 2025`) and month first (`March 4, 2025`).
    pub day_first: String,
    pub month_first: String,
}

/// A foreign fee converted at the ECB reference rate.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ConversionView {
    #[ts(type = "number")]
    pub line: u64,
    pub currency: String,
    /// Base units for 1 unit of `currency`.
    pub rate: String,
    /// The ECB day whose rate was used.
    pub date: String,
}

/// One number a platform export changes: old (null when unknown) → new.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportChange {
    pub field: String,
    #[ts(type = "number | null")]
    pub old: Option<u64>,
    #[ts(type = "number")]
    pub new: u64,
}

/// A logged post a platform export updates.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportPostView {
    #[ts(type = "number")]
    pub post_id: i64,
    pub date: String,
    pub brand: String,
    pub changes: Vec<ExportChange>,
    /// The URL filled in when the post was matched by its date.
    pub url: Option<String>,
}

/// An export row that matches no logged post (never added as a post).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnmatchedView {
    #[ts(type = "number")]
    pub line: u64,
    pub title: String,
    pub date: String,
}

/// What a platform export (YouTube Studio, Meta Business Suite, TikTok Studio) would
/// change.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportPreview {
    /// `youtube_studio`, `meta_business_suite`, `tiktok_studio`.
    pub source: String,
    /// `YouTube Studio`.
    pub name: String,
    /// Every changed field, in order.
    pub fields: Vec<String>,
    pub updated: Vec<ExportPostView>,
    pub unmatched: Vec<UnmatchedView>,
}

/// A dry run of an import with the user's choices; nothing written.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub file_name: String,
    /// Every column of the file and how it is read (empty for a platform export).
    pub columns: Vec<ColumnView>,
    /// The choices in effect: what the user chose, or the remembered mapping.
    pub maps: Vec<(String, String)>,
    /// The menu's Mille columns, in order.
    pub column_names: Vec<String>,
    /// Set when the dates read both ways and the order is not chosen yet.
    pub date_question: Option<DateQuestion>,
    /// `dmy` / `mdy` when the file has numeric dates; null otherwise.
    pub date_order: Option<String>,
    /// True when nothing can be imported (a column problem, or no valid row).
    pub refused: bool,
    /// Every error, phrased for the app, each with its line; the first 200 listed.
    pub errors: Vec<RowErrorView>,
    #[ts(type = "number")]
    pub total_errors: u64,
    /// Rows with errors that would be kept out (and saved to a file).
    #[ts(type = "number")]
    pub rejected: u64,
    /// Valid rows read.
    #[ts(type = "number")]
    pub rows: u64,
    /// The first rows, as read.
    pub first_rows: Vec<PreviewRow>,
    pub warnings: Vec<String>,
    pub converted: Vec<ConversionView>,
    #[ts(type = "number")]
    pub would_add: u64,
    #[ts(type = "number")]
    pub duplicates: u64,
    /// Set for a platform export (then nothing above applies).
    pub export: Option<ExportPreview>,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct ImportDone {
    #[ts(type = "number")]
    pub added: u64,
    #[ts(type = "number")]
    pub duplicates: u64,
    /// Rows with errors written to `rejected_path`.
    #[ts(type = "number")]
    pub rejected: u64,
    pub rejected_path: Option<String>,
    /// Posts a platform export updated.
    #[ts(type = "number")]
    pub updated: u64,
}

/// One deliverable line of the Propose form, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DeliverableInput {
    pub platform: String,
    pub format: String,
    pub quantity: String,
    /// Optional own projection of impressions for this line.
    pub impressions: String,
}

/// The Propose form, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ProposeInput {
    pub deliverables: Vec<DeliverableInput>,
    pub date: String,
    pub brand: String,
    /// Empty, a number of days, or `perpetual`.
    pub usage_rights: String,
    pub exclusivity: String,
    pub whitelisting: String,
    pub rush: bool,
    pub offer: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PricePointsView {
    pub floor: String,
    pub target: String,
    pub anchor: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct LineView {
    pub platform: String,
    pub format: String,
    pub quantity: u32,
    #[ts(type = "number")]
    pub projected_impressions: u64,
    pub projection: String,
    pub confidence: String,
    pub evidence_posts: u32,
    pub evidence_from: Option<String>,
    pub evidence_to: Option<String>,
    pub cpm: PricePointsView,
    pub price: PricePointsView,
    pub working: String,
}

/// An add-on's term: days, or `"perpetual"`; null for rush.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum AddOnDaysView {
    Days(u32),
    Perpetual(String),
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AddOnView {
    pub name: String,
    pub days: Option<AddOnDaysView>,
    pub percent: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PerformanceView {
    pub base: Option<String>,
    #[ts(type = "number")]
    pub guaranteed_impressions: u64,
    pub bonus_cpm: Option<String>,
    pub cap: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct OfferView {
    pub amount: String,
    pub cpm: Option<String>,
    pub percentile: u32,
    pub verdict: String,
    pub counter: Option<String>,
}

/// A rate proposal exactly as `mille propose --json` prints it (pricing.md).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ProposalView {
    pub date: String,
    pub as_of: String,
    pub season: String,
    pub season_factor: String,
    pub season_posts: u32,
    pub audience_growth: String,
    pub cpm_growth: String,
    pub currency: String,
    pub lines: Vec<LineView>,
    pub addons: Vec<AddOnView>,
    pub bundle_discount_percent: String,
    pub total: PricePointsView,
    pub performance: PerformanceView,
    #[serde(default)]
    pub offer: Option<OfferView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HandleView {
    pub platform: String,
    pub handle: String,
    /// Audience as typed (empty: not known).
    pub audience: String,
}

/// The creator's profile.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProfileView {
    pub name: String,
    pub handles: Vec<HandleView>,
    pub base_currency: String,
    pub payment_terms: String,
    pub accent: String,
    pub logo: Option<String>,
}

/// One pricing setting with its default and where the default comes from.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SettingView {
    pub key: String,
    pub value: String,
    pub default: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupView {
    pub name: String,
    pub kind: String,
    pub created: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// A platform the core knows: its slug and display name.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlatformView {
    pub slug: String,
    pub name: String,
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
    pub platforms: Vec<PlatformView>,
    /// Formats seen in the history (most used first) plus the common ones.
    pub formats: Vec<String>,
    /// Brands seen, most recent first (autocomplete).
    pub brands: Vec<String>,
    pub last_platform: String,
    pub last_format: String,
    pub today: String,
    /// Whether the rate card engine is in this build.
    pub ratecard: bool,
}

/// A file a command wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Saved {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}
