use cmr_client::prewarmup::*;
use cmr_client::{SandboxScenario, ServiceProvider};
use serde_json::{json, Value};
use crate::common::{ok_reply, Ctx, SANDBOX_KEY, USER};

cases! {
    "listPrewarmupInventory" => list_prewarmup_inventory,
    "orderPrewarmup" => order_prewarmup,
    "sandboxListPrewarmup" => sandbox_list_prewarmup,
    "sandboxOrderPrewarmup" => sandbox_order_prewarmup,
    "sandboxResetPrewarmup" => sandbox_reset_prewarmup,
}

fn inventory() -> Value {
    ok_reply(json!({"inventory": [{"domain": "prewarm-acmecorp.com", "preWarmedUpMailboxes": [], "purchasePrice": 30,
        "renewalPrice": 15}], "currentPage": 1, "totalPages": 1}))
}

fn created() -> Value {
    json!({"status": 201, "message": "Pre-warmup order created", "actionId": "ACT_7a078272-0fa7-4db4-a85b-c78697dacea1"})
}

fn order(domain: &str) -> PrewarmupOrderRequest {
    PrewarmupOrderRequest {
        order: vec![PrewarmupOrderItem { domain: domain.into(), forward_to: Some("https://acme.example".into()) }],
        service_provider: ServiceProvider::Microsoft,
        google: None,
        microsoft_oauth_route: Some("https://yourapp.example/oauth/ms".into()),
        auto_renew: Some(true),
    }
}

fn order_json(domain: &str) -> Value {
    json!({"order": [{"domain": domain, "forwardTo": "https://acme.example"}], "serviceProvider": "MICROSOFT",
        "microsoftOauthRoute": "https://yourapp.example/oauth/ms", "autoRenew": true})
}

/// The sandbox operations carry only the sandbox key, under its own header.
async fn assert_sandbox_header(ctx: &Ctx) {
    let received = ctx.server.received_requests().await.unwrap_or_default();
    let last = received.last().expect("a request");
    assert_eq!(last.headers.get("cmr-x-sandbox-api-key").and_then(|v| v.to_str().ok()), Some(SANDBOX_KEY));
    assert!(last.headers.get("cmr-x-api-key").is_none(), "the partner key is never sent to a sandbox operation");
}

#[tokio::test]
async fn without_a_sandbox_key_the_sandbox_operations_are_refused_unsent() {
    let ctx = Ctx::with(|c| c.sandbox_api_key = None).await;
    let list = ctx.client.sandbox_list_prewarmup(&PrewarmupQuery::default()).await.unwrap_err();
    assert!(matches!(list, cmr_client::CmrError::MissingSandboxKey { .. }), "{list:?}");
    assert_eq!(list.code(), cmr_client::ErrorCode::Validation);
    let reset = ctx.client.sandbox_reset_prewarmup().await.unwrap_err();
    assert!(matches!(reset, cmr_client::CmrError::MissingSandboxKey { .. }));
    assert!(ctx.server.received_requests().await.unwrap_or_default().is_empty(), "nothing was sent");
}

async fn list_prewarmup_inventory(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(inventory);
    let query = [("serviceProvider", "GOOGLE"), ("contains", "acme"), ("page", "1"), ("limit", "20")];
    ctx.expect("GET", "/pre-warmup", &query, None, reply).await;
    let q = PrewarmupQuery {
        service_provider: Some(ServiceProvider::Google),
        contains: Some("acme".into()),
        page: Some(1),
        limit: Some(20),
    };
    ctx.ok(ctx.client.list_prewarmup_inventory(&q).await).await;
    ctx.verify().await;
}

async fn order_prewarmup(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(created);
    ctx.expect("POST", "/pre-warmup/order", &[("userId", USER)], Some(order_json("prewarm-acmecorp.com")), reply).await;
    let accepted = ctx.ok(ctx.client.order_prewarmup(USER, &order("prewarm-acmecorp.com")).await).await;
    assert_eq!(accepted.status, 201);
    ctx.verify().await;
}

async fn sandbox_list_prewarmup(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(inventory);
    ctx.expect("GET", "/sandbox/pre-warmup", &[("serviceProvider", "MICROSOFT")], None, reply).await;
    let q = PrewarmupQuery { service_provider: Some(ServiceProvider::Microsoft), ..Default::default() };
    ctx.ok(ctx.client.sandbox_list_prewarmup(&q).await).await;
    assert_sandbox_header(&ctx).await;
    ctx.verify().await;
}

async fn sandbox_order_prewarmup(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(created);
    let mut body = order_json("sandbox-mail.corevista.io");
    body["scenario"] = json!("partial_failure");
    ctx.expect("POST", "/sandbox/pre-warmup/order", &[("userId", USER)], Some(body), reply).await;
    let request =
        SandboxPrewarmupOrderRequest { order: order("sandbox-mail.corevista.io"), scenario: Some(SandboxScenario::PartialFailure) };
    ctx.ok(ctx.client.sandbox_order_prewarmup(USER, &request).await).await;
    assert_sandbox_header(&ctx).await;
    ctx.verify().await;
}

async fn sandbox_reset_prewarmup(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| json!({"status": 200, "message": "Sandbox data reset"}));
    ctx.expect("POST", "/sandbox/pre-warmup/reset", &[], None, reply).await;
    ctx.ok(ctx.client.sandbox_reset_prewarmup().await).await;
    assert_sandbox_header(&ctx).await;
    ctx.verify().await;
}
