//! Orders: new domains with mailboxes, more mailboxes on hosted domains, processing, status.

use std::collections::BTreeMap;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use serde_json::{json, Map, Value};

use super::{opt_bool, req_str, require_object, str_field};
use crate::envelope::{envelope, ok, ApiError, ApiResult, Data, JsonBody, Params};
use crate::lifecycle::{valid_domain_name, valid_username};
use crate::model::*;
use crate::prices::{self, decimal, dollars};
use crate::rules::Rule;
use crate::server::AppState;
use crate::sim::Sim;
use crate::time::iso;

const MAX_MAILBOXES_PER_DOMAIN: usize = 100;

fn provider(body: &Value) -> Result<Provider, ApiError> {
    match str_field(body, "serviceProvider") {
        None => Ok(Provider::Google),
        Some(p) => Provider::parse(p).ok_or_else(|| ApiError::bad_request(format!("Unknown serviceProvider {p}"))),
    }
}

/// Enforces [`Rule::BillingMonthly`] (documented).
fn check_billing(body: &Value) -> Result<(), ApiError> {
    match str_field(body, "billingCycle") {
        None | Some("MONTHLY") => Ok(()),
        Some(b) => Err(ApiError::unprocessable(format!("billingCycle {b} is not supported; use MONTHLY"))),
    }
}

fn oauth(body: &Value) -> Value {
    json!({"google": body.get("google").cloned().unwrap_or(Value::Null),
        "microsoftOauthRoute": body.get("microsoftOauthRoute").cloned().unwrap_or(Value::Null)})
}

fn parse_mailboxes(body: &Value, lenient: bool) -> Result<BTreeMap<String, Vec<MailboxReq>>, ApiError> {
    let on = |r: Rule| r.on(lenient);
    let map = body
        .get("mailboxes")
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::bad_request("mailboxes is required (a map of domain name to mailboxes)"))?;
    let mut out = BTreeMap::new();
    for (domain, list) in map {
        let list = list.as_array().ok_or_else(|| ApiError::bad_request(format!("mailboxes.{domain} must be an array")))?;
        let mut reqs: Vec<MailboxReq> = Vec::new();
        for item in list {
            require_object(item)?;
            let username = req_str(item, "username")?.to_ascii_lowercase();
            let first_name = req_str(item, "firstName")?.to_string();
            let last_name = req_str(item, "lastName")?.to_string();
            if on(Rule::UsernameFormat) && !valid_username(&username) {
                return Err(ApiError::unprocessable(format!("Invalid username '{username}'")));
            }
            if on(Rule::UsernameUnique) && reqs.iter().any(|r| r.username == username) {
                return Err(ApiError::unprocessable(format!("Duplicate username {username}@{domain}")));
            }
            let profile_picture = str_field(item, "profilePicture").map(str::to_string);
            let on_warmup = opt_bool(item, "onWarmup")?;
            reqs.push(MailboxReq { username, first_name, last_name, profile_picture, on_warmup });
        }
        if on(Rule::OrderListsMailboxes) && reqs.is_empty() {
            return Err(ApiError::unprocessable(format!("List at least one mailbox for {domain}")));
        }
        if on(Rule::MaxMailboxesPerDomain) && reqs.len() > MAX_MAILBOXES_PER_DOMAIN {
            return Err(ApiError::unprocessable(format!("At most {MAX_MAILBOXES_PER_DOMAIN} mailboxes per domain")));
        }
        out.insert(domain.to_ascii_lowercase(), reqs);
    }
    if out.is_empty() {
        return Err(ApiError::bad_request("mailboxes must not be empty"));
    }
    Ok(out)
}

/// Creates the order; with `confirm` it is charged and queued at once.
fn place(sim: &mut Sim, mut order: Order) -> ApiResult {
    let cost = Sim::order_cost(&order.domains, &order.mailboxes);
    order.amount_cents = cost;
    if order.confirm {
        sim.charge(cost, &format!("Order {}", order.id), Some(&order.id))
            .map_err(|e| ApiError::unprocessable(e.message))?;
    }
    let (id, action, confirm) = (order.id.clone(), order.action_id.clone(), order.confirm);
    let data = json!({"orderId": id, "unavailableDomains": order.unavailable, "amount": dollars(cost)});
    sim.orders.insert(id.clone(), order);
    let msg = if confirm {
        sim.start_processing(&id);
        "Order created and queued for processing".to_string()
    } else {
        format!("Order created; it costs ${} and waits for Process the Order", decimal(cost))
    };
    Ok(envelope(200, &msg, Data::Some(data), Some(&action)))
}

