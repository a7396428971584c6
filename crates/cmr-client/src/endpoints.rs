//! The endpoint table: the one place that says how each operation travels on the wire.
//!
//! Paths are relative to the base URL. Where the reference only guesses a path or method
//! (`x-path-unverified` / `x-method-inferred` in openapi.yaml), the guess lives here and only
//! here, so a correction from the live API is a one-line change.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// Where an operation carries the CMR `userId`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum UserIdIn {
    /// `?userId=` (most user-level calls).
    Query,
    /// A `userId` field in the JSON body (domain renewal pricing, auto-renew toggle, ...).
    Body,
    /// Partner-level, or addressed by another id (subscription renew/cancel, warmup).
    None,
}

/// The client module that implements an operation (one per API area).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Area {
    Users,
    Geo,
    Domains,
    Dns,
    Orders,
    Mailboxes,
    Warmup,
    Subscriptions,
    Exports,
    Prewarmup,
    Wallet,
    Misc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// openapi.yaml's `operationId`; the client method is its snake_case.
    pub operation_id: &'static str,
    pub area: Area,
    pub method: HttpMethod,
    pub path: &'static str,
    pub user_id: UserIdIn,
    /// False where the reference marks userId optional (a filter, or "send it if you have it").
    pub user_id_required: bool,
    /// Safe to repeat blindly: reads, including the read-only POSTs. Only these are retried
    /// after 5xx or timeouts; every write may have queued work or charged the wallet.
    pub idempotent: bool,
    /// False for the paths openapi.yaml marks `x-path-unverified`.
    pub path_verified: bool,
    /// False where only the path was seen and the method is a guess (`x-method-inferred`).
    pub method_verified: bool,
    /// The `/sandbox/...` operations send only the sandbox key, as `cmr-x-sandbox-api-key`.
    pub sandbox_key: bool,
}

const READ: u8 = 1;
const GUESSED_PATH: u8 = 2;
const GUESSED_METHOD: u8 = 4;
const SANDBOX: u8 = 8;
const OPTIONAL_USER: u8 = 16;

const fn ep(
    operation_id: &'static str,
    area: Area,
    method: HttpMethod,
    path: &'static str,
    user_id: UserIdIn,
    flags: u8,
) -> Endpoint {
    Endpoint {
        operation_id,
        area,
        method,
        path,
        user_id,
        user_id_required: !matches!(user_id, UserIdIn::None) && flags & OPTIONAL_USER == 0,
        idempotent: flags & READ != 0,
        path_verified: flags & GUESSED_PATH == 0,
        method_verified: flags & GUESSED_METHOD == 0,
        sandbox_key: flags & SANDBOX != 0,
    }
}

use Area as A;
use HttpMethod::{Delete, Get, Patch, Post, Put};
use UserIdIn::{Body, None as NoUser, Query};

pub const LIST_USERS: Endpoint = ep("listUsers", A::Users, Get, "/users/list", NoUser, READ);
pub const GET_USER: Endpoint = ep("getUser", A::Users, Get, "/users", Query, READ);
pub const CREATE_USER: Endpoint = ep("createUser", A::Users, Post, "/users", NoUser, 0);
pub const UPDATE_USER: Endpoint = ep("updateUser", A::Users, Put, "/users", Query, 0);
pub const DELETE_USER: Endpoint = ep("deleteUser", A::Users, Delete, "/users", Query, 0);

pub const LIST_COUNTRIES: Endpoint = ep("listCountries", A::Geo, Get, "/geo/countries", NoUser, READ);
pub const LIST_STATES: Endpoint = ep("listStates", A::Geo, Get, "/geo/states", NoUser, READ);

pub const GET_DOMAIN_RENEWAL_PRICE: Endpoint =
    ep("getDomainRenewalPrice", A::Domains, Post, "/domains/renewal-price", Body, READ);
pub const RENEW_DOMAINS: Endpoint = ep("renewDomains", A::Domains, Post, "/domains/renew", Body, 0);
pub const TOGGLE_DOMAIN_AUTO_RENEW: Endpoint =
    ep("toggleDomainAutoRenew", A::Domains, Patch, "/domains/toggle-auto-renew", Body, 0);
