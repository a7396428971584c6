//! The cached lists as rows: one SQLite row per customer, domain or mailbox, with the columns
//! the screens filter and sort on, so a screen asks for one window of a filtered, sorted list
//! and never receives the whole list. A read from CMR writes each page as it arrives
//! (`cache_sync`); rows a complete read did not see are removed at its end.

use cmr_client::domains::Domain;
use cmr_client::mailboxes::Mailbox;
use cmr_client::users::User;
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::cache::{scope_of, CacheEntryInfo, CacheKind, CacheStore};
use crate::error::DeskResult;
use crate::events::CoreEvent;
use crate::time::{iso, now_ms, Ms};

/// The columns of one row, taken from the item CMR sent.
pub struct RowFields {
    pub id: Option<String>,
    /// What the row is called: the address, the domain name, the company.
    pub label: String,
    /// A second name: a person's name.
    pub name: String,
    pub domain: String,
    pub status: String,
    pub warmup: String,
}

impl RowFields {
    /// The lower-case text the search looks in.
    fn search(&self) -> String {
        format!("{} {} {}", self.label, self.name, self.domain).to_lowercase()
    }
}

/// A list item the cache keeps as rows.
pub trait CacheRow: Serialize + DeserializeOwned + Send + 'static {
    const KIND: CacheKind;
    fn fields(&self) -> RowFields;
}

impl CacheRow for Mailbox {
    const KIND: CacheKind = CacheKind::Mailboxes;
    fn fields(&self) -> RowFields {
        let email = self.email.clone().unwrap_or_else(|| match (&self.username, &self.domain) {
            (Some(u), Some(d)) => format!("{u}@{d}"),
            _ => self.id().unwrap_or_default().to_owned(),
        });
        let name = format!("{} {}", self.first_name.as_deref().unwrap_or(""), self.last_name.as_deref().unwrap_or(""));
        RowFields {
            id: self.id().map(str::to_owned),
            label: email,
            name: name.trim().to_owned(),
            domain: self.domain.clone().unwrap_or_default(),
            status: self.status.as_ref().map(|s| s.as_str().to_uppercase()).unwrap_or_default(),
            // The Manage screen's word for "never enrolled".
            warmup: self.warmup_status.as_ref().map(|s| s.as_str().to_uppercase()).filter(|s| !s.is_empty()).unwrap_or_else(|| "NONE".into()),
        }
    }
}

impl CacheRow for Domain {
    const KIND: CacheKind = CacheKind::Domains;
    fn fields(&self) -> RowFields {
        let name = self.domain_name.clone().unwrap_or_default();
        RowFields {
            id: self.domain_id.clone().or_else(|| self.domain_name.clone()),
            label: name.clone(),
            name: String::new(),
            domain: name,
            status: self.status.as_ref().map(|s| s.as_str().to_uppercase()).unwrap_or_default(),
            warmup: String::new(),
        }
    }
}

impl CacheRow for User {
    const KIND: CacheKind = CacheKind::Customers;
    fn fields(&self) -> RowFields {
        let f = &self.fields;
        let person = format!("{} {}", f.first_name.as_deref().unwrap_or(""), f.last_name.as_deref().unwrap_or(""));
        let email = f.email.clone().unwrap_or_default();
        RowFields {
            id: self.user_id().map(str::to_owned),
            label: f.company.clone().filter(|c| !c.trim().is_empty()).unwrap_or_else(|| email.clone()),
            name: format!("{} {email}", person.trim()).trim().to_owned(),
            domain: String::new(),
            status: String::new(),
            warmup: String::new(),
        }
    }
}

/// What a list screen filters on; empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct RowFilter {
    /// Words that must all appear in the address, name or domain (any case).
    pub query: String,
    pub domain: String,
    pub status: String,
    pub warmup: String,
}

/// A column to sort on; `Position` is the order CMR lists them in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum RowSort {
    #[default]
    Position,
    Label,
    Name,
    Domain,
    Status,
    Warmup,
}

impl RowSort {
    fn column(self) -> &'static str {
        match self {
            RowSort::Position => "pos",
            RowSort::Label => "label",
            RowSort::Name => "name",
            RowSort::Domain => "domain",
            RowSort::Status => "status",
            RowSort::Warmup => "warmup",
        }
    }
}

/// One window of a filtered, sorted list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct RowQuery {
    pub filter: RowFilter,
    pub sort: RowSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

/// The largest window one query returns.
pub const MAX_WINDOW: u32 = 1_000;

/// A window of rows, how many match in all, and the list's cache entry (sync time, stale,
/// complete) when it has one.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RowPage<T> {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<T>,
    pub entry: Option<CacheEntryInfo>,
}

