//! `mille report`: achieved CPM and the related metrics of metrics.md, grouped by the
//! dimensions asked for.

use super::posts::FilterArgs;
use super::table::{Align, Table};
use super::{out, out_json, CliError, CliResult, Ctx};
use clap::Args;
use mille::metrics::{self, Dimension, ExclusionReason, Report, Stats};
use mille::money;
use rust_decimal::Decimal;

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
        let dim: Dimension =
            name.parse().map_err(|e: metrics::DimensionError| CliError::Invalid(format!("--by: {e}")))?;
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
        out(&render_table(&report));
    }
    Ok(())
}

/// The report as an aligned table for people: one row per group (key columns, posts,
/// measured, fee, CPM, median, p25–p75, CTR, engagement rate, a `thin` mark), the total
/// row, then `excluded: N posts (…)`. Numbers are right-aligned; a figure with no data
/// is `—`. Money and CPM-like figures are rounded to 2 places, half away from zero.
fn render_table(report: &Report) -> String {
    let cur = report.base_currency.as_str();
    let mut columns: Vec<(&str, Align)> = report.by.iter().map(|d| (d.as_str(), Align::Left)).collect();
    let label_col = columns.is_empty();
    if label_col {
        columns.push(("", Align::Left));
    }
    let keys = columns.len();
    for h in ["posts", "measured", "fee", "CPM", "median", "p25–p75", "CTR", "eng."] {
        columns.push((h, Align::Right));
    }
    columns.push(("", Align::Left));
    let row = |key: Vec<String>, s: &Stats| -> Vec<String> {
        let m = |v: Option<Decimal>| v.map_or_else(|| "—".to_string(), |d| money::display(d, cur, 2));
        let plain = |v: Option<Decimal>| v.map_or_else(|| "—".to_string(), |d| money::fixed(d, 2));
        let pct = |v: Option<Decimal>| {
            v.map_or_else(|| "—".to_string(), |d| format!("{} %", money::fixed(d * Decimal::ONE_HUNDRED, 2)))
        };
        let spread = match (s.cpm_p25, s.cpm_p75) {
            (Some(a), Some(b)) => format!("{}–{}", plain(Some(a)), plain(Some(b))),
            _ => "—".to_string(),
        };
        let mut r = key;
        r.extend([
            s.posts.to_string(),
            s.measured_posts.to_string(),
            money::display(s.fee, cur, 2),
            m(s.cpm),
            m(s.cpm_median),
            spread,
            pct(s.ctr),
            pct(s.engagement_rate),
            if s.thin { "thin".to_string() } else { String::new() },
        ]);
        r
    };
    let mut table = Table::new(&columns);
    table.rule();
    for g in &report.groups {
        let mut key: Vec<String> = g.key.iter().map(|(_, v)| v.clone()).collect();
        if label_col {
            key.push("all".to_string());
        }
        table.row(row(key, &g.stats));
    }
    // One rule under the header when there is no group, else one above the total too.
    if !report.groups.is_empty() {
        table.rule();
    }
    let mut total_key = vec![String::new(); keys];
    total_key[0] = "total".to_string();
    table.row(row(total_key, &report.total));
    let mut out = table.render();

    let n = report.excluded.len();
    let mut reasons = Vec::new();
    for reason in [ExclusionReason::ImpressionsUnknown, ExclusionReason::Gifted] {
        let k = report.excluded.iter().filter(|e| e.reason == reason).count();
        if k > 0 {
            reasons.push(format!("{k} {reason}"));
        }
    }
    let noun = if n == 1 { "post" } else { "posts" };
    if reasons.is_empty() {
        out.push_str(&format!("excluded: {n} {noun}\n"));
    } else {
        out.push_str(&format!("excluded: {n} {noun} ({})\n", reasons.join(", ")));
    }
    if report.groups.iter().any(|g| g.stats.thin) || report.total.thin {
        out.push_str("thin: fewer than 3 measured posts behind the figures\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::render_table;
    use mille::metrics::{report, Dimension};
    use mille::model::{Format, Metrics, Platform, Post, PostData};
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A USD post with the given impressions and nothing else reported.
    fn post(
        id: i64,
        date: &str,
        brand: &str,
        platform: Platform,
        format: &str,
        fee: Decimal,
        imps: Option<u64>,
    ) -> Post {
        Post {
            id,
            data: PostData {
                date: d(date),
                brand: brand.to_string(),
                platform,
                format: Format::parse(format).unwrap(),
                fee,
                currency: "USD".to_string(),
                fx_rate: None,
                metrics: Metrics { impressions: imps, ..Metrics::default() },
                campaign: String::new(),
                url: String::new(),
                notes: String::new(),
            },
        }
    }

    fn with(mut p: Post, f: impl FnOnce(&mut PostData)) -> Post {
        f(&mut p.data);
        p
    }

    /// One instagram/reel Q4 group with every kind of post (see the arithmetic inline).
    fn reel_group() -> Vec<Post> {
        use Platform::Instagram as IG;
        vec![
            // CPM 1000/100000·1000 = 10; clicks, likes+comments, views reported
            with(post(1, "2025-11-14", "Acme", IG, "reel", dec!(1000), Some(100_000)), |p| {
                p.metrics.clicks = Some(500);
                p.metrics.likes = Some(3000);
                p.metrics.comments = Some(100);
                p.metrics.views = Some(50_000);
            }),
            // CPM 600/40000·1000 = 15; likes and saves only (missing parts count 0)
            with(post(2, "2025-10-01", "Acme", IG, "reel", dec!(600), Some(40_000)), |p| {
                p.metrics.likes = Some(1000);
                p.metrics.saves = Some(200);
            }),
            // €500 at 1.1 = $550; CPM 550/50000·1000 = 11; clicks and views, no engagement
            with(post(3, "2025-12-20", "Acme", IG, "reel", dec!(500), Some(50_000)), |p| {
                p.currency = "EUR".to_string();
                p.fx_rate = Some(dec!(1.1));
                p.metrics.clicks = Some(100);
                p.metrics.views = Some(10_000);
            }),
            // paid, impressions unknown
            post(4, "2025-11-30", "Acme", IG, "reel", dec!(300), None),
            // gifted and unmeasured: reason gifted
            post(5, "2025-11-02", "Acme", IG, "reel", dec!(0), None),
            // gifted with impressions: not measured, reason gifted
            post(6, "2025-12-01", "Acme", IG, "reel", dec!(0.00), Some(20_000)),
        ]
    }

    #[test]
    fn human_table() {
        let mut posts = reel_group();
        posts.push(post(7, "2024-02-03", "Böhm", Platform::Tiktok, "video", dec!(1250), None));
        let r = report(&posts, &[Dimension::Platform, Dimension::Format], "USD");
        let t = render_table(&r);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(
            lines[0],
            "platform   format  posts  measured        fee     CPM  median      p25–p75     CTR    eng."
        );
        assert_eq!(
            lines[2],
            "instagram  reel        6         3  $2,450.00  $11.32  $11.00  10.50–13.00  0.40 %  3.07 %"
        );
        assert_eq!(
            lines[3],
            "tiktok     video       1         0  $1,250.00       —       —            —       —       —  thin"
        );
        assert_eq!(
            lines[5],
            "total                  7         3  $3,700.00  $11.32  $11.00  10.50–13.00  0.40 %  3.07 %"
        );
        assert_eq!(lines[6], "excluded: 4 posts (2 impressions unknown, 2 gifted)");
        // every row has the same width up to the thin column (right-aligned numbers)
        let end = |l: &str| l.chars().count();
        assert_eq!(end(lines[2]), end(lines[5]));
        assert!(t.contains("thin: fewer than 3 measured posts"));

        // wide characters take two columns: the posts column still lines up
        let posts = vec![
            post(1, "2025-01-01", "北斗 Audio", Platform::Tiktok, "video", dec!(100), Some(1000)),
            post(2, "2025-01-01", "Zoë", Platform::Tiktok, "video", dec!(100), Some(1000)),
        ];
        let t = render_table(&report(&posts, &[Dimension::Brand], "EUR"));
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[2], "Zoë             1         1  €100.00  €100.00  €100.00  100.00–100.00    —     —  thin");
        assert_eq!(lines[3], "北斗 Audio      1         1  €100.00  €100.00  €100.00  100.00–100.00    —     —  thin");
        assert_eq!(lines[6], "excluded: 0 posts");
    }
}
