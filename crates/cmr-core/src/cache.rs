//! The local cache of read models (customers, domains, mailboxes, subscriptions), per profile
//! and per customer, in the SQLite file. A screen shows the cached copy at once with its age
//! ("last synced 2 min ago") and refreshes in the background; a mutation marks what it
//! touched stale rather than deleting it, so the screen still has something to show.

use std::sync::Arc;

use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::error::DeskResult;
use crate::events::{CoreEvent, EventSink};
use crate::time::{iso, now_ms, Ms};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum CacheKind {
    Customers,
    Domains,
    Mailboxes,
    Subscriptions,
}

impl CacheKind {
    pub const ALL: [CacheKind; 4] = [CacheKind::Customers, CacheKind::Domains, CacheKind::Mailboxes, CacheKind::Subscriptions];

    pub fn as_str(self) -> &'static str {
        match self {
            CacheKind::Customers => "customers",
            CacheKind::Domains => "domains",
            CacheKind::Mailboxes => "mailboxes",
            CacheKind::Subscriptions => "subscriptions",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<CacheKind> {
        CacheKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A read model as the cache holds it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Cached<T> {
    pub kind: CacheKind,
    /// `None` for account-wide lists (customers; subscriptions of every customer).
    pub customer_id: Option<String>,
    pub data: T,
    /// When this copy was read from CMR (RFC 3339); `None` if it never was.
    pub synced_at: Option<String>,
    /// A change since then may have made it out of date.
    pub stale: bool,
}

/// One cached entry without its data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CacheEntryInfo {
    pub kind: CacheKind,
    pub customer_id: Option<String>,
    pub synced_at: String,
    pub stale: bool,
    pub item_count: u32,
    /// False when the last read stopped before the last page (cancelled or failed): the
    /// rows read so far are kept, the rest may be missing or out of date.
    pub complete: bool,
}

#[derive(Clone)]
pub struct CacheStore {
    pub(crate) db: Db,
    pub(crate) profile_id: String,
    pub(crate) events: Arc<dyn EventSink>,
    /// One read at a time per list, and its cancel flag (see `cache_sync`).
    pub(crate) reads: Arc<std::sync::Mutex<std::collections::HashMap<(CacheKind, String), Arc<crate::cache_sync::ReadSlot>>>>,
}

pub(crate) fn scope_of(customer_id: Option<&str>) -> &str {
    customer_id.unwrap_or("")
}

pub(crate) fn customer_of(scope: String) -> Option<String> {
    (!scope.is_empty()).then_some(scope)
}

impl CacheStore {
    pub fn new(db: Db, profile_id: impl Into<String>, events: Arc<dyn EventSink>) -> Self {
        CacheStore { db, profile_id: profile_id.into(), events, reads: Default::default() }
    }

    /// The cached copy, its sync time and whether it is stale.
    pub fn get<T: DeserializeOwned>(&self, kind: CacheKind, customer_id: Option<&str>) -> DeskResult<Option<(T, Ms, bool)>> {
        let row: Option<(String, Ms, bool)> = self.db.with(|c| {
            c.query_row(
                "SELECT payload, synced_at, stale FROM cache WHERE profile_id = ?1 AND kind = ?2 AND scope = ?3",
                params![self.profile_id, kind.as_str(), scope_of(customer_id)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0)),
            )
            .optional()
        })?;
        match row {
            // A copy written by an older build that no longer parses counts as absent.
            Some((payload, at, stale)) => Ok(serde_json::from_str(&payload).ok().map(|v| (v, at, stale))),
            None => Ok(None),
        }
    }

    pub fn put<T: Serialize>(&self, kind: CacheKind, customer_id: Option<&str>, data: &T, item_count: usize) -> DeskResult<CacheEntryInfo> {
        let payload = serde_json::to_string(data)?;
        let at = now_ms();
        self.db.with(|c| {
            c.execute(
                "INSERT INTO cache (profile_id, kind, scope, payload, item_count, synced_at, stale) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) \
                 ON CONFLICT (profile_id, kind, scope) DO UPDATE SET payload = ?4, item_count = ?5, synced_at = ?6, stale = 0",
                params![self.profile_id, kind.as_str(), scope_of(customer_id), payload, item_count as i64, at],
            )
        })?;
        let info = CacheEntryInfo {
            kind,
            customer_id: customer_id.map(str::to_owned),
            synced_at: iso(at),
            stale: false,
            item_count: item_count as u32,
            complete: true,
        };
        self.events.emit(CoreEvent::Cache(info.clone()));
        Ok(info)
    }

    /// Marks entries stale: the customer's own and the account-wide one, or every entry of
    /// the kind when the customer is not known (e.g. warmup calls carry only a mailbox id).
    pub fn invalidate(&self, kind: CacheKind, customer_id: Option<&str>) -> DeskResult<()> {
        let changed: Vec<(String, Ms, i64, bool)> = self.db.with(|c| {
            let mut stmt = match customer_id {
                Some(_) => c.prepare(
                    "UPDATE cache SET stale = 1 WHERE profile_id = ?1 AND kind = ?2 AND stale = 0 AND (scope = ?3 OR scope = '') \
                     RETURNING scope, synced_at, item_count, complete",
                )?,
                None => c.prepare(
                    "UPDATE cache SET stale = 1 WHERE profile_id = ?1 AND kind = ?2 AND stale = 0 AND ?3 = ?3 \
                     RETURNING scope, synced_at, item_count, complete",
                )?,
            };
            let rows = stmt.query_map(params![self.profile_id, kind.as_str(), scope_of(customer_id)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? != 0))
            })?;
            rows.collect()
        })?;
        for (scope, at, count, complete) in changed {
            let info = CacheEntryInfo { kind, customer_id: customer_of(scope), synced_at: iso(at), stale: true, item_count: count as u32, complete };
            self.events.emit(CoreEvent::Cache(info));
        }
        Ok(())
    }

    /// Every entry of this profile, without data.
    pub fn entries(&self) -> DeskResult<Vec<CacheEntryInfo>> {
        self.db.with(|c| {
            let mut stmt = c.prepare(
                "SELECT kind, scope, synced_at, stale, item_count, complete FROM cache WHERE profile_id = ?1 ORDER BY kind, scope",
            )?;
            let rows = stmt.query_map([&self.profile_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Ms>(2)?, r.get::<_, i64>(3)?, r.get::<_, i64>(4)?, r.get::<_, i64>(5)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (kind, scope, at, stale, count, complete) = row?;
                if let Some(kind) = CacheKind::parse(&kind) {
                    out.push(CacheEntryInfo {
                        kind,
                        customer_id: customer_of(scope),
                        synced_at: iso(at),
                        stale: stale != 0,
                        item_count: count as u32,
                        complete: complete != 0,
                    });
                }
            }
            Ok(out)
        })
    }

    /// Forgets this profile's cache (e.g. the Demo backend starts from a fresh world).
    pub fn clear(&self) -> DeskResult<()> {
        self.db.with(|c| {
            c.execute("DELETE FROM cache_rows WHERE profile_id = ?1", [&self.profile_id])?;
            c.execute("DELETE FROM cache WHERE profile_id = ?1", [&self.profile_id])
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::MemorySink;

    #[test]
    fn put_get_invalidate() {
        let dir = tempfile::tempdir().unwrap();
        let sink = Arc::new(MemorySink::default());
        let cache = CacheStore::new(Db::open_in(dir.path()).unwrap(), "p", sink.clone());
        cache.put(CacheKind::Domains, Some("U1"), &vec!["a.com"], 1).unwrap();
        cache.put(CacheKind::Domains, Some("U2"), &vec!["b.com"], 1).unwrap();
        let (d, _, stale): (Vec<String>, _, _) = cache.get(CacheKind::Domains, Some("U1")).unwrap().unwrap();
        assert_eq!((d, stale), (vec!["a.com".to_owned()], false));
        cache.invalidate(CacheKind::Domains, Some("U1")).unwrap();
        assert!(cache.get::<Vec<String>>(CacheKind::Domains, Some("U1")).unwrap().unwrap().2);
        assert!(!cache.get::<Vec<String>>(CacheKind::Domains, Some("U2")).unwrap().unwrap().2);
        cache.invalidate(CacheKind::Domains, None).unwrap();
        assert!(cache.entries().unwrap().iter().all(|e| e.stale));
        assert_eq!(sink.events().len(), 4);
    }
}
