//! Which store holds the API keys: the OS keychain, or — only after the user chose it, never as
//! a silent fallback — the encrypted vault file (crates/cmr-vault) in the app's data folder.
//!
//! The choice is saved in `key-storage.json`; the passphrase never is. An unlocked vault keeps
//! only the derived key and the entries in memory, for this run or until "Lock now".

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use cmr_vault::{KdfParams, Vault, VaultError};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{AppError, AppResult, ErrorCode};
use crate::secrets::{Secret, SecretError, SecretStore};

pub const VAULT_FILE: &str = "keys.vault";
const CHOICE_FILE: &str = "key-storage.json";
/// Twelve characters: enough for three or four unrelated words, which Argon2id then makes slow
/// to guess.
pub const PASSPHRASE_MIN_CHARS: usize = 12;

/// The app's real cost; tests write the same format at a cost that takes milliseconds.
#[cfg(not(test))]
const VAULT_PARAMS: KdfParams = KdfParams::INTERACTIVE;
#[cfg(test)]
const VAULT_PARAMS: KdfParams = KdfParams::FAST_INSECURE_FOR_TESTS;

/// Probed to learn whether the keychain answers; never written.
const PROBE_ACCOUNT: &str = "cmr-desk:reachable";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum KeyStore {
    Keychain,
    Vault,
}

#[derive(Serialize, Deserialize)]
struct ChoiceFile {
    store: KeyStore,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum VaultState {
    /// Keys are in the keychain; there is no vault.
    None,
    Locked,
    Unlocked {
        #[serde(rename = "keyCount")]
        key_count: u32,
    },
    /// The file is there but cut short or changed; `message` says how.
    Damaged { message: String },
    /// The vault was chosen but its file is gone.
    Missing,
}

#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct KeyStorageStatus {
    pub store: KeyStore,
    pub keychain_available: bool,
    /// Why the keychain does not answer, when it does not (the platform's words).
    pub keychain_message: Option<String>,
    pub vault: VaultState,
    pub vault_path: String,
    pub passphrase_min_length: u32,
}

pub struct KeyStorage {
    keychain: Arc<dyn SecretStore>,
    dir: PathBuf,
    choice: Mutex<KeyStore>,
    /// `Some` while unlocked. Dropping the vault zeroes its key and entries.
    vault: Mutex<Option<Vault>>,
}

impl KeyStorage {
    pub fn new(data_dir: &Path, keychain: Arc<dyn SecretStore>) -> Self {
        let choice = read_choice(data_dir);
        Self { keychain, dir: data_dir.to_owned(), choice: Mutex::new(choice), vault: Mutex::default() }
    }

    pub fn vault_path(&self) -> PathBuf {
        self.dir.join(VAULT_FILE)
    }

    pub fn store(&self) -> KeyStore {
        *self.choice.lock().expect("key store choice poisoned")
    }

    /// `Err(why)` when no keychain answers, in the platform's own words.
    fn keychain_reachable(&self) -> Result<(), String> {
        match self.keychain.get(PROBE_ACCOUNT) {
            Err(SecretError::Unavailable(why)) => Err(why),
            _ => Ok(()),
        }
    }

    pub fn status(&self) -> KeyStorageStatus {
        let store = self.store();
        let keychain = self.keychain_reachable();
        let vault = match store {
            KeyStore::Keychain => VaultState::None,
            KeyStore::Vault => match self.vault.lock().expect("vault poisoned").as_ref() {
                Some(v) => VaultState::Unlocked { key_count: v.accounts().count() as u32 },
                None => match cmr_vault::inspect(&self.vault_path()) {
                    Ok(()) => VaultState::Locked,
                    Err(VaultError::NotFound(_)) => VaultState::Missing,
                    Err(e) => VaultState::Damaged { message: e.to_string() },
                },
            },
        };
        KeyStorageStatus {
            store,
            keychain_available: keychain.is_ok(),
            keychain_message: keychain.err(),
            vault,
            vault_path: self.vault_path().display().to_string(),
            passphrase_min_length: PASSPHRASE_MIN_CHARS as u32,
        }
    }

