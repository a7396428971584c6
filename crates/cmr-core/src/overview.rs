//! The Overview: what needs the reseller's attention, across every customer, from the local
//! cache alone (no request to CMR): counts by status, domains and subscriptions that renew or
//! expire soon, and how complete and how old that picture is. A big account (10,000 domains)
//! answers from the row indexes in milliseconds, so the first screen opens at once.

use std::collections::HashMap;

use cmr_client::subscriptions::Subscription;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::cache::{CacheKind, CacheStore};
use crate::dns_health_cache::HealthProblem;
use crate::error::DeskResult;
use crate::rules::GRACE_DAYS;
use crate::time::{iso, parse_time, Ms};

const DAY_MS: Ms = 86_400_000;

/// How many items of a list are in one status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StatusCount {
    /// Upper case as CMR writes it; empty when CMR sent none.
    pub status: String,
    pub count: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum DueKind {
    Domain,
    Subscription,
}

/// A domain that expires, or a subscription whose period ends, within the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DueItem {
    pub kind: DueKind,
    /// The domain name, or the subscription's id.
    pub id: String,
    /// The domain (of the subscription's workspace too).
    pub domain: String,
    pub customer_id: Option<String>,
    pub customer_label: Option<String>,
    /// Expiry of the domain, end of the subscription's period (RFC 3339 as CMR sent it).
    pub due: String,
    pub status: String,
    /// `None` when CMR did not say.
    pub auto_renew: Option<bool>,
    /// What the subscription's seats cost at renewal (the domain's price is asked of CMR when
    /// the renewal is priced).
    pub cents: Option<i64>,
}

/// The Overview's figures, all read from the cache.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    pub customers: u32,
    /// Customers whose domains, and whose mailboxes, have been read into the cache: the counts
    /// cover these only.
    pub domains_read_for: u32,
    pub mailboxes_read_for: u32,
    pub subscriptions_read: bool,
    pub domains: Vec<StatusCount>,
    pub mailboxes: Vec<StatusCount>,
    pub subscriptions: Vec<StatusCount>,
    /// Soonest first.
    pub due: Vec<DueItem>,
    /// The oldest and newest read behind these figures (RFC 3339).
    pub oldest_sync: Option<String>,
    pub newest_sync: Option<String>,
    /// Domains whose last live DNS check found a problem (most first; at most 50), and how
    /// many domains have a check on record.
    pub health_problems: Vec<HealthProblem>,
    pub health_checked: u32,
}

/// Subscription states that renew (or could be renewed) at the period's end.
const SUBSCRIPTION_DUE_STATES: [&str; 3] = ["ACTIVE", "RENEWING", "PAST_DUE"];

impl CacheStore {
    /// The Overview at `now`, with what falls due within `days` (and the domains still in their
    /// grace period, which expired up to `GRACE_DAYS` ago).
    pub fn overview(&self, now: Ms, days: u32) -> DeskResult<Overview> {
        let until = now + i64::from(days) * DAY_MS;
        let grace_from = now - i64::from(GRACE_DAYS) * DAY_MS - DAY_MS;
        let mut o = Overview { customers: self.count_rows(CacheKind::Customers)?, ..Overview::default() };
        o.domains = self.status_counts(CacheKind::Domains)?;
        o.mailboxes = self.status_counts(CacheKind::Mailboxes)?;
        o.domains_read_for = self.scopes_read(CacheKind::Domains)?;
        o.mailboxes_read_for = self.scopes_read(CacheKind::Mailboxes)?;
        let (oldest, newest) = self.sync_span()?;
        o.oldest_sync = oldest.map(iso);
        o.newest_sync = newest.map(iso);

        // Domain states whose expiry still asks for a decision: renew, or let go.
        let domains: Vec<(String, String, String, Option<String>, Option<i64>)> = self.db.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT scope, label, status, json_extract(payload, '$.expireOn'), json_extract(payload, '$.autoRenew') \
                 FROM cache_rows WHERE profile_id = ?1 AND kind = 'domains' AND status IN ('ACTIVE', 'RENEWING', 'GRACE_PERIOD')",
            )?;
            let rows = stmt.query_map(params![self.profile_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
            rows.collect()
        })?;
        for (scope, name, status, expire_on, auto_renew) in domains {
            let Some(due) = expire_on else { continue };
            let Some(at) = parse_time(&due) else { continue };
            let in_grace = status == "GRACE_PERIOD" && at >= grace_from;
            if (at >= now && at <= until) || in_grace {
                o.due.push(DueItem {
                    kind: DueKind::Domain,
                    id: name.clone(),
                    domain: name,
                    customer_id: (!scope.is_empty()).then_some(scope),
                    customer_label: None,
                    due,
                    status,
                    auto_renew: auto_renew.map(|v| v != 0),
                    cents: None,
                });
            }
        }