/// The WHERE clause (after the list's own key) for a filter; its parameters are pushed onto
/// `args`, which already holds the key's, so they are numbered after them.
fn filter_sql(f: &RowFilter, args: &mut Vec<Sql>) -> String {
    let mut sql = String::new();
    for (col, v) in [("domain", &f.domain), ("status", &f.status), ("warmup", &f.warmup)] {
        if !v.is_empty() {
            args.push(Sql::Text(v.clone()));
            sql.push_str(&format!(" AND {col} = ?{}", args.len()));
        }
    }
    for word in query_words(&f.query) {
        args.push(Sql::Text(word));
        sql.push_str(&format!(" AND instr(search, ?{}) > 0", args.len()));
    }
    sql
}

pub(crate) fn query_words(query: &str) -> Vec<String> {
    query.to_lowercase().split_whitespace().map(str::to_owned).collect()
}

impl CacheStore {
    fn key_args(&self, kind: CacheKind, customer_id: Option<&str>) -> Vec<Sql> {
        vec![Sql::Text(self.profile_id.clone()), Sql::Text(kind.as_str().into()), Sql::Text(scope_of(customer_id).into())]
    }

    /// The entry of one list, if it was ever read, with its sync time in ms.
    pub(crate) fn entry_at(&self, kind: CacheKind, customer_id: Option<&str>) -> DeskResult<Option<(CacheEntryInfo, Ms)>> {
        self.db.with(|c| {
            c.query_row(
                "SELECT synced_at, stale, item_count, complete FROM cache WHERE profile_id = ?1 AND kind = ?2 AND scope = ?3",
                params![self.profile_id, kind.as_str(), scope_of(customer_id)],
                |r| {
                    let at: Ms = r.get(0)?;
                    let info = CacheEntryInfo {
                        kind,
                        customer_id: customer_id.map(str::to_owned),
                        synced_at: iso(at),
                        stale: r.get::<_, i64>(1)? != 0,
                        item_count: r.get::<_, i64>(2)? as u32,
                        complete: r.get::<_, i64>(3)? != 0,
                    };
                    Ok((info, at))
                },
            )
            .optional()
        })
    }

    pub fn entry(&self, kind: CacheKind, customer_id: Option<&str>) -> DeskResult<Option<CacheEntryInfo>> {
        Ok(self.entry_at(kind, customer_id)?.map(|(e, _)| e))
    }

