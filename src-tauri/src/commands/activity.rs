//! The action tracker's list: what CMR is still doing for this profile, and what it did.

use cmr_core::{ActionFilter, ActionView};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_actions(state: State<'_, AppState>, filter: ActionFilter) -> AppResult<Vec<ActionView>> {
    Ok(state.desk().await?.tracker().list(&filter)?)
}
