//! The Tauri commands: each is a short call into the `mille` core, the same functions
//! the `mille` CLI calls (posts add/edit/delete/restore, report, import, export,
//! propose, settings, profile, backup, sample). No business rule lives here: this
//! layer parses what was typed with the core's value parsers, calls the core, and
//! shapes the result for the UI (dto.rs).
//!
//! Files reach the core only through paths chosen in a native dialog, opened here on
//! the Rust side (the UI is granted no dialog or file-system permission). For the
//! end-to-end tests, which cannot drive a native dialog, the environment variables
//! `MILLE_E2E_OPEN` and `MILLE_E2E_SAVE` (test-only) give the path the dialog would
//! have returned.

use crate::dto::*;
use crate::error::{AppError, AppResult};
use crate::AppState;
use chrono::NaiveDate;
use mille::import::values as v;
use mille::import::{self, platform, ImportError, ImportOptions};
use mille::metrics::{self, Dimension, ExclusionReason, Filter};
use mille::model::{Format, Handle, Metrics, Platform, Post, PostData, Profile};
use mille::pricing::{self, Deliverable, Request, Settings, UsageRights};
use mille::store::{BackupKind, Store};
use mille::{export, money, sample};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::PathBuf;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// The names of every command, for the app manifest (build.rs) and capabilities.
pub const ALL: &[&str] = include!("command_names.rs");

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) fn lock<'a>(state: &'a State<'_, AppState>) -> AppResult<std::sync::MutexGuard<'a, Store>> {
    state.store.lock().map_err(|_| AppError::Internal("the database is unavailable after an earlier failure; restart Mille".into()))
}

fn to_view<T: serde::Serialize, U: serde::de::DeserializeOwned>(value: &T) -> AppResult<U> {
    serde_json::to_value(value)
        .and_then(serde_json::from_value)
        .map_err(|e| AppError::Internal(format!("could not shape a result for the window: {e}")))
}

pub(crate) fn post_view(p: &Post) -> AppResult<PostView> {
    to_view(&p.record())
}

fn group_view(g: &metrics::Group) -> AppResult<GroupView> {
    Ok(GroupView {
        key: g.key.iter().map(|(d, v)| (d.as_str().to_string(), v.clone())).collect(),
        stats: to_view(&g.stats)?,
        post_ids: g.post_ids.clone(),
    })
}

pub(crate) fn report_view(r: &metrics::Report) -> AppResult<ReportView> {
    Ok(ReportView {
        base_currency: r.base_currency.clone(),
        by: r.by.iter().map(|d| d.as_str().to_string()).collect(),
        groups: r.groups.iter().map(group_view).collect::<AppResult<_>>()?,
        total: to_view(&r.total)?,
        excluded: r.excluded.iter().map(to_view).collect::<AppResult<_>>()?,
    })
}

// ----- app ---------------------------------------------------------------------------

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> AppResult<AppInfo> {
    let store = lock(&state)?;
    app_info_of(&store, &state.db_path)
}

pub(crate) fn app_info_of(store: &Store, db_path: &std::path::Path) -> AppResult<AppInfo> {
    let profile = store.profile()?;
    // Read as facts, not posts: this runs at every launch, and a summary needs no `Post`
    // (10^4 of them are megabytes, allocated and freed for nothing).
    let parts = store.fold_facts(Summary::default, Summary::add)?;
    let mut sum = Summary::default();
    parts.into_iter().for_each(|p| sum.merge(p));
    // Brands most recent first (date, then id), each named as its latest post writes it.
    let mut brands: Vec<(NaiveDate, i64, String)> = sum.brands.into_values().collect();
    brands.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let mut format_use = sum.formats;
    for f in ["post", "reel", "story", "video", "short", "live", "carousel", "mention"] {
        format_use.entry(f.to_string()).or_default();
    }
    let mut formats: Vec<(String, usize)> = format_use.into_iter().collect();
    formats.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // The last logged post (highest id) decides what the Log form suggests.
    let last = sum.last.as_ref().map(|(_, platform, format)| (platform, format));
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        db_path: db_path.display().to_string(),
        symbol: money::symbol(&profile.base_currency).unwrap_or("").to_string(),
        base_currency: profile.base_currency,
        accent: profile.accent,
        post_count: sum.posts,
        platforms: Platform::ALL
            .iter()
            .map(|p| PlatformView { slug: p.as_str().to_string(), name: p.display_name().to_string() })
            .collect(),
        formats: formats.into_iter().map(|f| f.0).collect(),
        brands: brands.into_iter().map(|b| b.2).take(500).collect(),
        last_platform: last.map(|(p, _)| p.as_str().to_string()).unwrap_or_else(|| "instagram".into()),
        last_format: last.map(|(_, f)| f.clone()).unwrap_or_else(|| "reel".into()),
        today: today().to_string(),
        ratecard: crate::ratecard::AVAILABLE,
    })
}

