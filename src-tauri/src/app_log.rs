//! The app log (`app.log` in the platform's log folder), reachable from anywhere in the shell.
//! The writer and its redaction are `cmr_core::RotatingLog`; this module only holds the one
//! instance of the running app. Tests of the shell run without it: nothing is written then.

use std::sync::{Arc, OnceLock};

use cmr_core::RotatingLog;

use crate::error::{AppError, ErrorCode};

pub const LOG_FILE: &str = "app.log";
/// A support request needs the last days, not months: 1 MiB per file, four older files kept.
pub const MAX_BYTES: u64 = 1024 * 1024;
pub const KEEP: usize = 4;

static LOG: OnceLock<Arc<RotatingLog>> = OnceLock::new();

/// Makes `log` the app's log; only the first call counts. From then on every error a command
/// builds is written to it as it is made (see `cmr_core::app_error::observe_errors`).
pub fn install(log: Arc<RotatingLog>) {
    let _ = LOG.set(log);
    cmr_core::app_error::observe_errors(log_error);
}

/// A form's field problems are the person's input, not a failure: not logged.
fn log_error(error: &AppError) {
    if error.code != ErrorCode::Validation {
        let status = error.status.map(|s| format!(" HTTP {s}")).unwrap_or_default();
        let action = error.action_id.as_deref().map(|a| format!(" action {a}")).unwrap_or_default();
        warn(&format!("error {:?}{status}{action}: {}", error.code, error.message));
    }
}

pub fn get() -> Option<&'static Arc<RotatingLog>> {
    LOG.get()
}

pub fn info(text: &str) {
    if let Some(log) = get() {
        log.info(text);
    }
}

pub fn warn(text: &str) {
    if let Some(log) = get() {
        log.warn(text);
    }
}
