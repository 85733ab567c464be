//! The Rate card screen's commands: a live preview of the brand-facing card, Export
//! PDF through the native save dialog, and the packages editor; Propose's "Add to rate
//! card" and "Export proposal PDF"; the profile's logo. Each is a short call into the
//! core's rate card engine (`mille::ratecard`), the same one `mille ratecard`,
//! `mille ratecard packages` and `mille propose --pdf` use: same data, same PDF.

use crate::commands::{days, lock, open_path, quantity, request_of, save_path, usage_rights, write_file};
use crate::dto::{ProposeInput, Saved};
use crate::error::{AppError, AppResult};
use crate::AppState;
use base64::Engine as _;
use chrono::NaiveDate;
use mille::import::values as v;
use mille::pricing::{self, Deliverable, Package, Settings, UsageRights};
use mille::ratecard::{self, CardData, CardOptions, Logo, PackageSpec, PricePoint};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use ts_rs::TS;

/// Whether this build has the rate card engine.
pub const AVAILABLE: bool = true;

/// The card as the creator sets it up on the screen.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RatecardInput {
    /// The card's date (empty: today).
    pub date: String,
    pub how_i_price: bool,
    pub performance: bool,
}

/// A rendered preview: the first page as a PNG data URL, and what is on the card.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RatecardView {
    pub png_data_url: String,
    pub pages: u32,
    pub valid_until: String,
    pub packages: Vec<String>,
}

fn engine(e: ratecard::RatecardError) -> AppError {
    AppError::Ratecard(e.to_string())
}

/// The card's data and logo from the store, for `input` (the date empty means today).
fn card(state: &State<'_, AppState>, input: &RatecardInput) -> AppResult<(CardData, Option<Logo>)> {
    let today = chrono::Local::now().date_naive();
    let t = input.date.trim();
    let date = if t.is_empty() {
        None
    } else {
        Some(NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
            AppError::field("date", format!("date {t:?}: write it as YYYY-MM-DD, e.g. {today}"))
        })?)
    };
    let opts = CardOptions { date, as_of: today, how_i_price: input.how_i_price, performance: input.performance };
    let store = lock(state)?;
    let data = ratecard::build(&store, &opts).map_err(engine)?;
    let logo = Logo::from_store(&store).map_err(engine)?;
    Ok((data, logo))
}

#[tauri::command]
pub fn ratecard_defaults() -> AppResult<RatecardInput> {
    Ok(RatecardInput::default())
}

/// The first page as a PNG (at 1.5 px per point) and what is on the card.
#[tauri::command]
pub async fn ratecard_preview(state: State<'_, AppState>, input: RatecardInput) -> AppResult<RatecardView> {
    let (data, logo) = card(&state, &input)?;
    let png = ratecard::render_png(&data, logo.as_ref(), 0, 1.5).map_err(engine)?;
    Ok(RatecardView {
        png_data_url: format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png)),
        pages: if data.how_i_price.is_some() { 2 } else { 1 },
        valid_until: data.valid_until.to_string(),
        packages: data.packages.iter().map(|p| format!("{} {}", p.name, p.price_text)).collect(),
    })
}

/// Renders the card and writes it where the save dialog (or `MILLE_E2E_SAVE`) says.
#[tauri::command]
pub async fn ratecard_export(app: AppHandle, state: State<'_, AppState>, input: RatecardInput) -> AppResult<Option<Saved>> {
    let (data, logo) = card(&state, &input)?;
    let pdf = ratecard::render_pdf(&data, logo.as_ref()).map_err(engine)?;
    let name = format!("rate-card-{}.pdf", data.date);
    let Some(path) = save_path(&app, "Export rate card", &name, ("PDF", &["pdf"])) else { return Ok(None) };
    write_file(&path, &pdf).map(Some)
}

// ----- packages editor ---------------------------------------------------------------

/// One deliverable line of a package, as typed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PackageLineEdit {
    pub platform: String,
    pub format: String,
    pub quantity: String,
}

