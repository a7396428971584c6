//! The vault's promises, each on a real file in a temporary folder.

use std::path::PathBuf;

use crate::{inspect, move_aside, Damage, KdfParams, Vault, VaultError};

const FAST: KdfParams = KdfParams::FAST_INSECURE_FOR_TESTS;
const PASS: &str = "correct horse battery staple";
const KEY: &str = "cmr_partner_key_0123456789ab12";

fn temp_vault() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.vault");
    (dir, path)
}

/// A vault with two entries, as bytes.
fn written() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let (dir, path) = temp_vault();
    let mut v = Vault::create(&path, PASS, FAST).unwrap();
    v.set("profile:a", KEY).unwrap();
    v.set("profile:a:sandbox", "cmr_sandbox_key_zz99").unwrap();
    let bytes = std::fs::read(&path).unwrap();
    (dir, path, bytes)
}

fn damage_of(result: Result<Vault, VaultError>) -> Damage {
    match result {
        Err(VaultError::Damaged { damage, .. }) => damage,
        other => panic!("expected a damaged-file error, got {other:?}"),
    }
}

#[test]
fn round_trip_across_opens() {
    let (_dir, path) = temp_vault();
    let mut v = Vault::create(&path, PASS, FAST).unwrap();
    assert_eq!(v.get("profile:a"), None);
    v.set("profile:a", KEY).unwrap();
    v.set("profile:b", "second-key-0000").unwrap();
    v.set("profile:b", "second-key-1111").unwrap();
    v.delete("profile:missing").unwrap();
    drop(v);

    let mut again = Vault::open(&path, PASS).unwrap();
    assert_eq!(again.get("profile:a"), Some(KEY));
    assert_eq!(again.get("profile:b"), Some("second-key-1111"));
    assert_eq!(again.accounts().collect::<Vec<_>>(), ["profile:a", "profile:b"]);
    assert_eq!(again.params(), FAST, "the cost settings travel in the file");
    again.delete("profile:a").unwrap();
    drop(again);
    let third = Vault::open(&path, PASS).unwrap();
    assert_eq!(third.accounts().collect::<Vec<_>>(), ["profile:b"]);
    assert!(inspect(&path).is_ok());
}