    /// Starts a vault and keeps keys there from now on. Offered only when the keychain does
    /// not answer (or the vault was already chosen). An intact vault is never replaced; a
    /// damaged one only with `replace_damaged`, and it is then kept aside under a dated name,
    /// whose path is returned.
    pub fn create_vault(&self, passphrase: &str, repeat: &str, replace_damaged: bool) -> AppResult<Option<String>> {
        let mut errors = BTreeMap::new();
        if passphrase.chars().count() < PASSPHRASE_MIN_CHARS {
            errors.insert(
                "passphrase".to_string(),
                format!("Use at least {PASSPHRASE_MIN_CHARS} characters; a few unrelated words are long and easy to remember."),
            );
        }
        if repeat != passphrase {
            errors.insert("repeat".to_string(), "The two passphrases differ.".to_string());
        }
        if !errors.is_empty() {
            return Err(AppError::validation(errors));
        }
        let chosen = self.store();
        if chosen == KeyStore::Keychain && self.keychain_reachable().is_ok() {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "The system keychain is available, so keys are kept there. The vault file is only for computers without one.",
            ));
        }
        let path = self.vault_path();
        let mut moved_aside = None;
        match cmr_vault::inspect(&path) {
            Ok(()) => {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    format!("A vault already exists at {}: unlock it with its passphrase. It is never replaced.", path.display()),
                ))
            }
            Err(VaultError::NotFound(_)) => {}
            Err(VaultError::Damaged { damage, .. }) if !replace_damaged => {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    format!("The vault file is damaged ({damage}). Confirm “Start a new vault” to keep it aside and start an empty one."),
                ))
            }
            Err(VaultError::Damaged { .. }) => {
                moved_aside = Some(cmr_vault::move_aside(&path).map_err(storage)?.display().to_string());
            }
            Err(e) => return Err(storage(e)),
        }
        let vault = Vault::create(&path, passphrase, VAULT_PARAMS).map_err(storage)?;
        if chosen != KeyStore::Vault {
            if let Err(e) = save_choice(&self.dir, KeyStore::Vault) {
                // Without the saved choice the next run would not look for the vault.
                let _ = std::fs::remove_file(&path);
                return Err(e);
            }
            *self.choice.lock().expect("key store choice poisoned") = KeyStore::Vault;
        }
        *self.vault.lock().expect("vault poisoned") = Some(vault);
        Ok(moved_aside)
    }

    pub fn unlock(&self, passphrase: &str) -> AppResult<()> {
        if self.store() != KeyStore::Vault {
            return Err(AppError::new(ErrorCode::Conflict, "Keys are kept in the system keychain; there is no vault to unlock."));
        }
        let vault = Vault::open(&self.vault_path(), passphrase).map_err(|e| match e {
            VaultError::WrongPassphrase => AppError::validation(BTreeMap::from([(
                "passphrase".to_string(),
                "That passphrase does not open the vault. Check it (and Caps Lock) and try again; there is no limit on tries."
                    .to_string(),
            )])),
            e => unusable(e),
        })?;
        *self.vault.lock().expect("vault poisoned") = Some(vault);
        Ok(())
    }

    /// Forgets the derived key and every entry; the file stays as it is.
    pub fn lock(&self) {
        self.vault.lock().expect("vault poisoned").take();
    }

    /// Writes every key of the unlocked vault into the keychain and reads each one back; only
    /// when all came back as written is the choice switched and the vault file removed.
    pub fn move_to_keychain(&self) -> AppResult<u32> {
        if self.store() != KeyStore::Vault {
            return Err(AppError::new(ErrorCode::Conflict, "Keys are already kept in the system keychain."));
        }
        self.keychain_reachable().map_err(|why| {
            AppError::new(ErrorCode::Keychain, format!("The system keychain is not available ({why}); the keys stay in the vault."))
        })?;
        let mut guard = self.vault.lock().expect("vault poisoned");
        let vault = guard.as_ref().ok_or_else(|| AppError::from(SecretError::VaultLocked))?;
        let mut moved = 0;
        for account in vault.accounts() {
            let secret = Secret::new(vault.get(account).expect("listed account"));
            self.keychain.set(account, &secret)?;
            if self.keychain.get(account)?.as_ref() != Some(&secret) {
                return Err(AppError::new(
                    ErrorCode::Keychain,
                    "The system keychain did not give a key back as it was written. The vault is kept as it is; nothing was removed.",
                ));
            }
            moved += 1;
        }
        save_choice(&self.dir, KeyStore::Keychain)?;
        *self.choice.lock().expect("key store choice poisoned") = KeyStore::Keychain;
        guard.take();
        let path = self.vault_path();
        std::fs::remove_file(&path).map_err(|e| {
            AppError::storage(format!(
                "The keys are in the system keychain now, but the vault file {} could not be removed ({e}). Remove it by hand.",
                path.display()
            ))
        })?;
        Ok(moved)
    }

    fn with_vault<T>(&self, f: impl FnOnce(&mut Vault) -> Result<T, VaultError>) -> Result<T, SecretError> {
        let mut guard = self.vault.lock().expect("vault poisoned");
        match guard.as_mut() {
            Some(vault) => f(vault).map_err(|e| SecretError::Vault(e.to_string())),
            None => match cmr_vault::inspect(&self.vault_path()) {
                Ok(()) => Err(SecretError::VaultLocked),
                Err(e) => Err(SecretError::Vault(unusable(e).message)),
            },
        }
    }
}

