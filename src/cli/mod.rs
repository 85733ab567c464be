//! Argument parsing (clap), dispatch to the core, and printing. Exit status: 0 success,
//! 1 refused input (one plain sentence on stderr, nothing written), 2 wrong usage.

mod backup;
mod brands;
mod data;
mod deals;
mod deals_report;
mod deals_view;
mod exports;
mod fx;
mod posts;
mod pricing;
mod profile;
mod progress;
mod ratecard;
mod report;
mod table;
mod values;

use clap::{Parser, Subcommand};
use mille::store::{self, Store, StoreError};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "mille", version, about = "Price your sponsored posts from your own history.")]
pub struct Cli {
    /// Database file (default: the desktop app's, in your user data folder).
    #[arg(long, global = true, env = "MILLE_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print machine-readable JSON instead of a table.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Log, list, edit, delete and restore posts.
    #[command(subcommand)]
    Posts(posts::PostsCommand),
    /// Show or change the creator's profile.
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    /// Read a campaign file (CSV, xlsx, xls, ods) into the database, all or nothing.
    Import(data::ImportArgs),
    /// Write every post (not in the trash) as a campaign CSV.
    Export(data::ExportArgs),
    /// Achieved CPM and related metrics, grouped.
    Report(report::ReportArgs),
    /// Generate a realistic creator history as a campaign CSV.
    Sample(data::SampleArgs),
    /// Take, list and restore backups of the database.
    #[command(subcommand)]
    Backup(backup::BackupCommand),
    /// Draft a rate proposal from your own history (floor, target, anchor).
    Propose(pricing::ProposeArgs),
    /// Price each recent deal from the history before it and compare with what was paid.
    Backtest(pricing::BacktestArgs),
    /// Show or change the pricing settings.
    #[command(subcommand)]
    Settings(pricing::SettingsCommand),
    /// Write the rate card PDF for brands (or its data with --json); manage its packages.
    Ratecard(ratecard::RatecardArgs),
    /// Keep a newer ECB rate history for fees given without a rate.
    #[command(subcommand)]
    Fx(fx::FxCommand),
    /// Deals: from the first email to the money in the bank.
    #[command(subcommand)]
    Deals(deals::DealsCommand),
    /// The brands of posts and deals.
    #[command(subcommand)]
    Brands(brands::BrandsCommand),
}

/// Why a command failed; every variant prints as one plain sentence.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Store(#[from] StoreError),
    /// A value given on the command line that fails validation.
    #[error("{0}")]
    Invalid(String),
    #[error("could not {action} {path}: {source}")]
    Io { action: &'static str, path: String, source: std::io::Error },
    /// Errors already printed in full (e.g. an import's list); only the exit code remains.
    #[error("{0}")]
    Reported(String),
}

pub type CliResult<T = ()> = Result<T, CliError>;

/// Everything a command needs: the parsed global options and a lazily opened store.
pub struct Ctx {
    pub json: bool,
    db: Option<PathBuf>,
}

impl Ctx {
    /// Opens the database named by `--db`, `MILLE_DB`, or the default location.
    pub fn open(&self) -> CliResult<Store> {
        let path = match &self.db {
            Some(p) => p.clone(),
            None => store::default_path().ok_or_else(|| {
                CliError::Invalid("no home folder to keep the database in; give one with --db PATH".into())
            })?,
        };
        Ok(store::open(&path)?)
    }
}

/// Writes `text` to stdout; a closed pipe (`mille ... | head`) is not an error.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

/// Prints a value as pretty JSON on stdout.
pub fn out_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => out(&(s + "\n")),
        Err(e) => eprintln!("mille: could not write JSON: {e}"),
    }
}

/// A value clap could not read (an id of 20 digits, `--rows x`) is a refused input
/// (cli.md: exit 1, one sentence); anything else clap says is usage (exit 2) or help (0).
fn usage_error(e: clap::Error) -> i32 {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let given = |k| matches!(e.get(k), Some(ContextValue::String(s)) if !s.is_empty());
    if matches!(e.kind(), ErrorKind::ValueValidation | ErrorKind::InvalidValue) && given(ContextKind::InvalidValue) {
        let text = |k| match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            _ => String::new(),
        };
        let (arg, value) = (text(ContextKind::InvalidArg), text(ContextKind::InvalidValue));
        let why = match std::error::Error::source(&e).map(|s| s.to_string()) {
            Some(w) if w.contains("invalid digit") || w.contains("empty string") => "not a whole number".to_string(),
            Some(w) if w.contains("too large") || w.contains("too small") => {
                "not a number Mille takes (too large)".to_string()
            }
            Some(w) => w,
            None => "not a value it takes".to_string(),
        };
        let arg = arg.split_whitespace().next().unwrap_or("").trim_matches(|c| c == '<' || c == '>');
        let arg = if arg.starts_with('-') { arg.to_string() } else { arg.to_lowercase() };
        eprintln!("mille: {arg} {value:?}: {why}.");
        return 1;
    }
    let code = if e.use_stderr() { 2 } else { 0 };
    let _ = e.print();
    code
}

pub fn main() -> i32 {
    // A bug must still read as one sentence, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        // A panic inside a guarded reader (calamine) is caught and reported as an
        // import error; nothing to say here.
        if mille::import::panic_is_guarded() {
            return;
        }
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("mille: internal error ({msg}); nothing more was written. Please report this.");
        // For whoever reads the report: the backtrace on request, as Rust's own hook gives it.
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
            eprintln!("{}", std::backtrace::Backtrace::force_capture());
        }
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let ctx = Ctx { json: cli.json, db: cli.db };
    let result = match cli.command {
        Command::Posts(cmd) => posts::run(&ctx, cmd),
        Command::Profile(cmd) => profile::run(&ctx, cmd),
        Command::Import(args) => data::import(&ctx, args),
        Command::Export(args) => data::export(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Sample(args) => data::sample(&ctx, args),
        Command::Backup(cmd) => backup::run(&ctx, cmd),
        Command::Propose(args) => pricing::propose(&ctx, args),
        Command::Backtest(args) => pricing::backtest(&ctx, args),
        Command::Settings(cmd) => pricing::settings(&ctx, cmd),
        Command::Ratecard(args) => ratecard::run(&ctx, args),
        Command::Fx(cmd) => fx::run(&ctx, cmd),
        Command::Deals(cmd) => deals::run(&ctx, cmd),
        Command::Brands(cmd) => brands::run(&ctx, cmd),
    };
    match result {
        Ok(()) => 0,
        Err(CliError::Reported(_)) => 1,
        Err(e) => {
            eprintln!("mille: {}", sentence(&e.to_string()));
            1
        }
    }
}

/// Makes a message read as a sentence: capital first letter, one final full stop.
fn sentence(msg: &str) -> String {
    let mut s = msg.trim().to_string();
    if let Some(first) = s.chars().next() {
        // A file name, a flag or a line number is kept as written.
        let first_word = s.split_whitespace().next().unwrap_or("");
        let is_name = first_word.contains(['.', '/', '\\']) || first_word.starts_with('-');
        if first.is_lowercase() && !s.starts_with("line ") && !is_name {
            s = first.to_uppercase().collect::<String>() + &s[first.len_utf8()..];
        }
    }
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}
