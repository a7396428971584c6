//! What every command can reach: profiles (metadata + keychain), the Demo backend, and the
//! client for whichever profile is active.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use cmr_client::{ClientConfig, CmrClient};
use cmr_core::{Desk, EventSink, NullSink, RotatingLog};

use crate::app_settings::SettingsStore;
use crate::demo::{DemoBackend, DEMO_PROFILE_ID};
use crate::endpoints_file::EndpointsFile;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::key_storage::KeyStorage;
use crate::local_files::LocalProblem;
use crate::profiles::{Credentials, ProfileFileStore, ProfileService, ProfileView};
use crate::secrets::{Secret, SecretStore};

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
    /// Where keys are kept: the keychain, or the encrypted vault the user chose.
    pub keys: Arc<KeyStorage>,
    pub demo: DemoBackend,
    /// Built once per active profile so all its calls share one connection pool.
    client: Mutex<Option<ActiveClient>>,
    /// Bumped by every `forget_client`: a client built from settings read before a switch is
    /// never cached after it (the sidebar would say one profile while calls use another key).
    generation: AtomicU64,
    /// The core of each profile used since launch (audit log, tracker, cache, bulk jobs);
    /// kept open so a profile's tracking and jobs go on while another one is active.
    desks: Mutex<HashMap<String, Desk>>,
    data_dir: PathBuf,
    events: Mutex<Arc<dyn EventSink>>,
    /// endpoints.toml as read at start; its overrides go into every profile's client.
    endpoints: EndpointsFile,
    /// The app's own settings (the welcome's "seen").
    pub settings: SettingsStore,
    /// What was wrong with the local files at start (shown in the window); a damaged
    /// database leaves the list once it is moved aside.
    problems: Mutex<Vec<LocalProblem>>,
    /// Set when the data folder could not be written or its database is damaged: the records
    /// are in a temporary folder, so only the Demo profile may be used (a paid call's record
    /// would be lost at exit).
    demo_only: Mutex<Option<String>>,
    /// Where each profile's core keeps its records: the data folder, or that temporary folder
    /// while the data folder's database is damaged.
    desk_dir: Mutex<PathBuf>,
    /// The app log; it learns each key the app uses so that no line can carry one.
    pub log: Arc<RotatingLog>,
}

impl AppState {
    /// `keychain` is the OS keychain; the vault, once chosen, takes its place (see KeyStorage).
    pub fn new(data_dir: &Path, keychain: Arc<dyn SecretStore>, demo: DemoBackend) -> Self {
        let keys = Arc::new(KeyStorage::new(data_dir, keychain));
        Self {
            profiles: Arc::new(ProfileService::new(ProfileFileStore::new(data_dir), keys.clone())),
            keys,
            demo,
            client: Mutex::default(),
            generation: AtomicU64::new(0),
            desks: Mutex::default(),
            data_dir: data_dir.to_owned(),
            events: Mutex::new(Arc::new(NullSink)),
            endpoints: EndpointsFile::default(),
            settings: SettingsStore::load(data_dir).0,
            problems: Mutex::default(),
            demo_only: Mutex::default(),
            desk_dir: Mutex::new(data_dir.to_owned()),
            log: Arc::new(RotatingLog::off()),
        }
    }

    pub fn with_settings(mut self, settings: SettingsStore) -> Self {
        self.settings = settings;
        self
    }

    pub fn with_log(mut self, log: Arc<RotatingLog>) -> Self {
        log.add_secrets([self.demo.key().expose_secret(), self.demo.sandbox_key().expose_secret()]);
        self.log = log;
        self
    }

