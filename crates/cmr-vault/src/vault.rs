//! An open vault: the derived key and the entries, in memory until dropped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use crate::error::{Damage, VaultError};
use crate::format::{self, Header, KdfParams, NONCE_LEN, SALT_LEN};
use crate::fsio::write_atomically;

/// An unlocked vault. Dropping it forgets the derived key and every entry (zeroed memory).
pub struct Vault {
    path: PathBuf,
    params: KdfParams,
    salt: [u8; SALT_LEN],
    key: Zeroizing<[u8; 32]>,
    entries: BTreeMap<String, Zeroizing<String>>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Account names only; never a key.
        f.debug_struct("Vault").field("path", &self.path).field("accounts", &self.entries.keys()).finish()
    }
}

/// Whether a vault file is there and whole, without a passphrase: `Ok` for an intact file.
pub fn inspect(path: &Path) -> Result<(), VaultError> {
    let bytes = read(path)?;
    format::decode_file(&bytes).map(|_| ()).map_err(|damage| damaged(path, damage))
}

impl Vault {
    /// Starts an empty vault at `path`; refuses if any file is already there.
    pub fn create(path: &Path, passphrase: &str, params: KdfParams) -> Result<Self, VaultError> {
        if path.exists() {
            return Err(VaultError::AlreadyExists(path.to_owned()));
        }
        let mut salt = [0u8; SALT_LEN];
        fill_random(&mut salt, path)?;
        let key = derive_key(passphrase, &salt, params);
        let vault = Self { path: path.to_owned(), params, salt, key, entries: BTreeMap::new() };
        vault.save(&vault.entries)?;
        Ok(vault)
    }

    /// Opens the vault at `path`. A damaged file is reported as such before any passphrase is
    /// tried; an intact file that does not decrypt means the passphrase is wrong.
    pub fn open(path: &Path, passphrase: &str) -> Result<Self, VaultError> {
        let bytes = read(path)?;
        let (header, aad, ciphertext) = format::decode_file(&bytes).map_err(|d| damaged(path, d))?;
        let key = derive_key(passphrase, &header.salt, header.params);
        let plain = Zeroizing::new(
            cipher(&key)
                .decrypt(XNonce::from_slice(&header.nonce), Payload { msg: ciphertext, aad })
                .map_err(|_| VaultError::WrongPassphrase)?,
        );
        let map: BTreeMap<String, String> =
            serde_json::from_slice(&plain).map_err(|_| damaged(path, Damage::BadContents))?;
        let entries = map.into_iter().map(|(k, v)| (k, Zeroizing::new(v))).collect();
        Ok(Self { path: path.to_owned(), params: header.params, salt: header.salt, key, entries })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn params(&self) -> KdfParams {
        self.params
    }

    pub fn get(&self, account: &str) -> Option<&str> {
        self.entries.get(account).map(|v| v.as_str())
    }

    pub fn accounts(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// Adds or replaces an entry and saves. If the save fails, the vault in memory is as before.
    pub fn set(&mut self, account: &str, secret: &str) -> Result<(), VaultError> {
        let mut next = self.entries.clone();
        next.insert(account.to_owned(), Zeroizing::new(secret.to_owned()));
        self.save(&next)?;
        self.entries = next;
        Ok(())
    }

    /// Removes an entry (absent is not an error) and saves.
    pub fn delete(&mut self, account: &str) -> Result<(), VaultError> {
        if !self.entries.contains_key(account) {
            return Ok(());
        }
        let mut next = self.entries.clone();
        next.remove(account);
        self.save(&next)?;
        self.entries = next;
        Ok(())
    }

    /// Seals `entries` under a fresh nonce and replaces the file atomically.
    fn save(&self, entries: &BTreeMap<String, Zeroizing<String>>) -> Result<(), VaultError> {
        let plain: BTreeMap<&str, &str> = entries.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let plain = Zeroizing::new(serde_json::to_vec(&plain).expect("a string map serialises"));
        let mut nonce = [0u8; NONCE_LEN];
        fill_random(&mut nonce, &self.path)?;
        let ciphertext_len = u32::try_from(plain.len() + format::TAG_LEN)
            .map_err(|_| VaultError::io(&self.path, std::io::Error::other("too many keys for one vault")))?;
        let header = Header { params: self.params, salt: self.salt, nonce, ciphertext_len };
        let aad = header.encode();
        let ciphertext = cipher(&self.key)
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: &plain, aad: &aad })
            .expect("XChaCha20-Poly1305 encrypts any length that fits in memory");
        write_atomically(&self.path, &format::encode_file(&header, &ciphertext))
    }
}

fn read(path: &Path) -> Result<Vec<u8>, VaultError> {
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => VaultError::NotFound(path.to_owned()),
        _ => VaultError::io(path, e),
    })
}

fn damaged(path: &Path, damage: Damage) -> VaultError {
    VaultError::Damaged { path: path.to_owned(), damage }
}

fn fill_random(buf: &mut [u8], path: &Path) -> Result<(), VaultError> {
    getrandom::getrandom(buf).map_err(|e| VaultError::io(path, std::io::Error::other(e.to_string())))
}

fn derive_key(passphrase: &str, salt: &[u8], params: KdfParams) -> Zeroizing<[u8; 32]> {
    // The ranges were checked when the file was read (or are the app's own constants).
    let argon_params = Params::new(params.memory_kib, params.passes, params.lanes, Some(32))
        .expect("Argon2 parameters within the checked ranges");
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params)
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .expect("a 16-byte salt and a 32-byte output are within Argon2's limits");
    key
}

fn cipher(key: &[u8; 32]) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(Key::from_slice(key))
}
