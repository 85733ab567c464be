//! `mille propose`, `mille backtest` and `mille settings show|set`: the pricing engine
//! (pricing.md) over the posts in the database, with the settings the user changed.

use super::table::{Align, Table};
use super::values as val;
use super::{out, out_json, progress, CliError, CliResult, Ctx};
use clap::{Args, Subcommand};
use mille::desk::settings::DealSettings;
use mille::input::{self, DeliverableForm, Field, FieldName, InputError, RequestForm};
use mille::pricing::{self, Request, Settings};
use mille::store::Store;

#[derive(Args)]
pub struct ProposeArgs {
    /// A deliverable as PLATFORM/FORMAT[:QUANTITY], e.g. instagram/story:3 (repeatable).
    #[arg(long = "deliverable", value_name = "P/F[:QTY]", required = true)]
    deliverables: Vec<String>,
    /// The campaign's live date (decides the season).
    #[arg(long, value_name = "DATE")]
    date: String,
    /// The brand the proposal is for (shown; changes no price).
    #[arg(long)]
    brand: Option<String>,
    /// Usage rights: a number of days, or `perpetual`.
    #[arg(long, value_name = "DAYS|perpetual", allow_hyphen_values = true)]
    usage_rights: Option<String>,
    /// Exclusivity, in days.
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
    exclusivity: Option<String>,
    /// Whitelisting / paid amplification, in days.
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
    whitelisting: Option<String>,
    /// Rush delivery.
    #[arg(long)]
    rush: bool,
    /// Your own projection for a line, as PLATFORM/FORMAT=IMPRESSIONS (repeatable).
    #[arg(long = "impressions", value_name = "P/F=N")]
    impressions: Vec<String>,
    /// Price as of this date: only posts before it count (default today).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// A brand's offer for the whole request, in the base currency.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    offer: Option<String>,
    /// Also write the proposal as a one-page quote for the brand (PDF).
    #[arg(long, value_name = "FILE.pdf")]
    pdf: Option<std::path::PathBuf>,
    /// The price point the quote shows: target (default) or anchor; never the floor.
    #[arg(long, value_name = "target|anchor", default_value = "target", requires = "pdf")]
    price_point: String,
    /// Offer the performance-based option (base fee, guarantee, bonus CPM) on the quote.
    #[arg(long, requires = "pdf")]
    performance: bool,
    /// Save the proposal as a deal at `negotiating` (needs --brand); prints the deal id.
    #[arg(long, requires = "brand")]
    save_deal: bool,
}

#[derive(Args)]
pub struct BacktestArgs {
    /// How many months of deals to price (back from the latest post).
    #[arg(long, default_value = "6", value_name = "N", allow_hyphen_values = true)]
    months: String,
}

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Print every pricing setting with its default and where the default comes from.
    Show,
    /// Change one setting (e.g. `rush_percent 30`, `rounding 500:25,2000:50,10000:100,250`).
    Set {
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
}

fn settings_of(store: &Store) -> CliResult<Settings> {
    Settings::from_stored(&store.settings()?).map_err(|e| CliError::Invalid(e.to_string()))
}

/// `PLATFORM/FORMAT[:QUANTITY]` as one line of the reader's request form.
fn deliverable(text: &str) -> DeliverableForm {
    let (slug, quantity) = match text.rsplit_once(':') {
        Some((slug, q)) => (slug, q),
        None => (text, ""),
    };
    let (platform, format) = slug.split_once('/').unwrap_or((slug, ""));
    DeliverableForm {
        platform: platform.into(),
        format: format.into(),
        quantity: quantity.into(),
        impressions: String::new(),
    }
}

fn request(args: &ProposeArgs, base: &str) -> CliResult<Request> {
    for t in &args.deliverables {
        if !t.contains('/') {
            return Err(CliError::Invalid(format!(
                "--deliverable {t:?}: expected PLATFORM/FORMAT[:QUANTITY], such as instagram/reel:2"
            )));
        }
    }
    let form = RequestForm {
        deliverables: args.deliverables.iter().map(|t| deliverable(t)).collect(),
        date: args.date.clone(),
        brand: args.brand.clone().unwrap_or_default(),
        usage_rights: args.usage_rights.clone().unwrap_or_default(),
        exclusivity: args.exclusivity.clone().unwrap_or_default(),
        whitelisting: args.whitelisting.clone().unwrap_or_default(),
        rush: args.rush,
        offer: args.offer.clone().unwrap_or_default(),
    };
    let as_of = match &args.as_of {
        Some(t) => val::date(t, "--as-of")?,
        None => chrono::Local::now().date_naive(),
    };
    let mut req = input::request(&form, base, as_of).map_err(|e| match e.field.line {
        // A line's parts were typed as one --deliverable: quote it whole.
        Some(i) => match args.deliverables.get(i) {
            Some(t) => val::said_as("--deliverable", InputError { value: t.clone(), ..e }),
            None => val::said_as("--deliverable", e),
        },
        None => val::said(e),
    })?;
    for t in &args.impressions {
        let flag = "--impressions";
        let Some((slug, n)) = t.split_once('=') else {
            return Err(CliError::Invalid(format!(
                "{flag} {t:?}: expected PLATFORM/FORMAT=IMPRESSIONS, such as instagram/reel=48000"
            )));
        };
        let field = Field::of(FieldName::Impressions);
        let quoted = |e: InputError| val::said_as(flag, InputError { value: t.clone(), ..e });
        let (platform, format) = input::platform_format(field, slug).map_err(quoted)?;
        match input::impressions(field, n).map_err(quoted)? {
            Some(n) => req.impressions.push((platform, format, n)),
            None => {
                return Err(CliError::Invalid(format!("{flag} {t:?}: the impressions must be a whole number above 0")))
            }
        }
    }
    Ok(req)
}

