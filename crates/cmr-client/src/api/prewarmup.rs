//! Pre-warmed mailboxes: inventory and orders, plus their sandbox twins.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::api::GoogleOauthConfig;
use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::enums::{SandboxScenario, ServiceProvider};
use crate::envelope::{Accepted, ApiResponse};
use crate::error::CmrError;
use crate::money::Money;
use crate::pagination::{Paginated, Pagination};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PrewarmupQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<ServiceProvider>,
    /// Domain substring.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// A pre-warmed mailbox. The inventory shows name fields only; order webhooks add the
/// secrets, which `Debug` hides.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PrewarmupMailbox {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_picture: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticator_secret: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_admin: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warming_up_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for PrewarmupMailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrewarmupMailbox")
            .field("mailbox_id", &self.mailbox_id)
            .field("email", &self.email)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PrewarmupDomain {
    pub domain: String,
    #[cfg_attr(feature = "specta", specta(type = Vec<PrewarmupMailbox>))]
    #[serde(default, deserialize_with = "crate::serde_util::null_as_empty")]
    pub pre_warmed_up_mailboxes: Vec<PrewarmupMailbox>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_price: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal_price: Option<Money>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The inventory page; its paging fields sit beside the list, not in `pagination`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PrewarmupInventory {
    #[cfg_attr(feature = "specta", specta(type = Vec<PrewarmupDomain>))]
    #[serde(default, deserialize_with = "crate::serde_util::null_as_empty")]
    pub inventory: Vec<PrewarmupDomain>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub current_page: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub total_pages: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub total_domains: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub total_mailboxes: Option<u32>,
}

impl Paginated for PrewarmupInventory {
    type Item = PrewarmupDomain;
    fn pagination(&self) -> Pagination {
        Pagination { current_page: self.current_page, total_pages: self.total_pages, ..Pagination::default() }
    }
    fn into_items(self) -> Vec<PrewarmupDomain> {
        self.inventory
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PrewarmupOrderItem {
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_to: Option<String>,
}

/// Buys pre-warmed domains with their mailboxes for a user (HTTP 201, queued).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PrewarmupOrderRequest {
    pub order: Vec<PrewarmupOrderItem>,
    pub service_provider: ServiceProvider,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google: Option<GoogleOauthConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microsoft_oauth_route: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew: Option<bool>,
}

/// The sandbox order: the production body plus the simulated outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SandboxPrewarmupOrderRequest {
    #[serde(flatten)]
    pub order: PrewarmupOrderRequest,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<SandboxScenario>,
}

impl CmrClient {
    /// One page of pre-warmed domains for sale.
    pub async fn list_prewarmup_inventory(&self, query: &PrewarmupQuery) -> Result<ApiResponse<PrewarmupInventory>, CmrError> {
        self.send(Call::new(&ep::LIST_PREWARMUP_INVENTORY).query_struct(query)).await
    }

    /// Buys pre-warmed domains for a user. Paid; answers 201.
    pub async fn order_prewarmup(&self, user_id: &str, request: &PrewarmupOrderRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::ORDER_PREWARMUP).user(user_id).json(request)).await
    }

    /// The four sandbox domains (method guessed).
    pub async fn sandbox_list_prewarmup(&self, query: &PrewarmupQuery) -> Result<ApiResponse<PrewarmupInventory>, CmrError> {
        self.send(Call::new(&ep::SANDBOX_LIST_PREWARMUP).query_struct(query)).await
    }

    /// A $0 sandbox order with a simulated outcome (method guessed).
    pub async fn sandbox_order_prewarmup(
        &self,
        user_id: &str,
        request: &SandboxPrewarmupOrderRequest,
    ) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::SANDBOX_ORDER_PREWARMUP).user(user_id).json(request)).await
    }

    /// Wipes all sandbox records (method guessed).
    pub async fn sandbox_reset_prewarmup(&self) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::SANDBOX_RESET_PREWARMUP)).await
    }
}
