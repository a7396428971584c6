use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cmr_client::{ApiKey, ClientConfig, CmrClient};
use futures_util::future::join_all;
use serde_json::json;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::common::{unique_key, BASE_PATH};

/// A strict server: more than `limit` requests within any rolling `window` get a 429.
#[derive(Clone)]
struct SlidingWindow {
    limit: usize,
    window: Duration,
    hits: Arc<Mutex<VecDeque<Instant>>>,
    served: Arc<AtomicUsize>,
    rejected: Arc<AtomicUsize>,
}

impl SlidingWindow {
    fn new(limit: usize) -> Self {
        SlidingWindow {
            limit,
            window: Duration::from_secs(1),
            hits: Arc::default(),
            served: Arc::default(),
            rejected: Arc::default(),
        }
    }
}

impl Respond for SlidingWindow {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let now = Instant::now();
        let mut hits = self.hits.lock().unwrap();
        while hits.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
            hits.pop_front();
        }
        if hits.len() >= self.limit {
            self.rejected.fetch_add(1, Ordering::SeqCst);
            return ResponseTemplate::new(429).insert_header("Retry-After", "1");
        }
        hits.push_back(now);
        self.served.fetch_add(1, Ordering::SeqCst);
        ResponseTemplate::new(200).set_body_json(json!({"status": 200, "message": "ok", "data": {"US": "US"}}))
    }
}

async fn strict_server(limit: usize) -> (MockServer, SlidingWindow) {
    let server = MockServer::start().await;
    let responder = SlidingWindow::new(limit);
    Mock::given(wiremock::matchers::any()).respond_with(responder.clone()).mount(&server).await;
    (server, responder)
}

fn client_for(server: &MockServer, key: &str, rate: u32) -> CmrClient {
    let mut config = ClientConfig::new(format!("{}{BASE_PATH}", server.uri()), ApiKey::new(key));
    config.requests_per_second = rate;
    CmrClient::new(config).unwrap()
}

#[tokio::test]
async fn twenty_calls_at_five_per_second_never_see_a_429() {
    let (server, window) = strict_server(5).await;
    let client = client_for(&server, &unique_key(), 5);
    let start = Instant::now();
    let results = join_all((0..20).map(|_| client.list_countries())).await;
    let elapsed = start.elapsed();
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(window.rejected.load(Ordering::SeqCst), 0, "the server saw 429s");
    assert_eq!(window.served.load(Ordering::SeqCst), 20);
    assert!(elapsed >= Duration::from_millis(3800), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");
}

#[tokio::test]
async fn separately_built_clients_with_one_key_share_the_pace() {
    let (server, window) = strict_server(5).await;
    let key = unique_key();
    let a = client_for(&server, &key, 5);
    let b = client_for(&server, &key, 5);
    let start = Instant::now();
    let calls = (0..6).flat_map(|_| [a.clone(), b.clone()]).collect::<Vec<_>>();
    let results = join_all(calls.iter().map(|c| c.list_countries())).await;
    assert!(results.iter().all(Result::is_ok));
    assert_eq!(window.rejected.load(Ordering::SeqCst), 0);
    assert!(start.elapsed() >= Duration::from_millis(2200), "{:?}", start.elapsed());
}
