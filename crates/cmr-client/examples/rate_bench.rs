//! Pacing benchmark: 200 calls at a configured 50 requests/s against a local server.
//! Prints elapsed ÷ (calls ÷ rate); 1.00 is perfect pacing, the goal is ≤ 1.05.
//!
//! Run: `cargo run --release -p cmr-client --example rate_bench [calls] [rate]`

use std::time::Instant;

use cmr_client::{ApiKey, ClientConfig, CmrClient};
use futures_util::future::join_all;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let calls: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let rate: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);

    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": 200, "message": "ok", "data": {"US": "US"}})))
        .mount(&server)
        .await;

    for (label, concurrent) in [("concurrent", true), ("sequential", false)] {
        // A fresh key per run: the limiter is shared per key, and the runs must not share.
        let mut config = ClientConfig::new(server.uri(), ApiKey::new(format!("bench-key-{label}-0000")));
        config.requests_per_second = rate;
        let client = CmrClient::new(config).expect("client");

        let start = Instant::now();
        let failures = if concurrent {
            join_all((0..calls).map(|_| client.list_countries())).await.iter().filter(|r| r.is_err()).count()
        } else {
            let mut failed = 0;
            for _ in 0..calls {
                failed += usize::from(client.list_countries().await.is_err());
            }
            failed
        };
        let elapsed = start.elapsed().as_secs_f64();
        let ideal = f64::from(calls) / f64::from(rate);
        println!(
            "{label}: {calls} calls at {rate}/s in {elapsed:.3} s; ideal {ideal:.3} s; ratio {:.3}; failures {failures}",
            elapsed / ideal
        );
    }
}
