//! Commands driven through Tauri's real IPC layer without a window (mock runtime), on the
//! Demo profile's in-process sandbox; and the coverage of the API contract by commands.

use std::sync::Arc;

use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets};
use tauri::Manager;

use super::ipc_test::call;
use crate::demo::DemoBackend;
use crate::secrets::MemoryStore;
use crate::state::AppState;

fn scan_for(dir: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            hits.extend(scan_for(&path, needle));
        } else if std::fs::read(&path).unwrap().windows(needle.len()).any(|w| w == needle.as_bytes()) {
            hits.push(path);
        }
    }
    hits
}

#[test]
fn commands_work_over_ipc_against_the_demo_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let demo = tauri::async_runtime::block_on(DemoBackend::start()).unwrap();
    let key = demo.key().expose_secret().to_owned();
    let app = mock_builder()
        .invoke_handler(tauri::generate_handler![
            super::wallet::get_wallet_details,
            super::cache::cached_customers,
            super::cache::cached_domains,
            super::dns::add_dns_records,
            super::audit::query_audit_log,
            super::audit::export_audit_csv,
            super::activity::list_actions,
            super::jobs::start_bulk_job,
            super::jobs::get_bulk_job,
            super::misc::send_error,
        ])
        .build(mock_context(noop_assets()))
        .unwrap();
    app.manage(AppState::new(dir.path(), Arc::new(MemoryStore::default()), demo));
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();

    let wallet = call(&webview, "get_wallet_details", json!({})).expect("wallet");
    assert!(wallet["data"]["walletBalance"].is_number() || wallet["data"]["walletBalance"].is_string());

    let customers = call(&webview, "cached_customers", json!({"refresh": false})).expect("customers");
    assert!(customers["syncedAt"].is_string());
    let user = customers["data"][0]["userId"].as_str().or(customers["data"][0]["id"].as_str()).unwrap().to_owned();
    let domains = call(&webview, "cached_domains", json!({"customerId": user, "refresh": false})).expect("domains");
    let domain = domains["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["status"] == "ACTIVE")
        .and_then(|d| d["domainName"].as_str())
        .expect("an active domain")
        .to_owned();

    let record = json!({"domain": domain, "records": [{"host": "ipc-check", "value": "v=ok", "recordType": "TXT"}]});
    let added = call(&webview, "add_dns_records", json!({"userId": user, "request": record})).expect("record added");
    let action_id = added["actionId"].as_str().expect("an actionId").to_owned();

    // A 422 reaches the UI as {code, message, status, fields}, the field named.
    let bad = json!({"domain": domain, "records": [{"host": "www", "value": "1.2.3", "recordType": "A"}]});
    let err = call(&webview, "add_dns_records", json!({"userId": user, "request": bad})).expect_err("refused");
    assert_eq!(err["code"], "validation");
    assert_eq!(err["status"], 422);
    assert!(err["fields"]["records[0].value"].is_string(), "{err}");
    assert!(err["message"].as_str().unwrap().contains("1.2.3"));

    // The key never goes out as data.
    let leak = json!({"message": format!("my key {key}"), "context": {}});
    let err = call(&webview, "send_error", json!({"request": leak})).expect_err("refused");
    assert_eq!((err["code"].as_str(), err["fields"]["message"].is_string()), (Some("validation"), true));

    let audit = call(&webview, "query_audit_log", json!({"query": {"operation": "add_dns_records"}})).expect("audit");
    let rows = audit.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let ok = rows.iter().find(|r| r["result"] == "ok").unwrap();
    assert_eq!(ok["actionId"], action_id.as_str());
    assert_eq!(ok["customerId"], user.as_str());
    assert!(ok["dnsAfter"].to_string().contains("ipc-check") && !ok["dnsBefore"].to_string().contains("ipc-check"));
    let csv = call(&webview, "export_audit_csv", json!({"query": {}})).expect("csv");
    assert!(csv.as_str().unwrap().starts_with("id,at,profile_id"));

    let actions = call(&webview, "list_actions", json!({"filter": {}})).expect("actions");
    assert_eq!(actions[0]["actionId"], action_id.as_str());
    assert_eq!(actions[0]["state"], "submitted");

    let job = json!({"label": "ipc", "items": [
        {"customerId": user, "subject": domain, "op": {"operation": "add_dns_records",
            "request": {"domain": domain, "records": [{"host": "ipc-bulk", "value": "v=1", "recordType": "TXT"}]}}}
    ]});
    let started = call(&webview, "start_bulk_job", json!({"job": job})).expect("job started");
    let id = started["id"].as_str().unwrap().to_owned();
    let mut view = started;
    for _ in 0..200 {
        if view["state"] != "running" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        view = call(&webview, "get_bulk_job", json!({"jobId": id})).unwrap();
    }
    assert_eq!((view["state"].as_str(), view["succeeded"].as_u64()), (Some("completed"), Some(1)), "{view}");

    // Nothing the app wrote, nor anything it answered, holds the key.
    assert!(scan_for(dir.path(), &key).is_empty(), "the API key is in the data folder");
    assert!(dir.path().join("cmr-desk.sqlite").exists() && dir.path().join("logs/cmr-desk.log").exists());
    for out in [&wallet, &customers, &domains, &added, &audit, &actions, &view] {
        assert!(!out.to_string().contains(&key));
    }
}

