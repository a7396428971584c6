//! The cached lists as rows: a window of a filtered, sorted list (a filter never sends the
//! whole list over IPC), a progressive read from CMR with progress events and a cancel, the
//! ids behind "select all shown", and the account-wide search.

use cmr_client::mailboxes::Mailbox;
use cmr_core::{CacheKind, RowFilter, RowPage, RowQuery, SearchHit, SearchQuery, SyncOutcome};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

/// Reads one list from CMR into the cache, page by page (`CacheProgress` after each page).
#[tauri::command]
#[specta::specta]
pub async fn sync_cache(state: State<'_, AppState>, kind: CacheKind, customer_id: Option<String>) -> AppResult<SyncOutcome> {
    Ok(state.desk().await?.sync_cache(kind, customer_id.as_deref()).await?)
}

/// Stops a running read after the page in flight; the rows read so far stay.
#[tauri::command]
#[specta::specta]
pub async fn cancel_cache_sync(state: State<'_, AppState>, kind: CacheKind, customer_id: Option<String>) -> AppResult<()> {
    state.desk().await?.cancel_cache_sync(kind, customer_id.as_deref());
    Ok(())
}

/// One window of a customer's mailboxes, filtered and sorted, with the count matching.
#[tauri::command]
#[specta::specta]
pub async fn cached_mailbox_page(state: State<'_, AppState>, customer_id: String, query: RowQuery) -> AppResult<RowPage<Mailbox>> {
    Ok(state.desk().await?.cache().row_page(Some(&customer_id), &query)?)
}

/// The ids of every mailbox matching a filter, in list order ("select all shown").
#[tauri::command]
#[specta::specta]
pub async fn cached_mailbox_ids(state: State<'_, AppState>, customer_id: String, filter: RowFilter) -> AppResult<Vec<String>> {
    Ok(state.desk().await?.cache().row_ids(CacheKind::Mailboxes, Some(&customer_id), &filter)?)
}

/// The chosen mailboxes, in list order.
#[tauri::command]
#[specta::specta]
pub async fn cached_mailboxes_by_ids(state: State<'_, AppState>, customer_id: String, ids: Vec<String>) -> AppResult<Vec<Mailbox>> {
    Ok(state.desk().await?.cache().rows_by_ids(Some(&customer_id), &ids)?)
}

/// Every mailbox on these domains (what a removal or a rename must not collide with).
#[tauri::command]
#[specta::specta]
pub async fn cached_mailboxes_on_domains(state: State<'_, AppState>, customer_id: String, domains: Vec<String>) -> AppResult<Vec<Mailbox>> {
    Ok(state.desk().await?.cache().rows_on_domains(Some(&customer_id), &domains)?)
}

/// The domains a customer's cached mailboxes are on (the domain filter's choices).
#[tauri::command]
#[specta::specta]
pub async fn cached_mailbox_domains(state: State<'_, AppState>, customer_id: String) -> AppResult<Vec<String>> {
    Ok(state.desk().await?.cache().row_domains(CacheKind::Mailboxes, Some(&customer_id))?)
}

/// Customers, domains and mailboxes of every customer matching the words, from the cache.
#[tauri::command]
#[specta::specta]
pub async fn search_cache(state: State<'_, AppState>, query: SearchQuery) -> AppResult<Vec<SearchHit>> {
    Ok(state.desk().await?.cache().search(&query)?)
}
