//! The app's own small files — `settings.json` (config folder) and `profiles.json` (data
//! folder) — read with a size bound and parsed into their shapes, without a window, so the
//! same rules serve the app, its tests and the fuzz targets. Anyone can edit these files (or a
//! disk can damage them): nothing here panics on any bytes, and no file is read whole before its
//! size is known.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// Larger than any settings or profile list the app writes (a profile takes about 300 bytes),
/// small enough that a damaged or hostile file cannot make the app read gigabytes at start.
pub const LOCAL_FILE_MAX_BYTES: u64 = 1024 * 1024;

/// More profiles than anyone keeps; a list past it is treated as damaged.
pub const PROFILES_MAX: usize = 1000;

/// Why a local file could not be used: said in words that name no path (the caller adds it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalFileProblem {
    /// The file could not be read (permissions, a folder in its place, an I/O error).
    Unreadable(String),
    /// Over [`LOCAL_FILE_MAX_BYTES`]: not read at all.
    TooLarge { bytes: u64, limit: u64 },
    /// Read, but not the shape the app writes.
    Damaged(String),
}

impl std::fmt::Display for LocalFileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LocalFileProblem::Unreadable(why) => write!(f, "it cannot be read: {why}"),
            LocalFileProblem::TooLarge { bytes, limit } => {
                write!(f, "it is {bytes} bytes, more than the {limit} bytes such a file can hold")
            }
            LocalFileProblem::Damaged(why) => write!(f, "{why}"),
        }
    }
}

/// Reads `path` whole unless it is over `limit` bytes. `Ok(None)` when there is no file.
///
/// The size is asked first and the read is capped as well, so a file that grows between the
/// two (or a device that reports no size) still cannot be read past the limit.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, LocalFileProblem> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LocalFileProblem::Unreadable(e.to_string())),
    };
    let meta = file.metadata().map_err(|e| LocalFileProblem::Unreadable(e.to_string()))?;
    if meta.is_dir() {
        return Err(LocalFileProblem::Unreadable("a folder stands where the file should be".into()));
    }
    if meta.len() > limit {
        return Err(LocalFileProblem::TooLarge { bytes: meta.len(), limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| LocalFileProblem::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(LocalFileProblem::TooLarge { bytes: bytes.len() as u64, limit });
    }
    Ok(Some(bytes))
}

/// `settings.json`: whether the welcome was dismissed, and the wallet balance under which a
/// paid action warns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    #[serde(default)]
    pub welcome_dismissed: bool,
    /// A paid action that would leave the wallet under this many cents says so first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_balance_cents: Option<i64>,
}

/// The most a low-balance threshold can be: $10,000,000 — past it the number was not meant.
pub const LOW_BALANCE_MAX_CENTS: i64 = 1_000_000_000;

/// Parses `settings.json`'s bytes; a threshold outside 0 … [`LOW_BALANCE_MAX_CENTS`] is damage,
/// not a setting (the app never writes one).
pub fn parse_settings(bytes: &[u8]) -> Result<Settings, LocalFileProblem> {
    let settings: Settings = serde_json::from_slice(bytes).map_err(|e| LocalFileProblem::Damaged(e.to_string()))?;
    if let Some(cents) = settings.low_balance_cents {
        if !(0..=LOW_BALANCE_MAX_CENTS).contains(&cents) {
            return Err(LocalFileProblem::Damaged(format!(
                "the low-balance threshold {cents} is outside 0 … {LOW_BALANCE_MAX_CENTS} cents"
            )));
        }
    }
    Ok(settings)
}

// Which CMR environment a profile talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Production,
    Sandbox,
}

/// What is persisted for a profile. The API key is not here: it lives in the OS keychain (or,
/// when the user chose it, in the encrypted vault file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub environment: Environment,
    pub base_url: String,
    pub default_customer_id: Option<String>,
}

/// `profiles.json`: the profiles and which one is active.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesFile {
    #[serde(default)]
    pub active_profile_id: Option<String>,
    #[serde(default)]
    pub profiles: Vec<Profile>,
}

