//! Posts: a page of them (filtered and sorted by the core), one by id, list, log, edit, delete (to the trash), a page of the trash, restore, and the sample history.

use super::today;
use crate::db::Db;
use crate::dto::{ImportDone, PostInput, PostView, PostsPageQuery, PostsPageView, TrashPageQuery};
use crate::error::{AppError, AppResult};
use crate::{parse, AppState};
use mille::sample;
use tauri::State;

/// The posts of `ids` in that order (`Store::posts_by_id`): the posts of an Insights
/// group or of its excluded ones, at most [`POSTS_BY_ID`] at a time, so the window never
/// holds the whole history.
#[tauri::command]
pub async fn posts_by_id(state: State<'_, AppState>, ids: Vec<i64>) -> AppResult<Vec<PostView>> {
    posts_by_id_of(&state.db, &ids)
}

/// How many posts the window asks for by id at once.
pub const POSTS_BY_ID: usize = 500;

pub(crate) fn posts_by_id_of(db: &Db, ids: &[i64]) -> AppResult<Vec<PostView>> {
    if ids.len() > POSTS_BY_ID {
        return Err(AppError::field(
            "ids",
            format!("At most {POSTS_BY_ID} posts at a time; {} were asked for.", ids.len()),
        ));
    }
    Ok(PostView::all(db.read(|s| Ok(s.posts_by_id(ids)?))?))
}

/// The Posts screen's rows: `Store::posts_page`, never every post.
#[tauri::command]
pub async fn posts_page(state: State<'_, AppState>, query: PostsPageQuery) -> AppResult<PostsPageView> {
    posts_page_of(&state.db, &query)
}

pub(crate) fn posts_page_of(db: &Db, query: &PostsPageQuery) -> AppResult<PostsPageView> {
    let q = parse::posts_page_query(query)?;
    let page = db.read(|s| Ok(s.posts_page(&q)?))?;
    Ok(PostsPageView::of(page, q.offset as u64, q.limit as u64))
}

/// One post by id (live or in the trash), for "Add impressions" on a post that is not
/// on the page shown.
#[tauri::command]
pub async fn get_post(state: State<'_, AppState>, id: i64) -> AppResult<PostView> {
    Ok(PostView::of(state.db.read(|s| Ok(s.get_post(id)?))?.0))
}

/// The Trash view's rows: `Store::trash_page`, most recently deleted first, a page at
/// a time (the CLI's `mille posts trash` lists them all).
#[tauri::command]
pub async fn list_trash(state: State<'_, AppState>, query: TrashPageQuery) -> AppResult<PostsPageView> {
    trash_page_of(&state.db, &query)
}

pub(crate) fn trash_page_of(db: &Db, query: &TrashPageQuery) -> AppResult<PostsPageView> {
    let (offset, limit) = parse::trash_page_query(query);
    let page = db.read(|s| Ok(s.trash_page(offset, limit)?))?;
    Ok(PostsPageView::of(page, offset as u64, limit as u64))
}

/// Logs a post; with `deal`, as part of that deal (`mille posts add --deal`).
#[tauri::command]
pub async fn add_post(state: State<'_, AppState>, input: PostInput, deal: Option<i64>) -> AppResult<PostView> {
    add_post_to(&state.db, &input, deal)
}

pub(crate) fn add_post_to(db: &Db, input: &PostInput, deal: Option<i64>) -> AppResult<PostView> {
    let rates = db.read(|s| Ok(s.fx_rates()?))?;
    let post = parse::post(input, &db.base()?, &rates)?;
    Ok(PostView::of(db.write(|s| {
        Ok(match deal {
            Some(id) => s.add_post_to_deal(&post, id)?,
            None => s.add_post(&post)?,
        })
    })?))
}

#[tauri::command]
pub async fn update_post(state: State<'_, AppState>, id: i64, input: PostInput) -> AppResult<PostView> {
    let rates = state.db.read(|s| Ok(s.fx_rates()?))?;
    let post = parse::post(&input, &state.db.base()?, &rates)?;
    Ok(PostView::of(state.db.write(|s| Ok(s.update_post(id, &post)?))?))
}

#[tauri::command]
pub async fn delete_post(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    state.db.write(|s| Ok(s.delete_post(id)?))
}

#[tauri::command]
pub async fn restore_post(state: State<'_, AppState>, id: i64) -> AppResult<PostView> {
    Ok(PostView::of(state.db.write(|s| Ok(s.restore_post(id)?))?))
}

/// "Try with sample data": the core's generated history (160 posts, seed 1) into an
/// empty database, with the deals of that history (`mille sample --deals`).
#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> AppResult<ImportDone> {
    let opts = sample::SampleOptions { end: today().min(sample::DEFAULT_END.max(today())), ..Default::default() };
    let posts = sample::generate(&opts);
    let (out, deals) = state.db.write(|s| {
        if s.has_posts()? {
            return Err(AppError::Import(
                "sample data only goes into an empty history, and yours already has posts".into(),
            ));
        }
        let out = s.import_posts(&posts, false)?;
        let deals = mille::desk::sample::make_sample_deals(s, opts.seed, opts.end)
            .map_err(|e| AppError::Import(format!("the sample's deals could not be made: {e}")))?;
        Ok((out, deals))
    })?;
    Ok(ImportDone {
        added: out.added as u64,
        duplicates: out.duplicates as u64,
        deals: deals as u64,
        ..ImportDone::default()
    })
}