/// `camelCase` of a command name, as the bindings spell it.
fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_operation_of_the_contract_has_a_command_and_a_binding() {
    let contract = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../crates/cmr-client/openapi.yaml")).unwrap();
    // The operations are under `paths:`; `webhooks:` describes calls CMR makes to us.
    let operations: Vec<&str> = contract
        .lines()
        .skip_while(|l| !l.starts_with("paths:"))
        .take_while(|l| !l.starts_with("webhooks:"))
        .filter_map(|l| l.trim().strip_prefix("operationId:"))
        .map(|id| id.trim().trim_matches(|c| c == '"' || c == '\''))
        .collect();
    assert_eq!(operations.len(), 62, "the contract's operations");
    let dir = tempfile::tempdir().unwrap();
    let registered = dir.path().join("bindings.ts");
    crate::export_bindings(&registered);
    let registered = std::fs::read_to_string(registered).unwrap();
    let committed = std::fs::read_to_string(crate::BINDINGS_PATH).unwrap();
    let mut missing = Vec::new();
    for op in &operations {
        let command = cmr_core::policy::snake_case(op);
        let binding = camel(&command);
        let invoke = format!("__TAURI_INVOKE(\"{command}\"");
        let declared = format!("\t{binding}(");
        for (what, text) in [("registered", &registered), ("ui/src/bindings.ts", &committed)] {
            if !text.contains(&invoke) || !text.contains(&declared) {
                missing.push(format!("{op} → {command} / commands.{binding} not in {what}"));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// A profile of the user's own, pointing at a sandbox of the test's; (app, window, sandbox,
/// user id, domain with records). The profile is the active one.
struct OnSandbox {
    _dir: tempfile::TempDir,
    _app: tauri::App<tauri::test::MockRuntime>,
    webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
    sandbox: cmr_sandbox::SandboxHandle,
    profile_id: String,
    user: String,
    domain: String,
}

fn on_sandbox() -> OnSandbox {
    use cmr_sandbox::{Sandbox, SandboxConfig};
    const KEY: &str = "sk_test_shell_4d2f9b7e1c6a";
    let dir = tempfile::tempdir().unwrap();
    let sandbox = tauri::async_runtime::block_on(Sandbox::start(SandboxConfig::for_tests(KEY))).unwrap();
    let demo = tauri::async_runtime::block_on(DemoBackend::start()).unwrap();
    let app = mock_builder()
        .invoke_handler(tauri::generate_handler![
            super::profiles::create_profile,
            super::profiles::set_active_profile,
            super::profiles::delete_profile,
            super::profiles::list_profiles,
            super::profiles::set_profile_sandbox_key,
            super::profiles::delete_profile_sandbox_key,
            super::prewarmup::sandbox_list_prewarmup,
            super::prewarmup::sandbox_reset_prewarmup,
            super::jobs::start_bulk_job,
            super::dns_tools::plan_dns_changes,
            super::dns_tools::apply_dns_plan,
        ])
        .build(mock_context(noop_assets()))
        .unwrap();
    app.manage(AppState::new(dir.path(), Arc::new(MemoryStore::default()), demo));
    // The profile commands announce changes as typed events, which must be registered.
    tauri_specta::Builder::<tauri::test::MockRuntime>::new()
        .events(tauri_specta::collect_events![crate::events::ProfilesChanged])
        .mount_events(&app);
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let input = json!({"input": {"name": "Agency", "environment": "sandbox", "baseUrl": sandbox.base_url(), "apiKey": KEY}});
    let created = call(&webview, "create_profile", input).expect("profile created");
    assert_eq!(created["active"], false, "saving a profile does not switch to it");
    call(&webview, "set_active_profile", json!({"id": created["id"]})).expect("made active");
    let (user, domain) = sandbox.with_state(|s| {
        s.domains
            .values()
            .find(|d| d.status.as_str() == "ACTIVE" && !d.dns.is_empty())
            .map(|d| (d.user_id.clone(), d.name.clone()))
            .expect("an active domain")
    });
    let profile_id = created["id"].as_str().unwrap().to_owned();
    OnSandbox { _dir: dir, _app: app, webview, sandbox, profile_id, user, domain }
}

impl OnSandbox {
    fn records_with_host(&self, prefix: &str) -> Vec<String> {
        self.sandbox.with_state(|s| {
            let domain = s.domains.values().find(|d| d.name == self.domain).expect("the domain");
            domain.dns.iter().filter(|r| r.host.starts_with(prefix)).map(|r| r.host.clone()).collect()
        })
    }
}

/// Deleting a profile mid-job stops its job: no more calls with the deleted key.
#[test]
fn deleting_a_profile_stops_its_bulk_job() {
    let t = on_sandbox();
    t.sandbox.set_faults(cmr_sandbox::FaultConfig { latency_ms: 50, ..Default::default() });
    let items: Vec<Value> = (0..60)
        .map(|i| {
            json!({"customerId": t.user, "subject": t.domain, "op": {"operation": "add_dns_records",
                "request": {"domain": t.domain, "records": [{"host": format!("gone-{i}"), "value": "v=1", "recordType": "TXT"}]}}})
        })
        .collect();
    call(&t.webview, "start_bulk_job", json!({"job": {"label": "sixty", "items": items}})).expect("job started");
    for _ in 0..200 {
        if t.records_with_host("gone-").len() >= 3 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(t.records_with_host("gone-").len() >= 3, "the job is under way");

    call(&t.webview, "delete_profile", json!({"id": t.profile_id})).expect("profile deleted");
    // A call already on the wire when the job stopped may still land.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let settled = t.records_with_host("gone-").len();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let later = t.records_with_host("gone-").len();
    assert_eq!(later, settled, "records kept being created after the profile was deleted");
    assert!(later < 60, "the job ran to its end: {later}");
}

/// A plan whose writes went through but whose zone could not be read back: the report still
/// says what was applied, and a fresh plan does not add the records again.
#[test]
fn an_apply_whose_reread_fails_still_reports_what_was_applied() {
    let t = on_sandbox();
    let changes = json!([
        {"kind": "add", "record": {"host": "kept-a", "value": "192.0.2.81", "recordType": "A"}},
        {"kind": "add", "record": {"host": "kept-t", "value": "\"kept=yes\"", "recordType": "TXT"}},
    ]);
    let plan_args = json!({"userId": t.user, "domain": t.domain, "changes": changes});
    let view = call(&t.webview, "plan_dns_changes", plan_args.clone()).expect("planned");
    assert_eq!(view["plan"]["summary"]["adds"], 2, "{view}");

    // Every zone read now gets an answer that does not parse (no retries, so no waiting); the
    // writes are untouched.
    t.sandbox.set_faults(cmr_sandbox::FaultConfig {
        malformed_next: 1000,
        route: Some("GET /dns".into()),
        ..Default::default()
    });
    let report = call(&t.webview, "apply_dns_plan", json!({"userId": t.user, "plan": view["plan"]})).expect("a report, not an error");
    t.sandbox.set_faults(cmr_sandbox::FaultConfig::default());
    assert_eq!(report["applied"], 2, "{report}");
    assert!(report["error"].is_null(), "{report}");
    let items: Vec<&str> = report["appliedItems"].as_array().unwrap().iter().map(|i| i["description"].as_str().unwrap()).collect();
    assert_eq!(items.len(), 2, "{report}");
    assert!(items[0].contains("kept-a") && items[1].contains("kept-t"), "{items:?}");
    assert!(report["verifyError"].as_str().is_some_and(|e| e.contains("could not be read")), "{report}");
    assert_eq!(report["records"], json!([]));

    let again = call(&t.webview, "plan_dns_changes", plan_args).expect("planned again");
    assert_eq!(again["plan"]["summary"]["adds"], 0, "{again}");
    assert_eq!(again["plan"]["items"], json!([]), "{again}");
    let mut hosts = t.records_with_host("kept-");
    hosts.sort();
    assert_eq!(hosts, ["kept-a", "kept-t"], "each record exactly once");
}

/// CMR's sandbox operations take only the sandbox key. Without one the shell refuses them with
/// a clear message and sends nothing (not even the partner key); with one they go through.
#[test]
fn sandbox_operations_need_the_profile_sandbox_key() {
    let t = on_sandbox();
    let refused = call(&t.webview, "sandbox_list_prewarmup", json!({"query": {}})).unwrap_err();
    assert_eq!(refused["code"], "validation");
    assert!(refused["message"].as_str().unwrap().contains("Set this profile's sandbox key in Settings → Profiles"), "{refused}");
    assert!(call(&t.webview, "sandbox_reset_prewarmup", json!({})).is_err());

    let sandbox_key = "sk_test_shell_4d2f9b7e1c6a-sandbox";
    let view = call(&t.webview, "set_profile_sandbox_key", json!({"id": t.profile_id, "sandboxKey": sandbox_key})).expect("saved");
    assert_eq!(view["sandboxKey"], json!({"state": "set", "mask": "…dbox"}));
    assert!(!view.to_string().contains(sandbox_key), "the key never comes back");
    let listed = call(&t.webview, "sandbox_list_prewarmup", json!({"query": {}})).expect("listed with the sandbox key");
    assert_eq!(listed["data"]["totalDomains"], 4);

    let view = call(&t.webview, "delete_profile_sandbox_key", json!({"id": t.profile_id})).expect("removed");
    assert_eq!(view["sandboxKey"], json!({"state": "missing"}));
    assert!(call(&t.webview, "sandbox_list_prewarmup", json!({"query": {}})).is_err());
}

/// Nothing leaves the machine when the sandbox key is missing: a listener standing in for CMR
/// sees no connection at all.
#[test]
fn a_missing_sandbox_key_sends_nothing() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let base = format!("http://{}/api/v1/integration", listener.local_addr().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let demo = tauri::async_runtime::block_on(DemoBackend::start()).unwrap();
    let app = mock_builder()
        .invoke_handler(tauri::generate_handler![
            super::profiles::create_profile,
            super::profiles::set_active_profile,
            super::prewarmup::sandbox_list_prewarmup,
            super::prewarmup::sandbox_reset_prewarmup,
        ])
        .build(mock_context(noop_assets()))
        .unwrap();
    app.manage(AppState::new(dir.path(), Arc::new(MemoryStore::default()), demo));
    tauri_specta::Builder::<tauri::test::MockRuntime>::new()
        .events(tauri_specta::collect_events![crate::events::ProfilesChanged])
        .mount_events(&app);
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let input = json!({"input": {"name": "Live", "environment": "sandbox", "baseUrl": base, "apiKey": "pk_live_partner_9f8e7d6c5b4a"}});
    let created = call(&webview, "create_profile", input).expect("profile created");
    call(&webview, "set_active_profile", json!({"id": created["id"]})).expect("made active");
    for cmd in ["sandbox_list_prewarmup", "sandbox_reset_prewarmup"] {
        let args = if cmd == "sandbox_list_prewarmup" { json!({"query": {}}) } else { json!({}) };
        let err = call(&webview, cmd, args).unwrap_err();
        assert!(err["message"].as_str().unwrap().contains("sandbox key"), "{err}");
    }
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("something connected to CMR: {other:?}"),
    }
}
