//! The action tracker: what CMR is still doing for this profile and what it did, and what a
//! person does about a paid call whose outcome is unknown (check it; release it for a second
//! send). The rule behind them is `cmr_core::once`.

use cmr_core::{ActionFilter, ActionView};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_actions(state: State<'_, AppState>, filter: ActionFilter) -> AppResult<Vec<ActionView>> {
    Ok(state.desk().await?.tracker().list(&filter)?)
}

/// The unsettled call that sending `operation` with `request` would repeat: a paying screen
/// shows "Check status" instead of Pay while there is one. `subject` is what the screen
/// names the call by (used only when the request names no subject of its own).
#[tauri::command]
#[specta::specta]
pub async fn find_unsettled_action(
    state: State<'_, AppState>,
    operation: String,
    user_id: Option<String>,
    subject: String,
    request: serde_json::Value,
) -> AppResult<Option<ActionView>> {
    Ok(state.desk().await?.unsettled_for(&operation, user_id.as_deref(), &subject, &request)?)
}

/// Reads CMR's state now to settle the action: applied (never sent again) or still unknown.
#[tauri::command]
#[specta::specta]
pub async fn check_action(state: State<'_, AppState>, id: String) -> AppResult<ActionView> {
    Ok(state.desk().await?.check_action(&id).await?)
}

/// After a check left the outcome unknown, allows the same call again; `confirmation` is the
/// phrase the person typed (`cmr_core::RELEASE_PHRASE`).
#[tauri::command]
#[specta::specta]
pub async fn release_action(state: State<'_, AppState>, id: String, confirmation: String) -> AppResult<ActionView> {
    Ok(state.desk().await?.release_action(&id, &confirmation)?)
}

/// A progress screen follows an order: true when the tracker polls it (the screen then waits
/// for `OrderProgress` events and reads nothing itself); false when nobody does.
#[tauri::command]
#[specta::specta]
pub async fn watch_order(state: State<'_, AppState>, order_id: String) -> AppResult<bool> {
    Ok(state.desk().await?.tracker().watch_order(&order_id)?)
}

/// The progress screen closed: the order goes back to the tracker's slower back-off.
#[tauri::command]
#[specta::specta]
pub async fn unwatch_order(state: State<'_, AppState>, order_id: String) -> AppResult<()> {
    state.desk().await?.tracker().unwatch_order(&order_id);
    Ok(())
}
