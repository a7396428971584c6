//! Pre-warmed mailboxes: inventory and (paid) orders, plus their sandbox twins.

use cmr_client::prewarmup::{PrewarmupInventory, PrewarmupOrderRequest, PrewarmupQuery, SandboxPrewarmupOrderRequest};
use cmr_client::{Accepted, ApiResponse};
use cmr_core::Mutation;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

fn subject(request: &PrewarmupOrderRequest) -> String {
    request.order.iter().map(|o| o.domain.as_str()).collect::<Vec<_>>().join(", ")
}

#[tauri::command]
#[specta::specta]
pub async fn list_prewarmup_inventory(state: State<'_, AppState>, query: PrewarmupQuery) -> AppResult<ApiResponse<PrewarmupInventory>> {
    Ok(state.desk().await?.read(|c| async move { c.list_prewarmup_inventory(&query).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn order_prewarmup(state: State<'_, AppState>, user_id: String, request: PrewarmupOrderRequest) -> AppResult<Accepted> {
    let m = Mutation::new("order_prewarmup", subject(&request)).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.order_prewarmup(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sandbox_list_prewarmup(state: State<'_, AppState>, query: PrewarmupQuery) -> AppResult<ApiResponse<PrewarmupInventory>> {
    Ok(state.desk().await?.read(|c| async move { c.sandbox_list_prewarmup(&query).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sandbox_order_prewarmup(
    state: State<'_, AppState>,
    user_id: String,
    request: SandboxPrewarmupOrderRequest,
) -> AppResult<Accepted> {
    let m = Mutation::new("sandbox_order_prewarmup", subject(&request.order)).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.sandbox_order_prewarmup(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sandbox_reset_prewarmup(state: State<'_, AppState>) -> AppResult<Accepted> {
    let m = Mutation::new("sandbox_reset_prewarmup", "sandbox");
    Ok(state.desk().await?.mutate(m, |c| async move { c.sandbox_reset_prewarmup().await }).await?)
}
