//! The local cache of read models: answered at once from disk with their sync time
//! ("last synced 2 min ago"); `refresh` reads CMR again.

use cmr_client::domains::Domain;
use cmr_client::mailboxes::Mailbox;
use cmr_client::subscriptions::Subscription;
use cmr_client::users::User;
use cmr_core::{CacheEntryInfo, CacheKind, Cached};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn cached_customers(state: State<'_, AppState>, refresh: bool) -> AppResult<Cached<Vec<User>>> {
    Ok(state.desk().await?.customers(refresh).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn cached_domains(state: State<'_, AppState>, customer_id: String, refresh: bool) -> AppResult<Cached<Vec<Domain>>> {
    Ok(state.desk().await?.domains(&customer_id, refresh).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn cached_mailboxes(state: State<'_, AppState>, customer_id: String, refresh: bool) -> AppResult<Cached<Vec<Mailbox>>> {
    Ok(state.desk().await?.mailboxes(&customer_id, refresh).await?)
}

/// One customer's subscriptions, or the whole account's with no customer.
#[tauri::command]
#[specta::specta]
pub async fn cached_subscriptions(
    state: State<'_, AppState>,
    customer_id: Option<String>,
    refresh: bool,
) -> AppResult<Cached<Vec<Subscription>>> {
    Ok(state.desk().await?.subscriptions(customer_id.as_deref(), refresh).await?)
}

/// The manual refresh: one entry, one kind, or (with neither) everything cached.
#[tauri::command]
#[specta::specta]
pub async fn refresh_cache(
    state: State<'_, AppState>,
    kind: Option<CacheKind>,
    customer_id: Option<String>,
) -> AppResult<Vec<CacheEntryInfo>> {
    Ok(state.desk().await?.refresh_cache(kind, customer_id.as_deref()).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn cache_status(state: State<'_, AppState>) -> AppResult<Vec<CacheEntryInfo>> {
    Ok(state.desk().await?.cache().entries()?)
}
