//! Domains: renewal, auto-renew, availability, workspace checks, forwarding, removal.

use cmr_client::domains::{
    AddGoogleClientIdRequest, DomainAutoRenew, DomainAvailability, DomainForwardingRequest, DomainListQuery,
    DomainRenewalPrice, DomainSuggestions, DomainsPage, DomainsRequest, EmailForwardingRequest, RemoveDomainsRequest,
    RenewDomainsRequest, SingleDomainRequest, SuggestDomainsRequest, ToggleDomainAutoRenewRequest, WorkspaceCheckRequest,
};
use cmr_client::endpoints as ep;
use cmr_client::{Accepted, ApiResponse};
use cmr_core::Mutation;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

/// "a.com", or "a.com +2" for several.
fn subject(domains: &[String]) -> String {
    match domains {
        [] => String::new(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} +{}", rest.len()),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn get_domain_renewal_price(
    state: State<'_, AppState>,
    user_id: String,
    request: DomainsRequest,
) -> AppResult<ApiResponse<Vec<DomainRenewalPrice>>> {
    Ok(state.desk().await?.read(|c| async move { c.get_domain_renewal_price(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn renew_domains(state: State<'_, AppState>, user_id: String, request: RenewDomainsRequest) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::RENEW_DOMAINS, subject(&request.domains)).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.renew_domains(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn toggle_domain_auto_renew(
    state: State<'_, AppState>,
    user_id: String,
    request: ToggleDomainAutoRenewRequest,
) -> AppResult<ApiResponse<Option<Vec<DomainAutoRenew>>>> {
    let m = Mutation::new(&ep::TOGGLE_DOMAIN_AUTO_RENEW, subject(&request.domains)).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.toggle_domain_auto_renew(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_domains_for_user(
    state: State<'_, AppState>,
    user_id: String,
    query: DomainListQuery,
) -> AppResult<ApiResponse<DomainsPage>> {
    Ok(state.desk().await?.read(|c| async move { c.get_domains_for_user(&user_id, &query).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn suggest_available_domains(
    state: State<'_, AppState>,
    user_id: Option<String>,
    request: SuggestDomainsRequest,
) -> AppResult<ApiResponse<DomainSuggestions>> {
    let desk = state.desk().await?;
    Ok(desk.read(|c| async move { c.suggest_available_domains(user_id.as_deref(), &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_single_available_domain(
    state: State<'_, AppState>,
    user_id: Option<String>,
    request: SingleDomainRequest,
) -> AppResult<ApiResponse<Option<DomainAvailability>>> {
    let desk = state.desk().await?;
    Ok(desk.read(|c| async move { c.get_single_available_domain(user_id.as_deref(), &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn check_workspace_exists(state: State<'_, AppState>, request: WorkspaceCheckRequest) -> AppResult<Accepted> {
    Ok(state.desk().await?.read(|c| async move { c.check_workspace_exists(&request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_domain_forwarding(
    state: State<'_, AppState>,
    user_id: String,
    request: DomainForwardingRequest,
) -> AppResult<Accepted> {
    let names = request.domains.clone().or_else(|| request.domain_ids.clone()).unwrap_or_default();
    let m = Mutation::new(&ep::ADD_DOMAIN_FORWARDING, subject(&names)).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.add_domain_forwarding(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_email_forwarding(
    state: State<'_, AppState>,
    user_id: String,
    request: EmailForwardingRequest,
) -> AppResult<Accepted> {
    let names = request.domains.clone().or_else(|| request.domain_ids.clone()).unwrap_or_default();
    let m = Mutation::new(&ep::ADD_EMAIL_FORWARDING, subject(&names)).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.add_email_forwarding(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_google_client_id_to_domain(
    state: State<'_, AppState>,
    user_id: String,
    request: AddGoogleClientIdRequest,
) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::ADD_GOOGLE_CLIENT_ID_TO_DOMAIN, subject(&request.domains)).customer(&user_id).request(&request);
    let desk = state.desk().await?;
    Ok(desk.mutate(m, |c| async move { c.add_google_client_id_to_domain(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_domains(state: State<'_, AppState>, user_id: String, request: RemoveDomainsRequest) -> AppResult<Accepted> {
    let names = request.domains.clone().or_else(|| request.ids.clone()).unwrap_or_default();
    let m = Mutation::new(&ep::REMOVE_DOMAINS, subject(&names)).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.remove_domains(&user_id, &request).await }).await?)
}
