//! Bulk jobs: one operation over many subjects, with per-item results, cancel and
//! retry-failed-only; progress arrives as `JobProgress` events.

use cmr_core::{ItemState, JobItemView, JobView, NewBulkJob};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn start_bulk_job(state: State<'_, AppState>, job: NewBulkJob) -> AppResult<JobView> {
    Ok(state.desk().await?.start_bulk_job(job)?)
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_bulk_job(state: State<'_, AppState>, job_id: String) -> AppResult<JobView> {
    Ok(state.desk().await?.cancel_bulk_job(&job_id)?)
}

/// Sends failed (and cancelled) items again; with `include_unknown` also the ones whose
/// outcome could not be established — only after checking them by hand.
#[tauri::command]
#[specta::specta]
pub async fn retry_failed(state: State<'_, AppState>, job_id: String, include_unknown: bool) -> AppResult<JobView> {
    Ok(state.desk().await?.retry_failed(&job_id, include_unknown).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn list_jobs(state: State<'_, AppState>) -> AppResult<Vec<JobView>> {
    Ok(state.desk().await?.list_jobs(None)?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_bulk_job(state: State<'_, AppState>, job_id: String) -> AppResult<JobView> {
    Ok(state.desk().await?.job(&job_id)?)
}

/// A page of a job's items in order, optionally of one state.
#[tauri::command]
#[specta::specta]
pub async fn get_job_items(
    state: State<'_, AppState>,
    job_id: String,
    item_state: Option<ItemState>,
    offset: u32,
    limit: u32,
) -> AppResult<Vec<JobItemView>> {
    Ok(state.desk().await?.job_items(&job_id, item_state, offset, limit)?)
}
