//! A 3xx is never followed: the key and a paid body must not travel to the host it names.

use cmr_client::domains::RenewDomainsRequest;
use cmr_client::orders::CreateOrderRequest;
use cmr_client::{CmrError, ErrorCode};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::{ok_reply, Ctx, BASE_PATH, KEY, USER};

/// The client's server and a second server that would accept anything.
async fn servers() -> (Ctx, MockServer) {
    (Ctx::start().await, MockServer::start().await)
}

/// From now on the client's server answers every call with `status` pointing at the second
/// one; both forget earlier requests, so one pair serves every status.
async fn redirect_with(status: u16, ctx: &Ctx, elsewhere: &MockServer) {
    ctx.server.reset().await;
    elsewhere.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(ok_reply(json!({"walletBalance": "1.00"}))))
        .mount(elsewhere)
        .await;
    let location = format!("{}{BASE_PATH}/domains/renew", elsewhere.uri());
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).insert_header("Location", location.as_str()))
        .mount(&ctx.server)
        .await;
}

async fn methods_received(server: &MockServer) -> Vec<String> {
    server.received_requests().await.unwrap_or_default().iter().map(|r| r.method.to_string()).collect()
}

fn assert_redirected(err: &CmrError, status: u16, elsewhere: &MockServer) {
    let host = elsewhere.address().to_string();
    match err {
        CmrError::Redirected { status: s, location_host, .. } => {
            assert_eq!(*s, status);
            assert_eq!(location_host.as_deref(), Some(host.as_str()));
        }
        other => panic!("{status}: {other:?}"),
    }
    assert_eq!(err.code(), ErrorCode::Upstream);
    assert_eq!(err.status(), Some(status));
    let message = err.message();
    assert!(message.contains(&format!("redirect (HTTP {status}) to {host}")), "{message}");
    assert!(message.contains("does not follow redirects") && message.contains("base URL"), "{message}");
    for text in [err.to_string(), format!("{err:?}"), message, format!("{:?}", err.report())] {
        assert!(!text.contains(KEY) && !text.contains("/domains/renew"), "{text}");
    }
}

#[tokio::test]
async fn a_paid_write_is_sent_once_and_never_to_the_redirect_target() {
    let (ctx, elsewhere) = servers().await;
    for status in [301, 302, 307, 308] {
        redirect_with(status, &ctx, &elsewhere).await;
        let request = RenewDomainsRequest { user_id: None, domains: vec!["acme.com".into()], years: Some(1) };
        let err = ctx.client.renew_domains(USER, &request).await.unwrap_err();
        assert_redirected(&err, status, &elsewhere);
        assert_eq!(methods_received(&ctx.server).await, ["POST"], "{status}");
        assert!(methods_received(&elsewhere).await.is_empty(), "{status}: the key reached the other host");
    }
}

#[tokio::test]
async fn an_order_answered_307_is_not_repeated() {
    let (ctx, elsewhere) = servers().await;
    redirect_with(307, &ctx, &elsewhere).await;
    let err = ctx.client.create_order_json(USER, &CreateOrderRequest::default()).await.unwrap_err();
    assert_redirected(&err, 307, &elsewhere);
    assert_eq!(methods_received(&ctx.server).await, ["POST"]);
    assert!(methods_received(&elsewhere).await.is_empty());
}

#[tokio::test]
async fn a_redirected_read_is_not_retried_or_followed() {
    let (ctx, elsewhere) = servers().await;
    for status in [301, 302, 307, 308] {
        redirect_with(status, &ctx, &elsewhere).await;
        let err = ctx.client.get_wallet_details().await.unwrap_err();
        assert_redirected(&err, status, &elsewhere);
        assert_eq!(methods_received(&ctx.server).await, ["GET"], "{status}");
        assert!(methods_received(&elsewhere).await.is_empty(), "{status}");
    }
}

#[tokio::test]
async fn a_redirect_without_location_still_fails_cleanly() {
    let ctx = Ctx::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(302)).mount(&ctx.server).await;
    let err = ctx.client.get_wallet_details().await.unwrap_err();
    assert!(matches!(err, CmrError::Redirected { status: 302, location_host: None, .. }), "{err:?}");
    assert_eq!(ctx.server.received_requests().await.unwrap().len(), 1);
}
