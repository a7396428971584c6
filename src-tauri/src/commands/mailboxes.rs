//! Mailboxes: lists, details, admin account, profile updates, removal, health check.

use cmr_client::endpoints as ep;
use cmr_client::mailboxes::{
    MailboxAdminDetails, MailboxDetails, MailboxIdRequest, MailboxUpdateResult, MailboxesPage, UpdateMailboxDetailsRequest,
};
use cmr_client::{Accepted, ApiResponse, OneOrMany, PageQuery};
use cmr_core::Mutation;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_all_mailboxes(state: State<'_, AppState>, query: PageQuery) -> AppResult<ApiResponse<MailboxesPage>> {
    Ok(state.desk().await?.read(|c| async move { c.list_all_mailboxes(&query).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_mailboxes_for_user(
    state: State<'_, AppState>,
    user_id: String,
    query: PageQuery,
) -> AppResult<ApiResponse<MailboxesPage>> {
    Ok(state.desk().await?.read(|c| async move { c.get_mailboxes_for_user(&user_id, &query).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_mailbox_by_id(
    state: State<'_, AppState>,
    mailbox_id: String,
    user_id: Option<String>,
) -> AppResult<ApiResponse<MailboxDetails>> {
    let desk = state.desk().await?;
    Ok(desk.read(|c| async move { c.get_mailbox_by_id(&mailbox_id, user_id.as_deref()).await }).await?)
}

/// Secret content (admin password, TOTP secret): shown on request, never stored.
#[tauri::command]
#[specta::specta]
pub async fn get_mailbox_admin_details(
    state: State<'_, AppState>,
    user_id: String,
    mailbox_id: String,
) -> AppResult<ApiResponse<MailboxAdminDetails>> {
    Ok(state.desk().await?.read(|c| async move { c.get_mailbox_admin_details(&user_id, &mailbox_id).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn update_mailbox_details(
    state: State<'_, AppState>,
    user_id: String,
    request: UpdateMailboxDetailsRequest,
) -> AppResult<ApiResponse<Option<Vec<MailboxUpdateResult>>>> {
    let subject = match &request.mailbox_data {
        OneOrMany::One(item) => item.mailbox_id.clone(),
        OneOrMany::Many(items) => format!("{} mailboxes", items.len()),
    };
    let m = Mutation::new(&ep::UPDATE_MAILBOX_DETAILS, subject).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.update_mailbox_details(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_mailbox(state: State<'_, AppState>, user_id: String, request: MailboxIdRequest) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::REMOVE_MAILBOX, &request.mailbox_id).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.remove_mailbox(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn validate_mailbox(state: State<'_, AppState>, user_id: String, request: MailboxIdRequest) -> AppResult<Accepted> {
    Ok(state.desk().await?.read(|c| async move { c.validate_mailbox(&user_id, &request).await }).await?)
}

/// Reads a mailbox CSV into rows for the order (`cmr_core::mailbox_csv`): bounded in bytes
/// and rows, each row with its line. A file that cannot be used is a validation error on the
/// field `csv`.
#[tauri::command]
#[specta::specta]
pub async fn read_mailbox_csv(text: String) -> AppResult<cmr_core::mailbox_csv::MailboxCsv> {
    cmr_core::mailbox_csv::read_mailbox_csv(&text)
}
