//! Check API against the sandbox: every read matches openapi.yaml on the Demo world; with the
//! drift fault exactly the moved and the renamed operation stand out; an endpoints.toml entry
//! that follows the moved path makes it pass again.

mod common;

use cmr_client::{ApiKey, ClientConfig, CmrClient, EndpointOverrides};
use cmr_core::api_check::{run_check, CheckHints, CheckOutcome, CheckReport, IssueKind};
use cmr_sandbox::{Drift, FaultConfig, SandboxHandle, World};
use common::*;

fn hints(sb: &SandboxHandle) -> CheckHints {
    // CMR lists no orders; the app would know one from its own records.
    let order = sb.with_state(|s| s.orders.values().next().map(|o| (o.user_id.clone(), o.id.clone())));
    CheckHints { order }
}

fn client_with(sb: &SandboxHandle, overrides: EndpointOverrides) -> CmrClient {
    let mut cfg = ClientConfig::new(sb.base_url(), ApiKey::new(KEY));
    cfg.requests_per_second = 1000;
    cfg.endpoint_overrides = overrides;
    // As `common::client`: the sandbox operations take their own key.
    cfg.sandbox_api_key = Some(ApiKey::new(format!("{KEY}-sandbox")));
    CmrClient::new(cfg).expect("client")
}

fn not_ok(report: &CheckReport) -> Vec<(String, CheckOutcome)> {
    report.rows.iter().filter(|r| r.outcome != CheckOutcome::Ok).map(|r| (r.operation_id.clone(), r.outcome)).collect()
}

#[tokio::test]
async fn every_read_of_the_demo_world_matches_the_contract() {
    let sb = sandbox(World::Demo).await;
    let report = run_check(&client(&sb), &hints(&sb)).await;
    let reads = cmr_client::ENDPOINTS.iter().filter(|e| e.idempotent).count();
    assert_eq!(report.rows.len(), reads);
    assert!(not_ok(&report).is_empty(), "{}", report.markdown);
    assert_eq!(report.counts.ok as usize, reads);
    assert_eq!(report.guessed.iter().filter(|g| g.guess == "path").count(), 11);
    assert!(report.overrides.is_empty());
    assert!(report.markdown.contains("| listUsers | GET | `/users/list` | OK | 200 |"), "{}", report.markdown);
}

#[tokio::test]
async fn drift_is_named_exactly_and_an_override_follows_the_moved_path() {
    let sb = sandbox(World::Demo).await;
    sb.set_faults(FaultConfig { drift: Some(Drift::example()), ..FaultConfig::default() });
    let report = run_check(&client(&sb), &hints(&sb)).await;
    assert_eq!(
        not_ok(&report),
        [("getDnsRecords".to_owned(), CheckOutcome::ShapeDiffers), ("getWalletDetails".to_owned(), CheckOutcome::PathNotFound)],
        "{}",
        report.markdown
    );
    let dns = report.row("getDnsRecords").unwrap();
    assert!(dns.issues.iter().any(|i| i.pointer == "/data/0/type" && i.kind == IssueKind::Extra), "{:?}", dns.issues);
    assert!(dns.issues.iter().any(|i| i.pointer == "/data/0/recordType" && i.kind == IssueKind::Missing));
    let wallet = report.row("getWalletDetails").unwrap();
    assert_eq!((wallet.http_status, wallet.guessed, wallet.path.as_str()), (Some(404), true, "/wallet"));
    assert!(report.markdown.contains("`/data/0/type`"), "{}", report.markdown);

    let file = "[getWalletDetails]\npath = \"/partner/wallet\"\n";
    let overrides = EndpointOverrides::from_toml(file, "endpoints.toml").unwrap();
    let report = run_check(&client_with(&sb, overrides), &hints(&sb)).await;
    assert_eq!(not_ok(&report), [("getDnsRecords".to_owned(), CheckOutcome::ShapeDiffers)], "{}", report.markdown);
    let wallet = report.row("getWalletDetails").unwrap();
    assert!(wallet.overridden && wallet.path == "/partner/wallet");
    assert_eq!(report.overrides.len(), 1);
    assert!(report.markdown.contains("- getWalletDetails: `GET /partner/wallet` instead of `GET /wallet`"));
}

#[tokio::test]
async fn without_a_customer_or_order_the_dependent_reads_are_skipped_with_a_reason() {
    let sb = sandbox(World::Empty).await;
    let report = run_check(&client(&sb), &CheckHints::default()).await;
    let skipped: Vec<_> = report.rows.iter().filter(|r| r.outcome == CheckOutcome::Skipped).collect();
    assert!(skipped.iter().any(|r| r.operation_id == "getUser" && r.detail.starts_with("skipped: needs a customer")));
    assert!(skipped.iter().any(|r| r.operation_id == "getOrderStatus" && r.detail.contains("orderId")));
    let called: Vec<_> = report.rows.iter().filter(|r| r.outcome != CheckOutcome::Skipped).collect();
    assert!(called.iter().all(|r| r.outcome == CheckOutcome::Ok), "{}", report.markdown);
}