    /// Writes one page of a read: new rows are added, known ones replaced; `seen` marks them
    /// as read by this read. A list read for the first time gets an entry marked incomplete.
    pub(crate) fn write_rows<T: CacheRow>(&self, customer_id: Option<&str>, seen: Ms, first_pos: usize, items: &[T]) -> DeskResult<()> {
        let scope = scope_of(customer_id);
        let kind = T::KIND.as_str();
        let mut rows = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let f = item.fields();
            let pos = (first_pos + i) as i64;
            let id = f.id.clone().unwrap_or_else(|| format!("#{pos}"));
            rows.push((id, pos, f.search(), f, serde_json::to_string(item)?));
        }
        self.db.tx(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO cache_rows (profile_id, kind, scope, id, pos, label, name, domain, status, warmup, search, payload, seen) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) \
                 ON CONFLICT (profile_id, kind, scope, id) DO UPDATE SET pos = ?5, label = ?6, name = ?7, domain = ?8, \
                 status = ?9, warmup = ?10, search = ?11, payload = ?12, seen = ?13",
            )?;
            for (id, pos, search, f, payload) in &rows {
                stmt.execute(params![self.profile_id, kind, scope, id, pos, f.label, f.name, f.domain, f.status, f.warmup, search, payload, seen])?;
            }
            tx.execute(
                "INSERT OR IGNORE INTO cache (profile_id, kind, scope, payload, item_count, synced_at, stale, complete) VALUES (?1, ?2, ?3, '', 0, ?4, 1, 0)",
                params![self.profile_id, kind, scope, seen],
            )?;
            Ok(())
        })
    }

    /// Ends a read. A complete one removes the rows it did not see (gone at CMR) and marks
    /// the list fresh; an incomplete one (cancelled, failed) keeps every row and says so.
    pub(crate) fn finish_rows(&self, kind: CacheKind, customer_id: Option<&str>, seen: Ms, complete: bool) -> DeskResult<CacheEntryInfo> {
        let scope = scope_of(customer_id);
        let at = now_ms();
        self.db.tx(|tx| {
            if complete {
                tx.execute(
                    "DELETE FROM cache_rows WHERE profile_id = ?1 AND kind = ?2 AND scope = ?3 AND seen < ?4",
                    params![self.profile_id, kind.as_str(), scope, seen],
                )?;
            }
            let count: i64 = tx.query_row(
                "SELECT COUNT(*) FROM cache_rows WHERE profile_id = ?1 AND kind = ?2 AND scope = ?3",
                params![self.profile_id, kind.as_str(), scope],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO cache (profile_id, kind, scope, payload, item_count, synced_at, stale, complete) VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, ?7) \
                 ON CONFLICT (profile_id, kind, scope) DO UPDATE SET item_count = ?4, synced_at = ?5, stale = ?6, complete = ?7",
                params![self.profile_id, kind.as_str(), scope, count, at, !complete as i64, complete as i64],
            )?;
            Ok(())
        })?;
        let info = self.entry(kind, customer_id)?.expect("just written");
        self.events.emit(CoreEvent::Cache(info.clone()));
        Ok(info)
    }

    /// Every row of a list, in CMR's order.
    pub fn all_rows<T: CacheRow>(&self, customer_id: Option<&str>) -> DeskResult<Vec<T>> {
        self.payloads("", &self.key_args(T::KIND, customer_id), "ORDER BY pos")
    }

    /// Payloads of the list's rows; `args` holds the key's parameters and the filter's.
    fn payloads<T: DeserializeOwned>(&self, filter: &str, args: &[Sql], tail: &str) -> DeskResult<Vec<T>> {
        let sql = format!("SELECT payload FROM cache_rows WHERE profile_id = ?1 AND kind = ?2 AND scope = ?3{filter} {tail}");
        let texts: Vec<String> = self.db.with(|c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(args.iter()), |r| r.get(0))?;
            rows.collect()
        })?;
        // A row written by an older build that no longer parses is skipped, not an error.
        Ok(texts.iter().filter_map(|t| serde_json::from_str(t).ok()).collect())
    }

    /// One window of a list, filtered and sorted in SQL, with the number of rows matching.
    pub fn row_page<T: CacheRow>(&self, customer_id: Option<&str>, q: &RowQuery) -> DeskResult<RowPage<T>> {
        let mut args = self.key_args(T::KIND, customer_id);
        let filter = filter_sql(&q.filter, &mut args);
        let total: i64 = self.db.with(|c| {
            c.prepare_cached(&format!("SELECT COUNT(*) FROM cache_rows WHERE profile_id = ?1 AND kind = ?2 AND scope = ?3{filter}"))?
                .query_row(params_from_iter(args.iter()), |r| r.get(0))
        })?;
        let dir = if q.descending { "DESC" } else { "ASC" };
        let limit = q.limit.min(MAX_WINDOW);
        let tail = format!("ORDER BY {} {dir}, pos {dir} LIMIT {limit} OFFSET {}", q.sort.column(), q.offset);
        let rows = self.payloads(&filter, &args, &tail)?;
        Ok(RowPage { total: total as u32, offset: q.offset, rows, entry: self.entry(T::KIND, customer_id)? })
    }

    /// The ids of every row matching a filter (select all shown), in the list's order.
    pub fn row_ids(&self, kind: CacheKind, customer_id: Option<&str>, f: &RowFilter) -> DeskResult<Vec<String>> {
        let mut args = self.key_args(kind, customer_id);
        let filter = filter_sql(f, &mut args);
        self.db.with(|c| {
            let mut stmt = c.prepare_cached(&format!("SELECT id FROM cache_rows WHERE profile_id = ?1 AND kind = ?2 AND scope = ?3{filter} ORDER BY pos"))?;
            let rows = stmt.query_map(params_from_iter(args.iter()), |r| r.get(0))?;
            rows.collect()
        })
    }

    /// The rows with these ids, in the list's order.
    pub fn rows_by_ids<T: CacheRow>(&self, customer_id: Option<&str>, ids: &[String]) -> DeskResult<Vec<T>> {
        self.rows_where::<T>(customer_id, "id", ids)
    }

    /// Every row on these domains (mailboxes sharing a workspace), in the list's order.
    pub fn rows_on_domains<T: CacheRow>(&self, customer_id: Option<&str>, domains: &[String]) -> DeskResult<Vec<T>> {
        self.rows_where::<T>(customer_id, "domain", domains)
    }

    fn rows_where<T: CacheRow>(&self, customer_id: Option<&str>, col: &str, values: &[String]) -> DeskResult<Vec<T>> {
        if values.is_empty() {
            return Ok(Vec::new());
        }
        // One JSON array parameter instead of thousands of placeholders.
        let list = serde_json::to_string(values)?;
        let filter = format!(" AND {col} IN (SELECT value FROM json_each(?4))");
        let mut args = self.key_args(T::KIND, customer_id);
        args.push(Sql::Text(list));
        self.payloads(&filter, &args, "ORDER BY pos")
    }

    /// The distinct values of the domain column (the Manage screen's domain filter).
    pub fn row_domains(&self, kind: CacheKind, customer_id: Option<&str>) -> DeskResult<Vec<String>> {
        let args = self.key_args(kind, customer_id);
        self.db.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT DISTINCT domain FROM cache_rows WHERE profile_id = ?1 AND kind = ?2 AND scope = ?3 AND domain != '' ORDER BY domain",
            )?;
            let rows = stmt.query_map(params_from_iter(args.iter()), |r| r.get(0))?;
            rows.collect()
        })
    }
}
