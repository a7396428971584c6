//! The app's business rules and vocabularies, defined once. The UI receives them through the
//! bindings (`RULES` in `ui/src/bindings.ts`, written from [`Rules::current`]) and keeps no copy;
//! the core's own checks (polling, reconciliation) call the same functions.
//!
//! Each rule says where it comes from (cmr-api.md section and its SEEN / SEEN-HG / INFERRED
//! marker). Where the reference is silent the safer rule is chosen and the reason written here.
//! The sandbox (crates/cmr-sandbox) simulates a separate server and keeps its own copy of the
//! wire contract; `tests/rules_match_sandbox.rs` keeps the two from drifting apart.

use std::collections::BTreeMap;

use cmr_client::orders::OrderStatusInfo;
use cmr_client::{DomainStatus, MailboxStatus, Money, OrderStatus, SubscriptionStatus};
use serde::{Deserialize, Serialize};

use crate::tracker::ActionState;

/// What a reseller may ask CMR to do with a mailbox subscription.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum SubscriptionAction {
    Renew,
    Cancel,
    Recreate,
    AutoRenew,
}

/// The actions a subscription in `status` allows.
///
/// - Renew: the manual path for ACTIVE and the recovery path for PAST_DUE (cmr-api.md §8.3,
///   SEEN-HG). Not while RENEWING (one is under way) nor once CANCELLED/EXPIRED.
/// - Cancel and auto-renew: any live subscription; CANCELLED is permanent (§1.8, §8.5).
/// - Recreate: ACTIVE only. §8.1 (SEEN docs) says recreation "cancels the current workspace
///   subscription and provisions a new one ... no new charge", offered to restart pricing after
///   the one-year step (§8.0). A CANCELLED or EXPIRED subscription has nothing left to cancel
///   (a cancelled domain gets a fresh subscription through an order, §8.5), and recreating a
///   PAST_DUE or RENEWING one would sidestep an unpaid or running renewal at no charge; the
///   docs are silent on those, so the safer rule refuses them.
/// - An unknown status allows nothing: CMR is asked only about states the reference describes.
pub fn subscription_actions(status: &SubscriptionStatus) -> &'static [SubscriptionAction] {
    use SubscriptionAction::*;
    match status {
        SubscriptionStatus::Active => &[Renew, Cancel, Recreate, AutoRenew],
        SubscriptionStatus::Renewing => &[Cancel, AutoRenew],
        SubscriptionStatus::PastDue => &[Renew, Cancel, AutoRenew],
        SubscriptionStatus::Cancelled | SubscriptionStatus::Expired | SubscriptionStatus::Other(_) => &[],
    }
}

/// Which of a domain's subscriptions new mailboxes join, and which make the domain wait
/// (cmr-api.md §6.4): mailboxes join an ACTIVE subscription; while one is RENEWING or PAST_DUE
/// the domain takes none — sent by subscription CMR refuses it, and sent by domain it could open
/// a second subscription beside the one still billing. CANCELLED and EXPIRED ones are history
/// and neither take nor block.
pub fn mailbox_order_rule() -> MailboxOrderRule {
    use SubscriptionStatus::*;
    MailboxOrderRule { joins: vec![wire(&Active)], waits_for: vec![wire(&Renewing), wire(&PastDue)] }
}

/// The wire text of a documented subscription status, as a static string.
fn wire(status: &SubscriptionStatus) -> &'static str {
    let at = SubscriptionStatus::KNOWN.iter().position(|k| k == status).expect("a documented status");
    SubscriptionStatus::WIRE[at]
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MailboxOrderRule {
    /// Subscription statuses new mailboxes join.
    pub joins: Vec<&'static str>,
    /// Subscription statuses that hold the domain's mailbox orders until they settle.
    pub waits_for: Vec<&'static str>,
}

/// Where an order stands, read from its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum OrderPhase {
    Running,
    Done,
    Failed,
}

