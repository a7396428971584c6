//! Domains: renewal, auto-renew, availability, workspace checks, forwarding, removal.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::enums::{DomainStatus, ServiceProvider};
use crate::envelope::{Accepted, ApiResponse};
use crate::error::CmrError;
use crate::money::Money;
use crate::pagination::{collect_all, Paginated, Pagination, MAX_PAGE_SIZE};

/// `{userId, domains}` — renewal pricing and renewal. `user_id` is filled in by the client
/// from the method argument; it is here so a server can read the same type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DomainsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    pub domains: Vec<String>,
}

impl DomainsRequest {
    pub fn new(domains: impl IntoIterator<Item = impl Into<String>>) -> Self {
        DomainsRequest { user_id: None, domains: domains.into_iter().map(Into::into).collect() }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RenewDomainsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    pub domains: Vec<String>,
    /// Inferred: prices are quoted per `years`, so renewal may take it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DomainRenewalPrice {
    pub domain_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    /// Sent as a string ("14.50").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal_price: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ToggleDomainAutoRenewRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    pub domains: Vec<String>,
    pub auto_renew: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DomainAutoRenew {
    pub domain_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    pub auto_renew: bool,
}

/// Filters for `get_domains_for_user` (inferred beyond `userId`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DomainListQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DomainStatus>,
}

/// A user's domain. Key names are inferred from the help guide's description.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Domain {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DomainStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<ServiceProvider>,
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_bool", skip_serializing_if = "Option::is_none")]
    pub auto_renew: Option<bool>,
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_bool", skip_serializing_if = "Option::is_none")]
    pub domain_protection: Option<bool>,
    /// `null` when not configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_forwarding: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `data` of the domains list: `{domains, pagination}`, or a bare array.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DomainsPage {
    pub domains: Vec<Domain>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

impl<'de> Deserialize<'de> for DomainsPage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (domains, rest) = crate::serde_util::list_or_wrapped(Value::deserialize(d)?, &["domains", "data"])?;
        let pagination = rest
            .and_then(|mut m| m.remove("pagination"))
            .map(serde_json::from_value)
            .transpose()
            .map_err(serde::de::Error::custom)?;
        Ok(DomainsPage { domains, pagination })
    }
}

impl Paginated for DomainsPage {
    type Item = Domain;
    fn pagination(&self) -> Pagination {
        self.pagination.clone().unwrap_or_default()
    }
    fn into_items(self) -> Vec<Domain> {
        self.domains
    }
}

/// Keyword (`acme`) or full name (`acme.com`) search. Shape inferred.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SuggestDomainsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tlds: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SingleDomainRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    pub domain_name: String,
}

/// Whether a name can be registered, and at what price. Shape inferred.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DomainAvailability {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_name: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<bool>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_bool", skip_serializing_if = "Option::is_none")]
    pub available: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Suggestions: a bare array, or an object wrapping one.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct DomainSuggestions(pub Vec<DomainAvailability>);

impl<'de> Deserialize<'de> for DomainSuggestions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let keys = ["domains", "suggestions", "results"];
        let (items, _) = crate::serde_util::list_or_wrapped(Value::deserialize(d)?, &keys)?;
        Ok(DomainSuggestions(items))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceCheckItem {
    pub domain_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<ServiceProvider>,
}

/// One domain, or a bulk list checked item by item (15 s timeout each on CMR's side).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum WorkspaceCheckRequest {
    Bulk { domains: Vec<WorkspaceCheckItem> },
    Single(WorkspaceCheckItem),
}

/// URL forwarding. The reference is unsure whether domains go by name or id; set one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DomainForwardingRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_ids: Option<Vec<String>>,
    pub forward_to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask_forwarding: Option<bool>,
}

/// Catch-all mail forwarding to one address; every mailbox on the domain must be ACTIVE.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EmailForwardingRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_ids: Option<Vec<String>>,
    pub email: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AddGoogleClientIdRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    pub domains: Vec<String>,
    /// Google OAuth client id of the sending platform.
    pub client_id: String,
    /// App name shown in the Google Admin Console.
    pub app_name: String,
}

/// Domains to delete, by name (inferred) or id (the white-label parent's form).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RemoveDomainsRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domains: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
}

impl Domain {
    /// The domain's name, whichever key the server used.
    pub fn name(&self) -> Option<&str> {
        self.domain_name.as_deref().or_else(|| self.extra.get("domain")?.as_str())
    }
}

