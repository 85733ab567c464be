//! The Import screen's flow over the core's import (`mille::import`): a file is read
//! with the user's choices (column menus, date order) or with the mapping remembered
//! for its header set, previewed as a dry run, then imported with its mapping
//! remembered; a platform export is planned against the logged posts. Files are read
//! and parsed with the database unlocked; the lock is taken only to read the base
//! currency, the posts or a mapping, and to write.
//!
//! The core says what is wrong with a file's columns ("choose which column holds it");
//! [`for_the_app`] says how on this screen (the column menus): the app never shows a
//! CLI flag (real-files.md "Mapping and messages").

use crate::db::Db;
use crate::dto::*;
use crate::error::{AppError, AppResult};
use crate::files::file_name;
use mille::import::{self, platform, ImportError, ImportOptions};
use mille::model::{Metrics, Post};
use std::path::Path;

/// A core message as the app says it.
pub fn for_the_app(message: &str) -> String {
    // "the file has no fee column; name a header fee or choose which column holds it"
    if let Some(rest) = message.strip_prefix("the file has no ") {
        if let Some((column, _)) = rest.split_once(" column;") {
            return format!("the file has no {column} column: choose which column holds the {}", spoken(column));
        }
    }
    // "headers "A" and "B" would both be read as fee; rename one or choose which one …"
    if let Some((head, _)) = message.split_once("; rename one or choose which one holds") {
        return format!("{head}: set one of them to another column or to Ignore");
    }
    if message.starts_with("the mapping names an unknown column") {
        return "this is not one of Mille's columns: choose one from the menu".into();
    }
    if message.starts_with("the mapping names a header that is not in the file") {
        return "this header is not in the file: choose the file again".into();
    }
    let out = message.replace("the mapping reads", "you chose");
    // Anything else naming a flag (none should): the sentence up to it.
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
    RowErrorView {
        line: e.line as u64,
        column: e.column.clone(),
        message: for_the_app(&e.message),
        value: e.value.clone(),
    }
}

fn column_views(columns: &[import::ColumnRead]) -> Vec<ColumnView> {
    columns
        .iter()
        .map(|c| ColumnView {
            header: c.header.clone(),
            column: c.column.clone(),
            note: c.note.as_deref().map(for_the_app),
        })
        .collect()
}

/// The options of a tracker read with the user's choices.
fn import_options(
    base: &str,
    maps: &[(String, String)],
    choices: &ImportChoices,
    keep_going: bool,
) -> AppResult<ImportOptions> {
    let mut opts = ImportOptions::with_base(base);
    opts.maps = maps.to_vec();
    opts.keep_going = keep_going;
    opts.date_order = match choices.date_order.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        None => None,
        Some(o) => {
            Some(import::DateOrder::parse(o).ok_or_else(|| AppError::Internal(format!("unknown date order {o:?}")))?)
        }
    };
    Ok(opts)
}

/// An import error that is not a preview result, as one sentence for the app.
fn import_error(e: ImportError) -> AppError {
    AppError::Import(for_the_app(&e.to_string()))
}

type Read = (Result<import::Parsed, ImportError>, Vec<(String, String)>);

