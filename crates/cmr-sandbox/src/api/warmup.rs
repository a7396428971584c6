//! Warmup enrolment and settings, and inbox-placement tests.

use axum::extract::State;
use serde_json::{json, Value};

use super::{opt_bool, require_object};
use crate::envelope::{accepted, ok, paginate, ApiError, ApiResult, Data, JsonBody, Params};
use crate::model::*;
use crate::rules::Rule;
use crate::prices::{self, decimal};
use crate::server::AppState;
use crate::sim::{timing, Job, Sim};
use crate::time::{iso, DAY};

pub fn default_settings() -> Value {
    json!({"warmupLimit": 40, "minimumWarmupLimit": 5, "warmupReplyRate": 0.30, "warmupOpenRate": 0.80,
        "warmupSpamProtectionRate": 0.20, "warmupOnWeekdays": true, "increasePerDay": 2,
        "warmupDisableSlow": false, "minimumDelayBetweenWarmupEmails": 60, "maximumDelayBetweenWarmupEmails": 300})
}

fn mailbox<'a>(sim: &'a Sim, p: &Params) -> Result<&'a Mailbox, ApiError> {
    let id = p.require("mailboxId")?;
    sim.mailboxes.get(id).ok_or_else(|| ApiError::not_found(format!("Mailbox {id} not found")))
}

fn warmup_status(m: &Mailbox) -> Option<WarmupStatus> {
    m.warmup.as_ref().map(|w| w.status)
}

pub async fn add_warmup(State(s): State<AppState>, p: Params) -> ApiResult {
    let mut sim = s.sim();
    let m = mailbox(&sim, &p)?.clone();
    if sim.rule_on(Rule::MailboxMustBeActive) && m.status != MailboxStatus::Active {
        return Err(ApiError::unprocessable("Only ACTIVE mailboxes can be enrolled in warmup"));
    }
    if sim.rule_on(Rule::WarmupOnce) && matches!(warmup_status(&m), Some(WarmupStatus::Pending | WarmupStatus::Active | WarmupStatus::Paused)) {
        return Err(ApiError::unprocessable("The mailbox is already enrolled in warmup"));
    }
    // Prorated: warmupPrice x daysRemaining / 30, no refunds later.
    let days = ((sim.mailbox_expiry(&m) - sim.now).max(0) + DAY - 1) / DAY;
    let cost = prices::WARMUP_MONTHLY * days.min(30) / 30;
    sim.charge(cost, &format!("Warmup (prorated {days} days): {}", m.email()), Some(&m.id))
        .map_err(|e| ApiError::unprocessable(e.message))?;
    let now = sim.now;
    sim.mailboxes.get_mut(&m.id).unwrap().warmup =
        Some(Warmup { status: WarmupStatus::Pending, since: now, settings: default_settings() });
    sim.schedule(timing::WARMUP_ACTIVATION, Job::WarmupActivate { mailbox_id: m.id.clone() });
    let action = sim.action_id();
    accepted(&format!("Warmup enrollment queued; ${} charged", decimal(cost)), Data::Omit, &action)
}

fn stop(sim: &mut Sim, m: &Mailbox) {
    sim.mailboxes.get_mut(&m.id).unwrap().warmup.as_mut().unwrap().status = WarmupStatus::Stopped;
    let data = json!({"mailboxId": m.id, "email": m.email(), "domain": m.domain, "workspaceType": m.provider.as_str()});
    sim.emit("mailbox.warmup.removed", data, None);
}

pub async fn remove_warmup(State(s): State<AppState>, p: Params) -> ApiResult {
    let mut sim = s.sim();
    let m = mailbox(&sim, &p)?.clone();
    match warmup_status(&m) {
        None | Some(WarmupStatus::Stopped) => Err(ApiError::unprocessable("The mailbox is not enrolled in warmup")),
        Some(_) => {
            stop(&mut sim, &m);
            let action = sim.action_id();
            accepted("Warmup disabled", Data::Null, &action)
        }
    }
}

