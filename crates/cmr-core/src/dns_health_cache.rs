//! The last live DNS health check of each domain, kept with its time so the DNS screen and the
//! Overview show it at once (and say how old it is) without asking the internet again. The
//! report is stored whole as JSON: this crate does not need its shape, only its counts.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::cache::CacheStore;
use crate::error::DeskResult;
use crate::time::{iso, Ms};

/// What the lists show of one check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct HealthProblem {
    pub domain: String,
    pub customer_id: Option<String>,
    pub checked_at: String,
    /// "ok", "noNetwork" or "partial": a check without network found nothing, good or bad.
    pub network: String,
    /// Errors, records the world does not see as CMR holds them, and warnings, together.
    pub problems: u32,
    /// The first problem, in words.
    pub headline: String,
}

/// One check to keep.
pub struct HealthRecord<'a> {
    pub domain: &'a str,
    pub customer_id: Option<&'a str>,
    pub checked_at: Ms,
    pub network: &'a str,
    pub problems: u32,
    pub headline: &'a str,
    pub report_json: &'a str,
}

impl CacheStore {
    pub fn put_dns_health(&self, h: &HealthRecord<'_>) -> DeskResult<()> {
        self.db.with(|c| {
            c.execute(
                "INSERT INTO dns_health (profile_id, domain, customer_id, checked_at, network, problems, headline, report) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (profile_id, domain) DO UPDATE SET \
                 customer_id = ?3, checked_at = ?4, network = ?5, problems = ?6, headline = ?7, report = ?8",
                params![
                    self.profile_id,
                    h.domain.to_ascii_lowercase(),
                    h.customer_id.unwrap_or(""),
                    h.checked_at,
                    h.network,
                    h.problems,
                    h.headline,
                    h.report_json
                ],
            )
            .map(|_| ())
        })
    }

    /// The last report of a domain (JSON), if it was ever checked.
    pub fn dns_health_report(&self, domain: &str) -> DeskResult<Option<String>> {
        self.db.with(|c| {
            c.query_row(
                "SELECT report FROM dns_health WHERE profile_id = ?1 AND domain = ?2",
                params![self.profile_id, domain.to_ascii_lowercase()],
                |r| r.get(0),
            )
            .optional()
        })
    }

    /// The checked domains with a problem, or whose check had no network, most problems first.
    pub fn dns_health_problems(&self, limit: u32) -> DeskResult<Vec<HealthProblem>> {
        self.db.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT domain, customer_id, checked_at, network, problems, headline FROM dns_health \
                 WHERE profile_id = ?1 AND (problems > 0 OR network <> 'ok') ORDER BY problems DESC, domain LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![self.profile_id, limit], |r| {
                let customer: String = r.get(1)?;
                Ok(HealthProblem {
                    domain: r.get(0)?,
                    customer_id: (!customer.is_empty()).then_some(customer),
                    checked_at: iso(r.get(2)?),
                    network: r.get(3)?,
                    problems: r.get(4)?,
                    headline: r.get(5)?,
                })
            })?;
            rows.collect()
        })
    }

    /// How many domains have a check on record.
    pub fn dns_health_checked(&self) -> DeskResult<u32> {
        self.db.with(|c| c.query_row("SELECT COUNT(*) FROM dns_health WHERE profile_id = ?1", params![self.profile_id], |r| r.get(0)))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::db::Db;
    use crate::events::NullSink;

    #[test]
    fn a_check_is_kept_replaced_and_listed_when_it_found_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let store = CacheStore::new(Db::open_in(dir.path()).unwrap(), "p1", Arc::new(NullSink));
        let ok = HealthRecord { domain: "Acme.com", customer_id: Some("u1"), checked_at: 1_000, network: "ok", problems: 0, headline: "", report_json: "{\"a\":1}" };
        store.put_dns_health(&ok).unwrap();
        assert!(store.dns_health_problems(10).unwrap().is_empty());
        assert_eq!(store.dns_health_report("acme.com").unwrap().as_deref(), Some("{\"a\":1}"));
        let bad = HealthRecord { problems: 2, headline: "SPF: 12 DNS lookups (limit 10)", report_json: "{\"a\":2}", ..ok };
        store.put_dns_health(&bad).unwrap();
        let listed = store.dns_health_problems(10).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!((listed[0].domain.as_str(), listed[0].problems, listed[0].customer_id.as_deref()), ("acme.com", 2, Some("u1")));
        assert_eq!(store.dns_health_checked().unwrap(), 1);
        // Another profile's checks are its own.
        let other = CacheStore::new(Db::open_in(dir.path()).unwrap(), "p2", Arc::new(NullSink));
        assert!(other.dns_health_report("acme.com").unwrap().is_none());
    }
}
