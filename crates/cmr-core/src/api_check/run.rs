//! Calling each read once, in an order where earlier answers provide later arguments.

use cmr_client::endpoints::{self as ep, Endpoint};
use cmr_client::{CmrClient, CmrError, RawReply, ENDPOINTS};
use serde_json::{json, Value};

use super::schema::{contract, differences, response_schema};
use super::{CheckCounts, CheckOutcome, CheckReport, CheckRow, GuessedRoute, OverrideInForce};

/// What the caller knows that no read can list, e.g. an order the app placed (CMR has no
/// order list, so the order reads need an id from somewhere else).
#[derive(Clone, Debug, Default)]
pub struct CheckHints {
    /// `(userId, orderId)` of a known order.
    pub order: Option<(String, String)>,
}

/// A name nobody uses, so no workspace exists for it: a 409 "exists" is an answer of its own
/// that this check would otherwise read as a refusal.
const UNUSED_DOMAIN: &str = "fresh-cmr-desk-check.com";
const PAGE: [(&str, &str); 2] = [("page", "1"), ("limit", "20")];

/// Runs the check for the client's profile. Pacing is the client's (shared 5/s limit).
pub async fn run_check(client: &CmrClient, hints: &CheckHints) -> CheckReport {
    let mut c = Checker { client, rows: Vec::new() };
    let users = c.call(&ep::LIST_USERS, None, &PAGE, None).await;
    let user = users.as_ref().and_then(|b| find_str(&b["data"], "userId")).map(str::to_owned);
    let user = user.as_deref();
    let need_user = "needs a customer (listUsers returned none)";

    c.with_user(&ep::GET_USER, user, need_user, &[], None).await;
    let countries = c.call(&ep::LIST_COUNTRIES, None, &[], None).await;
    let country = countries.as_ref().and_then(|b| pick_country(&b["data"])).unwrap_or_else(|| "US".into());
    c.call(&ep::LIST_STATES, None, &[("countryCode", &country)], None).await;

    let domains = c.with_user(&ep::GET_DOMAINS_FOR_USER, user, need_user, &PAGE, None).await;
    let domain = domains.as_ref().and_then(|b| pick_domain(&b["data"]));
    let domain = domain.as_deref();
    let need_domain = if user.is_some() { "needs a domain of the first customer (they have none)" } else { need_user };
    match domain {
        Some(d) => {
            c.with_user(&ep::GET_DOMAIN_RENEWAL_PRICE, user, need_user, &[], Some(json!({"domains": [d]}))).await;
            c.with_user(&ep::GET_DNS_RECORDS, user, need_user, &[("domain", d)], None).await;
        }
        None => {
            c.skip(&ep::GET_DOMAIN_RENEWAL_PRICE, need_domain);
            c.skip(&ep::GET_DNS_RECORDS, need_domain);
        }
    }
    let keyword = domain.and_then(|d| d.split('.').next()).unwrap_or("coldmail");
    c.call(&ep::SUGGEST_AVAILABLE_DOMAINS, user, &[], Some(json!({"domain": keyword}))).await;
    c.call(&ep::GET_SINGLE_AVAILABLE_DOMAIN, user, &[], Some(json!({"domainName": UNUSED_DOMAIN}))).await;
    c.call(&ep::CHECK_WORKSPACE_EXISTS, None, &[], Some(json!({"domainName": UNUSED_DOMAIN}))).await;

    match &hints.order {
        Some((order_user, order)) => {
            let q = [("orderId", order.as_str())];
            c.call(&ep::GET_ORDER_DETAILS, Some(order_user), &q, None).await;
            c.call(&ep::GET_ORDER_STATUS, Some(order_user), &q, None).await;
        }
        None => {
            let why = "needs an orderId: CMR has no order list and this profile has placed no order yet";
            c.skip(&ep::GET_ORDER_DETAILS, why);
            c.skip(&ep::GET_ORDER_STATUS, why);
        }
    }

    c.call(&ep::LIST_ALL_MAILBOXES, None, &PAGE, None).await;
    let boxes = c.with_user(&ep::GET_MAILBOXES_FOR_USER, user, need_user, &PAGE, None).await;
    let mailbox = boxes.as_ref().and_then(|b| find_str(&b["data"], "mailboxId")).map(str::to_owned);
    match (user, mailbox.as_deref()) {
        (Some(u), Some(m)) => {
            c.call(&ep::GET_MAILBOX_BY_ID, Some(u), &[("mailboxId", m)], None).await;
            c.call(&ep::GET_MAILBOX_ADMIN_DETAILS, Some(u), &[("mailboxId", m)], None).await;
            c.call(&ep::VALIDATE_MAILBOX, Some(u), &[], Some(json!({"mailboxId": m}))).await;
        }
        _ => {
            for e in [&ep::GET_MAILBOX_BY_ID, &ep::GET_MAILBOX_ADMIN_DETAILS, &ep::VALIDATE_MAILBOX] {
                c.skip(e, if user.is_some() { "needs a mailbox of the first customer (they have none)" } else { need_user });
            }
        }
    }
    c.with_user(&ep::GET_PLACEMENT_REPORTS, user, need_user, &PAGE, None).await;
    c.call(&ep::LIST_SUBSCRIPTIONS, None, &PAGE, None).await;

    let platforms = c.with_user(&ep::GET_CONNECTED_PLATFORMS, user, need_user, &[], None).await;
    match (user, platforms.as_ref().and_then(|b| pick_credential(&b["data"]))) {
        (Some(u), Some(cred)) => {
            let cred = cred.to_owned();
            c.call(&ep::GET_PLATFORM_WORKSPACES, Some(u), &[("credentialId", &cred)], None).await;
        }
        (None, _) => c.skip(&ep::GET_PLATFORM_WORKSPACES, need_user),
        _ => c.skip(&ep::GET_PLATFORM_WORKSPACES, "needs a connected platform credential of the first customer"),
    }

    c.call(&ep::LIST_PREWARMUP_INVENTORY, None, &PAGE, None).await;
    c.call(&ep::SANDBOX_LIST_PREWARMUP, None, &PAGE, None).await;
    c.call(&ep::GET_WALLET_DETAILS, None, &[], None).await;

    let mut rows = c.rows;
    let order = |id: &str| ENDPOINTS.iter().position(|e| e.operation_id == id).unwrap_or(usize::MAX);
    rows.sort_by_key(|r| order(&r.operation_id));
    finish(client, rows)
}

