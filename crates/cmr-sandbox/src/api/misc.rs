//! Error reports sent by integrations.

use axum::extract::State;
use serde_json::{json, Value};

use super::{req_str, require_object};
use crate::envelope::{envelope, ApiError, ApiResult, Data, JsonBody};
use crate::model::ReportedError;
use crate::server::AppState;

pub async fn send_error(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    require_object(&body)?;
    let message = req_str(&body, "message")?.to_string();
    if message.len() > 5000 {
        return Err(ApiError::unprocessable("message is too long (5000 characters at most)"));
    }
    let context = body.get("context").cloned().unwrap_or(json!({}));
    let mut sim = s.sim();
    let at = sim.now;
    sim.errors.push(ReportedError { at, message, context });
    Ok(envelope(200, "Error reported successfully", Data::Omit, None))
}
