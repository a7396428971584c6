//! Mailboxes: listing, details, admin credentials, profile updates, removal, health check.

use axum::extract::State;
use serde_json::{json, Value};

use super::{req_str, require_object};
use crate::envelope::{accepted, envelope, ok, paginate, ApiError, ApiResult, Data, JsonBody, Params};
use crate::lifecycle::valid_username;
use crate::model::*;
use crate::rules::Rule;
use crate::server::AppState;
use crate::sim::{timing, Job, Sim};
use crate::time::{iso, HOUR};

pub fn user_mailbox<'a>(sim: &'a Sim, user_id: &str, mailbox_id: &str) -> Result<&'a Mailbox, ApiError> {
    sim.mailboxes
        .get(mailbox_id)
        .filter(|m| m.user_id == user_id)
        .ok_or_else(|| ApiError::not_found(format!("Mailbox {mailbox_id} not found for this user")))
}

fn list(sim: &Sim, user: Option<&str>, p: &Params) -> ApiResult {
    let (page, limit) = p.paging(20, 100)?;
    let ids: Vec<&String> = sim
        .mailboxes
        .values()
        .filter(|m| user.is_none_or(|u| m.user_id == u))
        .map(|m| &m.id)
        .collect();
    let (ids, pagination) = paginate(&ids, page, limit);
    let rows: Vec<Value> = ids.iter().map(|id| sim.mailbox_json(&sim.mailboxes[*id])).collect();
    ok("Mailboxes fetched successfully", json!({"mailboxes": rows, "pagination": pagination}))
}

pub async fn list_all_mailboxes(State(s): State<AppState>, p: Params) -> ApiResult {
    let sim = s.sim();
    list(&sim, None, &p)
}

pub async fn get_mailboxes_for_user(State(s): State<AppState>, p: Params) -> ApiResult {
    let user_id = p.user_id()?;
    let sim = s.sim();
    sim.user(user_id)?;
    list(&sim, Some(user_id), &p)
}

pub async fn get_mailbox_by_id(State(s): State<AppState>, p: Params) -> ApiResult {
    let mailbox_id = p.require("mailboxId")?;
    let sim = s.sim();
    let m = sim
        .mailboxes
        .get(mailbox_id)
        .filter(|m| p.get("userId").is_none_or(|u| m.user_id == u))
        .ok_or_else(|| ApiError::not_found(format!("Mailbox {mailbox_id} not found")))?;
    let mut v = sim.mailbox_json(m);
    if m.status == MailboxStatus::Active {
        v["password"] = json!(m.password);
        v["appPassword"] = json!(m.app_password);
        v["authenticatorSecret"] = json!(m.authenticator_secret);
    }
    ok("Mailbox fetched successfully", json!({"mailbox": v}))
}

pub async fn get_mailbox_admin_details(State(s): State<AppState>, p: Params) -> ApiResult {
    let user_id = p.user_id()?;
    let mailbox_id = p.require("mailboxId")?;
    let sim = s.sim();
    sim.user(user_id)?;
    let m = user_mailbox(&sim, user_id, mailbox_id)?;
    let admin = sim
        .domain_mailboxes(&m.domain_id)
        .into_iter()
        .find(|x| x.is_admin)
        .ok_or_else(|| ApiError::not_found("No admin mailbox exists for this workspace yet"))?;
    ok("Mailbox admin details fetched successfully", json!({
        "mailboxId": m.id, "domain": m.domain, "serviceProvider": m.provider.as_str(),
        "adminMailboxId": admin.id, "adminEmail": admin.email(), "email": admin.email(), "password": admin.password,
        "appPassword": admin.app_password, "authenticatorSecret": admin.authenticator_secret,
        "secret": admin.authenticator_secret,
        "status": admin.status.as_str(),
    }))
}

/// Checks one update item; returns the changes to apply later.
fn check_update(sim: &Sim, user_id: &str, item: &Value) -> Result<(String, Value), ApiError> {
    require_object(item)?;
    let id = req_str(item, "mailboxId")?;
    let m = user_mailbox(sim, user_id, id)?;
    if sim.rule_on(Rule::MailboxMustBeActive) && m.status != MailboxStatus::Active {
        return Err(ApiError::unprocessable(format!("Mailbox {id} is {}; only ACTIVE mailboxes can be updated", m.status.as_str())));
    }
    let mut changes = item.clone();
    if let Some(u) = item.get("userName") {
        let u = u.as_str().ok_or_else(|| ApiError::bad_request("userName must be a string"))?.trim().to_ascii_lowercase();
        if sim.rule_on(Rule::UsernameFormat) && !valid_username(&u) {
            return Err(ApiError::unprocessable(format!("Invalid userName '{u}'")));
        }
        if sim.rule_on(Rule::UsernameUnique) && sim.domain_mailboxes(&m.domain_id).iter().any(|x| x.id != m.id && x.username == u) {
            return Err(ApiError::unprocessable(format!("{u}@{} already exists", m.domain)));
        }
        changes["userName"] = json!(u);
    }
    for k in ["firstName", "lastName"] {
        if let Some(v) = item.get(k) {
            if v.as_str().is_none_or(|s| s.trim().is_empty()) {
                return Err(ApiError::unprocessable(format!("{k} must be a non-empty string")));
            }
        }
    }
    if let Some(pic) = item.get("profilePicture") {
        if sim.rule_on(Rule::ProfilePictureUrl) && pic.as_str().is_none_or(|s| !s.starts_with("http")) {
            return Err(ApiError::unprocessable("profilePicture must be an image URL"));
        }
    }
    Ok((m.id.clone(), changes))
}

