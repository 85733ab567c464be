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
//!   facebook.com only Facebook posts, when matched by date.

use super::csv::decode;
use super::ImportError;
use crate::model::{Metrics, Platform, Post};
use chrono::NaiveDate;
use csv::{ByteRecord, ReaderBuilder};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

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

// ----- values ----------------------------------------------------------------------

/// A count as these exports write it: digits, optionally grouped in threes by one of
/// `,` `.` `'` or a space. Anything else (empty, negative, decimals, `1.2K`, text)
/// is `None`: it changes nothing. Values beyond what the database stores are `None`.
pub fn count(text: &str) -> Option<u64> {
    let t = text.trim();
    let mut sep: Option<char> = None;
    let mut groups: Vec<usize> = vec![0];
    let mut n: u64 = 0;
    for c in t.chars() {
        if c.is_ascii_digit() {
            n = n.checked_mul(10)?.checked_add(u64::from(c as u8 - b'0'))?;
            *groups.last_mut()? += 1;
        } else if matches!(c, ',' | '.' | '\'' | ' ' | '\u{a0}' | '\u{202f}') {
            let space = |s: char| matches!(s, ' ' | '\u{a0}' | '\u{202f}');
            match sep {
                None => sep = Some(c),
                Some(s) if s == c || (space(s) && space(c)) => {}
                Some(_) => return None,
            }
            groups.push(0);
        } else {
            return None;
        }
    }
    let first = *groups.first()?;
    if first == 0 || (groups.len() > 1 && (first > 3 || groups[1..].iter().any(|g| *g != 3))) {
        return None;
    }
    (n <= i64::MAX as u64).then_some(n)
}

/// A publish date as the exports write it (see the module doc). `None` for anything
/// else, and for a date without a year.
pub fn export_date(text: &str) -> Option<NaiveDate> {
    // The tracker's date reader (every form, seven languages) under the exports'
    // known order: slashed dates month first, as Meta writes them; dotted ones day first.
    use super::dates::{DateOrder, Shape};
    let shape = super::dates::scan(text).ok()?;
    let order = match shape {
        Shape::Numeric { sep: b'.', .. } => DateOrder::Dmy,
        _ => DateOrder::Mdy,
    };
    shape.date(order).ok()
}

// ----- ids in URLs ----------------------------------------------------------------

fn id_chars(s: &str) -> Option<String> {
    let id: String = s.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect();
    (!id.is_empty()).then_some(id)
}

/// The path segments and the query of a URL (scheme and host dropped).
fn path_and_query(url: &str) -> (Vec<&str>, &str) {
    let t = url.trim();
    let t = t.split_once("://").map_or(t, |(_, rest)| rest);
    let (path, query) = match t.split_once('?') {
        Some((p, q)) => (p, q),
        None => (t, ""),
    };
    let path = path.split('#').next().unwrap_or("");
    let query = query.split('#').next().unwrap_or("");
    (path.split('/').filter(|s| !s.is_empty()).collect(), query)
}

/// The video ID in a YouTube URL: `watch?v=ID`, `youtu.be/ID`, `/shorts/ID`,
/// `/live/ID`.
///
/// ```
/// use mille::import::platform::youtube_id;
/// assert_eq!(youtube_id("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s").as_deref(), Some("dQw4w9WgXcQ"));
/// assert_eq!(youtube_id("https://youtu.be/dQw4w9WgXcQ?si=x").as_deref(), Some("dQw4w9WgXcQ"));
/// assert_eq!(youtube_id("https://youtube.com/shorts/abcDEF12345").as_deref(), Some("abcDEF12345"));
/// ```
pub fn youtube_id(url: &str) -> Option<String> {
    let (segments, query) = path_and_query(url);
    let host = segments.first()?.to_ascii_lowercase();
    if host == "youtu.be" || host.ends_with(".youtu.be") {
        return segments.get(1).and_then(|s| id_chars(s));
    }
    if !(host == "youtube.com" || host.ends_with(".youtube.com")) {
        return None;
    }
    for pair in query.split('&') {
        if let Some(v) = pair.strip_prefix("v=") {
            return id_chars(v);
        }
    }
    let i = segments.iter().position(|s| matches!(*s, "shorts" | "live"))?;
    segments.get(i + 1).and_then(|s| id_chars(s))
}

/// The shortcode in an Instagram (or Facebook reel) permalink: `/p/CODE`,
/// `/reel/CODE`, `/reels/CODE`, `/tv/CODE`.
pub fn meta_shortcode(url: &str) -> Option<String> {
    let (segments, _) = path_and_query(url);
    let i = segments.iter().skip(1).position(|s| matches!(*s, "p" | "reel" | "reels" | "tv"))? + 1;
    segments.get(i + 1).and_then(|s| id_chars(s))
}

