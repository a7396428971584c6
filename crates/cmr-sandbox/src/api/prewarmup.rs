//! Pre-warmed inventory and orders, plus the `/sandbox/pre-warmup` flow whose `scenario`
//! field picks the outcome and whose orders cost nothing.

use axum::extract::State;
use serde_json::{json, Value};

use super::{opt_bool, require_object, str_field};
use crate::envelope::{envelope, ok, ApiError, ApiResult, Data, JsonBody, Params};
use crate::model::*;
use crate::rules::Rule;
use crate::prices::{decimal, dollars};
use crate::server::AppState;
use crate::sim::Sim;
use crate::time::{add_months, iso};

fn inventory(pool: &[PrewarmDomain], p: &Params, msg: &str) -> ApiResult {
    let (page, limit) = p.paging(20, 100)?;
    let provider = match p.get("serviceProvider") {
        None => None,
        Some(v) => Some(Provider::parse(v).ok_or_else(|| ApiError::bad_request(format!("Unknown serviceProvider {v}")))?),
    };
    let contains = p.get("contains").map(str::to_ascii_lowercase);
    let rows: Vec<&PrewarmDomain> = pool
        .iter()
        .filter(|d| provider.is_none_or(|pr| d.provider == pr))
        .filter(|d| contains.as_ref().is_none_or(|c| d.domain.contains(c.as_str())))
        .collect();
    let total_mailboxes: usize = rows.iter().map(|d| d.mailboxes.len()).sum();
    let (page_rows, _) = crate::envelope::paginate(&rows, page, limit);
    let inventory: Vec<Value> = page_rows
        .iter()
        .map(|d| json!({"domain": d.domain, "serviceProvider": d.provider.as_str(),
            "preWarmedUpMailboxes": d.mailboxes.iter().map(|m| json!({"email": format!("{}@{}", m.username, d.domain),
                "firstName": m.first_name, "lastName": m.last_name, "createdAt": iso(m.created_at)})).collect::<Vec<_>>(),
            "purchasePrice": dollars(d.purchase_cents), "renewalPrice": dollars(d.renewal_cents),
            "warmingUpFrom": iso(d.warming_since)}))
        .collect();
    ok(msg, json!({"inventory": inventory, "currentPage": page, "totalPages": rows.len().div_ceil(limit).max(1),
        "totalDomains": rows.len(), "totalMailboxes": total_mailboxes}))
}

pub async fn list_prewarmup_inventory(State(s): State<AppState>, p: Params) -> ApiResult {
    let sim = s.sim();
    inventory(&sim.prewarm, &p, "Pre-warmed up domains fetched successfully")
}

pub async fn sandbox_list_prewarmup(State(s): State<AppState>, p: Params) -> ApiResult {
    let sim = s.sim();
    let free: Vec<PrewarmDomain> =
        sim.sandbox_pool.iter().filter(|d| !sim.domain_names.contains_key(&d.domain)).cloned().collect();
    inventory(&free, &p, "Sandbox pre-warmed up domains fetched successfully")
}

fn place(sim: &mut Sim, user_id: &str, body: &Value, sandbox: bool) -> ApiResult {
    require_object(body)?;
    let provider = str_field(body, "serviceProvider").ok_or_else(|| ApiError::bad_request("serviceProvider is required"))?;
    let provider = Provider::parse(provider).ok_or_else(|| ApiError::bad_request(format!("Unknown serviceProvider {provider}")))?;
    let items = body.get("order").and_then(Value::as_array).ok_or_else(|| ApiError::bad_request("order is required"))?;
    if items.is_empty() {
        return Err(ApiError::bad_request("order must not be empty"));
    }
    // Unknown scenarios fall back to the happy path, as the sandbox documentation says.
    let scenario = match str_field(body, "scenario") {
        Some(s @ ("full_failure" | "partial_failure")) if sandbox => s.to_string(),
        _ => "success".to_string(),
    };
    sim.user(user_id)?;
    let mut picked = Vec::new();
    let mut domains = Vec::new();
    for it in items {
        require_object(it)?;
        let name = super::req_str(it, "domain")?.to_ascii_lowercase();
        let pool = if sandbox { &sim.sandbox_pool } else { &sim.prewarm };
        // Rule::PrewarmInPool: documented, never off (nothing to deliver otherwise).
        let d = pool.iter().find(|d| d.domain == name).cloned().ok_or_else(|| {
            ApiError::unprocessable(format!("{name} is not in the {}pre-warmed inventory", if sandbox { "sandbox " } else { "" }))
        })?;
        if sim.rule_on(Rule::PrewarmProvider) && d.provider != provider {
            return Err(ApiError::unprocessable(format!("{name} is a {} domain", d.provider.as_str())));
        }
        if sim.rule_on(Rule::PrewarmAssignedOnce) && sim.domain_names.contains_key(&name) || picked.iter().any(|p: &PrewarmDomain| p.domain == name) {
            return Err(ApiError::unprocessable(format!("{name} is already assigned{}", if sandbox { "; reset the sandbox first" } else { "" })));
        }
        domains.push(OrderDomain {
            name: name.clone(), years: 1, forward_to: str_field(it, "forwardTo").map(str::to_string),
            mask_forwarding: false, price_cents: if sandbox { 0 } else { d.purchase_cents },
            status: "PENDING", reason: None, domain_id: None,
        });
        picked.push(d);
    }
    let cost: Cents = domains.iter().map(|d| d.price_cents).sum();
    let order_id = sim.new_id();
    if sandbox {
        sim.txn(0, &format!("Sandbox pre-warmup order {order_id}"), Some(&order_id));
    } else {
        sim.charge(cost, &format!("Pre-warmup order {order_id}"), Some(&order_id)).map_err(|e| ApiError::unprocessable(e.message))?;
        sim.prewarm.retain(|d| !picked.iter().any(|p| p.domain == d.domain));
    }
    sim.prewarm_reserved.insert(order_id.clone(), picked);
    let action = sim.action_id();
    let order = Order {
        id: order_id.clone(), user_id: user_id.into(), kind: OrderKind::Prewarmup { scenario },
        status: "PENDING", created_at: sim.now, amount_cents: cost, confirm: true, provider,
        auto_renew: opt_bool(body, "autoRenew")?.unwrap_or(false),
        oauth: json!({"google": body.get("google"), "microsoftOauthRoute": body.get("microsoftOauthRoute")}),
        domains, mailboxes: Default::default(), unavailable: Vec::new(), action_id: action.clone(), sandbox,
    };
    sim.orders.insert(order_id.clone(), order);
    sim.start_processing(&order_id);
    let msg = format!("Pre-warmup order created and queued (${})", decimal(cost));
    Ok(envelope(201, &msg, Data::Some(json!({"orderId": order_id})), Some(&action)))
}

