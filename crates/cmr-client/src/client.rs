//! The client handle and its transport: URL and body assembly, pacing, retries, and turning
//! HTTP replies into [`ApiResponse`] or [`CmrError`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, LOCATION, RETRY_AFTER};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use url::Url;

use crate::config::{is_loopback, ClientConfig};
use crate::endpoints::{Endpoint, HttpMethod, UserIdIn};
use crate::envelope::{ApiResponse, RawEnvelope};
use crate::error::{ApiError, CmrError};
use crate::key::ApiKey;
use crate::limiter::{limiter_for, SharedLimiter};

pub const API_KEY_HEADER: &str = "cmr-x-api-key";
pub const SANDBOX_API_KEY_HEADER: &str = "cmr-x-sandbox-api-key";

/// How long every caller of a key is held back after a 429 that names no Retry-After.
const DEFAULT_429_PAUSE: Duration = Duration::from_secs(1);
const SNIPPET_CHARS: usize = 200;

/// An async client for the CMR integration API.
///
/// Cheap to clone (one `Arc`); clones share the HTTP connection pool. Pacing is shared by
/// key across all clients in the process, see [`crate::limiter`].
#[derive(Clone)]
pub struct CmrClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: Url,
    config: ClientConfig,
    key_header: HeaderValue,
    /// `None` without a sandbox key: the `/sandbox/...` operations are then refused unsent.
    sandbox_key_header: Option<HeaderValue>,
    limiter: Arc<SharedLimiter>,
}

impl fmt::Debug for CmrClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CmrClient")
            .field("base_url", &self.inner.base_url.as_str())
            .field("api_key", &self.inner.config.api_key.masked())
            .field("requests_per_second", &self.inner.config.requests_per_second)
            .finish()
    }
}

impl CmrClient {
    pub fn new(config: ClientConfig) -> Result<CmrClient, CmrError> {
        let base_url = config.validate()?;
        let key_header = secret_header(&config.api_key)?;
        let sandbox_key_header = config.sandbox_api_key.as_ref().map(secret_header).transpose()?;
        let mut defaults = HeaderMap::new();
        defaults.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut builder = reqwest::Client::builder();
        if is_loopback(&base_url) {
            // HTTP(S)_PROXY would otherwise apply to 127.0.0.1 too, and a proxy would read the
            // key that plain HTTP to this machine carries in clear.
            builder = builder.no_proxy();
        }
        let http = builder
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .gzip(true)
            // Following a redirect would carry the key header to whatever host it names, allow
            // HTTPS→HTTP, and re-send a paid body on 307/308; a 3xx becomes an error instead.
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(defaults)
            .build()
            .map_err(|e| CmrError::InvalidConfig(format!("HTTP client: {e}")))?;
        let limiter = limiter_for(&config.api_key, config.requests_per_second);
        Ok(CmrClient { inner: Arc::new(Inner { http, base_url, config, key_header, sandbox_key_header, limiter }) })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.inner.config
    }

    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// "…ab12", for showing which key is in use.
    pub fn api_key_hint(&self) -> String {
        self.inner.config.api_key.masked()
    }

