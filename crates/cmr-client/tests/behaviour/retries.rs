use std::time::{Duration, Instant};

use cmr_client::subscriptions::SubscriptionIdsRequest;
use cmr_client::{ApiKey, ErrorCode};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::common::{ok_reply, unique_key, Ctx, BASE_PATH};

fn wallet_ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(ok_reply(json!({"walletBalance": "10.00"})))
}

fn renew() -> SubscriptionIdsRequest {
    SubscriptionIdsRequest { subscription_ids: vec!["S1".into()] }
}

async fn received(ctx: &Ctx) -> usize {
    ctx.server.received_requests().await.unwrap_or_default().len()
}

#[tokio::test]
async fn a_get_is_retried_after_503() {
    let ctx = Ctx::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE_PATH}/wallet")))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&ctx.server)
        .await;
    Mock::given(method("GET")).and(path(format!("{BASE_PATH}/wallet"))).respond_with(wallet_ok()).mount(&ctx.server).await;
    let wallet = ctx.client.get_wallet_details().await.expect("second attempt succeeds");
    assert_eq!(wallet.data.wallet_balance.unwrap().to_cents(), Some(1000));
    assert_eq!(received(&ctx).await, 2);
}

#[tokio::test]
async fn a_get_gives_up_after_max_retries() {
    let ctx = Ctx::with(|c| c.max_retries = 2).await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(500)).mount(&ctx.server).await;
    let err = ctx.client.get_wallet_details().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Upstream);
    assert_eq!(received(&ctx).await, 3);
}

#[tokio::test]
async fn a_post_is_not_retried_after_503() {
    let ctx = Ctx::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&ctx.server).await;
    let err = ctx.client.renew_subscriptions(&renew()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Upstream);
    assert_eq!(received(&ctx).await, 1);
}

#[tokio::test]
async fn a_read_only_post_is_retried_after_503() {
    let ctx = Ctx::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&ctx.server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": 200, "message": "Workspace not exists", "data": null})))
        .mount(&ctx.server)
        .await;
    let request = cmr_client::domains::WorkspaceCheckRequest::Single(cmr_client::domains::WorkspaceCheckItem {
        domain_name: "acme.com".into(),
        service_provider: None,
    });
    ctx.client.check_workspace_exists(&request).await.expect("retried");
    assert_eq!(received(&ctx).await, 2);
}

#[tokio::test]
async fn a_post_that_times_out_has_an_unknown_outcome() {
    let ctx = Ctx::with(|c| c.request_timeout = Duration::from_millis(300)).await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok_reply(json!(null))).set_delay(Duration::from_secs(3)))
        .mount(&ctx.server)
        .await;
    let err = ctx.client.renew_subscriptions(&renew()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::OutcomeUnknown, "{err}");
    assert_eq!(err.code().as_str(), "outcome_unknown");
    assert_eq!(received(&ctx).await, 1);
}

#[tokio::test]
async fn a_get_that_times_out_is_retried_then_reports_timeout() {
    let ctx = Ctx::with(|c| {
        c.request_timeout = Duration::from_millis(200);
        c.max_retries = 1;
    })
    .await;
    Mock::given(method("GET"))
        .respond_with(wallet_ok().set_delay(Duration::from_secs(3)))
        .mount(&ctx.server)
        .await;
    let err = ctx.client.get_wallet_details().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Timeout, "{err}");
    assert_eq!(received(&ctx).await, 2);
}

#[tokio::test]
async fn a_429_waits_for_retry_after() {
    let ctx = Ctx::with(|c| c.api_key = ApiKey::new(unique_key())).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&ctx.server)
        .await;
    Mock::given(method("GET")).respond_with(wallet_ok()).mount(&ctx.server).await;
    let start = Instant::now();
    ctx.client.get_wallet_details().await.expect("after the wait");
    assert!(start.elapsed() >= Duration::from_millis(950), "{:?}", start.elapsed());
    assert_eq!(received(&ctx).await, 2);
}

#[tokio::test]
async fn a_write_refused_with_429_is_sent_again() {
    let ctx = Ctx::with(|c| c.api_key = ApiKey::new(unique_key())).await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&ctx.server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": 200, "message": "queued"})))
        .mount(&ctx.server)
        .await;
    ctx.client.renew_subscriptions(&renew()).await.expect("resent after 429");
    assert_eq!(received(&ctx).await, 2);
}

#[tokio::test]
async fn writes_can_surface_every_429() {
    let ctx = Ctx::with(|c| {
        c.retry_writes_on_429 = false;
        c.api_key = ApiKey::new(unique_key());
    })
    .await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(429)).mount(&ctx.server).await;
    let err = ctx.client.renew_subscriptions(&renew()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::RateLimited);
    assert_eq!(received(&ctx).await, 1);
}

#[tokio::test]
async fn a_long_retry_after_is_returned_not_waited() {
    let ctx = Ctx::with(|c| c.api_key = ApiKey::new(unique_key())).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
        .mount(&ctx.server)
        .await;
    let start = Instant::now();
    let err = ctx.client.get_wallet_details().await.unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(err.code(), ErrorCode::RateLimited);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert_eq!(err.report().retry_after_secs, Some(3600));
}
