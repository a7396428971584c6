//! The bulk runner against the sandbox: per-item results, 422 fields per item, cancel,
//! retry-failed-only, and a job that survives its process stopping mid-way.

mod common;

use std::time::Duration;

use cmr_client::dns::{AddDnsRecordsRequest, DnsRecordInput};
use cmr_client::DnsRecordType;
use cmr_core::{AuditQuery, BulkItem, BulkOp, CoreEvent, ItemState, JobState, NewBulkJob};
use cmr_sandbox::{FaultConfig, SandboxHandle, World};
use common::*;

/// (user, domain) of the large world's first `n` domains.
fn domains(sb: &SandboxHandle, n: usize) -> Vec<(String, String)> {
    sb.with_state(|s| s.domains.values().take(n).map(|d| (d.user_id.clone(), d.name.clone())).collect())
}

fn txt_job(targets: &[(String, String)], host: &str, value: &str) -> NewBulkJob {
    let items = targets
        .iter()
        .map(|(user, domain)| BulkItem {
            customer_id: Some(user.clone()),
            subject: domain.clone(),
            op: BulkOp::AddDnsRecords(AddDnsRecordsRequest {
                domain: domain.clone(),
                records: vec![DnsRecordInput::new(DnsRecordType::Txt, host, value)],
            }),
        })
        .collect();
    NewBulkJob { label: format!("{host} TXT"), items, concurrency: Some(4), dns_snapshots: None }
}

fn records_with_host(sb: &SandboxHandle, host: &str) -> Vec<(String, usize)> {
    sb.with_state(|s| {
        s.domains.values().map(|d| (d.name.clone(), d.dns.iter().filter(|r| r.host == host).count())).filter(|(_, n)| *n > 0).collect()
    })
}

