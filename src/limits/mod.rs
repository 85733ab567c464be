//! The limits of what Mille takes in, and the error that says a value is outside them
//! or unreadable: which field of which form ([`Field`], [`FieldName`]), the value as
//! typed, and what is wrong ([`InputError`]). Below every door: the input reader
//! (`crate::input`) reads what a person types with them, the import checks every row
//! with [`check_post`], and pricing leans on the same bounds. It depends on the model
//! alone, so that all of those can use it.

pub mod bounds;

pub use bounds::check_post;

use std::fmt;

/// Which field of a form a value was typed into. `line` counts from 0 for the
/// repeated parts of a form (a request's deliverables, a profile's handles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: FieldName,
    pub line: Option<usize>,
}

impl Field {
    pub const fn of(name: FieldName) -> Field {
        Field { name, line: None }
    }

    pub const fn at(name: FieldName, line: usize) -> Field {
        Field { name, line: Some(line) }
    }
}

/// The fields a person fills in. [`FieldName::key`] is the form's own name for it
/// (the app's field ids and the CLI's flags are derived from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldName {
    Date,
    Brand,
    Platform,
    Format,
    Fee,
    Currency,
    FxRate,
    Impressions,
    Reach,
    Views,
    Likes,
    Comments,
    Shares,
    Saves,
    Clicks,
    Campaign,
    Url,
    Notes,
    // a request
    Quantity,
    AsOf,
    UsageRights,
    Exclusivity,
    Whitelisting,
    Offer,
    // the profile
    Name,
    Handle,
    Audience,
    BaseCurrency,
    PaymentTerms,
    Accent,
    Logo,
    LegalName,
    Address,
    TaxId,
    PaymentDetails,
    TaxNote,
    // deals and brands
    Title,
    Stage,
    Due,
    Amount,
    From,
    Category,
    Contact,
    Email,
    Billing,
    NetDays,
}

impl FieldName {
    /// The form's name for the field, in snake case (`fx_rate`, `usage_rights`).
    pub fn key(self) -> &'static str {
        use FieldName::*;
        match self {
            Date => "date",
            Brand => "brand",
            Platform => "platform",
            Format => "format",
            Fee => "fee",
            Currency => "currency",
            FxRate => "fx_rate",
            Impressions => "impressions",
            Reach => "reach",
            Views => "views",
            Likes => "likes",
            Comments => "comments",
            Shares => "shares",
            Saves => "saves",
            Clicks => "clicks",
            Campaign => "campaign",
            Url => "url",
            Notes => "notes",
            Quantity => "quantity",
            AsOf => "as_of",
            UsageRights => "usage_rights",
            Exclusivity => "exclusivity",
            Whitelisting => "whitelisting",
            Offer => "offer",
            Name => "name",
            Handle => "handle",
            Audience => "audience",
            BaseCurrency => "base_currency",
            PaymentTerms => "payment_terms",
            Accent => "accent",
            Logo => "logo",
            LegalName => "legal_name",
            Address => "address",
            TaxId => "tax_id",
            PaymentDetails => "payment_details",
            TaxNote => "tax_note",
            Title => "title",
            Stage => "stage",
            Due => "due",
            Amount => "amount",
            From => "from",
            Category => "category",
            Contact => "contact",
            Email => "email",
            Billing => "billing",
            NetDays => "net_days",
        }
    }

    /// The field in plain words, for a sentence (`exchange rate`, `usage rights`).
    pub fn words(self) -> &'static str {
        use FieldName::*;
        match self {
            FxRate => "exchange rate",
            AsOf => "pricing date",
            UsageRights => "usage rights",
            BaseCurrency => "base currency",
            PaymentTerms => "payment terms",
            NetDays => "net days",
            LegalName => "legal name",
            TaxId => "tax ID",
            PaymentDetails => "payment details",
            TaxNote => "tax note",
            Due => "due date",
            other => other.key(),
        }
    }

    /// The count fields of a post, in the order of the form.
    pub const COUNTS: [FieldName; 8] = [
        FieldName::Impressions,
        FieldName::Reach,
        FieldName::Views,
        FieldName::Likes,
        FieldName::Comments,
        FieldName::Shares,
        FieldName::Saves,
        FieldName::Clicks,
    ];
}

/// A value a person typed that Mille cannot take: which field, the value as typed
/// (trimmed, cut to 60 characters), and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub field: Field,
    pub value: String,
    pub problem: String,
}

impl InputError {
    pub fn new(field: Field, value: &str, problem: impl Into<String>) -> InputError {
        InputError { field, value: shown(value), problem: problem.into() }
    }
}

/// The value as an error quotes it: trimmed, and at most 60 characters.
pub(crate) fn shown(value: &str) -> String {
    let t = value.trim();
    match t.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}

impl fmt::Display for InputError {
    /// `line 2: quantity "5000": more than 1,000 units`, the shape both front ends start from.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.field.line {
            write!(f, "line {}: ", line + 1)?;
        }
        write!(f, "{}", self.field.name.words())?;
        if !self.value.is_empty() {
            write!(f, " {:?}", self.value)?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for InputError {}

/// What a field reader returns.
pub type Result<T> = std::result::Result<T, InputError>;
