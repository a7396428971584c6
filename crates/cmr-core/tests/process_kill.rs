//! A real crash: the job runner is a separate process, killed with SIGKILL mid-job and started
//! again on the same data folder. Nothing is lost and nothing is sent twice.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cmr_client::dns::{AddDnsRecordsRequest, DnsRecordInput};
use cmr_client::DnsRecordType;
use cmr_core::{BulkItem, BulkOp, NewBulkJob};
use cmr_sandbox::{FaultConfig, World};
use common::*;

fn runner(dir: &std::path::Path, base_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cmr-desk-jobs"));
    cmd.args(["--data", dir.to_str().unwrap(), "--profile", "p-kill"])
        .env("CMR_BASE_URL", base_url)
        .env("CMR_API_KEY", KEY)
        .env("CMR_RPS", "40")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_killed_with_sigkill_resumes_in_a_new_process() {
    let sb = sandbox(World::Large { mailboxes: 0, domains: 80 }).await;
    // Slow enough that the kill lands mid-job.
    sb.set_faults(FaultConfig { latency_ms: 25, ..FaultConfig::default() });
    let targets: Vec<(String, String)> = sb.with_state(|s| s.domains.values().map(|d| (d.user_id.clone(), d.name.clone())).collect());
    let items = targets
        .iter()
        .map(|(user, domain)| BulkItem {
            customer_id: Some(user.clone()),
            subject: domain.clone(),
            op: BulkOp::AddDnsRecords(AddDnsRecordsRequest {
                domain: domain.clone(),
                records: vec![DnsRecordInput::new(DnsRecordType::Txt, "killed", "v=k1")],
            }),
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let job_file = dir.path().join("job.json");
    let spec = NewBulkJob { label: "kill test".into(), items, concurrency: Some(4), dns_snapshots: None };
    std::fs::write(&job_file, serde_json::to_string(&spec).unwrap()).unwrap();
    let count = || sb.with_state(|s| s.domains.values().filter(|d| d.dns.iter().any(|r| r.host == "killed")).count());

    let mut child = runner(dir.path(), &sb.base_url()).args(["start", job_file.to_str().unwrap()]).spawn().unwrap();
    let started = Instant::now();
    while count() < 15 {
        assert!(started.elapsed() < Duration::from_secs(30), "the runner made no progress");
        assert!(child.try_wait().unwrap().is_none(), "the runner ended early");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().unwrap(); // SIGKILL: no chance to tidy up
    child.wait().unwrap();
    let at_kill = count();
    assert!(at_kill < 80, "killed mid-job ({at_kill} of 80)");

    let out = tokio::task::spawn_blocking({
        let mut cmd = runner(dir.path(), &sb.base_url());
        move || cmd.arg("resume").output().unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    let job: serde_json::Value = serde_json::from_str(report.lines().last().unwrap()).unwrap();
    let (succeeded, unknown) = (job["succeeded"].as_u64().unwrap(), job["unknown"].as_u64().unwrap());
    // Calls cut off by the kill and not seen in CMR's state end unknown, never resent blindly.
    assert_eq!(succeeded + unknown, 80, "{report}");
    if unknown > 0 {
        assert_eq!(job["state"].as_str(), Some("completed_with_errors"));
        // A person retries them after checking; here the sandbox shows they never arrived.
        let desk = cmr_core::Desk::open_with(dir.path(), "p-kill", client(&sb), std::sync::Arc::new(cmr_core::MemorySink::default()), fast_config()).unwrap();
        let id = job["id"].as_str().unwrap();
        desk.retry_failed(id, true).await.unwrap();
        let started = Instant::now();
        while desk.job(id).unwrap().state == cmr_core::JobState::Running {
            assert!(started.elapsed() < Duration::from_secs(30), "the retry ends");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(desk.job(id).unwrap().succeeded, 80);
        desk.close();
    } else {
        assert_eq!(job["state"].as_str(), Some("completed"), "{report}");
    }
    let per_domain: Vec<usize> =
        sb.with_state(|s| s.domains.values().map(|d| d.dns.iter().filter(|r| r.host == "killed").count()).collect());
    assert!(per_domain.iter().all(|n| *n == 1), "every domain got its record exactly once: {per_domain:?}");
}

/// The app and the jobs CLI on one data folder at once: the app's core leaves the job the
/// CLI is running (and its calls in flight) alone, each item is sent once, the job ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_and_the_cli_share_a_data_folder_without_sending_twice() {
    let sb = sandbox(World::Large { mailboxes: 0, domains: 40 }).await;
    sb.set_faults(FaultConfig { latency_ms: 40, ..FaultConfig::default() });
    let targets: Vec<(String, String)> = sb.with_state(|s| s.domains.values().map(|d| (d.user_id.clone(), d.name.clone())).collect());
    let items = targets
        .iter()
        .map(|(user, domain)| BulkItem {
            customer_id: Some(user.clone()),
            subject: domain.clone(),
            op: BulkOp::AddDnsRecords(AddDnsRecordsRequest {
                domain: domain.clone(),
                records: vec![DnsRecordInput::new(DnsRecordType::Txt, "shared", "v=s1")],
            }),
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let job_file = dir.path().join("job.json");
    let spec = NewBulkJob { label: "two processes".into(), items, concurrency: Some(2), dns_snapshots: None };
    std::fs::write(&job_file, serde_json::to_string(&spec).unwrap()).unwrap();
    let count = || sb.with_state(|s| s.domains.values().filter(|d| d.dns.iter().any(|r| r.host == "shared")).count());

    let cli = runner(dir.path(), &sb.base_url()).args(["start", job_file.to_str().unwrap()]).spawn().unwrap();
    let started = Instant::now();
    while count() < 3 {
        assert!(started.elapsed() < Duration::from_secs(30), "the CLI made no progress");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // The app opens the same folder and profile mid-job, with its poller and job resumption.
    let app = cmr_core::Desk::open_with(
        dir.path(),
        "p-kill",
        client(&sb),
        std::sync::Arc::new(cmr_core::MemorySink::default()),
        fast_config(),
    )
    .unwrap();
    let out = tokio::task::spawn_blocking(move || cli.wait_with_output().unwrap()).await.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    let job: serde_json::Value = serde_json::from_str(report.lines().last().unwrap()).unwrap();
    assert_eq!((job["state"].as_str(), job["succeeded"].as_u64()), (Some("completed"), Some(40)), "{report}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let per_domain: Vec<usize> =
        sb.with_state(|s| s.domains.values().map(|d| d.dns.iter().filter(|r| r.host == "shared").count()).collect());
    assert!(per_domain.iter().all(|n| *n == 1), "every domain got its record exactly once: {per_domain:?}");
    let interrupted = app
        .tracker()
        .list(&cmr_core::ActionFilter::default())
        .unwrap()
        .into_iter()
        .filter(|a| a.detail.as_deref().is_some_and(|d| d.contains("app stopped")))
        .count();
    assert_eq!(interrupted, 0, "the app never took the CLI's calls for interrupted ones");
    app.close();
}
