//! The Rate card screen: a live preview of the brand-facing card, Export PDF through
//! the native save dialog, and the packages editor; Propose's "Add to rate card" and
//! "Export proposal PDF"; the profile's logo. Each is a short call into the core's rate
//! card engine (`mille::ratecard`), the same one `mille ratecard`, `mille ratecard
//! packages` and `mille propose --pdf` use: same data, same PDF. The card is priced and
//! typeset with the database released.

use super::today;
use crate::db::{Db, History};
use crate::dto::{PackageEdit, PackagesView, ProposeInput, RatecardInput, RatecardView, Saved};
use crate::error::{AppError, AppResult};
use crate::files::{file_name, open_path, read_file, save_path, write_file};
use crate::{parse, AppState};
use base64::Engine as _;
use mille::pricing;
use mille::ratecard::{self, CardData, Logo, PackageSpec, PACKAGES_KEY};
use tauri::{AppHandle, State};

fn engine(e: ratecard::RatecardError) -> AppError {
    AppError::Ratecard(e.to_string())
}

/// The history and the stored logo, read under the lock in one go.
fn history_and_logo(db: &Db) -> AppResult<(History, Option<Vec<u8>>)> {
    db.read(|s| {
        let logo = s.logo()?.map(|(_, bytes)| bytes);
        Ok((History { profile: s.profile()?, stored: s.settings()?, posts: s.posts()? }, logo))
    })
}

fn logo_of(bytes: Option<Vec<u8>>) -> AppResult<Option<Logo>> {
    bytes.map(Logo::from_bytes).transpose().map_err(engine)
}

/// The card's data and logo for `input` (the date empty means today).
fn card(db: &Db, input: &RatecardInput) -> AppResult<(CardData, Option<Logo>)> {
    let opts = parse::card_options(input, today())?;
    let (h, logo) = history_and_logo(db)?;
    let specs = ratecard::packages_from(&h.stored, &h.posts, opts.as_of).map_err(engine)?;
    let data = ratecard::build_from(&h.profile, &h.settings()?, &h.posts, &specs, &opts).map_err(engine)?;
    Ok((data, logo_of(logo)?))
}

#[tauri::command]
pub fn ratecard_defaults() -> AppResult<RatecardInput> {
    Ok(RatecardInput::default())
}

/// The first page as a PNG (at 1.5 px per point) and what is on the card.
#[tauri::command]
pub async fn ratecard_preview(state: State<'_, AppState>, input: RatecardInput) -> AppResult<RatecardView> {
    preview(&state.db, &input)
}

