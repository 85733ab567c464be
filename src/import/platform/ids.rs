//! The ids a post's URL is matched on: YouTube video ids, Meta shortcodes and post
//! ids, TikTok video ids, from every URL form the platforms and creators use.

use super::Source;

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
pub(super) fn numeric_ids(url: &str) -> Vec<&str> {
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

/// The id a post's URL carries for this source (the one [`ExportRow::key`](super::ExportRow::key) is).
pub fn url_id(source: Source, url: &str) -> Option<String> {
    match source {
        Source::YoutubeStudio => youtube_id(url),
        Source::MetaBusinessSuite => meta_shortcode(url),
        Source::TiktokStudio => tiktok_id(url),
    }
}
