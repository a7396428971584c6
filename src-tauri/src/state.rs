//! What every command can reach: the profile service (metadata + keychain).

use std::path::Path;
use std::sync::Arc;

use crate::error::{AppError, AppResult};
use crate::profiles::{ProfileFileStore, ProfileService};
use crate::secrets::SecretStore;

/// The keychain service name under which every profile's key is stored.
pub const KEYCHAIN_SERVICE: &str = "cmr-desk";

pub struct AppState {
    pub profiles: Arc<ProfileService>,
}

impl AppState {
    pub fn new(data_dir: &Path, secrets: Arc<dyn SecretStore>) -> Self {
        Self { profiles: Arc::new(ProfileService::new(ProfileFileStore::new(data_dir), secrets)) }
    }

    /// Keychain and file access block; keep them off the async runtime's worker threads.
    pub async fn with_profiles<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&ProfileService) -> AppResult<T> + Send + 'static,
    {
        let profiles = self.profiles.clone();
        tokio::task::spawn_blocking(move || f(&profiles))
            .await
            .map_err(|e| AppError::internal(format!("background task failed: {e}")))?
    }
}
