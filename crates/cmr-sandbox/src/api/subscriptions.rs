//! Mailbox subscriptions (one per domain workspace): list, renew, auto-renew, cancel, recreate.

use axum::extract::State;
use serde_json::{json, Value};

use super::{opt_bool, req_str, require_object, str_field, str_list};
use crate::envelope::{accepted, envelope, ok, paginate, ApiError, ApiResult, Data, JsonBody, Params};
use crate::model::*;
use crate::rules::Rule;
use crate::prices::dollars;
use crate::server::AppState;
use crate::sim::{timing, Job, Sim};
use crate::time::{iso, HOUR};

pub fn subscription_json(sim: &Sim, s: &Subscription) -> Value {
    json!({"subscriptionId": s.id, "subscriptionStatus": s.status.as_str(),
        "totalMailboxQuantity": sim.sub_quantity(&s.id), "billingCycle": "MONTHLY",
        "pricePerMailbox": dollars(s.price_cents), "periodStart": iso(s.period_start),
        "periodEnd": iso(s.period_end), "serviceProvider": s.provider.as_str(), "autoRenew": s.auto_renew,
        "userId": s.user_id, "domain": s.domain, "domainId": s.domain_id})
}

pub async fn list_subscriptions(State(s): State<AppState>, p: Params) -> ApiResult {
    let (page, limit) = p.paging(50, 1000)?;
    let status = match p.get("status") {
        None => None,
        Some(v) => Some(SubStatus::parse(v).ok_or_else(|| ApiError::bad_request(format!("Unknown status {v}")))?),
    };
    let (id, domain, user) = (p.get("componentSubscriptionId"), p.get("domain"), p.get("userId"));
    let sim = s.sim();
    let rows: Vec<&Subscription> = sim
        .subscriptions
        .values()
        .filter(|x| status.is_none_or(|st| x.status == st))
        .filter(|x| id.is_none_or(|i| x.id == i))
        .filter(|x| domain.is_none_or(|d| x.domain.eq_ignore_ascii_case(d)))
        .filter(|x| user.is_none_or(|u| x.user_id == u))
        .collect();
    let (rows, pagination) = paginate(&rows, page, limit);
    let rows: Vec<Value> = rows.iter().map(|x| subscription_json(&sim, x)).collect();
    ok("Subscriptions fetched successfully", json!({"subscriptions": rows, "pagination": pagination}))
}

fn find<'a>(sim: &'a Sim, id: &str) -> Result<&'a Subscription, ApiError> {
    sim.subscriptions.get(id).ok_or_else(|| ApiError::not_found(format!("Subscription {id} not found")))
}

pub async fn renew_subscriptions(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    require_object(&body)?;
    let ids = str_list(&body, "subscriptionIds", true)?;
    let mut sim = s.sim();
    for id in &ids {
        let sub = find(&sim, id)?;
        match sub.status {
            SubStatus::Active | SubStatus::PastDue => {}
            _ if !sim.rule_on(Rule::SubscriptionState) => {}
            st => return Err(ApiError::unprocessable(format!("Subscription {id} is {} and cannot be renewed", st.as_str()))),
        }
    }
    let action = sim.action_id();
    for id in &ids {
        let sub = sim.subscriptions.get_mut(id).unwrap();
        if sub.status == SubStatus::Active {
            sub.status = SubStatus::Renewing;
            let sub = sub.clone();
            let data = sim.sub_event_data(&sub, "Manual renewal queued");
            sim.emit("subscription.renewing", data, Some(&action));
        }
        sim.schedule(timing::RENEWAL, Job::SubRenewAttempt { sub_id: id.clone(), action: Some(action.clone()) });
    }
    accepted(
        "Subscriptions added for renewal. Please ensure you have enough balance to renew the subscriptions.",
        Data::Omit,
        &action,
    )
}

pub async fn toggle_subscription_auto_renew(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    require_object(&body)?;
    let id = req_str(&body, "subscriptionId")?.to_string();
    let wanted = opt_bool(&body, "autoRenew")?;
    let mut sim = s.sim();
    let sub = find(&sim, &id)?;
    if sim.rule_on(Rule::SubscriptionState) && matches!(sub.status, SubStatus::Cancelled | SubStatus::Expired) {
        return Err(ApiError::unprocessable(format!("Subscription {id} is {}", sub.status.as_str())));
    }
    let on = wanted.unwrap_or(!sub.auto_renew);
    sim.subscriptions.get_mut(&id).unwrap().auto_renew = on;
    let action = sim.action_id();
    accepted(&format!("Auto-renewal turned {}", if on { "on" } else { "off" }), Data::Some(json!({"subscriptionId": id, "autoRenew": on})), &action)
}

