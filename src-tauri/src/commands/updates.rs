//! Settings → Updates: check for a newer signed release and install it after confirmation.

use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, State};

use crate::error::{AppError, ErrorCode};
use crate::updates::{self, UpdateError, Updates};

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCheck {
    pub current_version: String,
    /// The release manifest asked.
    pub endpoint: String,
    /// Set when updates.toml in the config folder replaced the built-in server.
    pub endpoint_file: Option<String>,
    /// None: this is the newest version.
    pub available: Option<AvailableUpdate>,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AvailableUpdate {
    pub version: String,
    pub notes: Option<String>,
    /// RFC 3339, when the manifest gives one.
    pub date: Option<String>,
}

impl From<UpdateError> for AppError {
    fn from(e: UpdateError) -> Self {
        let code = match e {
            UpdateError::Settings(_) => ErrorCode::Validation,
            UpdateError::Unreachable { .. } | UpdateError::Download { .. } => ErrorCode::Network,
            UpdateError::BadManifest { .. } | UpdateError::BadSignature { .. } => ErrorCode::Upstream,
            UpdateError::Install { .. } => ErrorCode::Internal,
        };
        AppError::new(code, e.to_string())
    }
}

#[tauri::command]
#[specta::specta]
pub async fn check_for_updates(app: AppHandle, state: State<'_, Updates>) -> Result<UpdateCheck, AppError> {
    let endpoint = updates::endpoint_in_use(&app, &state.settings)?;
    let found = updates::check(&app, &state.settings).await?;
    let available = found.as_ref().map(|u| AvailableUpdate {
        version: u.version.clone(),
        notes: u.body.clone().filter(|n| !n.trim().is_empty()),
        date: u.raw_json.get("pub_date").and_then(|d| d.as_str()).map(String::from),
    });
    *state.offered.lock().await = found;
    Ok(UpdateCheck {
        current_version: app.package_info().version.to_string(),
        endpoint: endpoint.to_string(),
        endpoint_file: state.settings.endpoint.as_ref().map(|_| state.settings.file.display().to_string()),
        available,
    })
}

/// Installs the release the last check offered, if it is still `version` (the one the user
/// confirmed). The signature is verified before anything is written.
#[tauri::command]
#[specta::specta]
pub async fn install_update(state: State<'_, Updates>, version: String) -> Result<(), AppError> {
    let offered = state.offered.lock().await.clone();
    let update = offered.filter(|u| u.version == version).ok_or_else(|| {
        AppError::new(ErrorCode::Conflict, format!("Version {version} is no longer the offered update: check for updates again."))
    })?;
    updates::install(&update).await?;
    Ok(())
}

/// Starts the installed new version.
#[tauri::command]
#[specta::specta]
pub fn restart_app(app: AppHandle) {
    app.restart();
}