/// What the app's header and Log form need to know of the whole history.
#[derive(Default)]
struct Summary {
    posts: u64,
    /// Per brand, compared case-insensitively: its latest post's date, id and spelling.
    brands: std::collections::HashMap<String, (NaiveDate, i64, String)>,
    formats: BTreeMap<String, usize>,
    /// The post with the highest id: (id, platform, format).
    last: Option<(i64, Platform, String)>,
}

impl Summary {
    fn add(&mut self, f: &mille::model::Fact<'_>) {
        self.posts += 1;
        self.keep_brand(f.brand.to_lowercase(), f.date, f.id, || f.brand.to_string());
        match self.formats.get_mut(f.format) {
            Some(n) => *n += 1,
            None => {
                self.formats.insert(f.format.to_string(), 1);
            }
        }
        self.keep_last(f.id, f.platform, || f.format.to_string());
    }

    fn merge(&mut self, other: Summary) {
        self.posts += other.posts;
        for (key, (date, id, name)) in other.brands {
            self.keep_brand(key, date, id, || name);
        }
        for (f, n) in other.formats {
            *self.formats.entry(f).or_default() += n;
        }
        if let Some((id, platform, format)) = other.last {
            self.keep_last(id, platform, || format);
        }
    }

    /// Keeps `name` as the brand `key`'s spelling if its post is later (date, then id)
    /// than the one seen so far; `name` is only made when it is kept.
    fn keep_brand(&mut self, key: String, date: NaiveDate, id: i64, name: impl FnOnce() -> String) {
        match self.brands.get_mut(&key) {
            Some(seen) if (date, id) > (seen.0, seen.1) => *seen = (date, id, name()),
            Some(_) => {}
            None => {
                self.brands.insert(key, (date, id, name()));
            }
        }
    }

    /// Keeps post `id` as the last logged one if its id is higher than the one seen.
    fn keep_last(&mut self, id: i64, platform: Platform, format: impl FnOnce() -> String) {
        if self.last.as_ref().map_or(true, |l| id > l.0) {
            self.last = Some((id, platform, format()));
        }
    }
}

/// Called by the UI on its first animation frame after the first data load: returns
/// (and logs to stderr) the milliseconds since the process started.
#[tauri::command]
pub fn mark_ready(state: State<'_, AppState>) -> u64 {
    let ms = state.started.elapsed().as_millis() as u64;
    let mut first = state.ready_ms.lock().unwrap_or_else(|e| e.into_inner());
    if first.is_none() {
        *first = Some(ms);
        eprintln!("mille-app: first interactive paint {ms} ms after launch");
    }
    first.unwrap_or(ms)
}

// ----- posts -------------------------------------------------------------------------

#[tauri::command]
pub async fn list_posts(state: State<'_, AppState>) -> AppResult<Vec<PostView>> {
    let store = lock(&state)?;
    store.posts()?.iter().map(post_view).collect()
}

#[tauri::command]
pub async fn list_trash(state: State<'_, AppState>) -> AppResult<Vec<PostView>> {
    let store = lock(&state)?;
    store.trash()?.iter().map(post_view).collect()
}

fn bad(field: &str, label: &str, text: &str, e: v::ValueError) -> AppError {
    let shown = if text.trim().is_empty() { String::new() } else { format!(" {:?}", text.trim()) };
    AppError::field(field, format!("{label}{shown}: {}", e.message()))
}

/// Reads the Log / Edit form into a post with the core's value rules.
pub(crate) fn parse_post(input: &PostInput, base: &str) -> AppResult<PostData> {
    let date = v::parse_date(&input.date).map_err(|e| bad("date", "date", &input.date, e))?;
    let brand = input.brand.trim();
    if brand.is_empty() {
        return Err(AppError::field("brand", "brand: a brand name is required"));
    }
    let platform = v::parse_platform(&input.platform).map_err(|e| bad("platform", "platform", &input.platform, e))?;
    let format = v::parse_format(&input.format).map_err(|e| bad("format", "format", &input.format, e))?;
    let currency = if input.currency.trim().is_empty() {
        None
    } else {
        let code = input.currency.trim().to_uppercase();
        if !money::is_iso_currency(&code) {
            return Err(AppError::field("currency", format!("currency {:?} is not an ISO 4217 code such as USD or EUR", input.currency.trim())));
        }
        Some(code)
    };
    if input.fee.trim().is_empty() {
        return Err(AppError::field("fee", "fee: what the brand paid is required (0 for a gifted post)"));
    }
    let (fee, currency) = v::parse_fee(&input.fee, currency.as_deref(), base).map_err(|e| bad("fee", "fee", &input.fee, e))?;
    let fx_rate = if input.fx_rate.trim().is_empty() {
        None
    } else {
        Some(v::parse_fx_rate(&input.fx_rate).map_err(|e| bad("fx_rate", "exchange rate", &input.fx_rate, e))?)
    };
    let fx_rate = if currency == base {
        if fx_rate.is_some_and(|r| r != Decimal::ONE) {
            return Err(AppError::field("fx_rate", format!("exchange rate: only for fees in another currency than {base}")));
        }
        None
    } else {
        match fx_rate {
            Some(r) => Some(r),
            None => {
                return Err(AppError::field("fx_rate", format!("a fee in {currency} needs its exchange rate ({base} for 1 {currency})")))
            }
        }
    };
    let mut metrics = Metrics::default();
    let counts = [
        ("impressions", &input.impressions),
        ("reach", &input.reach),
        ("views", &input.views),
        ("likes", &input.likes),
        ("comments", &input.comments),
        ("shares", &input.shares),
        ("saves", &input.saves),
        ("clicks", &input.clicks),
    ];
    for (name, text) in counts {
        let value = v::parse_count(text).map_err(|e| bad(name, name, text, e))?;
        if let Some(slot) = metrics.slot_mut(name) {
            *slot = value;
        }
    }
    Ok(PostData {
        date,
        brand: brand.to_string(),
        platform,
        format,
        fee,
        currency,
        fx_rate,
        metrics,
        campaign: input.campaign.trim().to_string(),
        url: input.url.trim().to_string(),
        notes: input.notes.trim().to_string(),
    })
}

