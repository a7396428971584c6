//! What can go wrong with a vault file, in words a person can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("There is no vault file at {0}.")]
    NotFound(PathBuf),
    #[error("A vault file already exists at {0}; it is never overwritten.")]
    AlreadyExists(PathBuf),
    /// The file is intact (its checksum matches) but the passphrase does not open it.
    #[error("That passphrase does not open the vault.")]
    WrongPassphrase,
    /// The file is not a whole, intact vault: nothing in it can be trusted or opened.
    #[error("The vault file {path} is damaged: {damage}.")]
    Damaged { path: PathBuf, damage: Damage },
    #[error("Cannot use the vault file {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    #[error("it is not a CMR Desk vault (unknown start bytes)")]
    NotAVault,
    #[error("it was written by a newer version of CMR Desk (format {0})")]
    UnsupportedVersion(u16),
    #[error("it is cut short ({actual} of {expected} bytes)")]
    Truncated { expected: u64, actual: u64 },
    #[error("it has {0} unexpected bytes at the end")]
    TrailingBytes(u64),
    #[error("its key-derivation settings are out of range")]
    BadParams,
    #[error("its checksum does not match (some bytes were changed)")]
    Checksum,
    #[error("its contents, once decrypted, are not a list of keys")]
    BadContents,
}

impl VaultError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io { path: path.to_owned(), source }
    }
}