/// Parses `profiles.json`'s bytes. Beyond the shape: no more than [`PROFILES_MAX`] profiles,
/// every id present and used once (two profiles under one id would share one keychain entry,
/// so one key would be sent for the other account). The base URL is left to the client, which
/// refuses anything but HTTPS outside this machine whatever the file says.
pub fn parse_profiles(bytes: &[u8]) -> Result<ProfilesFile, LocalFileProblem> {
    let file: ProfilesFile = serde_json::from_slice(bytes).map_err(|e| LocalFileProblem::Damaged(e.to_string()))?;
    if file.profiles.len() > PROFILES_MAX {
        return Err(LocalFileProblem::Damaged(format!(
            "it lists {} profiles, more than the {PROFILES_MAX} the app keeps",
            file.profiles.len()
        )));
    }
    let mut seen = std::collections::HashSet::new();
    for (n, profile) in file.profiles.iter().enumerate() {
        if profile.id.trim().is_empty() {
            return Err(LocalFileProblem::Damaged(format!("profile {} has no id", n + 1)));
        }
        if !seen.insert(profile.id.as_str()) {
            return Err(LocalFileProblem::Damaged(format!("two profiles have the id “{}”", profile.id)));
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_none_and_a_present_one_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        assert_eq!(read_bounded(&path, 10).unwrap(), None);
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_bounded(&path, 10).unwrap().unwrap(), b"0123456789");
    }

    #[test]
    fn a_file_over_the_limit_is_not_read_and_the_limit_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("profiles.json");
        std::fs::write(&path, vec![b' '; 11]).unwrap();
        let problem = read_bounded(&path, 10).unwrap_err();
        assert_eq!(problem, LocalFileProblem::TooLarge { bytes: 11, limit: 10 });
        assert!(problem.to_string().contains("10 bytes"), "{problem}");
    }

    #[test]
    fn a_folder_in_place_of_the_file_is_unreadable_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(read_bounded(dir.path(), 10), Err(LocalFileProblem::Unreadable(_))));
    }

    #[test]
    fn settings_parse_with_defaults_and_refuse_a_threshold_out_of_range() {
        assert_eq!(parse_settings(b"{}").unwrap(), Settings::default());
        let s = parse_settings(br#"{"welcomeDismissed":true,"lowBalanceCents":2500}"#).unwrap();
        assert_eq!(s, Settings { welcome_dismissed: true, low_balance_cents: Some(2500) });
        for bad in [&br#"{"lowBalanceCents":-1}"#[..], br#"{"lowBalanceCents":1000000001}"#, b"{ \"welcomeDismissed\": tru", b"\"text\"", b""] {
            assert!(matches!(parse_settings(bad), Err(LocalFileProblem::Damaged(_))), "{}", String::from_utf8_lossy(bad));
        }
    }

    fn profile(id: &str) -> String {
        format!(r#"{{"id":"{id}","name":"P {id}","environment":"sandbox","baseUrl":"http://127.0.0.1:1","defaultCustomerId":null}}"#)
    }

    #[test]
    fn profiles_parse_and_refuse_missing_or_repeated_ids_and_too_many() {
        let ok = format!(r#"{{"activeProfileId":"a","profiles":[{},{}]}}"#, profile("a"), profile("b"));
        assert_eq!(parse_profiles(ok.as_bytes()).unwrap().profiles.len(), 2);
        assert_eq!(parse_profiles(b"{}").unwrap(), ProfilesFile::default());
        let twice = format!(r#"{{"profiles":[{},{}]}}"#, profile("a"), profile("a"));
        assert!(parse_profiles(twice.as_bytes()).unwrap_err().to_string().contains("two profiles"));
        let blank = format!(r#"{{"profiles":[{}]}}"#, profile(" "));
        assert!(parse_profiles(blank.as_bytes()).unwrap_err().to_string().contains("no id"));
        let many: Vec<String> = (0..=PROFILES_MAX).map(|n| profile(&n.to_string())).collect();
        let many = format!(r#"{{"profiles":[{}]}}"#, many.join(","));
        assert!(parse_profiles(many.as_bytes()).unwrap_err().to_string().contains("1001 profiles"));
    }
}