#[tauri::command]
pub async fn add_post(state: State<'_, AppState>, input: PostInput) -> AppResult<PostView> {
    let mut store = lock(&state)?;
    let base = store.profile()?.base_currency;
    let post = parse_post(&input, &base)?;
    post_view(&store.add_post(&post)?)
}

#[tauri::command]
pub async fn update_post(state: State<'_, AppState>, id: i64, input: PostInput) -> AppResult<PostView> {
    let mut store = lock(&state)?;
    let base = store.profile()?.base_currency;
    let post = parse_post(&input, &base)?;
    post_view(&store.update_post(id, &post)?)
}

#[tauri::command]
pub async fn delete_post(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(lock(&state)?.delete_post(id)?)
}

#[tauri::command]
pub async fn restore_post(state: State<'_, AppState>, id: i64) -> AppResult<PostView> {
    let mut store = lock(&state)?;
    post_view(&store.restore_post(id)?)
}

/// "Try with sample data": the core's generated history (160 posts, seed 1) into an
/// empty database.
#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> AppResult<ImportDone> {
    let mut store = lock(&state)?;
    if store.has_posts()? {
        return Err(AppError::Import("sample data only goes into an empty history, and yours already has posts".into()));
    }
    let opts = sample::SampleOptions { end: today().min(sample::DEFAULT_END.max(today())), ..Default::default() };
    let posts = sample::generate(&opts);
    let out = store.import_posts(&posts, false)?;
    Ok(ImportDone { added: out.added as u64, duplicates: out.duplicates as u64, ..ImportDone::default() })
}

// ----- overview and insights ---------------------------------------------------------

/// The first day of the 12 months that end today.
fn year_ago(day: NaiveDate) -> NaiveDate {
    day.checked_sub_months(chrono::Months::new(12)).map(|d| d.succ_opt().unwrap_or(d)).unwrap_or(day)
}

pub(crate) fn overview_of(store: &Store, day: NaiveDate) -> AppResult<OverviewView> {
    let base = store.profile()?.base_currency;
    let posts = store.posts()?;
    let from = year_ago(day);
    let window = Filter { from: Some(from), to: Some(day), ..Filter::default() };
    let headline = metrics::report_filtered(&posts, &window, &[], &base);
    let segments = metrics::report_filtered(&posts, &window, &[Dimension::Platform, Dimension::Format], &base);
    let quarters = metrics::report(&posts, &[Dimension::Quarter], &base);
    let settings = Settings::from_stored(&store.settings()?)?;
    let seasons = pricing::season_factors(&posts, &settings, day.succ_opt().unwrap_or(day));
    let by_id: BTreeMap<i64, &Post> = posts.iter().map(|p| (p.id, p)).collect();
    let mut needs: Vec<&Post> = quarters
        .excluded
        .iter()
        .filter(|e| e.reason == ExclusionReason::ImpressionsUnknown)
        .filter_map(|e| by_id.get(&e.id).copied())
        .filter(|p| p.fee > Decimal::ZERO)
        .collect();
    needs.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    let mut segs: Vec<&metrics::Group> = segments.groups.iter().collect();
    segs.sort_by(|a, b| b.stats.measured_posts.cmp(&a.stats.measured_posts));
    Ok(OverviewView {
        base_currency: base,
        total_posts: posts.len() as u64,
        from: from.to_string(),
        to: day.to_string(),
        headline: to_view(&headline.total)?,
        segments: segs.into_iter().map(group_view).collect::<AppResult<_>>()?,
        seasons: seasons
            .iter()
            .map(|s| SeasonView { season: s.season.to_string(), factor: money::fixed(s.factor, 2), posts: s.posts as u64 })
            .collect(),
        quarters: quarters.groups.iter().map(group_view).collect::<AppResult<_>>()?,
        needs_impressions: needs.into_iter().take(50).map(post_view).collect::<AppResult<_>>()?,
    })
}

