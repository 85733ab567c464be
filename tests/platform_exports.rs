//! Platform analytics exports (real-files.md §2) through the real binary: a YouTube
//! Studio export fills in the numbers of logged posts, twice changes nothing the second
//! time, `--dry-run` writes nothing, and other analytics exports are refused.

mod common;
use common::{s, Env};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports").join(name)
}

/// Two YouTube posts (one with the video's URL, one without a URL, a day after its
/// video) and an Instagram post.
fn logged(env: &Env) {
    let add = |args: &[&str]| {
        let mut a = vec!["posts", "add", "--format", "integration", "--fee", "1500"];
        a.extend_from_slice(args);
        env.ok(&a);
    };
    add(&[
        "--date",
        "2025-03-04",
        "--brand",
        "Glossier",
        "--platform",
        "youtube",
        "--url",
        "https://youtu.be/dQw4w9WgXcQ",
    ]);
    add(&["--date", "2025-03-12", "--brand", "Finch Audio", "--platform", "youtube"]);
    add(&["--date", "2025-03-04", "--brand", "Glossier", "--platform", "instagram", "--impressions", "100"]);
}

fn by_brand<'a>(posts: &'a serde_json::Value, brand: &str, platform: &str) -> &'a serde_json::Value {
    posts.as_array().expect("array").iter().find(|p| p["brand"] == brand && p["platform"] == platform).expect("post")
}

#[test]
fn youtube_studio_export_fills_in_views() {
    let env = Env::new();
    logged(&env);
    let file = fixture("youtube_table_data_impressions.csv");
    let before = env.json(&["posts", "list"]);

    // Dry run: the same summary, nothing written.
    let dry = env.ok(&["import", s(&file), "--dry-run"]);
    assert!(
        dry.starts_with(
            "YouTube Studio export: 2 posts updated (impressions, views, url); 1 row matches no logged post.\n"
        ),
        "{dry}"
    );
    assert!(dry.contains("nothing was written"), "{dry}");
    assert_eq!(env.json(&["posts", "list"]), before);
    assert!(!env.dir.path().join("backups").exists(), "no backup on a dry run");

    let out = env.ok(&["import", s(&file)]);
    assert!(out.contains("views — → 12,500"), "{out}");
    assert!(out.contains("url → https://www.youtube.com/watch?v=aBcDeFgHiJk"), "{out}");
    assert!(out.contains("line 5, Q&A: your questions (Mar 18, 2025)"), "{out}");

    let posts = env.json(&["posts", "list"]);
    let glossier = by_brand(&posts, "Glossier", "youtube");
    assert_eq!(glossier["views"], 12500);
    assert_eq!(glossier["impressions"], 12500, "impressions ← Views, never YouTube's Impressions");
    assert_eq!(glossier["url"], "https://youtu.be/dQw4w9WgXcQ", "a URL already there stays");
    let finch = by_brand(&posts, "Finch Audio", "youtube");
    assert_eq!(finch["views"], 48211, "matched by date, a day after the video");
    assert_eq!(finch["url"], "https://www.youtube.com/watch?v=aBcDeFgHiJk");
    let insta = by_brand(&posts, "Glossier", "instagram");
    assert_eq!(insta["impressions"], 100, "another platform is never touched");
    assert!(insta["views"].is_null());
    assert!(env.dir.path().join("backups").read_dir().expect("backups").count() >= 1, "a backup first");

    // The same export again changes nothing.
    let again = env.json(&["import", s(&file)]);
    assert_eq!(again["kind"], "platform_export");
    assert_eq!(again["source"], "youtube_studio");
    assert_eq!(again["updated"].as_array().expect("updated").len(), 0);
    assert_eq!(again["unmatched"][0]["line"], 5);
    assert_eq!(again["unmatched"][0]["title"], "Q&A: your questions");
    assert_eq!(again["unmatched"][0]["date"], "Mar 18, 2025");
    assert_eq!(env.json(&["posts", "list"]), posts);
    let text = env.ok(&["import", s(&file)]);
    assert!(text.starts_with("YouTube Studio export: 0 posts updated; 1 row matches no logged post.\n"), "{text}");

    // The newer generation: old → new in --json, old known now.
    let newer = env.json(&["import", s(&fixture("youtube_table_data_thumbnail.csv"))]);
    let updated = newer["updated"].as_array().expect("updated");
    let first = updated.iter().find(|u| u["post_id"] == glossier["id"]).expect("glossier updated");
    assert_eq!(first["fields"]["views"], serde_json::json!([12500, 12731]));
    assert_eq!(first["fields"]["likes"], serde_json::json!([null, 1204]));
    assert_eq!(first["fields"]["comments"], serde_json::json!([null, 96]));
    let posts = env.json(&["posts", "list"]);
    assert_eq!(by_brand(&posts, "Glossier", "youtube")["shares"], 41);
    assert!(by_brand(&posts, "Finch Audio", "youtube")["shares"].is_null(), "an empty export value changes nothing");
}

#[test]
fn tiktok_and_meta_exports() {
    let env = Env::new();
    env.ok(&[
        "posts",
        "add",
        "--date",
        "2025-03-04",
        "--brand",
        "Glossier",
        "--platform",
        "tiktok",
        "--format",
        "video",
        "--fee",
        "900",
        "--url",
        "https://www.tiktok.com/@mira.makes/video/7478123456789012345",
    ]);
    env.ok(&[
        "posts",
        "add",
        "--date",
        "2025-03-04",
        "--brand",
        "Glossier",
        "--platform",
        "instagram",
        "--format",
        "reel",
        "--fee",
        "1200",
    ]);
    let tt = env.json(&["import", s(&fixture("tiktok_content.csv"))]);
    assert_eq!(tt["source"], "tiktok_studio");
    assert_eq!(tt["updated"][0]["fields"]["views"], serde_json::json!([null, 96400]));
    let ig = env.json(&["import", s(&fixture("meta_content_views.csv"))]);
    assert_eq!(ig["source"], "meta_business_suite");
    assert_eq!(ig["updated"][0]["fields"]["saves"], serde_json::json!([null, 410]));
    assert_eq!(ig["updated"][0]["url"], "https://www.instagram.com/reel/DGx1AbCdEfG/");
    let posts = env.json(&["posts", "list"]);
    let insta = by_brand(&posts, "Glossier", "instagram");
    assert_eq!((insta["impressions"].as_u64(), insta["reach"].as_u64()), (Some(48211), Some(31004)));
}

#[test]
fn other_analytics_exports_are_refused() {
    let env = Env::new();
    logged(&env);
    let before = env.json(&["posts", "list"]);
    for (name, looks) in [
        ("x_account_analytics_content.csv", "X (Twitter) analytics export"),
        ("linkedin_top_posts.csv", "LinkedIn analytics export"),
        ("tiktok_overview.csv", "Overview export"),
    ] {
        let (out, err) = env.fails(&["import", s(&fixture(name))], 1);
        assert!(out.is_empty(), "{out}");
        assert!(err.contains(looks) && err.contains("YouTube Studio"), "{name}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    }
    assert_eq!(env.json(&["posts", "list"]), before, "nothing written");
}
