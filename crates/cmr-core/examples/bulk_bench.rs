//! Bulk runner benchmark: 1,000 DNS writes (one TXT record on each of 1,000 domains) through
//! a bulk job, against the sandbox with its rate limit at 50 requests/s and the client paced
//! at the same rate. Prints elapsed ÷ (1,000 ÷ 50 s) — 1.00 is the limit itself — and how
//! many writes were refused with 429 (the client is told not to wait 429s out, so each one
//! shows up as a failed item).
//!
//! `cargo run --release -p cmr-core --example bulk_bench [-- --items N --rps R --snapshots --json]`
//! (`--snapshots` also reads each zone before and after, three requests per item; `--json`
//! adds one line of JSON with the figures, which `make bench` reads.)

use std::sync::Arc;
use std::time::{Duration, Instant};

use cmr_client::dns::{AddDnsRecordsRequest, DnsRecordInput};
use cmr_client::{ApiKey, ClientConfig, CmrClient, DnsRecordType};
use cmr_core::{BulkItem, BulkOp, Desk, DeskConfig, ItemState, JobState, NewBulkJob, NullSink};
use cmr_sandbox::{Sandbox, SandboxConfig, World};

const KEY: &str = "bench-key-0123456789abcdef";

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main]
async fn main() {
    let items: usize = arg("--items").and_then(|v| v.parse().ok()).unwrap_or(1000);
    let rps: u32 = arg("--rps").and_then(|v| v.parse().ok()).unwrap_or(50);
    let snapshots = std::env::args().any(|a| a == "--snapshots");
    let per_item = if snapshots { 3 } else { 1 };

    let sandbox = Sandbox::start(SandboxConfig {
        world: World::Large { mailboxes: 0, domains: items },
        requests_per_second: Some(rps),
        ..SandboxConfig::for_tests(KEY)
    })
    .await
    .expect("sandbox");
    let mut cfg = ClientConfig::new(sandbox.base_url(), ApiKey::new(KEY));
    cfg.requests_per_second = rps;
    cfg.retry_writes_on_429 = false;
    let client = CmrClient::new(cfg).expect("client");
    let targets: Vec<(String, String)> =
        sandbox.with_state(|s| s.domains.values().map(|d| (d.user_id.clone(), d.name.clone())).collect());

    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open_with(dir.path(), "bench", client, Arc::new(NullSink), DeskConfig::default()).expect("desk");
    let job_items = targets
        .iter()
        .take(items)
        .map(|(user, domain)| BulkItem {
            customer_id: Some(user.clone()),
            subject: domain.clone(),
            op: BulkOp::AddDnsRecords(AddDnsRecordsRequest {
                domain: domain.clone(),
                records: vec![DnsRecordInput::new(DnsRecordType::Txt, "bench", "v=bench1")],
            }),
        })
        .collect();

    let started = Instant::now();
    let job = desk
        .start_bulk_job(NewBulkJob { label: "bench".into(), items: job_items, concurrency: Some(8), dns_snapshots: Some(snapshots) })
        .expect("job");
    let done = loop {
        let v = desk.job(&job.id).expect("job view");
        if v.state != JobState::Running {
            break v;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    let elapsed = started.elapsed().as_secs_f64();
    let failed = desk.job_items(&job.id, Some(ItemState::Failed), 0, 10_000).expect("items");
    let rate_limited = failed.iter().filter(|i| i.error.as_ref().is_some_and(|e| e.status == Some(429))).count();
    let ideal = (items * per_item) as f64 / f64::from(rps);
    println!("items: {items}, requests per item: {per_item}, rate limit: {rps}/s");
    println!("succeeded: {}, failed: {}, unknown: {}", done.succeeded, done.failed, done.unknown);
    println!("elapsed: {elapsed:.2} s, ideal: {ideal:.2} s");
    println!("ratio elapsed / ideal: {:.3}", elapsed / ideal);
    println!("429 responses: {rate_limited}");
    if std::env::args().any(|a| a == "--json") {
        let figures = serde_json::json!({
            "items": items, "requestsPerItem": per_item, "rps": rps,
            "succeeded": done.succeeded, "failed": done.failed, "unknown": done.unknown,
            "elapsedS": elapsed, "idealS": ideal, "ratio": elapsed / ideal, "rateLimited": rate_limited,
        });
        println!("{figures}");
    }
    desk.close();
    sandbox.shutdown().await;
}
