//! `mille profile show|set`: who the creator is, her handles and audience, the base
//! currency every figure is in, payment terms, accent colour and logo.

use super::{out, out_json, values, CliError, CliResult, Ctx};
use clap::Subcommand;
use mille::input::{self, Field, FieldName, InputError};
use mille::model::Handle;
use mille::money;
use std::path::PathBuf;

// Parsed once per run: the size of `Set` costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum ProfileCommand {
    /// Print the profile.
    Show,
    /// Change fields of the profile; fields not given stay as they are.
    Set {
        #[arg(long)]
        name: Option<String>,
        /// PLATFORM=@handle[:AUDIENCE], e.g. instagram=@maya.makes:182000 (repeatable;
        /// an empty handle removes the platform).
        #[arg(long, value_name = "PLATFORM=@HANDLE[:AUDIENCE]")]
        handle: Vec<String>,
        /// ISO 4217 code (refused once the database holds posts).
        #[arg(long, value_name = "CODE")]
        base_currency: Option<String>,
        #[arg(long, value_name = "TEXT")]
        payment_terms: Option<String>,
        /// Accent colour as #rrggbb.
        #[arg(long, value_name = "#RRGGBB")]
        accent: Option<String>,
        /// A PNG or SVG logo for the rate card; an empty value removes it.
        #[arg(long, value_name = "FILE")]
        logo: Option<PathBuf>,
        /// The name invoices are issued under (default: --name).
        #[arg(long, value_name = "TEXT")]
        legal_name: Option<String>,
        /// Postal address for invoices (use \n or real line breaks between lines).
        #[arg(long, value_name = "TEXT")]
        address: Option<String>,
        /// VAT number or other tax ID printed on invoices.
        #[arg(long, value_name = "TEXT")]
        tax_id: Option<String>,
        /// Email printed on invoices.
        #[arg(long, value_name = "ADDRESS")]
        email: Option<String>,
        /// How to pay you, printed on invoices (an IBAN, PayPal address…).
        #[arg(long, value_name = "TEXT")]
        payment_details: Option<String>,
        /// A note under an invoice's total, e.g. a reverse-charge statement.
        #[arg(long, value_name = "TEXT")]
        tax_note: Option<String>,
    },
}

pub fn run(ctx: &Ctx, cmd: ProfileCommand) -> CliResult {
    let mut store = ctx.open()?;
    match cmd {
        ProfileCommand::Show => {}
        ProfileCommand::Set {
            name,
            handle,
            base_currency,
            payment_terms,
            accent,
            logo,
            legal_name,
            address,
            tax_id,
            email,
            payment_details,
            tax_note,
        } => {
            let mut p = store.profile()?;
            let b = &p.business;
            let given = |v: &Option<String>, old: &String| v.as_deref().map(lines).unwrap_or_else(|| old.clone());
            let form = input::BusinessForm {
                legal_name: given(&legal_name, &b.legal_name),
                address: given(&address, &b.address),
                tax_id: given(&tax_id, &b.tax_id),
                email: given(&email, &b.email),
                payment_details: given(&payment_details, &b.payment_details),
                tax_note: given(&tax_note, &b.tax_note),
            };
            p.business = input::business(&form).map_err(values::said)?;
            if let Some(n) = name {
                p.name = input::text(Field::of(FieldName::Name), &n).map_err(values::said)?;
            }
            for h in &handle {
                apply_handle(&mut p.handles, h)?;
            }
            if let Some(c) = base_currency {
                let field = Field::of(FieldName::BaseCurrency);
                p.base_currency = input::currency(field, &c)
                    .and_then(|c| {
                        c.ok_or_else(|| InputError::new(field, "", "a currency code is required, such as USD"))
                    })
                    .map_err(values::said)?;
            }
            if let Some(t) = payment_terms {
                p.payment_terms = input::text(Field::of(FieldName::PaymentTerms), &t).map_err(values::said)?;
            }
            if let Some(a) = accent {
                p.accent = input::accent(Field::of(FieldName::Accent), &a).map_err(values::said)?;
            }
            let logo_bytes = match &logo {
                Some(path) if path.as_os_str().is_empty() => Some(None),
                Some(path) => Some(Some(read_logo(path)?)),
                None => None,
            };
            store.set_profile(&p)?;
            match logo_bytes {
                Some(Some((name, bytes))) => store.set_logo(Some((&name, &bytes)))?,
                Some(None) => store.set_logo(None)?,
                None => {}
            }
        }
    }
    let p = store.profile()?;
    if ctx.json {
        out_json(&p);
    } else {
        let mut s = String::new();
        s.push_str(&format!("name           {}\n", if p.name.is_empty() { "(not set)" } else { &p.name }));
        for h in &p.handles {
            let audience = h
                .audience
                .map(|a| format!(" · {} followers", money::group_thousands(&a.to_string())))
                .unwrap_or_default();
            s.push_str(&format!("{:<15}{}{}\n", h.platform.display_name(), h.handle, audience));
        }
        s.push_str(&format!("base currency  {}\n", p.base_currency));
        s.push_str(&format!(
            "payment terms  {}\n",
            if p.payment_terms.is_empty() { "(not set)" } else { &p.payment_terms }
        ));
        s.push_str(&format!("accent         {}\n", p.accent));
        s.push_str(&format!("logo           {}\n", p.logo.as_deref().unwrap_or("(none)")));
        let b = &p.business;
        for (label, v) in [
            ("legal name", &b.legal_name),
            ("address", &b.address),
            ("tax ID", &b.tax_id),
            ("email", &b.email),
            ("payment", &b.payment_details),
            ("tax note", &b.tax_note),
        ] {
            if !v.is_empty() {
                s.push_str(&format!("{label:<15}{}\n", v.replace('\n', "\n               ")));
            }
        }
        out(&s);
    }
    Ok(())
}

