//! The one error type that crosses IPC. Every failure of a command reaches the UI as
//! `{"kind": "...", "message": "One plain sentence."}`; `kind` tells the UI where to
//! show it: `field.<name>` next to the input `<name>` (e.g. `field.fee`), anything
//! else (`store`, `import`, `pricing`, `settings`, `io`, `cancelled`, `ratecard`,
//! `deals`, `internal`) near the action that failed.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use ts_rs::TS;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A value the user typed fails validation; `field` names the input.
    #[error("{message}")]
    Field { field: String, message: String },
    #[error(transparent)]
    Store(#[from] mille::store::StoreError),
    /// A campaign file that cannot be read at all (not one with row errors: those are
    /// a preview result).
    #[error("{0}")]
    Import(String),
    #[error(transparent)]
    Pricing(#[from] mille::pricing::PricingError),
    #[error(transparent)]
    Settings(#[from] mille::pricing::SettingsError),
    #[error("could not {action} {path}: {source}")]
    Io { action: &'static str, path: String, source: std::io::Error },
    #[error("{0}")]
    Ratecard(String),
    /// A file action that needs a chosen file, without one.
    #[error("{0}")]
    Cancelled(String),
    /// A deal action the deal's state refuses (not booked yet, posts already logged).
    #[error("{0}")]
    Deals(String),
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    pub fn field(field: &str, message: impl Into<String>) -> AppError {
        AppError::Field { field: field.to_string(), message: message.into() }
    }

    /// The `kind` the UI sees.
    pub fn kind(&self) -> String {
        match self {
            AppError::Field { field, .. } => format!("field.{field}"),
            AppError::Store(_) => "store".into(),
            AppError::Import(_) => "import".into(),
            AppError::Pricing(_) => "pricing".into(),
            AppError::Settings(_) => "settings".into(),
            AppError::Io { .. } => "io".into(),
            AppError::Ratecard(_) => "ratecard".into(),
            AppError::Cancelled(_) => "cancelled".into(),
            AppError::Deals(_) => "deals".into(),
            AppError::Internal(_) => "internal".into(),
        }
    }

    /// The message as one sentence: capital first letter, one final full stop.
    pub fn sentence(&self) -> String {
        let mut s = self.to_string().trim().to_string();
        if let Some(first) = s.chars().next() {
            if first.is_lowercase() {
                s = first.to_uppercase().collect::<String>() + &s[first.len_utf8()..];
            }
        }
        if !s.ends_with(['.', '!', '?']) {
            s.push('.');
        }
        s
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("AppError", 2)?;
        st.serialize_field("kind", &self.kind())?;
        st.serialize_field("message", &self.sentence())?;
        st.end()
    }
}

/// The shape of [`AppError`] on the TypeScript side.
#[derive(Serialize, TS)]
#[ts(export, rename = "AppError")]
pub struct AppErrorShape {
    pub kind: String,
    pub message: String,
}

pub type AppResult<T> = Result<T, AppError>;

impl From<mille::desk::DealsError> for AppError {
    /// What the user can fix in a form goes next to its field; the rest near the action.
    fn from(e: mille::desk::DealsError) -> AppError {
        use mille::desk::DealsError as D;
        match e {
            D::Store(s) => AppError::Store(s),
            D::Pricing(p) => AppError::Pricing(p),
            D::NoFee(_) => AppError::field("fee", e.to_string()),
            D::NoFxRate { .. } => AppError::field("fx_rate", e.to_string()),
            D::NoDueDate { .. } => AppError::field("date", e.to_string()),
            other => AppError::Deals(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cross_ipc_as_kind_and_one_sentence() {
        let e = AppError::field("fee", "fee \"abc\": not an amount");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"kind":"field.fee","message":"Fee \"abc\": not an amount."}"#
        );
        let e = AppError::Store(mille::store::StoreError::NoSuchPost(7));
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"kind":"store","message":"No post with id 7."}"#);
    }
}