/// The numeric ids in a URL (a Facebook post's ID sits in its path or its query).
fn numeric_ids(url: &str) -> Vec<&str> {
    url.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| t.len() >= 5 && t.bytes().all(|b| b.is_ascii_digit()))
        .collect()
}

/// The video ID in a TikTok link: `/video/ID`.
pub fn tiktok_id(url: &str) -> Option<String> {
    let (segments, _) = path_and_query(url);
    let i = segments.iter().position(|s| *s == "video")?;
    segments.get(i + 1).and_then(|s| id_chars(s)).filter(|id| id.bytes().all(|b| b.is_ascii_digit()))
}

/// The id a post's URL carries for this source (the one [`ExportRow::key`] is).
pub fn url_id(source: Source, url: &str) -> Option<String> {
    match source {
        Source::YoutubeStudio => youtube_id(url),
        Source::MetaBusinessSuite => meta_shortcode(url),
        Source::TiktokStudio => tiktok_id(url),
    }
}

// ----- rows ----------------------------------------------------------------------

/// Reads the rows of an export: `headers` as written, `records` as (line, fields).
/// Blank rows and totals rows (`Total`) are skipped; no value is an error.
pub fn read_rows(source: Source, headers: &[&str], records: &[(usize, Vec<String>)]) -> Vec<ExportRow> {
    let h = normalised(headers);
    let col = |names: &[&str]| names.iter().find_map(|n| h.iter().position(|x| x == n));
    let num = |names: &[&str], rec: &[String]| col(names).and_then(|i| rec.get(i)).and_then(|v| count(v));
    let text = |names: &[&str], rec: &[String]| {
        col(names).and_then(|i| rec.get(i)).map(|v| v.trim().to_string()).unwrap_or_default()
    };
    let mut rows = Vec::new();
    for (line, rec) in records {
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let first = rec.iter().find(|f| !f.trim().is_empty()).map(|f| f.trim().to_ascii_lowercase());
        if matches!(first.as_deref(), Some("total" | "totals")) {
            continue;
        }
        let mut m = Metrics::default();
        let row = match source {
            Source::YoutubeStudio => {
                // IDs starting with `-` may carry a space or a `'` before them.
                let key = text(&["content"], rec).trim_start_matches('\'').trim().to_string();
                let views = num(&["views"], rec);
                m.impressions = views;
                m.views = views;
                m.likes = num(&["likes"], rec);
                m.comments = num(&["comments added", "comments"], rec);
                m.shares = num(&["shares"], rec);
                let date_text = text(&["video publish time"], rec);
                ExportRow {
                    line: *line,
                    title: text(&["video title"], rec),
                    date: export_date(&date_text),
                    date_text,
                    key,
                    post_id: None,
                    link: None,
                    metrics: m,
                }
            }
            Source::MetaBusinessSuite => {
                let views = num(&["views"], rec);
                m.impressions = views.or_else(|| num(&["impressions"], rec));
                m.views = views;
                m.reach = num(&["reach"], rec);
                m.likes = num(&["likes"], rec);
                m.comments = num(&["comments"], rec);
                m.shares = num(&["shares"], rec);
                m.saves = num(&["saves"], rec);
                let link = Some(text(&["permalink"], rec)).filter(|l| !l.is_empty());
                let post_id = Some(text(&["post id"], rec)).filter(|p| !p.is_empty());
                let key = link.as_deref().and_then(meta_shortcode).or_else(|| post_id.clone()).unwrap_or_default();
                let title = Some(text(&["title"], rec)).filter(|t| !t.is_empty()).unwrap_or_else(|| text(&["description"], rec));
                let date_text = text(&["publish time"], rec);
                ExportRow { line: *line, title, date: export_date(&date_text), date_text, key, post_id, link, metrics: m }
            }
            Source::TiktokStudio => {
                let views = num(&["total views"], rec);
                m.impressions = views;
                m.views = views;
                m.likes = num(&["total likes"], rec);
                m.comments = num(&["total comments"], rec);
                m.shares = num(&["total shares"], rec);
                let link = Some(text(&["video link"], rec)).filter(|l| !l.is_empty());
                let key = link.as_deref().and_then(tiktok_id).unwrap_or_default();
                let date_text = text(&["post time"], rec);
                ExportRow {
                    line: *line,
                    title: text(&["video title"], rec),
                    date: export_date(&date_text),
                    date_text,
                    key,
                    post_id: None,
                    link,
                    metrics: m,
                }
            }
        };
        rows.push(row);
    }
    rows
}

// ----- files -----------------------------------------------------------------------

/// How much of a file is read to recognise it.
const SNIFF_BYTES: u64 = 64 * 1024;
/// How many non-blank records are searched for another export's header (LinkedIn's
/// start with a note line).
const HEADER_SEARCH: usize = 5;

