//! Client settings: where the API lives, the key, pacing, timeouts and retry policy.

use std::net::IpAddr;
use std::time::Duration;

use url::Url;

use crate::error::CmrError;
use crate::key::ApiKey;
use crate::overrides::EndpointOverrides;

/// Base URL of the live integration API (every documented curl sample uses it).
pub const PRODUCTION_BASE_URL: &str = "https://customers.coldmailreseller.com/api/v1/integration";

/// The path of the integration API under its host.
pub const API_PATH: &str = "/api/v1/integration";

/// The sandbox operations are documented as paths relative to the same base (`/sandbox/...`);
/// a separate sandbox host is mentioned but not named, so this is a configurable default.
pub const SANDBOX_BASE_URL: &str = PRODUCTION_BASE_URL;

/// CMR's documented limit: 5 requests per second per partner key, across all endpoints.
pub const DEFAULT_REQUESTS_PER_SECOND: u32 = 5;

/// The largest reply body read, after gzip decoding. CMR's biggest pages are far smaller;
/// the cap keeps a broken or hostile server (or a gzip bomb) from filling memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Where a client talks to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Environment {
    Production,
    /// CMR's sandbox (sandbox key, $0 orders).
    Sandbox,
    /// A simulator on this machine (the demo backend), serving the API under the same path
    /// as production.
    Local { port: u16 },
    Custom(String),
}

impl Environment {
    pub fn base_url(&self) -> String {
        match self {
            Environment::Production => PRODUCTION_BASE_URL.to_owned(),
            Environment::Sandbox => SANDBOX_BASE_URL.to_owned(),
            Environment::Local { port } => format!("http://127.0.0.1:{port}{API_PATH}"),
            Environment::Custom(url) => url.clone(),
        }
    }
}

/// Everything [`crate::CmrClient::new`] needs. Build with [`ClientConfig::new`] and adjust fields.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Paths from the endpoint table are appended to this, e.g. `.../api/v1/integration` + `/dns`.
    /// Must be HTTPS, except plain HTTP to localhost / a loopback address.
    pub base_url: String,
    pub api_key: ApiKey,
    /// Sent, alone, as `cmr-x-sandbox-api-key` on the `/sandbox/...` operations. Unset, those
    /// operations are refused before sending ([`crate::CmrError::MissingSandboxKey`]).
    pub sandbox_api_key: Option<ApiKey>,
    /// Pace of all calls sharing this key (see [`crate::limiter`]). Must be at least 1.
    pub requests_per_second: u32,
    pub connect_timeout: Duration,
    /// Whole-request limit: connect, send, wait and read the body.
    pub request_timeout: Duration,
    /// Automatic retries after the first attempt (reads always; writes only on 429).
    pub max_retries: u32,
    /// First back-off delay; doubles per retry up to `retry_max_delay`, with jitter.
    pub retry_base_delay: Duration,
    pub retry_max_delay: Duration,
    /// A 429 whose Retry-After exceeds this is returned to the caller instead of waited out,
    /// so a UI action never hangs for minutes.
    pub max_retry_after: Duration,
    /// An HTTP 429 means the server refused the request before doing anything, so repeating a
    /// write after Retry-After cannot duplicate it. Turn off to surface every 429 on writes.
    /// A 429 only inside the envelope of a 2xx reply never repeats a write: nothing says the
    /// request was refused unprocessed.
    pub retry_writes_on_429: bool,
    /// Replies whose decoded body exceeds this many bytes are refused unread. Must be at least 1.
    pub max_response_bytes: usize,
    pub user_agent: String,
    /// Corrections of the endpoint table's paths and methods (an `endpoints.toml`); empty
    /// means the table as built.
    pub endpoint_overrides: EndpointOverrides,
}

