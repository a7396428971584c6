//! The account-wide search (the search box and Ctrl+K): customers, domains and mailboxes of
//! every customer, from the rows of the local cache. Mailboxes, the many, are found through a
//! trigram index (words of three letters or more); customers and domains are scanned.

use std::collections::HashMap;

use rusqlite::params_from_iter;
use rusqlite::types::Value as Sql;
use serde::{Deserialize, Serialize};

use crate::cache::{customer_of, CacheKind, CacheStore};
use crate::cache_rows::query_words;
use crate::error::DeskResult;

/// What the search box asks.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct SearchQuery {
    pub query: String,
    /// At most this many of each kind (customers, domains, mailboxes); 8 when 0.
    pub per_kind: u32,
}

/// One thing found, with the customer it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub kind: CacheKind,
    pub id: String,
    /// The address, domain name or company.
    pub label: String,
    /// A second line: the person's name, the status.
    pub detail: String,
    /// The customer it belongs to (the customer itself for a customer).
    pub customer_id: Option<String>,
    pub customer_label: Option<String>,
}

impl CacheStore {
    pub fn search(&self, q: &SearchQuery) -> DeskResult<Vec<SearchHit>> {
        let words = query_words(&q.query);
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let limit = if q.per_kind == 0 { 8 } else { q.per_kind.min(50) } as i64;
        let mut hits = Vec::new();
        for kind in [CacheKind::Customers, CacheKind::Domains, CacheKind::Mailboxes] {
            let mut args = vec![Sql::Text(self.profile_id.clone()), Sql::Text(kind.as_str().into())];
            let indexed: Vec<&String> = words.iter().filter(|w| w.chars().count() >= 3).collect();
            let (from, mut filter) = if kind == CacheKind::Mailboxes && !indexed.is_empty() {
                let expr = indexed.iter().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect::<Vec<_>>().join(" AND ");
                args.push(Sql::Text(expr));
                // CROSS JOIN keeps the index first: the few rows it names are then looked up, where
                // the planner could otherwise walk every mailbox row and ask the index for each.
                ("cache_search CROSS JOIN cache_rows r ON r.rowid = cache_search.rowid", " AND cache_search MATCH ?3".to_owned())
            } else {
                ("cache_rows r", String::new())
            };
            for w in &words {
                args.push(Sql::Text(w.clone()));
                filter.push_str(&format!(" AND instr(r.search, ?{}) > 0", args.len()));
            }
            let sql = format!(
                "SELECT r.scope, r.id, r.label, r.name, r.status FROM {from} WHERE r.profile_id = ?1 AND r.kind = ?2{filter} LIMIT {limit}"
            );
            let rows: Vec<(String, String, String, String, String)> = self.db.with(|c| {
                let mut stmt = c.prepare_cached(&sql)?;
                let rows = stmt.query_map(params_from_iter(args.iter()), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
                rows.collect()
            })?;
            for (scope, id, label, name, status) in rows {
                let customer_id = if kind == CacheKind::Customers { Some(id.clone()) } else { customer_of(scope) };
                let detail = [name, status.to_lowercase().replace('_', " ")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
                hits.push(SearchHit { kind, id, label, detail, customer_id, customer_label: None });
            }
        }
        self.name_customers(&mut hits)?;
        Ok(hits)
    }

    /// Fills in each hit's customer name from the cached customers.
    fn name_customers(&self, hits: &mut [SearchHit]) -> DeskResult<()> {
        let names = self.customer_labels(hits.iter().filter_map(|h| h.customer_id.as_deref()))?;
        for h in hits {
            h.customer_label = h.customer_id.as_ref().and_then(|c| names.get(c).cloned());
        }
        Ok(())
    }

    /// The cached customers' names (company, else address) by id, for the ids given.
    pub(crate) fn customer_labels<'a>(&self, ids: impl Iterator<Item = &'a str>) -> DeskResult<HashMap<String, String>> {
        let ids: Vec<&str> = ids.collect();
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let list = serde_json::to_string(&ids)?;
        self.db.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, label FROM cache_rows WHERE profile_id = ?1 AND kind = 'customers' AND scope = '' AND id IN (SELECT value FROM json_each(?2))",
            )?;
            let rows = stmt.query_map(rusqlite::params![self.profile_id, list], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }
}