pub const GET_DOMAINS_FOR_USER: Endpoint = ep("getDomainsForUser", A::Domains, Get, "/domains/by-user", Query, READ);
pub const SUGGEST_AVAILABLE_DOMAINS: Endpoint = ep(
    "suggestAvailableDomains",
    A::Domains,
    Post,
    "/domains/suggest",
    Body,
    READ | GUESSED_PATH | OPTIONAL_USER,
);
pub const GET_SINGLE_AVAILABLE_DOMAIN: Endpoint = ep(
    "getSingleAvailableDomain",
    A::Domains,
    Post,
    "/domains/available",
    Body,
    READ | GUESSED_PATH | OPTIONAL_USER,
);
pub const CHECK_WORKSPACE_EXISTS: Endpoint =
    ep("checkWorkspaceExists", A::Domains, Post, "/domains/has-workspace", NoUser, READ);
pub const ADD_DOMAIN_FORWARDING: Endpoint =
    ep("addDomainForwarding", A::Domains, Post, "/domains/forwarding", Query, GUESSED_PATH);
pub const ADD_EMAIL_FORWARDING: Endpoint =
    ep("addEmailForwarding", A::Domains, Post, "/domains/email-forwarding", Query, GUESSED_PATH);
pub const ADD_GOOGLE_CLIENT_ID_TO_DOMAIN: Endpoint =
    ep("addGoogleClientIdToDomain", A::Domains, Post, "/domains/add-client-id", Body, 0);
pub const REMOVE_DOMAINS: Endpoint = ep("removeDomains", A::Domains, Delete, "/domains", Query, GUESSED_PATH);

pub const GET_DNS_RECORDS: Endpoint = ep("getDnsRecords", A::Dns, Get, "/dns", Query, READ);
pub const ADD_DNS_RECORDS: Endpoint = ep("addDnsRecords", A::Dns, Post, "/dns", Query, 0);
pub const UPDATE_DNS_RECORD: Endpoint = ep("updateDnsRecord", A::Dns, Put, "/dns", Query, 0);
pub const DELETE_DNS_RECORDS: Endpoint = ep("deleteDnsRecords", A::Dns, Delete, "/dns", Query, 0);

pub const GET_ORDER_DETAILS: Endpoint = ep("getOrderDetails", A::Orders, Get, "/orders", Query, READ | GUESSED_PATH);
pub const CREATE_ORDER: Endpoint = ep("createOrder", A::Orders, Post, "/orders", Query, GUESSED_PATH);
pub const GET_ORDER_STATUS: Endpoint = ep("getOrderStatus", A::Orders, Get, "/orders/status", Query, READ);
pub const CREATE_ORDER_JSON: Endpoint = ep("createOrderJson", A::Orders, Post, "/orders/json", Query, 0);
pub const ORDER_MAILBOXES_JSON: Endpoint =
    ep("orderMailboxesJson", A::Orders, Post, "/orders/create-mailbox-order/json", Query, 0);
pub const PROCESS_ORDER: Endpoint = ep("processOrder", A::Orders, Post, "/orders/process", Query, GUESSED_PATH);
pub const ADD_MAILBOXES_TO_SUBSCRIPTION: Endpoint = ep(
    "addMailboxesToSubscription",
    A::Orders,
    Post,
    "/orders/create-mailbox-order",
    Query,
    GUESSED_PATH,
);

pub const LIST_ALL_MAILBOXES: Endpoint = ep("listAllMailboxes", A::Mailboxes, Get, "/mailboxes", NoUser, READ);
pub const GET_MAILBOXES_FOR_USER: Endpoint =
    ep("getMailboxesForUser", A::Mailboxes, Get, "/mailboxes/single", Query, READ);
pub const GET_MAILBOX_BY_ID: Endpoint =
    ep("getMailboxById", A::Mailboxes, Get, "/mailboxes/mailbox", Query, READ | OPTIONAL_USER);
pub const GET_MAILBOX_ADMIN_DETAILS: Endpoint =
    ep("getMailboxAdminDetails", A::Mailboxes, Get, "/mailboxes/admin-mailbox-details", Query, READ);
pub const UPDATE_MAILBOX_DETAILS: Endpoint =
    ep("updateMailboxDetails", A::Mailboxes, Patch, "/mailboxes/update-mailbox-details", Query, 0);
pub const REMOVE_MAILBOX: Endpoint = ep("removeMailbox", A::Mailboxes, Delete, "/mailboxes/remove", Query, 0);
pub const VALIDATE_MAILBOX: Endpoint =
    ep("validateMailbox", A::Mailboxes, Post, "/mailboxes/validate-mailbox", Query, READ);

