//! How the core treats each operation: whether it changes anything, whether it is paid or
//! creating (so never sent twice), whether CMR finishes it later (so it is tracked), which
//! cached read models it makes stale, and how to tell from CMR's state that it happened.
//!
//! Operations are named by the client method (the snake_case of the `operationId`).

use cmr_client::{Endpoint, ENDPOINTS};
use serde_json::{json, Value};

use crate::cache::CacheKind;
use crate::evidence::{Check, Expect, ListKind, Evidence};

#[derive(Clone, Copy, Debug)]
pub struct Policy {
    pub operation: &'static str,
    pub endpoint: &'static Endpoint,
    /// Charges the wallet or creates resources: after a lost answer it is reconciled, never
    /// sent again automatically.
    pub paid_or_creating: bool,
    /// CMR only queues the work; the action is tracked until it is seen done.
    pub asynchronous: bool,
    /// Sending it twice leaves the same state as once (same values set again), so a bulk job
    /// may send it again after a crash.
    pub repeatable: bool,
    /// Cached read models this call makes stale.
    pub touches: &'static [CacheKind],
    /// A DNS write: the zone is read before and after for the audit log.
    pub dns: bool,
}

impl Policy {
    pub fn mutating(&self) -> bool {
        !self.endpoint.idempotent
    }
}

/// `getDnsRecords` → `get_dns_records`: the client method's and the command's name. Every
/// capital starts a word, so `reExportMailboxOAuth` → `re_export_mailbox_o_auth`, whose
/// camelCase binding is the operationId again.
pub fn snake_case(operation_id: &str) -> String {
    let mut out = String::new();
    for (i, c) in operation_id.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The endpoint of a snake_case operation name.
pub fn endpoint(operation: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| snake_case(e.operation_id) == operation)
}

use CacheKind::{Customers as C, Domains as D, Mailboxes as M, Subscriptions as S};

