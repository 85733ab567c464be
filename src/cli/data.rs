//! `mille import`, `mille export` and `mille sample`: campaign files in and out
//! (csv-format.md), and generated histories (sample-data.md).

use super::progress::{self, Spinner};
use super::{out, out_json, values, CliError, CliResult, Ctx};
use clap::Args;
use mille::import::{self, ImportError, ImportOptions};
use mille::{export, sample};
use std::io::Write;
use std::path::PathBuf;

/// How many errors a refused import lists before "… and K more errors".
const ERRORS_SHOWN: usize = 50;

#[derive(Args)]
pub struct ImportArgs {
    /// A campaign file: .csv (also `;` or tab delimited), .xlsx, .xls or .ods.
    file: PathBuf,
    /// Check the file and say what would happen, without writing anything.
    #[arg(long)]
    dry_run: bool,
    /// 'Their header=column': read a header as one of Mille's columns (repeatable).
    #[arg(long = "map", value_name = "HEADER=COLUMN")]
    maps: Vec<String>,
    /// How to read dates like 3/4/2025 when the file does not say: dmy (3 April) or
    /// mdy (March 4).
    #[arg(long, value_name = "dmy|mdy")]
    date_order: Option<String>,
    /// Import the valid rows and write every row with errors to this CSV (its header,
    /// its fields as read, and a last column `errors`).
    #[arg(long, value_name = "OUT.csv")]
    rejected: Option<PathBuf>,
}

#[derive(Args)]
pub struct ExportArgs {
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Args)]
pub struct SampleArgs {
    /// How many posts to generate.
    #[arg(long)]
    rows: usize,
    /// Same seed, same file.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// First possible post date (default 2023-01-01).
    #[arg(long)]
    start: Option<String>,
    /// Last possible post date (default 2026-10-31).
    #[arg(long)]
    end: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Import the posts into the database (which must hold none) and make the deals
    /// of the sample history (deals.md); the CSV then goes only to --out, if given.
    #[arg(long)]
    deals: bool,
}

