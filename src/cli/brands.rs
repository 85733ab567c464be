//! `mille brands list|show|set`: the brands of posts and deals, their category (what
//! exclusivity is about), contact and billing details.

use super::table::{clip, Align, Table};
use super::values::said;
use super::{out, out_json, CliResult, Ctx};
use clap::Subcommand;
use mille::input::{self, deals as read, Field, FieldName};
use mille::store::{BrandChanges, StoreError};

#[derive(Subcommand)]
pub enum BrandsCommand {
    /// Every brand.
    List,
    /// One brand.
    Show { name: String },
    /// Change a brand's details (creates the brand when new).
    Set {
        #[arg(allow_hyphen_values = true)]
        name: String,
        #[arg(long, allow_hyphen_values = true)]
        category: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        contact: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        email: Option<String>,
        /// Billing address (use \n or real line breaks between lines).
        #[arg(long, allow_hyphen_values = true)]
        billing: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        notes: Option<String>,
    },
}

fn text(name: FieldName, value: Option<String>) -> CliResult<Option<String>> {
    value.map(|v| input::text(Field::of(name), &v).map_err(said)).transpose()
}

pub fn run(ctx: &Ctx, cmd: BrandsCommand) -> CliResult {
    let mut store = ctx.open()?;
    let brand = match cmd {
        BrandsCommand::List => {
            let brands = store.brands()?;
            if ctx.json {
                out_json(&brands);
            } else if brands.is_empty() {
                out("no brands\n");
            } else {
                let mut t = Table::new(&[
                    ("brand", Align::Left),
                    ("category", Align::Left),
                    ("contact", Align::Left),
                    ("email", Align::Left),
                ]);
                for b in &brands {
                    t.row(vec![clip(&b.name, 28), clip(&b.category, 20), clip(&b.contact, 24), clip(&b.email, 32)]);
                }
                out(&t.render());
            }
            return Ok(());
        }
        BrandsCommand::Show { name } => store.brand(&name)?.ok_or(StoreError::NoSuchBrand(name))?,
        BrandsCommand::Set { name, category, contact, email, billing, notes } => {
            let name = input::brand(Field::of(FieldName::Brand), &name).map_err(said)?;
            let changes = BrandChanges {
                category: text(FieldName::Category, category)?,
                contact: text(FieldName::Contact, contact)?,
                email: email.map(|e| read::email(Field::of(FieldName::Email), &e).map_err(said)).transpose()?,
                billing: text(FieldName::Billing, billing.map(|b| super::profile::lines(&b)))?,
                notes: text(FieldName::Notes, notes)?,
            };
            store.set_brand(&name, &changes)?
        }
    };
    if ctx.json {
        out_json(&brand);
    } else {
        let mut s = format!("{}\n", brand.name);
        for (label, value) in [
            ("category", &brand.category),
            ("contact", &brand.contact),
            ("email", &brand.email),
            ("billing", &brand.billing),
            ("notes", &brand.notes),
        ] {
            if !value.is_empty() {
                s.push_str(&format!("{label}: {value}\n"));
            }
        }
        out(&s);
    }
    Ok(())
}