/// Applies one `PLATFORM=@handle[:AUDIENCE]` to the list (replacing that platform's).
fn apply_handle(handles: &mut Vec<Handle>, text: &str) -> CliResult {
    let flag = "--handle";
    let bad = |why: &str| CliError::Invalid(format!("{flag} {text:?}: {why}"));
    let quoted = |e: InputError| values::said_as(flag, InputError { value: text.to_string(), ..e });
    let (platform, rest) = text.split_once('=').ok_or_else(|| bad("expected PLATFORM=@handle[:AUDIENCE]"))?;
    let platform = input::platform(Field::of(FieldName::Platform), platform).map_err(quoted)?;
    let (handle, audience) = match rest.rsplit_once(':') {
        Some((h, a)) if a.trim().chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            (h, input::audience(Field::of(FieldName::Audience), a).map_err(quoted)?)
        }
        _ => (rest, None),
    };
    let handle = input::text(Field::of(FieldName::Handle), handle).map_err(quoted)?;
    match handles.iter().position(|h| h.platform == platform) {
        Some(i) if handle.is_empty() => {
            handles.remove(i);
        }
        Some(i) => handles[i] = Handle { platform, handle, audience },
        None if handle.is_empty() => {}
        None => handles.push(Handle { platform, handle, audience }),
    }
    Ok(())
}

/// Reads a PNG, JPEG or SVG logo, checking what the bytes are, not the name.
fn read_logo(path: &std::path::Path) -> CliResult<(String, Vec<u8>)> {
    let too_big = std::fs::metadata(path).is_ok_and(|m| m.len() > input::bounds::MAX_LOGO_BYTES as u64);
    let bytes = if too_big {
        Vec::new() // not read: refused below by its size
    } else {
        std::fs::read(path).map_err(|source| CliError::Io {
            action: "read",
            path: path.display().to_string(),
            source,
        })?
    };
    let shown = path.display().to_string();
    if too_big {
        return Err(CliError::Invalid(format!("{shown} is larger than 10 MB; a logo of a few hundred KB is plenty")));
    }
    input::logo(Field::of(FieldName::Logo), &shown, &bytes)
        .map_err(|e| CliError::Invalid(format!("{shown} is {}", e.problem)))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "logo".into());
    Ok((name, bytes))
}

/// A flag's text with `\n` read as a line break (a shell makes real ones awkward).
pub(super) fn lines(text: &str) -> String {
    text.replace("\\n", "\n")
}
