//! The app's SQLite file: one connection in WAL mode, shared by the audit log, the tracker,
//! the cache and the bulk runner. Every table is keyed by profile, so one file serves all
//! profiles and a second process (the job CLI) can open it at the same time.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;

use crate::error::DeskError;

/// The file name inside the app's data folder.
pub const DB_FILE: &str = "cmr-desk.sqlite";

const SCHEMA_VERSION: i64 = 6;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS audit (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           INTEGER NOT NULL,
    finished_at  INTEGER,
    profile_id   TEXT NOT NULL,
    customer_id  TEXT,
    operation    TEXT NOT NULL,
    subject      TEXT NOT NULL,
    request      TEXT NOT NULL,
    result       TEXT NOT NULL,
    error_code   TEXT,
    message      TEXT,
    status       INTEGER,
    action_id    TEXT,
    dns_before   TEXT,
    dns_after    TEXT,
    job_id       TEXT,
    outcome      TEXT
);
CREATE INDEX IF NOT EXISTS audit_by_customer ON audit(profile_id, customer_id, at);
CREATE INDEX IF NOT EXISTS audit_by_operation ON audit(profile_id, operation, at);
CREATE INDEX IF NOT EXISTS audit_by_time ON audit(profile_id, at);

CREATE TABLE IF NOT EXISTS actions (
    id           TEXT PRIMARY KEY,
    profile_id   TEXT NOT NULL,
    audit_id     INTEGER,
    action_id    TEXT,
    operation    TEXT NOT NULL,
    customer_id  TEXT,
    subject      TEXT NOT NULL,
    state        TEXT NOT NULL,
    detail       TEXT,
    poll         TEXT,
    reconcile    TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    job_id       TEXT,
    job_item     INTEGER
);
CREATE INDEX IF NOT EXISTS actions_by_job ON actions(job_id, job_item);
CREATE INDEX IF NOT EXISTS actions_due ON actions(profile_id, state, next_at);

CREATE TABLE IF NOT EXISTS cache (
    profile_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    scope        TEXT NOT NULL,
    payload      TEXT NOT NULL,
    item_count   INTEGER NOT NULL,
    synced_at    INTEGER NOT NULL,
    stale        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (profile_id, kind, scope)
);

