//! `mille deals add|list|show|stage|offer|book|link|log-posts|invoice|recap|pay|report|export`
//! (deals.md): each a short call into `mille::desk`, values read by
//! `mille::input`, output as a table or, with `--json`, the deal as `deals show --json`.

use super::table::{clip, Align, Table};
use super::values::{said, said_as};
use super::{out, out_json, CliError, CliResult, Ctx};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use mille::deals::invoice::InvoiceData;
use mille::deals::view::DealView;
use mille::desk::{self as actions, BookInput, DealsError, ListFilter};
use mille::input::{self, deals as read, Field, FieldName};
use mille::money;
use mille::paper::{self, PaperError};
use mille::store::{NewDeal, Store};

#[derive(Subcommand)]
pub enum DealsCommand {
    /// Record a deal; prints its id.
    Add(AddArgs),
    /// Deals, newest first.
    List {
        #[arg(long, allow_hyphen_values = true)]
        stage: Option<String>,
        /// Brand name (case-insensitive).
        #[arg(long, allow_hyphen_values = true)]
        brand: Option<String>,
        /// Only overdue deals.
        #[arg(long)]
        overdue: bool,
        /// The day overdue is counted on (default today).
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// Everything about one deal, with its warnings.
    Show {
        #[arg(allow_negative_numbers = true)]
        id: i64,
        /// The day overdue is counted on (default today).
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// Move a deal to a stage (any move, backwards too).
    Stage {
        #[arg(allow_negative_numbers = true)]
        id: i64,
        stage: String,
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// Record an offer (a brand's is checked against the deal's proposal).
    Offer {
        #[arg(allow_negative_numbers = true)]
        id: i64,
        #[arg(allow_hyphen_values = true)]
        amount: String,
        /// brand (default) or creator.
        #[arg(long, allow_hyphen_values = true)]
        from: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        note: Option<String>,
    },
    /// Book a deal: the agreed fee (default: the last offer, else the quoted total) and add-ons.
    Book(BookArgs),
    /// Link logged posts to a deal.
    Link {
        #[arg(allow_negative_numbers = true)]
        id: i64,
        #[arg(required = true, allow_negative_numbers = true)]
        posts: Vec<i64>,
    },
    /// Log the deal's deliverables as posts, their fees splitting the agreed fee.
    LogPosts {
        #[arg(allow_negative_numbers = true)]
        id: i64,
        /// The day they went live (default: each one's due date).
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// Invoice a deal: its number and dates (issuing again keeps them).
    Invoice {
        #[arg(allow_negative_numbers = true)]
        id: i64,
        /// Write the invoice PDF here (issuing again keeps its number and dates).
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<std::path::PathBuf>,
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// The campaign recap PDF for the brand: each post, the totals, and the CPM,
    /// CPE and CPC delivered on what it paid.
    Recap {
        #[arg(allow_negative_numbers = true)]
        id: i64,
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<std::path::PathBuf>,
        /// The day the recap is dated (default today).
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// Record a payment.
    Pay {
        #[arg(allow_negative_numbers = true)]
        id: i64,
        #[arg(allow_hyphen_values = true)]
        amount: String,
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// What the deals teach: pipeline, owed and overdue, how brands pay, how quotes land,
    /// quoted vs delivered.
    Report {
        /// The day owed and overdue are counted on (default today).
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
    },
    /// Every deal as CSV (stdout by default).
    Export {
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// The day paid and outstanding are counted on (default today).
        #[arg(long, allow_hyphen_values = true)]
        date: Option<String>,
    },
}

#[derive(Args)]
pub struct AddArgs {
    #[arg(long, allow_hyphen_values = true)]
    brand: String,
    #[arg(long, allow_hyphen_values = true)]
    title: Option<String>,
    /// Its stage (default inquiry).
    #[arg(long, allow_hyphen_values = true)]
    stage: Option<String>,
    /// PLATFORM/FORMAT[:QUANTITY][@DUE] (repeatable).
    #[arg(long = "deliverable", value_name = "P/F[:QTY][@DUE]")]
    deliverables: Vec<String>,
    /// The day it starts (default today).
    #[arg(long, allow_hyphen_values = true)]
    date: Option<String>,
}

#[derive(Args)]
pub struct BookArgs {
    #[arg(allow_negative_numbers = true)]
    id: i64,
    /// The agreed fee (default: the last offer, else the quoted total).
    #[arg(long, allow_hyphen_values = true)]
    fee: Option<String>,
    #[arg(long, allow_hyphen_values = true, requires = "fee")]
    currency: Option<String>,
    #[arg(long = "fx-rate", allow_hyphen_values = true, requires = "fee")]
    fx_rate: Option<String>,
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
    exclusivity: Option<String>,
    #[arg(long, value_name = "DAYS|perpetual", allow_hyphen_values = true)]
    usage_rights: Option<String>,
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
    whitelisting: Option<String>,
    #[arg(long)]
    rush: bool,
    /// Payment terms of this deal's invoice (default: setting net_days).
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
    net_days: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    date: Option<String>,
}

fn day(text: Option<&str>) -> CliResult<NaiveDate> {
    match text {
        Some(t) => super::values::date(t, "--date"),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn f(name: FieldName) -> Field {
    Field::of(name)
}

impl From<DealsError> for CliError {
    fn from(e: DealsError) -> CliError {
        match e {
            DealsError::Store(s) => CliError::Store(s),
            DealsError::NoFee(_) => CliError::Invalid(format!("{} (--fee)", e.to_string().trim_end_matches('.'))),
            DealsError::NoFxRate { .. } => CliError::Invalid(format!("{} (--fx-rate)", e)),
            DealsError::NoDueDate { .. } => CliError::Invalid(format!("{} (--date)", e)),
            other => CliError::Invalid(other.to_string()),
        }
    }
}

impl From<PaperError> for CliError {
    fn from(e: PaperError) -> CliError {
        match e {
            PaperError::Store(s) => CliError::Store(s),
            PaperError::Deals(d) => d.into(),
            other => CliError::Invalid(other.to_string()),
        }
    }
}

/// Refuses an output file whose folder does not exist before anything is recorded.
fn writable(path: &std::path::Path) -> CliResult {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    if dir.is_dir() && !path.is_dir() {
        Ok(())
    } else {
        Err(CliError::Invalid(format!(
            "--out {}: {}",
            path.display(),
            if path.is_dir() {
                "that is a folder; give a file name such as invoice.pdf"
            } else {
                "its folder does not exist"
            }
        )))
    }
}

fn base(store: &Store) -> CliResult<String> {
    Ok(store.profile()?.base_currency)
}

pub fn run(ctx: &Ctx, cmd: DealsCommand) -> CliResult {
    let mut store = ctx.open()?;
    match cmd {
        DealsCommand::Add(a) => {
            let brand = input::brand(f(FieldName::Brand), &a.brand).map_err(said)?;
            let title = input::text(f(FieldName::Title), a.title.as_deref().unwrap_or("")).map_err(said)?;
            let stage = match &a.stage {
                Some(s) => read::stage(f(FieldName::Stage), s).map_err(said)?,
                None => mille::deals::Stage::Inquiry,
            };
            let mut deliverables = Vec::new();
            for (i, t) in a.deliverables.iter().enumerate() {
                deliverables.push(
                    read::deliverable(Field::at(FieldName::Platform, i), t).map_err(|e| said_as("--deliverable", e))?,
                );
            }
            let date = day(a.date.as_deref())?;
            let currency = base(&store)?;
            let new = NewDeal { brand, title, stage, date, deliverables, proposal: None, currency };
            let id = actions::add(&mut store, &new)?;
            done(ctx, &store, id, date, &format!("{id}\n"))
        }
        DealsCommand::List { stage, brand, overdue, date } => {
            let filter = ListFilter {
                stage: stage
                    .as_deref()
                    .map(|s| read::stage(f(FieldName::Stage), s))
                    .transpose()
                    .map_err(|e| said_as("--stage", e))?,
                brand,
                overdue,
            };
            let today = day(date.as_deref())?;
            if ctx.json {
                out_json(&actions::list_in_full(&store, &filter, today)?);
            } else {
                out(&list_table(&actions::list(&store, &filter, today)?));
            }
            Ok(())
        }
        DealsCommand::Show { id, date } => {
            let v = actions::show(&store, id, day(date.as_deref())?)?;
            if ctx.json {
                out_json(&v);
            } else {
                out(&super::deals_view::render(&v));
            }
            Ok(())
        }
        DealsCommand::Stage { id, stage, date } => {
            let stage = read::stage(f(FieldName::Stage), &stage).map_err(|e| said_as("stage", e))?;
            let date = day(date.as_deref())?;
            actions::set_stage(&mut store, id, stage, date)?;
            done(ctx, &store, id, date, &format!("deal {id} is {stage} since {date}\n"))
        }
        DealsCommand::Offer { id, amount, from, date, note } => {
            let base = base(&store)?;
            let amount = read::amount(f(FieldName::Amount), &amount, &base, false).map_err(|e| said_as("amount", e))?;
            let from = read::party(f(FieldName::From), from.as_deref().unwrap_or("")).map_err(said)?;
            let note =
                input::text(f(FieldName::Notes), note.as_deref().unwrap_or("")).map_err(|e| said_as("--note", e))?;
            let date = day(date.as_deref())?;
            let o = actions::record_offer(&mut store, id, from, amount, date, &note)?;
            let mut line = format!("offer {} from {}", money::display(o.amount, &base, 2), o.from.as_str());
            if let (Some(v), Some(p)) = (o.verdict, o.percentile) {
                line.push_str(&format!(": {}, percentile {p}", v.as_str()));
            }
            done(ctx, &store, id, date, &(line + "\n"))
        }
        DealsCommand::Book(b) => book(ctx, &mut store, b),
        DealsCommand::Link { id, posts } => {
            actions::link(&mut store, id, &posts)?;
            let list = posts.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ");
            done(ctx, &store, id, chrono::Local::now().date_naive(), &format!("linked post {list} to deal {id}\n"))
        }
        DealsCommand::LogPosts { id, date } => {
            let given = date.as_deref().map(|t| super::values::date(t, "--date")).transpose()?;
            let today = chrono::Local::now().date_naive();
            let ids = actions::log_posts(&mut store, id, given, today)?;
            let text: String = ids.iter().map(|i| format!("{i}\n")).collect();
            done(ctx, &store, id, given.unwrap_or(today), &text)
        }
        DealsCommand::Invoice { id, out: pdf, date } => {
            let date = day(date.as_deref())?;
            if let Some(p) = &pdf {
                writable(p)?;
            }
            let inv = actions::invoice(&mut store, id, date)?;
            let (paper, logo) = paper::invoice::gather(&store, id)?;
            drop(store);
            if let Some(p) = &pdf {
                super::ratecard::write_whole(p, &paper::invoice::render(&paper, logo.as_ref())?)?;
            }
            if ctx.json {
                let mut v = invoice_json(&inv);
                v["tax"] = serde_json::json!(paper.tax);
                v["total_due"] = serde_json::json!(paper.total);
                out_json(&v);
            } else {
                let tax = match &paper.tax {
                    Some(t) => format!(" + {} {} % {} = {}", t.label, t.percent, t.amount_text, paper.total_text),
                    None => String::new(),
                };
                let written = pdf.map(|p| format!("; written to {}", p.display())).unwrap_or_default();
                out(&format!(
                    "invoice {} dated {}, due {}: {}{tax}{written}\n",
                    inv.number,
                    inv.date,
                    inv.due,
                    money::display(inv.total, &inv.currency, 2)
                ));
            }
            Ok(())
        }
        DealsCommand::Recap { id, out: pdf, date } => {
            let date = day(date.as_deref())?;
            if pdf.is_none() && !ctx.json {
                return Err(CliError::Invalid(
                    "say where to write the recap with --out FILE.pdf (or print its data with --json)".into(),
                ));
            }
            if let Some(p) = &pdf {
                writable(p)?;
            }
            let (recap, logo) = paper::recap::gather(&store, id, date)?;
            drop(store);
            if let Some(p) = &pdf {
                super::ratecard::write_whole(p, &paper::recap::render(&recap, logo.as_ref())?)?;
            }
            if ctx.json {
                out_json(&recap);
            } else if let Some(p) = pdf {
                let cpm = recap.cpm_text.as_deref().map(|c| format!(", CPM {c}")).unwrap_or_default();
                out(&format!(
                    "campaign recap for {}: {} post{}, {} paid{cpm}; written to {}\n",
                    recap.brand,
                    recap.posts.len(),
                    if recap.posts.len() == 1 { "" } else { "s" },
                    recap.paid_text,
                    p.display()
                ));
            }
            Ok(())
        }
        DealsCommand::Pay { id, amount, date } => {
            let deal_currency = store.deal(id)?.currency;
            let amount =
                read::amount(f(FieldName::Amount), &amount, &deal_currency, true).map_err(|e| said_as("amount", e))?;
            let date = day(date.as_deref())?;
            let o = actions::pay(&mut store, id, amount, date)?;
            let mut line = format!(
                "deal {id}: {} paid, {} outstanding ({})",
                money::display(o.paid, &deal_currency, 2),
                money::display(o.outstanding, &deal_currency, 2),
                o.status.as_str()
            );
            if let Some(d) = o.overdue_days {
                line.push_str(&format!(", {d} days overdue"));
            }
            done(ctx, &store, id, date, &(line + "\n"))
        }
        DealsCommand::Report { date } => {
            let t = actions::report(&store, day(date.as_deref())?)?;
            if ctx.json {
                out_json(&mille::deals::teach::json::to_json(&t));
            } else {
                out(&super::deals_report::render(&t));
            }
            Ok(())
        }
        DealsCommand::Export { out: path, date } => {
            let today = day(date.as_deref())?;
            let deals = store.deals()?;
            let mut buf = Vec::new();
            mille::deals::export::write_csv(&deals, today, &mut buf).map_err(|source| CliError::Io {
                action: "write",
                path: "the CSV".into(),
                source,
            })?;
            match path {
                Some(p) => super::ratecard::write_whole(&p, &buf)?,
                None => out(&String::from_utf8_lossy(&buf)),
            }
            Ok(())
        }
    }
}

fn book(ctx: &Ctx, store: &mut Store, b: BookArgs) -> CliResult {
    let base = base(store)?;
    let fee = match &b.fee {
        Some(t) => {
            let currency =
                input::currency(f(FieldName::Currency), b.currency.as_deref().unwrap_or("")).map_err(said)?;
            let (amount, code) = input::fee(f(FieldName::Fee), t, currency.as_deref(), &base).map_err(said)?;
            if amount < rust_decimal::Decimal::ZERO {
                return Err(CliError::Invalid(format!("--fee {t:?}: an amount of 0 or more is needed")));
            }
            let rate = input::fx_rate(f(FieldName::FxRate), b.fx_rate.as_deref().unwrap_or("")).map_err(said)?;
            Some((amount, code, rate))
        }
        None => None,
    };
    let days = |text: &Option<String>, name| input::days(f(name), text.as_deref().unwrap_or("")).map_err(said);
    let input = BookInput {
        fee,
        usage_rights: input::usage_rights(f(FieldName::UsageRights), b.usage_rights.as_deref().unwrap_or(""))
            .map_err(said)?,
        exclusivity_days: days(&b.exclusivity, FieldName::Exclusivity)?,
        whitelisting_days: days(&b.whitelisting, FieldName::Whitelisting)?,
        rush: b.rush,
        net_days: days(&b.net_days, FieldName::NetDays)?,
    };
    let date = day(b.date.as_deref())?;
    let v = actions::book(store, b.id, &input, date)?;
    if ctx.json {
        out_json(&v);
    } else {
        let fee = v.agreed_fee.clone().unwrap_or_default();
        let mut text = format!("deal {} booked at {} {}\n", v.id, fee, v.currency);
        for w in &v.warnings {
            text.push_str(&format!("warning: {w}\n"));
        }
        out(&text);
    }
    Ok(())
}

/// After a change: the deal as `deals show --json`, or the human line.
fn done(ctx: &Ctx, store: &Store, id: i64, today: NaiveDate, human: &str) -> CliResult {
    if ctx.json {
        out_json(&actions::show(store, id, today)?);
    } else {
        out(human);
    }
    Ok(())
}

fn invoice_json(inv: &InvoiceData) -> serde_json::Value {
    serde_json::json!({
        "number": inv.number,
        "date": inv.date,
        "due": inv.due,
        "currency": inv.currency,
        "lines": inv.lines.iter().map(|l| serde_json::json!({
            "description": l.description,
            "quantity": l.quantity,
            "unit": money::fixed(l.unit, 2),
            "amount": money::fixed(l.amount, 2),
        })).collect::<Vec<_>>(),
        "add_ons": inv.add_ons,
        "total": money::fixed(inv.total, 2),
    })
}

fn list_table(deals: &[DealView]) -> String {
    if deals.is_empty() {
        return "no deals\n".into();
    }
    let mut t = Table::new(&[
        ("id", Align::Right),
        ("brand", Align::Left),
        ("title", Align::Left),
        ("stage", Align::Left),
        ("agreed", Align::Right),
        ("paid", Align::Right),
        ("outstanding", Align::Right),
        ("overdue", Align::Right),
    ]);
    for d in deals {
        t.row(vec![
            d.id.to_string(),
            clip(&d.brand, 24),
            clip(&d.title, 24),
            d.stage.to_string(),
            d.agreed_fee
                .as_deref()
                .map(|f| money::display(f.parse().unwrap_or_default(), &d.currency, 2))
                .unwrap_or_else(|| "—".into()),
            money::display(d.paid.parse().unwrap_or_default(), &d.currency, 2),
            money::display(d.outstanding.parse().unwrap_or_default(), &d.currency, 2),
            d.overdue_days.map(|n| format!("{n} d")).unwrap_or_default(),
        ]);
    }
    t.render()
}
