//! Exports of mailboxes to sending platforms, platform credentials, OAuth re-export.
//! Credential passwords go to CMR only; the audit log keeps "[redacted]".

use cmr_client::endpoints as ep;
use cmr_client::exports::{
    ConnectedPlatforms, CredentialCreated, ExportMailboxesRequest, PlatformCredentialInput, PlatformWorkspaces,
    ReExportMailboxRequest, UpdatePlatformCredentialRequest,
};
use cmr_client::{Accepted, ApiResponse};
use cmr_core::Mutation;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn add_platform_credential(
    state: State<'_, AppState>,
    user_id: String,
    request: PlatformCredentialInput,
) -> AppResult<ApiResponse<Option<CredentialCreated>>> {
    let m = Mutation::new(&ep::ADD_PLATFORM_CREDENTIAL, request.app.as_str()).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.add_platform_credential(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_platform_credential(
    state: State<'_, AppState>,
    user_id: String,
    request: UpdatePlatformCredentialRequest,
) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::UPDATE_PLATFORM_CREDENTIAL, &request.credential_id).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.update_platform_credential(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_platform_credential(state: State<'_, AppState>, user_id: String, credential_id: String) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::REMOVE_PLATFORM_CREDENTIAL, &credential_id)
        .customer(&user_id)
        .request(&serde_json::json!({ "credentialId": credential_id }));
    Ok(state.desk().await?.mutate(m, |c| async move { c.remove_platform_credential(&user_id, &credential_id).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_connected_platforms(state: State<'_, AppState>, user_id: String) -> AppResult<ApiResponse<ConnectedPlatforms>> {
    Ok(state.desk().await?.read(|c| async move { c.get_connected_platforms(&user_id).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn export_mailboxes_to_platform(
    state: State<'_, AppState>,
    user_id: String,
    request: ExportMailboxesRequest,
) -> AppResult<Accepted> {
    let subject = format!("{} mailboxes", request.component_mailbox_ids.len());
    let m = Mutation::new(&ep::EXPORT_MAILBOXES_TO_PLATFORM, subject).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.export_mailboxes_to_platform(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_platform_workspaces(
    state: State<'_, AppState>,
    user_id: String,
    credential_id: String,
) -> AppResult<ApiResponse<PlatformWorkspaces>> {
    Ok(state.desk().await?.read(|c| async move { c.get_platform_workspaces(&user_id, &credential_id).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn re_export_mailbox_o_auth(
    state: State<'_, AppState>,
    user_id: String,
    request: ReExportMailboxRequest,
) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::RE_EXPORT_MAILBOX_OAUTH, &request.mailbox_id).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.re_export_mailbox_o_auth(&user_id, &request).await }).await?)
}