pub const ADD_WARMUP: Endpoint = ep("addWarmup", A::Warmup, Post, "/mailboxes/warmup", NoUser, 0);
pub const REMOVE_WARMUP: Endpoint = ep("removeWarmup", A::Warmup, Delete, "/mailboxes/warmup", NoUser, 0);
pub const TOGGLE_WARMUP: Endpoint = ep("toggleWarmup", A::Warmup, Post, "/mailboxes/warmup/toggle", NoUser, 0);
pub const SET_WARMUP_STATUS: Endpoint = ep("setWarmupStatus", A::Warmup, Patch, "/mailboxes/warmup/status", NoUser, 0);
pub const UPDATE_WARMUP_SETTINGS: Endpoint =
    ep("updateWarmupSettings", A::Warmup, Patch, "/mailboxes/warmup/settings", NoUser, 0);
pub const CREATE_PLACEMENT_TEST: Endpoint = ep("createPlacementTest", A::Warmup, Post, "/placement", Query, 0);
pub const GET_PLACEMENT_REPORTS: Endpoint =
    ep("getPlacementReports", A::Warmup, Get, "/placement/reports", Query, READ);

pub const LIST_SUBSCRIPTIONS: Endpoint =
    ep("listSubscriptions", A::Subscriptions, Get, "/subscriptions", Query, READ | OPTIONAL_USER);
pub const RENEW_SUBSCRIPTIONS: Endpoint =
    ep("renewSubscriptions", A::Subscriptions, Post, "/subscriptions/renew-subscriptions", NoUser, 0);
pub const TOGGLE_SUBSCRIPTION_AUTO_RENEW: Endpoint =
    ep("toggleSubscriptionAutoRenew", A::Subscriptions, Post, "/subscriptions/toggle-autorenewal", NoUser, 0);
pub const CANCEL_SUBSCRIPTION: Endpoint =
    ep("cancelSubscription", A::Subscriptions, Post, "/subscriptions/cancel", NoUser, 0);
/// The docs page gives this path; the help guide's Subscriptions page lists
/// `/subscriptions/recreate`. Change here if the live API answers 404.
pub const RECREATE_SUBSCRIPTIONS: Endpoint =
    ep("recreateSubscriptions", A::Subscriptions, Post, "/component/subscriptions/recreate", NoUser, 0);

pub const ADD_PLATFORM_CREDENTIAL: Endpoint =
    ep("addPlatformCredential", A::Exports, Post, "/exports/platform-credential", Query, 0);
pub const UPDATE_PLATFORM_CREDENTIAL: Endpoint =
    ep("updatePlatformCredential", A::Exports, Put, "/exports/platform-credential", Query, 0);
pub const REMOVE_PLATFORM_CREDENTIAL: Endpoint =
    ep("removePlatformCredential", A::Exports, Delete, "/exports/platform-credential", Query, 0);
pub const GET_CONNECTED_PLATFORMS: Endpoint =
    ep("getConnectedPlatforms", A::Exports, Get, "/exports/platform-credentials", Query, READ);
pub const EXPORT_MAILBOXES_TO_PLATFORM: Endpoint =
    ep("exportMailboxesToPlatform", A::Exports, Post, "/exports/platform-exports", Query, 0);
pub const GET_PLATFORM_WORKSPACES: Endpoint =
    ep("getPlatformWorkspaces", A::Exports, Get, "/exports/platform-workspaces", Query, READ);
pub const RE_EXPORT_MAILBOX_OAUTH: Endpoint =
    ep("reExportMailboxOAuth", A::Exports, Post, "/mailboxes/oauth", Query, 0);

pub const LIST_PREWARMUP_INVENTORY: Endpoint =
    ep("listPrewarmupInventory", A::Prewarmup, Get, "/pre-warmup", NoUser, READ);
pub const ORDER_PREWARMUP: Endpoint = ep("orderPrewarmup", A::Prewarmup, Post, "/pre-warmup/order", Query, 0);
pub const SANDBOX_LIST_PREWARMUP: Endpoint = ep(
    "sandboxListPrewarmup",
    A::Prewarmup,
    Get,
    "/sandbox/pre-warmup",
    NoUser,
    READ | GUESSED_METHOD | SANDBOX,
);
pub const SANDBOX_ORDER_PREWARMUP: Endpoint = ep(
    "sandboxOrderPrewarmup",
    A::Prewarmup,
    Post,
    "/sandbox/pre-warmup/order",
    Query,
    GUESSED_METHOD | SANDBOX,
);
/// POST is a guess (DELETE is the other candidate).
pub const SANDBOX_RESET_PREWARMUP: Endpoint = ep(
    "sandboxResetPrewarmup",
    A::Prewarmup,
    Post,
    "/sandbox/pre-warmup/reset",
    NoUser,
    GUESSED_METHOD | SANDBOX,
);

