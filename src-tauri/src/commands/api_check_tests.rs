//! Check API over IPC on the Demo sandbox: every read OK; an endpoints.toml override is in
//! force in the report and in the status Settings shows; a broken file is reported.

use std::sync::Arc;

use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets};
use tauri::Manager;

use crate::demo::DemoBackend;
use crate::endpoints_file::EndpointsFile;
use crate::secrets::MemoryStore;
use crate::state::AppState;

fn call(webview: &super::ipc_test::Webview, cmd: &str) -> Value {
    super::ipc_test::call(webview, cmd, json!({})).expect(cmd)
}

fn app_with(config: &std::path::Path) -> (tempfile::TempDir, tauri::App<tauri::test::MockRuntime>) {
    let dir = tempfile::tempdir().unwrap();
    let demo = tauri::async_runtime::block_on(DemoBackend::start()).unwrap();
    let app = mock_builder()
        .invoke_handler(tauri::generate_handler![super::api_check::check_api, super::api_check::endpoint_overrides_status])
        .build(mock_context(noop_assets()))
        .unwrap();
    let state = AppState::new(dir.path(), Arc::new(MemoryStore::default()), demo).with_endpoints(EndpointsFile::load(config));
    app.manage(state);
    (dir, app)
}

#[test]
fn check_api_reports_every_demo_read_as_ok() {
    let config = tempfile::tempdir().unwrap();
    let (_dir, app) = app_with(config.path());
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let report = call(&webview, "check_api");
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 24);
    let not_ok: Vec<_> = rows.iter().filter(|r| r["outcome"] != "ok").collect();
    assert!(not_ok.is_empty(), "{}", report["markdown"].as_str().unwrap());
    assert!(report["markdown"].as_str().unwrap().starts_with("# CMR API check"));
    let status = call(&webview, "endpoint_overrides_status");
    assert_eq!((status["present"].clone(), status["errors"].clone()), (json!(false), json!([])));
}

#[test]
fn overrides_from_the_config_folder_reach_the_client_and_the_report() {
    let config = tempfile::tempdir().unwrap();
    std::fs::write(config.path().join("endpoints.toml"), "[getWalletDetails]\npath = \"/partner/wallet\"\n").unwrap();
    let (_dir, app) = app_with(config.path());
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let report = call(&webview, "check_api");
    let wallet = report["rows"].as_array().unwrap().iter().find(|r| r["operationId"] == "getWalletDetails").unwrap();
    // The Demo serves the table's path, so the moved call is not found there.
    assert_eq!((wallet["outcome"].as_str(), wallet["path"].as_str()), (Some("pathNotFound"), Some("/partner/wallet")));
    assert_eq!(report["overrides"][0]["operationId"], "getWalletDetails");
    let status = call(&webview, "endpoint_overrides_status");
    assert_eq!(status["overrides"][0]["path"], "/partner/wallet");
}

#[test]
fn a_broken_file_is_reported_and_applies_nothing() {
    let config = tempfile::tempdir().unwrap();
    std::fs::write(config.path().join("endpoints.toml"), "[getWalletDetails]\nmethod = \"FETCH\"\n").unwrap();
    let (_dir, app) = app_with(config.path());
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let status = call(&webview, "endpoint_overrides_status");
    assert_eq!(status["overrides"], json!([]));
    let error = &status["errors"][0];
    assert_eq!((error["line"].as_u64(), error["key"].as_str()), (Some(2), Some("getWalletDetails.method")));
    assert!(error["file"].as_str().unwrap().ends_with("endpoints.toml"));
}
