//! Pre-warmed mailboxes: inventory and (paid) orders, plus their sandbox twins.

use cmr_client::endpoints as ep;
use cmr_client::prewarmup::{PrewarmupInventory, PrewarmupOrderRequest, PrewarmupQuery, SandboxPrewarmupOrderRequest};
use cmr_client::{Accepted, ApiResponse};
use cmr_core::Mutation;
use tauri::State;

use crate::error::{AppError, AppResult, ErrorCode, SANDBOX_KEY_MISSING};
use crate::state::AppState;

/// The sandbox operations go out with the sandbox key only; without one they are refused here,
/// before anything is recorded or sent.
async fn require_sandbox_key(state: &AppState) -> AppResult<()> {
    match state.active_client().await?.client.config().sandbox_api_key {
        Some(_) => Ok(()),
        None => Err(AppError::new(ErrorCode::Validation, SANDBOX_KEY_MISSING)),
    }
}

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
    let m = Mutation::new(&ep::ORDER_PREWARMUP, subject(&request)).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.order_prewarmup(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sandbox_list_prewarmup(state: State<'_, AppState>, query: PrewarmupQuery) -> AppResult<ApiResponse<PrewarmupInventory>> {
    require_sandbox_key(&state).await?;
    Ok(state.desk().await?.read(|c| async move { c.sandbox_list_prewarmup(&query).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sandbox_order_prewarmup(
    state: State<'_, AppState>,
    user_id: String,
    request: SandboxPrewarmupOrderRequest,
) -> AppResult<Accepted> {
    require_sandbox_key(&state).await?;
    let m = Mutation::new(&ep::SANDBOX_ORDER_PREWARMUP, subject(&request.order)).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.sandbox_order_prewarmup(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn sandbox_reset_prewarmup(state: State<'_, AppState>) -> AppResult<Accepted> {
    require_sandbox_key(&state).await?;
    let m = Mutation::new(&ep::SANDBOX_RESET_PREWARMUP, "sandbox");
    Ok(state.desk().await?.mutate(m, |c| async move { c.sandbox_reset_prewarmup().await }).await?)
}
