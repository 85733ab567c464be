//! `mille fx update FILE`: keeps a newer ECB rate history (`eurofxref-hist.csv` or
//! `.zip`, as downloaded from the ECB) for fees given without a rate (real-files.md).

use super::{out, out_json, CliError, CliResult, Ctx};
use clap::Subcommand;
use mille::fx::{FxError, Rates};
use mille::money::group_thousands;
use mille::store::StoreError;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Subcommand)]
pub enum FxCommand {
    /// Read a newer ECB eurofxref-hist (.csv or .zip) and keep it for fees without a rate.
    Update {
        /// eurofxref-hist.csv or eurofxref-hist.zip from the European Central Bank.
        file: PathBuf,
    },
}

pub fn run(ctx: &Ctx, cmd: FxCommand) -> CliResult {
    match cmd {
        FxCommand::Update { file } => update(ctx, &file),
    }
}

fn update(ctx: &Ctx, file: &std::path::Path) -> CliResult {
    let shown = file.display().to_string();
    let refused = |e: FxError| CliError::Invalid(format!("{shown} is {e}; nothing was changed"));
    let bytes = std::fs::read(file).map_err(|source| CliError::Io { action: "read", path: shown.clone(), source })?;
    // Checked before the database is even opened, so a refused file changes nothing.
    let given = Rates::parse_file(&bytes).map_err(refused)?;
    let mut store = ctx.open()?;
    let rates = store.set_fx_history(&bytes).map_err(|e| match e {
        StoreError::FxFile(e) => refused(e),
        e => e.into(),
    })?;
    if ctx.json {
        out_json(&serde_json::json!({
            "first_date": rates.first_date(),
            "last_date": rates.last_date(),
            "days": rates.days(),
            "currencies": rates.currencies(),
        }));
        return Ok(());
    }
    let span = format!(
        "from {} to {} ({} days, {} currencies)",
        rates.first_date(),
        rates.last_date(),
        group_thousands(&rates.days().to_string()),
        rates.currencies().len()
    );
    if Arc::ptr_eq(&rates, &Rates::bundled()) {
        out(&format!(
            "{shown} runs to {}, no further than the rates bundled with Mille; those stay in use, {span}\n",
            given.last_date()
        ));
    } else {
        out(&format!("ECB rates now run {span}\n"));
    }
    Ok(())
}
