//! A property: whatever sequence of faults hits a bulk job's writes, every item's effect
//! happens at most once, and every item ends settled (done or refused) or explicitly unknown.

mod common;

use std::sync::Arc;
use std::time::Duration;

use cmr_client::dns::{AddDnsRecordsRequest, DnsRecordInput};
use cmr_client::DnsRecordType;
use cmr_core::{BulkItem, BulkOp, Desk, DeskConfig, ItemState, JobState, MemorySink, NewBulkJob};
use cmr_sandbox::{CommitThen, FaultConfig, ScriptedFault, World};
use common::*;
use proptest::prelude::*;

const ITEMS: usize = 6;
/// Proptest's own case count for this property (each case starts a sandbox and runs a job).
const CASES: u32 = 24;

fn fault() -> impl Strategy<Value = ScriptedFault> {
    prop_oneof![
        3 => Just(ScriptedFault::None),
        1 => Just(ScriptedFault::Fail { status: 503 }),
        1 => Just(ScriptedFault::Fail { status: 429 }),
        1 => Just(ScriptedFault::Drop),
        2 => (0..CommitThen::ALL.len()).prop_map(|i| ScriptedFault::CommitThen { mode: CommitThen::ALL[i] }),
    ]
}

async fn run_case(script: Vec<ScriptedFault>) -> Result<(), TestCaseError> {
    let sb = sandbox(World::Large { mailboxes: 0, domains: ITEMS }).await;
    let targets: Vec<(String, String)> = sb.with_state(|s| s.domains.values().map(|d| (d.user_id.clone(), d.name.clone())).collect());
    let items: Vec<BulkItem> = targets
        .iter()
        .map(|(user, domain)| BulkItem {
            customer_id: Some(user.clone()),
            subject: domain.clone(),
            op: BulkOp::AddDnsRecords(AddDnsRecordsRequest {
                domain: domain.clone(),
                records: vec![DnsRecordInput::new(DnsRecordType::Txt, "once", "v=once1")],
            }),
        })
        .collect();
    sb.set_faults(FaultConfig { script: script.clone(), hang_ms: 20, route: Some("POST /dns".into()), ..FaultConfig::default() });
    let dir = tempfile::tempdir().unwrap();
    let config = DeskConfig { dns_snapshots: false, ..fast_config() };
    let desk = Desk::open_with(dir.path(), "p-prop", client(&sb), Arc::new(MemorySink::default()), config).unwrap();
    let job = desk.start_bulk_job(NewBulkJob { label: "property".into(), items, concurrency: Some(2), dns_snapshots: None }).unwrap();
    let mut view = desk.job(&job.id).unwrap();
    for _ in 0..400 {
        if view.state != JobState::Running {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
        view = desk.job(&job.id).unwrap();
    }
    prop_assert_ne!(view.state, JobState::Running, "the job ends");
    // Retrying only what was refused outright is safe; the unknown ones stay for a person.
    if view.failed > 0 {
        desk.retry_failed(&job.id, false).await.unwrap();
        for _ in 0..400 {
            view = desk.job(&job.id).unwrap();
            if view.state != JobState::Running {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
    let per_domain: Vec<usize> = targets
        .iter()
        .map(|(_, d)| sb.with_state(|s| s.domain_by_name(d).unwrap().dns.iter().filter(|r| r.host == "once").count()))
        .collect();
    let items = desk.job_items(&job.id, None, 0, 100).unwrap();
    for (item, count) in items.iter().zip(&per_domain) {
        prop_assert!(*count <= 1, "{} written {count} times with {script:?}", item.subject);
        match item.state {
            ItemState::Succeeded => prop_assert_eq!(*count, 1, "{} succeeded but absent", &item.subject),
            ItemState::Failed => prop_assert_eq!(*count, 0, "{} refused but present", &item.subject),
            ItemState::Unknown => {}
            other => prop_assert!(false, "{} ended {other:?}", item.subject),
        }
    }
    desk.close();
    Ok(())
}

#[test]
fn bulk_items_take_effect_at_most_once_under_any_fault_sequence() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let config = ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let strategy = proptest::collection::vec(fault(), 0..10);
    let result = runner.run(&strategy, |script| rt.block_on(run_case(script)));
    let figure = format!("bulk fault property: {CASES} cases of {ITEMS} items each\n");
    print!("{figure}");
    if let Some(dir) = std::env::var_os("ARTIFACTS_DIR") {
        let _ = std::fs::write(std::path::Path::new(&dir).join("bulk-property.txt"), &figure);
    }
    result.unwrap();
}
