//! The audit log (DNS before/after, filters, CSV), the cache (instant reads, invalidation,
//! refresh) and the rule that the API key never reaches the data folder.

mod common;

use std::path::Path;

use cmr_client::dns::{AddDnsRecordsRequest, DnsRecordInput, UpdateDnsRecordRequest};
use cmr_client::endpoints as ep;
use cmr_client::misc::SendErrorRequest;
use cmr_client::users::NewUser;
use cmr_client::DnsRecordType;
use cmr_core::{AuditQuery, BulkItem, BulkOp, CacheKind, Mutation, NewBulkJob};
use cmr_sandbox::{FaultConfig, World};
use common::*;

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[tokio::test]
async fn dns_writes_are_audited_with_the_zone_before_and_after() {
    let sb = sandbox(World::Demo).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    let (user, domain) = active_domain(&sb);
    let req = AddDnsRecordsRequest { domain: domain.clone(), records: vec![DnsRecordInput::new(DnsRecordType::Txt, "audit-me", "hello")] };
    let m = Mutation::new(&ep::ADD_DNS_RECORDS, &domain).customer(&user).request(&req);
    let reply = desk.mutate(m, |c| { let (u, r) = (user.clone(), req.clone()); async move { c.add_dns_records(&u, &r).await } }).await.unwrap();
    let entry = desk.audit().query(&AuditQuery { operation: Some("add_dns_records".into()), ..Default::default() }).unwrap().remove(0);
    assert_eq!(entry.result, "ok");
    assert_eq!(entry.customer_id.as_deref(), Some(user.as_str()));
    assert_eq!(entry.action_id, reply.action_id);
    let before = entry.dns_before.unwrap().to_string();
    let after = entry.dns_after.unwrap().to_string();
    assert!(!before.contains("audit-me") && after.contains("audit-me"));

    // A 422 keeps the zone as it was and names the field.
    let record_id = sb.with_state(|s| s.domains.values().find(|d| d.name == domain).unwrap().dns[0].id.clone());
    let bad = UpdateDnsRecordRequest { record_id, domain: domain.clone(), record: DnsRecordInput::new(DnsRecordType::A, "@", "300.1.1.1") };
    let m = Mutation::new(&ep::UPDATE_DNS_RECORD, &domain).customer(&user).request(&bad);
    let err = desk.mutate(m, |c| { let (u, r) = (user.clone(), bad.clone()); async move { c.update_dns_record(&u, &r).await } }).await.unwrap_err();
    assert!(err.fields().unwrap().contains_key("value"), "{:?}", err.fields());
    let entry = desk.audit().query(&AuditQuery { operation: Some("update_dns_record".into()), ..Default::default() }).unwrap().remove(0);
    assert_eq!((entry.result.as_str(), entry.status), ("error", Some(422)));
    assert!(entry.dns_before.is_some() && entry.dns_after.is_none());

    // Filters and CSV.
    assert_eq!(desk.audit().query(&AuditQuery { customer_id: Some(user.clone()), ..Default::default() }).unwrap().len(), 2);
    assert!(desk.audit().query(&AuditQuery { customer_id: Some("someone-else".into()), ..Default::default() }).unwrap().is_empty());
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let q = AuditQuery { from: Some(today.clone()), to: Some(today), ..Default::default() };
    assert_eq!(desk.audit().query(&q).unwrap().len(), 2);
    let csv = desk.audit().export_csv(&AuditQuery::default()).unwrap();
    assert!(csv.starts_with("id,at,profile_id,customer_id,operation"));
    assert_eq!(csv.lines().count(), 3);
    desk.close();
}

