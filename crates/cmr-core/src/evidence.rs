//! What "done" looks like for an action, as data that survives a restart, and how to find out
//! by reading CMR. Polling (is it finished?) and reconciliation (did a call whose answer was
//! lost take effect?) both evaluate a [`Evidence`] against fresh reads.

use std::collections::HashMap;

use cmr_client::dns::{DnsRecord, DnsRecordInput};
use cmr_client::orders::OrderStatusInfo;
use cmr_client::subscriptions::SubscriptionQuery;
use cmr_client::{CmrClient, CmrError, OrderStatus};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::rules::{order_phase, OrderPhase};

/// A read model to look into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ListKind {
    Domains,
    Mailboxes,
    Subscriptions,
    Users,
    /// The records of one zone (`Evidence::List::domain`).
    Dns,
    /// The customer's inbox-placement reports.
    Placement,
    /// The customer's stored platform credentials.
    Platforms,
    /// One mailbox, read by its id (the check's key): calls on a mailbox name no customer.
    Mailbox,
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
    /// A DNS record as sent: with `domain` and `record`, the zone holds a record
    /// `cmr_dns::same_record` calls the same (the rule the DNS editor verifies by, DMARC
    /// completion included). Actions stored before those were kept compare host, type and
    /// value (spaces ignored; a completed DMARC value still matches what was sent).
    DnsRecord {
        host: String,
        record_type: String,
        value: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        domain: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        record: Option<DnsRecordInput>,
    },
    /// The item's `field` is no longer `from` (read just before sending), or the item's
    /// status is `or_status` (a renewal under way).
    Differs {
        field: String,
        from: Value,
        #[serde(default)]
        or_status: Option<String>,
    },
    /// The list holds an item whose id is none of `known` (read just before sending).
    NewItem { known: Vec<String> },
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
pub enum Evidence {
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
    /// Order statuses read (customer, order, status), for the tracker to report.
    pub(crate) orders: Vec<(String, String, OrderStatusInfo)>,
}

const ID_KEYS: &[&str] = &["domainName", "domain", "domainId", "mailboxId", "id", "email", "subscriptionId", "userId", "recordId", "name"];

/// The item's own id (for [`Expect::NewItem`]).
pub fn item_id(item: &Value) -> Option<String> {
    ["orderId", "credentialId", "subscriptionId", "mailboxId", "domainId", "id", "recordId", "userId"]
        .iter()
        .find_map(|k| item.get(*k).and_then(Value::as_str))
        .map(str::to_owned)
}

pub(crate) fn matches_key(item: &Value, key: &str) -> bool {
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
        Expect::Differs { field, from, or_status } => found().is_some_and(|i| {
            let status = ["status", "subscriptionStatus"].iter().find_map(|k| i.get(*k).and_then(Value::as_str));
            let renewing = or_status.as_deref().is_some_and(|s| status.is_some_and(|st| st.eq_ignore_ascii_case(s)));
            renewing || !value_eq(i.get(field).unwrap_or(&Value::Null), from)
        }),
        Expect::NewItem { known } => items.iter().filter_map(item_id).any(|id| !known.contains(&id)),
        Expect::DnsRecord { domain: Some(domain), record: Some(sent), .. } => items.iter().any(|r| {
            serde_json::from_value::<DnsRecord>(r.clone()).is_ok_and(|read| cmr_dns::same_record(domain, &read, sent))
        }),
        Expect::DnsRecord { host, record_type, value, .. } => items.iter().any(|r| {
            let h = r.get("host").and_then(Value::as_str).unwrap_or("");
            let t = r.get("recordType").and_then(Value::as_str).unwrap_or("");
            let v = r.get("value").and_then(Value::as_str).unwrap_or("");
            h.eq_ignore_ascii_case(host) && t.eq_ignore_ascii_case(record_type) && squash(v).starts_with(&squash(value))
        }),
    }
}

/// Reads one list as JSON values, the way the checks look at it.
pub async fn fetch_values(client: &CmrClient, list: ListKind, user: Option<&str>, domain: Option<&str>) -> Result<Vec<Value>, CmrError> {
    fetch(client, list, user, domain, &[]).await
}

/// One mailbox by id, as the checks look at it.
pub async fn fetch_mailbox(client: &CmrClient, id: &str, user: Option<&str>) -> Result<Vec<Value>, CmrError> {
    fetch(client, ListKind::Mailbox, user, None, &[Check::new(id, Expect::Present)]).await
}