#[tauri::command]
pub async fn overview(state: State<'_, AppState>) -> AppResult<OverviewView> {
    let store = lock(&state)?;
    overview_of(&store, today())
}

#[tauri::command]
pub async fn report(state: State<'_, AppState>, query: ReportQuery) -> AppResult<ReportView> {
    let mut by = Vec::new();
    for name in &query.by {
        let dim: Dimension = name.parse().map_err(|e: metrics::DimensionError| AppError::field("by", e.to_string()))?;
        if !by.contains(&dim) {
            by.push(dim);
        }
    }
    let opt_date = |text: &str, field: &str, label: &str| -> AppResult<Option<NaiveDate>> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        v::parse_date(text).map(Some).map_err(|e| bad(field, label, text, e))
    };
    let filter = Filter {
        from: opt_date(&query.from, "from", "from")?,
        to: opt_date(&query.to, "to", "to")?,
        platform: if query.platform.trim().is_empty() {
            None
        } else {
            Some(v::parse_platform(&query.platform).map_err(|e| bad("platform", "platform", &query.platform, e))?)
        },
        format: if query.format.trim().is_empty() { None } else { Format::parse(&query.format) },
        brand: Some(query.brand.trim().to_string()).filter(|b| !b.is_empty()),
    };
    let store = lock(&state)?;
    let base = store.profile()?.base_currency;
    let posts = store.posts()?;
    report_view(&metrics::report_filtered(&posts, &filter, &by, &base))
}

// ----- import / export ---------------------------------------------------------------

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Opens the native file dialog (or takes `MILLE_E2E_OPEN` in tests) and remembers the
/// chosen file for `import_preview` / `import_commit`. Returns its name, or null when
/// the dialog was cancelled.
#[tauri::command]
pub async fn pick_import_file(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<String>> {
    let Some(path) = open_path(&app, "Import a campaign file", ("Campaign files", &["csv", "xlsx", "xls", "ods"])) else {
        return Ok(None);
    };
    let name = file_name(&path);
    *state.import_path.lock().map_err(|_| AppError::Internal("import state unavailable".into()))? = Some(path);
    Ok(Some(name))
}

fn chosen_import(state: &State<'_, AppState>) -> AppResult<PathBuf> {
    state
        .import_path
        .lock()
        .map_err(|_| AppError::Internal("import state unavailable".into()))?
        .clone()
        .ok_or_else(|| AppError::Cancelled("choose a file to import first".into()))
}

/// A core message as the app says it: the core's few hints at the CLI's flags
/// (`--map`, `--date-order`) become what to do on this screen. The app never shows a
/// CLI flag (real-files.md "Mapping and messages").
pub(crate) fn for_the_app(message: &str) -> String {
    // "the file has no fee column; name a header fee or use --map 'Header=fee'"
    if let Some(rest) = message.strip_prefix("the file has no ") {
        if let Some((column, _)) = rest.split_once(" column;") {
            return format!("the file has no {column} column: choose which column holds the {}", spoken(column));
        }
    }
    // "headers "A" and "B" would both be read as fee; rename one or choose with --map …"
    if let Some((head, _)) = message.split_once("; rename one or choose with --map") {
        return format!("{head}: set one of them to another column or to Ignore");
    }
    if message.starts_with("--map names an unknown column") {
        return "this is not one of Mille's columns: choose one from the menu".into();
    }
    if message.starts_with("--map names a header that is not in the file") {
        return "this header is not in the file: choose the file again".into();
    }
    let out = message.replace("--map reads", "you chose");
    // Anything else naming a flag: the sentence up to it.
    match out.find(" --").or_else(|| out.find("--")) {
        Some(i) => out[..i].trim_end_matches([';', ',', ' ', ':']).to_string(),
        None => out,
    }
}

/// A Mille column as a person names it.
fn spoken(column: &str) -> &str {
    match column {
        "fx_rate" => "exchange rate",
        "paid_on" => "payment date",
        "url" => "link",
        other => other,
    }
}

fn error_view(e: &import::RowError) -> RowErrorView {
    RowErrorView { line: e.line as u64, column: e.column.clone(), message: for_the_app(&e.message), value: e.value.clone() }
}

fn column_views(columns: &[import::ColumnRead]) -> Vec<ColumnView> {
    columns
        .iter()
        .map(|c| ColumnView { header: c.header.clone(), column: c.column.clone(), note: c.note.as_deref().map(for_the_app) })
        .collect()
}

/// The options of a tracker read with the user's choices.
fn import_options(base: &str, maps: &[(String, String)], choices: &ImportChoices, keep_going: bool) -> AppResult<ImportOptions> {
    let mut opts = ImportOptions::with_base(base);
    opts.maps = maps.to_vec();
    opts.keep_going = keep_going;
    opts.date_order = match choices.date_order.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        None => None,
        Some(o) => Some(import::DateOrder::parse(o).ok_or_else(|| AppError::Internal(format!("unknown date order {o:?}")))?),
    };
    Ok(opts)
}

