//! Orders: new domains with mailboxes, more mailboxes on hosted domains, order state.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::api::GoogleOauthConfig;
use crate::client::{Call, CmrClient};
use crate::endpoints as ep;
use crate::enums::{BillingCycle, OrderStatus, ServiceProvider};
use crate::envelope::{Accepted, ApiResponse};
use crate::error::CmrError;
use crate::money::Money;

/// Mailboxes to create, keyed by domain NAME (not id).
pub type MailboxesByDomain = BTreeMap<String, Vec<MailboxOrderItem>>;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct MailboxOrderItem {
    /// Local part of the address.
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_picture: Option<String>,
    /// Enrol in warmup after provisioning (billed with the mailbox).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_warmup: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DomainOrderItem {
    pub domain: String,
    pub years: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_to: Option<String>,
    /// Masked (framed) forwarding; documented on the multipart order only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask_forwarding: Option<bool>,
}

/// Register domains and provision their mailboxes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CreateOrderRequest {
    pub domains: Vec<DomainOrderItem>,
    pub mailboxes: MailboxesByDomain,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_cycle: Option<BillingCycle>,
    /// true: queue now (the wallet must cover it); false: wait for `process_order`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<ServiceProvider>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microsoft_oauth_route: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google: Option<GoogleOauthConfig>,
    /// Auto-renewal of the mailbox subscription (not of the domain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew: Option<bool>,
}

/// `subscription_id` (active subscription) XOR
/// `domain_id` (previous subscription cancelled; a new one is created).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrderMailboxesRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    pub mailboxes: MailboxesByDomain,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_cycle: Option<BillingCycle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<ServiceProvider>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microsoft_oauth_route: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google: Option<GoogleOauthConfig>,
    /// Only applies with `domain_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew: Option<bool>,
}

/// `data` of an order creation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrderCreated {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// Domains that could not be registered.
    #[cfg_attr(feature = "specta", specta(type = Vec<String>))]
    #[serde(default, deserialize_with = "crate::serde_util::null_as_empty")]
    pub unavailable_domains: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrderStatusInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An order (fields inferred from the dashboard's order table).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Order {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_charged: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<ServiceProvider>,
    #[cfg_attr(feature = "specta", specta(type = Vec<Value>))]
    #[serde(default, deserialize_with = "crate::serde_util::null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<Value>,
    #[cfg_attr(feature = "specta", specta(type = Vec<Value>))]
    #[serde(default, deserialize_with = "crate::serde_util::null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub mailboxes: Vec<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A profile picture for a multipart order, sent as a part named `username@domain`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ProfilePicture {
    /// `username@domain` of the mailbox.
    pub mailbox: String,
    pub file_name: String,
    /// e.g. "image/png".
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for ProfilePicture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfilePicture")
            .field("mailbox", &self.mailbox)
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// Sent as `multipart/form-data`; objects travel as JSON-encoded text parts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CreateOrderMultipart {
    pub domains: Vec<DomainOrderItem>,
    pub mailboxes: MailboxesByDomain,
    /// Required on this form; MONTHLY is the only value.
    #[serde(default)]
    pub billing_cycle: BillingCycle,
    #[serde(default)]
    pub files: Vec<ProfilePicture>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_provider: Option<ServiceProvider>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microsoft_oauth_route: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google: Option<GoogleOauthConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew: Option<bool>,
}

/// Deprecated multipart twin of `order_mailboxes_json`, for GOOGLE mailboxes only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AddMailboxesMultipart {
    pub subscription_id: String,
    pub mailboxes: MailboxesByDomain,
    #[serde(default)]
    pub files: Vec<ProfilePicture>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google: Option<GoogleOauthConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew: Option<bool>,
}

/// The parts of a multipart body, kept as data so a retry can rebuild the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultipartBody {
    pub text: Vec<(String, String)>,
    pub files: Vec<ProfilePicture>,
}

impl MultipartBody {
    fn push_json(&mut self, name: &str, value: &impl Serialize) -> Result<(), String> {
        let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
        self.text.push((name.to_owned(), text));
        Ok(())
    }

    fn push_opt<T: ToString>(&mut self, name: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.text.push((name.to_owned(), v.to_string()));
        }
    }

    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in &self.text {
            form = form.text(name.clone(), value.clone());
        }
        for file in &self.files {
            let part = reqwest::multipart::Part::bytes(file.bytes.clone())
                .file_name(file.file_name.clone())
                .mime_str(&file.content_type)
                .map_err(|e| format!("content type {:?}: {e}", file.content_type))?;
            form = form.part(file.mailbox.clone(), part);
        }
        Ok(form)
    }
}

