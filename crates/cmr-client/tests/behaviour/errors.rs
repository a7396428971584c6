use std::time::Duration;

use cmr_client::{ApiKey, ClientConfig, CmrClient, CmrError, ErrorCode};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::common::{unique_key, Ctx, BASE_PATH, KEY, SANDBOX_KEY, USER};

async fn no_retry_ctx() -> Ctx {
    Ctx::with(|c| c.max_retries = 0).await
}

fn assert_key_hidden(err: &CmrError) {
    assert_hidden(err, KEY);
}

fn assert_hidden(err: &CmrError, key: &str) {
    for text in [err.to_string(), format!("{err:?}"), err.message(), format!("{:?}", err.report())] {
        assert!(!text.contains(key), "key leaked: {text}");
    }
}

#[tokio::test]
async fn each_status_class_maps_to_its_code() {
    let cases = [
        (400, ErrorCode::Validation, "validation"),
        (401, ErrorCode::Unauthorized, "unauthorized"),
        (402, ErrorCode::InsufficientFunds, "insufficient_funds"),
        (403, ErrorCode::Forbidden, "forbidden"),
        (404, ErrorCode::NotFound, "not_found"),
        (409, ErrorCode::Conflict, "conflict"),
        (422, ErrorCode::Unprocessable, "unprocessable"),
        (429, ErrorCode::RateLimited, "rate_limited"),
        (500, ErrorCode::Upstream, "upstream"),
        (503, ErrorCode::Upstream, "upstream"),
    ];
    for (status, code, text) in cases {
        let key = unique_key();
        let ctx = Ctx::with(|c| {
            c.max_retries = 0;
            c.api_key = ApiKey::new(key.clone());
        })
        .await;
        let body = json!({"status": status, "message": format!("reason {status}"), "data": null,
            "actionId": "ACT_7a078272-0fa7-4db4-a85b-c78697dacea1"});
        Mock::given(method("GET"))
            .and(path(format!("{BASE_PATH}/wallet")))
            .respond_with(ResponseTemplate::new(status).set_body_json(body).insert_header("Retry-After", "7"))
            .mount(&ctx.server)
            .await;
        let err = ctx.client.get_wallet_details().await.unwrap_err();
        assert_eq!(err.code(), code, "{status}");
        assert_eq!(err.code().as_str(), text);
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.message(), format!("reason {status}"));
        assert_eq!(err.action_id(), Some("ACT_7a078272-0fa7-4db4-a85b-c78697dacea1"));
        assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
        assert_eq!(err.operation_id(), "getWalletDetails");
        assert_hidden(&err, &key);
    }
}

#[tokio::test]
async fn error_details_are_kept() {
    let ctx = no_retry_ctx().await;
    let body = json!({"status": 422, "message": "User has resources", "data": {"mailboxCount": 2, "domainCount": 1}});
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(422).set_body_json(body))
        .mount(&ctx.server)
        .await;
    let err = ctx.client.delete_user(USER).await.unwrap_err();
    let details = err.api().unwrap().details.clone().unwrap();
    assert_eq!(details["mailboxCount"], 2);
}

#[tokio::test]
async fn generic_error_example_of_the_reference() {
    let ctx = no_retry_ctx().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({"status":422,"message":"<validation message>","data":null})))
        .mount(&ctx.server)
        .await;
    let update = cmr_client::users::UserUpdate::default();
    let err = ctx.client.update_user(USER, &update).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unprocessable);
    assert_eq!(err.message(), "<validation message>");
}

#[tokio::test]
async fn non_json_error_pages_keep_their_status() {
    let ctx = no_retry_ctx().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad gateway</html>"))
        .mount(&ctx.server)
        .await;
    let err = ctx.client.list_countries().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Upstream);
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.message(), "Bad Gateway");
}

#[tokio::test]
async fn success_status_with_a_failed_envelope_is_an_error() {
    let ctx = no_retry_ctx().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": 404, "message": "The requested user does not exist."})))
        .mount(&ctx.server)
        .await;
    let err = ctx.client.get_user(USER).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(err.message(), "The requested user does not exist.");
}

