//! `mille import` of a platform analytics export (real-files.md §2): the numbers of
//! posts already logged are filled in instead of posts being added. The reading and
//! the matching are the core's (`mille::import::platform`); this prints the outcome.

use super::table::clip;
use super::{out, out_json, CliError, CliResult};
use mille::import::platform::{self, ExportError, ExportPlan};
use mille::model::Post;
use mille::money::group_thousands;
use mille::store::Store;
use std::path::Path;

/// Handles `file` when it is a platform export: plans it against the live posts,
/// applies it (unless `dry_run`) and prints the summary. `Ok(false)`: not an export,
/// read it as a tracker. Another analytics export is refused in one sentence.
pub fn import_if_export(store: &mut Store, file: &Path, dry_run: bool, json: bool) -> CliResult<bool> {
    let (source, rows) = match mille::import::read_platform_export(file) {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(false),
        Err(ExportError::Other(other)) => {
            return Err(CliError::Invalid(format!("{}: {}", file.display(), other.refusal())))
        }
        Err(ExportError::Import(e)) => return Err(CliError::Invalid(e.to_string())),
    };
    let posts = store.posts()?;
    let plan = platform::plan(source, &rows, &posts);
    store.apply_export(&plan, dry_run)?;
    if json {
        out_json(&serde_json::json!({
            "kind": "platform_export",
            "source": plan.source,
            "updated": plan.updated,
            "unmatched": plan.unmatched,
        }));
    } else {
        out(&summary(&plan, &posts, dry_run));
    }
    Ok(true)
}

fn number(n: Option<u64>) -> String {
    n.map_or_else(|| "—".to_string(), |n| group_thousands(&n.to_string()))
}

/// `YouTube Studio export: 3 posts updated (views, likes, comments); 8 rows match no
/// logged post.`, then old → new per updated post and each unmatched row.
fn summary(plan: &ExportPlan, posts: &[Post], dry_run: bool) -> String {
    let n = plan.updated.len();
    let posts_word = if n == 1 { "1 post updated".to_string() } else { format!("{n} posts updated") };
    let fields = plan.changed_fields();
    let fields = if fields.is_empty() { String::new() } else { format!(" ({})", fields.join(", ")) };
    let u = plan.unmatched.len();
    let rows_word =
        if u == 1 { "1 row matches no logged post".to_string() } else { format!("{u} rows match no logged post") };
    let mut text = format!("{} export: {posts_word}{fields}; {rows_word}.\n", plan.source.name());
    for up in &plan.updated {
        let who = posts
            .iter()
            .find(|p| p.id == up.post_id)
            .map(|p| format!(" ({}, {})", p.date, clip(&p.brand, 30)))
            .unwrap_or_default();
        let mut changes: Vec<String> = mille::model::Metrics::NAMES
            .iter()
            .filter_map(|name| {
                up.fields.get(name).map(|(old, new)| format!("{name} {} → {}", number(*old), number(Some(*new))))
            })
            .collect();
        if let Some(url) = &up.url {
            changes.push(format!("url → {url}"));
        }
        text.push_str(&format!("post {}{who}: {}\n", up.post_id, changes.join("; ")));
    }
    for row in &plan.unmatched {
        let date = if row.date.is_empty() { "no date".to_string() } else { row.date.clone() };
        text.push_str(&format!("no logged post: line {}, {} ({date})\n", row.line, clip(&row.title, 60)));
    }
    if dry_run {
        text.push_str("dry run: nothing was written\n");
    }
    text
}
