//! Typesetting the card: a typst [`World`] of our own around the template
//! `assets/ratecard.typ`, with fonts bundled in the binary and no access to anything
//! else (no system fonts, no file system, no network, no packages: any other file is
//! `NotFound`).
//!
//! The same world typesets the proposal quote (`assets/proposal.typ`) and the papers
//! of a deal (`crate::paper`: `assets/invoice.typ`, `assets/recap.typ`).
//!
//! The card's data reaches the template only as JSON, read with `json("/card.json")`;
//! a name such as `#set page(width: 1pt)` is a string value there and prints as those
//! characters. The logo, when there is one, is the virtual file `/logo.png`,
//! `/logo.jpg` or `/logo.svg`, named in `/meta.json`.
//!
//! Fonts (all open licences, texts in `assets/fonts/`): Inter 4.0 (Regular, Medium,
//! SemiBold, Bold; OFL) for Latin, Greek and Cyrillic with tabular figures; Noto Sans
//! Arabic (Regular, Bold; OFL); Droid Sans Fallback (Apache-2.0) for Chinese, Japanese
//! and Korean. About 5.6 MB in all, parsed once per process.
//!
//! The PDF's creation date is the card's date at 00:00 UTC and typst's `today` is the
//! card's date, so the same data always gives the same bytes.

use super::{CardData, RatecardError};
use std::path::PathBuf;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::ecow::EcoVec;
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

const CARD_TEMPLATE: &str = include_str!("../../assets/ratecard.typ");
const QUOTE_TEMPLATE: &str = include_str!("../../assets/proposal.typ");

static FONT_FILES: &[&[u8]] = &[
    include_bytes!("../../assets/fonts/Inter-Regular.otf"),
    include_bytes!("../../assets/fonts/Inter-Medium.otf"),
    include_bytes!("../../assets/fonts/Inter-SemiBold.otf"),
    include_bytes!("../../assets/fonts/Inter-Bold.otf"),
    include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf"),
    include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf"),
];

/// What kind of image a logo is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Jpeg,
    Svg,
}

/// The profile's logo: its bytes and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub kind: LogoKind,
    pub bytes: Vec<u8>,
}

impl Logo {
    /// Recognises a PNG, JPEG or SVG by its first bytes (the file name may lie).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Logo, RatecardError> {
        let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            LogoKind::Png
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            LogoKind::Jpeg
        } else {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
            if head.contains("<svg") {
                LogoKind::Svg
            } else {
                return Err(RatecardError::Logo("it is not a PNG, JPEG or SVG image".into()));
            }
        };
        Ok(Logo { kind, bytes })
    }

    /// The logo stored with the profile, if any.
    pub fn from_store(store: &crate::store::Store) -> Result<Option<Logo>, RatecardError> {
        match store.logo()? {
            Some((_, bytes)) => Logo::from_bytes(bytes).map(Some),
            None => Ok(None),
        }
    }

    fn path(&self) -> &'static str {
        match self.kind {
            LogoKind::Png => "/logo.png",
            LogoKind::Jpeg => "/logo.jpg",
            LogoKind::Svg => "/logo.svg",
        }
    }
}

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
        Shared { library: LazyHash::new(Library::default()), book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
    })
}

fn file_id(path: &str) -> FileId {
    // The paths used here are constants, valid by construction.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("virtual path {path}"));
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// The only files the template can see.
struct CardWorld {
    main: Source,
    files: Vec<(FileId, Bytes)>,
    today: Datetime,
}

impl World for CardWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files.iter().find(|(f, _)| *f == id).map(|(_, b)| b.clone()).ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(PathBuf::from(id.get().vpath().get_with_slash()))
}

fn diagnostics(errors: &EcoVec<SourceDiagnostic>) -> String {
    let msgs: Vec<String> = errors.iter().map(|d| d.message.to_string()).collect();
    msgs.join("; ")
}

fn date_of(d: chrono::NaiveDate) -> Datetime {
    use chrono::Datelike;
    Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)
        .unwrap_or_else(|| unreachable!("a NaiveDate is a valid calendar date"))
}

fn compile(card: &CardData, logo: Option<&Logo>) -> Result<PagedDocument, RatecardError> {
    let json = serde_json::to_vec(card).map_err(|e| RatecardError::Typeset(e.to_string()))?;
    compile_template(CARD_TEMPLATE, json, card.date, logo)
}