pub(crate) fn preview(db: &Db, input: &RatecardInput) -> AppResult<RatecardView> {
    let (data, logo) = card(db, input)?;
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
pub async fn ratecard_export(
    app: AppHandle,
    state: State<'_, AppState>,
    input: RatecardInput,
) -> AppResult<Option<Saved>> {
    let (data, logo) = card(&state.db, &input)?;
    let pdf = ratecard::render_pdf(&data, logo.as_ref()).map_err(engine)?;
    let Some(path) = save_path(&app, "Export rate card", &format!("rate-card-{}.pdf", data.date), ("PDF", &["pdf"]))
    else {
        return Ok(None);
    };
    write_file(&path, &pdf).map(Some)
}

// ----- packages editor ---------------------------------------------------------------

/// The packages on the card: the saved ones, or the defaults from the most used formats.
pub(crate) fn packages_of(db: &Db) -> AppResult<PackagesView> {
    let (stored, posts) = db.read(|s| Ok((s.settings()?, s.posts()?)))?;
    let custom = stored.get(PACKAGES_KEY).is_some_and(|t| !t.trim().is_empty());
    Ok(PackagesView::of(custom, &ratecard::packages_from(&stored, &posts, today()).map_err(engine)?))
}

/// Saves packages (`None`: back to the defaults) and returns what the card then has.
fn save(db: &Db, specs: Option<&[PackageSpec]>, field: Option<&str>) -> AppResult<PackagesView> {
    db.write(|s| {
        ratecard::save_packages(s, specs).map_err(|e| match field {
            Some(f) => AppError::field(f, e.to_string()),
            None => engine(e),
        })
    })?;
    packages_of(db)
}

#[tauri::command]
pub async fn ratecard_packages(state: State<'_, AppState>) -> AppResult<PackagesView> {
    packages_of(&state.db)
}

/// Saves the edited packages (checked first: nothing is saved when one is wrong).
#[tauri::command]
pub async fn ratecard_save_packages(state: State<'_, AppState>, packages: Vec<PackageEdit>) -> AppResult<PackagesView> {
    save(&state.db, Some(&parse::packages(&packages)?), None)
}

/// Goes back to the default packages.
#[tauri::command]
pub async fn ratecard_reset_packages(state: State<'_, AppState>) -> AppResult<PackagesView> {
    save(&state.db, None, None)
}

/// Propose's "Add to rate card": the request's lines and add-ons become a package named
/// `name` (the brand's name is never put on the card unless the creator types it here),
/// after the packages already on the card.
#[tauri::command]
pub async fn ratecard_add_package(
    state: State<'_, AppState>,
    input: ProposeInput,
    name: String,
) -> AppResult<PackagesView> {
    add_package(&state.db, &input, &name)
}

pub(crate) fn add_package(db: &Db, input: &ProposeInput, name: &str) -> AppResult<PackagesView> {
    let (h, _) = history_and_logo(db)?;
    let added = parse::package_of_request(parse::request(input, h.base(), today())?, name)?;
    let mut specs = ratecard::packages_from(&h.stored, &h.posts, today()).map_err(engine)?;
    if specs.iter().any(|s| s.package.name.eq_ignore_ascii_case(&added.package.name)) {
        let msg = format!("the card already has a package named \"{}\"; choose another name", added.package.name);
        return Err(AppError::field("package_name", msg));
    }
    specs.push(added);
    save(db, Some(&specs), Some("package_name"))
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
    let pdf = proposal_pdf(&state.db, &input, &price_point, performance)?;
    let Some(path) = save_path(&app, "Export proposal", &format!("proposal-{}.pdf", today()), ("PDF", &["pdf"])) else {
        return Ok(None);
    };
    write_file(&path, &pdf).map(Some)
}

pub(crate) fn proposal_pdf(db: &Db, input: &ProposeInput, price_point: &str, performance: bool) -> AppResult<Vec<u8>> {
    let point = parse::price_point(price_point)?;
    let (h, logo) = history_and_logo(db)?;
    let req = parse::request(input, h.base(), today())?;
    let settings = h.settings()?;
    let proposal = pricing::propose(&h.posts, &settings, &req, h.base())?;
    let quote = ratecard::quote(&h.profile, &settings, &proposal, point, performance, today());
    ratecard::render_quote_pdf(&quote, logo_of(logo)?.as_ref()).map_err(engine)
}

/// Settings' "Choose logo…": a PNG, JPEG or SVG picked in the native dialog (or
/// `MILLE_E2E_OPEN`), checked, and stored with the profile. Returns its file name, or
/// null when the dialog was cancelled.
#[tauri::command]
pub async fn choose_logo(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<String>> {
    let Some(path) = open_path(&app, "Choose a logo for the rate card", ("Images", &["png", "jpg", "jpeg", "svg"]))
    else {
        return Ok(None);
    };
    let bytes = read_file(&path)?;
    if bytes.len() > 5 * 1024 * 1024 {
        return Err(AppError::field(
            "logo",
            format!("{} is {} MB; a logo is at most 5 MB", path.display(), bytes.len() / (1024 * 1024)),
        ));
    }
    Logo::from_bytes(bytes.clone()).map_err(|e| AppError::field("logo", e.to_string()))?;
    let name = file_name(&path);
    state.db.write(|s| Ok(s.set_logo(Some((&name, &bytes)))?))?;
    Ok(Some(name))
}

/// Settings' "Remove logo".
#[tauri::command]
pub async fn remove_logo(state: State<'_, AppState>) -> AppResult<()> {
    state.db.write(|s| Ok(s.set_logo(None)?))
}
