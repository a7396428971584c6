//! The desktop side of the app: the first-run welcome, the About box, and the messages about
//! local files that could not be used.

use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::error::AppResult;
use crate::local_files::LocalProblem;
use crate::state::AppState;

/// What the About box shows: enough for a support request.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    pub licence: String,
    /// Profiles, audit log and tracked actions (a temporary folder when the real one failed).
    pub data_dir: String,
    /// settings.json, endpoints.toml, the window's size and position.
    pub config_dir: String,
    /// The app log; empty when no log could be opened.
    pub log_file: String,
}

#[tauri::command]
#[specta::specta]
pub async fn app_info<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> AppResult<AppInfo> {
    let licence = match env!("CARGO_PKG_LICENSE") {
        "UNLICENSED" => "Proprietary: all rights reserved (UNLICENSED)".to_string(),
        other => other.to_string(),
    };
    let config_dir = app.path().app_config_dir().map(|p| p.display().to_string()).unwrap_or_default();
    let log_file = if state.log.is_on() { state.log.path().display().to_string() } else { String::new() };
    Ok(AppInfo {
        name: app.package_info().name.clone(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        licence,
        data_dir: state.data_dir().display().to_string(),
        config_dir,
        log_file,
    })
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct WelcomeStatus {
    /// Open the welcome now: first run, not dismissed, no profile of the user's own.
    pub show: bool,
    pub dismissed: bool,
    /// Whether an account can be connected this run (not while the data folder is unusable).
    pub can_connect: bool,
}

#[tauri::command]
#[specta::specta]
pub async fn welcome_status(state: State<'_, AppState>) -> AppResult<WelcomeStatus> {
    let dismissed = state.settings.get().welcome_dismissed;
    let can_connect = state.demo_only().is_none();
    // An unreadable profile list may hold accounts: no welcome then, the problem is shown.
    let has_own = match state.with_profiles(|p| p.list()).await {
        Ok(own) => !own.is_empty(),
        Err(_) => true,
    };
    Ok(WelcomeStatus { show: !dismissed && can_connect && !has_own, dismissed, can_connect })
}

/// The welcome is not shown by itself again (Settings still opens it).
#[tauri::command]
#[specta::specta]
pub async fn dismiss_welcome(state: State<'_, AppState>) -> AppResult<()> {
    state.settings.update(|s| s.welcome_dismissed = true)?;
    crate::app_log::info("welcome dismissed");
    Ok(())
}

/// Local files or folders that could not be used, each with what to do about it.
#[tauri::command]
#[specta::specta]
pub async fn local_file_problems(state: State<'_, AppState>) -> AppResult<Vec<LocalProblem>> {
    Ok(state.local_problems().await)
}

/// Moves a damaged database aside (kept as `cmr-desk.sqlite.broken-<time>`, never deleted)
/// so a new one starts in its place; the person confirmed it in the window. Returns where
/// the old file now is.
#[tauri::command]
#[specta::specta]
pub async fn set_aside_damaged_database(state: State<'_, AppState>) -> AppResult<String> {
    state.set_aside_database()
}

/// Moves a profile list that cannot be read aside (kept as `profiles.json.broken-<time>`,
/// never deleted); the person confirmed it in the window. The app goes on with no profiles of
/// their own, the keys still in the keychain. Returns where the old file now is.
#[tauri::command]
#[specta::specta]
pub async fn set_aside_damaged_profiles(state: State<'_, AppState>) -> AppResult<String> {
    state.set_aside_profiles().await
}
