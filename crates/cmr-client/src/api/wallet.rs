//! The partner wallet: one per partner, it pays for everything.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::envelope::ApiResponse;
use crate::error::CmrError;
use crate::money::Money;

/// Wallet state. The shape follows CMR's white-label parent (USD balance, auto-recharge).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Wallet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet_balance: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_recharge_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_recharge_details: Option<AutoRecharge>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AutoRecharge {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CmrClient {
    /// Balance and auto-recharge settings (path guessed).
    pub async fn get_wallet_details(&self) -> Result<ApiResponse<Wallet>, CmrError> {
        self.send(Call::new(&ep::GET_WALLET_DETAILS)).await
    }
}