async fn until_done(desk: &cmr_core::Desk, id: &str) -> cmr_core::JobView {
    for _ in 0..600 {
        let v = desk.job(id).unwrap();
        if v.state != JobState::Running {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {id} did not finish");
}

#[tokio::test]
async fn a_dns_change_on_many_domains_with_per_item_results() {
    let sb = sandbox(World::Large { mailboxes: 0, domains: 60 }).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, sink) = open(dir.path(), &sb);
    let mut targets = domains(&sb, 50);
    // One bad item: a domain the customer does not own.
    targets.push((targets[0].0.clone(), "not-theirs.com".into()));
    let job = desk.start_bulk_job(txt_job(&targets, "bulk-verify", "v=verify1")).unwrap();
    assert_eq!(job.total, 51);
    let done = until_done(&desk, &job.id).await;
    assert_eq!((done.succeeded, done.failed, done.state), (50, 1, JobState::CompletedWithErrors));
    let failed = desk.job_items(&job.id, Some(ItemState::Failed), 0, 100).unwrap();
    assert_eq!(failed[0].subject, "not-theirs.com");
    assert!(failed[0].error.as_ref().unwrap().status.is_some());
    let ok = desk.job_items(&job.id, Some(ItemState::Succeeded), 0, 100).unwrap();
    assert!(ok.iter().all(|i| i.action_id.as_deref().is_some_and(|a| a.starts_with("ACT_"))));
    assert_eq!(records_with_host(&sb, "bulk-verify").len(), 50);
    let audit = desk.audit().query(&AuditQuery { job_id: Some(job.id.clone()), ..Default::default() }).unwrap();
    assert_eq!(audit.len(), 51);
    assert!(sink.events().iter().any(|e| matches!(e, CoreEvent::Job(j) if j.state == JobState::CompletedWithErrors)));
    desk.close();
}

#[tokio::test]
async fn item_errors_name_the_field() {
    let sb = sandbox(World::Large { mailboxes: 0, domains: 3 }).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    let (user, domain) = domains(&sb, 1).remove(0);
    let item = BulkItem {
        customer_id: Some(user),
        subject: domain.clone(),
        op: BulkOp::AddDnsRecords(AddDnsRecordsRequest { domain, records: vec![DnsRecordInput::new(DnsRecordType::A, "www", "1.2.3")] }),
    };
    let job = desk.start_bulk_job(NewBulkJob { label: "bad".into(), items: vec![item], concurrency: None, dns_snapshots: None }).unwrap();
    until_done(&desk, &job.id).await;
    let item = desk.job_items(&job.id, None, 0, 10).unwrap().remove(0);
    let error = item.error.unwrap();
    assert_eq!(error.code, cmr_core::ErrorCode::Validation);
    assert!(error.fields.unwrap().contains_key("records[0].value"));
    desk.close();
}

#[tokio::test]
async fn cancel_stops_the_rest_and_retry_failed_sends_only_those() {
    let sb = sandbox(World::Large { mailboxes: 0, domains: 40 }).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    // The first three writes are refused outright (a 5xx would leave them unknown instead).
    sb.set_faults(FaultConfig { fail_next: 3, error_status: 400, route: Some("POST /dns".into()), latency_ms: 20, ..FaultConfig::default() });
    let targets = domains(&sb, 40);
    let mut spec = txt_job(&targets, "bulk-cancel", "v=c1");
    spec.concurrency = Some(1);
    let job = desk.start_bulk_job(spec).unwrap();
    while desk.job(&job.id).unwrap().succeeded < 2 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let cancelled = desk.cancel_bulk_job(&job.id).unwrap();
    assert_eq!(cancelled.state, JobState::Cancelled);
    let done = until_done(&desk, &job.id).await;
    assert_eq!(done.state, JobState::Cancelled);
    assert_eq!(done.failed, 3);
    assert!(done.cancelled > 0 && done.succeeded > 0, "{done:?}");
    let sent_before = records_with_host(&sb, "bulk-cancel").len() as u32;
    assert_eq!(sent_before, done.succeeded);

    sb.set_faults(FaultConfig::default());
    let retried = desk.retry_failed(&job.id, false).await.unwrap();
    assert_eq!(retried.state, JobState::Running);
    let done = until_done(&desk, &job.id).await;
    assert_eq!((done.succeeded, done.failed, done.state), (40, 0, JobState::Completed));
    // Each domain got its record once: nothing that had succeeded was sent again.
    let counts = records_with_host(&sb, "bulk-cancel");
    assert_eq!(counts.len(), 40);
    assert!(counts.iter().all(|(_, n)| *n == 1), "{counts:?}");
    desk.close();
}

#[tokio::test]
async fn a_job_survives_its_process_stopping_mid_way() {
    let sb = sandbox(World::Large { mailboxes: 0, domains: 60 }).await;
    sb.set_faults(FaultConfig { latency_ms: 25, ..FaultConfig::default() });
    let dir = tempfile::tempdir().unwrap();
    let targets = domains(&sb, 60);
    let (desk, _) = open(dir.path(), &sb);
    let job = desk.start_bulk_job(txt_job(&targets, "bulk-restart", "v=r1")).unwrap();
    while records_with_host(&sb, "bulk-restart").len() < 8 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Stop everything at once, calls in flight included, like a killed process.
    desk.close();
    drop(desk);
    let partial = records_with_host(&sb, "bulk-restart").len();
    assert!(partial > 0 && partial < 60, "stopped mid-way ({partial} of 60)");

    let (desk, _) = open(dir.path(), &sb);
    let done = until_done(&desk, &job.id).await;
    // The calls cut off mid-way are not in CMR's state, which is no proof they never
    // arrived: they end unknown, for a person to check and retry; nothing else is resent.
    assert_eq!(done.succeeded + done.unknown, 60, "{done:?}");
    assert_eq!(records_with_host(&sb, "bulk-restart").len(), done.succeeded as usize);
    let done = if done.unknown > 0 {
        desk.retry_failed(&job.id, true).await.unwrap();
        until_done(&desk, &job.id).await
    } else {
        done
    };
    assert_eq!((done.succeeded, done.state), (60, JobState::Completed), "{done:?}");
    // Nothing lost, nothing doubled.
    let counts = records_with_host(&sb, "bulk-restart");
    assert_eq!(counts.len(), 60);
    assert!(counts.iter().all(|(_, n)| *n == 1), "{counts:?}");
    desk.close();
}

/// A job request as JSON with `n` items of `item`, then `extra` appended raw.
fn job_json(n: usize, item: &str, extra: &str) -> String {
    let mut items = vec![item; n].join(",");
    items.push_str(extra);
    format!(r#"{{"label": "big", "items": [{items}]}}"#)
}

#[tokio::test]
async fn a_job_above_the_item_limit_is_refused_without_reading_the_rest() {
    let item = r#"{"subject": "m", "op": {"operation": "validate_mailbox", "request": {"mailboxId": "MB_1"}}}"#;
    // What comes after the limit is not read as items: not even garbage there is an error.
    let text = job_json(cmr_core::MAX_ITEMS + 1, item, r#", {"not": "an item"}, 7, "x""#);
    let job: NewBulkJob = serde_json::from_str(&text).expect("counted, not read");
    assert_eq!(job.items.len(), cmr_core::MAX_ITEMS + 1, "one past the limit is kept, to be refused");
    // Up to the limit, items are read as items (a bad one is an error).
    assert!(serde_json::from_str::<NewBulkJob>(&job_json(3, item, r#", {"not": "an item"}"#)).is_err());

    let sb = sandbox(World::Large { mailboxes: 0, domains: 1 }).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    let err = desk.start_bulk_job(job).unwrap_err();
    let fields = err.fields().expect("a field error");
    assert!(fields["items"].contains("100000"), "the limit is in the message: {fields:?}");
    assert!(desk.list_jobs(None).unwrap().is_empty(), "nothing stored");

    let long = NewBulkJob { label: "x".repeat(cmr_core::MAX_LABEL_CHARS + 1), ..serde_json::from_str(&job_json(1, item, "")).unwrap() };
    let err = desk.start_bulk_job(long).unwrap_err();
    assert!(err.fields().unwrap()["label"].contains(&cmr_core::MAX_LABEL_CHARS.to_string()), "{err:?}");
    desk.close();
}

#[tokio::test]
async fn a_large_job_is_stored_in_batches_and_a_half_stored_one_is_dropped() {
    let sb = sandbox(World::Large { mailboxes: 0, domains: 1 }).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    let item = r#"{"customerId": "U_1", "subject": "m", "op": {"operation": "validate_mailbox", "request": {"mailboxId": "MB_404"}}}"#;
    let job: NewBulkJob = serde_json::from_str(&job_json(2_500, item, "")).unwrap();
    let started = desk.start_bulk_job(job).unwrap();
    desk.cancel_bulk_job(&started.id).unwrap();
    let v = desk.job(&started.id).unwrap();
    assert_eq!(v.total, 2_500, "every batch stored");
    let last = desk.job_items(&started.id, None, 2_499, 10).unwrap();
    assert_eq!(last.iter().map(|i| i.index).collect::<Vec<_>>(), [2_499], "indices run on across batches");
    desk.close();

    // A process that stopped while storing a job's items left it `preparing`: the next open
    // removes it with its items, and it never shows or runs.
    let db = rusqlite::Connection::open(dir.path().join(cmr_core::DB_FILE)).unwrap();
    db.execute(
        "INSERT INTO jobs (id, profile_id, operation, label, state, concurrency, dns_snapshots, created_at, updated_at, owner) \
         VALUES ('half', 'p-test', 'validate_mailbox', 'half', 'preparing', 1, 0, 1, 1, 'gone-owner')",
        [],
    )
    .unwrap();
    db.execute("INSERT INTO job_items (job_id, idx, subject, input, state, updated_at) VALUES ('half', 0, 'm', '{}', 'pending', 1)", []).unwrap();
    drop(db);
    let (desk, _) = open(dir.path(), &sb);
    assert!(desk.list_jobs(None).unwrap().iter().all(|j| j.id != "half"));
    let db = rusqlite::Connection::open(dir.path().join(cmr_core::DB_FILE)).unwrap();
    let left: i64 = db.query_row("SELECT COUNT(*) FROM job_items WHERE job_id = 'half'", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
    desk.close();
}
