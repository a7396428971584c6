//! What a bulk job is made of: the operations it can carry, its items, and the views of a job
//! and its items the UI reads.

use cmr_client::dns::{AddDnsRecordsRequest, DeleteDnsRecordsRequest, UpdateDnsRecordRequest};
use cmr_client::domains::{DomainForwardingRequest, EmailForwardingRequest, ToggleDomainAutoRenewRequest};
use cmr_client::exports::ExportMailboxesRequest;
use cmr_client::mailboxes::{MailboxIdRequest, UpdateMailboxDetailsRequest};
use cmr_client::subscriptions::ToggleSubscriptionAutoRenewRequest;
use cmr_client::warmup::{WarmupSettings, WarmupStatusRequest};
use cmr_client::endpoints::{self as ep, Endpoint};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::app_error::{AppError, ErrorCode};
use crate::error::DeskError;

/// A warmup call on one mailbox.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WarmupStatusItem {
    pub mailbox_id: String,
    #[serde(flatten)]
    pub request: WarmupStatusRequest,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WarmupSettingsItem {
    pub mailbox_id: String,
    pub settings: WarmupSettings,
}

/// The operations a bulk job can run: the client method's name and its request. Paid calls
/// (orders, renewals) are left out on purpose: a job that can be resumed and retried must not
/// be able to charge the wallet twice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "operation", content = "request", rename_all = "snake_case")]
pub enum BulkOp {
    AddDnsRecords(AddDnsRecordsRequest),
    UpdateDnsRecord(UpdateDnsRecordRequest),
    DeleteDnsRecords(DeleteDnsRecordsRequest),
    UpdateMailboxDetails(UpdateMailboxDetailsRequest),
    RemoveMailbox(MailboxIdRequest),
    ValidateMailbox(MailboxIdRequest),
    ToggleDomainAutoRenew(ToggleDomainAutoRenewRequest),
    AddDomainForwarding(DomainForwardingRequest),
    AddEmailForwarding(EmailForwardingRequest),
    RemoveWarmup(MailboxIdRequest),
    SetWarmupStatus(WarmupStatusItem),
    UpdateWarmupSettings(WarmupSettingsItem),
    ToggleSubscriptionAutoRenew(ToggleSubscriptionAutoRenewRequest),
    ExportMailboxesToPlatform(ExportMailboxesRequest),
}

impl BulkOp {
    /// The endpoint this operation calls: named by its constant, so a wrong name does not compile.
    pub fn endpoint(&self) -> &'static Endpoint {
        match self {
            BulkOp::AddDnsRecords(_) => &ep::ADD_DNS_RECORDS,
            BulkOp::UpdateDnsRecord(_) => &ep::UPDATE_DNS_RECORD,
            BulkOp::DeleteDnsRecords(_) => &ep::DELETE_DNS_RECORDS,
            BulkOp::UpdateMailboxDetails(_) => &ep::UPDATE_MAILBOX_DETAILS,
            BulkOp::RemoveMailbox(_) => &ep::REMOVE_MAILBOX,
            BulkOp::ValidateMailbox(_) => &ep::VALIDATE_MAILBOX,
            BulkOp::ToggleDomainAutoRenew(_) => &ep::TOGGLE_DOMAIN_AUTO_RENEW,
            BulkOp::AddDomainForwarding(_) => &ep::ADD_DOMAIN_FORWARDING,
            BulkOp::AddEmailForwarding(_) => &ep::ADD_EMAIL_FORWARDING,
            BulkOp::RemoveWarmup(_) => &ep::REMOVE_WARMUP,
            BulkOp::SetWarmupStatus(_) => &ep::SET_WARMUP_STATUS,
            BulkOp::UpdateWarmupSettings(_) => &ep::UPDATE_WARMUP_SETTINGS,
            BulkOp::ToggleSubscriptionAutoRenew(_) => &ep::TOGGLE_SUBSCRIPTION_AUTO_RENEW,
            BulkOp::ExportMailboxesToPlatform(_) => &ep::EXPORT_MAILBOXES_TO_PLATFORM,
        }
    }

    /// The operation's name (the client method's): what the audit log, the policy table and a
    /// stored job use.
    pub fn operation(&self) -> String {
        crate::policy::snake_case(self.endpoint().operation_id)
    }

    /// Whether the operation needs the customer (CMR `userId`).
    pub fn needs_customer(&self) -> bool {
        self.endpoint().user_id_required
    }
}

