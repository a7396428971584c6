use cmr_client::subscriptions::*;
use cmr_client::SubscriptionStatus;
use serde_json::{json, Value};

use crate::common::{accepted_reply, ok_reply, Ctx, USER};

cases! {
    "listSubscriptions" => list_subscriptions,
    "renewSubscriptions" => renew_subscriptions,
    "toggleSubscriptionAutoRenew" => toggle_subscription_auto_renew,
    "cancelSubscription" => cancel_subscription,
    "recreateSubscriptions" => recreate_subscriptions,
}

const SUB: &str = "1BNTZJG2Q041JWGS3NY9E1BZ9APA";

async fn list_subscriptions(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"subscriptions": [{"subscriptionId": SUB}]})));
    let query = [("userId", USER), ("status", "PAST_DUE"), ("domain", "acme.com"), ("limit", "50"), ("page", "2")];
    ctx.expect("GET", "/subscriptions", &query, None, reply).await;
    let q = SubscriptionQuery {
        status: Some(SubscriptionStatus::PastDue),
        domain: Some("acme.com".into()),
        user_id: Some(USER.into()),
        limit: Some(50),
        page: Some(2),
        ..Default::default()
    };
    ctx.ok(ctx.client.list_subscriptions(&q).await).await;
    ctx.verify().await;
}

async fn renew_subscriptions(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"subscriptionIds": ["6ZHR985PGP456XG8HCYHF919YVS6", "0BRBX9FGE4M77TGG14C3JYN4PMJT"]});
    ctx.expect("POST", "/subscriptions/renew-subscriptions", &[], Some(body), reply).await;
    let request = SubscriptionIdsRequest {
        subscription_ids: vec!["6ZHR985PGP456XG8HCYHF919YVS6".into(), "0BRBX9FGE4M77TGG14C3JYN4PMJT".into()],
    };
    let accepted = ctx.ok(ctx.client.renew_subscriptions(&request).await).await;
    assert!(accepted.action_id.is_some());
    ctx.verify().await;
}

async fn toggle_subscription_auto_renew(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"subscriptionId": SUB, "autoRenew": false});
    ctx.expect("POST", "/subscriptions/toggle-autorenewal", &[], Some(body), reply).await;
    let request = ToggleSubscriptionAutoRenewRequest { subscription_id: SUB.into(), auto_renew: false };
    ctx.ok(ctx.client.toggle_subscription_auto_renew(&request).await).await;
    ctx.verify().await;
}

async fn cancel_subscription(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    ctx.expect("POST", "/subscriptions/cancel", &[], Some(json!({"domain": "clientapp.co"})), reply).await;
    let request = CancelSubscriptionRequest::ByDomain { domain: "clientapp.co".into() };
    ctx.ok(ctx.client.cancel_subscription(&request).await).await;
    ctx.verify().await;
}

async fn recreate_subscriptions(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    ctx.expect("POST", "/component/subscriptions/recreate", &[], Some(json!({"subscriptionIds": [SUB]})), reply).await;
    let request = RecreateSubscriptionsRequest::BySubscriptions { subscription_ids: vec![SUB.into()] };
    ctx.ok(ctx.client.recreate_subscriptions(&request).await).await;
    ctx.verify().await;
}
