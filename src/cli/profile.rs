//! `mille profile show|set`: who the creator is, her handles and audience, the base
//! currency every figure is in, payment terms, accent colour and logo.

use super::{out, out_json, values, CliError, CliResult, Ctx};
use clap::Subcommand;
use mille::input::{self, Field, FieldName, InputError};
use mille::model::Handle;
use mille::money;
use std::path::PathBuf;

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
    },
}

pub fn run(ctx: &Ctx, cmd: ProfileCommand) -> CliResult {
    let mut store = ctx.open()?;
    match cmd {
        ProfileCommand::Show => {}
        ProfileCommand::Set { name, handle, base_currency, payment_terms, accent, logo } => {
            let mut p = store.profile()?;
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