/// The order vocabulary is INFERRED (cmr-api.md §1.8: dashboard filters plus processing
/// states). Only the statuses listed here end an order; any other status, known or not, counts
/// as still running. That is the safer reading: an unknown word shown as "done" would tell the
/// person an order finished that may still be registering domains or charging, while a poll
/// that keeps going is bounded by the tracker's stall limit and ends as "taking longer than
/// expected".
pub fn order_phase(status: &OrderStatus) -> OrderPhase {
    match status {
        OrderStatus::Paid | OrderStatus::Completed | OrderStatus::PartialRefund => OrderPhase::Done,
        OrderStatus::Failed | OrderStatus::Refund | OrderStatus::Cancelled => OrderPhase::Failed,
        OrderStatus::Pending | OrderStatus::Processing | OrderStatus::Other(_) => OrderPhase::Running,
    }
}

/// An order is finished once it is done or failed.
pub fn order_finished(status: &OrderStatus) -> bool {
    order_phase(status) != OrderPhase::Running
}

/// An order's status as CMR sent it, with the app's reading of it: the UI shows `finished`
/// and never decides it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct OrderStatusView {
    #[serde(flatten)]
    pub info: OrderStatusInfo,
    pub phase: OrderPhase,
    /// Done or failed: nothing more will change.
    pub finished: bool,
}

impl From<OrderStatusInfo> for OrderStatusView {
    fn from(info: OrderStatusInfo) -> Self {
        // No status yet reads as PENDING: still running.
        let phase = info.status.as_ref().map_or(OrderPhase::Running, order_phase);
        OrderStatusView { info, phase, finished: phase != OrderPhase::Running }
    }
}

/// Domain renewal window: opens this many days before expiry (cmr-api.md §1.9, SEEN-HG).
pub const RENEWAL_WINDOW_DAYS: u32 = 45;
/// A GRACE_PERIOD domain stays renewable until the end of the UTC day this many days after
/// its expiry (cmr-api.md §1.8, SEEN-HG).
pub const GRACE_DAYS: u32 = 7;
/// Mailboxes can be removed only earlier than this many hours before the subscription's
/// period end (cmr-api.md §7.5, SEEN docs).
pub const REMOVAL_CUTOFF_HOURS: u32 = 24;
/// Assumed limit of mailboxes per domain in one order: warns beyond, never blocks.
pub const MAX_MAILBOXES_PER_DOMAIN: u32 = 100;
/// Beyond this many mailboxes on one domain deliverability usually suffers: a warning only.
pub const RECOMMENDED_MAILBOXES_PER_DOMAIN: u32 = 5;

/// A username is the local part of an address. The reference documents no rule (cmr-api.md
/// §6 only shows examples like `alice.j`); this one is the common ground of Google Workspace
/// and Microsoft 365 local parts, so CMR's providers will not refuse a name that passes it.
/// Two dots in a row are refused: both providers reject them, so the safer rule blocks before
/// a paid order is sent.
pub const USERNAME_MAX_LEN: usize = 64;
pub const USERNAME_CHARS: &str = "abcdefghijklmnopqrstuvwxyz0123456789._-";

/// Why `username` would be refused, or `None`. The messages are shown under the field.
pub fn username_problem(username: &str) -> Option<&'static str> {
    if username.is_empty() {
        return Some("Enter a username.");
    }
    if username.chars().count() > USERNAME_MAX_LEN {
        return Some("Use at most 64 characters.");
    }
    if username.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("Use lower-case letters only.");
    }
    if !username.chars().all(|c| USERNAME_CHARS.contains(c)) {
        return Some("Use only letters, digits, dots, hyphens and underscores.");
    }
    if username.starts_with('.') || username.ends_with('.') {
        return Some("A username cannot start or end with a dot.");
    }
    if username.contains("..") {
        return Some("A username cannot have two dots in a row.");
    }
    None
}

/// Person names (first and last names of mailboxes and customers): letters and digits of any
/// script, spaces and these signs. CMR's user fields accept this set (help guide); longer than
/// [`PERSON_NAME_MAX_LEN`] characters is refused.
pub const PERSON_NAME_SIGNS: &str = " .,'#&()/-";
pub const PERSON_NAME_MAX_LEN: usize = 60;

