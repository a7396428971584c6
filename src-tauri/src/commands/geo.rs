//! Geo reference data for customer addresses.

use cmr_client::geo::CodeMap;
use cmr_client::ApiResponse;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_countries(state: State<'_, AppState>) -> AppResult<ApiResponse<CodeMap>> {
    Ok(state.desk().await?.read(|c| async move { c.list_countries().await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_states(state: State<'_, AppState>, country_code: String) -> AppResult<ApiResponse<CodeMap>> {
    Ok(state.desk().await?.read(|c| async move { c.list_states(&country_code).await }).await?)
}