    /// The full URL of a call, query included; it never holds the key.
    pub(crate) fn url_for(&self, endpoint: &'static Endpoint, user_id: Option<&str>, query: &[(String, String)]) -> Url {
        let mut url = self.inner.base_url.clone();
        let (_, path) = self.inner.config.endpoint_overrides.resolve(endpoint);
        url.set_path(&format!("{}{}", self.inner.base_url.path().trim_end_matches('/'), path));
        let user = user_id.filter(|_| endpoint.user_id == UserIdIn::Query);
        if user.is_some() || !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            if let Some(id) = user {
                pairs.append_pair("userId", id);
            }
            for (k, v) in query {
                pairs.append_pair(k, v);
            }
        }
        url
    }

    pub(crate) async fn send<T: DeserializeOwned>(&self, call: Call<'_>) -> Result<ApiResponse<T>, CmrError> {
        self.send_with(call, |ep, status, retry_after, body| self.interpret(ep, status, retry_after, body)).await
    }

    /// One read, answered with the whole reply body as JSON rather than typed `data`: what
    /// checking the live API against the contract needs. Refuses every operation that is not
    /// a read, so a check can never write to CMR.
    pub async fn call_raw(
        &self,
        ep: &'static Endpoint,
        user_id: Option<&str>,
        query: Vec<(String, String)>,
        body: Option<Value>,
    ) -> Result<RawReply, CmrError> {
        if !ep.idempotent {
            let message = "only reads may be sent raw".to_owned();
            return Err(CmrError::InvalidRequest { operation_id: ep.operation_id, message });
        }
        let call = Call {
            endpoint: ep,
            user_id,
            query,
            payload: body.map_or(Payload::None, Payload::Json),
        };
        self.send_with(call, |ep, status, retry_after, bytes| {
            // Same error rules as a typed call; only the success is kept whole.
            self.interpret::<Value>(ep, status, retry_after, bytes)?;
            let body = if bytes.iter().all(u8::is_ascii_whitespace) {
                Value::Null
            } else {
                serde_json::from_slice(bytes).unwrap_or(Value::Null)
            };
            Ok(RawReply { status: status.as_u16(), body })
        })
        .await
    }

    /// The method and path a call of `ep` travels with, overrides applied.
    pub fn route_of(&self, ep: &'static Endpoint) -> (HttpMethod, String) {
        let (method, path) = self.inner.config.endpoint_overrides.resolve(ep);
        (method, path.into_owned())
    }

    async fn send_with<R>(
        &self,
        call: Call<'_>,
        finish: impl Fn(&'static Endpoint, reqwest::StatusCode, Option<Duration>, &[u8]) -> Result<R, CmrError>,
    ) -> Result<R, CmrError> {
        let ep = call.endpoint;
        debug_assert!(
            call.user_id.is_none() || ep.user_id != UserIdIn::None,
            "{} takes no userId",
            ep.operation_id
        );
        if ep.sandbox_key && self.inner.sandbox_key_header.is_none() {
            return Err(CmrError::MissingSandboxKey { operation_id: ep.operation_id });
        }
        let url = self.url_for(ep, call.user_id, &call.query);
        let payload = match call.payload {
            Payload::Invalid(message) => {
                return Err(CmrError::InvalidRequest { operation_id: ep.operation_id, message })
            }
            Payload::Json(Value::Object(mut map)) if ep.user_id == UserIdIn::Body => {
                if let Some(id) = call.user_id {
                    map.insert("userId".into(), Value::String(id.to_owned()));
                }
                Payload::Json(Value::Object(map))
            }
            other => other,
        };
        let cfg = &self.inner.config;
        let backoff = ExponentialBuilder::default()
            .with_min_delay(cfg.retry_base_delay)
            .with_max_delay(cfg.retry_max_delay)
            .with_max_times(cfg.max_retries as usize)
            .with_jitter();
        (|| self.attempt(ep, &url, &payload, &finish))
            .retry(backoff)
            .sleep(tokio::time::sleep)
            .when(|e| self.should_retry(ep, e))
            .adjust(|e, delay| delay.map(|d| e.retry_after().unwrap_or(d)))
            .await
    }

    fn should_retry(&self, ep: &Endpoint, err: &CmrError) -> bool {
        let cfg = &self.inner.config;
        match err {
            CmrError::Api(api) if api.status == 429 => {
                // Only an HTTP 429 is known to be refused before processing; a 429 inside the
                // envelope of a 2xx reply may follow work done, so a write is not repeated on it.
                let refused_unprocessed = api.http_status == 429;
                (ep.idempotent || (cfg.retry_writes_on_429 && refused_unprocessed))
                    && api.retry_after.is_none_or(|wait| wait <= cfg.max_retry_after)
            }
            CmrError::Api(api) => ep.idempotent && api.status >= 500,
            CmrError::Timeout { .. } | CmrError::Connect { .. } | CmrError::Network { .. } => ep.idempotent,
            _ => false,
        }
    }

    async fn attempt<R>(
        &self,
        ep: &'static Endpoint,
        url: &Url,
        payload: &Payload,
        finish: &impl Fn(&'static Endpoint, reqwest::StatusCode, Option<Duration>, &[u8]) -> Result<R, CmrError>,
    ) -> Result<R, CmrError> {
        let inner = &*self.inner;
        inner.limiter.acquire().await;
        // Each key goes only in its own header: the sandbox operations take the sandbox key
        // alone (cmr-api.md §1.1, §10.3: the keys are not interchangeable).
        let (name, key) = match (&inner.sandbox_key_header, ep.sandbox_key) {
            (Some(sandbox), true) => (SANDBOX_API_KEY_HEADER, sandbox.clone()),
            (None, true) => return Err(CmrError::MissingSandboxKey { operation_id: ep.operation_id }),
            (_, false) => (API_KEY_HEADER, inner.key_header.clone()),
        };
        // A path or method moved by the user's endpoints.toml applies here too.
        let (method, _) = inner.config.endpoint_overrides.resolve(ep);
        let mut req = inner.http.request(reqwest_method(method), url.clone()).header(name, key);
        req = match payload {
            Payload::None => req,
            Payload::Json(body) => req.json(body),
            Payload::Multipart(spec) => req.multipart(spec.to_form().map_err(|message| {
                CmrError::InvalidRequest { operation_id: ep.operation_id, message }
            })?),
            Payload::Invalid(_) => unreachable!("refused before sending"),
        };
        let resp = req.send().await.map_err(|e| self.transport_error(ep, &e))?;
        let status = resp.status();
        let retry_after = parse_retry_after(resp.headers());
        if status.as_u16() == 429 {
            let pause = retry_after.unwrap_or(DEFAULT_429_PAUSE).min(inner.config.max_retry_after);
            inner.limiter.pause_for(pause);
        }
        if status.is_redirection() {
            let location_host = redirect_host(url, resp.headers()).map(|h| self.scrub(&h));
            return Err(CmrError::Redirected { operation_id: ep.operation_id, status: status.as_u16(), location_host });
        }
        let bytes = self.read_body(ep, resp).await?;
        finish(ep, status, retry_after, &bytes)
    }

    /// The decoded body, refused as soon as it grows past `max_response_bytes`. Counting the
    /// decoded chunks (gzip is on) is what stops a small compressed reply from inflating
    /// without bound.
    async fn read_body(&self, ep: &'static Endpoint, mut resp: reqwest::Response) -> Result<Vec<u8>, CmrError> {
        let cap = self.inner.config.max_response_bytes;
        let status = resp.status().as_u16();
        let too_large = || CmrError::BadResponse {
            operation_id: ep.operation_id,
            status,
            reason: format!("the reply is larger than {}; it was not read", size_text(cap)),
            snippet: String::new(),
        };
        if resp.content_length().is_some_and(|len| len > cap as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| self.transport_error(ep, &e))? {
            if chunk.len() > cap - body.len() {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn interpret<T: DeserializeOwned>(
        &self,
        ep: &'static Endpoint,
        status: reqwest::StatusCode,
        retry_after: Option<Duration>,
        body: &[u8],
    ) -> Result<ApiResponse<T>, CmrError> {
        let code = status.as_u16();
        let parsed: Result<RawEnvelope, String> = if body.iter().all(u8::is_ascii_whitespace) {
            Ok(RawEnvelope::default())
        } else {
            serde_json::from_slice::<Value>(body)
                .map_err(|e| format!("not JSON: {e}"))
                .and_then(|v| match v {
                    Value::Object(_) => serde_json::from_value(v).map_err(|e| format!("not an envelope: {e}")),
                    _ => Err("not a JSON object".to_owned()),
                })
        };
        let bad = |reason: String| CmrError::BadResponse {
            operation_id: ep.operation_id,
            status: code,
            reason: self.scrub(&reason),
            snippet: self.snippet(body),
        };
        if status.is_success() {
            let env = parsed.map_err(bad)?;
            let envelope_status = env.status.filter(|s| *s >= 400);
            if let Some(failed) = envelope_status {
                return Err(self.api_error(ep, failed, code, retry_after, Some(env), body));
            }
            return env.into_response::<T>(code).map_err(|e| bad(format!("unexpected data: {e}")));
        }
        Err(self.api_error(ep, code, code, retry_after, parsed.ok(), body))
    }

    /// `status` is the failing one (the envelope's inside a 2xx reply), `http_status` the
    /// status line.
    fn api_error(
        &self,
        ep: &'static Endpoint,
        status: u16,
        http_status: u16,
        retry_after: Option<Duration>,
        env: Option<RawEnvelope>,
        body: &[u8],
    ) -> CmrError {
        let (message, action_id, details) = match env {
            Some(env) => {
                let action_id = env.action_id();
                (env.message, action_id, env.data.filter(|d| !d.is_null()))
            }
            None => (None, None, None),
        };
        let message = message.filter(|m| !m.trim().is_empty()).unwrap_or_else(|| {
            let reason = reqwest::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason());
            match reason {
                Some(reason) => reason.to_owned(),
                None => self.snippet(body),
            }
        });
        CmrError::Api(Box::new(ApiError {
            operation_id: ep.operation_id,
            status,
            http_status,
            message: self.scrub(&message),
            retry_after,
            action_id,
            details,
        }))
    }

    /// Sorts a failure with no reply. A write that may have reached the server becomes
    /// `OutcomeUnknown`; a failure to connect means nothing was sent.
    fn transport_error(&self, ep: &'static Endpoint, err: &reqwest::Error) -> CmrError {
        let message = self.scrub(&error_chain(err));
        let operation_id = ep.operation_id;
        let lower = message.to_ascii_lowercase();
        if err.is_connect() {
            if ["tls", "ssl", "certificate", "handshake"].iter().any(|w| lower.contains(w)) {
                return CmrError::Tls { operation_id, message };
            }
            if err.is_timeout() {
                return CmrError::Timeout { operation_id, message };
            }
            return CmrError::Connect { operation_id, message };
        }
        if !ep.idempotent {
            return CmrError::OutcomeUnknown { operation_id, message };
        }
        if err.is_timeout() {
            CmrError::Timeout { operation_id, message }
        } else {
            CmrError::Network { operation_id, message }
        }
    }

    fn scrub(&self, text: &str) -> String {
        let cfg = &self.inner.config;
        let text = cfg.api_key.scrub(text);
        match &cfg.sandbox_api_key {
            Some(key) => key.scrub(&text),
            None => text,
        }
    }

    /// The start of a body for an error message. The keys are scrubbed from the whole body
    /// first: cut first, a key straddling the cut would leave its first part behind.
    fn snippet(&self, body: &[u8]) -> String {
        let text = self.scrub(&String::from_utf8_lossy(body));
        let mut snippet: String = text.chars().take(SNIPPET_CHARS).collect();
        if text.chars().count() > SNIPPET_CHARS {
            snippet.push('…');
        }
        snippet
    }
}

fn secret_header(key: &ApiKey) -> Result<HeaderValue, CmrError> {
    let mut value = HeaderValue::from_str(key.expose_secret())
        .map_err(|_| CmrError::InvalidConfig("the API key contains characters not allowed in a header".into()))?;
    value.set_sensitive(true);
    Ok(value)
}

/// The host (and port, when not the scheme's default) a redirect points at; relative
/// locations resolve against the request URL.
fn redirect_host(request_url: &Url, headers: &HeaderMap) -> Option<String> {
    let raw = headers.get(LOCATION)?.to_str().ok()?;
    let target = request_url.join(raw.trim()).ok()?;
    let host = target.host_str().filter(|h| !h.is_empty())?;
    Some(match target.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    })
}

/// "32 MiB" for whole mebibytes, else bytes (small caps are set by tests and odd settings).
fn size_text(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

fn reqwest_method(method: HttpMethod) -> reqwest::Method {
    match method {
        HttpMethod::Get => reqwest::Method::GET,
        HttpMethod::Post => reqwest::Method::POST,
        HttpMethod::Put => reqwest::Method::PUT,
        HttpMethod::Patch => reqwest::Method::PATCH,
        HttpMethod::Delete => reqwest::Method::DELETE,
    }
}

fn error_chain(err: &reqwest::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// Retry-After as delta-seconds or an HTTP date.
pub(crate) fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let raw = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = raw.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let when = httpdate::parse_http_date(raw).ok()?;
    Some(when.duration_since(std::time::SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// A read's reply kept whole: the HTTP status and the body as JSON (`null` when empty).
#[derive(Clone, Debug, PartialEq)]
pub struct RawReply {
    pub status: u16,
    pub body: Value,
}

/// One request as the area modules describe it; the transport does the rest.
pub(crate) struct Call<'a> {
    endpoint: &'static Endpoint,
    user_id: Option<&'a str>,
    query: Vec<(String, String)>,
    payload: Payload,
}

pub(crate) enum Payload {
    None,
    Json(Value),
    Multipart(crate::api::orders::MultipartBody),
    Invalid(String),
}

impl<'a> Call<'a> {
    pub fn new(endpoint: &'static Endpoint) -> Self {
        Call { endpoint, user_id: None, query: Vec::new(), payload: Payload::None }
    }

    pub fn user(mut self, user_id: &'a str) -> Self {
        self.user_id = Some(user_id);
        self
    }

    pub fn user_opt(mut self, user_id: Option<&'a str>) -> Self {
        self.user_id = user_id;
        self
    }

    pub fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.query.push((name.to_owned(), value.into()));
        self
    }

    /// Adds every non-null member of a serialisable filter struct as a query parameter.
    pub fn query_struct(mut self, params: &impl Serialize) -> Self {
        match serde_json::to_value(params) {
            Ok(Value::Object(map)) => {
                for (name, value) in map {
                    let text = match value {
                        Value::Null => continue,
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    self.query.push((name, text));
                }
            }
            Ok(_) => {}
            Err(e) => self.payload = Payload::Invalid(e.to_string()),
        }
        self
    }

    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.payload = match serde_json::to_value(body) {
            Ok(v) => Payload::Json(v),
            Err(e) => Payload::Invalid(e.to_string()),
        };
        self
    }

    /// Refuses the call before sending, e.g. for a body that could not be encoded.
    pub fn invalid(mut self, message: String) -> Self {
        self.payload = Payload::Invalid(message);
        self
    }

    pub fn multipart(mut self, body: crate::api::orders::MultipartBody) -> Self {
        self.payload = Payload::Multipart(body);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(parse_retry_after(&h), Some(Duration::from_secs(2)));
        let later = std::time::SystemTime::now() + Duration::from_secs(30);
        h.insert(RETRY_AFTER, HeaderValue::from_str(&httpdate::fmt_http_date(later)).unwrap());
        let d = parse_retry_after(&h).unwrap();
        assert!(d > Duration::from_secs(27) && d <= Duration::from_secs(30), "{d:?}");
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(parse_retry_after(&h), None);
    }

    #[test]
    fn redirect_host_keeps_host_and_port_only() {
        let base = Url::parse("https://api.example/api/v1/integration/orders").unwrap();
        let mut h = HeaderMap::new();
        h.insert(LOCATION, HeaderValue::from_static("http://user:pw@evil.example:8080/steal?key=1"));
        assert_eq!(redirect_host(&base, &h).as_deref(), Some("evil.example:8080"));
        h.insert(LOCATION, HeaderValue::from_static("/elsewhere"));
        assert_eq!(redirect_host(&base, &h).as_deref(), Some("api.example"));
        assert_eq!(redirect_host(&base, &HeaderMap::new()), None);
    }

    #[test]
    fn sizes_read_as_mib_or_bytes() {
        assert_eq!(size_text(32 * 1024 * 1024), "32 MiB");
        assert_eq!(size_text(3 * 1024 * 1024 / 2), "1.5 MiB");
        assert_eq!(size_text(1024), "1024 bytes");
    }
}
