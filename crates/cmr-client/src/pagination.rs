//! Walking every page of a list endpoint.
//!
//! [`paginate`] turns a page-fetching closure into a `Stream` of items, fetching the next page
//! only when the consumer gets there; [`collect_all`] drains it into a `Vec`. Each page is one
//! ordinary (paced, retried) call. The walk stops at `totalPages` when the reply gives it,
//! else at a missing or non-advancing `nextPage`, else at a short or empty page — the
//! reference's own example shows `nextPage: 2` on the last page, so `totalPages` wins.

use std::future::Future;

use futures_util::stream::{self, Stream, TryStreamExt};
use serde::{Deserialize, Serialize};

use crate::envelope::ApiResponse;
use crate::error::CmrError;

/// The largest page the reference allows.
pub const MAX_PAGE_SIZE: u32 = 100;
/// A runaway guard for servers whose paging fields never say "last page".
pub const MAX_PAGES: u32 = 10_000;

/// `data.pagination` as seen on the subscriptions list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub total_searched_count: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub current_page: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub next_page: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<u32>,
}

/// A page of a list reply.
pub trait Paginated {
    type Item;
    fn pagination(&self) -> Pagination;
    fn into_items(self) -> Vec<Self::Item>;
}

/// Streams the items of every page, starting at page 1 with `limit` per page.
pub fn paginate<'a, P, F, Fut>(limit: u32, fetch: F) -> impl Stream<Item = Result<P::Item, CmrError>> + 'a
where
    P: Paginated + 'a,
    P::Item: 'a,
    F: FnMut(u32) -> Fut + 'a,
    Fut: Future<Output = Result<ApiResponse<P>, CmrError>> + 'a,
{
    let pages = stream::try_unfold((Some(1u32), fetch), move |(page, mut fetch)| async move {
        let Some(page) = page else { return Ok(None) };
        let data = fetch(page).await?.data;
        let info = data.pagination();
        let items = data.into_items();
        let next = next_page(page, &info, items.len(), limit);
        Ok(Some((items, (next, fetch))))
    });
    pages.map_ok(|items| stream::iter(items.into_iter().map(Ok))).try_flatten()
}

/// Every item of every page.
pub async fn collect_all<P, F, Fut>(limit: u32, fetch: F) -> Result<Vec<P::Item>, CmrError>
where
    P: Paginated,
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<ApiResponse<P>, CmrError>>,
{
    paginate(limit, fetch).try_collect().await
}

/// The page to ask for after `requested`, or `None` when it was the last (see the module doc).
pub fn next_page(requested: u32, info: &Pagination, count: usize, limit: u32) -> Option<u32> {
    if count == 0 || requested >= MAX_PAGES {
        return None;
    }
    if let Some(total) = info.total_pages {
        return (requested < total).then_some(requested + 1);
    }
    if let Some(next) = info.next_page {
        return (next > requested).then_some(next);
    }
    (count >= limit as usize).then_some(requested + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_pages_wins_over_next_page() {
        let info = Pagination { current_page: Some(1), next_page: Some(2), total_pages: Some(1), ..Default::default() };
        assert_eq!(next_page(1, &info, 5, 100), None);
    }

    #[test]
    fn falls_back_to_next_page_then_page_size() {
        let info = Pagination { next_page: Some(3), ..Default::default() };
        assert_eq!(next_page(2, &info, 5, 5), Some(3));
        let stuck = Pagination { next_page: Some(2), ..Default::default() };
        assert_eq!(next_page(2, &stuck, 5, 5), None);
        assert_eq!(next_page(1, &Pagination::default(), 5, 5), Some(2));
        assert_eq!(next_page(1, &Pagination::default(), 4, 5), None);
        assert_eq!(next_page(1, &Pagination::default(), 0, 5), None);
    }
}
