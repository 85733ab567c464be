//! Import: the preview of a chosen file with the user's choices, and what was done.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// A row of the import preview: its line in the file and the post it gives (platform
/// and format by their names, `Instagram`, `Reel`).
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
    /// Deals the file's status column would make.
    #[ts(type = "number")]
    pub deals: u64,
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
    /// Deals made (a tracker's status column; the sample's deals).
    #[ts(type = "number")]
    pub deals: u64,
    /// Rows with errors written to `rejected_path`.
    #[ts(type = "number")]
    pub rejected: u64,
    pub rejected_path: Option<String>,
    /// Posts a platform export updated.
    #[ts(type = "number")]
    pub updated: u64,
}