impl DomainAvailability {
    pub fn name(&self) -> Option<&str> {
        self.domain.as_deref().or(self.domain_name.as_deref())
    }
}

impl CmrClient {
    /// Renewal prices per domain (userId travels in the body). Read-only.
    pub async fn get_domain_renewal_price(
        &self,
        user_id: &str,
        request: &DomainsRequest,
    ) -> Result<ApiResponse<Vec<DomainRenewalPrice>>, CmrError> {
        self.send(Call::new(&ep::GET_DOMAIN_RENEWAL_PRICE).user(user_id).json(request)).await
    }

    /// Queues renewals (userId in the body). Charges the wallet.
    pub async fn renew_domains(&self, user_id: &str, request: &RenewDomainsRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::RENEW_DOMAINS).user(user_id).json(request)).await
    }

    /// Turns auto-renew of domains on or off (userId in the body).
    pub async fn toggle_domain_auto_renew(
        &self,
        user_id: &str,
        request: &ToggleDomainAutoRenewRequest,
    ) -> Result<ApiResponse<Option<Vec<DomainAutoRenew>>>, CmrError> {
        self.send(Call::new(&ep::TOGGLE_DOMAIN_AUTO_RENEW).user(user_id).json(request)).await
    }

    /// One page of a user's domains. An unknown user gives an empty list, not 404.
    pub async fn get_domains_for_user(
        &self,
        user_id: &str,
        query: &DomainListQuery,
    ) -> Result<ApiResponse<DomainsPage>, CmrError> {
        self.send(Call::new(&ep::GET_DOMAINS_FOR_USER).user(user_id).query_struct(query)).await
    }

    /// Every domain of a user, page by page.
    pub async fn get_all_domains_for_user(&self, user_id: &str) -> Result<Vec<Domain>, CmrError> {
        collect_all(MAX_PAGE_SIZE, |page| {
            let query = DomainListQuery { page: Some(page), limit: Some(MAX_PAGE_SIZE), status: None };
            async move { self.get_domains_for_user(user_id, &query).await }
        })
        .await
    }

    /// Registrable names and prices for a keyword (path guessed). Read-only.
    pub async fn suggest_available_domains(
        &self,
        user_id: Option<&str>,
        request: &SuggestDomainsRequest,
    ) -> Result<ApiResponse<DomainSuggestions>, CmrError> {
        self.send(Call::new(&ep::SUGGEST_AVAILABLE_DOMAINS).user_opt(user_id).json(request)).await
    }

    /// Availability and price of one exact name (path guessed). Read-only.
    pub async fn get_single_available_domain(
        &self,
        user_id: Option<&str>,
        request: &SingleDomainRequest,
    ) -> Result<ApiResponse<Option<DomainAvailability>>, CmrError> {
        self.send(Call::new(&ep::GET_SINGLE_AVAILABLE_DOMAIN).user_opt(user_id).json(request)).await
    }

    /// Whether a Google/Microsoft workspace already holds the domain. `data: null` means none;
    /// an existing one comes back as an error (likely 409, code `conflict`).
    pub async fn check_workspace_exists(&self, request: &WorkspaceCheckRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::CHECK_WORKSPACE_EXISTS).json(request)).await
    }

    /// Forwards domains to a URL (path guessed). Queued.
    pub async fn add_domain_forwarding(
        &self,
        user_id: &str,
        request: &DomainForwardingRequest,
    ) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::ADD_DOMAIN_FORWARDING).user(user_id).json(request)).await
    }

    /// Forwards all mail of domains to one address (path guessed). Queued.
    pub async fn add_email_forwarding(
        &self,
        user_id: &str,
        request: &EmailForwardingRequest,
    ) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::ADD_EMAIL_FORWARDING).user(user_id).json(request)).await
    }

    /// Authorises a platform's Google client id on domains (userId in the body). Queued.
    pub async fn add_google_client_id_to_domain(
        &self,
        user_id: &str,
        request: &AddGoogleClientIdRequest,
    ) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::ADD_GOOGLE_CLIENT_ID_TO_DOMAIN).user(user_id).json(request)).await
    }

    /// Deletes domains (path guessed). Refused while mailboxes remain.
    pub async fn remove_domains(&self, user_id: &str, request: &RemoveDomainsRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::REMOVE_DOMAINS).user(user_id).json(request)).await
    }
}