/// Reads a tracker with the user's choices, or (`choices.maps` null) with the mapping
/// remembered for its header set: the file is read once to learn its headers, and
/// again when a mapping was remembered. Returns the read and the maps in effect.
fn read_tracker(db: &Db, path: &Path, choices: &ImportChoices, keep_going: bool) -> AppResult<Read> {
    let base = db.base()?;
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
    match db.read(|s| Ok(s.import_mapping(&key)?))? {
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
                        .filter_map(|n| {
                            u.fields.get(n).map(|(old, new)| ExportChange {
                                field: n.to_string(),
                                old: *old,
                                new: *new,
                            })
                        })
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

/// The file as a platform export, planned against the live posts; `None` for a
/// tracker. Another analytics export is refused in one sentence.
fn read_export(db: &Db, path: &Path) -> AppResult<Option<(platform::ExportPlan, Vec<Post>)>> {
    match import::read_platform_export(path) {
        Ok(Some((source, rows))) => {
            let posts = db.read(|s| Ok(s.posts()?))?;
            let plan = platform::plan(source, &rows, &posts);
            Ok(Some((plan, posts)))
        }
        Ok(None) => Ok(None),
        Err(platform::ExportError::Other(other)) => {
            Err(AppError::Import(format!("{}: {}", file_name(path), other.refusal())))
        }
        Err(platform::ExportError::Import(e)) => Err(import_error(e)),
    }
}

/// A dry run of `path` with the user's choices; nothing is written.
pub fn preview(db: &Db, path: &Path, choices: &ImportChoices) -> AppResult<ImportPreview> {
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
        deals: 0,
        export: None,
    };
    if let Some((plan, posts)) = read_export(db, path)? {
        out.export = Some(export_preview(&plan, &posts));
        return Ok(out);
    }
    let (read, maps) = read_tracker(db, path, choices, true)?;
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
                    platform: r.post.platform.display_name().to_string(),
                    format: r.post.format.display_name(),
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
            // The same core function the import uses: posts, and the deals of a status column.
            let dry = db.write(|s| Ok(s.import_parsed(&parsed, true)?))?;
            out.would_add = dry.added as u64;
            out.duplicates = (dry.duplicates + dry.duplicate_deals) as u64;
            out.deals = dry.deals as u64;
        }
    }
    Ok(out)
}

/// What importing a file will do.
pub enum Planned {
    /// A platform export: the posts it updates.
    Export(platform::ExportPlan),
    /// A tracker: its rows read with the choices, and the mapping to remember for its
    /// header set (`key`).
    Tracker { parsed: Box<import::Parsed>, maps: Vec<(String, String)>, key: String },
}

/// Reads `path` for an import: all or nothing, or with `keep_going` its valid rows
/// (its rows with errors kept in `parsed.rejected`).
pub fn plan(db: &Db, path: &Path, choices: &ImportChoices, keep_going: bool) -> AppResult<Planned> {
    if let Some((plan, _)) = read_export(db, path)? {
        return Ok(Planned::Export(plan));
    }
    let (read, maps) = read_tracker(db, path, choices, keep_going)?;
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
    Ok(Planned::Tracker { parsed: Box::new(parsed), maps, key })
}

/// Writes a planned import: the tracker's rows (its mapping remembered), or the
/// export's updates.
pub fn commit(db: &Db, planned: Planned) -> AppResult<ImportDone> {
    match planned {
        Planned::Export(plan) => {
            let updated = db.write(|s| Ok(s.apply_export(&plan, false)?))?;
            Ok(ImportDone { updated: updated as u64, ..ImportDone::default() })
        }
        Planned::Tracker { parsed, maps, key } => {
            let rejected = parsed.rejected.len() as u64;
            let out = db.write(|s| {
                let out = s.import_parsed(&parsed, false)?;
                s.save_import_mapping(&key, &maps)?;
                Ok(out)
            })?;
            Ok(ImportDone {
                added: out.added as u64,
                duplicates: (out.duplicates + out.duplicate_deals) as u64,
                deals: out.deals as u64,
                rejected,
                ..ImportDone::default()
            })
        }
    }
}

/// The rows with errors of a planned tracker as a CSV (the file's header plus an
/// `errors` column), and the name to offer in the save dialog; `None` when there is none.
pub fn rejected_csv(path: &Path, planned: &Planned) -> AppResult<Option<(String, Vec<u8>)>> {
    let Planned::Tracker { parsed, .. } = planned else {
        return Ok(None);
    };
    if parsed.rejected.is_empty() {
        return Ok(None);
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "import".into());
    let mut buf = Vec::new();
    import::write_rejected(parsed, &mut buf).map_err(|source| AppError::Io {
        action: "write",
        path: file_name(path),
        source,
    })?;
    Ok(Some((format!("{stem} - rows with errors.csv"), buf)))
}