/// An import error that is not a preview result, as one sentence for the app.
fn import_error(e: ImportError) -> AppError {
    AppError::Import(for_the_app(&e.to_string()))
}

/// Reads a tracker with the user's choices, or (`choices.maps` null) with the mapping
/// remembered for its header set: the file is read once to learn its headers, and
/// again when a mapping was remembered. Returns the read and the maps in effect.
fn read_tracker(
    store: &Store,
    path: &std::path::Path,
    choices: &ImportChoices,
    keep_going: bool,
) -> AppResult<(Result<import::Parsed, ImportError>, Vec<(String, String)>)> {
    let base = store.profile()?.base_currency;
    let maps = choices.maps.clone().unwrap_or_default();
    let first = import::read_path(path, &import_options(&base, &maps, choices, keep_going)?);
    if choices.maps.is_some() {
        return Ok((first, maps));
    }
    let columns = match &first {
        Ok(p) => &p.columns,
        Err(ImportError::Refused { columns, .. }) | Err(ImportError::AmbiguousDates { columns, .. }) => columns,
        Err(_) => return Ok((first, maps)),
    };
    let key = import::header_key(&columns.iter().map(|c| c.header.as_str()).collect::<Vec<_>>());
    match store.import_mapping(&key)? {
        Some(remembered) if !remembered.is_empty() => {
            let again = import::read_path(path, &import_options(&base, &remembered, choices, keep_going)?);
            Ok((again, remembered))
        }
        _ => Ok((first, maps)),
    }
}

fn export_preview(plan: &platform::ExportPlan, posts: &[Post]) -> ExportPreview {
    ExportPreview {
        source: plan.source.slug().to_string(),
        name: plan.source.name().to_string(),
        fields: plan.changed_fields().into_iter().map(String::from).collect(),
        updated: plan
            .updated
            .iter()
            .map(|u| {
                let post = posts.iter().find(|p| p.id == u.post_id);
                ExportPostView {
                    post_id: u.post_id,
                    date: post.map(|p| p.date.to_string()).unwrap_or_default(),
                    brand: post.map(|p| p.brand.clone()).unwrap_or_default(),
                    changes: Metrics::NAMES
                        .iter()
                        .filter_map(|n| u.fields.get(n).map(|(old, new)| ExportChange { field: n.to_string(), old: *old, new: *new }))
                        .collect(),
                    url: u.url.clone(),
                }
            })
            .collect(),
        unmatched: plan
            .unmatched
            .iter()
            .map(|r| UnmatchedView { line: r.line as u64, title: r.title.clone(), date: r.date.clone() })
            .collect(),
    }
}

/// The chosen file as a platform export, planned against the live posts; `None` for a
/// tracker. Another analytics export is refused in one sentence.
fn read_export(store: &Store, path: &std::path::Path) -> AppResult<Option<(platform::ExportPlan, Vec<Post>)>> {
    match import::read_platform_export(path) {
        Ok(Some((source, rows))) => {
            let posts = store.posts()?;
            let plan = platform::plan(source, &rows, &posts);
            Ok(Some((plan, posts)))
        }
        Ok(None) => Ok(None),
        Err(platform::ExportError::Other(other)) => Err(AppError::Import(format!("{}: {}", file_name(path), other.refusal()))),
        Err(platform::ExportError::Import(e)) => Err(import_error(e)),
    }
}

