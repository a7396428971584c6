//! The audit log of the active profile: query it, export it as CSV, and what it says the app
//! has charged.

use cmr_core::charges::{ChargesQuery, ChargesReport};
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

/// What this app has charged (paid calls with the total shown when Pay was pressed), per
/// customer and in all (`cmr_core::charges`).
#[tauri::command]
#[specta::specta]
pub async fn app_charges(state: State<'_, AppState>, query: ChargesQuery) -> AppResult<ChargesReport> {
    Ok(state.desk().await?.audit().charges(&query)?)
}

/// [`app_charges`] as CSV text (RFC 4180, header first).
#[tauri::command]
#[specta::specta]
pub async fn export_app_charges_csv(state: State<'_, AppState>, query: ChargesQuery) -> AppResult<String> {
    Ok(state.desk().await?.audit().charges_csv(&query)?)
}
