//! Where API keys live: the OS keychain, behind a small trait so most tests can use memory.
//! The only file-backed store is the encrypted vault (key_storage.rs), and only once the user
//! has chosen it; when no keychain is reachable and no vault was chosen, the user is told so
//! and nothing is written, least of all in plain text.

#[cfg(test)]
use std::collections::HashMap;
#[cfg(test)]
use std::sync::Mutex;

pub use cmr_client::ApiKey as Secret;

use crate::error::{AppError, ErrorCode};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretError {
    /// No keychain service answered (no Secret Service, locked, access refused).
    Unavailable(String),
    Failed(String),
    /// Keys are kept in the encrypted vault file, which is not unlocked in this run.
    VaultLocked,
    /// The vault file could not be read or written; the message says why.
    Vault(String),
}

impl From<SecretError> for AppError {
    fn from(e: SecretError) -> Self {
        match e {
            SecretError::Unavailable(_) => AppError::new(
                ErrorCode::Keychain,
                "The system keychain is not available, so the API key cannot be stored or read. \
                 Start or unlock your keyring (for example GNOME Keyring or KWallet) and try again, \
                 or choose to keep keys in an encrypted vault file in Settings → Profiles.",
            ),
            SecretError::Failed(detail) => AppError::new(
                ErrorCode::Keychain,
                format!("The system keychain refused the operation: {detail}"),
            ),
            SecretError::VaultLocked => AppError::new(
                ErrorCode::VaultLocked,
                "The key vault is locked. Unlock it with its passphrase in Settings → Profiles \
                 (or switch to the Demo profile).",
            ),
            SecretError::Vault(message) => AppError::storage(message),
        }
    }
}

pub trait SecretStore: Send + Sync {
    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError>;
    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError>;
    /// Removing an entry that is not there is not an error.
    fn delete(&self, account: &str) -> Result<(), SecretError>;
}

/// The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows).
pub struct KeyringStore {
    service: String,
}

impl KeyringStore {
    pub fn new(service: impl Into<String>) -> Self {
        Self { service: service.into() }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, account).map_err(map_keyring_error)
    }
}

fn map_keyring_error(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::PlatformFailure(inner) => SecretError::Unavailable(inner.to_string()),
        keyring::Error::NoStorageAccess(inner) => SecretError::Unavailable(inner.to_string()),
        other => SecretError::Failed(other.to_string()),
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        match self.entry(account)?.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring_error(e)),
        }
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        self.entry(account)?.set_password(secret.expose_secret()).map_err(map_keyring_error)
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring_error(e)),
        }
    }
}

/// In-memory store for tests.
#[cfg(test)]
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Secret>>,
}

#[cfg(test)]
impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        Ok(self.entries.lock().expect("secret store poisoned").get(account).cloned())
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        self.entries.lock().expect("secret store poisoned").insert(account.into(), secret.clone());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.entries.lock().expect("secret store poisoned").remove(account);
        Ok(())
    }
}

/// A keychain for tests that can be made to stop or start answering, as a Secret Service that
/// is not running, then started, would.
#[cfg(test)]
#[derive(Default)]
pub struct SwitchableKeychain {
    pub inner: MemoryStore,
    down: std::sync::atomic::AtomicBool,
}

#[cfg(test)]
impl SwitchableKeychain {
    pub fn unreachable() -> Self {
        let k = Self::default();
        k.set_reachable(false);
        k
    }

    pub fn set_reachable(&self, up: bool) {
        self.down.store(!up, std::sync::atomic::Ordering::SeqCst);
    }

    fn check(&self) -> Result<(), SecretError> {
        if self.down.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(SecretError::Unavailable("org.freedesktop.secrets was not provided by any .service files".into()));
        }
        Ok(())
    }
}

#[cfg(test)]
impl SecretStore for SwitchableKeychain {
    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        self.check()?;
        self.inner.get(account)
    }
    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        self.check()?;
        self.inner.set(account, secret)
    }
    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.check()?;
        self.inner.delete(account)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trip_and_idempotent_delete() {
        let store = MemoryStore::default();
        assert_eq!(store.get("a").unwrap(), None);
        store.set("a", &Secret::new("one")).unwrap();
        store.set("a", &Secret::new("two")).unwrap();
        assert_eq!(store.get("a").unwrap().unwrap().expose_secret(), "two");
        store.delete("a").unwrap();
        store.delete("a").unwrap();
        assert_eq!(store.get("a").unwrap(), None);
    }

    #[test]
    fn unavailable_keychain_is_a_clear_keychain_error() {
        let e: AppError = SecretError::Unavailable("dbus: no session bus".into()).into();
        assert_eq!(e.code, ErrorCode::Keychain);
        assert!(e.message.contains("keychain is not available"));
    }

    /// The real Secret Service: run under `dbus-run-session` with an unlocked gnome-keyring
    /// (the test command does this). Two separate Entry objects must see the same value.
    #[test]
    #[ignore = "needs a Secret Service session; run by the test command under dbus-run-session"]
    fn real_secret_service_round_trip() {
        let store = KeyringStore::new("cmr-desk-test");
        let account = format!("profile:test-{}", uuid::Uuid::new_v4());
        let secret = Secret::new("cmr_test_key_abcdefghij1234");
        store.set(&account, &secret).expect("set");
        let again = KeyringStore::new("cmr-desk-test");
        assert_eq!(again.get(&account).expect("get").expect("present"), secret);
        store.delete(&account).expect("delete");
        assert_eq!(again.get(&account).expect("get after delete"), None);
        store.delete(&account).expect("second delete is not an error");
    }
}
