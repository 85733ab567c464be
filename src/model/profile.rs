//! The creator's profile: who a rate card and an invoice are from, the handles and
//! audiences, and the base currency all analytics are in.

use super::Platform;
use serde::{Deserialize, Serialize};

/// A handle of the creator on one platform, with the audience it reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handle {
    pub platform: Platform,
    pub handle: String,
    pub audience: Option<u64>,
}

/// The creator's profile: who the rate card is from, and the base currency all
/// analytics are in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub handles: Vec<Handle>,
    pub base_currency: String,
    pub payment_terms: String,
    /// `#rrggbb`.
    pub accent: String,
    /// The logo's file name as given (the bytes are stored in the database).
    pub logo: Option<String>,
    /// Who invoices are from (deals.md, "Invoice PDF"); every field may be empty.
    #[serde(default)]
    pub business: Business,
}

/// The creator's business block on an invoice: free text, each field optional (an
/// empty field is left off the invoice, never an error).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Business {
    /// The name invoices are issued under (the profile's name when empty).
    pub legal_name: String,
    /// The postal address, lines separated by line breaks.
    pub address: String,
    pub tax_id: String,
    pub email: String,
    /// How to pay: an IBAN, a PayPal address, anything (line breaks kept).
    pub payment_details: String,
    /// A note printed under the total, such as a reverse-charge statement.
    pub tax_note: String,
}

impl Business {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        [&self.legal_name, &self.address, &self.tax_id, &self.email, &self.payment_details, &self.tax_note]
            .iter()
            .all(|f| f.trim().is_empty())
    }
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: String::new(),
            handles: Vec::new(),
            base_currency: "USD".to_string(),
            payment_terms: String::new(),
            accent: DEFAULT_ACCENT.to_string(),
            logo: None,
            business: Business::default(),
        }
    }
}

/// The default accent colour: a deep violet.
pub const DEFAULT_ACCENT: &str = "#5b3fd1";
