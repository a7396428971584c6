//! Who owns in-flight work. The app and the jobs CLI may open the same data folder at once;
//! each opened desk registers as an owner and keeps a heartbeat. A row that was being sent
//! (an action in `sending`, a job that is running) belongs to its owner, and only when that
//! owner is gone (its process ended, or its heartbeat stopped) may another one recover it:
//! otherwise a second process would mark the first one's calls "interrupted" and send their
//! job items again.

use std::time::Duration;

use rusqlite::params;

use crate::db::Db;
use crate::error::DeskResult;
use crate::time::{now_ms, Ms};

/// An owner whose heartbeat is older than this is gone.
pub const LEASE: Duration = Duration::from_secs(30);
/// How often a live owner writes its heartbeat (well inside [`LEASE`]).
pub const HEARTBEAT: Duration = Duration::from_secs(5);

/// This process's registration on one database.
pub struct Owner {
    id: String,
    db: Db,
}

impl Owner {
    pub fn register(db: &Db) -> DeskResult<Owner> {
        let id = uuid::Uuid::new_v4().to_string();
        let now = now_ms();
        db.with(|c| {
            c.execute(
                "INSERT INTO owners (id, pid, started_at, heartbeat_at) VALUES (?1, ?2, ?3, ?3)",
                params![id, std::process::id(), now],
            )
        })?;
        Ok(Owner { id, db: db.clone() })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn heartbeat(&self) -> DeskResult<()> {
        self.db.with(|c| c.execute("UPDATE owners SET heartbeat_at = ?2 WHERE id = ?1", params![self.id, now_ms()]))?;
        Ok(())
    }

    /// Gives up ownership: what this owner left in flight may now be recovered by others.
    pub fn release(&self) {
        let _ = self.db.with(|c| c.execute("DELETE FROM owners WHERE id = ?1", [&self.id]));
    }
}

/// Whether a process with this id is running. Where the system offers no cheap look
/// (outside Linux), the heartbeat alone decides.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// The ids of the owners still alive: a fresh heartbeat and a running process.
pub fn live_owners(db: &Db) -> DeskResult<Vec<String>> {
    let since: Ms = now_ms() - LEASE.as_millis() as i64;
    let rows: Vec<(String, u32)> = db.with(|c| {
        let mut stmt = c.prepare("SELECT id, pid FROM owners WHERE heartbeat_at > ?1")?;
        let rows = stmt.query_map([since], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    })?;
    Ok(rows.into_iter().filter(|(_, pid)| process_alive(*pid)).map(|(id, _)| id).collect())
}

/// True when `owner` (a row's owner column) is no live owner: nobody, or gone.
pub fn orphaned(owner: Option<&str>, live: &[String]) -> bool {
    owner.is_none_or(|o| !live.iter().any(|l| l == o))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owner_is_live_until_released_or_silent() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open_in(dir.path()).unwrap();
        let a = Owner::register(&db).unwrap();
        assert!(live_owners(&db).unwrap().contains(&a.id().to_owned()));
        assert!(!orphaned(Some(a.id()), &live_owners(&db).unwrap()));
        // A process that no longer exists.
        db.with(|c| c.execute("INSERT INTO owners VALUES ('ghost', 4194304, 0, ?1)", [now_ms()])).unwrap();
        // A heartbeat that stopped.
        db.with(|c| c.execute("INSERT INTO owners VALUES ('silent', ?1, 0, 0)", [std::process::id()])).unwrap();
        let live = live_owners(&db).unwrap();
        assert!(orphaned(Some("silent"), &live));
        if cfg!(target_os = "linux") {
            assert!(orphaned(Some("ghost"), &live));
        }
        assert!(orphaned(None, &live));
        a.release();
        assert!(orphaned(Some(a.id()), &live_owners(&db).unwrap()));
    }
}
