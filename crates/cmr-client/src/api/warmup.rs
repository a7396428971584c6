//! Warmup of a mailbox, and inbox-placement tests.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::enums::{PlacementStatus, WarmupStatus};
use crate::envelope::{Accepted, ApiResponse};
use crate::error::CmrError;
use crate::pagination::{Paginated, Pagination};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WarmupStatusRequest {
    pub status: WarmupStatus,
}

/// `data` of a warmup toggle: the new state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WarmupState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<WarmupStatus>,
}

/// Warmup tuning; send only what changes. Rates are fractions (0.30 = 30 %).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct WarmupSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup_limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_warmup_limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup_reply_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup_open_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup_spam_protection_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup_on_weekdays: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increase_per_day: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup_disable_slow: Option<bool>,
    /// Seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_delay_between_warmup_emails: Option<u32>,
    /// Seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_delay_between_warmup_emails: Option<u32>,
}

/// An inbox-placement test over Gmail and Microsoft 365 seeds; AI insight costs extra.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlacementTestRequest {
    pub mailbox_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spamassassin: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blacklist: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_insight: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlacementOrder {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlacementReportsQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// One mailbox's result within a placement order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlacementMailboxReport {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_order_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PlacementStatus>,
    /// `{inboxTest: {google: [], microsoft365: []}, spamassassin: {}, blacklist: {}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Results grouped by placement order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlacementReport {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PlacementStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spamassassin: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blacklist: Option<bool>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub mailbox_count: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Vec<PlacementMailboxReport>))]
    #[serde(default, deserialize_with = "crate::serde_util::null_as_empty")]
    pub mailboxes: Vec<PlacementMailboxReport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_insight: Option<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `data` of the reports call: an array, one report object, or `{reports, pagination}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlacementReports {
    pub reports: Vec<PlacementReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}

impl<'de> Deserialize<'de> for PlacementReports {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        if value.get("orderId").is_some() {
            let one = serde_json::from_value(value).map_err(serde::de::Error::custom)?;
            return Ok(PlacementReports { reports: vec![one], pagination: None });
        }
        let (reports, rest) = crate::serde_util::list_or_wrapped(value, &["reports", "orders", "data"])?;
        let pagination = rest
            .and_then(|mut m| m.remove("pagination"))
            .map(serde_json::from_value)
            .transpose()
            .map_err(serde::de::Error::custom)?;
        Ok(PlacementReports { reports, pagination })
    }
}

impl Paginated for PlacementReports {
    type Item = PlacementReport;
    fn pagination(&self) -> Pagination {
        self.pagination.clone().unwrap_or_default()
    }
    fn into_items(self) -> Vec<PlacementReport> {
        self.reports
    }
}

impl CmrClient {
    /// Enrols an ACTIVE mailbox in warmup; prorated charge.
    pub async fn add_warmup(&self, mailbox_id: &str) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::ADD_WARMUP).query("mailboxId", mailbox_id)).await
    }

    /// Removes a mailbox from warmup for good; billing stops at the next renewal.
    pub async fn remove_warmup(&self, mailbox_id: &str) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::REMOVE_WARMUP).query("mailboxId", mailbox_id)).await
    }

    /// Pauses or resumes warmup (paused is still billed).
    pub async fn toggle_warmup(&self, mailbox_id: &str) -> Result<ApiResponse<Option<WarmupState>>, CmrError> {
        self.send(Call::new(&ep::TOGGLE_WARMUP).query("mailboxId", mailbox_id)).await
    }

    /// Sets the warmup state explicitly.
    pub async fn set_warmup_status(&self, mailbox_id: &str, request: &WarmupStatusRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::SET_WARMUP_STATUS).query("mailboxId", mailbox_id).json(request)).await
    }

    /// Tunes warmup; only the fields set are sent.
    pub async fn update_warmup_settings(&self, mailbox_id: &str, settings: &WarmupSettings) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::UPDATE_WARMUP_SETTINGS).query("mailboxId", mailbox_id).json(settings)).await
    }

    /// Starts an inbox-placement test. Paid: 402 (`insufficient_funds`) on a low wallet.
    pub async fn create_placement_test(
        &self,
        user_id: &str,
        request: &PlacementTestRequest,
    ) -> Result<ApiResponse<Option<PlacementOrder>>, CmrError> {
        self.send(Call::new(&ep::CREATE_PLACEMENT_TEST).user(user_id).json(request)).await
    }

    /// Placement results grouped by test order.
    pub async fn get_placement_reports(
        &self,
        user_id: &str,
        query: &PlacementReportsQuery,
    ) -> Result<ApiResponse<PlacementReports>, CmrError> {
        self.send(Call::new(&ep::GET_PLACEMENT_REPORTS).user(user_id).query_struct(query)).await
    }
}