/// Reads a file that may be a platform export. `Ok(None)`: it is not one (a tracker,
/// or a spreadsheet: exports are read as CSV only). Only the file's start is read
/// unless it is an export.
pub fn read_path(path: &Path) -> Result<Option<(Source, Vec<ExportRow>)>, ExportError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
        return Ok(None);
    }
    let unreadable = |e: std::io::Error| ImportError::Unreadable { path: path.display().to_string(), why: e.to_string() };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut head = Vec::new();
    file.take(SNIFF_BYTES).read_to_end(&mut head).map_err(unreadable)?;
    if head.len() as u64 == SNIFF_BYTES {
        cut_at_line_end(&mut head);
    }
    if sniff(&head)?.is_none() {
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    read_csv(&bytes)
}

/// Drops a partial last line (and keeps UTF-16 text whole).
fn cut_at_line_end(bytes: &mut Vec<u8>) {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let end = if utf16 {
        (2..bytes.len().saturating_sub(1)).step_by(2).rev().find(|&i| bytes[i] == b'\n' || bytes[i + 1] == b'\n').map(|i| i + 2)
    } else {
        bytes.iter().rposition(|&b| b == b'\n').map(|i| i + 1)
    };
    if let Some(end) = end {
        bytes.truncate(end);
    }
}

/// The source, delimiter and header of an export's text; another analytics export is
/// an error; anything else `None`.
fn sniff(bytes: &[u8]) -> Result<Option<(Source, u8)>, ExportError> {
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    let (text, declared) = skip_sep_line(&text);
    let delimiters: Vec<u8> = match declared {
        Some(d) => vec![d],
        None => vec![b',', b';', b'\t'],
    };
    let mut other = None;
    for d in delimiters {
        let records = first_records(text, d, HEADER_SEARCH);
        if let Some((_, header)) = records.first() {
            let refs: Vec<&str> = header.iter().map(String::as_str).collect();
            if let Some(source) = detect(&refs) {
                return Ok(Some((source, d)));
            }
        }
        for (_, rec) in &records {
            let refs: Vec<&str> = rec.iter().map(String::as_str).collect();
            if other.is_none() {
                other = detect_other(&refs);
            }
        }
    }
    match other {
        Some(o) => Err(ExportError::Other(o)),
        None => Ok(None),
    }
}

/// Spreadsheet programs read a first line `sep=;` as the delimiter; Meta writes it
/// in some exports.
fn skip_sep_line(text: &[u8]) -> (&[u8], Option<u8>) {
    if let Some(rest) = text.strip_prefix(b"sep=") {
        if let Some(&d) = rest.first() {
            let after = &rest[1..];
            let after = after.strip_prefix(b"\r").unwrap_or(after);
            let after = after.strip_prefix(b"\n").unwrap_or(after);
            return (after, Some(d));
        }
    }
    (text, None)
}

fn reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text)
}

/// The line a record starts on, counting the blank lines the reader skipped.
fn start_line(text: &[u8], rec: &ByteRecord, offset: usize) -> usize {
    super::csv::start_line(text, rec) + offset
}

fn fields(rec: &ByteRecord) -> Vec<String> {
    rec.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect()
}

/// Up to `n` non-blank records with their lines; a CSV error ends the list.
fn first_records(text: &[u8], delimiter: u8, n: usize) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut rdr = reader(text, delimiter);
    let mut rec = ByteRecord::new();
    while out.len() < n && matches!(rdr.read_byte_record(&mut rec), Ok(true)) {
        let f = fields(&rec);
        if f.iter().any(|x| !x.trim().is_empty()) {
            out.push((start_line(text, &rec, 0), f));
        }
    }
    out
}

/// Reads an export from its bytes: `Ok(None)` when it is not one Mille reads.
pub fn read_csv(bytes: &[u8]) -> Result<Option<(Source, Vec<ExportRow>)>, ExportError> {
    let Some((source, delimiter)) = sniff(bytes)? else { return Ok(None) };
    let mut warnings = Vec::new();
    let decoded = decode(bytes, &mut warnings);
    let (text, declared) = skip_sep_line(&decoded);
    let offset = usize::from(declared.is_some());
    let mut rdr = reader(text, delimiter);
    let mut rec = ByteRecord::new();
    let mut header: Option<Vec<String>> = None;
    let mut records = Vec::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(ImportError::Unreadable { path: "the file".into(), why: e.to_string() }.into()),
        }
        let f = fields(&rec);
        if header.is_none() {
            if f.iter().any(|x| !x.trim().is_empty()) {
                header = Some(f);
            }
            continue;
        }
        records.push((start_line(text, &rec, offset), f));
    }
    let header = header.unwrap_or_default();
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    Ok(Some((source, read_rows(source, &refs, &records))))
}

// ----- the plan ----------------------------------------------------------------------

