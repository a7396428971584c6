//! An error inside the envelope of a 2xx reply is not an HTTP refusal: a write is never
//! repeated on it, while reads may be.

use std::time::{Duration, Instant};

use cmr_client::domains::RenewDomainsRequest;
use cmr_client::{ApiKey, CmrError};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::common::{ok_reply, unique_key, Ctx, BASE_PATH, USER};

fn renew() -> RenewDomainsRequest {
    RenewDomainsRequest { user_id: None, domains: vec!["acme.com".into()], years: Some(1) }
}

fn envelope_429() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({"status": 429, "message": "Too many requests"}))
        .insert_header("Retry-After", "0")
}

fn wallet_ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(ok_reply(json!({"walletBalance": "10.00"})))
}

async fn isolated() -> Ctx {
    Ctx::with(|c| {
        c.api_key = ApiKey::new(unique_key());
        c.retry_writes_on_429 = true;
    })
    .await
}

#[tokio::test]
async fn a_paid_write_answered_200_with_an_envelope_429_is_sent_once() {
    let ctx = isolated().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE_PATH}/domains/renew")))
        .respond_with(envelope_429())
        .expect(1)
        .mount(&ctx.server)
        .await;
    Mock::given(method("GET")).respond_with(wallet_ok()).mount(&ctx.server).await;
    let start = Instant::now();
    let err = ctx.client.renew_domains(USER, &renew()).await.unwrap_err();
    let api = err.api().unwrap_or_else(|| panic!("{err:?}"));
    assert_eq!((api.status, api.http_status), (429, 200));
    assert!(api.envelope_only());
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.message(), "Too many requests");
    // Nor does it pause the key as an HTTP 429 would.
    ctx.ok(ctx.client.get_wallet_details().await).await;
    assert!(start.elapsed() < Duration::from_millis(800), "{:?}", start.elapsed());
    ctx.verify().await;
}

#[tokio::test]
async fn a_paid_write_refused_with_http_429_is_still_sent_again() {
    let ctx = isolated().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&ctx.server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": 200, "message": "queued"})))
        .expect(1)
        .mount(&ctx.server)
        .await;
    ctx.ok(ctx.client.renew_domains(USER, &renew()).await).await;
    ctx.verify().await;
}

#[tokio::test]
async fn an_http_429_is_not_envelope_only() {
    let ctx = Ctx::with(|c| {
        c.api_key = ApiKey::new(unique_key());
        c.retry_writes_on_429 = false;
    })
    .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({"status": 429, "message": "slow down"})))
        .expect(1)
        .mount(&ctx.server)
        .await;
    let err = ctx.client.renew_domains(USER, &renew()).await.unwrap_err();
    let api = err.api().unwrap();
    assert_eq!((api.status, api.http_status), (429, 429));
    assert!(!api.envelope_only());
    ctx.verify().await;
}

#[tokio::test]
async fn a_read_answered_200_with_an_envelope_429_is_retried() {
    let ctx = isolated().await;
    Mock::given(method("GET"))
        .respond_with(envelope_429())
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&ctx.server)
        .await;
    Mock::given(method("GET")).respond_with(wallet_ok()).expect(1).mount(&ctx.server).await;
    let wallet = ctx.ok(ctx.client.get_wallet_details().await).await;
    assert_eq!(wallet.data.wallet_balance.unwrap().to_cents(), Some(1000));
    ctx.verify().await;
}

#[tokio::test]
async fn an_envelope_error_on_an_http_error_keeps_the_http_status() {
    let ctx = Ctx::with(|c| c.max_retries = 0).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({"status": 429, "message": "busy"})))
        .mount(&ctx.server)
        .await;
    let err = ctx.client.get_wallet_details().await.unwrap_err();
    assert!(matches!(&err, CmrError::Api(api) if api.status == 503 && api.http_status == 503 && !api.envelope_only()), "{err:?}");
}
