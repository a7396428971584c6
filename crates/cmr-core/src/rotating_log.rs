//! The app's own log file (start-up, profile switches, failed commands) for support: size
//! capped, a few older files kept (`app.log.1` … newest first), and every line passed through
//! the same redaction as the audit log — secret-named fields by [`redact_text`], and every key
//! the app has used by the [`Scrubber`] — before a byte reaches the disk.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::redact::{redact_text, Scrubber};
use crate::time::{iso, now_ms};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    fn label(self) -> &'static str {
        match self {
            Level::Info => "INFO ",
            Level::Warn => "WARN ",
            Level::Error => "ERROR",
        }
    }
}

pub struct RotatingLog {
    path: PathBuf,
    max_bytes: u64,
    /// Older files kept besides the current one.
    keep: usize,
    inner: Mutex<Inner>,
}

struct Inner {
    file: Option<File>,
    written: u64,
    /// Grows with each key the app uses; keys of profiles no longer active stay, since their
    /// background work may still log.
    secrets: Vec<String>,
    scrubber: Scrubber,
}

impl RotatingLog {
    /// Opens (appending) `dir/name`; when the folder cannot be written the log is off and
    /// [`RotatingLog::is_on`] says so: logging never stops the app.
    pub fn open(dir: &Path, name: &str, max_bytes: u64, keep: usize) -> RotatingLog {
        let path = dir.join(name);
        let file = std::fs::create_dir_all(dir).ok().and_then(|_| open_append(&path));
        let written = file.as_ref().and_then(|f| f.metadata().ok()).map_or(0, |m| m.len());
        RotatingLog {
            path,
            max_bytes,
            keep,
            inner: Mutex::new(Inner { file, written, secrets: Vec::new(), scrubber: Scrubber::default() }),
        }
    }

    /// A log that writes nothing (no folder could be found for it).
    pub fn off() -> RotatingLog {
        RotatingLog {
            path: PathBuf::new(),
            max_bytes: 0,
            keep: 0,
            inner: Mutex::new(Inner { file: None, written: 0, secrets: Vec::new(), scrubber: Scrubber::default() }),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_on(&self) -> bool {
        self.lock().file.is_some()
    }

    /// Secrets (API keys) to remove from every later line wherever they appear.
    pub fn add_secrets<'a>(&self, secrets: impl IntoIterator<Item = &'a str>) {
        let mut inner = self.lock();
        let mut changed = false;
        for s in secrets {
            if !inner.secrets.iter().any(|known| known == s) {
                inner.secrets.push(s.to_owned());
                changed = true;
            }
        }
        if changed {
            inner.scrubber = Scrubber::new(inner.secrets.clone());
        }
    }

    pub fn info(&self, text: &str) {
        self.line(Level::Info, text);
    }

    pub fn warn(&self, text: &str) {
        self.line(Level::Warn, text);
    }

    pub fn error(&self, text: &str) {
        self.line(Level::Error, text);
    }

    /// Appends one line (newlines in `text` become spaces, so one event stays one line).
    pub fn line(&self, level: Level, text: &str) {
        let mut inner = self.lock();
        if inner.file.is_none() {
            return;
        }
        let clean = redact_text(&inner.scrubber.text(text)).replace(['\n', '\r'], " ");
        let line = format!("{} {} {}\n", iso(now_ms()), level.label(), clean);
        if inner.written > 0 && inner.written + line.len() as u64 > self.max_bytes {
            self.rotate(&mut inner);
        }
        if let Some(f) = inner.file.as_mut() {
            if f.write_all(line.as_bytes()).is_ok() {
                inner.written += line.len() as u64;
            }
        }
    }

    /// `app.log` → `app.log.1` → … → `app.log.<keep>`, the oldest dropped.
    fn rotate(&self, inner: &mut Inner) {
        inner.file = None;
        let numbered = |n: usize| PathBuf::from(format!("{}.{n}", self.path.display()));
        if self.keep == 0 {
            let _ = std::fs::remove_file(&self.path);
        } else {
            let _ = std::fs::remove_file(numbered(self.keep));
            for n in (1..self.keep).rev() {
                let _ = std::fs::rename(numbered(n), numbered(n + 1));
            }
            let _ = std::fs::rename(&self.path, numbered(1));
        }
        inner.file = open_append(&self.path);
        inner.written = 0;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn open_append(path: &Path) -> Option<File> {
    OpenOptions::new().create(true).append(true).open(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_default()
    }

    #[test]
    fn keys_and_key_looking_values_never_reach_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let log = RotatingLog::open(dir.path(), "app.log", 1 << 20, 3);
        assert!(log.is_on());
        let active_key = "cmr_live_7Hq2xV9pLm4Rt8Wk";
        log.add_secrets([active_key]);
        log.error(&format!("CMR refused the key {active_key} (HTTP 401)"));
        log.warn("retrying with apiKey=sk_test_0a1b2c3d4e5f6789 and \"cmr-x-sandbox-api-key\": \"sbx_99887766554433\"");
        log.info("line one\nline two");
        let text = read(log.path());
        for secret in [active_key, "sk_test_0a1b2c3d4e5f6789", "sbx_99887766554433"] {
            assert!(!text.contains(secret), "{secret} reached the log: {text}");
        }
        assert!(text.contains("CMR refused the key [redacted] (HTTP 401)"), "{text}");
        assert_eq!(text.lines().count(), 3, "one event, one line: {text}");
        assert!(text.lines().all(|l| l.contains(" INFO  ") || l.contains(" WARN  ") || l.contains(" ERROR ")));
    }

    #[test]
    fn rotates_at_the_cap_and_keeps_a_few_files() {
        let dir = tempfile::tempdir().unwrap();
        let cap = 1_000;
        let log = RotatingLog::open(dir.path(), "app.log", cap, 2);
        let path = log.path().to_owned();
        let old = |n: usize| PathBuf::from(format!("{}.{n}", path.display()));
        // Each line is 94 bytes: the tenth still fits, the eleventh starts a new file.
        let filler = "x".repeat(60);
        for i in 0..10 {
            log.info(&format!("{i:02} {filler}"));
        }
        let before = std::fs::metadata(&path).unwrap().len();
        assert!(before <= cap && !old(1).exists(), "no rotation below the cap ({before} bytes)");
        log.info(&format!("10 {filler}"));
        assert!(old(1).exists(), "the full file is kept as app.log.1");
        assert_eq!(std::fs::metadata(old(1)).unwrap().len(), before);
        assert!(read(&path).contains("10 x"), "the new line starts the new file");
        for i in 11..60 {
            log.info(&format!("{i:02} {filler}"));
        }
        assert!(old(2).exists() && !old(3).exists(), "two older files kept, no more");
        for p in [path.clone(), old(1), old(2)] {
            assert!(std::fs::metadata(&p).unwrap().len() <= cap, "{} over the cap", p.display());
        }
        assert!(read(&path).contains("59 x"));
    }

    #[test]
    fn an_unwritable_folder_turns_the_log_off() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "a file where the folder should be").unwrap();
        let log = RotatingLog::open(&blocker.join("logs"), "app.log", 1000, 2);
        assert!(!log.is_on());
        log.error("goes nowhere, fails nothing");
    }
}