/// One subject of a job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BulkItem {
    #[serde(default)]
    pub customer_id: Option<String>,
    /// What the item acts on, for people (a domain, a mailbox address).
    pub subject: String,
    pub op: BulkOp,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NewBulkJob {
    pub label: String,
    /// All of one operation; at most [`MAX_ITEMS`](super::MAX_ITEMS). Reading stops building
    /// items one past the limit (the rest is only counted over), so an oversized request is
    /// refused without holding it all in memory as items.
    #[serde(deserialize_with = "bounded_items")]
    #[cfg_attr(feature = "specta", specta(type = Vec<BulkItem>))]
    pub items: Vec<BulkItem>,
    /// Items in flight at once (default 4); the client's shared rate limit paces them.
    #[serde(default)]
    pub concurrency: Option<u32>,
    /// Read each zone before and after a DNS write for the audit log (default off in bulk:
    /// it triples the requests).
    #[serde(default)]
    pub dns_snapshots: Option<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Completed,
    CompletedWithErrors,
    Cancelled,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    /// Interrupted mid-call and CMR's state could not tell whether it took effect.
    Unknown,
}

impl ItemState {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::Pending => "pending",
            ItemState::Running => "running",
            ItemState::Succeeded => "succeeded",
            ItemState::Failed => "failed",
            ItemState::Cancelled => "cancelled",
            ItemState::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> ItemState {
        match s {
            "pending" => ItemState::Pending,
            "running" => ItemState::Running,
            "succeeded" => ItemState::Succeeded,
            "failed" => ItemState::Failed,
            "cancelled" => ItemState::Cancelled,
            _ => ItemState::Unknown,
        }
    }
}

/// A job with its counts by item state; also the progress event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JobView {
    pub id: String,
    pub profile_id: String,
    pub operation: String,
    pub label: String,
    pub state: JobState,
    pub total: u32,
    pub pending: u32,
    pub running: u32,
    pub succeeded: u32,
    pub failed: u32,
    pub cancelled: u32,
    pub unknown: u32,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ItemError {
    /// The same closed set a command's error uses, so the UI words both alike.
    pub code: ErrorCode,
    pub message: String,
    pub status: Option<u16>,
    pub fields: Option<std::collections::BTreeMap<String, String>>,
}

impl ItemError {
    pub fn from_desk(e: &DeskError) -> ItemError {
        let AppError { code, message, status, fields, .. } = AppError::from(e.clone());
        ItemError { code, message, status, fields }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JobItemView {
    pub index: u32,
    pub customer_id: Option<String>,
    pub subject: String,
    pub state: ItemState,
    pub attempts: u32,
    pub action_id: Option<String>,
    /// The reply's message and data (secrets removed).
    pub result: Option<Value>,
    pub error: Option<ItemError>,
}

/// Reads at most `MAX_ITEMS + 1` items and skips the rest unread: the extra one is what
/// [`Desk::start_bulk_job`](crate::Desk::start_bulk_job) refuses, with the limit in its message.
fn bounded_items<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<BulkItem>, D::Error> {
    struct Bounded;
    impl<'de> serde::de::Visitor<'de> for Bounded {
        type Value = Vec<BulkItem>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "a list of job items")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let limit = super::MAX_ITEMS + 1;
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(limit).min(4096));
            while items.len() < limit {
                match seq.next_element()? {
                    Some(item) => items.push(item),
                    None => return Ok(items),
                }
            }
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            Ok(items)
        }
    }
    deserializer.deserialize_seq(Bounded)
}