/// What importing an export would change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExportPlan {
    pub source: Source,
    /// Posts with at least one changed field (or a URL filled in), in post order.
    pub updated: Vec<Update>,
    /// Rows that match no logged post, in file order.
    pub unmatched: Vec<Unmatched>,
}

/// The changes to one post: each field's (old, new) value, and the URL filled in
/// when the post was matched by date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Update {
    pub post_id: i64,
    pub fields: BTreeMap<&'static str, (Option<u64>, u64)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// An export row no logged post matches: its line, title and date as written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unmatched {
    pub line: usize,
    pub title: String,
    pub date: String,
}

impl ExportPlan {
    /// The names of every changed field, in the order of [`Metrics::NAMES`], then
    /// `url` when a URL is filled in.
    pub fn changed_fields(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> =
            Metrics::NAMES.iter().copied().filter(|n| self.updated.iter().any(|u| u.fields.contains_key(n))).collect();
        if self.updated.iter().any(|u| u.url.is_some()) {
            names.push("url");
        }
        names
    }
}

/// The days between two dates, absolute.
fn days_apart(a: NaiveDate, b: NaiveDate) -> i64 {
    (a - b).num_days().abs()
}

/// Plans an export against the logged posts (pass the live ones: the trash is never
/// updated). A row matches the posts of the export's platforms whose URL carries its
/// id; a post without a URL matches a row published within a day of it when that row
/// is the only one near the post and the post the only one near the row (then its
/// URL is filled in too). Only changed values are listed, so planning an export
/// already applied gives an empty `updated`.
pub fn plan(source: Source, rows: &[ExportRow], posts: &[Post]) -> ExportPlan {
    let mine: Vec<&Post> = posts.iter().filter(|p| source.platforms().contains(&p.platform)).collect();
    // Every id a post's URL carries → the posts carrying it.
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in mine.iter().enumerate() {
        if p.url.trim().is_empty() {
            continue;
        }
        let mut ids: Vec<String> = url_id(source, &p.url).into_iter().collect();
        if source == Source::MetaBusinessSuite {
            ids.extend(numeric_ids(&p.url).into_iter().map(str::to_string));
        }
        ids.sort();
        ids.dedup();
        for id in ids {
            by_id.entry(id).or_default().push(i);
        }
    }
    // (post index, row index, url to fill), in match order.
    let mut matches: Vec<(usize, usize, Option<String>)> = Vec::new();
    let mut row_matched = vec![false; rows.len()];
    for (r, row) in rows.iter().enumerate() {
        let mut keys: Vec<&str> = Vec::new();
        if !row.key.is_empty() {
            keys.push(&row.key);
        }
        if let Some(id) = &row.post_id {
            keys.push(id);
            // Facebook writes some IDs as PAGEID_POSTID.
            if let Some((_, post)) = id.split_once('_') {
                keys.push(post);
            }
        }
        let mut hit: Vec<usize> = keys.iter().filter_map(|k| by_id.get(*k)).flatten().copied().collect();
        hit.sort_unstable();
        hit.dedup();
        for i in hit {
            matches.push((i, r, None));
            row_matched[r] = true;
        }
    }
    // By date: posts without a URL and rows that matched nothing.
    let fits = |p: &Post, row: &ExportRow| -> bool {
        let Some(d) = row.date else { return false };
        days_apart(p.date, d) <= 1 && row.platform().is_none_or(|pl| pl == p.platform)
    };
    let open_posts: Vec<usize> = (0..mine.len()).filter(|&i| mine[i].url.trim().is_empty()).collect();
    let open_rows: Vec<usize> = (0..rows.len()).filter(|&r| !row_matched[r] && rows[r].date.is_some()).collect();
    let mut by_date = Vec::new();
    for &r in &open_rows {
        let near: Vec<usize> = open_posts.iter().copied().filter(|&i| fits(mine[i], &rows[r])).collect();
        let [i] = near[..] else { continue };
        let rivals = open_rows.iter().filter(|&&r2| fits(mine[i], &rows[r2])).count();
        if rivals == 1 {
            by_date.push((i, r, rows[r].url(source)));
        }
    }
    for (i, r, url) in by_date {
        row_matched[r] = true;
        matches.push((i, r, url));
    }
    // The changes, one entry per post.
    let mut changes: BTreeMap<usize, (BTreeMap<&'static str, (Option<u64>, u64)>, Option<String>)> = BTreeMap::new();
    for (i, r, url) in matches {
        let post = mine[i];
        let entry = changes.entry(i).or_default();
        let row = &rows[r];
        for ((name, new), old) in Metrics::NAMES.iter().zip(row.metrics.values()).zip(post.metrics.values()) {
            let Some(new) = new else { continue };
            if old != Some(new) {
                entry.0.insert(*name, (old, new));
            } else {
                entry.0.remove(name);
            }
        }
        if url.is_some() {
            entry.1 = url;
        }
    }
    let mut updated: Vec<Update> = changes
        .into_iter()
        .filter(|(_, (fields, url))| !fields.is_empty() || url.is_some())
        .map(|(i, (fields, url))| Update { post_id: mine[i].id, fields, url })
        .collect();
    updated.sort_by_key(|u| u.post_id);
    let unmatched = rows
        .iter()
        .zip(&row_matched)
        .filter(|(_, m)| !**m)
        .map(|(row, _)| Unmatched { line: row.line, title: row.title.clone(), date: row.date_text.clone() })
        .collect();
    ExportPlan { source, updated, unmatched }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, PostData};
    use rust_decimal::Decimal;

    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports").join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn read(name: &str) -> (Source, Vec<ExportRow>) {
        read_csv(&fixture(name)).expect("readable").expect("an export")
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn post(id: i64, platform: Platform, day: &str, url: &str) -> Post {
        Post {
            id,
            data: PostData {
                date: date(day),
                brand: "Glossier".into(),
                platform,
                format: Format::parse("video").expect("format"),
                fee: Decimal::new(125_000, 2),
                currency: "USD".into(),
                fx_rate: None,
                metrics: Metrics::default(),
                campaign: String::new(),
                url: url.into(),
                notes: String::new(),
            },
        }
    }

    fn row(line: usize, day: Option<&str>, key: &str, views: u64) -> ExportRow {
        ExportRow {
            line,
            title: format!("video {line}"),
            date: day.map(date),
            date_text: day.unwrap_or("March 4").to_string(),
            key: key.into(),
            post_id: None,
            link: None,
            metrics: Metrics { impressions: Some(views), views: Some(views), ..Metrics::default() },
        }
    }

    // ----- detection ---------------------------------------------------------------

    #[test]
    fn detects_each_source_by_its_header_row() {
        let yt_old = ["Content", "Video title", "Video publish time", "Duration", "Views", "Watch time (hours)", "Subscribers", "Impressions", "Impressions click-through rate (%)"];
        let yt_new = ["Content", "Video title", "Video publish time", "Duration", "Views", "Thumbnail impressions", "Thumbnail click-through rate (%)"];
        let meta = ["\u{feff}Post ID", "Account ID", "Account username", "Account name", "Description", "Duration (sec)", "Publish time", "Permalink", "Post type", "Data comment", "Date", "Views", "Reach"];
        let tiktok = ["Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares", "Total views"];
        assert_eq!(detect(&yt_old), Some(Source::YoutubeStudio));
        assert_eq!(detect(&yt_new), Some(Source::YoutubeStudio));
        assert_eq!(detect(&meta), Some(Source::MetaBusinessSuite));
        assert_eq!(detect(&tiktok), Some(Source::TiktokStudio));
        assert_eq!(detect(&[" content ", "VIDEO TITLE", "Video Publish Time"]), Some(Source::YoutubeStudio));
        assert_eq!(detect(&["Date", "Brand", "Platform", "Format", "Fee", "Impressions", "Views", "Link"]), None);
        assert_eq!(Source::YoutubeStudio.slug(), "youtube_studio");
        assert_eq!(Source::MetaBusinessSuite.slug(), "meta_business_suite");
        assert_eq!(Source::TiktokStudio.slug(), "tiktok_studio");
    }

    #[test]
    fn other_analytics_exports_are_refused_by_name() {
        for (name, want) in [
            ("x_account_analytics_content.csv", OtherExport::X),
            ("x_tweet_activity.csv", OtherExport::X),
            ("linkedin_top_posts.csv", OtherExport::Linkedin),
            ("linkedin_content_metrics.csv", OtherExport::Linkedin),
            ("tiktok_overview.csv", OtherExport::TiktokOverview),
            ("substack_posts.csv", OtherExport::Substack),
            ("beehiiv_posts.csv", OtherExport::Beehiiv),
        ] {
            match read_csv(&fixture(name)) {
                Err(ExportError::Other(o)) => {
                    assert_eq!(o, want, "{name}");
                    let sentence = o.refusal();
                    assert!(sentence.contains("YouTube Studio") && sentence.contains("TikTok Studio's Content.csv"), "{sentence}");
                }
                other => panic!("{name}: {other:?}"),
            }
        }
        // A tracker is none of these.
        let tracker = b"date,brand,platform,format,fee,impressions\n2025-03-04,Glossier,instagram,reel,1250,48000\n";
        assert!(matches!(read_csv(tracker), Ok(None)));
        assert_eq!(detect_other(&["Date", "Brand", "Impressions", "Engagements", "Likes"]), None);
    }

    // ----- values ------------------------------------------------------------------

    #[test]
    fn counts_take_thousands_separators_and_nothing_doubtful() {
        for (text, want) in [
            ("48211", Some(48211)),
            ("12,500", Some(12500)),
            ("1,234,567", Some(1_234_567)),
            ("12.500", Some(12500)),
            ("12 500", Some(12500)),
            ("12\u{a0}500", Some(12500)),
            (" 0 ", Some(0)),
            ("", None),
            ("-1", None),
            ("-", None),
            ("12.5", None),
            ("1.2K", None),
            ("1,2345", None),
            ("1234,567", None),
            ("1,234.567", None),
            ("n/a", None),
            ("99999999999999999999", None),
        ] {
            assert_eq!(count(text), want, "{text:?}");
        }
    }

    #[test]
    fn export_dates() {
        for (text, want) in [
            ("Mar 4, 2025", Some("2025-03-04")),
            ("March 4, 2025", Some("2025-03-04")),
            ("Sept 30, 2025", Some("2025-09-30")),
            ("4 Mar 2025", Some("2025-03-04")),
            ("03/04/2025 10:42", Some("2025-03-04")),
            ("3/4/2025", Some("2025-03-04")),
            ("2025-03-11 19:05:00", Some("2025-03-11")),
            ("2025-03-11T19:05:00Z", Some("2025-03-11")),
            ("2025-03-11", Some("2025-03-11")),
            ("Tue, Mar 4, 2025", Some("2025-03-04")),
            ("March 4", None),
            ("Feb 30, 2025", None),
            ("13/04/2025", None),
            ("4. März 2025", Some("2025-03-04")),
            ("04.03.2025", Some("2025-03-04")),
            ("", None),
            ("soon", None),
        ] {
            assert_eq!(export_date(text), want.map(date), "{text:?}");
        }
    }

    // ----- ids in URLs ---------------------------------------------------------------

    #[test]
    fn youtube_ids_from_every_url_form() {
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s",
            "http://m.youtube.com/watch?v=dQw4w9WgXcQ#comments",
            "www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?si=AbC123",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://youtube.com/shorts/dQw4w9WgXcQ?feature=share",
            "https://www.youtube.com/live/dQw4w9WgXcQ?si=x",
            " https://www.youtube.com/watch?v=dQw4w9WgXcQ ",
        ] {
            assert_eq!(youtube_id(url).as_deref(), Some("dQw4w9WgXcQ"), "{url}");
        }
        assert_eq!(youtube_id("https://youtu.be/-HNx8nDsGuQ").as_deref(), Some("-HNx8nDsGuQ"));
        for url in ["https://www.youtube.com/@mira", "https://vimeo.com/watch?v=dQw4w9WgXcQ", "", "not a url"] {
            assert_eq!(youtube_id(url), None, "{url}");
        }
    }

    #[test]
    fn meta_and_tiktok_ids_from_every_url_form() {
        for url in [
            "https://www.instagram.com/p/DHa2BcDeFgH/",
            "https://www.instagram.com/reel/DHa2BcDeFgH/?igsh=abc",
            "https://instagram.com/reels/DHa2BcDeFgH",
            "https://www.instagram.com/tv/DHa2BcDeFgH/",
            "https://www.instagram.com/mira.makes/p/DHa2BcDeFgH/",
        ] {
            assert_eq!(meta_shortcode(url).as_deref(), Some("DHa2BcDeFgH"), "{url}");
        }
        assert_eq!(meta_shortcode("https://www.instagram.com/mira.makes/"), None);
        assert_eq!(
            numeric_ids("https://www.facebook.com/miramakes/posts/122158123456789012?ref=x"),
            vec!["122158123456789012"]
        );
        assert_eq!(
            tiktok_id("https://www.tiktok.com/@mira.makes/video/7478123456789012345?lang=en").as_deref(),
            Some("7478123456789012345")
        );
        assert_eq!(tiktok_id("https://www.tiktok.com/@mira.makes"), None);
        assert_eq!(tiktok_id("https://vm.tiktok.com/ZMabcdef/"), None);
    }

    // ----- rows ------------------------------------------------------------------------

    #[test]
    fn youtube_older_generation_skips_total_and_never_stores_its_impressions() {
        let (source, rows) = read("youtube_table_data_impressions.csv");
        assert_eq!(source, Source::YoutubeStudio);
        assert_eq!(rows.len(), 3, "the Total row is skipped");
        let r = &rows[0];
        assert_eq!((r.line, r.key.as_str(), r.title.as_str()), (3, "dQw4w9WgXcQ", "Glossier GRWM, honest review"));
        assert_eq!(r.date, Some(date("2025-03-04")));
        assert_eq!(r.date_text, "Mar 4, 2025");
        // Views is both impressions and views; YouTube's Impressions (240113) never.
        assert_eq!(r.metrics, Metrics { impressions: Some(12500), views: Some(12500), ..Metrics::default() });
        assert_eq!(rows[2].key, "-HNx8nDsGuQ", "the space before an id starting with - is trimmed");
    }

    #[test]
    fn youtube_newer_generation_reads_likes_comments_shares() {
        let (_, rows) = read("youtube_table_data_thumbnail.csv");
        assert_eq!(rows.len(), 3);
        let m = rows[0].metrics;
        assert_eq!((m.impressions, m.views, m.likes, m.comments, m.shares), (Some(12731), Some(12731), Some(1204), Some(96), Some(41)));
        assert_eq!(m.reach, None);
        assert_eq!(rows[1].metrics.shares, None, "an empty value changes nothing");
        assert_eq!(rows[2].metrics.shares, None, "a negative value changes nothing");
        assert_eq!(rows[2].metrics.views, Some(7790));
    }

    #[test]
    fn meta_rows_with_bom_multiline_captions_and_both_generations() {
        let (source, rows) = read("meta_content_views.csv");
        assert_eq!(source, Source::MetaBusinessSuite);
        assert_eq!(rows.len(), 3);
        let r = &rows[0];
        assert_eq!(r.key, "DGx1AbCdEfG");
        assert_eq!(r.post_id.as_deref(), Some("18064311234567890"));
        assert_eq!(r.date, Some(date("2025-03-04")), "month first");
        assert!(r.title.starts_with("Spring haul"));
        assert_eq!(
            r.metrics,
            Metrics {
                impressions: Some(48211),
                views: Some(48211),
                reach: Some(31004),
                likes: Some(2140),
                comments: Some(96),
                shares: Some(312),
                saves: Some(410),
                clicks: None
            }
        );
        assert_eq!(rows[1].line, 4, "the caption's second line counts");
        assert_eq!(rows[2].metrics, Metrics::default(), "empty cells change nothing");

        let (_, old) = read("meta_content_impressions.csv");
        assert_eq!((old[0].metrics.impressions, old[0].metrics.views), (Some(52004), None));
    }

    #[test]
    fn tiktok_rows_and_dates_without_a_year() {
        let (source, rows) = read("tiktok_content.csv");
        assert_eq!(source, Source::TiktokStudio);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].key, "7478123456789012345");
        assert_eq!((rows[0].date, rows[0].date_text.as_str()), (None, "March 4"));
        let m = rows[0].metrics;
        assert_eq!((m.impressions, m.views, m.likes, m.comments, m.shares), (Some(96400), Some(96400), Some(3120), Some(140), Some(88)));
        assert_eq!(rows[1].date, Some(date("2025-03-11")));
        assert_eq!(rows[2].date, Some(date("2025-03-18")));
    }

    #[test]
    fn semicolon_files_and_sep_lines() {
        let text = "sep=;\nContent;Video title;Video publish time;Views\nTotal;;;10\nabcDEF12345;Hi;Mar 4, 2025;1.250\n";
        let (source, rows) = read_csv(text.as_bytes()).expect("read").expect("export");
        assert_eq!(source, Source::YoutubeStudio);
        assert_eq!((rows.len(), rows[0].line, rows[0].metrics.views), (1, 4, Some(1250)));
        let text = "Content;Video title;Video publish time;Views\nabcDEF12345;Hi;Mar 4, 2025;7\n";
        assert_eq!(read_csv(text.as_bytes()).expect("read").expect("export").1[0].metrics.views, Some(7));
    }

    // ----- the plan ----------------------------------------------------------------------

    #[test]
    fn matches_by_the_id_in_the_url() {
        let posts = vec![
            post(1, Platform::Youtube, "2025-03-04", "https://youtu.be/dQw4w9WgXcQ"),
            post(2, Platform::Youtube, "2025-03-04", "https://www.youtube.com/watch?v=other000000"),
            // The same video on Instagram is another platform: never touched.
            post(3, Platform::Instagram, "2025-03-04", "https://youtu.be/dQw4w9WgXcQ"),
        ];
        let rows = vec![row(3, Some("2025-03-04"), "dQw4w9WgXcQ", 12500), row(4, Some("2025-03-20"), "zzz", 5)];
        let plan = plan(Source::YoutubeStudio, &rows, &posts);
        assert_eq!(plan.updated.len(), 1);
        let u = &plan.updated[0];
        assert_eq!(u.post_id, 1);
        assert_eq!(u.fields.get("views"), Some(&(None, 12500)));
        assert_eq!(u.fields.get("impressions"), Some(&(None, 12500)));
        assert_eq!(u.url, None, "a post matched by URL keeps it");
        assert_eq!(plan.unmatched, vec![Unmatched { line: 4, title: "video 4".into(), date: "2025-03-20".into() }]);
        assert_eq!(plan.changed_fields(), vec!["impressions", "views"]);
    }

    #[test]
    fn matches_meta_by_shortcode_or_post_id() {
        let (_, rows) = read("meta_content_views.csv");
        let posts = vec![
            post(1, Platform::Instagram, "2025-03-01", "https://instagram.com/reel/DGx1AbCdEfG?igsh=x"),
            post(2, Platform::Facebook, "2025-03-12", "https://www.facebook.com/miramakes/posts/18064398765432100"),
            post(3, Platform::Tiktok, "2025-03-20", ""),
        ];
        let plan = plan(Source::MetaBusinessSuite, &rows, &posts);
        let ids: Vec<i64> = plan.updated.iter().map(|u| u.post_id).collect();
        assert_eq!(ids, vec![1, 2]);
        assert_eq!(plan.updated[0].fields.get("saves"), Some(&(None, 410)));
        assert_eq!(plan.updated[1].fields.get("reach"), Some(&(None, 11877)));
        assert_eq!(plan.unmatched.len(), 1, "the TikTok post is not Meta's");
    }

    #[test]
    fn matches_by_date_within_a_day_only_when_unambiguous() {
        let rows = vec![row(3, Some("2025-03-04"), "aaaaaaaaaaa", 100), row(4, Some("2025-03-10"), "bbbbbbbbbbb", 200)];
        // One post a day after the first row: matched, and its URL filled in.
        let posts = vec![post(1, Platform::Youtube, "2025-03-05", "")];
        let p = plan(Source::YoutubeStudio, &rows, &posts);
        assert_eq!(p.updated.len(), 1);
        assert_eq!(p.updated[0].url.as_deref(), Some("https://www.youtube.com/watch?v=aaaaaaaaaaa"));
        assert_eq!(p.unmatched.len(), 1);
        // Two days away: no match.
        let posts = vec![post(1, Platform::Youtube, "2025-03-06", "")];
        assert!(plan(Source::YoutubeStudio, &rows, &posts).updated.is_empty());
        // Two posts near one row: ambiguous, no match.
        let posts = vec![post(1, Platform::Youtube, "2025-03-04", ""), post(2, Platform::Youtube, "2025-03-05", "")];
        let p = plan(Source::YoutubeStudio, &rows, &posts);
        assert!(p.updated.is_empty());
        assert_eq!(p.unmatched.len(), 2);
        // Two rows near one post: ambiguous too.
        let rows2 = vec![row(3, Some("2025-03-04"), "aaaaaaaaaaa", 100), row(4, Some("2025-03-05"), "bbbbbbbbbbb", 200)];
        let posts = vec![post(1, Platform::Youtube, "2025-03-04", "")];
        assert!(plan(Source::YoutubeStudio, &rows2, &posts).updated.is_empty());
        // A post with a URL is never matched by date.
        let posts = vec![post(1, Platform::Youtube, "2025-03-04", "https://youtu.be/somethingel")];
        assert!(plan(Source::YoutubeStudio, &rows, &posts).updated.is_empty());
    }

    #[test]
    fn dates_without_a_year_are_never_matched() {
        let (_, rows) = read("tiktok_content.csv");
        let posts = vec![post(1, Platform::Tiktok, "2025-03-04", ""), post(2, Platform::Tiktok, "2025-03-11", "")];
        let p = plan(Source::TiktokStudio, &rows, &posts);
        let ids: Vec<i64> = p.updated.iter().map(|u| u.post_id).collect();
        assert_eq!(ids, vec![2]);
        assert_eq!(p.updated[0].url.as_deref(), Some("https://www.tiktok.com/@mira.makes/video/7480000000000000001"));
        assert!(p.unmatched.iter().any(|u| u.date == "March 4"));
    }

    #[test]
    fn a_second_plan_after_applying_changes_nothing() {
        let (_, rows) = read("youtube_table_data_thumbnail.csv");
        let mut posts = vec![
            post(1, Platform::Youtube, "2025-03-04", "https://youtu.be/dQw4w9WgXcQ"),
            post(2, Platform::Youtube, "2025-03-12", ""),
        ];
        posts[0].data.metrics.likes = Some(1204); // already right: not listed
        posts[0].data.metrics.views = Some(9000);
        let first = plan(Source::YoutubeStudio, &rows, &posts);
        assert_eq!(first.updated.len(), 2);
        assert_eq!(first.updated[0].fields.get("views"), Some(&(Some(9000), 12731)));
        assert!(!first.updated[0].fields.contains_key("likes"));
        // Apply it in memory, as the store does.
        for u in &first.updated {
            let p = posts.iter_mut().find(|p| p.id == u.post_id).expect("post");
            for (name, (_, new)) in &u.fields {
                *p.data.metrics.slot_mut(name).expect("metric") = Some(*new);
            }
            if let Some(url) = &u.url {
                p.data.url = url.clone();
            }
        }
        let second = plan(Source::YoutubeStudio, &rows, &posts);
        assert!(second.updated.is_empty(), "{:?}", second.updated);
        assert_eq!(second.unmatched, first.unmatched);
    }
}