/// (paid_or_creating, asynchronous, repeatable, touches, dns)
type Row = (bool, bool, bool, &'static [CacheKind], bool);

/// A read: changes nothing, so it may be repeated and touches no cache.
const READ: Row = (false, false, true, &[], false);

/// The policy of an operation, `None` for a name the client does not know.
pub fn policy(operation: &str) -> Option<Policy> {
    let endpoint = endpoint(operation)?;
    let (paid, asynchronous, repeatable, touches, dns) = write_row(operation).unwrap_or(READ);
    Some(Policy { operation: leak_name(operation), endpoint, paid_or_creating: paid, asynchronous, repeatable, touches, dns })
}

/// Every write has its own row; there is deliberately no default, so a write added to the
/// client without one is caught by a test instead of being treated as a repeatable read.
fn write_row(operation: &str) -> Option<Row> {
    Some(match operation {
        "create_user" => (true, false, false, &[C], false),
        "update_user" => (false, false, true, &[C], false),
        "delete_user" => (false, false, false, &[C], false),
        "renew_domains" => (true, true, false, &[D], false),
        "toggle_domain_auto_renew" => (false, false, true, &[D], false),
        "add_domain_forwarding" | "add_email_forwarding" => (false, true, true, &[D], false),
        "add_google_client_id_to_domain" => (false, true, true, &[D], false),
        "remove_domains" => (false, true, false, &[D, S], false),
        "add_dns_records" => (false, true, false, &[], true),
        "update_dns_record" => (false, true, true, &[], true),
        "delete_dns_records" => (false, true, false, &[], true),
        "create_order" | "create_order_json" => (true, true, false, &[D, M, S], false),
        "order_mailboxes_json" | "add_mailboxes_to_subscription" => (true, true, false, &[M, S], false),
        "process_order" => (true, true, false, &[D, M, S], false),
        "update_mailbox_details" => (false, true, true, &[M], false),
        "remove_mailbox" => (false, true, false, &[M, S], false),
        "re_export_mailbox_o_auth" | "export_mailboxes_to_platform" => (false, true, false, &[], false),
        "add_warmup" => (true, true, false, &[M], false),
        "remove_warmup" => (false, true, false, &[M], false),
        "toggle_warmup" => (false, false, false, &[M], false),
        "set_warmup_status" | "update_warmup_settings" => (false, false, true, &[M], false),
        "create_placement_test" => (true, true, false, &[], false),
        "renew_subscriptions" => (true, true, false, &[S, M], false),
        "toggle_subscription_auto_renew" => (false, false, true, &[S], false),
        "cancel_subscription" => (false, true, false, &[S, M, D], false),
        "recreate_subscriptions" => (true, true, false, &[S, M], false),
        "add_platform_credential" => (true, false, false, &[], false),
        "update_platform_credential" => (false, false, true, &[], false),
        "remove_platform_credential" => (false, false, false, &[], false),
        "order_prewarmup" | "sandbox_order_prewarmup" => (true, true, false, &[D, M, S], false),
        "sandbox_reset_prewarmup" => (false, false, true, &[C, D, M, S], false),
        "send_error" => (false, false, false, &[], false),
        _ => return None,
    })
}

/// The static name of a known operation (the table's own strings live as long as the program).
fn leak_name(operation: &str) -> &'static str {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| ENDPOINTS.iter().map(|e| snake_case(e.operation_id)).collect());
    names.iter().find(|n| *n == operation).map(String::as_str).unwrap_or("")
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    match v.get(key) {
        Some(Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn str_at(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn list(list: ListKind, user: Option<&str>, checks: Vec<Check>) -> Option<Evidence> {
    (!checks.is_empty()).then(|| Evidence::List { list, user_id: user.map(str::to_owned), domain: None, checks })
}

/// Names of the domains a new-domain or pre-warmup order asks for.
fn ordered_domains(request: &Value) -> Vec<String> {
    let items = request.get("domains").or_else(|| request.get("order")).and_then(Value::as_array);
    items.map(|a| a.iter().filter_map(|d| str_at(d, "domain")).collect()).unwrap_or_default()
}

/// `username@domain` of every mailbox in an order's `mailboxes` map.
fn ordered_mailboxes(request: &Value) -> Vec<String> {
    let Some(map) = request.get("mailboxes").and_then(Value::as_object) else { return Vec::new() };
    map.iter()
        .flat_map(|(domain, list)| {
            list.as_array().into_iter().flatten().filter_map(move |m| str_at(m, "username").map(|u| format!("{u}@{domain}")))
        })
        .collect()
}

fn dns_record_checks(request: &Value) -> Vec<Check> {
    let domain = str_at(request, "domain");
    let one = |r: &Value| {
        let expect = Expect::DnsRecord {
            host: str_at(r, "host")?,
            record_type: str_at(r, "recordType")?,
            value: str_at(r, "value")?,
            domain: domain.clone(),
            record: serde_json::from_value(r.clone()).ok(),
        };
        Some(Check::new("", expect))
    };
    match request.get("records").and_then(Value::as_array) {
        Some(records) => records.iter().filter_map(one).collect(),
        None => one(request).into_iter().collect(),
    }
}

fn dns_plan(user: Option<&str>, request: &Value, checks: Vec<Check>) -> Option<Evidence> {
    (!checks.is_empty()).then(|| Evidence::List {
        list: ListKind::Dns,
        user_id: user.map(str::to_owned),
        domain: str_at(request, "domain"),
        checks,
    })
}

/// How to tell that a call whose answer was lost took effect; `None` when CMR's state cannot
/// tell (then the action stays "outcome unknown" for a person to check).
pub fn reconcile_plan(operation: &str, user: Option<&str>, request: &Value) -> Option<Evidence> {
    let present = |keys: Vec<String>| keys.into_iter().map(|k| Check::new(k, Expect::Present)).collect::<Vec<_>>();
    let absent = |keys: Vec<String>| keys.into_iter().map(|k| Check::new(k, Expect::Absent)).collect::<Vec<_>>();
    // An unconfirmed order creates nothing visible until process_order, and there is no
    // order list to look in: only a person can tell.
    let confirmed = request.get("confirm") == Some(&Value::Bool(true));
    match operation {
        "create_order" | "create_order_json" if !confirmed => None,
        "order_mailboxes_json" | "add_mailboxes_to_subscription" if !confirmed => None,
        "create_order" | "create_order_json" | "order_prewarmup" | "sandbox_order_prewarmup" => {
            list(ListKind::Domains, user, present(ordered_domains(request)))
        }
        "order_mailboxes_json" | "add_mailboxes_to_subscription" => {
            list(ListKind::Mailboxes, user, present(ordered_mailboxes(request)))
        }
        "create_user" => list(ListKind::Users, None, present(str_at(request, "email").into_iter().collect())),
        "process_order" => Some(Evidence::OrderStarted { user_id: user?.to_owned(), order_id: str_at(request, "orderId")? }),
        "add_dns_records" | "update_dns_record" => dns_plan(user, request, dns_record_checks(request)),
        "delete_dns_records" => {
            let mut ids = strs(request, "recordIds");
            ids.extend(str_at(request, "recordId"));
            dns_plan(user, request, absent(ids))
        }
        "remove_mailbox" => list(ListKind::Mailboxes, user, absent(str_at(request, "mailboxId").into_iter().collect())),
        "remove_domains" => {
            let mut keys = strs(request, "domains");
            keys.extend(strs(request, "ids"));
            list(ListKind::Domains, user, absent(keys))
        }
        _ => None,
    }
}

/// How to tell that an accepted action is finished; `None` when nothing can be polled (the
/// live API would send a webhook).
pub fn poll_plan(operation: &str, user: Option<&str>, request: &Value, response_data: &Value) -> Option<Evidence> {
    let domains_of = |r: &Value| {
        let mut d = strs(r, "domains");
        d.extend(strs(r, "domainIds"));
        d
    };
    match operation {
        "create_order" | "create_order_json" | "order_mailboxes_json" | "add_mailboxes_to_subscription" => {
            // An unconfirmed order waits for process_order; nothing moves until then.
            if request.get("confirm") != Some(&Value::Bool(true)) {
                return None;
            }
            Some(Evidence::Order { user_id: user?.to_owned(), order_id: str_at(response_data, "orderId")? })
        }
        "process_order" => Some(Evidence::Order { user_id: user?.to_owned(), order_id: str_at(request, "orderId")? }),
        "renew_domains" => {
            let checks = strs(request, "domains")
                .into_iter()
                .map(|d| Check::new(d, Expect::NotIn { field: "status".into(), values: vec!["RENEWING".into()] }))
                .collect();
            list(ListKind::Domains, user, checks)
        }
        "add_domain_forwarding" => {
            let to = request.get("forwardTo")?.clone();
            let checks = domains_of(request)
                .into_iter()
                .map(|d| Check::new(d, Expect::Equals { field: "forwardTo".into(), value: to.clone() }))
                .collect();
            list(ListKind::Domains, user, checks)
        }
        "add_email_forwarding" => {
            let to = request.get("email")?.clone();
            let checks = domains_of(request)
                .into_iter()
                .map(|d| Check::new(d, Expect::Equals { field: "emailForwarding".into(), value: to.clone() }))
                .collect();
            list(ListKind::Domains, user, checks)
        }
        "remove_domains" | "remove_mailbox" => reconcile_plan(operation, user, request),
        "update_mailbox_details" => {
            let items = match request.get("mailboxData") {
                Some(Value::Array(a)) => a.clone(),
                Some(one @ Value::Object(_)) => vec![one.clone()],
                _ => Vec::new(),
            };
            let mut checks = Vec::new();
            for item in &items {
                let Some(id) = str_at(item, "mailboxId") else { continue };
                for (sent, listed) in [("userName", "username"), ("firstName", "firstName"), ("lastName", "lastName")] {
                    if let Some(v) = item.get(sent).filter(|v| v.is_string()) {
                        checks.push(Check::new(id.clone(), Expect::Equals { field: listed.into(), value: v.clone() }));
                    }
                }
            }
            list(ListKind::Mailboxes, user, checks)
        }
        "renew_subscriptions" => {
            let checks = strs(request, "subscriptionIds")
                .into_iter()
                .map(|s| Check::new(s, Expect::NotIn { field: "subscriptionStatus".into(), values: vec!["RENEWING".into(), "PAST_DUE".into()] }))
                .collect();
            list(ListKind::Subscriptions, None, checks)
        }
        "cancel_subscription" => {
            let key = str_at(request, "subscriptionId").or_else(|| str_at(request, "domain"))?;
            let check = Check::new(key, Expect::Equals { field: "subscriptionStatus".into(), value: json!("CANCELLED") });
            list(ListKind::Subscriptions, None, vec![check])
        }
        "order_prewarmup" | "sandbox_order_prewarmup" => {
            let checks = ordered_domains(request)
                .into_iter()
                .map(|d| Check::new(d, Expect::Equals { field: "status".into(), value: json!("ACTIVE") }))
                .collect();
            list(ListKind::Domains, user, checks)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_a_policy_and_a_method_name() {
        for e in ENDPOINTS {
            let name = snake_case(e.operation_id);
            let p = policy(&name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(p.operation, name);
            assert!(!name.contains("__") && !name.starts_with('_'));
        }
        assert_eq!(snake_case("reExportMailboxOAuth"), "re_export_mailbox_o_auth");
        assert_eq!(snake_case("getDnsRecords"), "get_dns_records");
    }

    #[test]
    fn writes_are_classified() {
        for e in ENDPOINTS {
            let name = snake_case(e.operation_id);
            // A write without its own row would be taken for a repeatable read (and could be
            // sent again after a crash); a read with a row would be audited as a change.
            assert_eq!(write_row(&name).is_some(), !e.idempotent, "{name}: every write has a row, no read has one");
            let p = policy(&name).unwrap();
            assert!(!(p.paid_or_creating && p.repeatable), "{}", p.operation);
        }
        assert!(policy("create_order_json").unwrap().paid_or_creating);
        assert!(policy("add_dns_records").unwrap().dns);
    }

    #[test]
    fn order_plans_come_from_request_and_reply() {
        let req = json!({"domains": [{"domain": "a.com", "years": 1}], "mailboxes": {"a.com": [{"username": "x"}]}, "confirm": true});
        let poll = poll_plan("create_order_json", Some("U"), &req, &json!({"orderId": "O1"})).unwrap();
        assert_eq!(poll, Evidence::Order { user_id: "U".into(), order_id: "O1".into() });
        let rec = reconcile_plan("create_order_json", Some("U"), &req).unwrap();
        assert!(matches!(rec, Evidence::List { list: ListKind::Domains, ref checks, .. } if checks[0].key == "a.com"));
        let rec = reconcile_plan("order_mailboxes_json", Some("U"), &req).unwrap();
        assert!(matches!(rec, Evidence::List { list: ListKind::Mailboxes, ref checks, .. } if checks[0].key == "x@a.com"));
        let unconfirmed = json!({"domains": [{"domain": "a.com", "years": 1}], "mailboxes": {}});
        assert_eq!(reconcile_plan("create_order_json", Some("U"), &unconfirmed), None);
    }
}