pub async fn toggle_warmup(State(s): State<AppState>, p: Params) -> ApiResult {
    let mut sim = s.sim();
    let m = mailbox(&sim, &p)?.clone();
    let (next, msg) = match warmup_status(&m) {
        Some(WarmupStatus::Active) => (WarmupStatus::Paused, "Warmup paused"),
        Some(WarmupStatus::Paused) => (WarmupStatus::Active, "Warmup resumed"),
        Some(WarmupStatus::Pending) => return Err(ApiError::unprocessable("Warmup is still starting; try again shortly")),
        _ => return Err(ApiError::unprocessable("The mailbox is not enrolled in warmup")),
    };
    sim.mailboxes.get_mut(&m.id).unwrap().warmup.as_mut().unwrap().status = next;
    let action = sim.action_id();
    accepted(msg, Data::Some(json!({"status": next.as_str()})), &action)
}

pub async fn set_warmup_status(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    require_object(&body)?;
    let wanted = super::req_str(&body, "status")?;
    let wanted = WarmupStatus::parse(wanted).ok_or_else(|| ApiError::bad_request(format!("Unknown warmup status {wanted}")))?;
    let mut sim = s.sim();
    let m = mailbox(&sim, &p)?.clone();
    let current = warmup_status(&m);
    match (current, wanted) {
        (None | Some(WarmupStatus::Stopped), _) => return Err(ApiError::unprocessable("The mailbox is not enrolled in warmup")),
        (Some(c), w) if c == w => {}
        (_, WarmupStatus::Stopped) => stop(&mut sim, &m),
        (Some(WarmupStatus::Active), WarmupStatus::Paused) | (Some(WarmupStatus::Paused), WarmupStatus::Active) => {
            sim.mailboxes.get_mut(&m.id).unwrap().warmup.as_mut().unwrap().status = wanted;
        }
        (Some(_), w) if !sim.rule_on(Rule::WarmupOnce) => {
            sim.mailboxes.get_mut(&m.id).unwrap().warmup.as_mut().unwrap().status = w;
        }
        (Some(c), w) => {
            return Err(ApiError::unprocessable(format!("Warmup cannot go from {} to {}", c.as_str(), w.as_str())))
        }
    }
    let action = sim.action_id();
    accepted(&format!("Warmup status set to {}", wanted.as_str()), Data::Omit, &action)
}

pub async fn update_warmup_settings(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    require_object(&body)?;
    let mut sim = s.sim();
    let m = mailbox(&sim, &p)?.clone();
    if matches!(warmup_status(&m), None | Some(WarmupStatus::Stopped)) {
        return Err(ApiError::unprocessable("The mailbox is not enrolled in warmup"));
    }
    let mut settings = m.warmup.as_ref().unwrap().settings.clone();
    let ranged = sim.rule_on(Rule::WarmupSettingsRange);
    let ints = ["warmupLimit", "minimumWarmupLimit", "increasePerDay", "minimumDelayBetweenWarmupEmails", "maximumDelayBetweenWarmupEmails"];
    for k in ints {
        if let Some(v) = body.get(k).filter(|v| !v.is_null()) {
            let n = v.as_i64().filter(|n| !ranged || (0..=10_000).contains(n))
                .ok_or_else(|| ApiError::unprocessable(format!("{k} must be an integer between 0 and 10000")))?;
            settings[k] = json!(n);
        }
    }
    for k in ["warmupReplyRate", "warmupOpenRate", "warmupSpamProtectionRate"] {
        if let Some(v) = body.get(k).filter(|v| !v.is_null()) {
            let r = v.as_f64().filter(|r| !ranged || (0.0..=1.0).contains(r))
                .ok_or_else(|| ApiError::unprocessable(format!("{k} must be a number between 0 and 1")))?;
            settings[k] = json!(r);
        }
    }
    for k in ["warmupOnWeekdays", "warmupDisableSlow"] {
        if let Some(b) = opt_bool(&body, k)? {
            settings[k] = json!(b);
        }
    }
    let n = |k: &str| settings[k].as_f64().unwrap_or(0.0);
    if ranged && n("warmupLimit") < 1.0 || n("minimumWarmupLimit") > n("warmupLimit") {
        return Err(ApiError::unprocessable("warmupLimit must be at least 1 and not below minimumWarmupLimit"));
    }
    if ranged && n("minimumDelayBetweenWarmupEmails") > n("maximumDelayBetweenWarmupEmails") {
        return Err(ApiError::unprocessable("minimumDelayBetweenWarmupEmails must not exceed maximumDelayBetweenWarmupEmails"));
    }
    sim.mailboxes.get_mut(&m.id).unwrap().warmup.as_mut().unwrap().settings = settings;
    let action = sim.action_id();
    accepted("Warmup settings updated", Data::Omit, &action)
}

