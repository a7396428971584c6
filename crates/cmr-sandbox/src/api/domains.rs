//! Domains: listing, availability, workspace checks, renewal, forwarding, removal.

use axum::extract::State;
use serde_json::{json, Value};

use super::{opt_bool, req_str, require_object, str_field, str_list};
use crate::envelope::{accepted, envelope, ok, paginate, ApiError, ApiResult, Data, JsonBody, Params};
use crate::lifecycle::{external_workspace, valid_domain_name};
use crate::model::*;
use crate::prices::{self, decimal, dollars};
use crate::rules::Rule;
use crate::server::AppState;
use crate::sim::{timing, Job, Sim};
use crate::time::iso;

pub fn domain_json(d: &Domain) -> Value {
    json!({
        "domainId": d.id, "domainName": d.name, "status": d.status.as_str(),
        "registeredOn": iso(d.registered_on), "expireOn": iso(d.expire_on),
        "purchaseType": d.purchase_type, "serviceProvider": d.provider.as_str(),
        "autoRenew": d.auto_renew, "domainProtection": d.protection,
        "forwardTo": d.forward_to, "emailForwarding": d.email_forwarding,
        "userId": d.user_id,
    })
}

/// Domain names from `domains` (names) or `domainIds`/`ids`, resolved against the user.
fn user_domains(sim: &Sim, user_id: &str, body: &Value) -> Result<Vec<Domain>, ApiError> {
    let mut keys = str_list(body, "domains", false)?;
    keys.extend(str_list(body, "domainIds", false)?);
    keys.extend(str_list(body, "ids", false)?);
    if keys.is_empty() {
        return Err(ApiError::bad_request("domains is required"));
    }
    keys.iter().map(|k| sim.user_domain(user_id, &k.to_ascii_lowercase()).or_else(|_| sim.user_domain(user_id, k)).cloned()).collect()
}

fn body_user(body: &Value) -> Result<&str, ApiError> {
    require_object(body)?;
    str_field(body, "userId").ok_or_else(ApiError::missing_user)
}

pub async fn get_domain_renewal_price(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = body_user(&body)?;
    str_list(&body, "domains", true)?;
    let sim = s.sim();
    sim.user(user_id)?;
    let rows: Vec<Value> = user_domains(&sim, user_id, &body)?
        .iter()
        .map(|d| json!({"domainName": d.name, "domainId": d.id, "years": 1,
            "renewalPrice": decimal(prices::renewal(&d.name)), "expireOn": iso(d.expire_on),
            "autoRenew": d.auto_renew}))
        .collect();
    ok("Domain renewal prices fetched successfully", json!(rows))
}

/// `years`, 1..=10 under [`Rule::YearsRange`]; at least 1 even when lenient (a negative
/// renewal would move expiry backwards).
pub fn years_of(v: Option<&Value>, lenient: bool) -> Result<i64, ApiError> {
    match v {
        None | Some(Value::Null) => Ok(1),
        Some(v) => {
            let range = if Rule::YearsRange.on(lenient) { 1..=10 } else { 1..=i64::MAX };
            v.as_i64().filter(|y| range.contains(y)).ok_or_else(|| ApiError::unprocessable("years must be between 1 and 10"))
        }
    }
}

pub async fn renew_domains(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = body_user(&body)?.to_string();
    str_list(&body, "domains", true)?;
    let years = years_of(body.get("years"), s.lenient)?;
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let domains = user_domains(&sim, &user_id, &body)?;
    if let Some(reason) = domains.iter().find_map(|d| sim.renewal_block(d)) {
        return Err(ApiError::unprocessable(reason));
    }
    let total: Cents = domains.iter().map(|d| prices::renewal(&d.name) * years).sum();
    let names: Vec<&str> = domains.iter().map(|d| d.name.as_str()).collect();
    sim.charge(total, &format!("Domain renewal: {}", names.join(", ")), None)?;
    let action = sim.action_id();
    for d in &domains {
        sim.domains.get_mut(&d.id).unwrap().status = DomainStatus::Renewing;
        let job = Job::DomainRenewed { domain_id: d.id.clone(), years, action: Some(action.clone()) };
        sim.schedule(timing::RENEWAL, job);
    }
    let msg = format!("Renewal queued for {} domain(s); ${} charged", domains.len(), decimal(total));
    accepted(&msg, Data::Omit, &action)
}

pub async fn toggle_domain_auto_renew(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = body_user(&body)?.to_string();
    str_list(&body, "domains", true)?;
    let on = opt_bool(&body, "autoRenew")?.ok_or_else(|| ApiError::bad_request("autoRenew is required"))?;
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let domains = user_domains(&sim, &user_id, &body)?;
    let mut rows = Vec::new();
    for d in &domains {
        sim.domains.get_mut(&d.id).unwrap().auto_renew = on;
        // Turning auto-renew on queues a renewal for a domain already inside its grace period.
        if on && d.status == DomainStatus::GracePeriod && sim.renewal_block(d).is_none() {
            let cost = prices::renewal(&d.name);
            if sim.charge(cost, &format!("Domain auto-renewal: {}", d.name), Some(&d.id)).is_ok() {
                sim.domains.get_mut(&d.id).unwrap().status = DomainStatus::Renewing;
                sim.schedule(timing::RENEWAL, Job::DomainRenewed { domain_id: d.id.clone(), years: 1, action: None });
            }
        }
        rows.push(json!({"domainName": d.name, "domainId": d.id, "autoRenew": on}));
    }
    let msg = format!("Auto-renew toggled {} for {} domain{}.", if on { "on" } else { "off" }, rows.len(),
        if rows.len() == 1 { "" } else { "s" });
    ok(&msg, json!(rows))
}

