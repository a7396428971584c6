//! Errors as data, the one vocabulary of the app: every failure the UI shows — a command's, a
//! bulk item's, a DNS apply report's — is `{ code, message, status, fields, actionId }`, and the
//! UI branches on `code` only. The set of codes is small and closed so screens can handle each
//! one. Client and core errors are mapped to it here, once.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize};

use crate::DeskError;

/// The whole closed set the UI handles, including codes that CMR calls produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
    /// Keys are in the encrypted vault file and it is locked: ask for its passphrase.
    VaultLocked,
    /// The app's own data folder could not be read or written.
    Storage,
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 16] = [
        ErrorCode::Validation,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::RateLimited,
        ErrorCode::InsufficientFunds,
        ErrorCode::Upstream,
        ErrorCode::Network,
        ErrorCode::Timeout,
        ErrorCode::OutcomeUnknown,
        ErrorCode::InFlight,
        ErrorCode::Keychain,
        ErrorCode::VaultLocked,
        ErrorCode::Storage,
        ErrorCode::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "validation",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::InsufficientFunds => "insufficient_funds",
            ErrorCode::Upstream => "upstream",
            ErrorCode::Network => "network",
            ErrorCode::Timeout => "timeout",
            ErrorCode::OutcomeUnknown => "outcome_unknown",
            ErrorCode::InFlight => "in_flight",
            ErrorCode::Keychain => "keychain",
            ErrorCode::VaultLocked => "vault_locked",
            ErrorCode::Storage => "storage",
            ErrorCode::Internal => "internal",
        }
    }

    /// Reads a stored code. Bulk items written before this vocabulary was shared hold the
    /// client's own codes; those map as [`From<cmr_client::ErrorCode>`] maps them, and anything
    /// else unknown reads as `internal` rather than losing the item's error.
    pub fn parse(s: &str) -> ErrorCode {
        match s {
            "unprocessable" => ErrorCode::Validation,
            "bad_response" => ErrorCode::Upstream,
            _ => Self::ALL.into_iter().find(|c| c.as_str() == s).unwrap_or(ErrorCode::Internal),
        }
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(ErrorCode::parse(&String::deserialize(d)?))
    }
}

impl From<cmr_client::ErrorCode> for ErrorCode {
    fn from(code: cmr_client::ErrorCode) -> Self {
        use cmr_client::ErrorCode as C;
        match code {
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
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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

/// Who hears of each error as it is made: the shell's app log. Every error a command returns
/// is built through [`AppError::new`] or the `From` conversions, and Tauri offers no hook on a
/// command's result, so this is where failures can be seen.
static OBSERVER: OnceLock<fn(&AppError)> = OnceLock::new();

/// Sets the observer once per process; later calls are ignored.
pub fn observe_errors(observer: fn(&AppError)) {
    let _ = OBSERVER.set(observer);
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), status: None, fields: None, action_id: None, details: None }.observed()
    }

    fn observed(self) -> Self {
        if let Some(observer) = OBSERVER.get() {
            observer(&self);
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
        let code = ErrorCode::from(e.code());
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
        .observed()
    }
}

impl From<DeskError> for AppError {
    fn from(e: DeskError) -> Self {
        use DeskError as D;
        match e {
            // A 400/422 names the offending request member when its message points at one.
            D::Api { error, fields } => Self { fields, ..Self::from(error) },
            D::Invalid { message, fields } => Self { fields, ..Self::new(ErrorCode::Validation, message) },
            D::Storage(message) => Self::storage(message),
            D::NotFound(message) => Self::not_found(message),
            D::InFlight(action) => Self {
                action_id: Some(action.id.clone()),
                ..Self::new(ErrorCode::InFlight, DeskError::InFlight(action).to_string())
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_as_written_and_legacy_codes_map() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
        assert_eq!(ErrorCode::parse("unprocessable"), ErrorCode::Validation);
        assert_eq!(ErrorCode::parse("bad_response"), ErrorCode::Upstream);
        assert_eq!(ErrorCode::parse("something_new"), ErrorCode::Internal);
    }

    #[test]
    fn every_client_code_has_a_place() {
        use cmr_client::ErrorCode as C;
        let client = [
            C::Validation, C::Unauthorized, C::InsufficientFunds, C::Forbidden, C::NotFound, C::Conflict,
            C::Unprocessable, C::RateLimited, C::Upstream, C::Network, C::Timeout, C::OutcomeUnknown, C::BadResponse,
        ];
        for code in client {
            // The stored text of a client code reads back as the code it maps to.
            assert_eq!(ErrorCode::parse(code.as_str()), ErrorCode::from(code), "{code:?}");
        }
    }
}
