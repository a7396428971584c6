//! Mailbox subscriptions (one per domain workspace): list, renew, auto-renew, cancel, recreate.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::enums::{BillingCycle, ServiceProvider, SubscriptionStatus};
use crate::envelope::{Accepted, ApiResponse};
use crate::error::CmrError;
use crate::money::Money;
use crate::pagination::{collect_all, Paginated, Pagination, MAX_PAGE_SIZE};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    #[serde(default)]
    pub subscription_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_status: Option<SubscriptionStatus>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub total_mailbox_quantity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_cycle: Option<BillingCycle>,
    /// Sent as a number (e.g. 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_per_mailbox: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<ServiceProvider>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters of the subscriptions list (the server's default page size here is 50).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SubscriptionStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component_subscription_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Optional filter (inferred); sent as `?userId=`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionsPage {
    #[cfg_attr(feature = "specta", specta(type = Vec<Subscription>))]
    #[serde(default, deserialize_with = "crate::serde_util::null_as_empty")]
    pub subscriptions: Vec<Subscription>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

impl Paginated for SubscriptionsPage {
    type Item = Subscription;
    fn pagination(&self) -> Pagination {
        self.pagination.clone().unwrap_or_default()
    }
    fn into_items(self) -> Vec<Subscription> {
        self.subscriptions
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionIdsRequest {
    pub subscription_ids: Vec<String>,
}

/// The body is inferred. The flag is always sent: without it the call may be a pure toggle,
/// and a repeated toggle (a resumed job, a retry) would undo the first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ToggleSubscriptionAutoRenewRequest {
    pub subscription_id: String,
    pub auto_renew: bool,
}

/// Cancel by subscription id or by domain; cancelling deletes the workspace at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum CancelSubscriptionRequest {
    #[serde(rename_all = "camelCase")]
    BySubscription { subscription_id: String },
    ByDomain { domain: String },
}

/// Recreate by subscription ids or by domain names; a new subscriptionId is issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum RecreateSubscriptionsRequest {
    #[serde(rename_all = "camelCase")]
    BySubscriptions { subscription_ids: Vec<String> },
    #[serde(rename_all = "camelCase")]
    ByDomains { domain_names: Vec<String> },
}

impl CmrClient {
    /// One page of subscriptions matching the filters.
    pub async fn list_subscriptions(&self, query: &SubscriptionQuery) -> Result<ApiResponse<SubscriptionsPage>, CmrError> {
        let mut filters = query.clone();
        let user_id = filters.user_id.take();
        self.send(Call::new(&ep::LIST_SUBSCRIPTIONS).user_opt(user_id.as_deref()).query_struct(&filters)).await
    }

    /// Every subscription matching `filter` (its page and limit are ignored).
    pub async fn list_all_subscriptions(&self, filter: &SubscriptionQuery) -> Result<Vec<Subscription>, CmrError> {
        collect_all(MAX_PAGE_SIZE, |page| {
            let query = SubscriptionQuery { page: Some(page), limit: Some(MAX_PAGE_SIZE), ..filter.clone() };
            async move { self.list_subscriptions(&query).await }
        })
        .await
    }

    /// Queues renewals; charges the wallet. Takes no userId.
    pub async fn renew_subscriptions(&self, request: &SubscriptionIdsRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::RENEW_SUBSCRIPTIONS).json(request)).await
    }

    /// Turning auto-renew off keeps the current period running.
    pub async fn toggle_subscription_auto_renew(
        &self,
        request: &ToggleSubscriptionAutoRenewRequest,
    ) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::TOGGLE_SUBSCRIPTION_AUTO_RENEW).json(request)).await
    }

    /// Cancels and deletes the workspace at once; permanent. Takes no userId.
    pub async fn cancel_subscription(&self, request: &CancelSubscriptionRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::CANCEL_SUBSCRIPTION).json(request)).await
    }

    /// Re-provisions workspaces under new subscription ids. Mailbox contents may be lost
    /// (sources disagree): warn before calling.
    pub async fn recreate_subscriptions(&self, request: &RecreateSubscriptionsRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::RECREATE_SUBSCRIPTIONS).json(request)).await
    }
}
