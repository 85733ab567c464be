//! The CLI's side of the input reader ([`mille::input`]): single flags read with the
//! core's rules and bounds, and an [`InputError`] phrased for a shell, naming the flag
//! and the text given (`--fee "1e30": more than 1,000,000,000,000, …`).

use super::{CliError, CliResult};
use chrono::NaiveDate;
use mille::input::{self, Field, FieldName, InputError};
use mille::model::{Format, Platform};

/// The flag a form field is given with (`fx_rate` → `--fx-rate`).
pub fn flag_of(name: FieldName) -> String {
    format!("--{}", name.key().replace('_', "-"))
}

/// An input error as the CLI says it: the flag, the value and what is wrong.
pub fn said(e: InputError) -> CliError {
    said_as(&flag_of(e.field.name), e)
}

/// An input error for a value given with `flag` (as `--deliverable`, whose parts are
/// several fields of the form).
pub fn said_as(flag: &str, e: InputError) -> CliError {
    let value = if e.value.is_empty() { String::new() } else { format!(" {:?}", e.value) };
    CliError::Invalid(format!("{flag}{value}: {}", e.problem))
}

pub fn date(text: &str, flag: &str) -> CliResult<NaiveDate> {
    input::date(Field::of(FieldName::Date), text).map_err(|e| said_as(flag, e))
}

pub fn platform(text: &str, flag: &str) -> CliResult<Platform> {
    input::platform(Field::of(FieldName::Platform), text).map_err(|e| said_as(flag, e))
}

pub fn format(text: &str, flag: &str) -> CliResult<Format> {
    input::format(Field::of(FieldName::Format), text).map_err(|e| said_as(flag, e))
}
