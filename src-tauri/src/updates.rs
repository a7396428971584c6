//! "Check for updates". The Tauri updater plugin reads the release manifest, checks the
//! artifact's minisign signature against the public key in tauri.conf.json and installs it.
//! This module decides where releases come from (the built-in endpoint, or `updates.toml` in
//! the app's config folder), enforces the transport rule, and turns the plugin's errors into
//! messages a person can act on.

use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Error as PluginError, Update, UpdaterExt};
use url::{Host, Url};

/// The optional file, beside endpoints.toml, that points the updater at another server.
pub const UPDATES_FILE: &str = "updates.toml";

/// A slow server must not leave the Settings panel spinning for ever.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Where updates are looked for, read once at start like endpoints.toml.
#[derive(Clone, Debug, Default)]
pub struct UpdateSettings {
    /// `updates.toml` (shown to the user, present or not).
    pub file: PathBuf,
    /// The file's endpoint, when it sets a valid one.
    pub endpoint: Option<Url>,
    /// What is wrong with the file; checks are refused until it is fixed, rather than
    /// quietly asking the built-in server.
    pub error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdatesToml {
    endpoint: String,
}

impl UpdateSettings {
    pub fn load(config_dir: &Path) -> UpdateSettings {
        let file = config_dir.join(UPDATES_FILE);
        let shown = file.display().to_string();
        let mut settings = UpdateSettings { file: file.clone(), ..Default::default() };
        let text = match std::fs::read_to_string(&file) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return settings,
            Err(e) => {
                settings.error = Some(format!("{shown} could not be read: {e}"));
                return settings;
            }
            Ok(text) => text,
        };
        let parsed = toml::from_str::<UpdatesToml>(&text).map_err(|e| format!("{shown}: {}", e.message()));
        let endpoint = parsed.and_then(|t| {
            let url = Url::parse(&t.endpoint).map_err(|e| format!("{shown}: endpoint \"{}\" is not a URL: {e}", t.endpoint))?;
            check_transport(&url).map_err(|why| format!("{shown}: endpoint {why}"))?;
            Ok(url)
        });
        match endpoint {
            Ok(url) => settings.endpoint = Some(url),
            Err(message) => settings.error = Some(message),
        }
        settings
    }
}

/// Releases travel over HTTPS. Plain HTTP is accepted only from this computer (127.0.0.1),
/// for a local mirror or a test server. The plugin's own check is switched off in
/// tauri.conf.json (`dangerousInsecureTransportProtocol`) because it knows no such exception;
/// this rule replaces it for the endpoint and for every download URL a manifest names.
pub fn check_transport(url: &Url) -> Result<(), String> {
    let loopback = url.host() == Some(Host::Ipv4(Ipv4Addr::LOCALHOST));
    match url.scheme() {
        "https" if url.host().is_some() => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(format!("{url} must use https (plain http is accepted only for 127.0.0.1)")),
    }
}

/// Why a check or an install did not go through, phrased for the Settings panel.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UpdateError {
    #[error("{0}")]
    Settings(String),
    #[error("Could not reach the update server ({endpoint}): {detail}")]
    Unreachable { endpoint: String, detail: String },
    #[error("The update server ({endpoint}) did not answer with a valid release manifest: {detail}")]
    BadManifest { endpoint: String, detail: String },
    #[error(
        "The downloaded update {version} was refused: its signature does not verify with CMR Desk's \
         release key, so it may have been altered or was not published by CMR Desk. Nothing was installed."
    )]
    BadSignature { version: String },
    #[error("Could not download update {version}: {detail}")]
    Download { version: String, detail: String },
    #[error("Could not install update {version}: {detail}")]
    Install { version: String, detail: String },
}

/// The built-in endpoints: `plugins.updater.endpoints` in tauri.conf.json.
fn configured_endpoints<R: Runtime>(app: &AppHandle<R>) -> Vec<Url> {
    app.config()
        .plugins
        .0
        .get("updater")
        .and_then(|u| u.get("endpoints"))
        .and_then(|e| serde_json::from_value::<Vec<Url>>(e.clone()).ok())
        .unwrap_or_default()
}

/// The endpoint a check will ask, as shown in Settings.
pub fn endpoint_in_use<R: Runtime>(app: &AppHandle<R>, settings: &UpdateSettings) -> Result<Url, UpdateError> {
    if let Some(error) = &settings.error {
        return Err(UpdateError::Settings(format!("The update settings are not valid, so no check was made. {error}")));
    }
    let endpoint = match &settings.endpoint {
        Some(url) => url.clone(),
        None => configured_endpoints(app)
            .into_iter()
            .next()
            .ok_or_else(|| UpdateError::Settings("No update server is configured.".into()))?,
    };
    check_transport(&endpoint).map_err(|why| UpdateError::Settings(format!("The update server {why}")))?;
    Ok(endpoint)
}

/// Asks the update server whether a newer release exists for this platform.
pub async fn check<R: Runtime>(app: &AppHandle<R>, settings: &UpdateSettings) -> Result<Option<Update>, UpdateError> {
    let endpoint = endpoint_in_use(app, settings)?;
    let shown = endpoint.to_string();
    let updater = app
        .updater_builder()
        .endpoints(vec![endpoint])
        .and_then(|b| b.timeout(REQUEST_TIMEOUT).build())
        .map_err(|e| UpdateError::Settings(format!("The update server {shown} cannot be used: {e}")))?;
    let update = updater.check().await.map_err(|e| match e {
        PluginError::Reqwest(_) | PluginError::Network(_) | PluginError::Io(_) => {
            UpdateError::Unreachable { endpoint: shown.clone(), detail: e.to_string() }
        }
        other => UpdateError::BadManifest { endpoint: shown.clone(), detail: other.to_string() },
    })?;
    if let Some(update) = &update {
        check_transport(&update.download_url).map_err(|why| UpdateError::BadManifest {
            endpoint: shown.clone(),
            detail: format!("the download {why}"),
        })?;
    }
    Ok(update)
}

/// Downloads the release's artifact; the bytes come back only when their signature verifies
/// with the public key in tauri.conf.json.
pub async fn download(update: &Update) -> Result<Vec<u8>, UpdateError> {
    let version = update.version.clone();
    update.download(|_, _| {}, || {}).await.map_err(|e| refusal(&version, e))
}

/// Downloads, verifies and installs. On Linux and macOS the new version runs after a restart;
/// the Windows installer closes the app itself.
pub async fn install(update: &Update) -> Result<(), UpdateError> {
    let bytes = download(update).await?;
    update.install(bytes).map_err(|e| refusal(&update.version, e))
}

fn refusal(version: &str, e: PluginError) -> UpdateError {
    let version = version.to_string();
    match e {
        PluginError::Minisign(_)
        | PluginError::Base64(_)
        | PluginError::SignatureUtf8(_)
        | PluginError::SignedVersionMismatch { .. }
        | PluginError::MissingSignedVersion => UpdateError::BadSignature { version },
        PluginError::Reqwest(_) | PluginError::Network(_) => UpdateError::Download { version, detail: e.to_string() },
        other => UpdateError::Install { version, detail: other.to_string() },
    }
}

#[cfg(test)]
#[path = "updates_tests.rs"]
mod tests;

/// What the app keeps between "Check for updates" and "Install": the settings read at start
/// and the release the user was shown, so Install installs exactly that one.
#[derive(Default)]
pub struct Updates {
    pub settings: UpdateSettings,
    pub offered: tokio::sync::Mutex<Option<Update>>,
}
