//! Exactly once: the one rule for every call that changes something at CMR.
//!
//! 1. **Which failures leave the outcome unknown** ([`may_have_applied`]): every failure
//!    after the request could have left the machine — no answer, a reset, a 5xx (often a
//!    gateway's HTML page), a 2xx whose body does not parse, a 2xx whose envelope carries an
//!    error status of 429 or 5xx. Only a refusal CMR is known to have made before acting (an
//!    HTTP 4xx with its envelope, a redirect that was not followed) or a failure to connect
//!    at all is a definite failure.
//! 2. **How the effect is read back** ([`read_back`]): a read of CMR's state that shows the
//!    effect, sometimes against a baseline read just before sending (a renewal moves an
//!    expiry date; a placement test adds a report), or "cannot be read back: a person
//!    decides". The plans themselves are built in [`crate::policy`].
//! 3. **Not applied only on positive evidence.** Reads that do not (yet) show the effect
//!    leave the action `outcome_unknown`; elapsed time alone never concludes "not applied".
//! 4. **An in-flight guard** ([`guard_key`]): a paid or creating call that overlaps an
//!    unsettled one (same operation, customer and any shared subject) is refused until a
//!    person has checked the earlier one and, with a typed confirmation, released it.

use cmr_client::{CmrClient, CmrError};
use serde_json::Value;

use crate::evidence::{Check, Evidence, Expect, ListKind};

/// True when the request may have reached CMR and been carried out although the call failed.
pub fn may_have_applied(err: &CmrError) -> bool {
    match err {
        CmrError::OutcomeUnknown { .. } => true,
        // Only a 2xx reaches the parser as "bad": the call was accepted, the answer lost.
        CmrError::BadResponse { .. } => true,
        CmrError::Api(api) => api.http_status >= 500 || (api.envelope_only() && (api.status == 429 || api.status >= 500)),
        CmrError::Connect { .. }
        | CmrError::Tls { .. }
        | CmrError::Timeout { .. }
        | CmrError::Network { .. }
        | CmrError::Redirected { .. }
        | CmrError::InvalidConfig(_)
        | CmrError::InvalidRequest { .. }
        | CmrError::MissingSandboxKey { .. } => false,
    }
}

