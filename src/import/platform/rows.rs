//! Reading an export's rows into [`ExportRow`]s: which column holds which number
//! for each source, skipping blank and totals rows. No value is an error.

use super::ids::{meta_shortcode, tiktok_id};
use super::values::{count, export_date};
use super::{normalised, ExportRow, Source};
use crate::model::Metrics;

/// Where a video export (YouTube Studio, TikTok Studio) keeps each figure: the
/// normalised header names, the first one present being read.
struct VideoColumns {
    views: &'static [&'static str],
    likes: &'static [&'static str],
    comments: &'static [&'static str],
    shares: &'static [&'static str],
    title: &'static [&'static str],
    date: &'static [&'static str],
}

const YOUTUBE: VideoColumns = VideoColumns {
    views: &["views"],
    likes: &["likes"],
    comments: &["comments added", "comments"],
    shares: &["shares"],
    title: &["video title"],
    date: &["video publish time"],
};

const TIKTOK: VideoColumns = VideoColumns {
    views: &["total views"],
    likes: &["total likes"],
    comments: &["total comments"],
    shares: &["total shares"],
    title: &["video title"],
    date: &["post time"],
};

/// Reads the rows of an export: `headers` as written, `records` as (line, fields).
/// Blank rows and totals rows (`Total`) are skipped; no value is an error.
pub fn read_rows(source: Source, headers: &[&str], records: &[(usize, Vec<String>)]) -> Vec<ExportRow> {
    let h = normalised(headers);
    let col = |names: &[&str]| names.iter().find_map(|n| h.iter().position(|x| x == n));
    let num = |names: &[&str], rec: &[String]| col(names).and_then(|i| rec.get(i)).and_then(|v| count(v));
    let text = |names: &[&str], rec: &[String]| {
        col(names).and_then(|i| rec.get(i)).map(|v| v.trim().to_string()).unwrap_or_default()
    };
    // YouTube's and TikTok's rows read alike: their views are the impressions too.
    let video_row = |cols: &VideoColumns, line: usize, rec: &[String], key: String, link: Option<String>| {
        let views = num(cols.views, rec);
        let metrics = Metrics {
            impressions: views,
            views,
            likes: num(cols.likes, rec),
            comments: num(cols.comments, rec),
            shares: num(cols.shares, rec),
            ..Metrics::default()
        };
        let date_text = text(cols.date, rec);
        ExportRow {
            line,
            title: text(cols.title, rec),
            date: export_date(&date_text),
            date_text,
            key,
            post_id: None,
            link,
            metrics,
        }
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
        let row = match source {
            Source::YoutubeStudio => {
                // IDs starting with `-` may carry a space or a `'` before them.
                let key = text(&["content"], rec).trim_start_matches('\'').trim().to_string();
                video_row(&YOUTUBE, *line, rec, key, None)
            }
            Source::MetaBusinessSuite => {
                let mut m = Metrics::default();
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
                let title = Some(text(&["title"], rec))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| text(&["description"], rec));
                let date_text = text(&["publish time"], rec);
                ExportRow {
                    line: *line,
                    title,
                    date: export_date(&date_text),
                    date_text,
                    key,
                    post_id,
                    link,
                    metrics: m,
                }
            }
            Source::TiktokStudio => {
                let link = Some(text(&["video link"], rec)).filter(|l| !l.is_empty());
                let key = link.as_deref().and_then(tiktok_id).unwrap_or_default();
                video_row(&TIKTOK, *line, rec, key, link)
            }
        };
        rows.push(row);
    }
    rows
}