fn compile_template(
    template: &str,
    json: Vec<u8>,
    date: chrono::NaiveDate,
    logo: Option<&Logo>,
) -> Result<PagedDocument, RatecardError> {
    let meta = serde_json::json!({ "logo": logo.map(|l| l.path()) });
    let meta = serde_json::to_vec(&meta).map_err(|e| RatecardError::Typeset(e.to_string()))?;
    let mut files = vec![(file_id("/card.json"), Bytes::new(json)), (file_id("/meta.json"), Bytes::new(meta))];
    if let Some(l) = logo {
        files.push((file_id(l.path()), Bytes::new(l.bytes.clone())));
    }
    let world =
        CardWorld { main: Source::new(file_id("/main.typ"), template.to_string()), files, today: date_of(date) };
    let result = typst::compile::<PagedDocument>(&world).output;
    // Keep the memoisation cache from growing across many renders (the app's preview).
    typst::comemo::evict(30);
    result.map_err(|errors| {
        let text = diagnostics(&errors);
        if logo.is_some() && (text.contains("image") || text.contains("decode") || text.contains("svg")) {
            RatecardError::Logo(text)
        } else {
            RatecardError::Typeset(text)
        }
    })
}

/// The card as PDF bytes.
pub fn render_pdf(card: &CardData, logo: Option<&Logo>) -> Result<Vec<u8>, RatecardError> {
    let doc = compile(card, logo)?;
    pdf_bytes(&doc, card.date)
}

/// Any other paper of the family (`crate::paper`: invoice, campaign recap): `template`
/// typeset over `json` (read as `/card.json`), dated `date`, as PDF bytes.
pub(crate) fn template_pdf(
    template: &str,
    json: Vec<u8>,
    date: chrono::NaiveDate,
    logo: Option<&Logo>,
) -> Result<Vec<u8>, RatecardError> {
    let doc = compile_template(template, json, date, logo)?;
    pdf_bytes(&doc, date)
}

/// A proposal as a one-page quote for its brand (ratecard.md, "The proposal PDF").
pub fn render_quote_pdf(quote: &super::quote::QuoteData, logo: Option<&Logo>) -> Result<Vec<u8>, RatecardError> {
    let json = serde_json::to_vec(quote).map_err(|e| RatecardError::Typeset(e.to_string()))?;
    let doc = compile_template(QUOTE_TEMPLATE, json, quote.date, logo)?;
    pdf_bytes(&doc, quote.date)
}

fn pdf_bytes(doc: &PagedDocument, d: chrono::NaiveDate) -> Result<Vec<u8>, RatecardError> {
    use chrono::Datelike;
    let stamp = Datetime::from_ymd_hms(d.year(), d.month() as u8, d.day() as u8, 0, 0, 0)
        .unwrap_or_else(|| unreachable!("a NaiveDate is a valid calendar date"));
    let options = typst_pdf::PdfOptions {
        timestamp: Some(typst_pdf::Timestamp::new_utc(stamp)),
        creator: typst::foundations::Smart::Custom(Some("Mille".to_string())),
        ..Default::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| RatecardError::Typeset(diagnostics(&errors)))
}

/// One page of the card (0-based) as a PNG, `pixel_per_pt` pixels per point (the app's
/// live preview; 1 pt = 1/72 in).
pub fn render_png(
    card: &CardData,
    logo: Option<&Logo>,
    page: usize,
    pixel_per_pt: f32,
) -> Result<Vec<u8>, RatecardError> {
    if !(pixel_per_pt.is_finite() && pixel_per_pt > 0.0 && pixel_per_pt <= 16.0) {
        return Err(RatecardError::Encode(format!("{pixel_per_pt} pixels per point is outside 0 to 16")));
    }
    let doc = compile(card, logo)?;
    let pages = doc.pages().len();
    let p = doc.pages().get(page).ok_or(RatecardError::NoPage { page, pages })?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(pixel_per_pt)),
        ..Default::default()
    };
    let pixmap = typst_render::render(p, &options);
    pixmap.encode_png().map_err(|e| RatecardError::Encode(e.to_string()))
}
