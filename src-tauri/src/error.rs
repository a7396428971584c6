//! Errors as data. The vocabulary (`ErrorCode`, `AppError`) and the mapping of client and core
//! errors live in `cmr_core::app_error`, so commands, bulk items and reports speak one language.

pub use cmr_core::app_error::{AppError, AppResult, ErrorCode, SANDBOX_KEY_MISSING};