pub const GET_WALLET_DETAILS: Endpoint = ep("getWalletDetails", A::Wallet, Get, "/wallet", NoUser, READ | GUESSED_PATH);

pub const SEND_ERROR: Endpoint = ep("sendError", A::Misc, Post, "/send-error", NoUser, GUESSED_PATH);

/// Every operation of openapi.yaml, in its order.
pub static ENDPOINTS: &[Endpoint] = &[
    LIST_USERS,
    GET_USER,
    CREATE_USER,
    UPDATE_USER,
    DELETE_USER,
    LIST_COUNTRIES,
    LIST_STATES,
    GET_DOMAIN_RENEWAL_PRICE,
    RENEW_DOMAINS,
    TOGGLE_DOMAIN_AUTO_RENEW,
    GET_DOMAINS_FOR_USER,
    SUGGEST_AVAILABLE_DOMAINS,
    GET_SINGLE_AVAILABLE_DOMAIN,
    CHECK_WORKSPACE_EXISTS,
    ADD_DOMAIN_FORWARDING,
    ADD_EMAIL_FORWARDING,
    ADD_GOOGLE_CLIENT_ID_TO_DOMAIN,
    REMOVE_DOMAINS,
    GET_DNS_RECORDS,
    ADD_DNS_RECORDS,
    UPDATE_DNS_RECORD,
    DELETE_DNS_RECORDS,
    GET_ORDER_DETAILS,
    CREATE_ORDER,
    GET_ORDER_STATUS,
    CREATE_ORDER_JSON,
    ORDER_MAILBOXES_JSON,
    PROCESS_ORDER,
    ADD_MAILBOXES_TO_SUBSCRIPTION,
    LIST_ALL_MAILBOXES,
    GET_MAILBOXES_FOR_USER,
    GET_MAILBOX_BY_ID,
    GET_MAILBOX_ADMIN_DETAILS,
    UPDATE_MAILBOX_DETAILS,
    REMOVE_MAILBOX,
    RE_EXPORT_MAILBOX_OAUTH,
    VALIDATE_MAILBOX,
    ADD_WARMUP,
    REMOVE_WARMUP,
    TOGGLE_WARMUP,
    SET_WARMUP_STATUS,
    UPDATE_WARMUP_SETTINGS,
    CREATE_PLACEMENT_TEST,
    GET_PLACEMENT_REPORTS,
    LIST_SUBSCRIPTIONS,
    RENEW_SUBSCRIPTIONS,
    TOGGLE_SUBSCRIPTION_AUTO_RENEW,
    CANCEL_SUBSCRIPTION,
    RECREATE_SUBSCRIPTIONS,
    ADD_PLATFORM_CREDENTIAL,
    UPDATE_PLATFORM_CREDENTIAL,
    REMOVE_PLATFORM_CREDENTIAL,
    GET_CONNECTED_PLATFORMS,
    EXPORT_MAILBOXES_TO_PLATFORM,
    GET_PLATFORM_WORKSPACES,
    LIST_PREWARMUP_INVENTORY,
    ORDER_PREWARMUP,
    SANDBOX_LIST_PREWARMUP,
    SANDBOX_ORDER_PREWARMUP,
    SANDBOX_RESET_PREWARMUP,
    GET_WALLET_DETAILS,
    SEND_ERROR,
];

/// Looks an operation up by its `operationId`.
pub fn endpoint(operation_id: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.operation_id == operation_id)
}

/// Looks an operation up by method and path, e.g. for a server routing on the same table.
pub fn endpoint_for(method: HttpMethod, path: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.method == method && e.path == path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_is_unique_and_complete() {
        assert_eq!(ENDPOINTS.len(), 62);
        let ids: HashSet<_> = ENDPOINTS.iter().map(|e| e.operation_id).collect();
        assert_eq!(ids.len(), 62);
        let routes: HashSet<_> = ENDPOINTS.iter().map(|e| (e.method, e.path)).collect();
        assert_eq!(routes.len(), 62);
    }

    #[test]
    fn reads_are_the_only_retried_calls() {
        for e in ENDPOINTS {
            if e.method == HttpMethod::Get {
                assert!(e.idempotent, "{}", e.operation_id);
            }
        }
        assert!(!endpoint("createOrderJson").unwrap().idempotent);
        assert!(endpoint("checkWorkspaceExists").unwrap().idempotent);
    }
}