fn by_id_or_domain(sim: &Sim, body: &Value) -> Result<String, ApiError> {
    if let Some(id) = str_field(body, "subscriptionId") {
        return Ok(find(sim, id)?.id.clone());
    }
    let domain = str_field(body, "domain").ok_or_else(|| ApiError::bad_request("Provide subscriptionId or domain"))?;
    let d = sim.domain_by_name(domain).ok_or_else(|| ApiError::not_found(format!("Domain {domain} not found")))?;
    sim.active_subscription_of_domain(&d.id)
        .map(|s| s.id.clone())
        .ok_or_else(|| ApiError::unprocessable(format!("{domain} has no active subscription")))
}

/// Cancelling deletes the workspace at once: its mailboxes are gone, the domain stays.
pub async fn cancel_subscription(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    require_object(&body)?;
    let mut sim = s.sim();
    let id = by_id_or_domain(&sim, &body)?;
    let sub = sim.subscriptions[&id].clone();
    if sim.rule_on(Rule::SubscriptionState) && matches!(sub.status, SubStatus::Cancelled | SubStatus::Expired) {
        return Err(ApiError::unprocessable(format!("Subscription {id} is already {}", sub.status.as_str())));
    }
    if sim.rule_on(Rule::SubscriptionCancelCutoff) && sub.status == SubStatus::Active && sub.period_end - sim.now < 24 * HOUR {
        return Err(ApiError::unprocessable("Cancellations must be sent at least 24 hours before the subscription expires"));
    }
    let mut data = sim.sub_event_data(&sub, "Subscription cancelled; workspace deleted");
    data["subscriptionStatus"] = json!("CANCELLED");
    sim.mailboxes.retain(|_, m| m.subscription_id.as_deref() != Some(id.as_str()));
    sim.subscriptions.get_mut(&id).unwrap().status = SubStatus::Cancelled;
    sim.emit("subscription.cancelled", data, None);
    Ok(envelope(200, "Subscription will be cancelled successfully", Data::Null, None))
}

pub async fn recreate_subscriptions(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    require_object(&body)?;
    let mut sim = s.sim();
    let mut ids = str_list(&body, "subscriptionIds", false)?;
    for name in str_list(&body, "domainNames", false)? {
        let d = sim.domain_by_name(&name).ok_or_else(|| ApiError::not_found(format!("Domain {name} not found")))?;
        let sub = sim.active_subscription_of_domain(&d.id).ok_or_else(|| ApiError::unprocessable(format!("{name} has no active subscription")))?;
        ids.push(sub.id.clone());
    }
    if ids.is_empty() {
        return Err(ApiError::bad_request("Provide subscriptionIds or domainNames"));
    }
    for id in &ids {
        let sub = find(&sim, id)?;
        if sim.rule_on(Rule::SubscriptionState) && sub.status != SubStatus::Active {
            return Err(ApiError::unprocessable(format!("Subscription {id} is {}; only ACTIVE subscriptions can be recreated", sub.status.as_str())));
        }
    }
    let action = sim.action_id();
    let mut created = Vec::new();
    for id in ids {
        // The old id stops resolving; mailboxes move to the new subscription at standard price.
        let mut sub = sim.subscriptions.remove(&id).unwrap();
        let new_id = sim.new_id();
        let old = sub.clone();
        sub.id = new_id.clone();
        sub.price_cents = crate::prices::MAILBOX_MONTHLY;
        sub.cycle_start = sim.now;
        let period_end = sub.period_end;
        let mut data = sim.sub_event_data(&old, &format!("Subscription recreated as {new_id}"));
        data["subscriptionStatus"] = json!("CANCELLED");
        sim.subscriptions.insert(new_id.clone(), sub);
        for m in sim.mailboxes.values_mut().filter(|m| m.subscription_id.as_deref() == Some(id.as_str())) {
            m.subscription_id = Some(new_id.clone());
            if m.status == MailboxStatus::Active {
                m.status = MailboxStatus::InProgress;
            }
        }
        sim.emit("subscription.cancelled", data, Some(&action));
        sim.schedule_at(period_end, Job::SubPeriodEnd { sub_id: new_id.clone(), period_end });
        sim.schedule(timing::RECREATE, Job::RecreateDone { sub_id: new_id.clone() });
        created.push(json!({"oldSubscriptionId": id, "subscriptionId": new_id}));
    }
    accepted("Subscription recreation queued", Data::Some(json!(created)), &action)
}
