//! The responses that injected faults put on the wire instead of the real answer.

use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::envelope::{error_response, set_header};
use crate::faults::CommitThen;

const HTML_502: &str =
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
const HTML_504: &str = "<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center></body></html>";
/// What a client sees when the body stops mid-way: valid start, no end.
const TRUNCATED: &str = "{\"status\":200,\"message\":\"Succ";
/// The live API sometimes reports throttling inside a 200 envelope.
const ENVELOPE_429: &str = "{\"status\":429,\"message\":\"Too many requests, please slow down\",\"data\":null}";

/// Closes the connection without a response: the unwind ends the connection task, and
/// `resume_unwind` skips the panic hook so nothing is printed. A host built with
/// `panic = "abort"` would die instead, so there the fault degrades to a truncated body.
pub fn drop_connection() -> Response {
    #[cfg(panic = "unwind")]
    std::panic::resume_unwind(Box::new("sandbox fault: connection dropped"));
    #[cfg(not(panic = "unwind"))]
    body(StatusCode::OK, "application/json", "{\"status\":")
}

/// A refusal before anything is processed.
pub fn refuse(status: u16) -> Response {
    let mut r = error_response(status, "Injected fault: the server could not process the request");
    if status == 429 {
        set_header(&mut r, "retry-after", "1");
    }
    r
}

/// Replaces the answer of a request whose change is already committed.
pub async fn after_commit(mode: CommitThen, hang_ms: u64, real: Response) -> Response {
    match mode {
        CommitThen::Timeout => {
            tokio::time::sleep(Duration::from_millis(hang_ms)).await;
            drop_connection()
        }
        CommitThen::Reset => drop_connection(),
        CommitThen::Html502 => body(StatusCode::BAD_GATEWAY, "text/html", HTML_502),
        CommitThen::Gateway504 => body(StatusCode::GATEWAY_TIMEOUT, "text/html", HTML_504),
        CommitThen::Malformed => body(real.status(), "application/json", TRUNCATED),
        CommitThen::Envelope429 => body(StatusCode::OK, "application/json", ENVELOPE_429),
    }
}

fn body(status: StatusCode, content_type: &str, text: &'static str) -> Response {
    let mut r = (status, text).into_response();
    set_header(&mut r, "content-type", content_type);
    r
}
