//! The partner wallet, which pays for everything.

use cmr_client::wallet::Wallet;
use cmr_client::ApiResponse;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn get_wallet_details(state: State<'_, AppState>) -> AppResult<ApiResponse<Wallet>> {
    Ok(state.desk().await?.read(|c| async move { c.get_wallet_details().await }).await?)
}
