//! `mille report`: achieved CPM and the related metrics of metrics.md, grouped by the
//! dimensions asked for.

use super::posts::FilterArgs;
use super::{out, out_json, CliError, CliResult, Ctx};
use clap::Args;
use mille::metrics::{self, Dimension};

#[derive(Args)]
pub struct ReportArgs {
    /// Comma list of platform, format, season, brand, quarter, month, year.
    #[arg(long, default_value = "platform,format,season")]
    by: String,
    #[command(flatten)]
    filter: FilterArgs,
}

pub fn run(ctx: &Ctx, args: ReportArgs) -> CliResult {
    let mut by = Vec::new();
    for name in args.by.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let dim: Dimension = name.parse().map_err(|e: metrics::DimensionError| CliError::Invalid(format!("--by: {e}")))?;
        if !by.contains(&dim) {
            by.push(dim);
        }
    }
    let filter = args.filter.to_filter()?;
    let store = ctx.open()?;
    let base = store.profile()?.base_currency;
    let parts = store.fold_facts(
        || metrics::Reporter::new(&by),
        |reporter, post| {
            if filter.admits(post) {
                reporter.add(post);
            }
        },
    )?;
    let mut parts = parts.into_iter();
    let mut reporter = parts.next().unwrap_or_else(|| metrics::Reporter::new(&by));
    parts.for_each(|part| reporter.merge(part));
    let report = reporter.finish(&base);
    if ctx.json {
        out_json(&report);
    } else {
        out(&metrics::render_table(&report));
    }
    Ok(())
}
