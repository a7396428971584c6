//! Profiles as the user sees them: metadata on disk, the key in the keychain, one active profile.
//! Plain Rust (no Tauri), so every rule here is tested without a window.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::model::{
    validate_api_key, validate_fields, KeyStatus, NewProfile, Profile, ProfileFields, ProfileView,
};
use super::store::{ProfileFileStore, ProfilesFile};
use crate::error::{AppError, AppResult};
use crate::secrets::{Secret, SecretError, SecretStore};

/// A profile's keys as read from the keychain: the partner key and the sandbox key.
pub struct Credentials {
    pub profile: Profile,
    pub key: Option<Secret>,
    pub sandbox_key: Option<Secret>,
}

pub struct ProfileService {
    file: ProfileFileStore,
    secrets: Arc<dyn SecretStore>,
    /// What the keychain said per keychain account, so listing does not ask it again each time.
    key_cache: Mutex<HashMap<String, KeyStatus>>,
    /// Serialises read-modify-write of the profile file.
    write_lock: Mutex<()>,
}

fn account(profile_id: &str) -> String {
    format!("profile:{profile_id}")
}

/// The sandbox key's keychain entry, beside the partner key's.
fn sandbox_account(profile_id: &str) -> String {
    format!("profile:{profile_id}:sandbox")
}

impl ProfileService {
    pub fn new(file: ProfileFileStore, secrets: Arc<dyn SecretStore>) -> Self {
        Self { file, secrets, key_cache: Mutex::default(), write_lock: Mutex::default() }
    }

    pub fn list(&self) -> AppResult<Vec<ProfileView>> {
        let file = self.file.load()?;
        Ok(file.profiles.iter().map(|p| self.view(p, &file)).collect())
    }

    /// The active profile and its keys (`None` when no real profile is active: the Demo one is).
    pub fn active_credentials(&self) -> AppResult<Option<Credentials>> {
        let file = self.file.load()?;
        let Some(id) = file.active_profile_id.as_deref() else { return Ok(None) };
        let profile = find(&file, id)?.clone();
        let key = self.secrets.get(&account(id))?;
        let sandbox_key = self.secrets.get(&sandbox_account(id))?;
        Ok(Some(Credentials { profile, key, sandbox_key }))
    }

    pub fn active_profile_id(&self) -> AppResult<Option<String>> {
        Ok(self.file.load()?.active_profile_id)
    }

    pub fn create(&self, input: NewProfile) -> AppResult<ProfileView> {
        let _guard = self.write_lock.lock().expect("profile lock poisoned");
        let mut file = self.file.load()?;
        let fields = validate_fields(&input.fields, file.profiles.iter().map(|p| p.name.as_str()));
        let key = validate_api_key(&input.api_key);
        let (fields, key) = merge_validation(fields, key)?;

        let profile = Profile {
            id: uuid::Uuid::new_v4().to_string(),
            name: fields.name,
            environment: fields.environment,
            base_url: fields.base_url,
            default_customer_id: fields.default_customer_id,
        };
        let secret = Secret::new(key);
        // Key first: if the keychain is unreachable, nothing is saved at all.
        self.secrets.set(&account(&profile.id), &secret)?;
        // Never made active here: switching from the Demo to an account that spends real money
        // is a choice of its own (set_active), not a side effect of saving a key.
        file.profiles.push(profile.clone());
        if let Err(e) = self.file.save(&file) {
            let _ = self.secrets.delete(&account(&profile.id));
            return Err(e);
        }
        self.cache(&account(&profile.id), KeyStatus::Set { mask: secret.masked() });
        Ok(self.view(&profile, &file))
    }

    pub fn update(&self, id: &str, fields: ProfileFields) -> AppResult<ProfileView> {
        let _guard = self.write_lock.lock().expect("profile lock poisoned");
        let mut file = self.file.load()?;
        find(&file, id)?;
        let others = file.profiles.iter().filter(|p| p.id != id).map(|p| p.name.as_str());
        let fields = validate_fields(&fields, others)?;
        let profile = file.profiles.iter_mut().find(|p| p.id == id).expect("checked above");
        profile.name = fields.name;
        profile.environment = fields.environment;
        profile.base_url = fields.base_url;
        profile.default_customer_id = fields.default_customer_id;
        let profile = profile.clone();
        self.file.save(&file)?;
        Ok(self.view(&profile, &file))
    }

    pub fn set_key(&self, id: &str, api_key: &str) -> AppResult<ProfileView> {
        self.store_key(id, &account(id), api_key)
    }

    pub fn delete_key(&self, id: &str) -> AppResult<ProfileView> {
        self.remove_key(id, &account(id))
    }

