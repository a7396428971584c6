//! Settings → Profiles → Check API, and the endpoint overrides in force.

use cmr_client::OverrideError;
use cmr_core::api_check::{run_check, CheckHints, CheckReport, OverrideInForce};
use cmr_core::AuditQuery;
use serde::Serialize;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

/// The endpoints.toml as read at start.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EndpointsStatus {
    /// Where the app looks for the file.
    pub path: String,
    pub present: bool,
    pub overrides: Vec<OverrideInForce>,
    /// When not empty, nothing of the file is applied.
    pub errors: Vec<OverrideError>,
}

/// Calls every read-only operation once for the active profile and compares each reply with
/// openapi.yaml. Nothing is written to CMR.
#[tauri::command]
#[specta::specta]
pub async fn check_api(state: State<'_, AppState>) -> AppResult<CheckReport> {
    let active = state.active_client().await?;
    let order = if active.demo { state.demo.known_order() } else { known_order(&state).await };
    Ok(run_check(&active.client, &CheckHints { order }).await)
}

#[tauri::command]
#[specta::specta]
pub fn endpoint_overrides_status(state: State<'_, AppState>) -> EndpointsStatus {
    let file = state.endpoints();
    let overrides = file
        .overrides
        .iter()
        .filter_map(|(id, o)| {
            let e = cmr_client::endpoints::endpoint(id)?;
            Some(OverrideInForce {
                operation_id: id.to_owned(),
                default_method: e.method.as_str().to_owned(),
                default_path: e.path.to_owned(),
                method: o.method.unwrap_or(e.method).as_str().to_owned(),
                path: o.path.clone().unwrap_or_else(|| e.path.to_owned()),
            })
        })
        .collect();
    EndpointsStatus {
        path: file.path.display().to_string(),
        present: file.present,
        overrides,
        errors: file.errors.clone(),
    }
}

/// CMR lists no orders, so the order reads use one this profile placed (its audit log
/// keeps the request of every order processed).
async fn known_order(state: &AppState) -> Option<(String, String)> {
    let desk = state.desk().await.ok()?;
    let q = AuditQuery { operation: Some("process_order".into()), limit: Some(20), ..Default::default() };
    desk.audit().query(&q).ok()?.into_iter().find_map(|e| {
        let order = e.request.get("orderId")?.as_str()?.to_owned();
        Some((e.customer_id?, order))
    })
}
