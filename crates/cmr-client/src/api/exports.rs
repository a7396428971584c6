//! Exports of mailboxes to sending platforms, and OAuth re-export.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::api::GoogleOauthConfig;
use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::enums::ExportPlatform;
use crate::envelope::{Accepted, ApiResponse};
use crate::error::CmrError;

/// Login of a sending-platform account. `Debug` hides the password.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlatformLogin {
    pub email: String,
    pub password: String,
}

impl fmt::Debug for PlatformLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlatformLogin").field("email", &self.email).field("password", &"[redacted]").finish()
    }
}

/// EmailBison settings of a credential.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlatformMetadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_base_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A new credential; CMR validates it live against the platform before storing it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlatformCredentialInput {
    pub app: ExportPlatform,
    pub credentials: PlatformLogin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<PlatformMetadata>,
    /// Instantly workspace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CredentialCreated {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
}

/// Update in place (password rotation, Instantly `orgId`); the credentialId stays.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UpdatePlatformCredentialRequest {
    pub credential_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<PlatformLogin>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StoredCredential {
    #[serde(default)]
    pub credential_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<PlatformMetadata>,
}

/// `connected` means at least one credential is stored, not that it still works.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlatformConnection {
    #[serde(default)]
    pub connected: bool,
    #[cfg_attr(feature = "specta", specta(type = Vec<StoredCredential>))]
    #[serde(default, deserialize_with = "crate::serde_util::null_as_empty")]
    pub credentials: Vec<StoredCredential>,
}

/// Platform id (e.g. "EMAILBISON") → its connection.
pub type ConnectedPlatforms = BTreeMap<String, PlatformConnection>;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExportMailboxesRequest {
    pub credential_id: String,
    /// The docs' name; the help guide writes `mailboxIds`.
    pub component_mailbox_ids: Vec<String>,
}

/// An Instantly workspace of a stored credential. Shape inferred.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlatformWorkspace {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Workspaces: a bare array or an object wrapping one.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct PlatformWorkspaces(pub Vec<PlatformWorkspace>);

impl<'de> Deserialize<'de> for PlatformWorkspaces {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (items, _) = crate::serde_util::list_or_wrapped(Value::deserialize(d)?, &["workspaces", "organizations"])?;
        Ok(PlatformWorkspaces(items))
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MicrosoftOauthConfig {
    pub microsoft_oauth_route: String,
}

/// Re-export one mailbox by OAuth; the config must match the mailbox's own provider.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReExportMailboxRequest {
    pub mailbox_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google: Option<GoogleOauthConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microsoft: Option<MicrosoftOauthConfig>,
}

impl CmrClient {
    /// Stores a platform login after a live check; invalid ones give 400 and nothing is stored.
    pub async fn add_platform_credential(
        &self,
        user_id: &str,
        request: &PlatformCredentialInput,
    ) -> Result<ApiResponse<Option<CredentialCreated>>, CmrError> {
        self.send(Call::new(&ep::ADD_PLATFORM_CREDENTIAL).user(user_id).json(request)).await
    }

    /// Updates a stored credential in place (help guide only).
    pub async fn update_platform_credential(
        &self,
        user_id: &str,
        request: &UpdatePlatformCredentialRequest,
    ) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::UPDATE_PLATFORM_CREDENTIAL).user(user_id).json(request)).await
    }

    /// Deletes a stored credential; its id stops working.
    pub async fn remove_platform_credential(&self, user_id: &str, credential_id: &str) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::REMOVE_PLATFORM_CREDENTIAL).user(user_id).query("credentialId", credential_id)).await
    }

    /// Stored credentials per platform.
    pub async fn get_connected_platforms(&self, user_id: &str) -> Result<ApiResponse<ConnectedPlatforms>, CmrError> {
        self.send(Call::new(&ep::GET_CONNECTED_PLATFORMS).user(user_id)).await
    }

    /// Queues an export of ACTIVE mailboxes with a stored credential.
    pub async fn export_mailboxes_to_platform(
        &self,
        user_id: &str,
        request: &ExportMailboxesRequest,
    ) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::EXPORT_MAILBOXES_TO_PLATFORM).user(user_id).json(request)).await
    }

    /// Instantly workspaces of a stored credential.
    pub async fn get_platform_workspaces(
        &self,
        user_id: &str,
        credential_id: &str,
    ) -> Result<ApiResponse<PlatformWorkspaces>, CmrError> {
        self.send(Call::new(&ep::GET_PLATFORM_WORKSPACES).user(user_id).query("credentialId", credential_id)).await
    }

    /// Queues an OAuth re-export of one mailbox; `mailbox.exported` follows.
    pub async fn re_export_mailbox_o_auth(&self, user_id: &str, request: &ReExportMailboxRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::RE_EXPORT_MAILBOX_OAUTH).user(user_id).json(request)).await
    }
}
