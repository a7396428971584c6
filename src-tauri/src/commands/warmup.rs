//! Warmup of a mailbox, and inbox-placement tests (paid).

use cmr_client::endpoints as ep;
use cmr_client::warmup::{
    PlacementOrder, PlacementReports, PlacementReportsQuery, PlacementTestRequest, WarmupSettings, WarmupState,
    WarmupStatusRequest,
};
use cmr_client::{Accepted, ApiResponse};
use cmr_core::Mutation;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn add_warmup(state: State<'_, AppState>, mailbox_id: String) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::ADD_WARMUP, &mailbox_id).request(&serde_json::json!({ "mailboxId": mailbox_id }));
    Ok(state.desk().await?.mutate(m, |c| async move { c.add_warmup(&mailbox_id).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_warmup(state: State<'_, AppState>, mailbox_id: String) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::REMOVE_WARMUP, &mailbox_id).request(&serde_json::json!({ "mailboxId": mailbox_id }));
    Ok(state.desk().await?.mutate(m, |c| async move { c.remove_warmup(&mailbox_id).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn toggle_warmup(state: State<'_, AppState>, mailbox_id: String) -> AppResult<ApiResponse<Option<WarmupState>>> {
    let m = Mutation::new(&ep::TOGGLE_WARMUP, &mailbox_id).request(&serde_json::json!({ "mailboxId": mailbox_id }));
    Ok(state.desk().await?.mutate(m, |c| async move { c.toggle_warmup(&mailbox_id).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn set_warmup_status(
    state: State<'_, AppState>,
    mailbox_id: String,
    request: WarmupStatusRequest,
) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::SET_WARMUP_STATUS, &mailbox_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.set_warmup_status(&mailbox_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_warmup_settings(
    state: State<'_, AppState>,
    mailbox_id: String,
    settings: WarmupSettings,
) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::UPDATE_WARMUP_SETTINGS, &mailbox_id).request(&settings);
    Ok(state.desk().await?.mutate(m, |c| async move { c.update_warmup_settings(&mailbox_id, &settings).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_placement_test(
    state: State<'_, AppState>,
    user_id: String,
    request: PlacementTestRequest,
) -> AppResult<ApiResponse<Option<PlacementOrder>>> {
    let subject = format!("{} mailboxes", request.mailbox_ids.len());
    let m = Mutation::new(&ep::CREATE_PLACEMENT_TEST, subject).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.create_placement_test(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_placement_reports(
    state: State<'_, AppState>,
    user_id: String,
    query: PlacementReportsQuery,
) -> AppResult<ApiResponse<PlacementReports>> {
    Ok(state.desk().await?.read(|c| async move { c.get_placement_reports(&user_id, &query).await }).await?)
}
