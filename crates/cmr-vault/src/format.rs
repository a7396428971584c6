//! The vault file, byte by byte (all integers little-endian):
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0  | 8  | magic `CMRVAULT` |
//! | 8  | 2  | format version (1) |
//! | 10 | 4  | Argon2id memory cost, KiB |
//! | 14 | 4  | Argon2id passes |
//! | 18 | 4  | Argon2id lanes |
//! | 22 | 16 | salt |
//! | 38 | 24 | XChaCha20 nonce (fresh for every save) |
//! | 62 | 4  | ciphertext length *n* |
//! | 66 | n  | ciphertext + 16-byte Poly1305 tag, the header (bytes 0..66) as associated data |
//! | 66+n | 32 | SHA-256 of bytes 0..66+n |
//!
//! The trailing checksum is what tells a damaged file from a wrong passphrase: the AEAD alone
//! fails the same way for both. It says nothing about the contents (anyone could compute it);
//! the tag is what guards them.

use sha2::{Digest, Sha256};

use crate::error::Damage;

pub const MAGIC: &[u8; 8] = b"CMRVAULT";
pub const VERSION: u16 = 1;
pub const HEADER_LEN: usize = 66;
pub const SALT_LEN: usize = 16;
pub const NONCE_LEN: usize = 24;
pub const CHECKSUM_LEN: usize = 32;
pub const TAG_LEN: usize = 16;

/// Argon2id cost settings, stored in the file so later versions can raise them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl KdfParams {
    /// For the app: 64 MiB, 3 passes, 1 lane (RFC 9106's memory-constrained choice, with a
    /// single lane because the derivation runs on one thread).
    pub const INTERACTIVE: Self = Self { memory_kib: 64 * 1024, passes: 3, lanes: 1 };

    /// Tests only: the same algorithm at a cost that takes milliseconds. A file written with
    /// these opens like any other; the app itself never writes them.
    pub const FAST_INSECURE_FOR_TESTS: Self = Self { memory_kib: 64, passes: 1, lanes: 1 };

    /// Bounds a file may claim, so a damaged header cannot ask for terabytes of memory.
    fn in_range(&self) -> bool {
        (1..=16).contains(&self.lanes)
            && (8 * self.lanes..=4 * 1024 * 1024).contains(&self.memory_kib)
            && (1..=64).contains(&self.passes)
    }
}

/// The parsed fixed part of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub params: KdfParams,
    pub salt: [u8; SALT_LEN],
    pub nonce: [u8; NONCE_LEN],
    pub ciphertext_len: u32,
}

impl Header {
    pub fn encode(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[0..8].copy_from_slice(MAGIC);
        out[8..10].copy_from_slice(&VERSION.to_le_bytes());
        out[10..14].copy_from_slice(&self.params.memory_kib.to_le_bytes());
        out[14..18].copy_from_slice(&self.params.passes.to_le_bytes());
        out[18..22].copy_from_slice(&self.params.lanes.to_le_bytes());
        out[22..38].copy_from_slice(&self.salt);
        out[38..62].copy_from_slice(&self.nonce);
        out[62..66].copy_from_slice(&self.ciphertext_len.to_le_bytes());
        out
    }
}

/// A whole file: header, ciphertext, checksum.
pub fn encode_file(header: &Header, ciphertext: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + ciphertext.len() + CHECKSUM_LEN);
    out.extend_from_slice(&header.encode());
    out.extend_from_slice(ciphertext);
    let sum = Sha256::digest(&out);
    out.extend_from_slice(&sum);
    out
}

/// Checks the structure and checksum of a file without any passphrase. On success, gives the
/// header, the header's bytes (the associated data) and the ciphertext.
pub fn decode_file(bytes: &[u8]) -> Result<(Header, &[u8], &[u8]), Damage> {
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        // A file cut inside the magic itself (or empty) is still recognisably a cut vault.
        if MAGIC.starts_with(bytes) {
            return Err(Damage::Truncated { expected: HEADER_LEN as u64, actual: bytes.len() as u64 });
        }
        return Err(Damage::NotAVault);
    }
    if bytes.len() < HEADER_LEN {
        return Err(Damage::Truncated { expected: HEADER_LEN as u64, actual: bytes.len() as u64 });
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != VERSION {
        return Err(Damage::UnsupportedVersion(version));
    }
    let params = KdfParams { memory_kib: u32_at(10), passes: u32_at(14), lanes: u32_at(18) };
    let ciphertext_len = u32_at(62);
    let expected = (HEADER_LEN + CHECKSUM_LEN) as u64 + u64::from(ciphertext_len);
    let actual = bytes.len() as u64;
    if actual < expected {
        return Err(Damage::Truncated { expected, actual });
    }
    if actual > expected {
        return Err(Damage::TrailingBytes(actual - expected));
    }
    let body_end = HEADER_LEN + ciphertext_len as usize;
    if Sha256::digest(&bytes[..body_end]).as_slice() != &bytes[body_end..] {
        return Err(Damage::Checksum);
    }
    // Checked after the checksum: a bit flipped here is "changed bytes", not "bad settings".
    if !params.in_range() || (ciphertext_len as usize) < TAG_LEN {
        return Err(Damage::BadParams);
    }
    let header = Header {
        params,
        salt: bytes[22..38].try_into().expect("16 bytes"),
        nonce: bytes[38..62].try_into().expect("24 bytes"),
        ciphertext_len,
    };
    Ok((header, &bytes[..HEADER_LEN], &bytes[HEADER_LEN..body_end]))
}
