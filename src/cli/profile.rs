//! `mille profile show|set`: who the creator is, her handles and audience, the base
//! currency every figure is in, payment terms, accent colour and logo.

use super::{out, out_json, CliError, CliResult, Ctx};
use clap::Subcommand;
use mille::model::{Handle, Platform};
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
                p.name = n.trim().to_string();
            }
            for h in &handle {
                apply_handle(&mut p.handles, h)?;
            }
            if let Some(c) = base_currency {
                let code = c.trim().to_uppercase();
                if !money::is_iso_currency(&code) {
                    return Err(CliError::Invalid(format!("--base-currency {c:?} is not an ISO 4217 currency code")));
                }
                p.base_currency = code;
            }
            if let Some(t) = payment_terms {
                p.payment_terms = t.trim().to_string();
            }
            if let Some(a) = accent {
                p.accent = parse_accent(&a)?;
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
            let audience = h.audience.map(|a| format!(" · {} followers", money::group_thousands(&a.to_string()))).unwrap_or_default();
            s.push_str(&format!("{:<15}{}{}\n", h.platform.display_name(), h.handle, audience));
        }
        s.push_str(&format!("base currency  {}\n", p.base_currency));
        s.push_str(&format!("payment terms  {}\n", if p.payment_terms.is_empty() { "(not set)" } else { &p.payment_terms }));
        s.push_str(&format!("accent         {}\n", p.accent));
        s.push_str(&format!("logo           {}\n", p.logo.as_deref().unwrap_or("(none)")));
        out(&s);
    }
    Ok(())
}

/// Applies one `PLATFORM=@handle[:AUDIENCE]` to the list (replacing that platform's).
fn apply_handle(handles: &mut Vec<Handle>, text: &str) -> CliResult {
    let bad = |why: &str| CliError::Invalid(format!("--handle {text:?}: {why}"));
    let (platform, rest) = text.split_once('=').ok_or_else(|| bad("expected PLATFORM=@handle[:AUDIENCE]"))?;
    let platform = Platform::parse(platform)
        .ok_or_else(|| bad(&format!("unknown platform (known: {})", Platform::known_list())))?;
    let (handle, audience) = match rest.rsplit_once(':') {
        Some((h, a)) if !a.trim().is_empty() && a.trim().chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            (h.trim(), Some(parse_audience(a).ok_or_else(|| bad(&format!("audience {a:?} is not a whole number (e.g. 182000 or 182k)")))?))
        }
        _ => (rest.trim(), None),
    };
    match handles.iter().position(|h| h.platform == platform) {
        Some(i) if handle.is_empty() => {
            handles.remove(i);
        }
        Some(i) => handles[i] = Handle { platform, handle: handle.to_string(), audience },
        None if handle.is_empty() => {}
        None => handles.push(Handle { platform, handle: handle.to_string(), audience }),
    }
    Ok(())
}

/// `182000`, `182,000`, `182k`, `1.2m`.
fn parse_audience(text: &str) -> Option<u64> {
    use rust_decimal::prelude::ToPrimitive;
    let t = text.trim().to_lowercase().replace([',', '_', ' '], "");
    let (num, mult) = match t.chars().last()? {
        'k' => (&t[..t.len() - 1], 1_000u64),
        'm' => (&t[..t.len() - 1], 1_000_000u64),
        _ => (t.as_str(), 1),
    };
    let d: rust_decimal::Decimal = num.parse().ok()?;
    if d.is_sign_negative() {
        return None;
    }
    (d * rust_decimal::Decimal::from(mult)).round().to_u64()
}

fn parse_accent(text: &str) -> CliResult<String> {
    let t = text.trim().to_lowercase();
    let hex = t.strip_prefix('#').unwrap_or(&t);
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(format!("#{hex}"))
    } else {
        Err(CliError::Invalid(format!("--accent {text:?} is not a colour like #5b3fd1")))
    }
}

/// Reads a PNG or SVG logo, checking what the bytes are, not the name.
fn read_logo(path: &std::path::Path) -> CliResult<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).map_err(|source| CliError::Io { action: "read", path: path.display().to_string(), source })?;
    let is_png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
    let is_svg = head.contains("<svg");
    if !is_png && !is_svg {
        return Err(CliError::Invalid(format!("{} is not a PNG or SVG image", path.display())));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "logo".into());
    Ok((name, bytes))
}
