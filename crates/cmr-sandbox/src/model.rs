//! Server-side state types. Money is integer cents; timestamps are simulated milliseconds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub type Cents = i64;
pub type Ms = i64;

macro_rules! api_enum {
    ($name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }
        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

api_enum!(Provider { Google = "GOOGLE", Microsoft = "MICROSOFT" });
api_enum!(DomainStatus {
    Active = "ACTIVE", Pending = "PENDING", Renewing = "RENEWING", GracePeriod = "GRACE_PERIOD",
    Expired = "EXPIRED", Transferred = "TRANSFERRED", Inactive = "INACTIVE",
});
api_enum!(MailboxStatus {
    InProgress = "IN_PROGRESS", CreatingPassword = "CREATING_PASSWORD", Active = "ACTIVE", Expired = "EXPIRED",
});
api_enum!(SubStatus {
    Active = "ACTIVE", Renewing = "RENEWING", PastDue = "PAST_DUE", Cancelled = "CANCELLED", Expired = "EXPIRED",
});
api_enum!(WarmupStatus { Pending = "PENDING", Active = "ACTIVE", Paused = "PAUSED", Stopped = "STOPPED" });
api_enum!(Platform {
    Emailbison = "EMAILBISON", Reachinbox = "REACHINBOX", Smartlead = "SMARTLEAD", Instantly = "INSTANTLY",
});
api_enum!(RecordType { A = "A", Aaaa = "AAAA", Cname = "CNAME", Mx = "MX", Txt = "TXT", Ns = "NS" });

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub user_id: String,
    pub email: String,
    pub company: String,
    pub first_name: String,
    pub last_name: String,
    pub country: String,
    pub state: String,
    pub city: String,
    pub address_line_one: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line_two: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line_three: Option<String>,
    pub postal_code: String,
    pub language_preference: String,
    pub phone_cc: String,
    pub phone: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DnsRecord {
    pub id: String,
    pub host: String,
    pub value: String,
    pub rtype: RecordType,
    pub priority: String,
    pub ttl: i64,
    /// DMARC tags CMR must not add (`excludedDMARCtags`), kept until an update replaces or
    /// clears them (seed). Not in GET replies: no documented reply shows them.
    pub excluded_dmarc_tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Domain {
    pub id: String,
    pub name: String,
    pub user_id: String,
    pub status: DomainStatus,
    pub registered_on: Ms,
    pub expire_on: Ms,
    pub purchase_type: &'static str,
    pub provider: Provider,
    pub auto_renew: bool,
    pub protection: bool,
    pub forward_to: Option<String>,
    pub mask_forwarding: bool,
    pub email_forwarding: Option<String>,
    pub client_ids: Vec<(String, String)>,
    pub dns: Vec<DnsRecord>,
    pub sandbox: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Warmup {
    pub status: WarmupStatus,
    pub since: Ms,
    pub settings: Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mailbox {
    pub id: String,
    pub user_id: String,
    pub domain_id: String,
    pub domain: String,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub profile_picture: Option<String>,
    pub status: MailboxStatus,
    pub provider: Provider,
    pub created_at: Ms,
    pub subscription_id: Option<String>,
    pub order_id: Option<String>,
    pub password: String,
    pub app_password: String,
    pub authenticator_secret: String,
    pub is_admin: bool,
    pub warmup: Option<Warmup>,
    pub export_busy_until: Ms,
    pub sandbox: bool,
}

impl Mailbox {
    pub fn email(&self) -> String {
        format!("{}@{}", self.username, self.domain)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Subscription {
    pub id: String,
    pub user_id: String,
    pub domain_id: String,
    pub domain: String,
    pub status: SubStatus,
    pub provider: Provider,
    pub price_cents: Cents,
    pub period_start: Ms,
    pub period_end: Ms,
    pub auto_renew: bool,
    /// Start of the current 12-month pricing cycle (recreation resets it).
    pub cycle_start: Ms,
    pub past_due_since: Option<Ms>,
    pub oauth: Value,
    pub sandbox: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailboxReq {
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub profile_picture: Option<String>,
    #[serde(default)]
    pub on_warmup: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrderDomain {
    pub name: String,
    pub years: i64,
    pub forward_to: Option<String>,
    pub mask_forwarding: bool,
    pub price_cents: Cents,
    pub status: &'static str,
    pub reason: Option<String>,
    pub domain_id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub enum OrderKind {
    NewDomains,
    /// Mailboxes on a domain CMR already hosts: join `subscription_id`, or start a new
    /// subscription on `domain_id` after a cancellation.
    AddMailboxes { subscription_id: Option<String>, domain_id: Option<String> },
    Prewarmup { scenario: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct Order {
    pub id: String,
    pub user_id: String,
    pub kind: OrderKind,
    pub status: &'static str,
    pub created_at: Ms,
    pub amount_cents: Cents,
    pub confirm: bool,
    pub provider: Provider,
    pub auto_renew: bool,
    pub oauth: Value,
    pub domains: Vec<OrderDomain>,
    pub mailboxes: BTreeMap<String, Vec<MailboxReq>>,
    pub unavailable: Vec<String>,
    pub action_id: String,
    pub sandbox: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Credential {
    pub id: String,
    pub user_id: String,
    pub platform: Platform,
    pub email: String,
    pub password: String,
    pub metadata: Value,
    pub org_id: Option<String>,
    pub connected_at: Ms,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrewarmMailbox {
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub created_at: Ms,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrewarmDomain {
    pub domain: String,
    pub provider: Provider,
    pub mailboxes: Vec<PrewarmMailbox>,
    pub purchase_cents: Cents,
    pub renewal_cents: Cents,
    pub warming_since: Ms,
}

#[derive(Debug, Clone, Serialize)]
pub struct Placement {
    pub order_id: String,
    pub user_id: String,
    pub status: &'static str,
    pub spamassassin: bool,
    pub blacklist: bool,
    pub ai_insight: bool,
    pub created_at: Ms,
    pub mailbox_ids: Vec<String>,
    pub results: BTreeMap<String, Value>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Txn {
    pub at: String,
    pub amount: f64,
    pub balance_after: f64,
    pub description: String,
    pub reference: Option<String>,
}

/// A webhook the live API would have delivered. `actionId` correlates it with the request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub seq: u64,
    pub event: String,
    pub event_id: String,
    pub data: Value,
    pub emitted_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportedError {
    pub at: Ms,
    pub message: String,
    pub context: Value,
}
