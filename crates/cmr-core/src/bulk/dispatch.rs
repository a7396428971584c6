//! Sending one item of a bulk job: each operation goes through [`Desk::mutate`], so it is
//! audited, tracked and guarded like a single call (reads go straight to the client).

use cmr_client::ApiResponse;
use serde::Serialize;
use serde_json::Value;

use super::model::{BulkItem, BulkOp};
use crate::desk::{Desk, Mutation};
use crate::error::{DeskError, DeskResult};

/// What a finished item returns: its actionId and a summary of the reply.
pub(crate) struct ItemOutcome {
    pub action_id: Option<String>,
    pub result: Value,
}

fn outcome<T: Serialize>(r: ApiResponse<T>) -> ItemOutcome {
    let data = serde_json::to_value(&r.data).unwrap_or(Value::Null);
    ItemOutcome {
        action_id: r.action_id,
        result: crate::redact::redact(&serde_json::json!({"message": r.message, "data": data})),
    }
}

impl Desk {
    /// Sends one item through [`Desk::mutate`] (reads go straight to the client).
    pub(crate) async fn run_bulk_item(&self, job_id: &str, idx: u32, item: &BulkItem, snapshots: bool) -> DeskResult<ItemOutcome> {
        let user = item.customer_id.clone().unwrap_or_default();
        if item.op.needs_customer() && user.is_empty() {
            return Err(DeskError::invalid_field("customerId", "this operation needs the customer"));
        }
        let m = |request: &dyn erased::Req| {
            let mut m = Mutation::new(item.op.endpoint(), item.subject.clone()).customer(user.clone());
            m.request = request.value();
            m.job = Some((job_id.to_owned(), idx));
            m.dns_snapshots = Some(snapshots);
            m
        };
        let u = user.as_str();
        Ok(match &item.op {
            BulkOp::AddDnsRecords(r) => outcome(self.mutate(m(r), |c| async move { c.add_dns_records(u, r).await }).await?),
            BulkOp::UpdateDnsRecord(r) => outcome(self.mutate(m(r), |c| async move { c.update_dns_record(u, r).await }).await?),
            BulkOp::DeleteDnsRecords(r) => outcome(self.mutate(m(r), |c| async move { c.delete_dns_records(u, r).await }).await?),
            BulkOp::UpdateMailboxDetails(r) => {
                outcome(self.mutate(m(r), |c| async move { c.update_mailbox_details(u, r).await }).await?)
            }
            BulkOp::RemoveMailbox(r) => outcome(self.mutate(m(r), |c| async move { c.remove_mailbox(u, r).await }).await?),
            BulkOp::ValidateMailbox(r) => outcome(self.read(|c| async move { c.validate_mailbox(u, r).await }).await?),
            BulkOp::ToggleDomainAutoRenew(r) => {
                outcome(self.mutate(m(r), |c| async move { c.toggle_domain_auto_renew(u, r).await }).await?)
            }
            BulkOp::AddDomainForwarding(r) => {
                outcome(self.mutate(m(r), |c| async move { c.add_domain_forwarding(u, r).await }).await?)
            }
            BulkOp::AddEmailForwarding(r) => {
                outcome(self.mutate(m(r), |c| async move { c.add_email_forwarding(u, r).await }).await?)
            }
            BulkOp::RemoveWarmup(r) => {
                outcome(self.mutate(m(r), |c| async move { c.remove_warmup(&r.mailbox_id).await }).await?)
            }
            BulkOp::SetWarmupStatus(r) => outcome(
                self.mutate(m(r), |c| async move { c.set_warmup_status(&r.mailbox_id, &r.request).await }).await?,
            ),
            BulkOp::UpdateWarmupSettings(r) => outcome(
                self.mutate(m(r), |c| async move { c.update_warmup_settings(&r.mailbox_id, &r.settings).await }).await?,
            ),
            BulkOp::ToggleSubscriptionAutoRenew(r) => {
                outcome(self.mutate(m(r), |c| async move { c.toggle_subscription_auto_renew(r).await }).await?)
            }
            BulkOp::ExportMailboxesToPlatform(r) => {
                outcome(self.mutate(m(r), |c| async move { c.export_mailboxes_to_platform(u, r).await }).await?)
            }
        })
    }
}

/// Lets one closure take any request type.
mod erased {
    pub trait Req {
        fn value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Req for T {
        fn value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
}