#[tokio::test]
async fn unparseable_bodies_are_bad_responses_with_a_snippet() {
    let ctx = no_retry_ctx().await;
    let long = format!("not json {} {}", KEY, "x".repeat(500));
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(long))
        .mount(&ctx.server)
        .await;
    let err = ctx.client.list_countries().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::BadResponse);
    match &err {
        CmrError::BadResponse { snippet, .. } => {
            assert!(snippet.starts_with("not json [redacted]"), "{snippet}");
            assert!(snippet.chars().count() <= 201);
        }
        other => panic!("{other:?}"),
    }
    assert_key_hidden(&err);
}

/// Every 8-character piece of `key`, none of which may show in an error.
fn fragments(key: &str) -> Vec<&str> {
    (0..=key.len() - 8).map(|i| &key[i..i + 8]).collect()
}

#[tokio::test]
async fn no_part_of_a_key_survives_the_cut_of_a_body_at_any_offset() {
    let ctx = no_retry_ctx().await;
    // The snippet keeps 200 characters; the key is tried at every place before, across and
    // after the cut, in a body that is not JSON (its start becomes the error's snippet) and
    // with a status that has no reason phrase (its start becomes the message).
    for offset in 0..=220 {
        for (status, key) in [(200, KEY), (599, SANDBOX_KEY)] {
            ctx.server.reset().await;
            let body = format!("{}{key}{}", "#".repeat(offset), "#".repeat(300));
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(status).set_body_string(body))
                .mount(&ctx.server)
                .await;
            let err = ctx.client.list_countries().await.unwrap_err();
            let texts = [err.to_string(), format!("{err:?}"), err.message()];
            for piece in fragments(key) {
                for text in &texts {
                    assert!(!text.contains(piece), "offset {offset}, status {status}: {piece:?} left in {text}");
                }
            }
        }
    }
}

#[tokio::test]
async fn data_of_the_wrong_shape_is_a_bad_response() {
    let ctx = no_retry_ctx().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": 200, "message": "ok", "data": [1, 2]})))
        .mount(&ctx.server)
        .await;
    let err = ctx.client.list_countries().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::BadResponse);
    assert_eq!(err.status(), Some(200));
}

#[tokio::test]
async fn a_key_echoed_by_the_server_is_redacted() {
    let ctx = no_retry_ctx().await;
    let body = json!({"status": 401, "message": format!("Invalid API Key {KEY}"), "data": null});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(body))
        .mount(&ctx.server)
        .await;
    let err = ctx.client.list_countries().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unauthorized);
    assert_eq!(err.message(), "Invalid API Key [redacted]");
    assert_key_hidden(&err);
    assert!(!format!("{:?}", ctx.client).contains(KEY));
    assert!(!format!("{:?}", ctx.client.config()).contains(KEY));
}

#[tokio::test]
async fn connection_refused_is_a_network_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mut config = ClientConfig::new(format!("http://127.0.0.1:{port}"), ApiKey::new(KEY));
    config.max_retries = 0;
    let client = CmrClient::new(config).unwrap();
    let err = client.create_user(&Default::default()).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Network, "{err}");
    assert_key_hidden(&err);
}

#[tokio::test]
async fn tls_failures_are_reported_as_such() {
    // HTTPS spoken to a plain-HTTP server fails in the handshake.
    let ctx = no_retry_ctx().await;
    let address = ctx.server.address();
    let mut config = ClientConfig::new(format!("https://{address}"), ApiKey::new(KEY));
    config.max_retries = 0;
    let client = CmrClient::new(config).unwrap();
    let err = client.list_countries().await.unwrap_err();
    assert!(matches!(err, CmrError::Tls { .. }), "{err:?}");
    assert_eq!(err.code(), ErrorCode::Network);
    assert_key_hidden(&err);
}

#[tokio::test]
async fn insecure_base_urls_are_refused() {
    let err = CmrClient::new(ClientConfig::new("http://customers.coldmailreseller.com/api", ApiKey::new(KEY))).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    assert!(CmrClient::new(ClientConfig::new("http://localhost:1", ApiKey::new(KEY))).is_ok());
    assert!(CmrClient::new(ClientConfig::new("https://example.com/api/v1/integration", ApiKey::new(KEY))).is_ok());
    let err = CmrClient::new(ClientConfig::new("https://example.com", ApiKey::new(""))).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
}