CREATE TABLE IF NOT EXISTS jobs (
    id           TEXT PRIMARY KEY,
    profile_id   TEXT NOT NULL,
    operation    TEXT NOT NULL,
    label        TEXT NOT NULL,
    state        TEXT NOT NULL,
    concurrency  INTEGER NOT NULL,
    dns_snapshots INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS job_items (
    job_id       TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    customer_id  TEXT,
    subject      TEXT NOT NULL,
    input        TEXT NOT NULL,
    state        TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    action_id    TEXT,
    local_action TEXT,
    result       TEXT,
    error        TEXT,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX IF NOT EXISTS job_items_state ON job_items(job_id, state, idx);
"#;

/// Version 2: who owns an in-flight row (so only a live owner's rows are left alone), the
/// key of the in-flight guard, and when a person last checked an unknown outcome.
const MIGRATE_2: &str = r#"
ALTER TABLE actions ADD COLUMN owner TEXT;
ALTER TABLE actions ADD COLUMN guard_key TEXT;
ALTER TABLE actions ADD COLUMN checked_at INTEGER;
ALTER TABLE jobs ADD COLUMN owner TEXT;
CREATE INDEX IF NOT EXISTS actions_guard ON actions(profile_id, operation, guard_key, state);
CREATE TABLE IF NOT EXISTS owners (
    id           TEXT PRIMARY KEY,
    pid          INTEGER NOT NULL,
    started_at   INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
);
"#;

/// Version 3: the total a paid call was quoted at when the person pressed Pay, so the app can
/// say what it has charged (see `charges`).
const MIGRATE_3: &str = r#"
ALTER TABLE audit ADD COLUMN charged_cents INTEGER;
ALTER TABLE audit ADD COLUMN charge_estimate INTEGER;
"#;

/// Version 4: the cached lists as rows (customers, domains, mailboxes), one per item, indexed
/// for the filters and sorts the screens offer, with a trigram index for the account-wide
/// search; an entry remembers whether its last read was complete. The old one-blob copies of
/// those lists are dropped: the next open reads them again. Only mailboxes are in the
/// trigram index: customers and domains are few enough to scan.
const MIGRATE_4: &str = r#"
DELETE FROM cache WHERE kind IN ('customers', 'domains', 'mailboxes');
ALTER TABLE cache ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
ALTER TABLE cache ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS cache_rows (
    profile_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    scope        TEXT NOT NULL,
    id           TEXT NOT NULL,
    pos          INTEGER NOT NULL,
    label        TEXT NOT NULL,
    name         TEXT NOT NULL,
    domain       TEXT NOT NULL,
    status       TEXT NOT NULL,
    warmup       TEXT NOT NULL,
    search       TEXT NOT NULL,
    payload      TEXT NOT NULL,
    seen         INTEGER NOT NULL,
    PRIMARY KEY (profile_id, kind, scope, id)
);
CREATE INDEX IF NOT EXISTS cache_rows_pos ON cache_rows(profile_id, kind, scope, pos);
CREATE INDEX IF NOT EXISTS cache_rows_label ON cache_rows(profile_id, kind, scope, label);
CREATE INDEX IF NOT EXISTS cache_rows_domain ON cache_rows(profile_id, kind, scope, domain, pos);
CREATE INDEX IF NOT EXISTS cache_rows_status ON cache_rows(profile_id, kind, scope, status, pos);
CREATE INDEX IF NOT EXISTS cache_rows_warmup ON cache_rows(profile_id, kind, scope, warmup, pos);
CREATE VIRTUAL TABLE IF NOT EXISTS cache_search USING fts5(search, content='cache_rows', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER IF NOT EXISTS cache_rows_ai AFTER INSERT ON cache_rows WHEN new.kind = 'mailboxes' BEGIN
    INSERT INTO cache_search(rowid, search) VALUES (new.rowid, new.search);
END;
CREATE TRIGGER IF NOT EXISTS cache_rows_ad AFTER DELETE ON cache_rows WHEN old.kind = 'mailboxes' BEGIN
    INSERT INTO cache_search(cache_search, rowid, search) VALUES ('delete', old.rowid, old.search);
END;
CREATE TRIGGER IF NOT EXISTS cache_rows_au AFTER UPDATE OF search ON cache_rows WHEN new.kind = 'mailboxes' BEGIN
    INSERT INTO cache_search(cache_search, rowid, search) VALUES ('delete', old.rowid, old.search);
    INSERT INTO cache_search(rowid, search) VALUES (new.rowid, new.search);
END;
"#;

enum OpenError {
    Sqlite(rusqlite::Error),
    Damaged(String),
    Other(DeskError),
}

/// Version 5: a filter typed in a long list (each keystroke) counts the matching rows and reads
/// the first window in list order; with the search text in an index beside the position,
/// both read the index alone instead of every row with its payload (about 2.5× faster on a
/// 50,000-mailbox customer).
const MIGRATE_5: &str = r#"
CREATE INDEX IF NOT EXISTS cache_rows_search ON cache_rows(profile_id, kind, scope, pos, search);
"#;

/// Version 6: the last live DNS health check of each domain, with the counts the Overview
/// and the lists show (the report itself is kept whole, as JSON, for the DNS screen).
const MIGRATE_6: &str = r#"
CREATE TABLE IF NOT EXISTS dns_health (
    profile_id   TEXT NOT NULL,
    domain       TEXT NOT NULL,
    customer_id  TEXT NOT NULL,
    checked_at   INTEGER NOT NULL,
    network      TEXT NOT NULL,
    problems     INTEGER NOT NULL,
    headline     TEXT NOT NULL,
    report       TEXT NOT NULL,
    PRIMARY KEY (profile_id, domain)
);
CREATE INDEX IF NOT EXISTS dns_health_problems ON dns_health(profile_id, problems, checked_at);
"#;

/// What to tell a person whose database file is damaged: which file, and what to do.
pub fn damaged_message(path: &Path, detail: &str) -> String {
    format!(
        "The database {} is damaged ({detail}): it holds the audit log, tracked actions and bulk jobs. \
         Move it aside (it is kept as {}.broken-<time>, never deleted) to start a new one, or put back a copy from a backup, then restart CMR Desk.",
        path.display(),
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    )
}

/// Moves a damaged file aside as `<file>.broken-<time>` (a database with its `-wal` and `-shm`
/// companions; the settings and profile files use it too), never over an existing file;
/// returns the file's new path.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let iso = crate::time::iso(crate::time::now_ms());
    let stamp: String = iso.chars().take(19).filter(|c| *c != '-' && *c != ':').collect();
    let base = format!("{}.broken-{stamp}Z", path.display());
    let mut aside = PathBuf::from(&base);
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = PathBuf::from(format!("{base}-{n}"));
    }
    std::fs::rename(path, &aside)?;
    for companion in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{companion}", path.display()));
        if from.exists() {
            std::fs::rename(&from, format!("{}{companion}", aside.display()))?;
        }
    }
    Ok(aside)
}

