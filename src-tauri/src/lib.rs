//! CMR Desk, the Tauri shell: commands, app state, events. Logic that needs no window lives in
//! plain modules (profiles, secrets) and in the crates under crates/.

mod commands;
mod demo;
mod error;
mod events;
mod profiles;
mod secrets;
mod state;

use std::sync::Arc;

use tauri::Manager;

use crate::secrets::KeyringStore;
use crate::state::{AppState, KEYCHAIN_SERVICE};

/// Every command and event the UI can use, in one place; `ui/src/bindings.ts` is generated
/// from this list.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    use commands::profiles::*;
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            list_profiles,
            create_profile,
            update_profile,
            set_profile_key,
            delete_profile_key,
            delete_profile,
            set_active_profile,
            check_connection,
        ])
        .events(tauri_specta::collect_events![events::ProfilesChanged])
}

pub const BINDINGS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/bindings.ts");

pub fn export_bindings(path: &std::path::Path) {
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from the Rust commands: do not edit. Regenerate with `make bindings`.\n"),
            path,
        )
        .expect("failed to export TypeScript bindings");
}

pub fn run() {
    let builder = specta_builder();
    tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let data_dir = app.path().app_data_dir()?;
            std::fs::create_dir_all(&data_dir)?;
            let demo = tauri::async_runtime::block_on(demo::DemoBackend::start())?;
            app.manage(AppState::new(&data_dir, Arc::new(KeyringStore::new(KEYCHAIN_SERVICE)), demo));
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("CMR Desk failed to start");
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_are_fresh() {
        let committed = std::path::Path::new(super::BINDINGS_PATH);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            super::export_bindings(committed);
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        super::export_bindings(&fresh);
        let fresh = std::fs::read_to_string(fresh).unwrap();
        let committed = std::fs::read_to_string(committed).unwrap_or_default();
        assert!(
            fresh == committed,
            "ui/src/bindings.ts is stale: run `make bindings` (UPDATE_BINDINGS=1 cargo test -p cmr-desk bindings_are_fresh) and commit it"
        );
    }
}