fn new_domains_order(sim: &mut Sim, user_id: &str, body: &Value) -> ApiResult {
    require_object(body)?;
    check_billing(body)?;
    let provider = provider(body)?;
    let items = body.get("domains").and_then(Value::as_array).ok_or_else(|| ApiError::bad_request("domains is required"))?;
    if items.is_empty() {
        return Err(ApiError::bad_request("domains must not be empty"));
    }
    let mut mailboxes = parse_mailboxes(body, sim.lenient)?;
    sim.user(user_id)?;
    let (mut domains, mut unavailable) = (Vec::new(), Vec::new());
    for it in items {
        require_object(it)?;
        let name = req_str(it, "domain")?.to_ascii_lowercase();
        if it.get("years").and_then(Value::as_i64).is_none() {
            return Err(ApiError::bad_request("domains[].years is required"));
        }
        let years = super::domains::years_of(it.get("years"), sim.lenient)?;
        if sim.rule_on(Rule::DomainNameValid) && !valid_domain_name(&name) {
            return Err(ApiError::unprocessable(format!("{name} is not a valid domain name")));
        }
        if sim.rule_on(Rule::OrderDomainOnce) && domains.iter().any(|d: &OrderDomain| d.name == name) {
            return Err(ApiError::unprocessable(format!("{name} is listed twice")));
        }
        if sim.rule_on(Rule::OrderListsMailboxes) && !mailboxes.contains_key(&name) {
            return Err(ApiError::unprocessable(format!("List the mailboxes for {name} under mailboxes.{name}")));
        }
        if sim.unavailable_reason(&name).is_some() {
            unavailable.push(name.clone());
            mailboxes.remove(&name);
            continue;
        }
        domains.push(OrderDomain {
            price_cents: prices::registration(&name).unwrap_or(0) * years,
            name,
            years,
            forward_to: str_field(it, "forwardTo").map(str::to_string),
            mask_forwarding: opt_bool(it, "maskForwarding")?.unwrap_or(false),
            status: "PENDING",
            reason: None,
            domain_id: None,
        });
    }
    let extra = mailboxes.keys().find(|k| !domains.iter().any(|d| &d.name == *k) && !unavailable.contains(k));
    if let Some(extra) = extra.filter(|_| sim.rule_on(Rule::OrderListsMailboxes)) {
        return Err(ApiError::unprocessable(format!("mailboxes lists {extra}, which is not in domains")));
    }
    if domains.is_empty() {
        return Err(ApiError::unprocessable(format!("None of the domains is available: {}", unavailable.join(", "))));
    }
    let order = Order {
        id: sim.new_id(),
        user_id: user_id.to_string(),
        kind: OrderKind::NewDomains,
        status: "PENDING",
        created_at: sim.now,
        amount_cents: 0,
        confirm: opt_bool(body, "confirm")?.unwrap_or(false),
        provider,
        auto_renew: opt_bool(body, "autoRenew")?.unwrap_or(false),
        oauth: oauth(body),
        domains,
        mailboxes,
        unavailable,
        action_id: sim.action_id(),
        sandbox: false,
    };
    place(sim, order)
}

