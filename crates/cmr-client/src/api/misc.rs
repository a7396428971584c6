//! Reporting a client-side error to CMR.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::envelope::Accepted;
use crate::error::CmrError;

/// Purpose and fields are inferred: a message plus free-form context.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SendErrorRequest {
    pub message: String,
    #[serde(default = "empty_object")]
    pub context: Value,
}

fn empty_object() -> Value {
    Value::Object(Default::default())
}

impl SendErrorRequest {
    pub fn new(message: impl Into<String>) -> Self {
        SendErrorRequest { message: message.into(), context: empty_object() }
    }
}

impl CmrClient {
    /// Reports a client-side error (path guessed). Never put the key or passwords in `context`.
    pub async fn send_error(&self, request: &SendErrorRequest) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::SEND_ERROR).json(request)).await
    }
}