pub(crate) fn preview_of(store: &mut Store, path: &std::path::Path, choices: &ImportChoices) -> AppResult<ImportPreview> {
    let mut out = ImportPreview {
        file_name: file_name(path),
        columns: Vec::new(),
        maps: Vec::new(),
        column_names: import::Column::EVERY.iter().map(|c| c.name().to_string()).collect(),
        date_question: None,
        date_order: None,
        refused: false,
        errors: Vec::new(),
        total_errors: 0,
        rejected: 0,
        rows: 0,
        first_rows: Vec::new(),
        warnings: Vec::new(),
        converted: Vec::new(),
        would_add: 0,
        duplicates: 0,
        export: None,
    };
    if let Some((plan, posts)) = read_export(store, path)? {
        out.export = Some(export_preview(&plan, &posts));
        return Ok(out);
    }
    let (read, maps) = read_tracker(store, path, choices, true)?;
    out.maps = maps;
    match read {
        Err(ImportError::Refused { errors, total, columns }) => {
            out.refused = true;
            out.columns = column_views(&columns);
            out.total_errors = total as u64;
            out.errors = errors.iter().take(200).map(error_view).collect();
        }
        Err(ImportError::AmbiguousDates { column, value, day_first, month_first, columns }) => {
            out.columns = column_views(&columns);
            out.date_question = Some(DateQuestion {
                column,
                value,
                day_first: day_first.format("%-d %B %Y").to_string(),
                month_first: month_first.format("%B %-d, %Y").to_string(),
            });
        }
        Err(e) => return Err(import_error(e)),
        Ok(parsed) => {
            out.columns = column_views(&parsed.columns);
            out.date_order = parsed.date_order.as_ref().map(|d| d.order.as_str().to_string());
            out.rows = parsed.rows.len() as u64;
            out.rejected = parsed.rejected.len() as u64;
            let errors: Vec<&import::RowError> = parsed.rejected.iter().flat_map(|r| &r.errors).collect();
            out.total_errors = errors.len() as u64;
            out.errors = errors.into_iter().take(200).map(error_view).collect();
            out.first_rows = parsed
                .rows
                .iter()
                .take(8)
                .map(|r| PreviewRow {
                    line: r.line as u64,
                    date: r.post.date.to_string(),
                    brand: r.post.brand.clone(),
                    platform: r.post.platform.as_str().to_string(),
                    format: r.post.format.as_str().to_string(),
                    fee: r.post.fee.to_string(),
                    currency: r.post.currency.clone(),
                    impressions: r.post.metrics.impressions,
                })
                .collect();
            out.warnings = parsed.warnings.iter().map(|w| for_the_app(w)).collect();
            out.converted = parsed
                .converted
                .iter()
                .map(|c| ConversionView {
                    line: c.line as u64,
                    currency: c.currency.clone(),
                    rate: c.rate.to_string(),
                    date: c.date.to_string(),
                })
                .collect();
            let dry = store.import_posts(&parsed.posts(), true)?;
            out.would_add = dry.added as u64;
            out.duplicates = dry.duplicates as u64;
        }
    }
    Ok(out)
}

/// A dry run of the chosen file with the user's choices (column menus, date order):
/// every column and how it is read, the first rows, every error with its line, how
/// many posts would be added; or the date question; or, for a platform export, the
/// posts it would update. Nothing is written.
#[tauri::command]
pub async fn import_preview(state: State<'_, AppState>, choices: ImportChoices) -> AppResult<ImportPreview> {
    let path = chosen_import(&state)?;
    let mut store = lock(&state)?;
    preview_of(&mut store, &path, &choices)
}

/// What importing a tracker will do: its rows read with the choices, and where its
/// rows with errors go.
pub(crate) struct Planned {
    pub parsed: import::Parsed,
    pub maps: Vec<(String, String)>,
    pub key: String,
}

pub(crate) fn plan_commit(store: &Store, path: &std::path::Path, choices: &ImportChoices, keep_going: bool) -> AppResult<Planned> {
    let (read, maps) = read_tracker(store, path, choices, keep_going)?;
    let parsed = match read {
        Ok(p) => p,
        Err(ImportError::Refused { total, .. }) => {
            let errors = if total == 1 { "1 error".to_string() } else { format!("{total} errors") };
            return Err(AppError::Import(format!("nothing was imported: {} has {errors}", file_name(path))));
        }
        Err(ImportError::AmbiguousDates { value, .. }) => {
            return Err(AppError::Import(format!("nothing was imported: choose how to read dates like {value} first")))
        }
        Err(e) => return Err(import_error(e)),
    };
    let key = import::header_key(&parsed.columns.iter().map(|c| c.header.as_str()).collect::<Vec<_>>());
    Ok(Planned { parsed, maps, key })
}

/// Imports the rows of a planned tracker and remembers its mapping.
pub(crate) fn commit_planned(store: &mut Store, planned: Planned) -> AppResult<ImportDone> {
    let rejected = planned.parsed.rejected.len() as u64;
    let out = store.import_posts(&planned.parsed.into_posts(), false)?;
    store.save_import_mapping(&planned.key, &planned.maps)?;
    Ok(ImportDone { added: out.added as u64, duplicates: out.duplicates as u64, rejected, ..ImportDone::default() })
}

/// Imports the chosen file with the user's choices. A tracker: all or nothing, or with
/// `keep_going` the valid rows, its rows with errors first saved where the save dialog
/// says (the file's header plus an `errors` column); null when that dialog is
/// cancelled (nothing imported). The mapping is remembered for the file's header set.
/// A platform export: the posts it updates.
#[tauri::command]
pub async fn import_commit(
    app: AppHandle,
    state: State<'_, AppState>,
    choices: ImportChoices,
    keep_going: bool,
) -> AppResult<Option<ImportDone>> {
    let path = chosen_import(&state)?;
    let planned = {
        let mut store = lock(&state)?;
        if let Some((plan, _)) = read_export(&store, &path)? {
            let updated = store.apply_export(&plan, false)?;
            return Ok(Some(ImportDone { updated: updated as u64, ..ImportDone::default() }));
        }
        plan_commit(&store, &path, &choices, keep_going)?
    };
    let mut saved = None;
    if !planned.parsed.rejected.is_empty() {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "import".into());
        let name = format!("{stem} - rows with errors.csv");
        let Some(out) = save_path(&app, "Save the rows with errors", &name, ("CSV", &["csv"])) else { return Ok(None) };
        let mut buf = Vec::new();
        import::write_rejected(&planned.parsed, &mut buf)
            .map_err(|source| AppError::Io { action: "write", path: out.display().to_string(), source })?;
        saved = Some(write_file(&out, &buf)?.path);
    }
    let mut store = lock(&state)?;
    let mut done = commit_planned(&mut store, planned)?;
    done.rejected_path = saved;
    Ok(Some(done))
}