fn mailbox_order(sim: &mut Sim, user_id: &str, body: &Value) -> ApiResult {
    require_object(body)?;
    check_billing(body)?;
    let sub_id = str_field(body, "subscriptionId").map(str::to_string);
    let domain_id = str_field(body, "domainId").map(str::to_string);
    if sim.rule_on(Rule::SubscriptionOrDomain) && sub_id.is_some() == domain_id.is_some() {
        return Err(ApiError::bad_request("Send exactly one of subscriptionId or domainId"));
    }
    let mailboxes = parse_mailboxes(body, sim.lenient)?;
    sim.user(user_id)?;
    let domain = if let Some(sid) = &sub_id {
        let s = sim.subscriptions.get(sid).filter(|s| s.user_id == user_id)
            .ok_or_else(|| ApiError::not_found(format!("Subscription {sid} not found for this user")))?;
        if sim.rule_on(Rule::SubscriptionOrDomain) && s.status != SubStatus::Active {
            return Err(ApiError::unprocessable(format!("Subscription {sid} is {}; only ACTIVE subscriptions take mailboxes", s.status.as_str())));
        }
        sim.domains.get(&s.domain_id).cloned().ok_or_else(|| ApiError::unprocessable("The subscription's domain no longer exists"))?
    } else {
        let d = sim.user_domain(user_id, domain_id.as_deref().unwrap())?.clone();
        if sim.rule_on(Rule::SubscriptionOrDomain) && sim.active_subscription_of_domain(&d.id).is_some() {
            return Err(ApiError::unprocessable(format!("{} has an active subscription; send its subscriptionId instead", d.name)));
        }
        d
    };
    if sim.rule_on(Rule::AddMailboxesActiveDomain) && d_status_blocks(&domain) {
        return Err(ApiError::unprocessable(format!("{} is {}; mailboxes need an ACTIVE domain", domain.name, domain.status.as_str())));
    }
    if sim.rule_on(Rule::OrderListsMailboxes) && (mailboxes.len() != 1 || !mailboxes.contains_key(&domain.name)) {
        return Err(ApiError::unprocessable(format!("mailboxes must be listed under {} only", domain.name)));
    }
    let taken: Vec<String> = sim.domain_mailboxes(&domain.id).iter().map(|m| m.username.clone()).collect();
    let dup = mailboxes.get(&domain.name).and_then(|l| l.iter().find(|m| taken.contains(&m.username)));
    if let Some(dup) = dup.filter(|_| sim.rule_on(Rule::UsernameUnique)) {
        return Err(ApiError::unprocessable(format!("{}@{} already exists", dup.username, domain.name)));
    }
    let order = Order {
        id: sim.new_id(),
        user_id: user_id.to_string(),
        kind: OrderKind::AddMailboxes { subscription_id: sub_id, domain_id: domain_id.map(|_| domain.id.clone()) },
        status: "PENDING",
        created_at: sim.now,
        amount_cents: 0,
        confirm: opt_bool(body, "confirm")?.unwrap_or(false),
        provider: domain.provider,
        auto_renew: opt_bool(body, "autoRenew")?.unwrap_or(false),
        oauth: oauth(body),
        domains: Vec::new(),
        mailboxes,
        unavailable: Vec::new(),
        action_id: sim.action_id(),
        sandbox: false,
    };
    place(sim, order)
}

fn d_status_blocks(d: &Domain) -> bool {
    d.status != DomainStatus::Active
}

pub async fn create_order_json(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    new_domains_order(&mut s.sim(), &user_id, &body)
}

pub async fn order_mailboxes_json(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    mailbox_order(&mut s.sim(), &user_id, &body)
}

/// Multipart parts become the JSON body: objects arrive JSON-encoded, files set profile pictures.
async fn multipart_body(mp: Result<Multipart, MultipartRejection>) -> Result<Value, ApiError> {
    let mut mp = mp.map_err(|e| ApiError::bad_request(format!("Expected multipart/form-data: {e}")))?;
    let mut body = Map::new();
    let mut files = Vec::new();
    while let Some(field) = mp.next_field().await.map_err(|e| ApiError::bad_request(format!("Malformed multipart body: {e}")))? {
        let name = field.name().unwrap_or("").to_string();
        let is_file = field.file_name().is_some();
        let bytes = field.bytes().await.map_err(|e| ApiError::bad_request(format!("Malformed multipart body: {e}")))?;
        if is_file || name.contains('@') {
            files.push(name);
            continue;
        }
        let text = String::from_utf8_lossy(&bytes).trim().to_string();
        let value = match name.as_str() {
            "domains" | "mailboxes" | "google" => serde_json::from_str(&text)
                .map_err(|e| ApiError::bad_request(format!("{name} must be JSON: {e}")))?,
            "confirm" | "autoRenew" => match text.as_str() {
                "true" => Value::Bool(true),
                "false" | "" => Value::Bool(false),
                _ => return Err(ApiError::bad_request(format!("{name} must be true or false"))),
            },
            _ => Value::String(text),
        };
        body.insert(name, value);
    }
    let mut body = Value::Object(body);
    for key in files.iter().filter(|k| k.contains('@')) {
        let (user, domain) = key.split_once('@').unwrap();
        if let Some(list) = body.get_mut("mailboxes").and_then(|m| m.get_mut(domain)).and_then(Value::as_array_mut) {
            for m in list.iter_mut().filter(|m| m.get("username").and_then(Value::as_str) == Some(user)) {
                m["profilePicture"] = json!(format!("https://cdn.cmr-sandbox.invalid/profile/{key}"));
            }
        }
    }
    Ok(body)
}

pub async fn create_order(State(s): State<AppState>, p: Params, mp: Result<Multipart, MultipartRejection>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    let body = multipart_body(mp).await?;
    new_domains_order(&mut s.sim(), &user_id, &body)
}

pub async fn add_mailboxes_to_subscription(State(s): State<AppState>, p: Params, mp: Result<Multipart, MultipartRejection>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    let mut body = multipart_body(mp).await?;
    if str_field(&body, "subscriptionId").is_none() {
        return Err(ApiError::bad_request("subscriptionId is required"));
    }
    body.as_object_mut().unwrap().remove("domainId");
    let mut sim = s.sim();
    if let Some(sub) = sim.subscriptions.get(str_field(&body, "subscriptionId").unwrap()) {
        if sim.rule_on(Rule::DeprecatedGoogleOnly) && sub.provider != Provider::Google {
            return Err(ApiError::unprocessable("This deprecated endpoint only serves GOOGLE subscriptions"));
        }
    }
    mailbox_order(&mut sim, &user_id, &body)
}

