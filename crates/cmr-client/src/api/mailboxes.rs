//! Mailboxes: listing, details, admin account, profile updates, removal, health check.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::api::PageQuery;
use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::enums::{MailboxStatus, ServiceProvider, WarmupStatus};
use crate::envelope::{Accepted, ApiResponse};
use crate::error::CmrError;
use crate::pagination::{collect_all, Paginated, Pagination, MAX_PAGE_SIZE};
use crate::serde_util::OneOrMany;

/// A mailbox. The shape follows CMR's white-label parent, so all fields are optional and
/// unknown ones are kept in `extra`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Mailbox {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MailboxStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_picture: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<ServiceProvider>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup_status: Option<WarmupStatus>,
    /// May hold `appPassword` / `secret` on the by-id call: never log a whole mailbox.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Mailbox {
    /// The id under `mailboxId`, or `id` where the server used that key.
    pub fn id(&self) -> Option<&str> {
        self.mailbox_id.as_deref().or_else(|| self.extra.get("id")?.as_str())
    }
}

impl fmt::Debug for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailbox")
            .field("mailbox_id", &self.mailbox_id)
            .field("email", &self.email)
            .field("status", &self.status)
            .field("domain", &self.domain)
            .field("service_provider", &self.service_provider)
            .field("warmup_status", &self.warmup_status)
            .field("extra_keys", &self.extra.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// `data` of the mailbox lists: `{mailboxes, pagination}`, or a bare array.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MailboxesPage {
    pub mailboxes: Vec<Mailbox>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

impl<'de> Deserialize<'de> for MailboxesPage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (mailboxes, rest) = crate::serde_util::list_or_wrapped(Value::deserialize(d)?, &["mailboxes", "data"])?;
        let pagination = rest
            .and_then(|mut m| m.remove("pagination"))
            .map(serde_json::from_value)
            .transpose()
            .map_err(serde::de::Error::custom)?;
        Ok(MailboxesPage { mailboxes, pagination })
    }
}

impl Paginated for MailboxesPage {
    type Item = Mailbox;
    fn pagination(&self) -> Pagination {
        self.pagination.clone().unwrap_or_default()
    }
    fn into_items(self) -> Vec<Mailbox> {
        self.mailboxes
    }
}

/// `data` of the by-id call: `{mailbox: {...}}`, or the mailbox itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MailboxDetails {
    pub mailbox: Mailbox,
}

impl<'de> Deserialize<'de> for MailboxDetails {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut value = Value::deserialize(d)?;
        let inner = match value.get_mut("mailbox") {
            Some(m) if m.is_object() => m.take(),
            _ => value,
        };
        Ok(MailboxDetails { mailbox: serde_json::from_value(inner).map_err(serde::de::Error::custom)? })
    }
}

/// The workspace admin account behind a mailbox. Content inferred; treat as secret.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MailboxAdminDetails {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_password: Option<String>,
    /// TOTP secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl fmt::Debug for MailboxAdminDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailboxAdminDetails").field("email", &self.email).finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MailboxUpdateItem {
    pub mailbox_id: String,
    /// New local part. Note the capital N, as the API spells it.
    #[serde(default, rename = "userName", skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_picture: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove_profile_picture: Option<bool>,
}

/// One item, or a list processed item by item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UpdateMailboxDetailsRequest {
    pub mailbox_data: OneOrMany<MailboxUpdateItem>,
}

/// Per-item outcome of a bulk update (`message` may be "Rate limit exceeded").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MailboxUpdateResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox_id: Option<String>,
    #[serde(default)]
    pub success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// `{mailboxId}` — removal and validation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MailboxIdRequest {
    pub mailbox_id: String,
}

impl MailboxIdRequest {
    pub fn new(mailbox_id: impl Into<String>) -> Self {
        MailboxIdRequest { mailbox_id: mailbox_id.into() }
    }
}

impl CmrClient {
    /// One page of every mailbox of the partner (help guide only).
    pub async fn list_all_mailboxes(&self, query: &PageQuery) -> Result<ApiResponse<MailboxesPage>, CmrError> {
        self.send(Call::new(&ep::LIST_ALL_MAILBOXES).query_struct(query)).await
    }

    /// One page of a user's mailboxes (all of them, despite the path's name).
    pub async fn get_mailboxes_for_user(
        &self,
        user_id: &str,
        query: &PageQuery,
    ) -> Result<ApiResponse<MailboxesPage>, CmrError> {
        self.send(Call::new(&ep::GET_MAILBOXES_FOR_USER).user(user_id).query_struct(query)).await
    }

    /// Every mailbox of a user, page by page.
    pub async fn get_all_mailboxes_for_user(&self, user_id: &str) -> Result<Vec<Mailbox>, CmrError> {
        collect_all(MAX_PAGE_SIZE, |page| {
            let query = PageQuery::page(page, MAX_PAGE_SIZE);
            async move { self.get_mailboxes_for_user(user_id, &query).await }
        })
        .await
    }

    /// One mailbox; userId is optional, send it when known.
    pub async fn get_mailbox_by_id(
        &self,
        mailbox_id: &str,
        user_id: Option<&str>,
    ) -> Result<ApiResponse<MailboxDetails>, CmrError> {
        self.send(Call::new(&ep::GET_MAILBOX_BY_ID).user_opt(user_id).query("mailboxId", mailbox_id)).await
    }

    /// The workspace admin account of a mailbox. Secret content.
    pub async fn get_mailbox_admin_details(
        &self,
        user_id: &str,
        mailbox_id: &str,
    ) -> Result<ApiResponse<MailboxAdminDetails>, CmrError> {
        self.send(Call::new(&ep::GET_MAILBOX_ADMIN_DETAILS).user(user_id).query("mailboxId", mailbox_id)).await
    }

    /// Renames or re-pictures mailboxes; bulk replies list per-item results.
    pub async fn update_mailbox_details(
        &self,
        user_id: &str,
        request: &UpdateMailboxDetailsRequest,
    ) -> Result<ApiResponse<Option<Vec<MailboxUpdateResult>>>, CmrError> {
        self.send(Call::new(&ep::UPDATE_MAILBOX_DETAILS).user(user_id).json(request)).await
    }

    /// Deletes a mailbox for good; only earlier than 24 h before expiry.
    pub async fn remove_mailbox(&self, user_id: &str, request: &MailboxIdRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::REMOVE_MAILBOX).user(user_id).json(request)).await
    }

    /// SMTP/DNS health check of a mailbox. Read-only.
    pub async fn validate_mailbox(&self, user_id: &str, request: &MailboxIdRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::VALIDATE_MAILBOX).user(user_id).json(request)).await
    }
}
