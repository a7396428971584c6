//! DNS records of the zones CMR hosts for a user's domains.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::enums::{DmarcTag, DnsRecordType};
use crate::envelope::{Accepted, ApiResponse};
use crate::error::CmrError;

/// A record as read back. `recordId` is the only safe handle for update and delete.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DnsRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    pub host: String,
    pub value: String,
    pub record_type: Option<DnsRecordType>,
    /// MX priority; "" (no priority) reads as `None`, a number as its text.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(default, deserialize_with = "crate::serde_util::string_or_number", skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<u32>))]
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u32", skip_serializing_if = "Option::is_none")]
    pub ttl: Option<u32>,
    #[cfg_attr(feature = "specta", specta(type = Vec<DmarcTag>))]
    #[serde(
        default,
        rename = "excludedDMARCtags",
        deserialize_with = "crate::serde_util::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub excluded_dmarc_tags: Vec<DmarcTag>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The records of a domain. `data` may be a bare array or `{records, disabledRecords}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DnsRecords {
    pub records: Vec<DnsRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disabled_records: Vec<DnsRecord>,
}

impl<'de> Deserialize<'de> for DnsRecords {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (records, rest) = crate::serde_util::list_or_wrapped(Value::deserialize(d)?, &["records", "dnsRecords"])?;
        let disabled_records = match rest.and_then(|mut m| m.remove("disabledRecords")) {
            None | Some(Value::Null) => Vec::new(),
            Some(v) => serde_json::from_value(v).map_err(serde::de::Error::custom)?,
        };
        Ok(DnsRecords { records, disabled_records })
    }
}

/// A record to create or change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DnsRecordInput {
    /// `@`, `mail`, `_dmarc`, ...
    pub host: String,
    pub value: String,
    pub record_type: DnsRecordType,
    /// MX priority, sent as a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// Only on a DMARC TXT record: default tags CMR must not append. An empty list clears
    /// earlier exclusions, so `Some(vec![])` is sent while `None` is left out.
    #[serde(default, rename = "excludedDMARCtags", skip_serializing_if = "Option::is_none")]
    pub excluded_dmarc_tags: Option<Vec<DmarcTag>>,
}

impl DnsRecordInput {
    pub fn new(record_type: DnsRecordType, host: impl Into<String>, value: impl Into<String>) -> Self {
        DnsRecordInput { host: host.into(), value: value.into(), record_type, priority: None, excluded_dmarc_tags: None }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AddDnsRecordsRequest {
    pub domain: String,
    pub records: Vec<DnsRecordInput>,
}

/// PUT /dns takes one flat record (the seed page), not a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UpdateDnsRecordRequest {
    pub record_id: String,
    pub domain: String,
    #[serde(flatten)]
    pub record: DnsRecordInput,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DeleteDnsRecordsRequest {
    pub domain: String,
    pub record_ids: Vec<String>,
}

/// `data` of a DNS change: the provider's verdict, e.g. `{status: "Success", ...}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DnsChangeStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_description: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CmrClient {
    /// The records of a domain; `recordId` is the handle for update and delete.
    pub async fn get_dns_records(&self, user_id: &str, domain: &str) -> Result<ApiResponse<DnsRecords>, CmrError> {
        self.send(Call::new(&ep::GET_DNS_RECORDS).user(user_id).query("domain", domain)).await
    }

    /// Adds records; the reply's data is undocumented (it may list the new records).
    pub async fn add_dns_records(&self, user_id: &str, request: &AddDnsRecordsRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::ADD_DNS_RECORDS).user(user_id).json(request)).await
    }

    /// Changes one record; bad input gives 422 (`unprocessable`).
    pub async fn update_dns_record(
        &self,
        user_id: &str,
        request: &UpdateDnsRecordRequest,
    ) -> Result<ApiResponse<Option<DnsChangeStatus>>, CmrError> {
        self.send(Call::new(&ep::UPDATE_DNS_RECORD).user(user_id).json(request)).await
    }

    /// Deletes records by id (body shape inferred).
    pub async fn delete_dns_records(&self, user_id: &str, request: &DeleteDnsRecordsRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::DELETE_DNS_RECORDS).user(user_id).json(request)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stored and read again (a bulk job, the audit log), an update keeps "omitted", "clear"
    /// and "replace" apart: `None` never becomes `[]`.
    #[test]
    fn omitted_cleared_and_listed_exclusions_survive_a_round_trip() {
        for excluded in [None, Some(vec![]), Some(vec![DmarcTag::Ruf])] {
            let mut record = DnsRecordInput::new(DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=none");
            record.excluded_dmarc_tags = excluded.clone();
            let request = UpdateDnsRecordRequest { record_id: "r1".into(), domain: "acme.com".into(), record };
            let json = serde_json::to_value(&request).unwrap();
            assert_eq!(json.get("excludedDMARCtags").is_some(), excluded.is_some(), "{json}");
            let back: UpdateDnsRecordRequest = serde_json::from_value(json).unwrap();
            assert_eq!(back, request);
        }
        let from_ui: DnsRecordInput =
            serde_json::from_value(serde_json::json!({"host": "_dmarc", "value": "v", "recordType": "TXT", "excludedDMARCtags": null})).unwrap();
        assert_eq!(from_ui.excluded_dmarc_tags, None);
    }
}