/// A package as the editor shows and sends it (numbers as typed text).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PackageEdit {
    pub name: String,
    pub recommended: bool,
    pub lines: Vec<PackageLineEdit>,
    /// Empty, a number of days, or `perpetual`.
    pub usage_rights: String,
    pub exclusivity: String,
    pub whitelisting: String,
    pub rush: bool,
}

/// The packages on the card; `custom` is false while the defaults are used.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PackagesView {
    pub custom: bool,
    pub packages: Vec<PackageEdit>,
}

pub(crate) fn edit_of(spec: &PackageSpec) -> PackageEdit {
    let p = &spec.package;
    PackageEdit {
        name: p.name.clone(),
        recommended: spec.recommended,
        lines: p
            .deliverables
            .iter()
            .map(|d| PackageLineEdit {
                platform: d.platform.as_str().to_string(),
                format: d.format.to_string(),
                quantity: d.quantity.to_string(),
            })
            .collect(),
        usage_rights: match p.usage_rights {
            None => String::new(),
            Some(UsageRights::Perpetual) => "perpetual".into(),
            Some(UsageRights::Days(d)) => d.to_string(),
        },
        exclusivity: p.exclusivity_days.map(|d| d.to_string()).unwrap_or_default(),
        whitelisting: p.whitelisting_days.map(|d| d.to_string()).unwrap_or_default(),
        rush: p.rush,
    }
}

/// Reads the editor's packages with the core's value rules; the field of an error is
/// `package{i}` so the UI can show it beside that package.
pub(crate) fn spec_of(i: usize, e: &PackageEdit) -> AppResult<PackageSpec> {
    let field = format!("package{i}");
    let name = e.name.trim();
    let what = if name.is_empty() { format!("package {}", i + 1) } else { format!("package \"{name}\"") };
    let mut deliverables = Vec::new();
    for (j, l) in e.lines.iter().enumerate() {
        let line = format!("{what}, line {}", j + 1);
        let platform = v::parse_platform(&l.platform)
            .map_err(|err| AppError::field(&field, format!("{line}: platform {:?}: {}", l.platform.trim(), err.message())))?;
        let format = v::parse_format(&l.format)
            .map_err(|err| AppError::field(&field, format!("{line}: format {:?}: {}", l.format.trim(), err.message())))?;
        let quantity = quantity(&l.quantity, &field, &line)?;
        deliverables.push(Deliverable { platform, format, quantity });
    }
    Ok(PackageSpec {
        package: Package {
            name: name.to_string(),
            deliverables,
            usage_rights: usage_rights(&e.usage_rights, &field, &format!("{what}: usage rights"))?,
            exclusivity_days: days(&e.exclusivity, &field, &format!("{what}: exclusivity"))?,
            whitelisting_days: days(&e.whitelisting, &field, &format!("{what}: whitelisting"))?,
            rush: e.rush,
        },
        recommended: e.recommended,
    })
}