pub fn propose(ctx: &Ctx, args: ProposeArgs) -> CliResult {
    let mut store = ctx.open()?;
    let base = store.profile()?.base_currency;
    let req = request(&args, &base)?;
    let settings = settings_of(&store)?;
    let posts = store.posts()?;
    let proposal = pricing::propose(&posts, &settings, &req, &base).map_err(|e| match &e {
        // The core says what to do; the CLI says how.
        pricing::PricingError::NoProjection { deliverable, .. } => {
            CliError::Invalid(format!("{} (--impressions {deliverable}=N)", e.to_string().trim_end_matches('.')))
        }
        _ => CliError::Invalid(e.to_string()),
    })?;
    if let Some(path) = &args.pdf {
        use mille::ratecard;
        let invalid = |e: ratecard::RatecardError| CliError::Invalid(e.to_string());
        let point = ratecard::PricePoint::parse(&args.price_point).map_err(invalid)?;
        let quote = ratecard::quote(&store.profile()?, &settings, &proposal, point, args.performance, req.as_of);
        let logo = ratecard::Logo::from_store(&store).map_err(invalid)?;
        let pdf = ratecard::render_quote_pdf(&quote, logo.as_ref()).map_err(invalid)?;
        super::ratecard::write_whole(path, &pdf)?;
    }
    let brand = match &args.brand {
        Some(b) => Some(input::brand(Field::of(FieldName::Brand), b).map_err(val::said)?),
        None => None,
    };
    let warnings = match &brand {
        Some(b) => mille::desk::proposal_warnings(&store, b, vec![req.date])?,
        None => Vec::new(),
    };
    let deal_id = match (&brand, args.save_deal) {
        (Some(b), true) => {
            let point = if args.pdf.is_some() { args.price_point.trim().to_ascii_lowercase() } else { "target".into() };
            // Dated the day it was priced as of (today unless --as-of).
            Some(mille::desk::save_proposal(&mut store, b, &proposal, &point, (&posts, &settings, &req), req.as_of)?)
        }
        _ => None,
    };
    if ctx.json {
        let mut v = serde_json::to_value(&proposal).map_err(|e| CliError::Invalid(e.to_string()))?;
        if let Some(map) = v.as_object_mut() {
            if let Some(id) = deal_id {
                map.insert("deal_id".into(), id.into());
            }
            if !warnings.is_empty() {
                map.insert("warnings".into(), warnings.clone().into());
            }
        }
        out_json(&v);
    } else {
        let mut text = pricing::render_proposal(&proposal);
        for w in &warnings {
            text.push_str(&format!("warning: {w}\n"));
        }
        if let Some(id) = deal_id {
            text.push_str(&format!("saved as deal {id}\n"));
        }
        out(&text);
    }
    Ok(())
}

pub fn backtest(ctx: &Ctx, args: BacktestArgs) -> CliResult {
    let months = args.months.trim().parse::<u32>().ok().filter(|m| (1..=1200).contains(m)).ok_or_else(|| {
        CliError::Invalid(format!("--months {:?}: expected a whole number of months from 1 to 1200", args.months))
    })?;
    let store = ctx.open()?;
    let settings = settings_of(&store)?;
    let posts = store.posts()?;
    let bar = progress::bar(0, "deals");
    let result = pricing::backtest_with_progress(&posts, &settings, months, &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    if ctx.json {
        out_json(&result);
    } else {
        out(&pricing::render_backtest(&result));
    }
    Ok(())
}

pub fn settings(ctx: &Ctx, cmd: SettingsCommand) -> CliResult {
    let mut store = ctx.open()?;
    match cmd {
        SettingsCommand::Show => {}
        SettingsCommand::Set { key, value } if DealSettings::owns(key.trim()) => {
            let key = key.trim().to_string();
            let normalised = DealSettings::validate_value(&key, &value).map_err(CliError::Invalid)?;
            store.set_setting(&key, &normalised)?;
        }
        SettingsCommand::Set { key, value } => {
            let key = key.trim().to_string();
            let normalised = Settings::validate_value(&key, &value).map_err(|e| CliError::Invalid(e.to_string()))?;
            store.set_setting(&key, &normalised)?;
        }
    }
    let settings = settings_of(&store)?;
    let deal_settings = DealSettings::from_stored(&store.settings()?);
    if ctx.json {
        let mut json = settings.to_json();
        if let Some(map) = json.as_object_mut() {
            for (key, default, source) in mille::desk::settings::KEYS {
                let value = deal_settings.value_text(key);
                map.insert(key.into(), serde_json::json!({ "value": value, "default": default, "source": source }));
            }
        }
        out_json(&json);
    } else {
        let mut t = Table::new(&[
            ("Setting", Align::Left),
            ("Value", Align::Right),
            ("Default", Align::Right),
            ("Source of the default", Align::Left),
        ]);
        for info in settings.describe() {
            t.row(vec![info.key.to_string(), info.value, info.default, info.source.to_string()]);
        }
        for (key, default, source) in mille::desk::settings::KEYS {
            t.row(vec![key.to_string(), deal_settings.value_text(key), default.to_string(), source.to_string()]);
        }
        out(&t.render());
    }
    Ok(())
}