pub async fn get_domains_for_user(State(s): State<AppState>, p: Params) -> ApiResult {
    let user_id = p.user_id()?;
    let (page, limit) = p.paging(20, 100)?;
    let status = match p.get("status") {
        None => None,
        Some(v) => Some(DomainStatus::parse(v).ok_or_else(|| ApiError::bad_request(format!("Unknown status {v}")))?),
    };
    let sim = s.sim();
    // A wrong userId yields an empty list, not 404 (documented behaviour).
    let rows: Vec<Value> = sim
        .domains
        .values()
        .filter(|d| d.user_id == user_id && status.is_none_or(|st| d.status == st))
        .map(domain_json)
        .collect();
    let (rows, pagination) = paginate(&rows, page, limit);
    ok("Domains fetched successfully", json!({"domains": rows, "pagination": pagination}))
}

fn quote(sim: &Sim, name: &str) -> Value {
    let price = prices::registration(name).unwrap_or(0);
    json!({"domain": name, "available": sim.unavailable_reason(name).is_none(), "price": dollars(price)})
}

pub async fn suggest_available_domains(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    require_object(&body)?;
    let raw = req_str(&body, "domain")?.to_ascii_lowercase();
    let (keyword, given_tld) = match raw.split_once('.') {
        Some((k, t)) => (k.to_string(), Some(t.to_string())),
        None => (raw.clone(), None),
    };
    let keyword: String = keyword.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let keyword = keyword.trim_matches('-').to_string();
    if keyword.is_empty() || (s.rule_on(Rule::DomainNameValid) && keyword.len() > 50) {
        return Err(ApiError::unprocessable("domain must be a keyword or a domain name"));
    }
    let mut tlds: Vec<String> = str_list(&body, "tlds", false)?
        .iter()
        .map(|t| t.trim_start_matches('.').to_ascii_lowercase())
        .collect();
    if tlds.is_empty() {
        tlds = match given_tld {
            Some(t) => vec![t],
            None => prices::DEFAULT_TLDS.iter().map(|t| t.to_string()).collect(),
        };
    }
    let unsupported = tlds.iter().find(|t| !prices::TLDS.iter().any(|(x, _, _)| x == t));
    if let Some(t) = unsupported.filter(|_| s.rule_on(Rule::TldSupported)) {
        return Err(ApiError::unprocessable(format!("The .{t} extension is not supported")));
    }
    let sim = s.sim();
    let mut names: Vec<String> = tlds.iter().map(|t| format!("{keyword}.{t}")).collect();
    for v in ["get", "try", "use", "meet"] {
        names.push(format!("{v}{keyword}.{}", tlds[0]));
    }
    for v in ["hq", "mail", "team", "app"] {
        names.push(format!("{keyword}{v}.{}", tlds[0]));
    }
    let rows: Vec<Value> = names.iter().filter(|n| valid_domain_name(n)).map(|n| quote(&sim, n)).collect();
    ok("Domain suggestions fetched successfully", json!(rows))
}

pub async fn get_single_available_domain(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    require_object(&body)?;
    let name = req_str(&body, "domainName")?.to_ascii_lowercase();
    if s.rule_on(Rule::DomainNameValid) && !valid_domain_name(&name) {
        return Err(ApiError::unprocessable(format!("{name} is not a valid domain name")));
    }
    if s.rule_on(Rule::TldSupported) && prices::registration(&name).is_none() {
        return Err(ApiError::unprocessable(format!("The .{} extension is not supported", prices::tld_of(&name))));
    }
    let sim = s.sim();
    ok("Domain availability fetched successfully", quote(&sim, &name))
}

fn workspace_exists(sim: &Sim, name: &str) -> bool {
    match sim.domain_by_name(name) {
        Some(d) => sim.active_subscription_of_domain(&d.id).is_some(),
        None => external_workspace(name),
    }
}

pub async fn check_workspace_exists(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    require_object(&body)?;
    let sim = s.sim();
    if let Some(items) = body.get("domains") {
        let items = items.as_array().ok_or_else(|| ApiError::bad_request("domains must be an array"))?;
        if items.is_empty() {
            return Err(ApiError::bad_request("domains must not be empty"));
        }
        let mut rows = Vec::new();
        for it in items {
            let name = req_str(it, "domainName")?.to_ascii_lowercase();
            let exists = workspace_exists(&sim, &name);
            rows.push(json!({"domainName": name, "serviceProvider": str_field(it, "serviceProvider"),
                "success": !exists, "workspaceExists": exists,
                "message": if exists { "Workspace already exists" } else { "Workspace not exists" }}));
        }
        return ok("Workspace check completed", json!(rows));
    }
    let name = req_str(&body, "domainName")?.to_ascii_lowercase();
    if sim.rule_on(Rule::WorkspaceConflict) && workspace_exists(&sim, &name) {
        return Err(ApiError::conflict(format!("Workspace already exists for {name}")));
    }
    Ok(envelope(200, "Workspace not exists", Data::Null, None))
}

