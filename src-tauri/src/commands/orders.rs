//! Orders: new domains with mailboxes, more mailboxes on hosted domains, processing, status.
//! Paid: a lost answer is reconciled by the core, never sent again.

use cmr_client::endpoints as ep;
use cmr_client::orders::{
    AddMailboxesMultipart, CreateOrderMultipart, CreateOrderRequest, Order, OrderCreated, OrderMailboxesRequest,
};
use cmr_client::{Accepted, ApiResponse};
use cmr_core::rules::OrderStatusView;
use cmr_core::Mutation;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

/// The domains an order is about, for the audit log and the activity list.
fn subject<'a>(names: impl Iterator<Item = &'a String>) -> String {
    names.cloned().collect::<Vec<_>>().join(", ")
}

#[tauri::command]
#[specta::specta]
pub async fn get_order_details(state: State<'_, AppState>, user_id: String, order_id: String) -> AppResult<ApiResponse<Order>> {
    Ok(state.desk().await?.read(|c| async move { c.get_order_details(&user_id, &order_id).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn get_order_status(
    state: State<'_, AppState>,
    user_id: String,
    order_id: String,
) -> AppResult<ApiResponse<OrderStatusView>> {
    let reply = state.desk().await?.read(|c| async move { c.get_order_status(&user_id, &order_id).await }).await?;
    Ok(reply.map(OrderStatusView::from))
}

#[tauri::command]
#[specta::specta]
pub async fn create_order_json(
    state: State<'_, AppState>,
    user_id: String,
    request: CreateOrderRequest,
) -> AppResult<ApiResponse<Option<OrderCreated>>> {
    let m = Mutation::new(&ep::CREATE_ORDER_JSON, subject(request.domains.iter().map(|d| &d.domain)))
        .customer(&user_id)
        .request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.create_order_json(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn order_mailboxes_json(
    state: State<'_, AppState>,
    user_id: String,
    request: OrderMailboxesRequest,
) -> AppResult<ApiResponse<Option<OrderCreated>>> {
    let m = Mutation::new(&ep::ORDER_MAILBOXES_JSON, subject(request.mailboxes.keys())).customer(&user_id).request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.order_mailboxes_json(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn process_order(state: State<'_, AppState>, user_id: String, order_id: String) -> AppResult<Accepted> {
    let m = Mutation::new(&ep::PROCESS_ORDER, &order_id)
        .customer(&user_id)
        .request(&serde_json::json!({ "orderId": order_id }));
    Ok(state.desk().await?.mutate(m, |c| async move { c.process_order(&user_id, &order_id).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn create_order(
    state: State<'_, AppState>,
    user_id: String,
    request: CreateOrderMultipart,
) -> AppResult<ApiResponse<Option<OrderCreated>>> {
    let m = Mutation::new(&ep::CREATE_ORDER, subject(request.domains.iter().map(|d| &d.domain)))
        .customer(&user_id)
        .request(&request);
    Ok(state.desk().await?.mutate(m, |c| async move { c.create_order(&user_id, &request).await }).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn add_mailboxes_to_subscription(
    state: State<'_, AppState>,
    user_id: String,
    request: AddMailboxesMultipart,
) -> AppResult<ApiResponse<Option<OrderCreated>>> {
    let m = Mutation::new(&ep::ADD_MAILBOXES_TO_SUBSCRIPTION, &request.subscription_id).customer(&user_id).request(&request);
    let desk = state.desk().await?;
    Ok(desk.mutate(m, |c| async move { c.add_mailboxes_to_subscription(&user_id, &request).await }).await?)
}