    /// Problems found at start; a data-folder problem keeps the app on the Demo profile.
    pub fn with_problems(mut self, problems: Vec<LocalProblem>) -> Self {
        *self.demo_only.get_mut().expect("demo_only poisoned") = problems.iter().find(|p| p.kind == "data_folder").map(|p| p.message.clone());
        *self.problems.get_mut().expect("problems poisoned") = problems;
        self
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The reason only the Demo profile can be used this run, if there is one.
    pub fn demo_only(&self) -> Option<String> {
        self.demo_only.lock().expect("demo_only poisoned").clone()
    }

    /// Checks the data folder's database. A damaged one (not a database, a malformed image)
    /// is reported with what to do, and until it is moved aside ([`AppState::set_aside_database`])
    /// only the Demo profile opens, its records in a temporary folder (returned, to be removed
    /// when the app closes). The damaged file itself is left exactly as it is.
    pub fn check_database(&self) -> Option<PathBuf> {
        if self.demo_only().is_some() {
            return None;
        }
        let path = self.data_dir.join(cmr_core::DB_FILE);
        let detail = cmr_core::db::Db::damage(&path)?;
        let temp = std::env::temp_dir().join(format!("cmr-desk-demo-{}", uuid::Uuid::new_v4().simple()));
        let _ = std::fs::create_dir_all(&temp);
        let problem = LocalProblem {
            kind: "database".into(),
            path: path.display().to_string(),
            message: format!(
                "The database is damaged ({detail}). It holds your audit log, tracked actions and bulk jobs, so only the Demo profile is open, with its records in a temporary folder."
            ),
            action: "Move it aside (it is kept beside it as cmr-desk.sqlite.broken-<time>, never deleted) to start a new one, or put back a copy from a backup and restart CMR Desk.".into(),
        };
        *self.demo_only.lock().expect("demo_only poisoned") = Some(problem.message.clone());
        self.problems.lock().expect("problems poisoned").push(problem);
        *self.desk_dir.lock().expect("desk_dir poisoned") = temp.clone();
        Some(temp)
    }

    /// Moves the damaged database aside (renamed, never deleted) and lets the app use the data
    /// folder again: the next call opens a new database there. Returns the kept file's path.
    pub fn set_aside_database(&self) -> AppResult<String> {
        let path = self.data_dir.join(cmr_core::DB_FILE);
        if !self.problems.lock().expect("problems poisoned").iter().any(|p| p.kind == "database") {
            return Err(AppError::new(ErrorCode::Conflict, "The database is not damaged; nothing was moved."));
        }
        let ids: Vec<String> = self.desks.lock().expect("desks poisoned").keys().cloned().collect();
        for id in ids {
            self.close_desk(&id);
        }
        let aside = cmr_core::db::set_aside(&path).map_err(|e| AppError::storage(format!("Cannot move {} aside: {e}", path.display())))?;
        self.problems.lock().expect("problems poisoned").retain(|p| p.kind != "database");
        *self.demo_only.lock().expect("demo_only poisoned") = None;
        *self.desk_dir.lock().expect("desk_dir poisoned") = self.data_dir.clone();
        self.forget_client();
        self.log.warn(&format!("damaged database moved aside to {}", aside.display()));
        Ok(aside.display().to_string())
    }

    /// Moves a profile list that cannot be read aside (renamed, never deleted): the app goes on
    /// with no profiles of the user's own, at once, as the list is read afresh on every use.
    /// The keys stay in the keychain. Returns the kept file's path.
    pub async fn set_aside_profiles(&self) -> AppResult<String> {
        if self.with_profiles(|p| p.list()).await.is_ok() {
            return Err(AppError::new(ErrorCode::Conflict, "The profile list is not damaged; nothing was moved."));
        }
        let path = self.data_dir.join("profiles.json");
        // The same dated rename as the database's: `profiles.json.broken-<time>`.
        let aside = cmr_core::db::set_aside(&path).map_err(|e| AppError::storage(format!("Cannot move {} aside: {e}", path.display())))?;
        self.log.warn(&format!("damaged profile list moved aside to {}", aside.display()));
        Ok(aside.display().to_string())
    }

    /// Refuses to add or switch to a profile of the user's own while its records could not be
    /// kept (see [`AppState::with_problems`]).
    pub fn require_own_profiles(&self) -> AppResult<()> {
        match self.demo_only() {
            Some(reason) => Err(AppError::storage(format!("{reason} Make the data folder writable and restart to use your own profiles."))),
            None => Ok(()),
        }
    }

    /// The start-up problems, and the profile list's as it stands now (it can be fixed, or
    /// broken, while the app runs).
    pub async fn local_problems(&self) -> Vec<LocalProblem> {
        let mut all = self.problems.lock().expect("problems poisoned").clone();
        if self.demo_only().is_none() {
            if let Err(e) = self.with_profiles(|p| p.list()).await {
                all.push(LocalProblem {
                    kind: "profiles".into(),
                    path: self.data_dir.join("profiles.json").display().to_string(),
                    message: format!("{} Until then CMR Desk works on the Demo profile; the file is left as it is.", e.message),
                    action: "Move it aside (it is kept beside it as profiles.json.broken-<time>, never deleted) to start with no profiles of your own — your keys stay in the system keychain — or correct the file.".into(),
                });
            }
        }
        all
    }

    pub fn with_endpoints(mut self, endpoints: EndpointsFile) -> Self {
        self.endpoints = endpoints;
        self
    }

    pub fn endpoints(&self) -> &EndpointsFile {
        &self.endpoints
    }

    fn client_config(&self, base_url: String, key: cmr_client::ApiKey) -> ClientConfig {
        ClientConfig { endpoint_overrides: self.endpoints.overrides.clone(), ..ClientConfig::new(base_url, key) }
    }

    /// Where the core's progress goes (the window's events); set once the app is up.
    pub fn set_event_sink(&self, sink: Arc<dyn EventSink>) {
        *self.events.lock().expect("event sink poisoned") = sink;
    }

    /// The core of the active profile, opened on first use; the Demo profile's starts empty
    /// because its backend starts from a fresh world each launch.
    pub async fn desk(&self) -> AppResult<Desk> {
        loop {
            let (active, generation) = self.active_client_at().await?;
            {
                let desks = self.desks.lock().expect("desks poisoned");
                // A client from before a switch or key change must not be handed to a desk.
                if self.generation.load(Ordering::SeqCst) != generation {
                    continue;
                }
                if let Some(desk) = desks.get(&active.profile_id) {
                    desk.set_client(active.client);
                    return Ok(desk.clone());
                }
            }
            let sink = self.events.lock().expect("event sink poisoned").clone();
            let config = cmr_core::DeskConfig { background: false, ..Default::default() };
            let dir = self.desk_dir.lock().expect("desk_dir poisoned").clone();
            let desk = Desk::open_with(&dir, &active.profile_id, active.client, sink, config)?;
            if active.demo {
                desk.forget_local_state()?;
            }
            let mut desks = self.desks.lock().expect("desks poisoned");
            // The profile was switched, deleted or given a new key while this desk was opened:
            // its `close_desk` may already have run, so this one must not start work.
            if self.generation.load(Ordering::SeqCst) != generation {
                drop(desks);
                desk.close();
                continue;
            }
            // Two first calls at once: keep the one already stored.
            if let Some(existing) = desks.get(&active.profile_id) {
                desk.close();
                return Ok(existing.clone());
            }
            desk.start_background()?;
            desks.insert(active.profile_id, desk.clone());
            return Ok(desk);
        }
    }

    /// Stops a profile's tracker and bulk jobs and drops its desk (the profile was deleted or
    /// its key changed); nothing more is sent with its old key. Unfinished jobs stay recorded
    /// and resume when a desk for the profile is opened again.
    pub fn close_desk(&self, profile_id: &str) {
        let removed = self.desks.lock().expect("desks poisoned").remove(profile_id);
        if let Some(desk) = removed {
            desk.close();
        }
    }

    /// Closes the desk of every profile of the user's (the vault was locked): their clients
    /// hold keys, and nothing more is sent with them until the vault is unlocked again.
    pub fn close_user_desks(&self) {
        let desks: Vec<Desk> = {
            let mut all = self.desks.lock().expect("desks poisoned");
            let ids: Vec<String> = all.keys().filter(|id| id.as_str() != DEMO_PROFILE_ID).cloned().collect();
            ids.iter().filter_map(|id| all.remove(id)).collect()
        };
        for desk in desks {
            desk.close();
        }
    }

    /// The key store was switched, locked or unlocked: key statuses and the cached client were
    /// read from the old one.
    pub fn keys_changed(&self) {
        self.profiles.forget_key_statuses();
        self.forget_client();
    }

    /// Vault work (Argon2id takes about half a second) and keychain calls block.
    pub async fn with_keys<T, F>(&self, f: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&KeyStorage) -> AppResult<T> + Send + 'static,
    {
        let keys = self.keys.clone();
        tokio::task::spawn_blocking(move || f(&keys))
            .await
            .map_err(|e| AppError::internal(format!("background task failed: {e}")))?
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
        let own = self.own_profiles().await?;
        let demo_active = !own.iter().any(|p| p.active);
        Ok(std::iter::once(self.demo.view(demo_active)).chain(own).collect())
    }

    /// The user's own profiles; none while the data folder is unusable or the profile list
    /// cannot be read (the window says why, see [`AppState::local_problems`]).
    pub async fn own_profiles(&self) -> AppResult<Vec<ProfileView>> {
        if self.demo_only().is_some() {
            return Ok(Vec::new());
        }
        match self.with_profiles(|p| p.list()).await {
            Err(e) if e.code == ErrorCode::Storage => Ok(Vec::new()),
            other => other,
        }
    }

    /// Any change to profiles or keys: the next call builds a client from the new settings.
    pub fn forget_client(&self) {
        let mut cached = self.client.lock().expect("client cache poisoned");
        self.generation.fetch_add(1, Ordering::SeqCst);
        *cached = None;
    }

    pub async fn active_client(&self) -> AppResult<ActiveClient> {
        Ok(self.active_client_at().await?.0)
    }

    /// The active client and the generation it belongs to.
    async fn active_client_at(&self) -> AppResult<(ActiveClient, u64)> {
        loop {
            let generation = {
                let cached = self.client.lock().expect("client cache poisoned");
                if let Some(active) = cached.clone() {
                    return Ok((active, self.generation.load(Ordering::SeqCst)));
                }
                self.generation.load(Ordering::SeqCst)
            };
            // The keychain read is slow; the active profile may change meanwhile.
            let built = self.build_active_client().await;
            let mut cached = self.client.lock().expect("client cache poisoned");
            if self.generation.load(Ordering::SeqCst) != generation {
                // Read for a profile that is no longer the active one (or a key since replaced).
                continue;
            }
            let active = built?;
            *cached = Some(active.clone());
            return Ok((active, generation));
        }
    }

    async fn build_active_client(&self) -> AppResult<ActiveClient> {
        let config = |base_url: String, key: Secret, sandbox_key: Option<Secret>| {
            let mut c = self.client_config(base_url, key);
            c.sandbox_api_key = sandbox_key;
            c
        };
        let credentials = match self.demo_only() {
            Some(_) => None,
            None => match self.with_profiles(|p| p.active_credentials()).await {
                // The profile list cannot be read: the Demo profile, as the list shows.
                Err(e) if e.code == ErrorCode::Storage => None,
                other => other?,
            },
        };
        if let Some(Credentials { key: Some(key), sandbox_key, .. }) = &credentials {
            self.log.add_secrets(std::iter::once(key.expose_secret()).chain(sandbox_key.as_ref().map(|k| k.expose_secret())));
        }
        Ok(match credentials {
            None => ActiveClient {
                profile_id: DEMO_PROFILE_ID.into(),
                demo: true,
                client: CmrClient::new(config(self.demo.base_url(), self.demo.key().clone(), Some(self.demo.sandbox_key().clone())))?,
            },
            Some(Credentials { profile, key: Some(key), sandbox_key }) => ActiveClient {
                profile_id: profile.id,
                demo: false,
                client: CmrClient::new(config(profile.base_url, key, sandbox_key))?,
            },
            Some(Credentials { profile, key: None, .. }) => {
                return Err(AppError::new(
                    ErrorCode::Unauthorized,
                    format!(
                        "The profile “{}” has no API key. Set one in Settings → Profiles, or switch to the Demo profile.",
                        profile.name
                    ),
                ))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::{Environment, NewProfile, ProfileFields};
    use crate::secrets::MemoryStore;

    #[tokio::test]
    async fn demo_is_active_until_a_profile_is_made_active() {
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

        // A profile of the user's own, once made active; here its key is wrong for the server.
        let wrong_key = "not-the-demo-key-0000wxyz";
        let mine = state
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
        assert!(views[0].active && !views[1].active, "saving a profile leaves the Demo active");
        state.profiles.set_active(Some(&mine.profile.id)).unwrap();
        state.forget_client();
        let views = state.profile_views().await.unwrap();
        assert!(!views[0].active && views[1].active);
        let active = state.active_client().await.unwrap();
        assert!(!active.demo);
        let err: AppError = active.client.get_wallet_details().await.unwrap_err().into();
        assert_eq!(err.code, ErrorCode::Unauthorized);
        assert!(!format!("{err:?}").contains(wrong_key), "the key never shows in errors");
    }

    /// The app log learns the active profile's key when its client is built: a line that
    /// carries the key (an echo from a server, a careless message) is written without it.
    #[tokio::test]
    async fn the_active_key_never_reaches_the_app_log() {
        let dir = tempfile::tempdir().unwrap();
        let demo = DemoBackend::start().await.unwrap();
        let url = demo.base_url();
        let demo_key = demo.key().expose_secret().to_owned();
        let log = Arc::new(RotatingLog::open(&dir.path().join("logs"), "app.log", 1 << 20, 2));
        let state = AppState::new(dir.path(), Arc::new(MemoryStore::default()), demo).with_log(log.clone());
        let key = "cmr_live_key_Z8y7X6w5V4u3";
        let mine = state.profiles.create(new_profile("Mine", &url, key)).unwrap().profile.id;
        state.profiles.set_active(Some(&mine)).unwrap();
        state.forget_client();
        assert!(!state.active_client().await.unwrap().demo);
        log.warn(&format!("CMR answered: invalid key {key}; demo key {demo_key}; apiKey=sk_test_abcdef123456"));
        let text = std::fs::read_to_string(log.path()).unwrap();
        for secret in [key, demo_key.as_str(), "sk_test_abcdef123456"] {
            assert!(!text.contains(secret), "{secret} reached the log: {text}");
        }
        assert!(text.contains("invalid key [redacted]"), "{text}");
    }

    /// A profile list that does not parse: the app runs on the Demo profile, reports the file,
    /// and refuses to write a new list over it.
    #[tokio::test]
    async fn a_damaged_profile_list_leaves_the_demo_working_and_the_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let demo = DemoBackend::start().await.unwrap();
        let url = demo.base_url();
        let state = AppState::new(dir.path(), Arc::new(MemoryStore::default()), demo);
        let path = dir.path().join("profiles.json");
        std::fs::write(&path, "{ \"profiles\": [ oops").unwrap();
        let views = state.profile_views().await.unwrap();
        assert_eq!(views.len(), 1);
        assert!(views[0].demo && views[0].active);
        let active = state.active_client().await.unwrap();
        assert!(active.demo);
        active.client.get_wallet_details().await.expect("the Demo answers");
        let problems = state.local_problems().await;
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, "profiles");
        assert_eq!(problems[0].path, path.display().to_string());
        assert!(problems[0].message.contains("damaged"), "{}", problems[0].message);
        let err = state.profiles.create(new_profile("Mine", &url, "key-0000-1111-2222")).unwrap_err();
        assert_eq!(err.code, ErrorCode::Storage);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ \"profiles\": [ oops", "not overwritten");

        // Moved aside when asked: kept byte for byte, and the app goes on with no own profiles.
        let aside = state.set_aside_profiles().await.unwrap();
        assert!(aside.contains("profiles.json.broken-"), "{aside}");
        assert_eq!(std::fs::read_to_string(&aside).unwrap(), "{ \"profiles\": [ oops");
        assert!(!path.exists());
        assert!(state.local_problems().await.is_empty());
        state.profiles.create(new_profile("Mine", &url, "key-0000-1111-2222")).unwrap();
        assert_eq!(state.set_aside_profiles().await.unwrap_err().code, ErrorCode::Conflict, "a good list stays");
    }

    /// A database file that is not a database: named with what to do; the Demo works (its
    /// records elsewhere), own profiles wait; moving it aside (kept, renamed) lets them back.
    #[tokio::test]
    async fn a_damaged_database_is_reported_the_demo_works_and_it_can_be_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(cmr_core::DB_FILE);
        let garbage = b"SQLite? no: this file was overwritten by something else entirely.".repeat(64);
        std::fs::write(&db, &garbage).unwrap();
        let demo = DemoBackend::start().await.unwrap();
        let url = demo.base_url();
        let state = AppState::new(dir.path(), Arc::new(MemoryStore::default()), demo).with_problems(Vec::new());
        let temp = state.check_database().expect("found damaged");
        let problems = state.local_problems().await;
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].kind.as_str(), problems[0].path.as_str()), ("database", db.display().to_string().as_str()));
        assert!(problems[0].message.contains("damaged") && problems[0].action.contains("Move it aside"), "{:?}", problems[0]);
        // Every command that needs the core works on the Demo.
        let desk = state.desk().await.expect("the Demo's core opens");
        desk.list_jobs(None).unwrap();
        assert!(temp.join(cmr_core::DB_FILE).exists(), "the Demo's records are in the temporary folder");
        assert_eq!(std::fs::read(&db).unwrap(), garbage, "the damaged file is left as it is");
        let err = state.require_own_profiles().unwrap_err();
        assert!(err.message.contains("damaged"), "{}", err.message);

        let aside = state.set_aside_database().unwrap();
        assert!(aside.contains("cmr-desk.sqlite.broken-"), "{aside}");
        assert_eq!(std::fs::read(&aside).unwrap(), garbage, "kept byte for byte");
        assert!(state.local_problems().await.is_empty());
        state.require_own_profiles().expect("own profiles allowed again");
        state.profiles.create(new_profile("Mine", &url, "key-0000-1111-2222")).unwrap();
        state.desk().await.expect("a new database").list_jobs(None).unwrap();
        assert!(cmr_core::db::Db::damage(&db).is_none() && db.exists(), "a new database in the data folder");
        assert!(state.set_aside_database().is_err(), "nothing more to move");
        std::fs::remove_dir_all(temp).unwrap();
    }

    /// Without a usable data folder only the Demo profile may be used.
    #[tokio::test]
    async fn a_demo_only_run_refuses_own_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let demo = DemoBackend::start().await.unwrap();
        let problem = LocalProblem { kind: "data_folder".into(), path: "/x".into(), message: "cannot write.".into(), action: String::new() };
        let state = AppState::new(dir.path(), Arc::new(MemoryStore::default()), demo).with_problems(vec![problem]);
        assert_eq!(state.require_own_profiles().unwrap_err().code, ErrorCode::Storage);
        assert!(state.active_client().await.unwrap().demo);
        assert_eq!(state.local_problems().await.len(), 1);
    }

    /// A keychain whose reads wait at a gate while it is closed, to hold a read mid-way.
    #[derive(Default)]
    struct GatedStore {
        inner: MemoryStore,
        closed: std::sync::Mutex<bool>,
        opened: std::sync::Condvar,
        reads: std::sync::atomic::AtomicUsize,
    }

    impl GatedStore {
        fn set_closed(&self, closed: bool) {
            *self.closed.lock().unwrap() = closed;
            self.opened.notify_all();
        }
    }

    impl SecretStore for GatedStore {
        fn get(&self, account: &str) -> Result<Option<crate::secrets::Secret>, crate::secrets::SecretError> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            let closed = self.closed.lock().unwrap();
            drop(self.opened.wait_while(closed, |closed| *closed).unwrap());
            self.inner.get(account)
        }
        fn set(&self, account: &str, secret: &crate::secrets::Secret) -> Result<(), crate::secrets::SecretError> {
            self.inner.set(account, secret)
        }
        fn delete(&self, account: &str) -> Result<(), crate::secrets::SecretError> {
            self.inner.delete(account)
        }
    }

    fn new_profile(name: &str, base_url: &str, key: &str) -> NewProfile {
        NewProfile {
            fields: ProfileFields {
                name: name.into(),
                environment: Environment::Sandbox,
                base_url: base_url.into(),
                default_customer_id: None,
            },
            api_key: key.into(),
        }
    }

    /// A switch while the old profile's key is being read: the client that ends up in use
    /// (returned and cached) is the new profile's, never the old one's.
    #[tokio::test]
    async fn a_switch_during_the_keychain_read_wins() {
        let dir = tempfile::tempdir().unwrap();
        let demo = DemoBackend::start().await.unwrap();
        let url = demo.base_url();
        let store = Arc::new(GatedStore::default());
        let state = Arc::new(AppState::new(dir.path(), store.clone(), demo));
        let a = state.profiles.create(new_profile("A", &url, "key-of-profile-a-1111")).unwrap().profile.id;
        let b = state.profiles.create(new_profile("B", &url, "key-of-profile-b-2222")).unwrap().profile.id;
        state.profiles.set_active(Some(&a)).unwrap();

        store.set_closed(true);
        let reading = tokio::spawn({
            let state = state.clone();
            async move { state.active_client().await }
        });
        while store.reads.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        // A's key is being read; the user switches to B.
        state.profiles.set_active(Some(&b)).unwrap();
        state.forget_client();
        store.set_closed(false);

        let returned = reading.await.unwrap().unwrap();
        assert_eq!(returned.profile_id, b, "the call that raced the switch uses B");
        let cached = state.active_client().await.unwrap();
        assert_eq!(cached.profile_id, b, "B's client is the one kept");
        assert_eq!(cached.client.config().api_key.expose_secret(), "key-of-profile-b-2222");
    }
}
