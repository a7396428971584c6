//! Reading a list from CMR into the row cache, page by page: each page is written as it
//! arrives and announced (`CacheReadProgress`: "12,300 of 50,000 read"), so a screen shows rows
//! before the last page. A read can be cancelled between pages; what was read stays, marked
//! incomplete. Only a complete read removes the rows CMR no longer lists. One read per list
//! at a time: a second caller waits for the running one instead of reading again.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use cmr_client::domains::DomainListQuery;
use cmr_client::users::ListUsersQuery;
use cmr_client::{next_page, ApiResponse, CmrError, PageQuery, Paginated, MAX_PAGE_SIZE};
use serde::{Deserialize, Serialize};

use crate::cache::{scope_of, CacheEntryInfo, CacheKind};
use crate::cache_rows::CacheRow;
use crate::desk::Desk;
use crate::error::{DeskError, DeskResult};
use crate::events::CoreEvent;
use crate::time::now_ms;

/// How far a read of one list has got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CacheReadProgress {
    pub kind: CacheKind,
    pub customer_id: Option<String>,
    /// Items read so far by this read.
    pub read: u32,
    /// How many CMR says there are, when its reply says.
    pub total: Option<u32>,
    /// The read ended (complete, cancelled or failed).
    pub done: bool,
}

/// How a read ended.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SyncOutcome {
    pub read: u32,
    pub total: Option<u32>,
    /// False when cancelled: the rows read are kept, the list is marked incomplete.
    pub complete: bool,
    pub entry: CacheEntryInfo,
}

#[derive(Default)]
pub(crate) struct ReadSlot {
    running: tokio::sync::Mutex<()>,
    cancel: AtomicBool,
}

impl Desk {
    fn read_slot(&self, kind: CacheKind, customer_id: Option<&str>) -> Arc<ReadSlot> {
        let mut reads = self.cache().reads.lock().unwrap_or_else(|e| e.into_inner());
        reads.entry((kind, scope_of(customer_id).to_owned())).or_default().clone()
    }

    /// Stops a running read of this list after the page in flight.
    pub fn cancel_cache_sync(&self, kind: CacheKind, customer_id: Option<&str>) {
        self.read_slot(kind, customer_id).cancel.store(true, Ordering::SeqCst);
    }

    /// Reads one list from CMR into the rows (customers, or a customer's domains or
    /// mailboxes); subscriptions are kept whole and read in one go.
    pub async fn sync_cache(&self, kind: CacheKind, customer_id: Option<&str>) -> DeskResult<SyncOutcome> {
        let need = || customer_id.ok_or_else(|| DeskError::invalid_field("customerId", format!("{} are cached per customer", kind.as_str())));
        let client = self.client();
        match kind {
            CacheKind::Customers => {
                self.read_rows(None, |page| {
                    let q = ListUsersQuery { page: Some(page), limit: Some(MAX_PAGE_SIZE), search: None };
                    let c = client.clone();
                    async move { c.list_users(&q).await }
                })
                .await
            }
            CacheKind::Domains => {
                let user = need()?.to_owned();
                self.read_rows(Some(&user), |page| {
                    let q = DomainListQuery { page: Some(page), limit: Some(MAX_PAGE_SIZE), status: None };
                    let (c, u) = (client.clone(), user.clone());
                    async move { c.get_domains_for_user(&u, &q).await }
                })
                .await
            }
            CacheKind::Mailboxes => {
                let user = need()?.to_owned();
                self.read_rows(Some(&user), |page| {
                    let q = PageQuery::page(page, MAX_PAGE_SIZE);
                    let (c, u) = (client.clone(), user.clone());
                    async move { c.get_mailboxes_for_user(&u, &q).await }
                })
                .await
            }
            CacheKind::Subscriptions => {
                let got = self.subscriptions(customer_id, true).await?;
                let entry = self.cache().entry(kind, customer_id)?.ok_or_else(|| DeskError::storage("subscriptions not cached"))?;
                let n = got.data.len() as u32;
                Ok(SyncOutcome { read: n, total: Some(n), complete: true, entry })
            }
        }
    }

    async fn read_rows<P, F, Fut>(&self, customer_id: Option<&str>, mut fetch: F) -> DeskResult<SyncOutcome>
    where
        P: Paginated,
        P::Item: CacheRow,
        F: FnMut(u32) -> Fut,
        Fut: Future<Output = Result<ApiResponse<P>, CmrError>>,
    {
        let kind = P::Item::KIND;
        let slot = self.read_slot(kind, customer_id);
        let asked = now_ms();
        let _running = slot.running.lock().await;
        // A read that finished while this one waited answers it.
        if let Some((entry, at)) = self.cache().entry_at(kind, customer_id)? {
            if entry.complete && !entry.stale && at >= asked {
                let n = entry.item_count;
                return Ok(SyncOutcome { read: n, total: Some(n), complete: true, entry });
            }
        }
        slot.cancel.store(false, Ordering::SeqCst);
        let seen = now_ms();
        let (mut page, mut read, mut total) = (1u32, 0u32, None);
        let progress = |read, total, done| {
            let customer_id = customer_id.map(str::to_owned);
            self.inner.events.emit(CoreEvent::CacheProgress(CacheReadProgress { kind, customer_id, read, total, done }));
        };
        let complete = loop {
            if slot.cancel.swap(false, Ordering::SeqCst) {
                break false;
            }
            let data = match fetch(page).await {
                Ok(reply) => reply.data,
                Err(e) => {
                    self.cache().finish_rows(kind, customer_id, seen, false)?;
                    progress(read, total, true);
                    return Err(e.into());
                }
            };
            let info = data.pagination();
            total = info.total_searched_count.or(total);
            let items = self.scrub_items(data.into_items())?;
            self.cache().write_rows(customer_id, seen, read as usize, &items)?;
            read += items.len() as u32;
            progress(read, total, false);
            match next_page(page, &info, items.len(), MAX_PAGE_SIZE) {
                Some(next) => page = next,
                None => break true,
            }
        };
        let entry = self.cache().finish_rows(kind, customer_id, seen, complete)?;
        progress(read, total, true);
        Ok(SyncOutcome { read, total: if complete { Some(read) } else { total }, complete, entry })
    }

    /// Whatever CMR sent, the key is not written down nor shown.
    fn scrub_items<T: CacheRow>(&self, items: Vec<T>) -> DeskResult<Vec<T>> {
        let scrub = self.scrubber();
        let raw = serde_json::to_value(&items)?;
        Ok(if scrub.find(&raw).is_some() { serde_json::from_value(scrub.value(&raw))? } else { items })
    }

    /// A list from the rows, reading it first when it was never read completely (or when
    /// `refresh`).
    pub(crate) async fn cached_rows<T: CacheRow>(&self, customer_id: Option<&str>, refresh: bool) -> DeskResult<crate::cache::Cached<Vec<T>>> {
        let entry = self.cache().entry(T::KIND, customer_id)?;
        let entry = match entry {
            Some(e) if !refresh && e.complete => e,
            _ => self.sync_cache(T::KIND, customer_id).await?.entry,
        };
        Ok(crate::cache::Cached {
            kind: T::KIND,
            customer_id: customer_id.map(str::to_owned),
            data: self.cache().all_rows(customer_id)?,
            synced_at: Some(entry.synced_at),
            stale: entry.stale,
        })
    }
}