/// How an operation's effect is read back after a lost answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadBack {
    /// A read after the call shows it.
    State(&'static str),
    /// A read before sending is compared with one after.
    AgainstBaseline(&'static str),
    /// CMR's state cannot show it: a person checks, then decides.
    Person(&'static str),
}

/// The read-back rule of every non-idempotent operation; `None` for reads.
pub fn read_back(operation: &str) -> Option<ReadBack> {
    use ReadBack::*;
    Some(match operation {
        "create_user" => State("a customer with the e-mail exists"),
        "update_user" => Person("customer details carry no version to compare"),
        "delete_user" => Person("deleting is refused while anything belongs to the customer; check the list"),
        "renew_domains" => AgainstBaseline("each domain's expiry date moved (or it shows RENEWING)"),
        "toggle_domain_auto_renew" | "toggle_subscription_auto_renew" => {
            State("sent with an explicit value, so sending again sets the same state")
        }
        "add_domain_forwarding" | "add_email_forwarding" => State("each domain shows the forwarding target"),
        "add_google_client_id_to_domain" => Person("the client id is not listed on domains"),
        "remove_domains" => State("the domains are gone from the customer's list"),
        "add_dns_records" | "update_dns_record" => State("the zone holds a record of that host, type and value"),
        "delete_dns_records" => State("the record ids are gone from the zone"),
        "create_order" | "create_order_json" | "order_prewarmup" | "sandbox_order_prewarmup" => {
            State("every ordered domain is listed for the customer (a confirmed order); an unconfirmed order is not listed anywhere, so a person decides")
        }
        "order_mailboxes_json" | "add_mailboxes_to_subscription" => {
            State("every ordered mailbox is listed for the customer (a confirmed order); unconfirmed: a person decides")
        }
        "process_order" => State("the order has left PENDING"),
        "update_mailbox_details" => State("each mailbox shows the new names"),
        "remove_mailbox" => State("the mailbox is gone from the customer's list"),
        "validate_mailbox" => Person("validation leaves no trace to read"),
        "re_export_mailbox_o_auth" | "export_mailboxes_to_platform" => Person("exports are reported by webhook only"),
        "add_warmup" => AgainstBaseline("the mailbox's warmup status changed from what it was"),
        "remove_warmup" => State("the mailbox's warmup status changed"),
        "toggle_warmup" => Person("a toggle has no target value; the result is shown when the answer arrives"),
        "set_warmup_status" | "update_warmup_settings" => State("sent with explicit values"),
        "create_placement_test" => AgainstBaseline("a placement report that was not there before"),
        "renew_subscriptions" => AgainstBaseline("each subscription's period end moved (or it shows RENEWING)"),
        "cancel_subscription" => State("the subscription shows CANCELLED"),
        "recreate_subscriptions" => AgainstBaseline("a subscription id that was not there before"),
        "add_platform_credential" => AgainstBaseline("a credential that was not there before"),
        "update_platform_credential" => State("sent with explicit values"),
        "remove_platform_credential" => Person("credentials are listed without their ids on some platforms"),
        "sandbox_reset_prewarmup" => State("resets the sandbox inventory; repeating it is harmless"),
        "send_error" => Person("an error report leaves no trace to read"),
        _ => return None,
    })
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    match v.get(key) {
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// The subjects a paid or creating request acts on, lower-cased and sorted, as the guard
/// compares them: two calls of one operation for one customer that share any of them are
/// the same purchase as far as the guard is concerned.
pub fn guard_subjects(operation: &str, subject: &str, request: &Value) -> Vec<String> {
    let ordered = || {
        let items = request.get("domains").or_else(|| request.get("order")).and_then(Value::as_array);
        let mut out: Vec<String> = items
            .map(|a| a.iter().filter_map(|d| d.get("domain").and_then(Value::as_str).map(str::to_owned)).collect())
            .unwrap_or_default();
        out.extend(request.get("domains").and_then(Value::as_array).into_iter().flatten().filter_map(|d| d.as_str().map(str::to_owned)));
        out
    };
    let mut keys = match operation {
        "create_order" | "create_order_json" | "order_prewarmup" | "sandbox_order_prewarmup" | "renew_domains" => ordered(),
        "order_mailboxes_json" => request.get("mailboxes").and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default(),
        "add_mailboxes_to_subscription" => strs(request, "subscriptionId"),
        "process_order" => strs(request, "orderId"),
        "renew_subscriptions" | "recreate_subscriptions" => {
            let mut k = strs(request, "subscriptionIds");
            k.extend(strs(request, "subscriptionId"));
            k.extend(strs(request, "domains"));
            k
        }
        "add_warmup" => strs(request, "mailboxId"),
        "create_placement_test" => strs(request, "mailboxIds"),
        "create_user" => strs(request, "email"),
        "add_platform_credential" => strs(request, "app"),
        _ => Vec::new(),
    };
    if keys.is_empty() {
        keys.push(subject.to_owned());
    }
    let mut keys: Vec<String> = keys.into_iter().map(|k| k.trim().to_ascii_lowercase()).filter(|k| !k.is_empty()).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The guard key as stored: `|a.com|b.com|`, so one subject is found with `LIKE '%|a.com|%'`.
pub fn guard_key(operation: &str, subject: &str, request: &Value) -> String {
    format!("|{}|", guard_subjects(operation, subject, request).join("|"))
}

/// Whether two stored guard keys share a subject.
pub fn keys_overlap(a: &str, b: &str) -> bool {
    let set = |k: &str| k.split('|').filter(|s| !s.is_empty()).map(str::to_owned).collect::<Vec<_>>();
    let b = set(b);
    set(a).iter().any(|x| b.contains(x))
}

/// For the operations read back against a baseline: reads it now, before sending, and
/// returns the plan that will tell afterwards whether the call took effect.
pub async fn baseline_plan(client: &CmrClient, operation: &str, user: Option<&str>, request: &Value) -> Result<Option<Evidence>, CmrError> {
    let field_of = |items: &[Value], key: &str, field: &str| -> Value {
        items
            .iter()
            .find(|i| crate::evidence::matches_key(i, key))
            .and_then(|i| i.get(field).cloned())
            .unwrap_or(Value::Null)
    };
    let differs = |items: &[Value], keys: Vec<String>, field: &str| -> Vec<Check> {
        keys.into_iter()
            .map(|k| {
                let from = field_of(items, &k, field);
                Check::new(k, Expect::Differs { field: field.into(), from, or_status: Some("RENEWING".into()) })
            })
            .collect()
    };
    let list = |kind: ListKind, user: Option<&str>, checks: Vec<Check>| {
        (!checks.is_empty()).then(|| Evidence::List { list: kind, user_id: user.map(str::to_owned), domain: None, checks })
    };
    Ok(match operation {
        "renew_domains" => {
            let items = crate::evidence::fetch_values(client, ListKind::Domains, user, None).await?;
            list(ListKind::Domains, user, differs(&items, strs(request, "domains"), "expireOn"))
        }
        "renew_subscriptions" => {
            let items = crate::evidence::fetch_values(client, ListKind::Subscriptions, None, None).await?;
            list(ListKind::Subscriptions, None, differs(&items, strs(request, "subscriptionIds"), "periodEnd"))
        }
        "add_warmup" => {
            // Read by id: warmup calls on a mailbox need not name its customer.
            let mut checks = Vec::new();
            for k in strs(request, "mailboxId") {
                let items = crate::evidence::fetch_mailbox(client, &k, user).await?;
                let from = field_of(&items, &k, "warmupStatus");
                checks.push(Check::new(k, Expect::Differs { field: "warmupStatus".into(), from, or_status: None }));
            }
            list(ListKind::Mailbox, user, checks)
        }
        "create_placement_test" | "recreate_subscriptions" | "add_platform_credential" => {
            let kind = match operation {
                "create_placement_test" => ListKind::Placement,
                "recreate_subscriptions" => ListKind::Subscriptions,
                _ => ListKind::Platforms,
            };
            let scope = if kind == ListKind::Subscriptions { None } else { user };
            let items = crate::evidence::fetch_values(client, kind, scope, None).await?;
            let known = items.iter().filter_map(crate::evidence::item_id).collect();
            list(kind, scope, vec![Check::new("", Expect::NewItem { known })])
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cmr_client::ENDPOINTS;
    use serde_json::json;

    #[test]
    fn every_write_has_a_read_back_rule() {
        for e in ENDPOINTS.iter().filter(|e| !e.idempotent) {
            let op = crate::policy::snake_case(e.operation_id);
            assert!(read_back(&op).is_some(), "{op} has no read-back rule");
        }
    }

    #[test]
    fn paid_calls_that_are_read_back_have_a_plan() {
        let order = json!({"domains": [{"domain": "a.com"}], "mailboxes": {"a.com": [{"username": "x"}]}, "confirm": true});
        for op in ["create_order_json", "create_order", "order_mailboxes_json", "order_prewarmup"] {
            assert!(crate::policy::reconcile_plan(op, Some("U"), &order).is_some(), "{op}");
        }
        assert!(crate::policy::reconcile_plan("process_order", Some("U"), &json!({"orderId": "O1"})).is_some());
        assert!(crate::policy::reconcile_plan("create_user", None, &json!({"email": "a@b.c"})).is_some());
    }

    #[test]
    fn guard_keys_overlap_on_any_shared_subject() {
        let a = guard_key("renew_domains", "", &json!({"domains": ["B.com", "a.com"]}));
        assert_eq!(a, "|a.com|b.com|");
        let b = guard_key("renew_domains", "", &json!({"domains": ["a.com"]}));
        let c = guard_key("renew_domains", "", &json!({"domains": ["c.com"]}));
        assert!(keys_overlap(&a, &b) && !keys_overlap(&b, &c));
        assert_eq!(guard_key("process_order", "O1", &json!({})), "|o1|");
    }
}
