//! The CMR response envelope `{status, message, data, actionId}` and the request plumbing
//! shared by every handler (body and query parsing that answer in the envelope too).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

#[derive(Debug, Clone, thiserror::Error)]
#[error("{status}: {message}")]
pub struct ApiError {
    pub status: u16,
    pub message: String,
    /// The envelope's `data` on this error; `null` unless a refusal documents more.
    pub data: Option<Value>,
}

/// Marks an error response so the status-fitting layer can rebuild it with another code.
#[derive(Debug, Clone)]
pub struct ErrorMessage(pub String, pub Option<Value>);

impl ApiError {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into(), data: None }
    }
    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }
    pub fn bad_request(m: impl Into<String>) -> Self {
        Self::new(400, m)
    }
    pub fn unauthorized() -> Self {
        Self::new(401, "Invalid API Key")
    }
    pub fn payment(m: impl Into<String>) -> Self {
        Self::new(402, m)
    }
    pub fn forbidden(m: impl Into<String>) -> Self {
        Self::new(403, m)
    }
    pub fn not_found(m: impl Into<String>) -> Self {
        Self::new(404, m)
    }
    pub fn conflict(m: impl Into<String>) -> Self {
        Self::new(409, m)
    }
    pub fn unprocessable(m: impl Into<String>) -> Self {
        Self::new(422, m)
    }
    pub fn missing_user() -> Self {
        Self::bad_request("Please provide a userId")
    }
    pub fn unknown_user() -> Self {
        Self::not_found("The requested user does not exist.")
    }
}

pub fn error_response(status: u16, message: &str) -> Response {
    error_with_data(status, message, None)
}

pub fn error_with_data(status: u16, message: &str, data: Option<Value>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = json!({"status": status, "message": message, "data": data.clone().unwrap_or(Value::Null)});
    let mut r = (code, axum::Json(body)).into_response();
    r.extensions_mut().insert(ErrorMessage(message.to_string(), data));
    r
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_with_data(self.status, &self.message, self.data)
    }
}

pub type ApiResult = Result<Response, ApiError>;

/// What goes in `data`: some documented answers omit it, some send an explicit null.
pub enum Data {
    Omit,
    Null,
    Some(Value),
}

pub fn envelope(status: u16, message: &str, data: Data, action_id: Option<&str>) -> Response {
    let mut body = serde_json::Map::new();
    body.insert("status".into(), json!(status));
    body.insert("message".into(), json!(message));
    match data {
        Data::Omit => {}
        Data::Null => {
            body.insert("data".into(), Value::Null);
        }
        Data::Some(v) => {
            body.insert("data".into(), v);
        }
    }
    if let Some(a) = action_id {
        body.insert("actionId".into(), json!(a));
    }
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    (code, axum::Json(Value::Object(body))).into_response()
}

pub fn ok(message: &str, data: Value) -> ApiResult {
    Ok(envelope(200, message, Data::Some(data), None))
}

pub fn accepted(message: &str, data: Data, action_id: &str) -> ApiResult {
    Ok(envelope(200, message, data, Some(action_id)))
}

/// A JSON body that rejects in the CMR envelope instead of axum's plain-text rejection.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::bad_request(format!("Could not read request body: {e}")))?;
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(ApiError::bad_request("Request body is required"));
        }
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| ApiError::bad_request(format!("Invalid request body: {e}")))
    }
}

/// Query parameters as plain strings; typed parsing happens in the helpers below so
/// that every failure carries a readable message.
pub struct Params(pub HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Query::<HashMap<String, String>>::try_from_uri(&parts.uri)
            .map(|q| Params(q.0))
            .map_err(|e| ApiError::bad_request(format!("Invalid query string: {e}")))
    }
}

impl Params {
    pub fn get(&self, k: &str) -> Option<&str> {
        self.0.get(k).map(|s| s.as_str()).filter(|s| !s.trim().is_empty())
    }

    pub fn require(&self, k: &str) -> Result<&str, ApiError> {
        self.get(k).ok_or_else(|| ApiError::bad_request(format!("Please provide a {k}")))
    }

    /// Enforces [`crate::rules::Rule::UserIdRequired`].
    pub fn user_id(&self) -> Result<&str, ApiError> {
        self.get("userId").ok_or_else(ApiError::missing_user)
    }

    fn int(&self, k: &str) -> Result<Option<i64>, ApiError> {
        match self.get(k) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse::<i64>()
                .map(Some)
                .map_err(|_| ApiError::bad_request(format!("{k} must be an integer"))),
        }
    }

    /// `page` and `limit`, 1-based, validated: [`crate::rules::Rule::PageLimit`].
    pub fn paging(&self, default_limit: i64, max_limit: i64) -> Result<(usize, usize), ApiError> {
        let page = self.int("page")?.unwrap_or(1);
        let limit = self.int("limit")?.unwrap_or(default_limit);
        if page < 1 {
            return Err(ApiError::bad_request("page must be 1 or greater"));
        }
        if limit < 1 || limit > max_limit {
            return Err(ApiError::bad_request(format!("limit must be between 1 and {max_limit}")));
        }
        Ok((page as usize, limit as usize))
    }
}

/// Slices one page and builds the `pagination` object. `nextPage` is always `currentPage + 1`,
/// as in the documented subscriptions example (which shows nextPage 2 with totalPages 1):
/// clients must stop on `totalPages`, not on a missing `nextPage`.
pub fn paginate<T: Clone>(items: &[T], page: usize, limit: usize) -> (Vec<T>, Value) {
    let total = items.len();
    let total_pages = total.div_ceil(limit).max(1);
    let start = ((page - 1) * limit).min(total);
    let end = (start + limit).min(total);
    let pagination = json!({
        "totalSearchedCount": total,
        "currentPage": page,
        "nextPage": page + 1,
        "totalPages": total_pages,
    });
    (items[start..end].to_vec(), pagination)
}

pub fn set_header(r: &mut Response, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        r.headers_mut().insert(name, v);
    }
}
