//! Profile metadata on disk: one JSON file in the app's data folder, replaced atomically so a
//! crash mid-write never leaves a half-written file.

use std::path::{Path, PathBuf};

pub use cmr_core::local_files::ProfilesFile;
use cmr_core::local_files::{parse_profiles, read_bounded, LOCAL_FILE_MAX_BYTES};

use crate::error::AppError;

pub struct ProfileFileStore {
    path: PathBuf,
}

impl ProfileFileStore {
    pub fn new(data_dir: &Path) -> Self {
        Self { path: data_dir.join("profiles.json") }
    }

    /// The profiles on disk; none when there is no file. A file that cannot be used is left as
    /// it is (it names keys in the keychain) and reported with its path.
    pub fn load(&self) -> Result<ProfilesFile, AppError> {
        let damaged = |why: String| {
            AppError::storage(format!(
                "The profile list at {} is damaged ({why}). Move it aside to start afresh.",
                self.path.display()
            ))
        };
        match read_bounded(&self.path, LOCAL_FILE_MAX_BYTES) {
            Ok(None) => Ok(ProfilesFile::default()),
            Ok(Some(bytes)) => parse_profiles(&bytes).map_err(|p| damaged(p.to_string())),
            Err(p @ cmr_core::local_files::LocalFileProblem::TooLarge { .. }) => Err(damaged(p.to_string())),
            Err(p) => Err(AppError::storage(format!("Cannot read {}: {p}", self.path.display()))),
        }
    }

    pub fn save(&self, file: &ProfilesFile) -> Result<(), AppError> {
        let json = serde_json::to_vec_pretty(file).expect("profiles serialise");
        crate::atomic_file::write_atomic(&self.path, &json)
            .map_err(|e| AppError::storage(format!("Cannot save {}: {e}", self.path.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::{Environment, Profile};

    fn file_named(name: &str) -> ProfilesFile {
        let profile = Profile {
            id: name.into(),
            name: name.into(),
            environment: Environment::Sandbox,
            base_url: "http://127.0.0.1:1".into(),
            default_customer_id: None,
        };
        ProfilesFile { active_profile_id: Some(name.into()), profiles: vec![profile] }
    }

    #[test]
    fn concurrent_saves_never_collide_or_leave_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        std::thread::scope(|scope| {
            for writer in ["a", "b"] {
                // A store each, as two processes would have.
                let store = ProfileFileStore::new(dir.path());
                scope.spawn(move || {
                    for i in 0..200 {
                        store.save(&file_named(&format!("{writer}{i}"))).unwrap();
                    }
                });
            }
        });
        let last = ProfileFileStore::new(dir.path()).load().unwrap();
        assert!(["a199", "b199"].contains(&last.active_profile_id.as_deref().unwrap()), "{last:?}");
        let names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["profiles.json"], "no temp file stays behind");
    }
}
