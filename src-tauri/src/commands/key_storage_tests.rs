//! The vault end to end through Tauri's IPC layer (mock runtime, no window): a computer with
//! no keychain, a vault, a profile whose key works against the Demo sandbox — and not one
//! byte of that key, in any plain encoding, anywhere in the data folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine;
use serde_json::json;
use tauri::test::{mock_builder, mock_context, noop_assets};
use tauri::Manager;

use super::ipc_test::{call, Webview};
use crate::demo::DemoBackend;
use crate::secrets::SwitchableKeychain;
use crate::state::AppState;

const PASS: &str = "granite lantern orbit seven";

/// One run of the app on `dir`, with no keychain answering.
fn launch(dir: &Path) -> (tauri::App<tauri::test::MockRuntime>, Webview, String, String) {
    let demo = tauri::async_runtime::block_on(DemoBackend::start()).unwrap();
    let (url, key) = (demo.base_url(), demo.key().expose_secret().to_owned());
    let app = mock_builder()
        .invoke_handler(tauri::generate_handler![
            super::key_storage::key_storage_status,
            super::key_storage::create_vault,
            super::key_storage::unlock_vault,
            super::key_storage::lock_vault,
            super::profiles::create_profile,
            super::profiles::set_active_profile,
            super::profiles::set_profile_sandbox_key,
            super::profiles::list_profiles,
            super::profiles::check_connection,
            super::wallet::get_wallet_details,
        ])
        .build(mock_context(noop_assets()))
        .unwrap();
    tauri_specta::Builder::<tauri::test::MockRuntime>::new()
        .events(tauri_specta::collect_events![crate::events::ProfilesChanged])
        .mount_events(&app);
    app.manage(AppState::new(dir, Arc::new(SwitchableKeychain::unreachable()), demo));
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    (app, webview, url, key)
}

/// The text, its UTF-16 (either byte order), hex (either case) and base64 (standard and
/// URL-safe, with each of the three alignments): the forms a careless writer leaves behind.
fn encodings(secret: &str) -> Vec<Vec<u8>> {
    let hex: String = secret.bytes().map(|b| format!("{b:02x}")).collect();
    let mut forms = vec![
        secret.as_bytes().to_vec(),
        secret.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        secret.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        hex.clone().into_bytes(),
        hex.to_uppercase().into_bytes(),
    ];
    for skip in 0..3 {
        for engine in [&base64::engine::general_purpose::STANDARD_NO_PAD, &base64::engine::general_purpose::URL_SAFE_NO_PAD] {
            let encoded = engine.encode(&secret.as_bytes()[skip..]);
            // Leading characters depend on what came before; the middle is the same wherever
            // the text sits in a longer base64 stream.
            let start = if skip == 0 { 0 } else { 4 };
            forms.push(encoded.as_bytes()[start..encoded.len() - 4].to_vec());
        }
    }
    forms
}

/// Every file under `dir` holding `secret` in any of its plain encodings.
fn files_holding(dir: &Path, secret: &str) -> Vec<PathBuf> {
    let forms = encodings(secret);
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            if forms.iter().any(|f| bytes.windows(f.len()).any(|w| w == f.as_slice())) {
                hits.push(path);
            }
        }
    }
    hits
}

#[test]
fn a_vault_profile_works_across_a_restart_and_its_key_is_in_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox_key = "cmr_sandbox_key_for_the_vault_9f8e";
    let (app, webview, url, key) = launch(dir.path());

    let status = call(&webview, "key_storage_status", json!({})).unwrap();
    assert_eq!((status["store"].as_str(), status["keychainAvailable"].as_bool()), (Some("keychain"), Some(false)));
    let input = json!({"input": {"name": "Vaulted", "environment": "sandbox", "baseUrl": url, "defaultCustomerId": null, "apiKey": key}});
    let err = call(&webview, "create_profile", input.clone()).unwrap_err();
    assert_eq!(err["code"], "keychain", "no silent fallback: {err}");

    let short = call(&webview, "create_vault", json!({"passphrase": "short", "repeat": "short", "replaceDamaged": false})).unwrap_err();
    assert!(short["fields"]["passphrase"].is_string(), "{short}");
    call(&webview, "create_vault", json!({"passphrase": PASS, "repeat": PASS, "replaceDamaged": false})).unwrap();
    let view = call(&webview, "create_profile", input).unwrap();
    let id = view["id"].as_str().unwrap().to_owned();
    assert_eq!(view["key"]["state"], "set");
    call(&webview, "set_active_profile", json!({"id": id})).unwrap();
    call(&webview, "set_profile_sandbox_key", json!({"id": id, "sandboxKey": sandbox_key})).unwrap();
    let check = call(&webview, "check_connection", json!({})).expect("the key from the vault works");
    assert_eq!((check["profileId"].as_str(), check["demo"].as_bool()), (Some(id.as_str()), Some(false)));
    // A call through the profile's desk, so its database and log are written too.
    call(&webview, "get_wallet_details", json!({})).expect("wallet");

    call(&webview, "lock_vault", json!({})).unwrap();
    assert_eq!(call(&webview, "check_connection", json!({})).unwrap_err()["code"], "vault_locked");
    let listed = call(&webview, "list_profiles", json!({})).unwrap();
    assert_eq!(listed[1]["key"]["state"], "locked", "{listed}");
    drop(webview);
    drop(app);

    // A new run: locked until the passphrase is given; a wrong one is a clear field error.
    let (_app, webview, _, _) = launch(dir.path());
    let status = call(&webview, "key_storage_status", json!({})).unwrap();
    assert_eq!((status["store"].as_str(), status["vault"]["state"].as_str()), (Some("vault"), Some("locked")));
    let wrong = call(&webview, "unlock_vault", json!({"passphrase": "granite lantern orbit eight"})).unwrap_err();
    assert_eq!(wrong["code"], "validation");
    assert!(wrong["fields"]["passphrase"].as_str().unwrap().contains("does not open the vault"));
    call(&webview, "unlock_vault", json!({"passphrase": PASS})).unwrap();
    let status = call(&webview, "key_storage_status", json!({})).unwrap();
    assert_eq!(status["vault"], json!({"state": "unlocked", "keyCount": 2}));
    call(&webview, "check_connection", json!({})).expect("the key works after the restart");
    call(&webview, "get_wallet_details", json!({})).expect("wallet");

    let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.contains(&"keys.vault".to_string()) && names.contains(&"cmr-desk.sqlite".to_string()), "{names:?}");
    for secret in [key.as_str(), sandbox_key, PASS] {
        assert_eq!(files_holding(dir.path(), secret), Vec::<PathBuf>::new(), "a secret is in the data folder");
    }
    // The scan itself finds what it looks for (it would, were a key written in plain).
    std::fs::write(dir.path().join("probe.txt"), base64::engine::general_purpose::STANDARD.encode(format!("x{key}"))).unwrap();
    assert_eq!(files_holding(dir.path(), &key).len(), 1);
}
