//! `mille ratecard`: the brand-facing rate card (ratecard.md) as a PDF, its data as
//! JSON (`--json` prints exactly what the template gets), and `mille ratecard packages`
//! to see, replace or reset the packages on it.

use super::values as val;
use super::{out, out_json, CliError, CliResult, Ctx};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use mille::ratecard::{self, CardOptions, Logo, PackageSpec, RatecardError};
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RatecardArgs {
    #[command(subcommand)]
    command: Option<RatecardCommand>,
    /// Where to write the PDF.
    #[arg(long, value_name = "FILE.pdf")]
    out: Option<PathBuf>,
    /// The card's date: the campaign date of every price, printed on the card (default today).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Price as of this date: only posts before it count (default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Add the "How I price" page (achieved CPM per platform/format and the method).
    #[arg(long)]
    how_i_price: bool,
    /// Offer the performance-based option (base fee, guarantee, bonus CPM) in the terms.
    #[arg(long)]
    performance: bool,
}

#[derive(Subcommand)]
pub enum RatecardCommand {
    /// Show the card's packages; --set FILE replaces them with a JSON list, --reset goes
    /// back to the defaults (your three most used formats).
    Packages {
        /// A JSON array of packages: [{"name": "Essential", "deliverables":
        /// [{"platform": "instagram", "format": "reel", "quantity": 1}], "usage_rights":
        /// {"Days": 30} or "Perpetual" or null, "exclusivity_days": null,
        /// "whitelisting_days": null, "rush": false, "recommended": false}, ...].
        #[arg(long, value_name = "FILE.json", conflicts_with = "reset")]
        set: Option<PathBuf>,
        /// Forget the saved packages and use the defaults.
        #[arg(long)]
        reset: bool,
        /// The defaults come from the 12 months before this date (default today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
}

fn invalid(e: RatecardError) -> CliError {
    CliError::Invalid(e.to_string())
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn run(ctx: &Ctx, args: RatecardArgs) -> CliResult {
    if let Some(RatecardCommand::Packages { set, reset, as_of }) = args.command {
        // The default packages come from the 12 months before --as-of (default today).
        let as_of = as_of.as_deref().map(|t| val::date(t, "--as-of")).transpose()?.unwrap_or_else(today);
        return packages(ctx, set, reset, as_of);
    }
    if args.out.is_none() && !ctx.json {
        return Err(CliError::Invalid(
            "say where to write the card with --out FILE.pdf (or print its data with --json)".into(),
        ));
    }
    let as_of = match &args.as_of {
        Some(t) => val::date(t, "--as-of")?,
        None => today(),
    };
    let date = args.date.as_deref().map(|t| val::date(t, "--date")).transpose()?;
    let opts = CardOptions { date, as_of, how_i_price: args.how_i_price, performance: args.performance };
    let store = ctx.open()?;
    let card = ratecard::build(&store, &opts).map_err(invalid)?;
    if let Some(path) = &args.out {
        let logo = Logo::from_store(&store).map_err(invalid)?;
        let pdf = ratecard::render_pdf(&card, logo.as_ref()).map_err(invalid)?;
        write_whole(path, &pdf)?;
    }
    if ctx.json {
        out_json(&card);
    } else if let Some(path) = &args.out {
        out(&format!(
            "wrote {} ({} package(s), {} rate(s), valid until {})\n",
            path.display(),
            card.packages.len(),
            card.rates.len(),
            card.valid_until
        ));
    }
    Ok(())
}

/// Writes `bytes` next to `path` first and renames it into place, so a failed write
/// never leaves half a PDF where the old one was.
pub(super) fn write_whole(path: &Path, bytes: &[u8]) -> CliResult {
    let io = |action: &'static str, source: std::io::Error| CliError::Io {
        action,
        path: path.display().to_string(),
        source,
    };
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "card.pdf".into());
    let tmp = path.with_file_name(format!(".{name}.mille-tmp"));
    std::fs::write(&tmp, bytes).map_err(|e| io("write", e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io("write", e)
    })
}

fn packages(ctx: &Ctx, set: Option<PathBuf>, reset: bool, as_of: NaiveDate) -> CliResult {
    let mut store = ctx.open()?;
    if let Some(path) = set {
        let text = std::fs::read_to_string(&path).map_err(|source| CliError::Io {
            action: "read",
            path: path.display().to_string(),
            source,
        })?;
        let specs: Vec<PackageSpec> = serde_json::from_str(&text)
            .map_err(|e| CliError::Invalid(format!("{}: not a list of packages ({e})", path.display())))?;
        ratecard::save_packages(&mut store, Some(&specs)).map_err(invalid)?;
    } else if reset {
        ratecard::save_packages(&mut store, None).map_err(invalid)?;
    }
    let specs = ratecard::packages(&store, as_of).map_err(invalid)?;
    if ctx.json {
        out_json(&specs);
    } else if specs.is_empty() {
        out("no packages (no measured paid post in the last 12 months to build defaults from)\n");
    } else {
        let mut text = String::new();
        for s in &specs {
            let items: Vec<String> = s
                .package
                .deliverables
                .iter()
                .map(|d| format!("{} × {}", d.quantity, ratecard::deliverable_label(d.platform, &d.format)))
                .collect();
            let star = if s.recommended { " (recommended)" } else { "" };
            text.push_str(&format!("{}{star}: {}\n", s.package.name, items.join(", ")));
        }
        out(&text);
    }
    Ok(())
}
