//! The papers a deal sends to its brand (deals.md): the invoice and the campaign
//! recap, in the rate card's typst family (`assets/invoice.typ`, `assets/recap.typ`,
//! typeset by `crate::ratecard::render` in the same closed world: bundled fonts, data
//! only as JSON, a fixed timestamp).
//!
//! Each paper is made in two steps so that the app never holds the store while
//! typesetting: `gather` reads what the paper needs from the store into plain data
//! (the data the template gets, and `--json` prints), and `render` turns that data into
//! PDF bytes without the store. What a paper shows is decided in `gather`'s pure half
//! (`build`), with tests beside it: only this deal's brand, never the floor or the
//! anchor, never notes.

pub mod invoice;
pub mod recap;

use crate::desk::DealsError;
use crate::ratecard::RatecardError;
use crate::store::StoreError;

/// Why a paper could not be made; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Deals(#[from] DealsError),
    #[error("{0}")]
    Settings(#[from] crate::pricing::SettingsError),
    #[error("deal {0} has not been invoiced yet")]
    NotInvoiced(i64),
    #[error("the {paper} comes to more than Mille can add up ({what})")]
    TooLarge { paper: &'static str, what: String },
    #[error("the logo could not be used ({0}); choose a PNG, JPEG or SVG file")]
    Logo(String),
    #[error("the {paper} could not be typeset: {message}")]
    Typeset { paper: &'static str, message: String },
}

pub type Result<T> = std::result::Result<T, PaperError>;

/// A typesetting error of the shared engine, named after the paper it was making.
fn typeset(paper: &'static str) -> impl Fn(RatecardError) -> PaperError {
    move |e| match e {
        RatecardError::Logo(m) => PaperError::Logo(m),
        RatecardError::Store(s) => PaperError::Store(s),
        other => PaperError::Typeset { paper, message: other.to_string() },
    }
}

/// A free text as the lines it was written in (blank lines and edges dropped).
fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}
