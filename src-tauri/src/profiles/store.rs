//! Profile metadata on disk: one JSON file in the app's data folder, replaced atomically so a
//! crash mid-write never leaves a half-written file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::Profile;
use crate::error::AppError;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfilesFile {
    #[serde(default)]
    pub active_profile_id: Option<String>,
    #[serde(default)]
    pub profiles: Vec<Profile>,
}

pub struct ProfileFileStore {
    path: PathBuf,
}

impl ProfileFileStore {
    pub fn new(data_dir: &Path) -> Self {
        Self { path: data_dir.join("profiles.json") }
    }

    pub fn load(&self) -> Result<ProfilesFile, AppError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                AppError::storage(format!(
                    "The profile list at {} is damaged ({e}). Move it aside to start afresh.",
                    self.path.display()
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ProfilesFile::default()),
            Err(e) => Err(AppError::storage(format!("Cannot read {}: {e}", self.path.display()))),
        }
    }

    pub fn save(&self, file: &ProfilesFile) -> Result<(), AppError> {
        let fail = |e: std::io::Error| AppError::storage(format!("Cannot save {}: {e}", self.path.display()));
        let dir = self.path.parent().expect("profiles.json has a parent folder");
        std::fs::create_dir_all(dir).map_err(fail)?;
        let tmp = self.path.with_extension("json.tmp");
        let mut out = std::fs::File::create(&tmp).map_err(fail)?;
        let json = serde_json::to_vec_pretty(file).expect("profiles serialise");
        out.write_all(&json).map_err(fail)?;
        out.sync_all().map_err(fail)?;
        std::fs::rename(&tmp, &self.path).map_err(fail)
    }
}