pub fn import(ctx: &Ctx, args: ImportArgs) -> CliResult {
    let mut store = ctx.open()?;
    // A platform analytics export fills in the numbers of logged posts instead.
    if super::exports::import_if_export(&mut store, &args.file, args.dry_run, ctx.json)? {
        return Ok(());
    }
    let mut maps = Vec::new();
    for m in &args.maps {
        let (header, column) = m
            .split_once('=')
            .ok_or_else(|| CliError::Invalid(format!("--map {m:?} should read 'Their header=column'")))?;
        maps.push((header.trim().to_string(), column.trim().to_string()));
    }
    let mut opts = ImportOptions::with_base(&store.profile()?.base_currency);
    opts.maps = maps;
    opts.keep_going = args.rejected.is_some();
    opts.rates = Some(store.fx_rates()?);
    if let Some(o) = &args.date_order {
        opts.date_order = Some(import::DateOrder::parse(o).ok_or_else(|| {
            CliError::Invalid(format!("--date-order takes dmy (day first) or mdy (month first), not {o:?}"))
        })?);
    }
    let spinner = Spinner::new(&format!("reading {}", args.file.display()));
    // The rows go into one transaction as they are read (the file and its rows are
    // never held whole); any error in the file drops the transaction: nothing written.
    let mut tx = store.begin_import(args.dry_run)?;
    let mut store_error = None;
    let read = import::read_path_each(&args.file, &opts, &mut |row| {
        tx.add_row(&row).map_err(|e| {
            let why = e.to_string();
            store_error = Some(e);
            ImportError::Unreadable { path: "the database".into(), why }
        })
    });
    if let Some(e) = store_error {
        return Err(e.into());
    }
    let parsed = match read {
        Ok(p) => p,
        Err(ImportError::Refused { errors, total, .. }) => {
            drop(spinner);
            let shown = errors.len().min(ERRORS_SHOWN);
            let more = total - shown;
            if ctx.json {
                #[derive(serde::Serialize)]
                struct Refused<'a> {
                    errors: &'a [import::RowError],
                    more: usize,
                }
                out_json(&Refused { errors: &errors[..shown], more });
            }
            let mut err = std::io::stderr().lock();
            let plural = if total == 1 { "error" } else { "errors" };
            let _ = writeln!(err, "mille: nothing was imported: {} has {total} {plural}.", args.file.display());
            for e in &errors[..shown] {
                let _ = writeln!(err, "{e}");
            }
            if more > 0 {
                let _ = writeln!(err, "… and {more} more errors");
            }
            // The core says which column is missing or doubled; here is how to choose.
            if errors.iter().any(|e| e.message.contains("choose which") || e.message.starts_with("the mapping")) {
                let _ = writeln!(
                    err,
                    "Choose the columns with --map 'Their header=column' (an empty column ignores the header)."
                );
            }
            return Err(CliError::Reported("import refused".into()));
        }
        Err(ImportError::AmbiguousDates { column, value, day_first, month_first, .. }) => {
            return Err(CliError::Invalid(format!(
                "nothing was imported: the dates of column {column} can be read day first or month first \
                 ({value}: {} or {}?); add --date-order dmy or --date-order mdy",
                day_first.format("%-d %B %Y"),
                month_first.format("%B %-d, %Y")
            )))
        }
        Err(e) => return Err(CliError::Invalid(e.to_string())),
    };
    // The rows with errors are safe in their file before the good ones are kept.
    if let Some(out_path) = &args.rejected {
        if !args.dry_run {
            write_rejected(out_path, &parsed)?;
        }
    }
    spinner.set("storing the rows");
    // Rows whose status is not live: deals without posts, in the same transaction.
    for row in &parsed.deals {
        tx.add_deal_row(row)?;
    }
    let outcome = tx.finish()?;
    drop(spinner);
    if ctx.json {
        let mut json = serde_json::json!({
            "added": outcome.added, "duplicates": outcome.duplicates, "deals": outcome.deals,
            "duplicate_deals": outcome.duplicate_deals, "warnings": parsed.warnings,
            "converted": parsed.converted,
        });
        if args.rejected.is_some() {
            json["rejected"] = serde_json::json!(parsed.rejected.len());
        }
        out_json(&json);
        return Ok(());
    }
    let posts = |n: usize| if n == 1 { "1 post".to_string() } else { format!("{n} posts") };
    let dups = |n: usize| if n == 1 { "1 duplicate".to_string() } else { format!("{n} duplicates") };
    // "added 12 posts, 5 deals, 4 duplicates skipped": deals only when the file made
    // (or repeated) some; duplicates count the rows skipped, posts and deals alike.
    let made = match (outcome.deals, outcome.duplicate_deals) {
        (0, 0) => String::new(),
        (1, _) => ", 1 deal".to_string(),
        (n, _) => format!(", {n} deals"),
    };
    let skipped = dups(outcome.duplicates + outcome.duplicate_deals);
    let mut text = if args.dry_run {
        format!("would add {}{made}, {skipped} skipped (dry run: nothing was written)\n", posts(outcome.added))
    } else {
        format!("added {}{made}, {skipped} skipped\n", posts(outcome.added))
    };
    if let (Some(path), n @ 1..) = (&args.rejected, parsed.rejected.len()) {
        let rows = if n == 1 { "1 row with errors".to_string() } else { format!("{n} rows with errors") };
        let verb = if args.dry_run { "would be written" } else { "written" };
        text.push_str(&format!("{rows} {verb} to {}\n", path.display()));
    }
    for w in &parsed.warnings {
        text.push_str(&format!("warning: {w}\n"));
    }
    for c in parsed.converted.iter().take(20) {
        text.push_str(&format!("line {}: {} at the ECB rate of {}: {}\n", c.line, c.currency, c.date, c.rate));
    }
    if parsed.converted_total > 20 {
        text.push_str(&format!("… and {} more conversions\n", parsed.converted_total - 20));
    }
    for (header, column) in &parsed.mapping {
        if !header.eq_ignore_ascii_case(column) {
            text.push_str(&format!("read column {header:?} as {column}\n"));
        }
    }
    out(&text);
    Ok(())
}