pub async fn update_mailbox_details(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let data = body.get("mailboxData").cloned().ok_or_else(|| ApiError::bad_request("mailboxData is required"))?;
    let mut sim = s.sim();
    sim.user(&user_id)?;
    const MSG: &str = "Mailbox details will update shortly";
    match data {
        Value::Array(items) => {
            if items.is_empty() {
                return Err(ApiError::bad_request("mailboxData must not be empty"));
            }
            let action = sim.action_id();
            let mut rows = Vec::new();
            for item in &items {
                let id = item.get("mailboxId").and_then(Value::as_str).unwrap_or("").to_string();
                match check_update(&sim, &user_id, item) {
                    Ok((id, changes)) => {
                        sim.schedule(timing::APPLY, Job::ApplyMailboxUpdate { mailbox_id: id.clone(), changes, action: action.clone() });
                        rows.push(json!({"mailboxId": id, "success": true, "message": MSG}));
                    }
                    Err(e) => rows.push(json!({"mailboxId": id, "success": false, "message": e.message})),
                }
            }
            accepted(MSG, Data::Some(json!(rows)), &action)
        }
        item => {
            let (id, changes) = check_update(&sim, &user_id, &item)?;
            let action = sim.action_id();
            sim.schedule(timing::APPLY, Job::ApplyMailboxUpdate { mailbox_id: id, changes, action: action.clone() });
            accepted(MSG, Data::Omit, &action)
        }
    }
}

pub async fn remove_mailbox(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let id = req_str(&body, "mailboxId")?.to_string();
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let m = user_mailbox(&sim, &user_id, &id)?.clone();
    if sim.rule_on(Rule::MailboxMustBeActive) && matches!(m.status, MailboxStatus::InProgress | MailboxStatus::CreatingPassword) {
        return Err(ApiError::unprocessable("The mailbox is still being created"));
    }
    let expiry = sim.mailbox_expiry(&m);
    if sim.rule_on(Rule::MailboxRemovalCutoff) && m.status == MailboxStatus::Active && sim.now > expiry - 24 * HOUR {
        return Err(ApiError::unprocessable(format!(
            "A mailbox can only be removed earlier than 24 hours before its subscription expires ({})",
            iso(expiry)
        )));
    }
    sim.schedule(timing::APPLY, Job::RemoveMailbox { mailbox_id: id });
    Ok(envelope(200, "Mailbox will be removed shortly", Data::Omit, None))
}

pub async fn validate_mailbox(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let id = req_str(&body, "mailboxId")?.to_string();
    let sim = s.sim();
    sim.user(&user_id)?;
    let m = user_mailbox(&sim, &user_id, &id)?;
    let dns = sim.domains.get(&m.domain_id).map(|d| d.dns.clone()).unwrap_or_default();
    let has = |f: &dyn Fn(&DnsRecord) -> bool| dns.iter().any(f);
    let spf = has(&|r| r.rtype == RecordType::Txt && r.host == "@" && r.value.starts_with("v=spf1"));
    let dkim = has(&|r| r.host.ends_with("._domainkey"));
    let dmarc = has(&|r| r.rtype == RecordType::Txt && crate::api::dns::is_dmarc_host(&r.host));
    let mx = has(&|r| r.rtype == RecordType::Mx);
    let active = m.status == MailboxStatus::Active;
    let mut issues = Vec::new();
    for (ok, what) in [(spf, "SPF record missing"), (dkim, "DKIM record missing"), (dmarc, "DMARC record missing"),
        (mx, "MX record missing"), (active, "Mailbox is not ACTIVE")] {
        if !ok {
            issues.push(what);
        }
    }
    ok("Mailbox validated", json!({"mailboxId": m.id, "email": m.email(), "valid": issues.is_empty(),
        "smtp": if active { "OK" } else { "UNAVAILABLE" }, "imap": if active { "OK" } else { "UNAVAILABLE" },
        "dns": {"spf": spf, "dkim": dkim, "dmarc": dmarc, "mx": mx}, "issues": issues}))
}
