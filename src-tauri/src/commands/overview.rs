//! The Overview, the first screen: the account's picture from the local cache (no request).

use cmr_core::Overview;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

/// Counts, what falls due within `days` (at most a year), sync times and DNS health problems.
#[tauri::command]
#[specta::specta]
pub async fn get_overview(state: State<'_, AppState>, days: u32) -> AppResult<Overview> {
    let now = cmr_core::time::now_ms();
    Ok(state.desk().await?.cache().overview(now, days.min(366))?)
}