    pub fn set_sandbox_key(&self, id: &str, sandbox_key: &str) -> AppResult<ProfileView> {
        self.store_key(id, &sandbox_account(id), sandbox_key)
    }

    pub fn delete_sandbox_key(&self, id: &str) -> AppResult<ProfileView> {
        self.remove_key(id, &sandbox_account(id))
    }

    fn store_key(&self, id: &str, entry: &str, raw: &str) -> AppResult<ProfileView> {
        let file = self.file.load()?;
        let profile = find(&file, id)?;
        let secret = Secret::new(validate_api_key(raw)?);
        self.secrets.set(entry, &secret)?;
        self.cache(entry, KeyStatus::Set { mask: secret.masked() });
        Ok(self.view(profile, &file))
    }

    fn remove_key(&self, id: &str, entry: &str) -> AppResult<ProfileView> {
        let file = self.file.load()?;
        let profile = find(&file, id)?;
        self.secrets.delete(entry)?;
        self.cache(entry, KeyStatus::Missing);
        Ok(self.view(profile, &file))
    }

    /// Removes the keychain entry first: a profile is only forgotten once its key is gone,
    /// so no orphaned secret stays behind in the keychain.
    pub fn delete(&self, id: &str) -> AppResult<()> {
        let _guard = self.write_lock.lock().expect("profile lock poisoned");
        let mut file = self.file.load()?;
        find(&file, id)?;
        self.secrets.delete(&sandbox_account(id))?;
        self.secrets.delete(&account(id))?;
        file.profiles.retain(|p| p.id != id);
        // Deleting the active profile falls back to the Demo, never silently to another account.
        if file.active_profile_id.as_deref() == Some(id) {
            file.active_profile_id = None;
        }
        self.file.save(&file)?;
        let mut cache = self.key_cache.lock().expect("cache poisoned");
        cache.remove(&account(id));
        cache.remove(&sandbox_account(id));
        Ok(())
    }

    /// `None` leaves no real profile active (the app then runs on the Demo profile).
    pub fn set_active(&self, id: Option<&str>) -> AppResult<()> {
        let _guard = self.write_lock.lock().expect("profile lock poisoned");
        let mut file = self.file.load()?;
        if let Some(id) = id {
            find(&file, id)?;
        }
        file.active_profile_id = id.map(str::to_string);
        self.file.save(&file)
    }

    fn view(&self, profile: &Profile, file: &ProfilesFile) -> ProfileView {
        ProfileView {
            profile: profile.clone(),
            key: self.key_status(&account(&profile.id)),
            sandbox_key: self.key_status(&sandbox_account(&profile.id)),
            active: file.active_profile_id.as_deref() == Some(profile.id.as_str()),
            demo: false,
        }
    }

    fn key_status(&self, entry: &str) -> KeyStatus {
        if let Some(status) = self.key_cache.lock().expect("cache poisoned").get(entry) {
            return status.clone();
        }
        let status = match self.secrets.get(entry) {
            Ok(Some(secret)) => KeyStatus::Set { mask: secret.masked() },
            Ok(None) => KeyStatus::Missing,
            // Not cached: the user may unlock the keychain or the vault and look again.
            Err(e) => return e.into(),
        };
        self.cache(entry, status.clone());
        status
    }

    /// The key store was switched, locked or unlocked: what it said before no longer holds.
    pub fn forget_key_statuses(&self) {
        self.key_cache.lock().expect("cache poisoned").clear();
    }

    fn cache(&self, entry: &str, status: KeyStatus) {
        self.key_cache.lock().expect("cache poisoned").insert(entry.to_string(), status);
    }
}

fn find<'a>(file: &'a ProfilesFile, id: &str) -> AppResult<&'a Profile> {
    file.profiles
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| AppError::not_found("That profile no longer exists."))
}

/// Reports field problems of the form and of the key together, in one message.
fn merge_validation(
    fields: AppResult<ProfileFields>,
    key: AppResult<String>,
) -> AppResult<(ProfileFields, String)> {
    match (fields, key) {
        (Ok(f), Ok(k)) => Ok((f, k)),
        (Err(a), Err(b)) => {
            let mut all = a.fields.unwrap_or_default();
            all.extend(b.fields.unwrap_or_default());
            Err(AppError::validation(all))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

impl From<SecretError> for KeyStatus {
    fn from(e: SecretError) -> Self {
        match e {
            SecretError::VaultLocked => KeyStatus::Locked,
            SecretError::Vault(message) => KeyStatus::Unreadable { message },
            e => KeyStatus::Unavailable { message: AppError::from(e).message },
        }
    }
}
