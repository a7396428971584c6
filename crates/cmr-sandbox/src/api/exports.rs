//! Sending-platform credentials and exports (EmailBison, ReachInbox, Smartlead, Instantly),
//! and OAuth re-export of a mailbox.

use axum::extract::State;
use serde_json::{json, Map, Value};

use super::{req_str, require_object, str_field, str_list};
use crate::envelope::{accepted, envelope, ok, ApiError, ApiResult, Data, JsonBody, Params};
use crate::model::*;
use crate::rules::Rule;
use crate::server::AppState;
use crate::sim::{timing, Job, Sim};
use crate::time::iso;

const PLATFORMS: [Platform; 4] = [Platform::Emailbison, Platform::Reachinbox, Platform::Smartlead, Platform::Instantly];

/// The live API checks credentials against the platform; the sandbox rejects passwords that
/// say so, which keeps failure paths easy to reach in tests and demos.
/// Enforces [`Rule::CredentialValidation`] (documented) and [`Rule::PlatformMetadata`]
/// (assumed: skipped when lenient).
fn platform_rejects(platform: Platform, email: &str, password: &str, metadata: &Value, lenient: bool) -> Option<String> {
    let p = password.to_ascii_lowercase();
    if p.contains("invalid") || p.contains("wrong") || password.len() < 6 {
        return Some(format!("{} rejected the credentials", platform.as_str()));
    }
    if !email.contains('@') {
        return Some("credentials.email must be an email address".into());
    }
    match platform {
        _ if !Rule::PlatformMetadata.on(lenient) => None,
        Platform::Emailbison if str_field(metadata, "appBaseUrl").is_none() => {
            Some("metadata.appBaseUrl is required for EMAILBISON".into())
        }
        Platform::Reachinbox if email.contains("free") => Some("ReachInbox requires an active paid plan".into()),
        _ => None,
    }
}

fn credential_json(c: &Credential) -> Value {
    let mut metadata = c.metadata.clone();
    if let Some(m) = metadata.as_object_mut() {
        m.remove("clientId");
    }
    let mut v = json!({"credentialId": c.id, "email": c.email, "connectedAt": iso(c.connected_at), "metadata": metadata});
    if let Some(org) = &c.org_id {
        v["orgId"] = json!(org);
    }
    v
}

/// Enforces [`Rule::CredentialOwner`] (documented).
fn user_credential<'a>(sim: &'a Sim, user_id: &str, id: &str) -> Result<&'a Credential, ApiError> {
    let c = sim.credentials.get(id).ok_or_else(|| ApiError::not_found(format!("Credential {id} not found")))?;
    if c.user_id != user_id {
        return Err(ApiError::forbidden(format!("Credential {id} does not belong to this user")));
    }
    Ok(c)
}

pub async fn get_connected_platforms(State(s): State<AppState>, p: Params) -> ApiResult {
    let user_id = p.user_id()?;
    let sim = s.sim();
    sim.user(user_id)?;
    let mut map = Map::new();
    for platform in PLATFORMS {
        let creds: Vec<Value> = sim
            .credentials
            .values()
            .filter(|c| c.user_id == user_id && c.platform == platform)
            .map(credential_json)
            .collect();
        map.insert(platform.as_str().into(), json!({"connected": !creds.is_empty(), "credentials": creds}));
    }
    ok("Fetched connected accounts successfully", Value::Object(map))
}

pub async fn add_platform_credential(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let app = req_str(&body, "app")?;
    let platform = Platform::parse(app).ok_or_else(|| ApiError::bad_request(format!("Unknown app {app}")))?;
    let creds = body.get("credentials").filter(|c| c.is_object()).ok_or_else(|| ApiError::bad_request("credentials is required"))?;
    let email = req_str(creds, "email")?.to_string();
    let password = req_str(creds, "password")?.to_string();
    let metadata = body.get("metadata").cloned().filter(|m| m.is_object()).unwrap_or(json!({}));
    let mut sim = s.sim();
    sim.user(&user_id)?;
    if let Some(reason) = platform_rejects(platform, &email, &password, &metadata, sim.lenient) {
        return Err(ApiError::bad_request(format!("Platform credential validation failed: {reason}")));
    }
    let id = sim.id_of_len(16);
    let cred = Credential {
        id: id.clone(), user_id, platform, email, password, metadata,
        org_id: str_field(&body, "orgId").map(str::to_string), connected_at: sim.now,
    };
    sim.credentials.insert(id.clone(), cred);
    ok("Platform credentials added successfully", json!({"credentialId": id}))
}

pub async fn update_platform_credential(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let id = req_str(&body, "credentialId")?.to_string();
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let mut c = user_credential(&sim, &user_id, &id)?.clone();
    if let Some(creds) = body.get("credentials").filter(|c| c.is_object()) {
        if let Some(e) = str_field(creds, "email") {
            c.email = e.to_string();
        }
        if let Some(pw) = str_field(creds, "password") {
            c.password = pw.to_string();
        }
    }
    if let Some(org) = str_field(&body, "orgId") {
        if sim.rule_on(Rule::PlatformMetadata) && c.platform != Platform::Instantly {
            return Err(ApiError::bad_request("orgId applies to INSTANTLY credentials only"));
        }
        c.org_id = Some(org.to_string());
    }
    if let Some(reason) = platform_rejects(c.platform, &c.email, &c.password, &c.metadata, sim.lenient) {
        return Err(ApiError::bad_request(format!("Platform credential validation failed: {reason}")));
    }
    let v = credential_json(&c);
    sim.credentials.insert(id, c);
    ok("Platform credential updated successfully", v)
}

