//! CMR's response envelope `{status, message, data, actionId}`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// A successful reply: the envelope with `data` typed per operation.
///
/// Many writes only queue work; `action_id` then correlates the later webhook or poll.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ApiResponse<T> {
    /// The HTTP status (200, or 201 for pre-warmup orders).
    pub status: u16,
    #[serde(default)]
    pub message: String,
    pub data: T,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_id: Option<String>,
}

/// A reply whose `data` is undocumented or absent: kept as raw JSON when present.
pub type Accepted = ApiResponse<Option<Value>>;

impl<T> ApiResponse<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ApiResponse<U> {
        ApiResponse { status: self.status, message: self.message, data: f(self.data), action_id: self.action_id }
    }

    pub fn into_data(self) -> T {
        self.data
    }
}

/// The envelope as it arrives, every member optional: the reference shows `data` missing on
/// some replies and `null` on others.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RawEnvelope {
    #[serde(default, deserialize_with = "crate::serde_util::lenient_u16")]
    pub status: Option<u16>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub data: Option<Value>,
    #[serde(default)]
    pub action_id: Option<String>,
}

impl RawEnvelope {
    /// `actionId` at the top level, or inside `data` as some replies may nest it.
    pub fn action_id(&self) -> Option<String> {
        self.action_id.clone().or_else(|| {
            self.data.as_ref()?.get("actionId")?.as_str().map(str::to_owned)
        })
    }

    pub fn into_response<T: DeserializeOwned>(self, http_status: u16) -> Result<ApiResponse<T>, serde_json::Error> {
        let action_id = self.action_id();
        let data = T::deserialize(self.data.unwrap_or(Value::Null))?;
        Ok(ApiResponse {
            status: self.status.unwrap_or(http_status),
            message: self.message.unwrap_or_default(),
            data,
            action_id,
        })
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for ApiResponse<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawEnvelope::deserialize(deserializer)?;
        let status = raw.status.unwrap_or(200);
        raw.into_response(status).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_null_data_are_accepted() {
        let a: Accepted = serde_json::from_str(r#"{"status":200,"message":"User successfully deleted"}"#).unwrap();
        assert_eq!(a.data, None);
        let b: Accepted = serde_json::from_str(r#"{"status":200,"message":"x","data":null,"actionId":"ACT_1"}"#).unwrap();
        assert_eq!(b.action_id.as_deref(), Some("ACT_1"));
    }

    #[test]
    fn round_trips_through_json() {
        let r = ApiResponse { status: 201, message: "queued".into(), data: vec![1, 2], action_id: Some("ACT_9".into()) };
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json, serde_json::json!({"status":201,"message":"queued","data":[1,2],"actionId":"ACT_9"}));
        let back: ApiResponse<Vec<u8>> = serde_json::from_value(json).unwrap();
        assert_eq!(back, r);
    }
}