struct Checker<'a> {
    client: &'a CmrClient,
    rows: Vec<CheckRow>,
}

impl Checker<'_> {
    /// Sends one read and records its row; the reply body when it was answered.
    async fn call(
        &mut self,
        e: &'static Endpoint,
        user: Option<&str>,
        query: &[(&str, &str)],
        body: Option<Value>,
    ) -> Option<Value> {
        debug_assert!(e.idempotent, "{} is not a read", e.operation_id);
        let user = user.filter(|_| e.user_id != cmr_client::UserIdIn::None);
        let query = query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let result = self.client.call_raw(e, user, query, body).await;
        let mut row = self.row(e);
        let body = match result {
            Ok(RawReply { status, body }) => {
                row.http_status = Some(status);
                judge_reply(&mut row, status, &body);
                Some(body)
            }
            Err(err) => {
                judge_error(&mut row, &err);
                None
            }
        };
        self.rows.push(row);
        body
    }

    async fn with_user(
        &mut self,
        e: &'static Endpoint,
        user: Option<&str>,
        why: &str,
        query: &[(&str, &str)],
        body: Option<Value>,
    ) -> Option<Value> {
        match user {
            Some(_) => self.call(e, user, query, body).await,
            None => {
                self.skip(e, why);
                None
            }
        }
    }

    fn skip(&mut self, e: &'static Endpoint, why: &str) {
        let mut row = self.row(e);
        row.outcome = CheckOutcome::Skipped;
        row.detail = format!("skipped: {why}");
        self.rows.push(row);
    }

    fn row(&self, e: &'static Endpoint) -> CheckRow {
        let (method, path) = self.client.route_of(e);
        CheckRow {
            operation_id: e.operation_id.to_owned(),
            method: method.as_str().to_owned(),
            path,
            guessed: !e.path_verified || !e.method_verified,
            overridden: self.client.config().endpoint_overrides.get(e.operation_id).is_some(),
            outcome: CheckOutcome::Ok,
            http_status: None,
            detail: String::new(),
            issues: Vec::new(),
        }
    }
}

fn judge_reply(row: &mut CheckRow, status: u16, body: &Value) {
    let Some(schema) = response_schema(contract(), &row.operation_id, status) else {
        row.detail = format!("openapi.yaml documents no JSON reply for HTTP {status}");
        return;
    };
    match differences(&schema, body) {
        Ok(issues) if issues.is_empty() => {}
        Ok(issues) => {
            row.outcome = CheckOutcome::ShapeDiffers;
            row.detail = format!("{} difference(s) from openapi.yaml", issues.len());
            row.issues = issues;
        }
        Err(e) => {
            row.outcome = CheckOutcome::ShapeDiffers;
            row.detail = e;
        }
    }
}

