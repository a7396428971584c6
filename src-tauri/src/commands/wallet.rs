//! The partner wallet, which pays for everything.

use cmr_client::wallet::Wallet;
use cmr_client::ApiResponse;
use cmr_core::charge::{ChargeRequest, Quote};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn get_wallet_details(state: State<'_, AppState>) -> AppResult<ApiResponse<Wallet>> {
    Ok(state.desk().await?.read(|c| async move { c.get_wallet_details().await }).await?)
}

/// Prices a paid action against the wallet as CMR reports it now (one read): lines, total,
/// wallet now → after, what recurs, and the reason Pay is disabled when the app knows the
/// payment would be refused (`cmr_core::charge`).
#[tauri::command]
#[specta::specta]
pub async fn quote_charge(state: State<'_, AppState>, request: ChargeRequest) -> AppResult<Quote> {
    let desk = state.desk().await?;
    let wallet = match desk.read(|c| async move { c.get_wallet_details().await }).await {
        Ok(reply) => reply.data.wallet_balance.and_then(|m| m.to_cents()).ok_or_else(|| "CMR sent no wallet balance".to_owned()),
        Err(e) => Err(crate::error::AppError::from(e).message),
    };
    Ok(cmr_core::charge::quote(&request, wallet))
}
