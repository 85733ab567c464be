//! Tests of reading platform exports (the real header rows in
//! `tests/fixtures/exports`), their values and ids, and the plans made from them.

use super::ids::numeric_ids;
use super::*;
use crate::model::{Format, Post, PostData};
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
    let yt_old = [
        "Content",
        "Video title",
        "Video publish time",
        "Duration",
        "Views",
        "Watch time (hours)",
        "Subscribers",
        "Impressions",
        "Impressions click-through rate (%)",
    ];
    let yt_new = [
        "Content",
        "Video title",
        "Video publish time",
        "Duration",
        "Views",
        "Thumbnail impressions",
        "Thumbnail click-through rate (%)",
    ];
    let meta = [
        "\u{feff}Post ID",
        "Account ID",
        "Account username",
        "Account name",
        "Description",
        "Duration (sec)",
        "Publish time",
        "Permalink",
        "Post type",
        "Data comment",
        "Date",
        "Views",
        "Reach",
    ];
    let tiktok =
        ["Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares", "Total views"];
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
                assert!(
                    sentence.contains("YouTube Studio") && sentence.contains("TikTok Studio's Content.csv"),
                    "{sentence}"
                );
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
    assert_eq!(
        (m.impressions, m.views, m.likes, m.comments, m.shares),
        (Some(12731), Some(12731), Some(1204), Some(96), Some(41))
    );
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
    assert_eq!(
        (m.impressions, m.views, m.likes, m.comments, m.shares),
        (Some(96400), Some(96400), Some(3120), Some(140), Some(88))
    );
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