#[tokio::test]
async fn read_models_come_from_the_cache_until_a_change_or_a_refresh() {
    let sb = sandbox(World::Demo).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    let (user, domain) = active_domain(&sb);
    let first = desk.domains(&user, false).await.unwrap();
    assert!(!first.stale && first.synced_at.is_some());
    assert!(first.data.iter().any(|d| d.name() == Some(domain.as_str())));
    // Served from the cache even with the server gone quiet.
    sb.set_faults(FaultConfig { fail_next: 100, ..FaultConfig::default() });
    let again = desk.domains(&user, false).await.unwrap();
    assert_eq!(again.synced_at, first.synced_at);
    sb.set_faults(FaultConfig::default());

    // A mutation on the customer's domains marks the copy stale.
    let req = cmr_client::domains::ToggleDomainAutoRenewRequest { user_id: None, domains: vec![domain.clone()], auto_renew: true };
    let m = Mutation::new(&ep::TOGGLE_DOMAIN_AUTO_RENEW, &domain).customer(&user).request(&req);
    desk.mutate(m, |c| { let (u, r) = (user.clone(), req.clone()); async move { c.toggle_domain_auto_renew(&u, &r).await } }).await.unwrap();
    assert!(desk.domains(&user, false).await.unwrap().stale);

    let refreshed = desk.refresh_cache(None, None).await.unwrap();
    assert_eq!(refreshed.len(), 1);
    assert_eq!(refreshed[0].kind, CacheKind::Domains);
    assert!(!desk.domains(&user, false).await.unwrap().stale);
    let customers = desk.customers(false).await.unwrap();
    assert!(customers.data.len() >= 4);
    assert_eq!(desk.cache().entries().unwrap().len(), 2);
    desk.close();
}

#[tokio::test]
async fn the_api_key_never_reaches_the_data_folder() {
    let sb = sandbox(World::Demo).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, sink) = open(dir.path(), &sb);
    let (user, domain) = active_domain(&sb);
    // The key pasted where it does not belong: a free-text error report and a user field.
    let report = SendErrorRequest { message: format!("my key is {KEY}"), context: serde_json::json!({"apiKey": KEY, "note": KEY}) };
    let m = Mutation::new(&ep::SEND_ERROR, "report").request(&report);
    let _ = desk.mutate(m, |c| { let r = report.clone(); async move { c.send_error(&r).await } }).await;
    let user_req = NewUser { email: "key@example.com".into(), company: KEY.into(), ..Default::default() };
    let m = Mutation::new(&ep::CREATE_USER, "key@example.com").request(&user_req);
    let _ = desk.mutate(m, |c| { let r = user_req.clone(); async move { c.create_user(&r).await } }).await;
    // Failures, a lost answer and a bulk job write too.
    sb.set_faults(FaultConfig { commit_then_timeout_next: 1, hang_ms: 3_000, route: Some("POST /dns".into()), ..FaultConfig::default() });
    let req = AddDnsRecordsRequest { domain: domain.clone(), records: vec![DnsRecordInput::new(DnsRecordType::Txt, "k", KEY)] };
    let m = Mutation::new(&ep::ADD_DNS_RECORDS, &domain).customer(&user).request(&req);
    let refused = desk.mutate(m, |c| { let (u, r) = (user.clone(), req.clone()); async move { c.add_dns_records(&u, &r).await } }).await;
    assert!(refused.unwrap_err().fields().unwrap().contains_key("records[0].value"), "the key is never sent as data");
    let item = BulkItem { customer_id: Some(user.clone()), subject: domain.clone(), op: BulkOp::AddDnsRecords(req.clone()) };
    let spec = NewBulkJob { label: KEY.into(), items: vec![item.clone()], concurrency: None, dns_snapshots: Some(true) };
    assert!(desk.start_bulk_job(spec).is_err());
    let fine = AddDnsRecordsRequest { domain: domain.clone(), records: vec![DnsRecordInput::new(DnsRecordType::Txt, "k", "fine")] };
    let m = Mutation::new(&ep::ADD_DNS_RECORDS, &domain).customer(&user).request(&fine);
    let lost = desk.mutate(m, |c| { let (u, r) = (user.clone(), fine.clone()); async move { c.add_dns_records(&u, &r).await } }).await;
    assert_eq!(lost.unwrap_err().code_str(), "outcome_unknown");
    let item = BulkItem { op: BulkOp::AddDnsRecords(fine.clone()), ..item };
    let job = desk.start_bulk_job(NewBulkJob { label: KEY.into(), items: vec![item], concurrency: None, dns_snapshots: Some(true) }).unwrap();
    for _ in 0..200 {
        if desk.job(&job.id).unwrap().state != cmr_core::JobState::Running {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    desk.customers(true).await.unwrap();
    desk.close();
    drop(desk);

    let mut files = Vec::new();
    files_under(dir.path(), &mut files);
    assert!(files.iter().any(|f| f.ends_with("cmr-desk.sqlite")));
    assert!(files.iter().any(|f| f.ends_with("cmr-desk.log")));
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let found = bytes.windows(KEY.len()).any(|w| w == KEY.as_bytes());
        assert!(!found, "the API key is in {}", f.display());
    }
    let events = serde_json::to_string(&sink.events()).unwrap();
    assert!(!events.contains(KEY), "the API key is in an event");
}
