//! What every command can reach: profiles (metadata + keychain), the Demo backend, and the
//! client for whichever profile is active.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use cmr_client::{ClientConfig, CmrClient};
use cmr_core::{Desk, EventSink, NullSink};

use crate::demo::{DemoBackend, DEMO_PROFILE_ID};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::profiles::{ProfileFileStore, ProfileService, ProfileView};
use crate::secrets::SecretStore;

/// The keychain service name under which every profile's key is stored.
pub const KEYCHAIN_SERVICE: &str = "cmr-desk";

/// A client bound to the active profile.
#[derive(Clone)]
pub struct ActiveClient {
    pub profile_id: String,
    pub demo: bool,
    pub client: CmrClient,
}

pub struct AppState {
    pub profiles: Arc<ProfileService>,
    pub demo: DemoBackend,
    /// Built once per active profile so all its calls share one connection pool.
    client: Mutex<Option<ActiveClient>>,
    /// The core of each profile used since launch (audit log, tracker, cache, bulk jobs);
    /// kept open so a profile's tracking and jobs go on while another one is active.
    desks: Mutex<HashMap<String, Desk>>,
    data_dir: PathBuf,
    events: Mutex<Arc<dyn EventSink>>,
}

impl AppState {
    pub fn new(data_dir: &Path, secrets: Arc<dyn SecretStore>, demo: DemoBackend) -> Self {
        Self {
            profiles: Arc::new(ProfileService::new(ProfileFileStore::new(data_dir), secrets)),
            demo,
            client: Mutex::default(),
            desks: Mutex::default(),
            data_dir: data_dir.to_owned(),
            events: Mutex::new(Arc::new(NullSink)),
        }
    }

    /// Where the core's progress goes (the window's events); set once the app is up.
    pub fn set_event_sink(&self, sink: Arc<dyn EventSink>) {
        *self.events.lock().expect("event sink poisoned") = sink;
    }

    /// The core of the active profile, opened on first use; the Demo profile's starts empty
    /// because its backend starts from a fresh world each launch.
    pub async fn desk(&self) -> AppResult<Desk> {
        let active = self.active_client().await?;
        if let Some(desk) = self.desks.lock().expect("desks poisoned").get(&active.profile_id) {
            desk.set_client(active.client);
            return Ok(desk.clone());
        }
        let sink = self.events.lock().expect("event sink poisoned").clone();
        let config = cmr_core::DeskConfig { background: false, ..Default::default() };
        let desk = Desk::open_with(&self.data_dir, &active.profile_id, active.client, sink, config)?;
        if active.demo {
            desk.forget_local_state()?;
        }
        desk.start_background()?;
        let mut desks = self.desks.lock().expect("desks poisoned");
        // Two first calls at once: keep the one already stored.
        if let Some(existing) = desks.get(&active.profile_id) {
            desk.close();
            return Ok(existing.clone());
        }
        desks.insert(active.profile_id, desk.clone());
        Ok(desk)
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

    /// The Demo profile first, then the user's own; the Demo one is active when no other is.
    pub async fn profile_views(&self) -> AppResult<Vec<ProfileView>> {
        let own = self.with_profiles(|p| p.list()).await?;
        let demo_active = !own.iter().any(|p| p.active);
        Ok(std::iter::once(self.demo.view(demo_active)).chain(own).collect())
    }

    /// Any change to profiles or keys: the next call builds a client from the new settings.
    pub fn forget_client(&self) {
        *self.client.lock().expect("client cache poisoned") = None;
    }

    pub async fn active_client(&self) -> AppResult<ActiveClient> {
        if let Some(active) = self.client.lock().expect("client cache poisoned").clone() {
            return Ok(active);
        }
        let active = match self.with_profiles(|p| p.active_credentials()).await? {
            None => ActiveClient {
                profile_id: DEMO_PROFILE_ID.into(),
                demo: true,
                client: CmrClient::new(ClientConfig::new(self.demo.base_url(), self.demo.key().clone()))?,
            },
            Some((profile, Some(key))) => ActiveClient {
                profile_id: profile.id,
                demo: false,
                client: CmrClient::new(ClientConfig::new(profile.base_url, key))?,
            },
            Some((profile, None)) => {
                return Err(AppError::new(
                    ErrorCode::Unauthorized,
                    format!(
                        "The profile “{}” has no API key. Set one in Settings → Profiles, or switch to the Demo profile.",
                        profile.name
                    ),
                ))
            }
        };
        *self.client.lock().expect("client cache poisoned") = Some(active.clone());
        Ok(active)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::{Environment, NewProfile, ProfileFields};
    use crate::secrets::MemoryStore;

    #[tokio::test]
    async fn demo_is_active_until_a_profile_is_added() {
        let dir = tempfile::tempdir().unwrap();
        let demo = DemoBackend::start().await.unwrap();
        let demo_url = demo.base_url();
        assert!(demo_url.starts_with("http://127.0.0.1:"));
        let state = AppState::new(dir.path(), Arc::new(MemoryStore::default()), demo);

        let views = state.profile_views().await.unwrap();
        assert_eq!(views.len(), 1);
        assert!(views[0].demo && views[0].active);
        let active = state.active_client().await.unwrap();
        assert!(active.demo);
        active.client.get_wallet_details().await.expect("the demo sandbox answers");

        // A profile of the user's own becomes active; here its key is wrong for the server.
        let wrong_key = "not-the-demo-key-0000wxyz";
        state
            .profiles
            .create(NewProfile {
                fields: ProfileFields {
                    name: "Mine".into(),
                    environment: Environment::Sandbox,
                    base_url: demo_url,
                    default_customer_id: None,
                },
                api_key: wrong_key.into(),
            })
            .unwrap();
        state.forget_client();
        let views = state.profile_views().await.unwrap();
        assert!(!views[0].active && views[1].active);
        let active = state.active_client().await.unwrap();
        assert!(!active.demo);
        let err: AppError = active.client.get_wallet_details().await.unwrap_err().into();
        assert_eq!(err.code, ErrorCode::Unauthorized);
        assert!(!format!("{err:?}").contains(wrong_key), "the key never shows in errors");
    }
}
