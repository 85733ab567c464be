//! The rate card: the screen's options, its preview, and the packages editor.

use mille::pricing::UsageRights;
use mille::ratecard::PackageSpec;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

impl PackageEdit {
    /// A package as the editor shows it (formats by their names, `Reel`).
    pub fn of(spec: &PackageSpec) -> PackageEdit {
        let p = &spec.package;
        PackageEdit {
            name: p.name.clone(),
            recommended: spec.recommended,
            lines: p
                .deliverables
                .iter()
                .map(|d| PackageLineEdit {
                    platform: d.platform.as_str().to_string(),
                    format: d.format.display_name(),
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
}

impl PackagesView {
    /// `custom`: whether saved packages are in use (else the defaults).
    pub fn of(custom: bool, specs: &[PackageSpec]) -> PackagesView {
        PackagesView { custom, packages: specs.iter().map(PackageEdit::of).collect() }
    }
}