        if let Some((subs, _, _)) = self.get::<Vec<Subscription>>(CacheKind::Subscriptions, None)? {
            o.subscriptions_read = true;
            let mut counts: HashMap<String, u32> = HashMap::new();
            for s in &subs {
                let status = s.subscription_status.as_ref().map(|v| v.as_str().to_uppercase()).unwrap_or_default();
                *counts.entry(status.clone()).or_default() += 1;
                let Some(end) = s.period_end.as_deref() else { continue };
                let Some(at) = parse_time(end) else { continue };
                if !SUBSCRIPTION_DUE_STATES.contains(&status.as_str()) || at > until || (at < now && status != "PAST_DUE") {
                    continue;
                }
                let seat = s.price_per_mailbox.as_ref().and_then(|m| m.to_cents());
                o.due.push(DueItem {
                    kind: DueKind::Subscription,
                    id: s.subscription_id.clone(),
                    domain: s.domain.clone().unwrap_or_default(),
                    customer_id: s.user_id.clone(),
                    customer_label: None,
                    due: end.to_owned(),
                    status,
                    auto_renew: s.auto_renew,
                    cents: seat.map(|c| c * i64::from(s.total_mailbox_quantity.unwrap_or(0))),
                });
            }
            o.subscriptions = sorted_counts(counts);
        }
        o.due.sort_by(|a, b| parse_time(&a.due).cmp(&parse_time(&b.due)).then_with(|| a.domain.cmp(&b.domain)));
        o.health_problems = self.dns_health_problems(50)?;
        o.health_checked = self.dns_health_checked()?;
        let labels = self.customer_labels(o.due.iter().filter_map(|d| d.customer_id.as_deref()))?;
        for d in &mut o.due {
            d.customer_label = d.customer_id.as_ref().and_then(|c| labels.get(c).cloned());
        }
        Ok(o)
    }

    fn count_rows(&self, kind: CacheKind) -> DeskResult<u32> {
        self.db.with(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM cache_rows WHERE profile_id = ?1 AND kind = ?2",
                params![self.profile_id, kind.as_str()],
                |r| r.get(0),
            )
        })
    }

    fn status_counts(&self, kind: CacheKind) -> DeskResult<Vec<StatusCount>> {
        let counts: HashMap<String, u32> = self.db.with(|c| {
            let mut stmt =
                c.prepare_cached("SELECT status, COUNT(*) FROM cache_rows WHERE profile_id = ?1 AND kind = ?2 GROUP BY status")?;
            let rows = stmt.query_map(params![self.profile_id, kind.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })?;
        Ok(sorted_counts(counts))
    }

    /// Customers with a read of this list in the cache (complete or not).
    fn scopes_read(&self, kind: CacheKind) -> DeskResult<u32> {
        self.db.with(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM cache WHERE profile_id = ?1 AND kind = ?2 AND scope <> ''",
                params![self.profile_id, kind.as_str()],
                |r| r.get(0),
            )
        })
    }

    fn sync_span(&self) -> DeskResult<(Option<Ms>, Option<Ms>)> {
        self.db.with(|c| {
            c.query_row(
                "SELECT MIN(synced_at), MAX(synced_at) FROM cache WHERE profile_id = ?1 AND complete = 1",
                params![self.profile_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
        })
    }
}

/// Most first, then by name: the screen shows them in this order.
fn sorted_counts(counts: HashMap<String, u32>) -> Vec<StatusCount> {
    let mut v: Vec<StatusCount> = counts.into_iter().map(|(status, count)| StatusCount { status, count }).collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.status.cmp(&b.status)));
    v
}