async fn fetch(client: &CmrClient, list: ListKind, user: Option<&str>, domain: Option<&str>, checks: &[Check]) -> Result<Vec<Value>, CmrError> {
    let to_values = |v: Result<Vec<Value>, serde_json::Error>| v.unwrap_or_default();
    let user_id = user.unwrap_or("");
    Ok(match list {
        ListKind::Domains => to_values(client.get_all_domains_for_user(user_id).await?.into_iter().map(serde_json::to_value).collect()),
        ListKind::Mailboxes => {
            let all = match user {
                Some(u) => client.get_all_mailboxes_for_user(u).await?,
                // Writes that name only a mailbox (warmup) carry no customer: read the partner's
                // whole list, since the per-user list refuses a missing userId.
                None => {
                    cmr_client::pagination::collect_all(100, |page| {
                        let query = cmr_client::PageQuery::page(page, 100);
                        async move { client.list_all_mailboxes(&query).await }
                    })
                    .await?
                }
            };
            to_values(all.into_iter().map(serde_json::to_value).collect())
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
        ListKind::Placement => {
            let query = cmr_client::warmup::PlacementReportsQuery { limit: Some(100), ..Default::default() };
            let reports = client.get_placement_reports(user_id, &query).await?.data.reports;
            to_values(reports.into_iter().map(serde_json::to_value).collect())
        }
        ListKind::Mailbox => {
            let mut out = Vec::new();
            for c in checks {
                let found = client.get_mailbox_by_id(&c.key, user).await?.data.mailbox;
                out.extend(serde_json::to_value(found).ok());
            }
            out
        }
        ListKind::Platforms => {
            let platforms = client.get_connected_platforms(user_id).await?.data;
            let credentials = platforms.into_values().flat_map(|p| p.credentials);
            to_values(credentials.map(serde_json::to_value).collect())
        }
    })
}

/// Reads what the plan needs (reusing `reads`) and judges it.
pub async fn evaluate(client: &CmrClient, plan: &Evidence, reads: &mut Reads) -> Result<Verdict, CmrError> {
    match plan {
        Evidence::Order { user_id, order_id } | Evidence::OrderStarted { user_id, order_id } => {
            let info = client.get_order_status(user_id, order_id).await?.data;
            reads.orders.push((user_id.clone(), order_id.clone(), info.clone()));
            let detail = format!("order {order_id}: {}", info.status.as_ref().map_or("no status", |s| s.as_str()));
            let Some(status) = info.status else {
                return Ok(Verdict::Pending { met: 0, total: 1, detail });
            };
            if matches!(plan, Evidence::OrderStarted { .. }) {
                return Ok(if status == OrderStatus::Pending {
                    Verdict::Pending { met: 0, total: 1, detail }
                } else {
                    Verdict::Met(detail)
                });
            }
            Ok(match order_phase(&status) {
                OrderPhase::Done => Verdict::Met(detail),
                OrderPhase::Failed => Verdict::Failed(detail),
                OrderPhase::Running => Verdict::Pending { met: 0, total: 1, detail },
            })
        }
        Evidence::List { list, user_id, domain, checks } => {
            let key = (*list, user_id.clone(), domain.clone());
            if !reads.lists.contains_key(&key) || matches!(list, ListKind::Users | ListKind::Mailbox) {
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
                ListKind::Placement => "placement reports",
                ListKind::Platforms => "platform credentials",
                ListKind::Mailbox => "mailboxes",
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
    fn baseline_checks_see_a_change_or_a_new_item() {
        let items = vec![json!({"domainName": "a.com", "status": "ACTIVE", "expireOn": "2027-01-01"})];
        let moved = |from: &str| Check::new("a.com", Expect::Differs { field: "expireOn".into(), from: json!(from), or_status: Some("RENEWING".into()) });
        assert!(!check_holds(&items, &moved("2027-01-01")));
        assert!(check_holds(&items, &moved("2026-01-01")));
        let renewing = vec![json!({"domainName": "a.com", "status": "RENEWING", "expireOn": "2027-01-01"})];
        assert!(check_holds(&renewing, &moved("2027-01-01")));
        let reports = vec![json!({"orderId": "P1"}), json!({"orderId": "P2"})];
        assert!(check_holds(&reports, &Check::new("", Expect::NewItem { known: vec!["P1".into()] })));
        assert!(!check_holds(&reports, &Check::new("", Expect::NewItem { known: vec!["P1".into(), "P2".into()] })));
    }

    #[test]
    fn dns_checks_tolerate_completed_dmarc() {
        let items = vec![json!({"host": "_dmarc", "recordType": "TXT", "value": "v=DMARC1; p=none; rua=mailto:x@a.com"})];
        let legacy = Expect::DnsRecord { host: "_dmarc".into(), record_type: "TXT".into(), value: "v=DMARC1;p=none".into(), domain: None, record: None };
        assert!(check_holds(&items, &Check::new("", legacy)));
    }

    #[test]
    fn dns_checks_use_the_editors_record_equality() {
        use cmr_client::dns::DnsRecordInput;
        use cmr_client::DnsRecordType;
        let sent = |value: &str| {
            let record = DnsRecordInput::new(DnsRecordType::A, "www", value);
            let expect = Expect::DnsRecord {
                host: "www".into(),
                record_type: "A".into(),
                value: value.into(),
                domain: Some("acme.com".into()),
                record: Some(record),
            };
            Check::new("", expect)
        };
        // The zone names the host in full; the editor's equality reads it as the same record.
        let items = vec![json!({"recordId": "R1", "host": "www.acme.com", "recordType": "A", "value": "192.0.2.7"})];
        assert!(check_holds(&items, &sent("192.0.2.7")));
        // A value the one read merely starts with is another record (the old prefix rule said yes).
        assert!(!check_holds(&items, &sent("192.0.2")));
    }

    #[test]
    fn plans_survive_json() {
        let p = Evidence::List { list: ListKind::Mailboxes, user_id: Some("U".into()), domain: None,
            checks: vec![Check::new("M1", Expect::Absent)] };
        let back: Evidence = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }
}