/// Asks which file to open (native dialog, or `MILLE_E2E_OPEN` in tests); None = cancelled.
pub(crate) fn open_path(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MILLE_E2E_OPEN") {
        return Some(PathBuf::from(p));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok())
}

/// Asks where to save (native dialog, or `MILLE_E2E_SAVE` in tests); None = cancelled.
pub(crate) fn save_path(app: &AppHandle, title: &str, default_name: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MILLE_E2E_SAVE") {
        return Some(PathBuf::from(p));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(default_name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file()
        .and_then(|f| f.into_path().ok())
}

/// Writes `bytes` next to `path` then renames, so a failed write leaves no half file.
pub(crate) fn write_file(path: &std::path::Path, bytes: &[u8]) -> AppResult<Saved> {
    let io = |source| AppError::Io { action: "write", path: path.display().to_string(), source };
    let tmp = path.with_extension("mille-tmp");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(Saved { path: path.display().to_string(), bytes: bytes.len() as u64 })
}

/// Every post (not in the trash) as a campaign CSV, to a file chosen in the save dialog.
#[tauri::command]
pub async fn export_csv(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<Saved>> {
    let name = format!("mille-posts-{}.csv", today());
    let Some(path) = save_path(&app, "Export posts as CSV", &name, ("CSV", &["csv"])) else { return Ok(None) };
    let posts = lock(&state)?.posts()?;
    let mut buf = Vec::new();
    export::write_csv(posts.iter().map(|p| &p.data), &mut buf)
        .map_err(|source| AppError::Io { action: "write", path: path.display().to_string(), source })?;
    write_file(&path, &buf).map(Some)
}

// ----- pricing -----------------------------------------------------------------------

/// A typed number of days: empty is none.
pub(crate) fn days(text: &str, field: &str, label: &str) -> AppResult<Option<u32>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u32>().map(Some).map_err(|_| AppError::field(field, format!("{label} {t:?}: a whole number of days, 0 or more")))
}

/// A typed quantity of a deliverable line (`line` names it): empty is 1.
pub(crate) fn quantity(text: &str, field: &str, line: &str) -> AppResult<u32> {
    let q = text.trim();
    if q.is_empty() {
        return Ok(1);
    }
    q.parse::<u32>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| AppError::field(field, format!("{line}: quantity {q:?} must be a whole number, at least 1")))
}

/// Typed usage rights: empty, a number of days, or `perpetual`.
pub(crate) fn usage_rights(text: &str, field: &str, label: &str) -> AppResult<Option<UsageRights>> {
    let t = text.trim();
    Ok(if t.is_empty() {
        None
    } else if t.eq_ignore_ascii_case("perpetual") {
        Some(UsageRights::Perpetual)
    } else {
        Some(UsageRights::Days(days(t, field, label)?.unwrap_or(0)))
    })
}

pub(crate) fn request_of(input: &ProposeInput, base: &str, as_of: NaiveDate) -> AppResult<Request> {
    let mut deliverables = Vec::new();
    let mut impressions = Vec::new();
    for (i, d) in input.deliverables.iter().enumerate() {
        let field = format!("line{i}");
        let platform = v::parse_platform(&d.platform).map_err(|e| bad(&field, &format!("line {}: platform", i + 1), &d.platform, e))?;
        let format = v::parse_format(&d.format).map_err(|e| bad(&field, &format!("line {}: format", i + 1), &d.format, e))?;
        let quantity = quantity(&d.quantity, &field, &format!("line {}", i + 1))?;
        if !d.impressions.trim().is_empty() {
            match v::parse_count(&d.impressions) {
                Ok(Some(n)) if n > 0 => impressions.push((platform, format.clone(), n)),
                _ => {
                    return Err(AppError::field(
                        &field,
                        format!("line {}: projected impressions {:?} must be a whole number above 0", i + 1, d.impressions.trim()),
                    ))
                }
            }
        }
        deliverables.push(Deliverable { platform, format, quantity });
    }
    let date = v::parse_date(&input.date).map_err(|e| bad("date", "date", &input.date, e))?;
    let mut req = Request::new(deliverables, date, as_of);
    req.brand = Some(input.brand.trim().to_string()).filter(|b| !b.is_empty());
    req.usage_rights = usage_rights(&input.usage_rights, "usage_rights", "usage rights")?;
    req.exclusivity_days = days(&input.exclusivity, "exclusivity", "exclusivity")?;
    req.whitelisting_days = days(&input.whitelisting, "whitelisting", "whitelisting")?;
    req.rush = input.rush;
    req.impressions = impressions;
    if !input.offer.trim().is_empty() {
        let (amount, currency) = v::parse_fee(&input.offer, None, base).map_err(|e| bad("offer", "offer", &input.offer, e))?;
        if currency != base {
            return Err(AppError::field("offer", format!("offer: give it in your base currency, {base}")));
        }
        req.offer = Some(amount);
    }
    Ok(req)
}

