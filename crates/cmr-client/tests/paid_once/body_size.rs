//! Replies larger than `max_response_bytes` once decoded are refused unread.

use std::io::Write;

use cmr_client::{CmrError, ErrorCode};
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

use crate::common::{ok_reply, Ctx};

const CAP: usize = 64 * 1024;

async fn capped() -> Ctx {
    Ctx::with(|c| c.max_response_bytes = CAP).await
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn gzipped_reply(compressed: Vec<u8>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(compressed, "application/json").insert_header("content-encoding", "gzip")
}

/// `{"status":200,...}` padded with trailing spaces to exactly `len` bytes.
fn envelope_of_len(len: usize) -> Vec<u8> {
    let mut body = serde_json::to_vec(&ok_reply(json!({"walletBalance": "10.00"}))).unwrap();
    assert!(body.len() <= len);
    body.resize(len, b' ');
    body
}

fn assert_too_large(err: &CmrError, status: u16) {
    match err {
        CmrError::BadResponse { status: s, reason, snippet, .. } => {
            assert_eq!(*s, status);
            assert_eq!(reason, &format!("the reply is larger than {CAP} bytes; it was not read"));
            assert!(snippet.len() <= 200, "{snippet}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.code(), ErrorCode::BadResponse);
}

#[tokio::test]
async fn one_byte_over_the_cap_is_refused_with_the_http_status() {
    let ctx = capped().await;
    for status in [200, 502] {
        ctx.server.reset().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).set_body_raw(envelope_of_len(CAP + 1), "application/json"))
            .mount(&ctx.server)
            .await;
        let err = ctx.client.get_wallet_details().await.unwrap_err();
        assert_too_large(&err, status);
        // Not retried: a larger reply next time would not be smaller.
        assert_eq!(ctx.server.received_requests().await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn a_gzip_bomb_is_stopped_at_the_cap() {
    let ctx = capped().await;
    // About 20 KB on the wire, 20 MiB (320 times the cap) once inflated.
    let compressed = gzip(&vec![b' '; 20 * 1024 * 1024]);
    assert!(compressed.len() < 32 * 1024, "{} bytes compressed", compressed.len());
    Mock::given(method("GET")).respond_with(gzipped_reply(compressed)).mount(&ctx.server).await;
    let err = ctx.client.get_wallet_details().await.unwrap_err();
    assert_too_large(&err, 200);
}

#[tokio::test]
async fn replies_up_to_the_cap_still_parse() {
    let ctx = capped().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(envelope_of_len(CAP), "application/json"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&ctx.server)
        .await;
    Mock::given(method("GET")).respond_with(gzipped_reply(gzip(&envelope_of_len(CAP)))).mount(&ctx.server).await;
    for _ in 0..2 {
        let wallet = ctx.ok(ctx.client.get_wallet_details().await).await;
        assert_eq!(wallet.data.wallet_balance.unwrap().to_cents(), Some(1000));
    }
}

#[tokio::test]
async fn the_default_cap_is_32_mib() {
    let ctx = Ctx::start().await;
    assert_eq!(ctx.client.config().max_response_bytes, 32 * 1024 * 1024);
    assert_eq!(cmr_client::config::DEFAULT_MAX_RESPONSE_BYTES, 32 * 1024 * 1024);
}