fn user_order<'a>(sim: &'a Sim, p: &Params) -> Result<&'a Order, ApiError> {
    let user_id = p.user_id()?;
    let order_id = p.require("orderId")?;
    sim.user(user_id)?;
    sim.orders
        .get(order_id)
        .filter(|o| o.user_id == user_id)
        .ok_or_else(|| ApiError::not_found(format!("Order {order_id} not found for this user")))
}

pub async fn process_order(State(s): State<AppState>, p: Params) -> ApiResult {
    let mut sim = s.sim();
    let order = user_order(&sim, &p)?.clone();
    if sim.rule_on(Rule::ProcessPendingOnly) && order.status != "PENDING" {
        return Err(ApiError::unprocessable(format!("Order {} is already {}", order.id, order.status)));
    }
    // Names may have been taken since the quote.
    let taken = order.domains.iter().find(|d| sim.unavailable_reason(&d.name).is_some());
    if let Some(d) = taken.filter(|_| sim.rule_on(Rule::ProcessPendingOnly)) {
        return Err(ApiError::unprocessable(format!("{} is no longer available; create a new order", d.name)));
    }
    sim.charge(order.amount_cents, &format!("Order {}", order.id), Some(&order.id))
        .map_err(|e| ApiError::unprocessable(e.message))?;
    sim.orders.get_mut(&order.id).unwrap().confirm = true;
    sim.start_processing(&order.id);
    Ok(envelope(200, "Order queued for processing", Data::Omit, Some(&order.action_id)))
}

fn progress(sim: &Sim, o: &Order) -> Value {
    let boxes: Vec<&Mailbox> = sim.mailboxes.values().filter(|m| m.order_id.as_deref() == Some(o.id.as_str())).collect();
    let ordered: usize = o.mailboxes.values().map(Vec::len).sum();
    json!({
        "domains": o.domains.iter().map(|d| json!({"domain": d.name, "status": d.status, "reason": d.reason,
            "domainId": d.domain_id})).collect::<Vec<_>>(),
        "unavailableDomains": o.unavailable,
        "mailboxCount": ordered,
        "activeMailboxCount": boxes.iter().filter(|m| m.status == MailboxStatus::Active).count(),
    })
}

pub async fn get_order_status(State(s): State<AppState>, p: Params) -> ApiResult {
    let sim = s.sim();
    let o = user_order(&sim, &p)?;
    let mut data = progress(&sim, o);
    data["orderId"] = json!(o.id);
    data["status"] = json!(o.status);
    ok("Order status fetched successfully", data)
}

pub async fn get_order_details(State(s): State<AppState>, p: Params) -> ApiResult {
    let sim = s.sim();
    let o = user_order(&sim, &p)?;
    let mailboxes: Vec<Value> = o
        .mailboxes
        .iter()
        .flat_map(|(d, list)| list.iter().map(move |m| json!({"email": format!("{}@{d}", m.username),
            "username": m.username, "firstName": m.first_name, "lastName": m.last_name,
            "domain": d, "onWarmup": m.on_warmup.unwrap_or(false)})))
        .collect();
    let domains: Vec<Value> = o.domains.iter().map(|d| json!({"domain": d.name, "years": d.years,
        "price": dollars(d.price_cents), "status": d.status, "reason": d.reason, "domainId": d.domain_id,
        "forwardTo": d.forward_to})).collect();
    let kind = match &o.kind {
        OrderKind::NewDomains => "NEW_DOMAINS",
        OrderKind::AddMailboxes { .. } => "ADD_MAILBOXES",
        OrderKind::Prewarmup { .. } => "PRE_WARMUP",
    };
    let data = json!({"orderId": o.id, "status": o.status, "type": kind, "userId": o.user_id,
        "userEmail": sim.user_email(&o.user_id), "createdAt": iso(o.created_at),
        "amountCharged": if o.confirm { dollars(o.amount_cents) } else { 0.0 },
        "amount": dollars(o.amount_cents), "revenue": dollars(o.amount_cents),
        "serviceProvider": o.provider.as_str(), "billingCycle": "MONTHLY", "autoRenew": o.auto_renew,
        "domains": domains, "mailboxes": mailboxes, "unavailableDomains": o.unavailable,
        "actionId": o.action_id});
    ok("Order fetched successfully", data)
}
