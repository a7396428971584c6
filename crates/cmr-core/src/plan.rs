//! What "done" looks like for an action, as data that survives a restart, and how to find out
//! by reading CMR. Polling (is it finished?) and reconciliation (did a call whose answer was
//! lost take effect?) both evaluate a [`Plan`] against fresh reads.

use std::collections::HashMap;

use cmr_client::subscriptions::SubscriptionQuery;
use cmr_client::{CmrClient, CmrError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A read model to look into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ListKind {
    Domains,
    Mailboxes,
    Subscriptions,
    Users,
    /// The records of one zone (`Plan::List::domain`).
    Dns,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "expect", rename_all = "camelCase")]
pub enum Expect {
    Present,
    Absent,
    /// The item's `field` equals `value` (strings compared without case).
    Equals { field: String, value: Value },
    /// The item exists and its `field` is none of `values`.
    NotIn { field: String, values: Vec<String> },
    /// A DNS record of this host and type whose value matches (spaces ignored; a DMARC value
    /// CMR completed with default tags still matches what was sent).
    DnsRecord { host: String, record_type: String, value: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    /// The item's identifier: domain name, mailbox id or address, subscription id, user
    /// e-mail, DNS record id; unused for `DnsRecord`.
    pub key: String,
    #[serde(flatten)]
    pub expect: Expect,
}

impl Check {
    pub fn new(key: impl Into<String>, expect: Expect) -> Self {
        Check { key: key.into(), expect }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Plan {
    /// Poll `get_order_status` until the order settles.
    Order { user_id: String, order_id: String },
    /// The order has left PENDING (a `process_order` took effect).
    OrderStarted { user_id: String, order_id: String },
    /// Read a list and test every check.
    List {
        list: ListKind,
        #[serde(default)]
        user_id: Option<String>,
        #[serde(default)]
        domain: Option<String>,
        checks: Vec<Check>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Every check holds (or the order settled well).
    Met(String),
    /// The order failed.
    Failed(String),
    /// `met` of `total` checks hold.
    Pending { met: usize, total: usize, detail: String },
}

/// Lists read during one pass, so several actions on the same customer share one read.
#[derive(Default)]
pub struct Reads {
    lists: HashMap<(ListKind, Option<String>, Option<String>), Vec<Value>>,
}

const ID_KEYS: &[&str] = &["domainName", "domain", "domainId", "mailboxId", "id", "email", "subscriptionId", "userId", "recordId", "name"];

fn matches_key(item: &Value, key: &str) -> bool {
    let direct = ID_KEYS.iter().any(|k| item.get(*k).and_then(Value::as_str).is_some_and(|v| v.eq_ignore_ascii_case(key)));
    direct || mailbox_address(item).is_some_and(|a| a.eq_ignore_ascii_case(key))
}

fn mailbox_address(item: &Value) -> Option<String> {
    let user = item.get("username").and_then(Value::as_str)?;
    let domain = item.get("domain").and_then(Value::as_str)?;
    Some(format!("{user}@{domain}"))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase()
}

fn value_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.eq_ignore_ascii_case(y),
        _ => a == b,
    }
}

fn check_holds(items: &[Value], check: &Check) -> bool {
    let found = || items.iter().find(|i| matches_key(i, &check.key));
    match &check.expect {
        Expect::Present => found().is_some(),
        Expect::Absent => found().is_none(),
        Expect::Equals { field, value } => found().and_then(|i| i.get(field)).is_some_and(|v| value_eq(v, value)),
        Expect::NotIn { field, values } => found().is_some_and(|i| {
            let v = i.get(field).and_then(Value::as_str).unwrap_or("");
            !values.iter().any(|x| x.eq_ignore_ascii_case(v))
        }),
        Expect::DnsRecord { host, record_type, value } => items.iter().any(|r| {
            let h = r.get("host").and_then(Value::as_str).unwrap_or("");
            let t = r.get("recordType").and_then(Value::as_str).unwrap_or("");
            let v = r.get("value").and_then(Value::as_str).unwrap_or("");
            h.eq_ignore_ascii_case(host) && t.eq_ignore_ascii_case(record_type) && squash(v).starts_with(&squash(value))
        }),
    }
}

async fn fetch(client: &CmrClient, list: ListKind, user: Option<&str>, domain: Option<&str>, checks: &[Check]) -> Result<Vec<Value>, CmrError> {
    let to_values = |v: Result<Vec<Value>, serde_json::Error>| v.unwrap_or_default();
    let user_id = user.unwrap_or("");
    Ok(match list {
        ListKind::Domains => to_values(client.get_all_domains_for_user(user_id).await?.into_iter().map(serde_json::to_value).collect()),
        ListKind::Mailboxes => {
            to_values(client.get_all_mailboxes_for_user(user_id).await?.into_iter().map(serde_json::to_value).collect())
        }
        ListKind::Subscriptions => {
            let filter = SubscriptionQuery { user_id: user.map(str::to_owned), ..Default::default() };
            to_values(client.list_all_subscriptions(&filter).await?.into_iter().map(serde_json::to_value).collect())
        }
        ListKind::Users => {
            // One search per e-mail keeps this cheap on a large account.
            let mut out = Vec::new();
            for c in checks {
                let found = client.list_all_users(Some(&c.key)).await?;
                out.extend(found.into_iter().filter_map(|u| serde_json::to_value(u).ok()));
            }
            out
        }
        ListKind::Dns => {
            let records = client.get_dns_records(user_id, domain.unwrap_or("")).await?.data.records;
            to_values(records.into_iter().map(serde_json::to_value).collect())
        }
    })
}

/// Terminal order states: good ones first.
const ORDER_DONE: &[&str] = &["PAID", "COMPLETED", "PARTIAL_REFUND"];
const ORDER_FAILED: &[&str] = &["FAILED", "REFUND", "CANCELLED"];

/// Reads what the plan needs (reusing `reads`) and judges it.
pub async fn evaluate(client: &CmrClient, plan: &Plan, reads: &mut Reads) -> Result<Verdict, CmrError> {
    match plan {
        Plan::Order { user_id, order_id } | Plan::OrderStarted { user_id, order_id } => {
            let info = client.get_order_status(user_id, order_id).await?.data;
            let status = info.status.map(|s| s.as_str().to_owned()).unwrap_or_default();
            let detail = format!("order {order_id}: {}", if status.is_empty() { "no status" } else { &status });
            if matches!(plan, Plan::OrderStarted { .. }) {
                return Ok(if status.eq_ignore_ascii_case("PENDING") || status.is_empty() {
                    Verdict::Pending { met: 0, total: 1, detail }
                } else {
                    Verdict::Met(detail)
                });
            }
            Ok(if ORDER_DONE.iter().any(|s| s.eq_ignore_ascii_case(&status)) {
                Verdict::Met(detail)
            } else if ORDER_FAILED.iter().any(|s| s.eq_ignore_ascii_case(&status)) {
                Verdict::Failed(detail)
            } else {
                Verdict::Pending { met: 0, total: 1, detail }
            })
        }
        Plan::List { list, user_id, domain, checks } => {
            let key = (*list, user_id.clone(), domain.clone());
            if !reads.lists.contains_key(&key) || *list == ListKind::Users {
                let items = fetch(client, *list, user_id.as_deref(), domain.as_deref(), checks).await?;
                reads.lists.insert(key.clone(), items);
            }
            let items = &reads.lists[&key];
            let met = checks.iter().filter(|c| check_holds(items, c)).count();
            let total = checks.len();
            let what = match list {
                ListKind::Domains => "domains",
                ListKind::Mailboxes => "mailboxes",
                ListKind::Subscriptions => "subscriptions",
                ListKind::Users => "customers",
                ListKind::Dns => "DNS records",
            };
            let detail = format!("{met} of {total} {what} as expected");
            Ok(if met == total { Verdict::Met(detail) } else { Verdict::Pending { met, total, detail } })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn checks_read_items_by_any_identifier() {
        let items = vec![
            json!({"domainName": "a.com", "status": "ACTIVE", "forwardTo": "https://x.io"}),
            json!({"mailboxId": "M1", "username": "bob", "domain": "a.com", "firstName": "Bob"}),
        ];
        assert!(check_holds(&items, &Check::new("A.COM", Expect::Present)));
        assert!(check_holds(&items, &Check::new("bob@a.com", Expect::Present)));
        assert!(check_holds(&items, &Check::new("b.com", Expect::Absent)));
        assert!(check_holds(&items, &Check::new("a.com", Expect::Equals { field: "forwardTo".into(), value: json!("https://x.io") })));
        assert!(!check_holds(&items, &Check::new("a.com", Expect::NotIn { field: "status".into(), values: vec!["ACTIVE".into()] })));
    }

    #[test]
    fn dns_checks_tolerate_completed_dmarc() {
        let items = vec![json!({"host": "_dmarc", "recordType": "TXT", "value": "v=DMARC1; p=none; rua=mailto:x@a.com"})];
        let c = Check::new("", Expect::DnsRecord { host: "_dmarc".into(), record_type: "TXT".into(), value: "v=DMARC1;p=none".into() });
        assert!(check_holds(&items, &c));
    }

    #[test]
    fn plans_survive_json() {
        let p = Plan::List { list: ListKind::Mailboxes, user_id: Some("U".into()), domain: None,
            checks: vec![Check::new("M1", Expect::Absent)] };
        let back: Plan = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }
}
