//! One module per API area: its request and response types and its `CmrClient` methods.

pub mod dns;
pub mod domains;
pub mod exports;
pub mod geo;
pub mod mailboxes;
pub mod misc;
pub mod orders;
pub mod prewarmup;
pub mod subscriptions;
pub mod users;
pub mod wallet;
pub mod warmup;

use serde::{Deserialize, Serialize};

/// Paging for list calls with nothing else to filter on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PageQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl PageQuery {
    pub fn page(page: u32, limit: u32) -> PageQuery {
        PageQuery { page: Some(page), limit: Some(limit) }
    }
}

/// Google OAuth export settings of an order or re-export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GoogleOauthConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google_oauth_route: Option<String>,
    /// Documented as a number on one (deprecated) page, so read from either type.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(
        default,
        deserialize_with = "crate::serde_util::string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
}
