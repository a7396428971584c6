//! Errors of the core: a CMR call that failed (with the form fields a 422 points at), local
//! storage, or a request refused before anything was sent.

use std::collections::BTreeMap;

use cmr_client::{CmrError, ErrorCode};

#[derive(Debug, Clone, thiserror::Error)]
pub enum DeskError {
    /// CMR refused the call or could not be reached. `fields` maps request paths (e.g.
    /// `records[0].value`) to the server's message when the message names one of them.
    #[error("{error}")]
    Api { error: CmrError, fields: Option<BTreeMap<String, String>> },
    /// The SQLite file or the data folder failed.
    #[error("local storage: {0}")]
    Storage(String),
    /// Refused before sending; `fields` names what to fix.
    #[error("{message}")]
    Invalid { message: String, fields: Option<BTreeMap<String, String>> },
    #[error("{0}")]
    NotFound(String),
    /// A paid or creating call overlaps one that is not settled yet: it is not sent. The
    /// earlier action is named so the person can check it (see [`crate::once`]).
    #[error("{}", in_flight_message(.0))]
    InFlight(Box<crate::tracker::ActionView>),
}

fn in_flight_message(a: &crate::tracker::ActionView) -> String {
    let what = a.operation.replace('_', " ");
    match a.state {
        crate::ActionState::OutcomeUnknown => format!(
            "Not sent: an earlier {what} for {} may already have been carried out (its answer was lost). Check its status first.",
            a.subject
        ),
        state => format!(
            "Not sent: an earlier {what} for {} is still {}. Wait for it, or check its status.",
            a.subject,
            state.as_str().replace('_', " ")
        ),
    }
}

impl DeskError {
    pub fn storage(message: impl Into<String>) -> Self {
        DeskError::Storage(message.into())
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        DeskError::Invalid { message: message.into(), fields: None }
    }

    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        DeskError::Invalid { fields: Some(BTreeMap::from([(field.to_owned(), message.clone())])), message }
    }

    /// The CMR error, if that is what this is.
    pub fn cmr(&self) -> Option<&CmrError> {
        match self {
            DeskError::Api { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The client's error code for API failures; `validation` for requests refused locally.
    pub fn api_code(&self) -> Option<ErrorCode> {
        match self {
            DeskError::Api { error, .. } => Some(error.code()),
            DeskError::Invalid { .. } => Some(ErrorCode::Validation),
            _ => None,
        }
    }

    pub fn fields(&self) -> Option<&BTreeMap<String, String>> {
        match self {
            DeskError::Api { fields, .. } | DeskError::Invalid { fields, .. } => fields.as_ref(),
            _ => None,
        }
    }

    /// A stable text code: the client's codes plus `storage`, `not_found` and `validation`.
    pub fn code_str(&self) -> &'static str {
        match self {
            DeskError::Api { error, .. } => error.code().as_str(),
            DeskError::Storage(_) => "storage",
            DeskError::InFlight(_) => "in_flight",
            DeskError::Invalid { .. } => "validation",
            DeskError::NotFound(_) => "not_found",
        }
    }

    /// A message for a person (the server's own words for API errors).
    pub fn message(&self) -> String {
        match self {
            DeskError::Api { error, .. } => error.message(),
            other => other.to_string(),
        }
    }
}

impl From<CmrError> for DeskError {
    fn from(error: CmrError) -> Self {
        DeskError::Api { error, fields: None }
    }
}

impl From<rusqlite::Error> for DeskError {
    fn from(e: rusqlite::Error) -> Self {
        DeskError::Storage(e.to_string())
    }
}

impl From<serde_json::Error> for DeskError {
    fn from(e: serde_json::Error) -> Self {
        DeskError::Storage(format!("stored JSON: {e}"))
    }
}

pub type DeskResult<T> = Result<T, DeskError>;
