//! The app's own files on this computer that can go wrong (a data folder that cannot be
//! written, a settings or profiles file that does not parse, a broken endpoints.toml): each
//! becomes a message for the window, and the app still opens on the Demo profile.

use std::path::{Path, PathBuf};

use serde::Serialize;
use specta::Type;

/// One problem with a local file or folder, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct LocalProblem {
    /// Stable name of what went wrong: `data_folder`, `settings`, `profiles`, `endpoints`, `log`.
    pub kind: String,
    /// The file or folder concerned.
    pub path: String,
    /// What is wrong, in words.
    pub message: String,
    /// What the person can do about it.
    pub action: String,
}

/// Where the app keeps its records this run: the data folder, or when that cannot be written
/// a temporary folder for the Demo profile alone (removed when the app closes).
pub struct DataFolder {
    pub dir: PathBuf,
    pub problem: Option<LocalProblem>,
    /// The temporary folder in use instead of the data folder.
    pub fallback: bool,
}

impl DataFolder {
    pub fn open(wanted: &Path) -> DataFolder {
        let Err(e) = check_writable(wanted) else {
            return DataFolder { dir: wanted.to_owned(), problem: None, fallback: false };
        };
        let dir = std::env::temp_dir().join(format!("cmr-desk-demo-{}", uuid::Uuid::new_v4().simple()));
        let _ = std::fs::create_dir_all(&dir);
        let problem = LocalProblem {
            kind: "data_folder".into(),
            path: wanted.display().to_string(),
            message: format!("CMR Desk cannot write to its data folder ({e}). Your profiles, audit log and tracked actions live there, so only the Demo profile is open, with its records kept in a temporary folder until the app closes."),
            action: "Make the folder writable (or free some disk space, or point XDG_DATA_HOME at a writable folder), then restart CMR Desk.".into(),
        };
        DataFolder { dir, problem: Some(problem), fallback: true }
    }
}

/// Creates the folder and proves a file can be written in it (a folder can exist and still be
/// read-only, or be a file).
pub fn check_writable(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let probe = dir.join(format!(".write-check-{}", uuid::Uuid::new_v4().simple()));
    std::fs::write(&probe, b"ok")?;
    std::fs::remove_file(&probe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_writable_folder_is_used_as_is() {
        let dir = tempfile::tempdir().unwrap();
        let wanted = dir.path().join("data");
        let folder = DataFolder::open(&wanted);
        assert!(!folder.fallback && folder.problem.is_none());
        assert_eq!(folder.dir, wanted);
        assert_eq!(std::fs::read_dir(&wanted).unwrap().count(), 0, "the write check leaves nothing behind");
    }

    #[test]
    fn a_file_in_the_way_gives_a_temporary_folder_and_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("data");
        std::fs::write(&blocker, "not a folder").unwrap();
        let wanted = blocker.join("com.cmrdesk.desktop");
        let folder = DataFolder::open(&wanted);
        assert!(folder.fallback);
        let problem = folder.problem.expect("reported");
        assert_eq!(problem.kind, "data_folder");
        assert_eq!(problem.path, wanted.display().to_string());
        assert!(problem.message.contains("cannot write to its data folder"), "{}", problem.message);
        check_writable(&folder.dir).expect("the temporary folder works");
        std::fs::remove_dir_all(&folder.dir).unwrap();
    }
}
