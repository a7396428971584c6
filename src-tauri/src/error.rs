//! Errors as data: the UI receives `{ code, message, status, fields, actionId }` and branches on
//! `code` only. The set of codes is small and closed so screens can handle each one.

use std::collections::BTreeMap;

use serde::Serialize;
use specta::Type;

/// The whole closed set the UI handles, including codes that CMR calls produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Bad input; `fields` names what to fix. Nothing left the machine.
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    InsufficientFunds,
    /// CMR answered with a server-side failure.
    Upstream,
    Network,
    Timeout,
    /// A creating or paying call timed out: it may or may not have happened; read state first.
    OutcomeUnknown,
    /// Not sent: an earlier overlapping paid or creating call is not settled; `actionId`
    /// names it (check its status first).
    InFlight,
    /// The OS keychain is missing, locked or refused access.
    Keychain,
    /// The app's own data folder could not be read or written.
    Storage,
    Internal,
}

#[derive(Debug, Clone, Serialize, Type, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// The HTTP status CMR answered with, when there was one.
    pub status: Option<u16>,
    /// Field name (as the form names it) → what is wrong with it.
    pub fields: Option<BTreeMap<String, String>>,
    pub action_id: Option<String>,
    /// What CMR put in `data` when refusing, e.g. `{domainCount, mailboxCount}` when a
    /// customer still holds domains and mailboxes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

/// Why a `/sandbox/...` operation was not sent: CMR takes only the sandbox key there.
pub const SANDBOX_KEY_MISSING: &str = "Set this profile's sandbox key in Settings → Profiles: CMR's sandbox operations take only the sandbox key, and the partner key is never sent in its place.";

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), status: None, fields: None, action_id: None, details: None }.logged()
    }

    /// Writes the failure to the app log as it is made: every error a command returns is built
    /// through here or the `From` conversions below, and Tauri offers no hook on a command's
    /// result. A form's field problems are the person's input, not a failure: not logged.
    fn logged(self) -> Self {
        if self.code != ErrorCode::Validation {
            let status = self.status.map(|s| format!(" HTTP {s}")).unwrap_or_default();
            let action = self.action_id.as_deref().map(|a| format!(" action {a}")).unwrap_or_default();
            crate::app_log::warn(&format!("error {:?}{status}{action}: {}", self.code, self.message));
        }
        self
    }

    pub fn validation(fields: BTreeMap<String, String>) -> Self {
        let message = if fields.len() == 1 {
            "Please correct the highlighted field.".to_string()
        } else {
            format!("Please correct the {} highlighted fields.", fields.len())
        };
        Self { fields: Some(fields), ..Self::new(ErrorCode::Validation, message) }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    pub fn storage(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Storage, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl From<cmr_client::CmrError> for AppError {
    fn from(e: cmr_client::CmrError) -> Self {
        use cmr_client::ErrorCode as C;
        let code = match e.code() {
            C::Validation | C::Unprocessable => ErrorCode::Validation,
            C::Unauthorized => ErrorCode::Unauthorized,
            C::InsufficientFunds => ErrorCode::InsufficientFunds,
            C::Forbidden => ErrorCode::Forbidden,
            C::NotFound => ErrorCode::NotFound,
            C::Conflict => ErrorCode::Conflict,
            C::RateLimited => ErrorCode::RateLimited,
            C::Upstream | C::BadResponse => ErrorCode::Upstream,
            C::Network => ErrorCode::Network,
            C::Timeout => ErrorCode::Timeout,
            C::OutcomeUnknown => ErrorCode::OutcomeUnknown,
        };
        if matches!(e, cmr_client::CmrError::MissingSandboxKey { .. }) {
            return Self::new(ErrorCode::Validation, SANDBOX_KEY_MISSING);
        }
        Self {
            code,
            // The client scrubs the key from every message it builds.
            message: e.message(),
            status: e.status(),
            fields: None,
            action_id: e.action_id().map(str::to_string),
            details: e.api().and_then(|a| a.details.clone()),
        }
        .logged()
    }
}

impl From<cmr_core::DeskError> for AppError {
    fn from(e: cmr_core::DeskError) -> Self {
        use cmr_core::DeskError as D;
        match e {
            // A 400/422 names the offending request member when its message points at one.
            D::Api { error, fields } => Self { fields, ..Self::from(error) },
            D::Invalid { message, fields } => Self { fields, ..Self::new(ErrorCode::Validation, message) },
            D::Storage(message) => Self::storage(message),
            D::NotFound(message) => Self::not_found(message),
            D::InFlight(action) => Self {
                action_id: Some(action.id.clone()),
                ..Self::new(ErrorCode::InFlight, cmr_core::DeskError::InFlight(action).to_string())
            },
        }
    }
}
