//! Mailbox subscriptions: list, renew (paid), auto-renew, cancel, recreate.

use cmr_client::endpoints as ep;
use cmr_client::subscriptions::{
    CancelSubscriptionRequest, RecreateSubscriptionsRequest, SubscriptionIdsRequest, SubscriptionQuery, SubscriptionsPage,
    ToggleSubscriptionAutoRenewRequest,
};
use cmr_client::{Accepted, ApiResponse};
use cmr_core::Mutation;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_subscriptions(state: State<'_, AppState>, query: SubscriptionQuery) -> AppResult<ApiResponse<SubscriptionsPage>> {
    Ok(state.desk().await?.read(|c| async move { c.list_subscriptions(&query).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn renew_subscriptions(state: State<'_, AppState>, request: SubscriptionIdsRequest) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::RENEW_SUBSCRIPTIONS, request.subscription_ids.join(", ")).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.renew_subscriptions(&request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn toggle_subscription_auto_renew(
    state: State<'_, AppState>,
    request: ToggleSubscriptionAutoRenewRequest,
) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::TOGGLE_SUBSCRIPTION_AUTO_RENEW, &request.subscription_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.toggle_subscription_auto_renew(&request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_subscription(state: State<'_, AppState>, request: CancelSubscriptionRequest) -> AppResult<Accepted> {
    let subject = match &request {
        CancelSubscriptionRequest::BySubscription { subscription_id } => subscription_id.clone(),
        CancelSubscriptionRequest::ByDomain { domain } => domain.clone(),
    };
    let m = Mutation::new(&ep::CANCEL_SUBSCRIPTION, subject).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.cancel_subscription(&request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn recreate_subscriptions(state: State<'_, AppState>, request: RecreateSubscriptionsRequest) -> AppResult<Accepted> {
    let subject = match &request {
        RecreateSubscriptionsRequest::BySubscriptions { subscription_ids } => subscription_ids.join(", "),
        RecreateSubscriptionsRequest::ByDomains { domain_names } => domain_names.join(", "),
    };
    let m = Mutation::new(&ep::RECREATE_SUBSCRIPTIONS, subject).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.recreate_subscriptions(&request).await }).await?)
}