pub async fn order_prewarmup(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    place(&mut s.sim(), &user_id, &body, false)
}

pub async fn sandbox_order_prewarmup(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    place(&mut s.sim(), &user_id, &body, true)
}

pub async fn sandbox_reset_prewarmup(State(s): State<AppState>) -> ApiResult {
    let mut sim = s.sim();
    sim.mailboxes.retain(|_, m| !m.sandbox);
    sim.subscriptions.retain(|_, x| !x.sandbox);
    let gone: Vec<String> = sim.domains.values().filter(|d| d.sandbox).map(|d| d.name.clone()).collect();
    for name in gone {
        if let Some(id) = sim.domain_names.remove(&name) {
            sim.domains.remove(&id);
        }
    }
    let orders: Vec<String> = sim.orders.values().filter(|o| o.sandbox).map(|o| o.id.clone()).collect();
    for id in orders {
        sim.orders.remove(&id);
        sim.prewarm_reserved.remove(&id);
    }
    Ok(envelope(200, "Sandbox records deleted", Data::Omit, None))
}

impl Sim {
    pub(crate) fn prewarm_deliver(&mut self, order_id: &str) {
        let Some(order) = self.orders.get(order_id).cloned() else { return };
        let Some(picked) = self.prewarm_reserved.remove(order_id) else { return };
        let scenario = match &order.kind {
            OrderKind::Prewarmup { scenario } => scenario.clone(),
            _ => return,
        };
        let email = self.user_email(&order.user_id);
        let mut details = Vec::new();
        let mut failed = 0;
        for (i, pd) in picked.iter().enumerate() {
            let fails = scenario == "full_failure" || (scenario == "partial_failure" && i == 0);
            if fails || self.domain_names.contains_key(&pd.domain) {
                failed += 1;
                let reason = if fails { "No pre-warmed pool available for this domain (sandbox scenario)" } else { "Domain already assigned" };
                if !order.sandbox {
                    self.credit(pd.purchase_cents, &format!("Refund: pre-warmup {}", pd.domain), Some(order_id));
                    self.prewarm.push(pd.clone());
                }
                let data = json!({"userId": order.user_id, "userEmail": email, "orderId": order_id,
                    "serviceProvider": order.provider.as_str(), "domain": pd.domain, "reason": reason});
                self.emit("prewarmup.order.failed", data, Some(&order.action_id));
                continue;
            }
            let expire = add_months(self.now, 12);
            let did = self.add_domain(&order.user_id, &pd.domain, pd.provider, DomainStatus::Active, self.now, expire, "PRE_WARMED", order.sandbox);
            let od = order.domains.iter().find(|d| d.name == pd.domain);
            self.domains.get_mut(&did).unwrap().forward_to = od.and_then(|d| d.forward_to.clone());
            let sub = self.add_subscription(&did, order.auto_renew, order.oauth.clone(), order.sandbox);
            let mut boxes = Vec::new();
            for (j, pm) in pd.mailboxes.iter().enumerate() {
                let req = MailboxReq { username: pm.username.clone(), first_name: pm.first_name.clone(),
                    last_name: pm.last_name.clone(), profile_picture: None, on_warmup: Some(true) };
                let mid = self.add_mailbox(&did, &req, Some(sub.clone()), Some(order_id.into()), MailboxStatus::Active, j == 0, order.sandbox);
                let m = self.mailboxes.get_mut(&mid).unwrap();
                if let Some(w) = m.warmup.as_mut() {
                    w.status = WarmupStatus::Active;
                    w.since = pd.warming_since;
                }
                let m = m.clone();
                boxes.push(json!({"mailboxId": m.id, "email": m.email(), "firstName": m.first_name,
                    "lastName": m.last_name, "profilePicture": m.profile_picture, "password": m.password,
                    "appPassword": m.app_password, "authenticatorSecret": m.authenticator_secret,
                    "isAdmin": m.is_admin, "warmingUpFrom": iso(pd.warming_since),
                    "expiryDate": iso(self.subscriptions[&sub].period_end)}));
            }
            details.push(json!({"domain": pd.domain, "subscriptionId": sub, "preWarmedUpMailboxes": boxes}));
        }
        if !details.is_empty() {
            let data = json!({"userId": order.user_id, "userEmail": email, "orderId": order_id,
                "serviceProvider": order.provider.as_str(), "mailboxDetails": details});
            self.emit("prewarmup.order.success", data, Some(&order.action_id));
        }
        let o = self.orders.get_mut(order_id).unwrap();
        o.status = match failed {
            0 => "PAID",
            n if n == picked.len() => "REFUND",
            _ => "PARTIAL_REFUND",
        };
    }
}
