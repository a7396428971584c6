//! The audit log of the active profile: query it, export it as CSV.

use cmr_core::{AuditEntry, AuditQuery};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn query_audit_log(state: State<'_, AppState>, query: AuditQuery) -> AppResult<Vec<AuditEntry>> {
    Ok(state.desk().await?.audit().query(&query)?)
}

/// The matching rows as CSV text (RFC 4180, header first); the UI saves it where the user says.
#[tauri::command]
#[specta::specta]
pub async fn export_audit_csv(state: State<'_, AppState>, query: AuditQuery) -> AppResult<String> {
    Ok(state.desk().await?.audit().export_csv(&query)?)
}
