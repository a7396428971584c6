//! The contract checks: every operationId of the in-repo openapi.yaml has an endpoint-table
//! entry that agrees with it and a per-operation test; every documented example parses.

use std::collections::BTreeSet;

use cmr_client::endpoints::{endpoint, HttpMethod, UserIdIn, ENDPOINTS};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::common::{fixtures, openapi, operations, request_examples, response_examples, Ctx};
use crate::{all_cases, Case};

fn resolve(v: &Value) -> &Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let mut node = openapi();
            for part in r.trim_start_matches("#/").split('/') {
                node = &node[part];
            }
            node
        }
        None => v,
    }
}

/// Where openapi.yaml puts userId, and whether it is required.
fn documented_user_id(op: &Value) -> (UserIdIn, bool) {
    for p in op["parameters"].as_array().into_iter().flatten().map(resolve) {
        if p["name"] == "userId" && p["in"] == "query" {
            return (UserIdIn::Query, p["required"].as_bool().unwrap_or(false));
        }
    }
    for (_, media) in op["requestBody"]["content"].as_object().into_iter().flatten() {
        let schema = resolve(&media["schema"]);
        if schema["properties"].get("userId").is_some() {
            let required = schema["required"].as_array().is_some_and(|r| r.iter().any(|f| f == "userId"));
            return (UserIdIn::Body, required);
        }
    }
    (UserIdIn::None, false)
}

fn case_for(operation_id: &str) -> Option<&'static Case> {
    all_cases().into_iter().find(|c| c.operation_id == operation_id)
}