impl CreateOrderMultipart {
    pub fn to_multipart(&self) -> Result<MultipartBody, String> {
        let mut body = MultipartBody::default();
        body.push_json("domains", &self.domains)?;
        body.push_json("mailboxes", &self.mailboxes)?;
        body.text.push(("billingCycle".into(), self.billing_cycle.to_string()));
        body.push_opt("confirm", &self.confirm);
        body.push_opt("serviceProvider", &self.service_provider);
        body.push_opt("microsoftOauthRoute", &self.microsoft_oauth_route);
        if let Some(google) = &self.google {
            body.push_json("google", google)?;
        }
        body.push_opt("autoRenew", &self.auto_renew);
        body.files = self.files.clone();
        Ok(body)
    }
}

impl AddMailboxesMultipart {
    pub fn to_multipart(&self) -> Result<MultipartBody, String> {
        let mut body = MultipartBody::default();
        body.text.push(("subscriptionId".into(), self.subscription_id.clone()));
        body.push_json("mailboxes", &self.mailboxes)?;
        body.push_opt("confirm", &self.confirm);
        if let Some(google) = &self.google {
            body.push_json("google", google)?;
        }
        body.push_opt("autoRenew", &self.auto_renew);
        body.files = self.files.clone();
        Ok(body)
    }
}

fn multipart_call<'a>(
    endpoint: &'static crate::endpoints::Endpoint,
    user_id: &'a str,
    body: Result<MultipartBody, String>,
) -> Call<'a> {
    let call = Call::new(endpoint).user(user_id);
    match body {
        Ok(body) => call.multipart(body),
        Err(message) => call.invalid(message),
    }
}

impl CmrClient {
    /// One order (path guessed).
    pub async fn get_order_details(&self, user_id: &str, order_id: &str) -> Result<ApiResponse<Order>, CmrError> {
        self.send(Call::new(&ep::GET_ORDER_DETAILS).user(user_id).query("orderId", order_id)).await
    }

    /// An order's state: poll this instead of waiting for a webhook.
    pub async fn get_order_status(
        &self,
        user_id: &str,
        order_id: &str,
    ) -> Result<ApiResponse<OrderStatusInfo>, CmrError> {
        self.send(Call::new(&ep::GET_ORDER_STATUS).user(user_id).query("orderId", order_id)).await
    }

    /// Registers domains with mailboxes. Paid: never retried after a timeout (`outcome_unknown`).
    pub async fn create_order_json(
        &self,
        user_id: &str,
        request: &CreateOrderRequest,
    ) -> Result<ApiResponse<Option<OrderCreated>>, CmrError> {
        self.send(Call::new(&ep::CREATE_ORDER_JSON).user(user_id).json(request)).await
    }

    /// Adds mailboxes to a hosted domain. Paid.
    pub async fn order_mailboxes_json(
        &self,
        user_id: &str,
        request: &OrderMailboxesRequest,
    ) -> Result<ApiResponse<Option<OrderCreated>>, CmrError> {
        self.send(Call::new(&ep::ORDER_MAILBOXES_JSON).user(user_id).json(request)).await
    }

    /// Starts an order created with `confirm: false` (path guessed). Paid.
    pub async fn process_order(&self, user_id: &str, order_id: &str) -> Result<Accepted, CmrError> {
        self.send(Call::new(&ep::PROCESS_ORDER).user(user_id).query("orderId", order_id)).await
    }

    /// The multipart twin of `create_order_json`, with profile pictures (path guessed). Paid.
    pub async fn create_order(
        &self,
        user_id: &str,
        request: &CreateOrderMultipart,
    ) -> Result<ApiResponse<Option<OrderCreated>>, CmrError> {
        self.send(multipart_call(&ep::CREATE_ORDER, user_id, request.to_multipart())).await
    }

    /// The deprecated multipart twin of `order_mailboxes_json` (path guessed). Paid.
    pub async fn add_mailboxes_to_subscription(
        &self,
        user_id: &str,
        request: &AddMailboxesMultipart,
    ) -> Result<ApiResponse<Option<OrderCreated>>, CmrError> {
        self.send(multipart_call(&ep::ADD_MAILBOXES_TO_SUBSCRIPTION, user_id, request.to_multipart())).await
    }
}