pub async fn create_placement_test(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let ids = super::str_list(&body, "mailboxIds", true)?;
    let (spam, black, ai) = (
        opt_bool(&body, "spamassassin")?.unwrap_or(true),
        opt_bool(&body, "blacklist")?.unwrap_or(true),
        opt_bool(&body, "aiInsight")?.unwrap_or(false),
    );
    let mut sim = s.sim();
    sim.user(&user_id)?;
    for id in &ids {
        let m = super::mailboxes::user_mailbox(&sim, &user_id, id)?;
        if sim.rule_on(Rule::MailboxMustBeActive) && m.status != MailboxStatus::Active {
            return Err(ApiError::unprocessable(format!("Mailbox {id} is not ACTIVE")));
        }
    }
    let cost = prices::PLACEMENT_PER_MAILBOX * ids.len() as i64 + if ai { prices::PLACEMENT_AI_INSIGHT } else { 0 };
    // Rule::PlacementWallet: documented 402, never off.
    if sim.charge(cost, "Placement test", None).is_err() {
        return Err(ApiError::payment("Insufficient wallet balance to run placement test"));
    }
    let order_id = sim.new_id();
    let placement = Placement {
        order_id: order_id.clone(), user_id, status: "PENDING", spamassassin: spam, blacklist: black,
        ai_insight: ai, created_at: sim.now, mailbox_ids: ids, results: Default::default(),
    };
    sim.placements.insert(order_id.clone(), placement);
    sim.schedule(timing::PLACEMENT, Job::PlacementDone { order_id: order_id.clone() });
    ok("Success", json!({"orderId": order_id}))
}

fn placement_json(sim: &Sim, p: &Placement, only: Option<&str>) -> Value {
    let boxes: Vec<Value> = p
        .mailbox_ids
        .iter()
        .filter(|id| only.is_none_or(|o| o == id.as_str()))
        .map(|id| json!({"placementOrderId": format!("{}-{}", p.order_id, &id[..6.min(id.len())]), "mailboxId": id,
            "fromEmail": sim.mailboxes.get(id).map(|m| m.email()).unwrap_or_default(),
            "status": p.status, "report": p.results.get(id).cloned().unwrap_or(json!({}))}))
        .collect();
    json!({"orderId": p.order_id, "status": p.status, "spamassassin": p.spamassassin, "blacklist": p.blacklist,
        "aiInsight": p.ai_insight, "createdAt": iso(p.created_at), "mailboxCount": p.mailbox_ids.len(),
        "mailboxes": boxes})
}

pub async fn get_placement_reports(State(s): State<AppState>, p: Params) -> ApiResult {
    let user_id = p.user_id()?;
    let (page, limit) = p.paging(20, 100)?;
    let sim = s.sim();
    sim.user(user_id)?;
    let (order, mbox) = (p.get("orderId"), p.get("mailboxId"));
    let rows: Vec<Value> = sim
        .placements
        .values()
        .filter(|x| x.user_id == user_id && order.is_none_or(|o| o == x.order_id))
        .filter(|x| mbox.is_none_or(|m| x.mailbox_ids.iter().any(|i| i == m)))
        .map(|x| placement_json(&sim, x, mbox))
        .collect();
    let (rows, pagination) = paginate(&rows, page, limit);
    ok("Placement reports fetched successfully", json!({"reports": rows, "pagination": pagination}))
}