/// A handle on the database; cheap to clone. Statements are short, so one connection behind
/// a mutex serves every task without a pool.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl Db {
    /// Opens (creating if needed) `data_dir/cmr-desk.sqlite`.
    pub fn open_in(data_dir: &Path) -> Result<Db, DeskError> {
        Db::open(&data_dir.join(DB_FILE))
    }

    pub fn open(path: &Path) -> Result<Db, DeskError> {
        Db::open_raw(path).map_err(|e| match e {
            OpenError::Damaged(detail) => DeskError::storage(damaged_message(path, &detail)),
            OpenError::Sqlite(e) => e.into(),
            OpenError::Other(e) => e,
        })
    }

    /// Whether the file at `path` is damaged (not a database, or its image malformed): the
    /// SQLite's own words when it is. A missing file is not damaged (it is created).
    pub fn damage(path: &Path) -> Option<String> {
        match Db::open_raw(path) {
            Err(OpenError::Damaged(detail)) => Some(detail),
            _ => None,
        }
    }

    fn open_raw(path: &Path) -> Result<Db, OpenError> {
        Db::open_checked(path).map_err(|e| match e {
            OpenError::Sqlite(e) => match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => OpenError::Damaged(e.to_string()),
                _ => OpenError::Other(e.into()),
            },
            other => other,
        })
    }

    fn open_checked(path: &Path) -> Result<Db, OpenError> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| OpenError::Other(DeskError::storage(format!("data folder: {e}"))))?;
        }
        Db::open_sqlite(path).map_err(OpenError::Sqlite)
    }

    fn open_sqlite(path: &Path) -> rusqlite::Result<Db> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // WAL: readers never block the writer. FULL: a commit is on disk before the call it
        // records is sent, so an "about to send" row cannot vanish on power loss and the
        // call be sent again.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version < SCHEMA_VERSION {
            // Both steps in one immediate transaction: a second process opening the same file
            // at the same moment waits instead of migrating twice.
            let tx = rusqlite::Transaction::new_unchecked(&conn, rusqlite::TransactionBehavior::Immediate)?;
            let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if version < 1 {
                tx.execute_batch(SCHEMA)?;
            }
            if version < 2 {
                tx.execute_batch(MIGRATE_2)?;
            }
            if version < 3 {
                tx.execute_batch(MIGRATE_3)?;
            }
            if version < 4 {
                tx.execute_batch(MIGRATE_4)?;
            }
            if version < 5 {
                tx.execute_batch(MIGRATE_5)?;
            }
            if version < 6 {
                tx.execute_batch(MIGRATE_6)?;
            }
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            tx.commit()?;
        }
        // Reading the schema reads the first page: a file damaged past its header says so here.
        conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
        Ok(Db { conn: Arc::new(Mutex::new(conn)), path: path.to_owned() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the connection.
    pub fn with<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, DeskError> {
        let conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        Ok(f(&conn)?)
    }

    /// Runs `f` inside one transaction, taken as the writer from the start (`BEGIN
    /// IMMEDIATE`): a deferred one that reads first and writes later fails with
    /// `SQLITE_BUSY_SNAPSHOT` when another process wrote in between, which the busy timeout
    /// cannot wait out.
    pub fn tx<T>(&self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>) -> Result<T, DeskError> {
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_is_named_with_what_to_do_and_can_be_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        assert_eq!(Db::damage(&path), None, "a missing file is created, not damaged");
        std::fs::remove_file(&path).unwrap();
        let garbage = b"this is not a database, just some text that fills a page or so".repeat(100);
        std::fs::write(&path, &garbage).unwrap();
        let detail = Db::damage(&path).expect("damaged");
        assert!(detail.contains("not a database"), "{detail}");
        let err = Db::open(&path).err().expect("refused").to_string();
        assert!(err.contains(&path.display().to_string()) && err.contains("Move it aside"), "{err}");

        let aside = set_aside(&path).unwrap();
        assert!(aside.file_name().unwrap().to_string_lossy().starts_with("cmr-desk.sqlite.broken-"), "{aside:?}");
        assert_eq!(std::fs::read(&aside).unwrap(), garbage, "kept byte for byte");
        assert!(!path.exists());
        Db::open(&path).expect("a new database in its place");
        // A second damaged file is kept beside the first, never over it.
        drop(std::fs::write(&path, b"garbage again"));
        let second = set_aside(&path).unwrap();
        assert_ne!(second, aside);
        assert!(aside.exists() && second.exists());
    }

    #[test]
    fn opens_in_wal_mode_twice() {
        let dir = tempfile::tempdir().unwrap();
        let a = Db::open_in(dir.path()).unwrap();
        let b = Db::open_in(dir.path()).unwrap();
        let mode: String = a.with(|c| c.pragma_query_value(None, "journal_mode", |r| r.get(0))).unwrap();
        assert_eq!(mode.to_ascii_lowercase(), "wal");
        b.with(|c| c.execute("INSERT INTO cache VALUES ('p','customers','',  '[]', 0, 1, 0, 1, 0)", [])).unwrap();
        let n: i64 = a.with(|c| c.query_row("SELECT COUNT(*) FROM cache", [], |r| r.get(0))).unwrap();
        assert_eq!(n, 1);
    }
}