pub async fn add_domain_forwarding(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let target = req_str(&body, "forwardTo")?.to_string();
    let host = target.trim_start_matches("https://").trim_start_matches("http://");
    let host = host.split('/').next().unwrap_or("");
    if s.rule_on(Rule::DomainNameValid) && !valid_domain_name(&host.to_ascii_lowercase()) {
        return Err(ApiError::unprocessable("forwardTo must be a URL or a domain name"));
    }
    let mask = opt_bool(&body, "maskForwarding")?.unwrap_or(false);
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let domains = user_domains(&sim, &user_id, &body)?;
    if let Some(d) = domains.iter().find(|d| d.status != DomainStatus::Active).filter(|_| sim.rule_on(Rule::ForwardingActive)) {
        return Err(ApiError::unprocessable(format!("{} is {}; forwarding needs an ACTIVE domain", d.name, d.status.as_str())));
    }
    let action = sim.action_id();
    for d in &domains {
        let job = Job::Forwarding { domain_id: d.id.clone(), forward_to: target.clone(), mask, action: action.clone() };
        sim.schedule(timing::APPLY, job);
    }
    accepted("Domain forwarding will be applied shortly", Data::Omit, &action)
}

pub async fn add_email_forwarding(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let email = req_str(&body, "email")?.to_string();
    let looks_like_address = email.contains('@') && email.split('@').nth(1).is_some_and(|d| d.contains('.'));
    if s.rule_on(Rule::UserEmailFormat) && !looks_like_address {
        return Err(ApiError::unprocessable("email must be a valid email address"));
    }
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let domains = user_domains(&sim, &user_id, &body)?;
    for d in &domains {
        let boxes = sim.domain_mailboxes(&d.id);
        let boxes_active = boxes.iter().all(|m| m.status == MailboxStatus::Active);
        let domain_ready = d.status == DomainStatus::Active && !boxes.is_empty();
        if (sim.rule_on(Rule::EmailForwardingActive) && !boxes_active) || (sim.rule_on(Rule::ForwardingActive) && !domain_ready) {
            return Err(ApiError::unprocessable(format!(
                "Email forwarding for {} needs an ACTIVE domain whose mailboxes are all ACTIVE",
                d.name
            )));
        }
    }
    let action = sim.action_id();
    for d in &domains {
        let job = Job::EmailForwarding { domain_id: d.id.clone(), email: email.clone(), action: action.clone() };
        sim.schedule(timing::APPLY, job);
    }
    accepted("Email forwarding will be applied shortly", Data::Omit, &action)
}

pub async fn add_google_client_id_to_domain(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = body_user(&body)?.to_string();
    str_list(&body, "domains", true)?;
    let client_id = req_str(&body, "clientId")?.to_string();
    let app_name = req_str(&body, "appName")?.to_string();
    if s.rule_on(Rule::ClientIdValid) && !client_id.ends_with(".apps.googleusercontent.com") {
        return Err(ApiError::bad_request("Validation failed for client id: expected <id>.apps.googleusercontent.com"));
    }
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let domains = user_domains(&sim, &user_id, &body)?;
    if let Some(d) = domains.iter().find(|d| d.provider != Provider::Google).filter(|_| sim.rule_on(Rule::ClientIdValid)) {
        return Err(ApiError::unprocessable(format!("{} is not a Google workspace domain", d.name)));
    }
    for d in &domains {
        let dm = sim.domains.get_mut(&d.id).unwrap();
        dm.client_ids.retain(|(c, _)| c != &client_id);
        dm.client_ids.push((client_id.clone(), app_name.clone()));
    }
    let action = sim.action_id();
    accepted("Client ID validated and queued for the domains", Data::Omit, &action)
}

pub async fn remove_domains(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let domains = user_domains(&sim, &user_id, &body)?;
    for d in &domains {
        let n = sim.domain_mailboxes(&d.id).len();
        if sim.rule_on(Rule::DomainRemoveEmpty) && n > 0 {
            return Err(ApiError::unprocessable(format!("{} still has {n} mailbox(es); remove them first", d.name)));
        }
        if sim.rule_on(Rule::PendingDomainLocked) && d.status == DomainStatus::Pending {
            return Err(ApiError::unprocessable(format!("{} is still being registered", d.name)));
        }
    }
    let action = sim.action_id();
    for d in &domains {
        sim.schedule(timing::APPLY, Job::RemoveDomain { domain_id: d.id.clone() });
    }
    accepted("Domain removal queued", Data::Omit, &action)
}