impl SecretStore for KeyStorage {
    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        match self.store() {
            KeyStore::Keychain => self.keychain.get(account),
            KeyStore::Vault => self.with_vault(|v| Ok(v.get(account).map(Secret::new))),
        }
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        match self.store() {
            KeyStore::Keychain => self.keychain.set(account, secret),
            KeyStore::Vault => self.with_vault(|v| v.set(account, secret.expose_secret())),
        }
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        match self.store() {
            KeyStore::Keychain => self.keychain.delete(account),
            KeyStore::Vault => self.with_vault(|v| v.delete(account)),
        }
    }
}

fn storage(e: VaultError) -> AppError {
    AppError::storage(e.to_string())
}

/// A vault that cannot be opened at all (damaged or gone), with what the user can do.
fn unusable(e: VaultError) -> AppError {
    match e {
        VaultError::NotFound(path) => AppError::storage(format!(
            "The vault file {} is missing, so its keys cannot be read. Start a new vault in Settings → Profiles and enter the keys again.",
            path.display()
        )),
        e @ VaultError::Damaged { .. } => AppError::storage(format!(
            "{e} Its keys cannot be read. In Settings → Profiles you can start a new vault; the damaged file is kept aside, never overwritten."
        )),
        e => storage(e),
    }
}

/// The saved choice. A choice file that cannot be read counts as "vault" when a vault file is
/// there, so keys the user put in the vault are never looked for in the keychain instead.
fn read_choice(dir: &Path) -> KeyStore {
    match std::fs::read(dir.join(CHOICE_FILE)) {
        Ok(bytes) => match serde_json::from_slice::<ChoiceFile>(&bytes) {
            Ok(file) => file.store,
            Err(_) if dir.join(VAULT_FILE).exists() => KeyStore::Vault,
            Err(_) => KeyStore::Keychain,
        },
        Err(_) if dir.join(VAULT_FILE).exists() => KeyStore::Vault,
        Err(_) => KeyStore::Keychain,
    }
}

fn save_choice(dir: &Path, store: KeyStore) -> AppResult<()> {
    let path = dir.join(CHOICE_FILE);
    let json = serde_json::to_vec_pretty(&ChoiceFile { store }).expect("the choice serialises");
    crate::atomic_file::write_atomic(&path, &json).map_err(|e| AppError::storage(format!("Cannot save {}: {e}", path.display())))
}

#[cfg(test)]
#[path = "key_storage_tests.rs"]
mod tests;
