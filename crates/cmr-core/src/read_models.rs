//! The cached read models: customers, and per customer domains, mailboxes and subscriptions.
//! `refresh: false` answers from the cache when it has a copy (stale or not — the caller shows
//! the age and refreshes); `refresh: true`, or no copy yet, reads every page from CMR.
//! Subscriptions are one blob per list; the other lists are rows (see `cache_rows`).

use cmr_client::domains::Domain;
use cmr_client::mailboxes::Mailbox;
use cmr_client::subscriptions::Subscription;
use cmr_client::users::User;
use cmr_client::subscriptions::SubscriptionQuery;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::cache::{CacheEntryInfo, CacheKind, Cached};
use crate::desk::Desk;
use crate::error::{DeskError, DeskResult};
use crate::time::iso;

impl Desk {
    fn cached_copy<T: DeserializeOwned>(&self, kind: CacheKind, customer_id: Option<&str>) -> DeskResult<Option<Cached<T>>> {
        Ok(self.cache().get::<T>(kind, customer_id)?.map(|(data, at, stale)| Cached {
            kind,
            customer_id: customer_id.map(str::to_owned),
            data,
            synced_at: Some(iso(at)),
            stale,
        }))
    }

    fn store<T: Serialize + DeserializeOwned>(&self, kind: CacheKind, customer_id: Option<&str>, data: Vec<T>) -> DeskResult<Cached<Vec<T>>> {
        // Whatever CMR sent, the key is not written down nor shown.
        let scrub = self.scrubber();
        let raw = serde_json::to_value(&data)?;
        let data: Vec<T> = if scrub.find(&raw).is_some() { serde_json::from_value(scrub.value(&raw))? } else { data };
        let info = self.cache().put(kind, customer_id, &data, data.len())?;
        Ok(Cached { kind, customer_id: customer_id.map(str::to_owned), data, synced_at: Some(info.synced_at), stale: false })
    }

    // Customers, domains and mailboxes are kept as rows (cache_rows), read page by page.
    pub async fn customers(&self, refresh: bool) -> DeskResult<Cached<Vec<User>>> {
        self.cached_rows(None, refresh).await
    }

    pub async fn domains(&self, customer_id: &str, refresh: bool) -> DeskResult<Cached<Vec<Domain>>> {
        self.cached_rows(Some(customer_id), refresh).await
    }

    pub async fn mailboxes(&self, customer_id: &str, refresh: bool) -> DeskResult<Cached<Vec<Mailbox>>> {
        self.cached_rows(Some(customer_id), refresh).await
    }

    /// Subscriptions of one customer, or of the whole account with `None`.
    pub async fn subscriptions(&self, customer_id: Option<&str>, refresh: bool) -> DeskResult<Cached<Vec<Subscription>>> {
        if !refresh {
            if let Some(c) = self.cached_copy(CacheKind::Subscriptions, customer_id)? {
                return Ok(c);
            }
        }
        let filter = SubscriptionQuery { user_id: customer_id.map(str::to_owned), ..Default::default() };
        let subs = self.client().list_all_subscriptions(&filter).await?;
        self.store(CacheKind::Subscriptions, customer_id, subs)
    }

    /// Reads again from CMR: one entry (`kind` and `customer_id`), every entry of a kind, or
    /// with neither every entry this profile has cached (the manual "refresh" button).
    pub async fn refresh_cache(&self, kind: Option<CacheKind>, customer_id: Option<&str>) -> DeskResult<Vec<CacheEntryInfo>> {
        let mut targets: Vec<(CacheKind, Option<String>)> = match (kind, customer_id) {
            (Some(k), Some(c)) => vec![(k, Some(c.to_owned()))],
            (Some(CacheKind::Customers), None) => vec![(CacheKind::Customers, None)],
            _ => self
                .cache()
                .entries()?
                .into_iter()
                .filter(|e| kind.is_none_or(|k| k == e.kind))
                .filter(|e| customer_id.is_none_or(|c| e.customer_id.as_deref() == Some(c)))
                .map(|e| (e.kind, e.customer_id))
                .collect(),
        };
        if targets.is_empty() && kind.is_none() && customer_id.is_none() {
            targets.push((CacheKind::Customers, None));
        }
        for (kind, customer) in &targets {
            let c = customer.as_deref();
            match kind {
                CacheKind::Customers => drop(self.sync_cache(*kind, None).await?),
                CacheKind::Domains | CacheKind::Mailboxes => drop(self.sync_cache(*kind, Some(c.ok_or_else(|| no_customer(*kind))?)).await?),
                CacheKind::Subscriptions => drop(self.subscriptions(c, true).await?),
            }
        }
        let entries = self.cache().entries()?;
        Ok(entries.into_iter().filter(|e| targets.iter().any(|(k, c)| *k == e.kind && *c == e.customer_id)).collect())
    }
}

fn no_customer(kind: CacheKind) -> DeskError {
    DeskError::invalid_field("customerId", format!("{} are cached per customer", kind.as_str()))
}