pub(crate) fn packages_view(store: &mille::store::Store) -> AppResult<PackagesView> {
    let custom = store
        .settings()?
        .get(ratecard::PACKAGES_KEY)
        .is_some_and(|t| !t.trim().is_empty());
    let specs = ratecard::packages(store, today()).map_err(engine)?;
    Ok(PackagesView { custom, packages: specs.iter().map(edit_of).collect() })
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The packages on the card: the saved ones, or the defaults from the most used formats.
#[tauri::command]
pub async fn ratecard_packages(state: State<'_, AppState>) -> AppResult<PackagesView> {
    let store = lock(&state)?;
    packages_view(&store)
}

/// Saves the edited packages (checked first: nothing is saved when one is wrong).
#[tauri::command]
pub async fn ratecard_save_packages(state: State<'_, AppState>, packages: Vec<PackageEdit>) -> AppResult<PackagesView> {
    let specs = packages.iter().enumerate().map(|(i, e)| spec_of(i, e)).collect::<AppResult<Vec<_>>>()?;
    let mut store = lock(&state)?;
    ratecard::save_packages(&mut store, Some(&specs)).map_err(engine)?;
    packages_view(&store)
}

/// Goes back to the default packages.
#[tauri::command]
pub async fn ratecard_reset_packages(state: State<'_, AppState>) -> AppResult<PackagesView> {
    let mut store = lock(&state)?;
    ratecard::save_packages(&mut store, None).map_err(engine)?;
    packages_view(&store)
}

/// Propose's "Add to rate card": the request's lines and add-ons become a package named
/// `name` (the brand's name is never put on the card unless the creator types it here),
/// after the packages already on the card.
#[tauri::command]
pub async fn ratecard_add_package(state: State<'_, AppState>, input: ProposeInput, name: String) -> AppResult<PackagesView> {
    let mut store = lock(&state)?;
    let base = store.profile()?.base_currency;
    let req = request_of(&input, &base, today())?;
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("package_name", "give the package a name, e.g. \"Launch bundle\""));
    }
    let mut specs = ratecard::packages(&store, today()).map_err(engine)?;
    if specs.iter().any(|s| s.package.name.eq_ignore_ascii_case(name)) {
        return Err(AppError::field("package_name", format!("the card already has a package named \"{name}\"; choose another name")));
    }
    specs.push(PackageSpec {
        package: Package {
            name: name.to_string(),
            deliverables: req.deliverables,
            usage_rights: req.usage_rights,
            exclusivity_days: req.exclusivity_days,
            whitelisting_days: req.whitelisting_days,
            rush: req.rush,
        },
        recommended: false,
    });
    ratecard::save_packages(&mut store, Some(&specs))
        .map_err(|e| AppError::field("package_name", e.to_string()))?;
    packages_view(&store)
}

// ----- proposal PDF and logo -----------------------------------------------------------

/// Propose's "Export proposal PDF": the quote at target (or anchor) for the request,
/// typeset like the card, saved where the save dialog (or `MILLE_E2E_SAVE`) says. The
/// floor is never on it.
#[tauri::command]
pub async fn proposal_export(
    app: AppHandle,
    state: State<'_, AppState>,
    input: ProposeInput,
    price_point: String,
    performance: bool,
) -> AppResult<Option<Saved>> {
    let point = PricePoint::parse(&price_point).map_err(|e| AppError::field("price_point", e.to_string()))?;
    let (pdf, date) = {
        let store = lock(&state)?;
        let profile = store.profile()?;
        let req = request_of(&input, &profile.base_currency, today())?;
        let settings = Settings::from_stored(&store.settings()?)?;
        let posts = store.posts()?;
        let proposal = pricing::propose(&posts, &settings, &req, &profile.base_currency)?;
        let quote = ratecard::quote(&profile, &settings, &proposal, point, performance, today());
        let logo = Logo::from_store(&store).map_err(engine)?;
        (ratecard::render_quote_pdf(&quote, logo.as_ref()).map_err(engine)?, today())
    };
    let name = format!("proposal-{date}.pdf");
    let Some(path) = save_path(&app, "Export proposal", &name, ("PDF", &["pdf"])) else { return Ok(None) };
    write_file(&path, &pdf).map(Some)
}

/// Settings' "Choose logo…": a PNG, JPEG or SVG picked in the native dialog (or
/// `MILLE_E2E_OPEN`), checked, and stored with the profile. Returns its file name, or
/// null when the dialog was cancelled.
#[tauri::command]
pub async fn choose_logo(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<String>> {
    let Some(path) = open_path(&app, "Choose a logo for the rate card", ("Images", &["png", "jpg", "jpeg", "svg"])) else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path)
        .map_err(|source| AppError::Io { action: "read", path: path.display().to_string(), source })?;
    if bytes.len() > 5 * 1024 * 1024 {
        return Err(AppError::field("logo", format!("{} is {} MB; a logo is at most 5 MB", path.display(), bytes.len() / (1024 * 1024))));
    }
    Logo::from_bytes(bytes.clone()).map_err(|e| AppError::field("logo", e.to_string()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "logo".into());
    lock(&state)?.set_logo(Some((&name, &bytes)))?;
    Ok(Some(name))
}

/// Settings' "Remove logo".
#[tauri::command]
pub async fn remove_logo(state: State<'_, AppState>) -> AppResult<()> {
    lock(&state)?.set_logo(None)?;
    Ok(())
}
