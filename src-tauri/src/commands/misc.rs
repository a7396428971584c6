//! Reporting a client-side error to CMR (the core refuses a report holding the API key).

use cmr_client::endpoints as ep;
use cmr_client::misc::SendErrorRequest;
use cmr_client::Accepted;
use cmr_core::Mutation;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn send_error(state: State<'_, AppState>, request: SendErrorRequest) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::SEND_ERROR, "error report").request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.send_error(&request).await }).await?)
}