pub async fn remove_platform_credential(State(s): State<AppState>, p: Params) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    let id = p.require("credentialId")?.to_string();
    let mut sim = s.sim();
    sim.user(&user_id)?;
    user_credential(&sim, &user_id, &id)?;
    sim.credentials.remove(&id);
    Ok(envelope(200, "Platform credentials removed successfully", Data::Null, None))
}

pub async fn get_platform_workspaces(State(s): State<AppState>, p: Params) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    let id = p.require("credentialId")?.to_string();
    let sim = s.sim();
    sim.user(&user_id)?;
    let c = user_credential(&sim, &user_id, &id)?;
    if c.platform != Platform::Instantly {
        return Err(ApiError::unprocessable("Workspaces exist for INSTANTLY credentials only"));
    }
    let base = c.email.split('@').next().unwrap_or("team").to_string();
    let rows: Vec<Value> = ["Main", "Outbound", "Agency clients"]
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"orgId": format!("org_{}_{}", &c.id[..8], i + 1), "name": format!("{base} – {n}"),
            "selected": c.org_id.as_deref() == Some(&format!("org_{}_{}", &c.id[..8], i + 1))}))
        .collect();
    ok("Workspaces fetched successfully", json!(rows))
}

pub async fn export_mailboxes_to_platform(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let cred_id = req_str(&body, "credentialId")?.to_string();
    let mut ids = str_list(&body, "componentMailboxIds", false)?;
    ids.extend(str_list(&body, "mailboxIds", false)?);
    if ids.is_empty() {
        return Err(ApiError::bad_request("componentMailboxIds is required"));
    }
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let platform = user_credential(&sim, &user_id, &cred_id)?.platform;
    if sim.rule_on(Rule::PlatformMetadata) && platform == Platform::Instantly && sim.credentials[&cred_id].org_id.is_none() {
        return Err(ApiError::bad_request("Choose an Instantly workspace (orgId) for this credential first"));
    }
    for id in &ids {
        let m = sim.mailboxes.get(id).ok_or_else(|| ApiError::not_found(format!("Mailbox {id} not found")))?;
        if m.user_id != user_id {
            return Err(ApiError::forbidden(format!("Mailbox {id} does not belong to this user")));
        }
        if sim.rule_on(Rule::MailboxMustBeActive) && m.status != MailboxStatus::Active {
            return Err(ApiError::bad_request(format!("Mailbox {id} is {}; only ACTIVE mailboxes can be exported", m.status.as_str())));
        }
        if sim.rule_on(Rule::ExportOnce) && m.export_busy_until > sim.now {
            return Err(ApiError::bad_request(format!("An export of mailbox {id} is already in progress")));
        }
    }
    let action = sim.action_id();
    let until = sim.now + timing::EXPORT;
    for id in ids {
        sim.mailboxes.get_mut(&id).unwrap().export_busy_until = until;
        sim.schedule(timing::EXPORT, Job::Exported { mailbox_id: id, platform: Some(platform), action: action.clone() });
    }
    accepted("Mailboxes queued for export", Data::Omit, &action)
}

pub async fn re_export_mailbox_o_auth(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let id = req_str(&body, "mailboxId")?.to_string();
    let mut sim = s.sim();
    sim.user(&user_id)?;
    let m = super::mailboxes::user_mailbox(&sim, &user_id, &id)?.clone();
    if sim.rule_on(Rule::MailboxMustBeActive) && m.status != MailboxStatus::Active {
        return Err(ApiError::unprocessable(format!("Mailbox {id} is {}; only ACTIVE mailboxes can be exported", m.status.as_str())));
    }
    let google = body.get("google").filter(|g| g.is_object());
    let microsoft = body.get("microsoft").filter(|g| g.is_object()).or_else(|| body.get("microsoftOauthRoute").map(|_| &body));
    match m.provider {
        _ if !sim.rule_on(Rule::OauthRoute) => {}
        Provider::Google if google.is_none_or(|g| str_field(g, "googleOauthRoute").is_none()) => {
            return Err(ApiError::bad_request("A GOOGLE mailbox needs google.googleOauthRoute"))
        }
        Provider::Microsoft if microsoft.is_none_or(|g| str_field(g, "microsoftOauthRoute").is_none()) => {
            return Err(ApiError::bad_request("A MICROSOFT mailbox needs microsoft.microsoftOauthRoute"))
        }
        _ => {}
    }
    let action = sim.action_id();
    sim.schedule(timing::EXPORT, Job::Exported { mailbox_id: id, platform: None, action: action.clone() });
    accepted("Mailbox re-export queued", Data::Omit, &action)
}