/// Why `name` (labelled `label` in the message) would be refused, or `None`.
pub fn person_name_problem(name: &str, label: &str) -> Option<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Some(format!("Enter a {label}."));
    }
    if trimmed.chars().count() > PERSON_NAME_MAX_LEN {
        return Some(format!("The {label} is too long ({PERSON_NAME_MAX_LEN} characters at most)."));
    }
    if !trimmed.chars().all(|c| c.is_alphanumeric() || PERSON_NAME_SIGNS.contains(c)) {
        return Some(format!("The {label} has characters CMR does not accept."));
    }
    None
}

/// An amount as CMR sends it (a JSON number like `8` or a decimal string like `"14.50"`) in
/// integer cents, or `None` when it is not an amount. Past the second decimal it rounds half
/// away from zero ([`Money::to_cents`]): CMR documents two decimals (cmr-api.md §1.4), and
/// rounding keeps a cost preview from showing less than the wallet pays, where truncating
/// would drop up to a cent per line.
pub fn cents_of(amount: &str) -> Option<i64> {
    Money::parse(amount).ok()?.to_cents()
}

/// Every rule and vocabulary the UI needs, as data. Serialised into the bindings as `RULES`.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rules {
    pub domain_statuses: Vec<&'static str>,
    pub mailbox_statuses: Vec<&'static str>,
    pub subscription_statuses: Vec<&'static str>,
    pub order_statuses: Vec<&'static str>,
    pub action_states: Vec<ActionState>,
    /// Known subscription status → the actions it allows ([`subscription_actions`]); an
    /// unlisted status allows nothing.
    pub subscription_actions: BTreeMap<&'static str, &'static [SubscriptionAction]>,
    pub renewal_window_days: u32,
    pub grace_days: u32,
    pub removal_cutoff_hours: u32,
    pub max_mailboxes_per_domain: u32,
    pub recommended_mailboxes_per_domain: u32,
    pub username: UsernameRule,
    pub person_name: PersonNameRule,
    pub mailbox_order: MailboxOrderRule,
    /// The mailbox CSV import's bounds ([`crate::mailbox_csv`]): the window checks a chosen
    /// file's size before reading it.
    pub mailbox_csv: MailboxCsvRule,
    /// The mail template that serves each provider's mailboxes (`crate::template_fit`).
    pub mail_template_for: BTreeMap<&'static str, cmr_dns::MailTemplate>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UsernameRule {
    pub max_len: usize,
    pub chars: &'static str,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MailboxCsvRule {
    pub max_bytes: usize,
    pub max_rows: usize,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonNameRule {
    pub max_len: usize,
    pub signs: &'static str,
}

impl Rules {
    pub fn current() -> Rules {
        Rules {
            domain_statuses: DomainStatus::WIRE.to_vec(),
            mailbox_statuses: MailboxStatus::WIRE.to_vec(),
            subscription_statuses: SubscriptionStatus::WIRE.to_vec(),
            order_statuses: OrderStatus::WIRE.to_vec(),
            action_states: ActionState::ALL.to_vec(),
            subscription_actions: SubscriptionStatus::KNOWN.iter().zip(SubscriptionStatus::WIRE).map(|(s, w)| (*w, subscription_actions(s))).collect(),
            renewal_window_days: RENEWAL_WINDOW_DAYS,
            grace_days: GRACE_DAYS,
            removal_cutoff_hours: REMOVAL_CUTOFF_HOURS,
            max_mailboxes_per_domain: MAX_MAILBOXES_PER_DOMAIN,
            recommended_mailboxes_per_domain: RECOMMENDED_MAILBOXES_PER_DOMAIN,
            username: UsernameRule { max_len: USERNAME_MAX_LEN, chars: USERNAME_CHARS },
            person_name: PersonNameRule { max_len: PERSON_NAME_MAX_LEN, signs: PERSON_NAME_SIGNS },
            mailbox_order: mailbox_order_rule(),
            mailbox_csv: MailboxCsvRule { max_bytes: crate::mailbox_csv::MAX_CSV_BYTES, max_rows: crate::mailbox_csv::MAX_CSV_ROWS },
            mail_template_for: crate::template_fit::templates_by_provider(),
        }
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
