//! One error type for every call, with a small closed set of machine codes for the UI.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The stable machine code of an error; the UI branches on this only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400 (and other unlisted 4xx), or a request or setting refused before sending.
    Validation,
    /// 401: key missing or invalid.
    Unauthorized,
    /// 402: the partner wallet cannot cover the action.
    InsufficientFunds,
    /// 403: not this user's resource, or not allowed in the current state.
    Forbidden,
    /// 404 (also 405/410: a guessed path the server does not know).
    NotFound,
    /// 409: duplicate or existing resource (e.g. a workspace already exists).
    Conflict,
    /// 422: valid JSON that breaks a business rule.
    Unprocessable,
    /// 429 that was not (or could no longer be) waited out.
    RateLimited,
    /// 5xx: CMR or a platform behind it failed.
    Upstream,
    /// Connection refused, DNS, TLS, reset before a reply.
    Network,
    /// A read timed out (safe to repeat) or the connection could not be opened in time.
    Timeout,
    /// A write was sent but no answer came: it may or may not have happened. Reconcile by
    /// reading state before trying again.
    OutcomeUnknown,
    /// A reply that is not the documented JSON envelope.
    BadResponse,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "validation",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::InsufficientFunds => "insufficient_funds",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Unprocessable => "unprocessable",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Upstream => "upstream",
            ErrorCode::Network => "network",
            ErrorCode::Timeout => "timeout",
            ErrorCode::OutcomeUnknown => "outcome_unknown",
            ErrorCode::BadResponse => "bad_response",
        }
    }

    /// The code for an HTTP error status.
    pub fn from_status(status: u16) -> ErrorCode {
        match status {
            401 => ErrorCode::Unauthorized,
            402 => ErrorCode::InsufficientFunds,
            403 => ErrorCode::Forbidden,
            404 | 405 | 410 => ErrorCode::NotFound,
            409 => ErrorCode::Conflict,
            422 => ErrorCode::Unprocessable,
            429 => ErrorCode::RateLimited,
            500..=599 => ErrorCode::Upstream,
            _ => ErrorCode::Validation,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error reply from CMR: the HTTP status and what the envelope said.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub operation_id: &'static str,
    /// The failing status: the envelope's when a 2xx reply carried an error, else the HTTP one.
    pub status: u16,
    /// The status line of the reply; equal to `status` unless [`ApiError::envelope_only`].
    pub http_status: u16,
    /// The server's `message`, or the HTTP reason when the body had none.
    pub message: String,
    pub retry_after: Option<Duration>,
    pub action_id: Option<String>,
    /// The envelope's `data` on an error, e.g. `{mailboxCount, domainCount}` when a user
    /// cannot be deleted.
    pub details: Option<serde_json::Value>,
}

impl ApiError {
    /// The reply was HTTP 2xx and only its envelope named the error. Such a 429 is not known
    /// to be a refusal before processing, so a write must not be repeated on it.
    pub fn envelope_only(&self) -> bool {
        (200..300).contains(&self.http_status)
    }
}

/// Every failure of a [`crate::CmrClient`] call. Never contains the API key.
#[derive(Clone, Debug, thiserror::Error)]
pub enum CmrError {
    #[error("{}: HTTP {} ({}): {}", .0.operation_id, .0.status, ErrorCode::from_status(.0.status), .0.message)]
    Api(Box<ApiError>),
    #[error("{operation_id}: could not connect: {message}")]
    Connect { operation_id: &'static str, message: String },
    #[error("{operation_id}: TLS failure: {message}")]
    Tls { operation_id: &'static str, message: String },
    #[error("{operation_id}: timed out: {message}")]
    Timeout { operation_id: &'static str, message: String },
    #[error("{operation_id}: connection failed during the request: {message}")]
    Network { operation_id: &'static str, message: String },
    #[error("{operation_id}: sent, but no answer arrived ({message}); the outcome is unknown, reconcile by reading state before retrying")]
    OutcomeUnknown { operation_id: &'static str, message: String },
    #[error("{operation_id}: unreadable reply (HTTP {status}): {reason}; body starts: {snippet}")]
    BadResponse { operation_id: &'static str, status: u16, reason: String, snippet: String },
    /// A 3xx reply. Redirects are never followed: following one would carry the key (and a
    /// paid body, on 307/308) to another host. Only the host is kept, never the whole URL.
    #[error("{operation_id}: {}", redirect_message(*.status, .location_host.as_deref()))]
    Redirected { operation_id: &'static str, status: u16, location_host: Option<String> },
    #[error("invalid client setting: {0}")]
    InvalidConfig(String),
    #[error("{operation_id}: invalid request: {message}")]
    InvalidRequest { operation_id: &'static str, message: String },
    /// A `/sandbox/...` operation with no sandbox key configured. Refused before sending: the
    /// partner key is never sent in its place (CMR's keys are not interchangeable).
    #[error("{operation_id}: no sandbox key is set; CMR's sandbox operations take only the sandbox key")]
    MissingSandboxKey { operation_id: &'static str },
}

impl CmrError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CmrError::Api(e) => ErrorCode::from_status(e.status),
            CmrError::Connect { .. } | CmrError::Tls { .. } | CmrError::Network { .. } => ErrorCode::Network,
            CmrError::Redirected { .. } => ErrorCode::Upstream,
            CmrError::Timeout { .. } => ErrorCode::Timeout,
            CmrError::OutcomeUnknown { .. } => ErrorCode::OutcomeUnknown,
            CmrError::BadResponse { .. } => ErrorCode::BadResponse,
            CmrError::InvalidConfig(_) | CmrError::InvalidRequest { .. } | CmrError::MissingSandboxKey { .. } => {
                ErrorCode::Validation
            }
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            CmrError::Api(e) => Some(e.status),
            CmrError::BadResponse { status, .. } | CmrError::Redirected { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// A message fit for a person: the server's own words for API errors.
    pub fn message(&self) -> String {
        match self {
            CmrError::Api(e) => e.message.clone(),
            CmrError::Redirected { status, location_host, .. } => redirect_message(*status, location_host.as_deref()),
            other => other.to_string(),
        }
    }

    pub fn action_id(&self) -> Option<&str> {
        match self {
            CmrError::Api(e) => e.action_id.as_deref(),
            _ => None,
        }
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            CmrError::Api(e) => e.retry_after,
            _ => None,
        }
    }

    pub fn api(&self) -> Option<&ApiError> {
        match self {
            CmrError::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The operation that failed (empty for setting errors raised before any call).
    pub fn operation_id(&self) -> &'static str {
        match self {
            CmrError::Api(e) => e.operation_id,
            CmrError::Connect { operation_id, .. }
            | CmrError::Tls { operation_id, .. }
            | CmrError::Timeout { operation_id, .. }
            | CmrError::Network { operation_id, .. }
            | CmrError::OutcomeUnknown { operation_id, .. }
            | CmrError::BadResponse { operation_id, .. }
            | CmrError::Redirected { operation_id, .. }
            | CmrError::InvalidRequest { operation_id, .. }
            | CmrError::MissingSandboxKey { operation_id } => operation_id,
            CmrError::InvalidConfig(_) => "",
        }
    }

    /// The serialisable form handed to the UI.
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code(),
            message: self.message(),
            status: self.status(),
            action_id: self.action_id().map(str::to_owned),
            retry_after_secs: self.retry_after().map(|d| d.as_secs_f64().ceil() as u64),
            operation_id: Some(self.operation_id()).filter(|s| !s.is_empty()).map(str::to_owned),
        }
    }
}

fn redirect_message(status: u16, location_host: Option<&str>) -> String {
    let target = match location_host {
        Some(host) => format!("to {host}"),
        None => "without a usable location".to_owned(),
    };
    format!(
        "CMR answered with a redirect (HTTP {status}) {target}; CMR Desk does not follow redirects, \
         so the request was not repeated there; check the profile's base URL"
    )
}

/// `{ code, message, status?, actionId?, retryAfterSecs?, operationId? }` for the UI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
}

impl From<&CmrError> for ErrorReport {
    fn from(e: &CmrError) -> Self {
        e.report()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_classes_map_to_codes() {
        let cases = [
            (400, "validation"),
            (401, "unauthorized"),
            (402, "insufficient_funds"),
            (403, "forbidden"),
            (404, "not_found"),
            (409, "conflict"),
            (422, "unprocessable"),
            (429, "rate_limited"),
            (500, "upstream"),
            (503, "upstream"),
            (418, "validation"),
        ];
        for (status, code) in cases {
            assert_eq!(ErrorCode::from_status(status).as_str(), code);
        }
    }

    #[test]
    fn report_serialises_camel_case() {
        let err = CmrError::Api(Box::new(ApiError {
            operation_id: "createUser",
            status: 429,
            http_status: 429,
            message: "slow down".into(),
            retry_after: Some(Duration::from_millis(1500)),
            action_id: Some("ACT_1".into()),
            details: None,
        }));
        let json = serde_json::to_value(err.report()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code":"rate_limited","message":"slow down","status":429,
                "actionId":"ACT_1","retryAfterSecs":2,"operationId":"createUser"})
        );
    }

    #[test]
    fn a_redirect_names_only_the_host_and_counts_as_upstream() {
        let err = CmrError::Redirected { operation_id: "renewDomains", status: 307, location_host: Some("evil.example".into()) };
        assert_eq!(err.code(), ErrorCode::Upstream);
        assert_eq!(err.status(), Some(307));
        assert_eq!(err.operation_id(), "renewDomains");
        assert!(err.message().starts_with("CMR answered with a redirect (HTTP 307) to evil.example;"), "{}", err.message());
        assert!(err.message().ends_with("check the profile's base URL"));
        assert!(err.to_string().starts_with("renewDomains: CMR answered"));
    }

    #[test]
    fn envelope_only_means_a_2xx_status_line() {
        let mut e = ApiError {
            operation_id: "x",
            status: 429,
            http_status: 200,
            message: String::new(),
            retry_after: None,
            action_id: None,
            details: None,
        };
        assert!(e.envelope_only());
        e.http_status = 429;
        assert!(!e.envelope_only());
    }
}