fn judge_error(row: &mut CheckRow, err: &CmrError) {
    let report = err.report();
    row.http_status = report.status;
    row.detail = report.message;
    row.outcome = match report.status {
        Some(404 | 405) => CheckOutcome::PathNotFound,
        _ => CheckOutcome::Refused,
    };
}

fn finish(client: &CmrClient, rows: Vec<CheckRow>) -> CheckReport {
    let mut counts = CheckCounts::default();
    for r in &rows {
        *match r.outcome {
            CheckOutcome::Ok => &mut counts.ok,
            CheckOutcome::PathNotFound => &mut counts.path_not_found,
            CheckOutcome::ShapeDiffers => &mut counts.shape_differs,
            CheckOutcome::Refused => &mut counts.refused,
            CheckOutcome::Skipped => &mut counts.skipped,
        } += 1;
    }
    let overrides = client.config().endpoint_overrides.iter().filter_map(|(id, _)| {
        let e = cmr_client::endpoints::endpoint(id)?;
        let (method, path) = client.route_of(e);
        Some(OverrideInForce {
            operation_id: id.to_owned(),
            default_method: e.method.as_str().to_owned(),
            default_path: e.path.to_owned(),
            method: method.as_str().to_owned(),
            path,
        })
    });
    let guessed = ENDPOINTS.iter().filter(|e| !e.path_verified || !e.method_verified).map(|e| GuessedRoute {
        operation_id: e.operation_id.to_owned(),
        method: e.method.as_str().to_owned(),
        path: e.path.to_owned(),
        guess: if e.path_verified { "method" } else { "path" }.to_owned(),
        read: e.idempotent,
    });
    let mut report = CheckReport {
        base_url: client.base_url().to_string(),
        rows,
        counts,
        overrides: overrides.collect(),
        guessed: guessed.collect(),
        markdown: String::new(),
    };
    report.markdown = super::markdown::render(&report);
    report
}

/// The first string value under `key` anywhere in `v`, depth first.
fn find_str<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    match v {
        Value::Object(map) => map
            .get(key)
            .and_then(Value::as_str)
            .or_else(|| map.values().find_map(|x| find_str(x, key))),
        Value::Array(items) => items.iter().find_map(|x| find_str(x, key)),
        _ => None,
    }
}

/// An ACTIVE domain when there is one (its DNS zone exists), else the first.
fn pick_domain(data: &Value) -> Option<String> {
    let list = data.get("domains").and_then(Value::as_array)?;
    let name = |d: &Value| d.get("domainName").or_else(|| d.get("domain")).and_then(Value::as_str).map(str::to_owned);
    list.iter().find(|d| d.get("status").and_then(Value::as_str) == Some("ACTIVE")).and_then(name)
        .or_else(|| list.iter().find_map(name))
}

/// A country code from `{name: code}` (what the reference shows), preferring US.
fn pick_country(data: &Value) -> Option<String> {
    let codes: Vec<&str> = data.as_object()?.values().filter_map(Value::as_str).collect();
    codes.iter().find(|c| **c == "US").or(codes.first()).map(|c| (*c).to_owned())
}

/// Workspaces are listed for Instantly credentials (help guide), so one of those first.
fn pick_credential(data: &Value) -> Option<&str> {
    data.get("INSTANTLY").and_then(|p| find_str(p, "credentialId")).or_else(|| find_str(data, "credentialId"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_arguments_from_loose_replies() {
        let data = json!({"domains": [{"domainName": "a.com", "status": "PENDING"}, {"domainName": "b.com", "status": "ACTIVE"}]});
        assert_eq!(pick_domain(&data).as_deref(), Some("b.com"));
        assert_eq!(find_str(&json!({"x": {"EMAILBISON": {"credentials": [{"credentialId": "C1"}]}}}), "credentialId"), Some("C1"));
        assert_eq!(pick_country(&json!({"Germany": "DE", "United States": "US"})).as_deref(), Some("US"));
        let platforms = json!({"EMAILBISON": {"credentials": [{"credentialId": "E1"}]}, "INSTANTLY": {"credentials": [{"credentialId": "I1"}]}});
        assert_eq!(pick_credential(&platforms), Some("I1"));
    }
}