#[test]
fn every_operation_has_an_endpoint_entry_and_a_method_test() {
    let ops = operations();
    assert_eq!(ops.len(), 62, "openapi.yaml operation count");
    let mut problems = Vec::new();
    for o in &ops {
        let Some(e) = endpoint(&o.id) else {
            problems.push(format!("{}: no endpoint-table entry", o.id));
            continue;
        };
        if e.method.as_str() != o.method || e.path != o.path {
            problems.push(format!("{}: table says {} {}, contract {} {}", o.id, e.method.as_str(), e.path, o.method, o.path));
        }
        let guessed_path = o.op["x-path-unverified"].as_bool().unwrap_or(false);
        if e.path_verified == guessed_path {
            problems.push(format!("{}: path_verified disagrees with x-path-unverified", o.id));
        }
        let guessed_method = o.op["x-method-inferred"].as_bool().unwrap_or(false);
        if e.method_verified == guessed_method {
            problems.push(format!("{}: method_verified disagrees with x-method-inferred", o.id));
        }
        let (user_in, required) = documented_user_id(&o.op);
        if e.user_id != user_in || (user_in != UserIdIn::None && e.user_id_required != required) {
            problems.push(format!("{}: userId {:?}/{} in table, {:?}/{} in contract", o.id, e.user_id, e.user_id_required, user_in, required));
        }
        let sandbox = o.op["security"].as_array().is_some_and(|s| s.iter().any(|x| x.get("CmrSandboxApiKey").is_some()));
        if e.sandbox_key != sandbox {
            problems.push(format!("{}: sandbox_key disagrees with the operation's security", o.id));
        }
        if e.method == HttpMethod::Get && !e.idempotent {
            problems.push(format!("{}: a GET must be retryable", o.id));
        }
        if case_for(&o.id).is_none() {
            problems.push(format!("{}: no per-operation test case (client method)", o.id));
        }
    }
    let documented: BTreeSet<_> = ops.iter().map(|o| o.id.as_str()).collect();
    for e in ENDPOINTS {
        if !documented.contains(e.operation_id) {
            problems.push(format!("{}: in the table but not in openapi.yaml", e.operation_id));
        }
    }
    let cases = all_cases();
    let case_ids: BTreeSet<_> = cases.iter().map(|c| c.operation_id).collect();
    if case_ids.len() != cases.len() {
        problems.push("a case is listed twice".into());
    }
    for id in case_ids {
        if !documented.contains(id) {
            problems.push(format!("{id}: a case for an unknown operation"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Runs every case once more against a fresh server, so the coverage test also proves each
/// listed case really exercises its method.
#[tokio::test]
async fn every_listed_case_runs() {
    for case in all_cases() {
        (case.run)(Ctx::start().await, None).await;
    }
}

#[tokio::test]
async fn every_documented_reply_example_parses() {
    let mut ran = 0;
    for o in operations() {
        for (label, reply) in response_examples(&o.id) {
            let case = case_for(&o.id).unwrap_or_else(|| panic!("{label}: no case"));
            eprintln!("reply example: {label}");
            (case.run)(Ctx::start().await, Some(reply)).await;
            ran += 1;
        }
    }
    for (op, name, reply) in fixtures("responses") {
        let case = case_for(&op).unwrap_or_else(|| panic!("fixture {name}: no case for {op}"));
        eprintln!("reply fixture: {name}");
        (case.run)(Ctx::start().await, Some(reply)).await;
        ran += 1;
    }
    assert!(ran >= 50, "only {ran} reply examples ran");
}

fn rt<T: DeserializeOwned + Serialize>(v: Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(v).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

/// Reads a request example into the request type of its operation and writes it back.
fn round_trip(key: &str, v: Value) -> Option<Result<Value, String>> {
    use cmr_client::dns::*;
    use cmr_client::domains::*;
    use cmr_client::exports::*;
    use cmr_client::mailboxes::*;
    use cmr_client::misc::*;
    use cmr_client::orders::*;
    use cmr_client::prewarmup::*;
    use cmr_client::subscriptions::*;
    use cmr_client::users::*;
    use cmr_client::warmup::*;
    Some(match key {
        "createUser" => rt::<NewUser>(v),
        "updateUser" => rt::<UserUpdate>(v),
        "getDomainRenewalPrice" => rt::<DomainsRequest>(v),
        "renewDomains" => rt::<RenewDomainsRequest>(v),
        "toggleDomainAutoRenew" => rt::<ToggleDomainAutoRenewRequest>(v),
        "suggestAvailableDomains" => rt::<SuggestDomainsRequest>(v),
        "getSingleAvailableDomain" => rt::<SingleDomainRequest>(v),
        "checkWorkspaceExists" => rt::<WorkspaceCheckRequest>(v),
        "addDomainForwarding" => rt::<DomainForwardingRequest>(v),
        "addEmailForwarding" => rt::<EmailForwardingRequest>(v),
        "addGoogleClientIdToDomain" => rt::<AddGoogleClientIdRequest>(v),
        "removeDomains" => rt::<RemoveDomainsRequest>(v),
        "addDnsRecords" => rt::<AddDnsRecordsRequest>(v),
        "updateDnsRecord" => rt::<UpdateDnsRecordRequest>(v),
        "deleteDnsRecords" => rt::<DeleteDnsRecordsRequest>(v),
        "createOrderJson" => rt::<CreateOrderRequest>(v),
        "orderMailboxesJson" => rt::<OrderMailboxesRequest>(v),
        "createOrder.domains-part" => rt::<Vec<DomainOrderItem>>(v),
        "createOrder.mailboxes-part" => rt::<MailboxesByDomain>(v),
        "updateMailboxDetails" => rt::<UpdateMailboxDetailsRequest>(v),
        "removeMailbox" | "validateMailbox" => rt::<MailboxIdRequest>(v),
        "reExportMailboxOAuth" => rt::<ReExportMailboxRequest>(v),
        "setWarmupStatus" => rt::<WarmupStatusRequest>(v),
        "updateWarmupSettings" => rt::<WarmupSettings>(v),
        "createPlacementTest" => rt::<PlacementTestRequest>(v),
        "renewSubscriptions" => rt::<SubscriptionIdsRequest>(v),
        "toggleSubscriptionAutoRenew" => rt::<ToggleSubscriptionAutoRenewRequest>(v),
        "cancelSubscription" => rt::<CancelSubscriptionRequest>(v),
        "recreateSubscriptions" => rt::<RecreateSubscriptionsRequest>(v),
        "addPlatformCredential" => rt::<PlatformCredentialInput>(v),
        "updatePlatformCredential" => rt::<UpdatePlatformCredentialRequest>(v),
        "exportMailboxesToPlatform" => rt::<ExportMailboxesRequest>(v),
        "orderPrewarmup" => rt::<PrewarmupOrderRequest>(v),
        "sandboxOrderPrewarmup" => rt::<SandboxPrewarmupOrderRequest>(v),
        "sendError" => rt::<SendErrorRequest>(v),
        _ => return None,
    })
}

#[test]
fn every_documented_request_example_round_trips_through_its_type() {
    let mut checked = 0;
    let mut problems = Vec::new();
    let mut check = |key: &str, label: &str, example: Value| {
        match round_trip(key, example.clone()) {
            None => problems.push(format!("{label}: no request type mapped for {key}")),
            Some(Err(e)) => problems.push(format!("{label}: does not parse: {e}")),
            Some(Ok(back)) if back != example => problems.push(format!("{label}: written back as {back}")),
            Some(Ok(_)) => {}
        }
        checked += 1;
    };
    for o in operations() {
        for (label, example) in request_examples(&o.id) {
            check(&o.id, &label, example);
        }
    }
    for (op, name, example) in fixtures("requests") {
        let key = if name.contains("-part.") { name.trim_end_matches(".json").to_owned() } else { op };
        check(&key, &name, example);
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked >= 70, "only {checked} request examples checked");
}
