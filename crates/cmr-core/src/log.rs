//! A plain-text diagnostic log in the data folder (`logs/cmr-desk.log`): one line per
//! mutation, reconciliation and job step, for support. Every line passes the scrubber, so the
//! API key cannot reach it even if a server echoed it back.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::redact::Scrubber;
use crate::time::{iso, now_ms};

/// Start a new file past this size (the old one is kept as `.1`).
const MAX_BYTES: u64 = 5 * 1024 * 1024;

pub struct DeskLog {
    path: PathBuf,
    file: Mutex<Option<File>>,
    scrubber: Mutex<Scrubber>,
}

impl DeskLog {
    pub fn open(data_dir: &Path, scrubber: Scrubber) -> DeskLog {
        let path = data_dir.join("logs").join("cmr-desk.log");
        let file = std::fs::create_dir_all(path.parent().unwrap_or(data_dir))
            .ok()
            .and_then(|_| OpenOptions::new().create(true).append(true).open(&path).ok());
        DeskLog { path, file: Mutex::new(file), scrubber: Mutex::new(scrubber) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn set_scrubber(&self, scrubber: Scrubber) {
        *self.scrubber.lock().unwrap_or_else(|e| e.into_inner()) = scrubber;
    }

    /// Appends one line; logging never fails a call.
    pub fn line(&self, profile_id: &str, text: &str) {
        let text = self.scrubber.lock().unwrap_or_else(|e| e.into_inner()).text(text);
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        if guard.as_ref().and_then(|f| f.metadata().ok()).is_some_and(|m| m.len() > MAX_BYTES) {
            let _ = std::fs::rename(&self.path, self.path.with_extension("log.1"));
            *guard = OpenOptions::new().create(true).append(true).open(&self.path).ok();
        }
        if let Some(f) = guard.as_mut() {
            let _ = writeln!(f, "{} [{profile_id}] {}", iso(now_ms()), text.replace('\n', " "));
        }
    }
}
