//! The documented operations, one module per API area; handlers carry the snake_case of
//! their operationId.

pub mod dns;
pub mod domains;
pub mod exports;
pub mod geo;
pub mod mailboxes;
pub mod misc;
pub mod orders;
pub mod prewarmup;
pub mod subscriptions;
pub mod users;
pub mod wallet;
pub mod warmup;

use axum::routing::{delete, get, patch, post};
use axum::Router;
use serde_json::Value;

use crate::envelope::ApiError;
use crate::server::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/users/list", get(users::list_users))
        .route(
            "/users",
            get(users::get_user).post(users::create_user).put(users::update_user).delete(users::delete_user),
        )
        .route("/geo/countries", get(geo::list_countries))
        .route("/geo/states", get(geo::list_states))
        .route("/domains/renewal-price", post(domains::get_domain_renewal_price))
        .route("/domains/renew", post(domains::renew_domains))
        .route("/domains/toggle-auto-renew", patch(domains::toggle_domain_auto_renew))
        .route("/domains/by-user", get(domains::get_domains_for_user))
        .route("/domains/suggest", post(domains::suggest_available_domains))
        .route("/domains/available", post(domains::get_single_available_domain))
        .route("/domains/has-workspace", post(domains::check_workspace_exists))
        .route("/domains/forwarding", post(domains::add_domain_forwarding))
        .route("/domains/email-forwarding", post(domains::add_email_forwarding))
        .route("/domains/add-client-id", post(domains::add_google_client_id_to_domain))
        .route("/domains", delete(domains::remove_domains))
        .route(
            "/dns",
            get(dns::get_dns_records).post(dns::add_dns_records).put(dns::update_dns_record).delete(dns::delete_dns_records),
        )
        .route("/orders", get(orders::get_order_details).post(orders::create_order))
        .route("/orders/status", get(orders::get_order_status))
        .route("/orders/json", post(orders::create_order_json))
        .route("/orders/create-mailbox-order/json", post(orders::order_mailboxes_json))
        .route("/orders/process", post(orders::process_order))
        .route("/orders/create-mailbox-order", post(orders::add_mailboxes_to_subscription))
        .route("/mailboxes", get(mailboxes::list_all_mailboxes))
        .route("/mailboxes/single", get(mailboxes::get_mailboxes_for_user))
        .route("/mailboxes/mailbox", get(mailboxes::get_mailbox_by_id))
        .route("/mailboxes/admin-mailbox-details", get(mailboxes::get_mailbox_admin_details))
        .route("/mailboxes/update-mailbox-details", patch(mailboxes::update_mailbox_details))
        .route("/mailboxes/remove", delete(mailboxes::remove_mailbox))
        .route("/mailboxes/oauth", post(exports::re_export_mailbox_o_auth))
        .route("/mailboxes/validate-mailbox", post(mailboxes::validate_mailbox))
        .route("/mailboxes/warmup", post(warmup::add_warmup).delete(warmup::remove_warmup))
        .route("/mailboxes/warmup/toggle", post(warmup::toggle_warmup))
        .route("/mailboxes/warmup/status", patch(warmup::set_warmup_status))
        .route("/mailboxes/warmup/settings", patch(warmup::update_warmup_settings))
        .route("/placement", post(warmup::create_placement_test))
        .route("/placement/reports", get(warmup::get_placement_reports))
        .route("/subscriptions", get(subscriptions::list_subscriptions))
        .route("/subscriptions/renew-subscriptions", post(subscriptions::renew_subscriptions))
        .route("/subscriptions/toggle-autorenewal", post(subscriptions::toggle_subscription_auto_renew))
        .route("/subscriptions/cancel", post(subscriptions::cancel_subscription))
        .route("/component/subscriptions/recreate", post(subscriptions::recreate_subscriptions))
        .route(
            "/exports/platform-credential",
            post(exports::add_platform_credential)
                .put(exports::update_platform_credential)
                .delete(exports::remove_platform_credential),
        )
        .route("/exports/platform-credentials", get(exports::get_connected_platforms))
        .route("/exports/platform-exports", post(exports::export_mailboxes_to_platform))
        .route("/exports/platform-workspaces", get(exports::get_platform_workspaces))
        .route("/pre-warmup", get(prewarmup::list_prewarmup_inventory))
        .route("/pre-warmup/order", post(prewarmup::order_prewarmup))
        .route("/sandbox/pre-warmup", get(prewarmup::sandbox_list_prewarmup))
        .route("/sandbox/pre-warmup/order", post(prewarmup::sandbox_order_prewarmup))
        .route("/sandbox/pre-warmup/reset", post(prewarmup::sandbox_reset_prewarmup))
        .route("/wallet", get(wallet::get_wallet_details))
        .route("/send-error", post(misc::send_error))
}

// ---- small readers for loosely typed JSON bodies ----

pub fn str_field<'a>(body: &'a Value, key: &str) -> Option<&'a str> {
    body.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}

pub fn req_str<'a>(body: &'a Value, key: &str) -> Result<&'a str, ApiError> {
    match body.get(key) {
        None | Some(Value::Null) => Err(ApiError::bad_request(format!("{key} is required"))),
        Some(Value::String(s)) if s.trim().is_empty() => Err(ApiError::bad_request(format!("{key} must not be empty"))),
        Some(Value::String(s)) => Ok(s.trim()),
        Some(_) => Err(ApiError::bad_request(format!("{key} must be a string"))),
    }
}

pub fn opt_bool(body: &Value, key: &str) -> Result<Option<bool>, ApiError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(ApiError::bad_request(format!("{key} must be a boolean"))),
    }
}

/// A string array; `required` decides between "missing" errors and an empty list.
pub fn str_list(body: &Value, key: &str, required: bool) -> Result<Vec<String>, ApiError> {
    match body.get(key) {
        None | Some(Value::Null) if required => Err(ApiError::bad_request(format!("{key} is required"))),
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => {
            let list: Option<Vec<String>> =
                items.iter().map(|v| v.as_str().map(|s| s.trim().to_string())).collect();
            let list = list.ok_or_else(|| ApiError::bad_request(format!("{key} must be an array of strings")))?;
            if required && list.is_empty() {
                return Err(ApiError::bad_request(format!("{key} must not be empty")));
            }
            Ok(list)
        }
        Some(_) => Err(ApiError::bad_request(format!("{key} must be an array"))),
    }
}

pub fn require_object(body: &Value) -> Result<(), ApiError> {
    if body.is_object() {
        Ok(())
    } else {
        Err(ApiError::bad_request("Request body must be a JSON object"))
    }
}
