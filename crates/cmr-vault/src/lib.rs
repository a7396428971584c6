//! An encrypted file that keeps API keys on a machine with no OS keychain.
//!
//! The file holds a map `account → key`, sealed with XChaCha20-Poly1305 under a key that
//! Argon2id derives from the user's passphrase. The passphrase is never written anywhere; the
//! derived key lives in memory only while the vault is open (and is zeroed when it is dropped).
//! A damaged or truncated file is told apart from a wrong passphrase (see [`format`]), and is
//! never overwritten: [`move_aside`] keeps it under a dated name.
//!
//! No Tauri here: the app's shell wraps a [`Vault`] in its secret-store trait.

mod error;
pub mod format;
mod fsio;
mod vault;

pub use error::{Damage, VaultError};
pub use format::KdfParams;
pub use fsio::move_aside;
pub use vault::{inspect, Vault};

#[cfg(test)]
mod tests;