/// A rate proposal (and, with an offer, its check), as of today.
#[tauri::command]
pub async fn propose(state: State<'_, AppState>, input: ProposeInput) -> AppResult<ProposalView> {
    let store = lock(&state)?;
    let base = store.profile()?.base_currency;
    let req = request_of(&input, &base, today())?;
    let settings = Settings::from_stored(&store.settings()?)?;
    let posts = store.posts()?;
    let proposal = pricing::propose(&posts, &settings, &req, &base)?;
    to_view(&proposal)
}

// ----- profile, settings, backups ----------------------------------------------------

fn profile_view(p: Profile) -> ProfileView {
    ProfileView {
        name: p.name,
        handles: p
            .handles
            .into_iter()
            .map(|h| HandleView {
                platform: h.platform.as_str().to_string(),
                handle: h.handle,
                audience: h.audience.map(|a| a.to_string()).unwrap_or_default(),
            })
            .collect(),
        base_currency: p.base_currency,
        payment_terms: p.payment_terms,
        accent: p.accent,
        logo: p.logo,
    }
}

#[tauri::command]
pub async fn get_profile(state: State<'_, AppState>) -> AppResult<ProfileView> {
    Ok(profile_view(lock(&state)?.profile()?))
}

#[tauri::command]
pub async fn set_profile(state: State<'_, AppState>, profile: ProfileView) -> AppResult<ProfileView> {
    let mut store = lock(&state)?;
    let current = store.profile()?;
    let code = profile.base_currency.trim().to_uppercase();
    if !money::is_iso_currency(&code) {
        return Err(AppError::field("base_currency", format!("base currency {:?} is not an ISO 4217 code such as USD", profile.base_currency.trim())));
    }
    let hex = profile.accent.trim().trim_start_matches('#').to_lowercase();
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::field("accent", format!("accent {:?} is not a colour like #5b3fd1", profile.accent.trim())));
    }
    let mut handles = Vec::new();
    for (i, h) in profile.handles.iter().enumerate() {
        if h.handle.trim().is_empty() {
            continue;
        }
        let field = format!("handle{i}");
        let platform = Platform::parse(&h.platform)
            .ok_or_else(|| AppError::field(&field, format!("handle {}: unknown platform {:?}", i + 1, h.platform)))?;
        let audience = v::parse_count(&h.audience).map_err(|e| bad(&field, &format!("handle {}: audience", i + 1), &h.audience, e))?;
        handles.push(Handle { platform, handle: h.handle.trim().to_string(), audience });
    }
    let p = Profile {
        name: profile.name.trim().to_string(),
        handles,
        base_currency: code,
        payment_terms: profile.payment_terms.trim().to_string(),
        accent: format!("#{hex}"),
        logo: current.logo,
    };
    store.set_profile(&p)?;
    Ok(profile_view(store.profile()?))
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> AppResult<Vec<SettingView>> {
    let store = lock(&state)?;
    let settings = Settings::from_stored(&store.settings()?)?;
    Ok(settings
        .describe()
        .into_iter()
        .map(|i| SettingView { key: i.key.to_string(), value: i.value, default: i.default, source: i.source.to_string() })
        .collect())
}

#[tauri::command]
pub async fn set_setting(state: State<'_, AppState>, key: String, value: String) -> AppResult<Vec<SettingView>> {
    {
        let mut store = lock(&state)?;
        let key = key.trim();
        let normalised = Settings::validate_value(key, &value).map_err(|e| AppError::field(key, e.to_string()))?;
        store.set_setting(key, &normalised)?;
    }
    get_settings(state).await
}

fn backup_view(b: mille::store::BackupInfo) -> BackupView {
    let kind = serde_json::to_value(b.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    BackupView { name: b.name, kind, created: b.created, bytes: b.bytes }
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> AppResult<Vec<BackupView>> {
    let store = lock(&state)?;
    let mut list: Vec<BackupView> = store.list_backups()?.into_iter().map(backup_view).collect();
    list.reverse(); // newest first
    Ok(list)
}

#[tauri::command]
pub async fn create_backup(state: State<'_, AppState>) -> AppResult<BackupView> {
    Ok(backup_view(lock(&state)?.create_backup(BackupKind::Manual)?))
}

/// Restores a backup; the database it replaces is kept as a backup first (returned).
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> AppResult<BackupView> {
    Ok(backup_view(lock(&state)?.restore_backup(&name)?))
}