impl ClientConfig {
    pub fn new(base_url: impl Into<String>, api_key: ApiKey) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            api_key,
            sandbox_api_key: None,
            requests_per_second: DEFAULT_REQUESTS_PER_SECOND,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_retries: 3,
            retry_base_delay: Duration::from_secs(1),
            retry_max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
            retry_writes_on_429: true,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            user_agent: default_user_agent(),
            endpoint_overrides: EndpointOverrides::default(),
        }
    }

    pub fn production(api_key: ApiKey) -> Self {
        ClientConfig::new(PRODUCTION_BASE_URL, api_key)
    }

    pub fn for_environment(environment: &Environment, api_key: ApiKey) -> Self {
        ClientConfig::new(environment.base_url(), api_key)
    }

    /// The parsed base URL, or why it is refused.
    pub fn parsed_base_url(&self) -> Result<Url, CmrError> {
        validate_base_url(&self.base_url)
    }

    pub(crate) fn validate(&self) -> Result<Url, CmrError> {
        if self.api_key.is_empty() {
            return Err(CmrError::InvalidConfig("the API key is empty".into()));
        }
        if self.requests_per_second == 0 {
            return Err(CmrError::InvalidConfig("requests_per_second must be at least 1".into()));
        }
        if self.request_timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err(CmrError::InvalidConfig("timeouts must be longer than zero".into()));
        }
        if self.max_response_bytes == 0 {
            return Err(CmrError::InvalidConfig("max_response_bytes must be at least 1".into()));
        }
        validate_base_url(&self.base_url)
    }
}

/// `CMR-Desk/<version>`, the app and this workspace's version.
pub fn default_user_agent() -> String {
    format!("CMR-Desk/{}", env!("CARGO_PKG_VERSION"))
}

/// Parses and checks a base URL: HTTPS anywhere, plain HTTP only to this machine (the key
/// travels in a header, so it must never cross a network unencrypted).
pub fn validate_base_url(raw: &str) -> Result<Url, CmrError> {
    let raw = raw.trim();
    let mut url = Url::parse(raw)
        .map_err(|e| CmrError::InvalidConfig(format!("base URL {raw:?} is not a URL: {e}")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(CmrError::InvalidConfig("base URL must not carry credentials".into()));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(CmrError::InvalidConfig("base URL must not carry a query or fragment".into()));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(CmrError::InvalidConfig(
                "plain HTTP is only allowed to localhost / 127.0.0.1; use HTTPS".into(),
            ))
        }
        other => return Err(CmrError::InvalidConfig(format!("unsupported URL scheme {other:?}"))),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(CmrError::InvalidConfig("base URL has no host".into()));
    }
    let trimmed = url.path().trim_end_matches('/').to_owned();
    url.set_path(&trimmed);
    Ok(url)
}

/// Whether the URL's host is this machine: `localhost`, 127.0.0.0/8 or `::1`.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_https_and_local_http() {
        assert!(validate_base_url(PRODUCTION_BASE_URL).is_ok());
        assert!(validate_base_url("http://127.0.0.1:8080").is_ok());
        assert!(validate_base_url("http://localhost:9/api/").is_ok());
        assert!(validate_base_url("http://[::1]:9").is_ok());
    }

    #[test]
    fn refuses_plain_http_elsewhere_and_odd_urls() {
        for bad in [
            "http://customers.coldmailreseller.com/api",
            "http://192.168.1.10:80",
            "ftp://localhost",
            "https://user:pw@example.com",
            "https://example.com/api?key=1",
            "not a url",
        ] {
            let err = validate_base_url(bad).unwrap_err();
            assert_eq!(err.code().as_str(), "validation", "{bad}");
        }
    }

    #[test]
    fn environments_name_their_base_urls() {
        assert_eq!(Environment::Production.base_url(), PRODUCTION_BASE_URL);
        assert_eq!(Environment::Local { port: 8080 }.base_url(), "http://127.0.0.1:8080/api/v1/integration");
        assert!(PRODUCTION_BASE_URL.ends_with(API_PATH));
    }

    #[test]
    fn strips_trailing_slash() {
        let url = validate_base_url("https://example.com/api/v1/integration/").unwrap();
        assert_eq!(url.as_str(), "https://example.com/api/v1/integration");
    }

    #[test]
    fn response_cap_defaults_to_32_mib_and_must_be_positive() {
        let mut config = ClientConfig::new(PRODUCTION_BASE_URL, ApiKey::new("k-123456789012"));
        assert_eq!(config.max_response_bytes, 32 * 1024 * 1024);
        assert!(config.validate().is_ok());
        config.max_response_bytes = 0;
        assert_eq!(config.validate().unwrap_err().code().as_str(), "validation");
    }

    #[test]
    fn user_agent_names_the_app() {
        assert!(default_user_agent().starts_with("CMR-Desk/"));
    }
}
