//! A client for a server on this machine ignores the proxy variables: the key travels to a
//! loopback server in clear HTTP, and a proxy would read it.
//!
//! A binary of its own because it sets `HTTP_PROXY` and friends for the whole process, before
//! any thread starts; no other test sees them.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use cmr_client::{ApiKey, ClientConfig, CmrClient};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "test-partner-key-0001-ab12";

/// A "proxy" that counts every connection made to it and answers each with 502.
fn recording_proxy() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            stream.set_read_timeout(Some(Duration::from_millis(500))).ok();
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        }
    });
    (address, seen)
}

#[test]
fn loopback_calls_do_not_go_through_a_proxy() {
    let (proxy, seen) = recording_proxy();
    for var in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"] {
        std::env::set_var(var, &proxy);
    }
    for var in ["NO_PROXY", "no_proxy"] {
        std::env::remove_var(var);
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/api/v1/integration/geo/countries"))
            .and(header("cmr-x-api-key", KEY))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": 200, "message": "OK", "data": {"Chile": "CL"}})))
            .mount(&server)
            .await;
        let port = server.address().port();
        for host in ["127.0.0.1", "localhost"] {
            let mut config = ClientConfig::new(format!("http://{host}:{port}/api/v1/integration"), ApiKey::new(KEY));
            config.max_retries = 0;
            let client = CmrClient::new(config).unwrap();
            let reply = client.list_countries().await;
            assert!(reply.is_ok(), "{host}: {reply:?}");
        }
    });
    assert_eq!(seen.load(Ordering::SeqCst), 0, "the proxy saw a loopback call");

    // The proxy would be used: a plain reqwest client in the same environment goes through it,
    // even to this machine (port 9 has no server; only the proxy answers 502).
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let reply = reqwest::Client::new().get("http://127.0.0.1:9/").timeout(Duration::from_secs(5)).send().await;
        assert_eq!(reply.map(|r| r.status().as_u16()).ok(), Some(502));
    });
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}