/// Writes the rows an import kept out (`--rejected`) with the core's writer.
fn write_rejected(path: &PathBuf, parsed: &import::Parsed) -> CliResult {
    write_to(Some(path), |w| import::write_rejected(parsed, w))
}

pub fn export(ctx: &Ctx, args: ExportArgs) -> CliResult {
    let store = ctx.open()?;
    let posts = store.posts()?;
    write_to(args.out.as_ref(), |w| export::write_csv(posts.iter().map(|p| &p.data), w))
}

pub fn sample(ctx: &Ctx, args: SampleArgs) -> CliResult {
    if args.rows > sample::MAX_ROWS {
        return Err(CliError::Invalid(format!("--rows {}: at most 10,000,000 posts are generated", args.rows)));
    }
    let mut opts = sample::SampleOptions { rows: args.rows, seed: args.seed, ..sample::SampleOptions::default() };
    if let Some(s) = &args.start {
        opts.start = values::date(s, "--start")?;
    }
    if let Some(e) = &args.end {
        opts.end = values::date(e, "--end")?;
    }
    if opts.end < opts.start {
        return Err(CliError::Invalid(format!("--end {} is before --start {}", opts.end, opts.start)));
    }
    if args.deals {
        return sample_deals(ctx, &opts, args.out.as_ref());
    }
    write_sample(&opts, args.out.as_ref())
}

/// `mille sample --deals`: the sample's posts into an empty history, then its deals.
fn sample_deals(ctx: &Ctx, opts: &sample::SampleOptions, csv: Option<&PathBuf>) -> CliResult {
    if csv.is_some() {
        write_sample(opts, csv)?;
    }
    let mut store = ctx.open()?;
    if store.has_posts()? || store.has_deals()? {
        return Err(CliError::Invalid(
            "sample data only goes into an empty history, and this database already has posts or deals".into(),
        ));
    }
    let added = store.import_posts(&sample::generate(opts), false)?.added;
    let deals = mille::desk::sample::make_sample_deals(&mut store, opts.seed, opts.end)?;
    if ctx.json {
        out_json(&serde_json::json!({ "added": added, "deals": deals }));
    } else {
        out(&format!("added {added} posts, {deals} deals\n"));
    }
    Ok(())
}

/// The sample as campaign CSV, to `path` or standard output.
fn write_sample(opts: &sample::SampleOptions, path: Option<&PathBuf>) -> CliResult {
    let bar = progress::bar(opts.rows as u64, "posts");
    let result = write_to(path, |w| {
        let mut csv = export::CsvWriter::new(w)?;
        let mut failed = None;
        sample::generate_each(opts, |post| {
            if failed.is_none() {
                failed = csv.write(&post).err();
                bar.inc(1);
            }
        });
        match failed {
            Some(e) => Err(e),
            None => csv.finish(),
        }
    });
    bar.finish_and_clear();
    result
}

/// Runs `write` on a buffered file (written to a temporary name, then renamed, so a
/// failed write never leaves half a file) or on stdout.
fn write_to(path: Option<&PathBuf>, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> CliResult {
    match path {
        Some(path) => {
            let io = |source| CliError::Io { action: "write", path: path.display().to_string(), source };
            let tmp = path.with_extension("mille-tmp");
            let file = std::fs::File::create(&tmp).map_err(io)?;
            let mut buf = std::io::BufWriter::new(file);
            write(&mut buf).and_then(|_| buf.flush()).map_err(io)?;
            drop(buf);
            std::fs::rename(&tmp, path).map_err(io)?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut buf = std::io::BufWriter::new(stdout.lock());
            match write(&mut buf).and_then(|_| buf.flush()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                Err(source) => return Err(CliError::Io { action: "write", path: "standard output".into(), source }),
            }
        }
    }
    Ok(())
}