#[test]
fn wrong_passphrase_is_refused_and_the_file_is_untouched() {
    let (_dir, path, before) = written();
    for wrong in ["", "correct horse battery stapl", "Correct horse battery staple", "correct horse battery staple "] {
        assert!(matches!(Vault::open(&path, wrong), Err(VaultError::WrongPassphrase)), "{wrong:?}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "a refused unlock changes nothing");
    // No lockout: the right passphrase still opens it after any number of wrong ones.
    assert_eq!(Vault::open(&path, PASS).unwrap().get("profile:a"), Some(KEY));
}

#[test]
fn the_file_holds_no_key_bytes_in_any_plain_encoding() {
    let (_dir, _path, bytes) = written();
    for secret in [KEY, "cmr_sandbox_key_zz99", "profile:a", PASS] {
        for needle in encodings(secret) {
            assert!(!contains(&bytes, &needle), "{secret:?} found in the vault file as {:?}", String::from_utf8_lossy(&needle));
        }
    }
}

/// The text, its UTF-16 (either order), hex (either case) and base64: what a careless writer
/// would leave behind.
pub fn encodings(secret: &str) -> Vec<Vec<u8>> {
    let hex: String = secret.bytes().map(|b| format!("{b:02x}")).collect();
    vec![
        secret.as_bytes().to_vec(),
        secret.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        secret.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        hex.clone().into_bytes(),
        hex.to_uppercase().into_bytes(),
        base64(secret.as_bytes()).into_bytes(),
    ]
}

fn base64(data: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn every_truncation_is_reported_as_damage_never_as_a_wrong_passphrase() {
    let (_dir, path, bytes) = written();
    for len in 0..bytes.len() {
        std::fs::write(&path, &bytes[..len]).unwrap();
        let damage = damage_of(Vault::open(&path, PASS));
        assert!(matches!(damage, Damage::Truncated { actual, .. } if actual == len as u64), "at {len}: {damage:?}");
        assert!(inspect(&path).is_err());
    }
}

#[test]
fn every_changed_byte_is_reported_as_damage() {
    let (_dir, path, bytes) = written();
    for at in 0..bytes.len() {
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        std::fs::write(&path, &changed).unwrap();
        let damage = damage_of(Vault::open(&path, PASS));
        let expected_kind = match at {
            0..=7 => matches!(damage, Damage::NotAVault),
            8..=9 => matches!(damage, Damage::UnsupportedVersion(_)),
            // The length field: the file now looks cut short or overlong.
            62..=65 => matches!(damage, Damage::Truncated { .. } | Damage::TrailingBytes(_)),
            _ => damage == Damage::Checksum,
        };
        assert!(expected_kind, "byte {at}: {damage:?}");
    }
}

#[test]
fn garbage_and_extra_bytes_are_damage() {
    let (_dir, path, bytes) = written();
    std::fs::write(&path, b"{\"profile:a\": \"not a vault\"}").unwrap();
    assert_eq!(damage_of(Vault::open(&path, PASS)), Damage::NotAVault);
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"\n");
    std::fs::write(&path, &longer).unwrap();
    assert_eq!(damage_of(Vault::open(&path, PASS)), Damage::TrailingBytes(1));
    let message = Vault::open(&path, PASS).unwrap_err().to_string();
    assert!(message.contains("damaged") && message.contains("keys.vault"), "{message}");
}

#[test]
fn a_missing_file_is_not_found_and_create_never_overwrites() {
    let (_dir, path, bytes) = written();
    assert!(matches!(Vault::create(&path, PASS, FAST), Err(VaultError::AlreadyExists(_))));
    std::fs::write(&path, b"garbage").unwrap();
    assert!(matches!(Vault::create(&path, PASS, FAST), Err(VaultError::AlreadyExists(_))));
    assert_eq!(std::fs::read(&path).unwrap(), b"garbage", "a damaged file is not replaced by create");
    drop(bytes);
    let gone = path.with_file_name("none.vault");
    assert!(matches!(Vault::open(&gone, PASS), Err(VaultError::NotFound(_))));
    assert!(matches!(inspect(&gone), Err(VaultError::NotFound(_))));
}

#[test]
fn a_damaged_file_is_moved_aside_under_a_dated_name_with_its_bytes() {
    let (dir, path, _) = written();
    std::fs::write(&path, b"CMRVAULT\x01").unwrap();
    let aside = move_aside(&path).unwrap();
    assert!(!path.exists());
    let name = aside.file_name().unwrap().to_str().unwrap().to_owned();
    assert!(name.starts_with("keys.vault.damaged-20"), "{name}");
    assert_eq!(std::fs::read(&aside).unwrap(), b"CMRVAULT\x01");
    // A second one in the same second does not replace the first.
    std::fs::write(&path, b"again").unwrap();
    let second = move_aside(&path).unwrap();
    assert_ne!(second, aside);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn each_save_uses_a_fresh_nonce_and_leaves_no_temp_file() {
    let (dir, path) = temp_vault();
    let mut v = Vault::create(&path, PASS, FAST).unwrap();
    v.set("profile:a", KEY).unwrap();
    let first = std::fs::read(&path).unwrap();
    v.set("profile:a", KEY).unwrap();
    let second = std::fs::read(&path).unwrap();
    assert_eq!(first.len(), second.len());
    assert_ne!(first[38..62], second[38..62], "nonce");
    assert_ne!(first, second);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["keys.vault"]);
}

#[cfg(unix)]
#[test]
fn only_the_owner_may_read_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path, _) = written();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn a_header_claiming_absurd_costs_is_refused_before_any_work() {
    // A well-formed file (valid checksum) whose settings ask for far too much memory.
    let header = crate::format::Header {
        params: KdfParams { memory_kib: u32::MAX, passes: 1, lanes: 1 },
        salt: [0; 16],
        nonce: [0; 24],
        ciphertext_len: 16,
    };
    let (_dir, path) = temp_vault();
    std::fs::write(&path, crate::format::encode_file(&header, &[0; 16])).unwrap();
    assert_eq!(damage_of(Vault::open(&path, PASS)), Damage::BadParams);
}

#[test]
fn debug_output_names_accounts_never_keys() {
    let (_dir, path, _) = written();
    let v = Vault::open(&path, PASS).unwrap();
    let shown = format!("{v:?}");
    assert!(shown.contains("profile:a") && !shown.contains(KEY), "{shown}");
}
