//! The app's own settings (`settings.json` in the config folder): whether the welcome was
//! dismissed, and the wallet balance under which a paid action warns. A file that does not parse is never overwritten: it is moved aside (the
//! message names both paths) and the app starts on defaults.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use cmr_core::local_files::Settings;
use cmr_core::local_files::{parse_settings, read_bounded, LocalFileProblem, LOCAL_FILE_MAX_BYTES};

use crate::error::AppError;

pub const SETTINGS_FILE: &str = "settings.json";

/// What happened to a settings file that could not be used, for the window's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsProblem {
    pub path: PathBuf,
    pub detail: String,
    /// Where the unreadable file was moved; `None` when it could not be moved (it stays).
    pub kept_as: Option<PathBuf>,
}

pub struct SettingsStore {
    path: PathBuf,
    current: Mutex<Settings>,
}

impl SettingsStore {
    /// Reads the file; a missing one means defaults, an unreadable one is moved aside.
    pub fn load(config_dir: &Path) -> (SettingsStore, Option<SettingsProblem>) {
        let path = config_dir.join(SETTINGS_FILE);
        let parsed = match read_bounded(&path, LOCAL_FILE_MAX_BYTES) {
            Ok(None) => Ok(None),
            Ok(Some(bytes)) => parse_settings(&bytes).map(Some),
            Err(e) => Err(e),
        };
        let (settings, problem) = match parsed {
            Ok(None) => (Settings::default(), None),
            Err(LocalFileProblem::Unreadable(e)) => (Settings::default(), Some(SettingsProblem { path: path.clone(), detail: e, kept_as: None })),
            Ok(Some(settings)) => (settings, None),
            // Damaged or too large: either way not the file the app wrote.
            Err(e) => {
                // `settings.json.broken-<time>`, the same dated rename as a damaged database's.
                let kept_as = cmr_core::db::set_aside(&path).ok();
                // Someone who has a settings file has started the app before; a fresh file
                // says so, so the next start is a clean one.
                let settings = Settings { welcome_dismissed: true, ..Settings::default() };
                if kept_as.is_some() {
                    let _ = crate::atomic_file::write_atomic(&path, &serde_json::to_vec_pretty(&settings).expect("settings serialise"));
                }
                (settings, Some(SettingsProblem { path: path.clone(), detail: e.to_string(), kept_as }))
            }
        };
        (SettingsStore { path, current: Mutex::new(settings) }, problem)
    }

    pub fn get(&self) -> Settings {
        self.current.lock().expect("settings poisoned").clone()
    }

    /// Changes the settings and writes them at once (atomically: a crash leaves the old file).
    pub fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<Settings, AppError> {
        let mut current = self.current.lock().expect("settings poisoned");
        let mut next = current.clone();
        change(&mut next);
        crate::atomic_file::write_atomic(&self.path, &serde_json::to_vec_pretty(&next).expect("settings serialise"))
            .map_err(|e| AppError::storage(format!("Cannot save the settings to {}: {e}", self.path.display())))?;
        *current = next.clone();
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_means_defaults_and_updates_persist() {
        let dir = tempfile::tempdir().unwrap();
        let (store, problem) = SettingsStore::load(dir.path());
        assert!(problem.is_none());
        assert!(!store.get().welcome_dismissed);
        store.update(|s| s.welcome_dismissed = true).unwrap();
        let (again, _) = SettingsStore::load(dir.path());
        assert!(again.get().welcome_dismissed);
    }

    #[test]
    fn a_broken_file_is_moved_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SETTINGS_FILE);
        std::fs::write(&path, "{ \"welcomeDismissed\": tru").unwrap();
        let (store, problem) = SettingsStore::load(dir.path());
        let problem = problem.expect("reported");
        assert_eq!(problem.path, path);
        assert!(problem.detail.contains("line 1"), "{}", problem.detail);
        let kept = problem.kept_as.expect("moved aside");
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "{ \"welcomeDismissed\": tru", "kept byte for byte");
        assert!(kept.file_name().unwrap().to_str().unwrap().starts_with("settings.json.broken-"));
        assert!(store.get().welcome_dismissed, "a returning user is not greeted as new");
        let (again, problem) = SettingsStore::load(dir.path());
        assert!(problem.is_none() && again.get().welcome_dismissed, "a fresh file took its place");
        store.update(|s| s.welcome_dismissed = true).unwrap();
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "{ \"welcomeDismissed\": tru", "saving leaves it alone");
    }

    #[test]
    fn an_unwritable_folder_fails_the_save_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("config");
        std::fs::write(&blocker, "a file where the folder should be").unwrap();
        let (store, problem) = SettingsStore::load(&blocker);
        assert!(problem.is_some(), "reading through a file is reported");
        let err = store.update(|s| s.welcome_dismissed = true).unwrap_err();
        assert!(err.message.contains("settings.json"), "{}", err.message);
    }
}
