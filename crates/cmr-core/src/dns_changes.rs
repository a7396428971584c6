//! DNS changes through the desk: plans made against a fresh read of the zone, applied one
//! audited call per change and verified by reading the zone again; mail templates fanned out
//! over many domains; BIND zone export and import. The DNS rules themselves (validation, lint,
//! diff, record equality) are `cmr_dns`'s; this module only orchestrates them over the API.
//!
//! Plans are always made against a fresh read (a record id is the only safe handle and another
//! person may have changed the zone meanwhile). Each change is its own call so the audit log
//! holds one entry per change, with the zone before and after.

use std::collections::BTreeMap;

use cmr_client::dns::{AddDnsRecordsRequest, DeleteDnsRecordsRequest, DnsRecord, DnsRecordInput, UpdateDnsRecordRequest};
use cmr_client::endpoints as ep;
use cmr_dns::{Change, ChangeKind, DiffLine, FieldErrors, LintFinding, MailTemplate, Mismatch, Plan, PlanError, TemplateOutcome};
use serde::{Deserialize, Serialize};

use crate::app_error::{AppError, AppResult, ErrorCode};
use crate::desk::{Desk, Mutation};
use crate::template_fit::{self, TemplateMismatch, TemplatePlan};

/// A plan ready to show: the diff, and what the lint panel will say once it is applied.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    pub plan: Plan,
    pub diff: Vec<DiffLine>,
    /// Findings on the records as they will be after the plan.
    pub lint_after: Vec<LintFinding>,
    /// Zone-file lines left out on import (SOA, apex NS, unsupported types); empty otherwise.
    pub notes: Vec<String>,
}

/// What happened when a plan was applied. Always returned once anything may have been sent,
/// so the UI knows what went out and plans again from a fresh read instead of re-sending.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ApplyReport {
    /// Plan items sent and accepted, in plan order.
    pub applied: u32,
    /// Those items, each with CMR's action id when it gave one.
    pub applied_items: Vec<AppliedChange>,
    /// What stopped the apply: a refusal, or `outcome_unknown` when a write may or may not have
    /// happened (the zone must be read before anything is sent again). Items after it were
    /// not sent.
    pub error: Option<AppError>,
    /// Description of the item that was refused or whose outcome is unknown.
    pub failed_item: Option<String>,
    /// Items the fresh read does not show as planned.
    pub mismatches: Vec<Mismatch>,
    /// The zone as read after applying; empty when it could not be read (see `verify_error`).
    pub records: Vec<DnsRecord>,
    pub lint: Vec<LintFinding>,
    /// Why the zone could not be read again after applying: nothing was verified.
    pub verify_error: Option<String>,
}

/// One plan item that CMR accepted.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppliedChange {
    pub kind: ChangeKind,
    pub description: String,
    pub action_id: Option<String>,
}

/// A record's field errors as a `validation` error keyed by form field.
pub fn field_errors(errors: &FieldErrors) -> AppError {
    let mut fields = BTreeMap::new();
    for e in &errors.errors {
        fields.entry(e.field.clone()).or_insert_with(|| e.message.clone());
    }
    AppError::validation(fields)
}

/// Why a plan could not be made, in the app's error vocabulary.
pub fn plan_error(e: PlanError) -> AppError {
    match e {
        PlanError::Invalid { record, errors } => {
            let mut err = field_errors(&errors);
            err.message = format!("{record}: {}", errors.errors.first().map(|e| e.message.as_str()).unwrap_or("invalid record"));
            err
        }
        PlanError::InvalidDomain { message, .. } => AppError::validation(BTreeMap::from([("domain".to_string(), message)])),
        PlanError::UnknownRecord { .. } => AppError::new(ErrorCode::Conflict, e.to_string()),
        PlanError::ChangedTwice { .. } => AppError::new(ErrorCode::Validation, e.to_string()),
    }
}

/// A zone file's bad lines as a `validation` error on the field `zone`, one line each.
fn zone_errors(errors: &[cmr_dns::LineError]) -> AppError {
    let lines: Vec<String> =
        errors.iter().map(|e| if e.line == 0 { e.message.clone() } else { format!("Line {}: {}", e.line, e.message) }).collect();
    let mut err = AppError::validation(BTreeMap::from([("zone".to_string(), lines.join("\n"))]));
    err.message = format!("The zone file has {} problem{}.", lines.len(), if lines.len() == 1 { "" } else { "s" });
    err
}

fn view(domain: &str, current: &[DnsRecord], plan: Plan, notes: Vec<String>) -> PlanView {
    let lint_after = cmr_dns::lint(&cmr_dns::preview(current, &plan), domain);
    PlanView { diff: plan.diff(), lint_after, plan, notes }
}

impl Desk {
    /// The zone as CMR holds it now (never the cache: plans need record ids as they are).
    pub async fn read_zone(&self, user_id: &str, domain: &str) -> AppResult<Vec<DnsRecord>> {
        let (user, dom) = (user_id.to_owned(), domain.to_owned());
        let reply = self.read(|c| async move { c.get_dns_records(&user, &dom).await }).await?;
        Ok(reply.data.records)
    }

    /// Turns the editor's pending changes into a plan against a fresh read of the zone.
    pub async fn plan_dns_changes(&self, user_id: &str, domain: &str, changes: Vec<Change>) -> AppResult<PlanView> {
        let current = self.read_zone(user_id, domain).await?;
        let plan = cmr_dns::plan(domain, &current, changes).map_err(plan_error)?;
        Ok(view(domain, &current, plan, Vec::new()))
    }

    /// Sends a plan, one audited call per change (deletes, then updates, then adds), stops at
    /// the first refusal or unknown outcome, then reads the zone again and reports what does
    /// not match (by `cmr_dns`'s record equality). Once the first change is sent the answer is
    /// a report, never an error: what was applied must reach the UI even when the read
    /// afterwards fails.
    pub async fn apply_dns_plan(&self, user_id: &str, plan: &Plan) -> ApplyReport {
        let domain = plan.domain.as_str();
        let mut applied_items = Vec::new();
        let mut failure = None;
        for item in &plan.items {
            match self.send_dns_change(user_id, domain, item.kind, item.record_id.clone(), item.after.clone()).await {
                Ok(action_id) => applied_items.push(AppliedChange { kind: item.kind, description: item.description.clone(), action_id }),
                Err(e) => {
                    failure = Some((e, item.description.clone()));
                    break;
                }
            }
        }
        let applied = applied_items.len() as u32;
        let (error, failed_item) = failure.map_or((None, None), |(e, d)| (Some(e), Some(d)));
        let mut report =
            ApplyReport { applied, applied_items, error, failed_item, mismatches: Vec::new(), records: Vec::new(), lint: Vec::new(), verify_error: None };
        match self.read_zone(user_id, domain).await {
            Ok(records) => {
                let sent = Plan { items: plan.items[..applied as usize].to_vec(), ..plan.clone() };
                report.mismatches = cmr_dns::verify(&sent, &records);
                report.lint = cmr_dns::lint(&records, domain);
                report.records = records;
            }
            Err(e) => {
                report.verify_error = Some(format!(
                    "The records of {domain} could not be read again to check the changes ({}). Plan again once they can be read; do not send this plan again.",
                    e.message
                ))
            }
        }
        report
    }

    async fn send_dns_change(
        &self,
        user_id: &str,
        domain: &str,
        kind: ChangeKind,
        record_id: Option<String>,
        after: Option<DnsRecordInput>,
    ) -> AppResult<Option<String>> {
        let user = user_id.to_owned();
        let action_id = match (kind, record_id, after) {
            (ChangeKind::Delete, Some(id), _) => {
                let request = DeleteDnsRecordsRequest { domain: domain.to_owned(), record_ids: vec![id] };
                let m = Mutation::new(&ep::DELETE_DNS_RECORDS, domain).customer(user_id).request(&request);
                self.mutate(m, |c| async move { c.delete_dns_records(&user, &request).await }).await?.action_id
            }
            (ChangeKind::Update, Some(record_id), Some(record)) => {
                let request = UpdateDnsRecordRequest { record_id, domain: domain.to_owned(), record };
                let m = Mutation::new(&ep::UPDATE_DNS_RECORD, domain).customer(user_id).request(&request);
                self.mutate(m, |c| async move { c.update_dns_record(&user, &request).await }).await?.action_id
            }
            (ChangeKind::Add, _, Some(record)) => {
                let request = AddDnsRecordsRequest { domain: domain.to_owned(), records: vec![record] };
                let m = Mutation::new(&ep::ADD_DNS_RECORDS, domain).customer(user_id).request(&request);
                self.mutate(m, |c| async move { c.add_dns_records(&user, &request).await }).await?.action_id
            }
            _ => return Err(AppError::internal("a plan item is missing its record")),
        };
        Ok(action_id)
    }

    /// Plans a mail template for each domain against a fresh read; one domain's failure does
    /// not stop the others. Each outcome's plan is applied with [`Desk::apply_dns_plan`]. Each
    /// also says whether the domain's mailboxes are on another provider (read from the cached
    /// lists; see [`crate::template_fit`]); when those lists cannot be read at all, every domain
    /// is flagged, since nothing shows the template is safe.
    pub async fn plan_mail_template(&self, user_id: &str, template: MailTemplate, domains: Vec<String>) -> Vec<TemplatePlan> {
        let mailboxes = self.mailboxes(user_id, false).await.map(|c| c.data);
        let domain_list = self.domains(user_id, false).await.map(|c| c.data).unwrap_or_default();
        let mut plans = Vec::with_capacity(domains.len());
        for domain in domains {
            let outcome = match self.read_zone(user_id, &domain).await {
                Ok(records) => {
                    let zone = cmr_dns::DomainRecords { domain: domain.clone(), records };
                    cmr_dns::apply_template_many(template, std::slice::from_ref(&zone)).remove(0)
                }
                Err(e) => TemplateOutcome { domain: domain.clone(), plan: None, error: Some(e.message), remaining_errors: Vec::new() },
            };
            let info = domain_list.iter().find(|d| d.domain_name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(&domain)));
            let mismatch = match &mailboxes {
                Ok(list) => template_fit::mismatch(template, &domain, info, list),
                Err(e) => Some(TemplateMismatch {
                    mailboxes: 0,
                    fits: template,
                    message: format!("Could not read the customer's mailboxes to check their provider ({}). Check that none are on another provider before applying.", e.message()),
                }),
            };
            plans.push(TemplatePlan { outcome, mismatch });
        }
        plans
    }

    /// The domain's records as a BIND zone file, in the fragment form (CMR keeps the SOA and
    /// the domain's NS records). Records that cannot be written for their type are listed in
    /// comments at the top of the file; the others are still exported.
    pub async fn export_dns_zone(&self, user_id: &str, domain: &str) -> AppResult<String> {
        let records = self.read_zone(user_id, domain).await?;
        cmr_dns::export_zone(domain, &records, &cmr_dns::ZoneForm::Fragment)
            .map(|export| export.text)
            .map_err(|message| AppError::validation(BTreeMap::from([("domain".to_string(), message)])))
    }

    /// Reads a pasted zone file into a plan. `replace` makes the zone exactly the file (records
    /// not in it are deleted); otherwise the file's records are added beside the current ones.
    /// Bad lines come back as a `validation` error on the field `zone`, one line each; the
    /// file is checked before anything is read from CMR.
    pub async fn import_dns_zone(&self, user_id: &str, domain: &str, text: &str, replace: bool) -> AppResult<PlanView> {
        let imported = cmr_dns::import_zone(domain, text).map_err(|errors| zone_errors(&errors))?;
        let current = self.read_zone(user_id, domain).await?;
        let changes = if replace {
            cmr_dns::plan_to_desired(domain, &current, &imported.records)
        } else {
            imported.records.into_iter().map(|record| Change::Add { record }).collect()
        };
        let plan = cmr_dns::plan(domain, &current, changes).map_err(plan_error)?;
        let notes = imported
            .notes
            .iter()
            .map(|n| if n.line == 0 { n.message.clone() } else { format!("Line {}: {}", n.line, n.message) })
            .collect();
        Ok(view(domain, &current, plan, notes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cmr_client::DnsRecordType;

    #[test]
    fn an_invalid_change_names_the_record_and_the_field() {
        let changes = vec![Change::Add { record: DnsRecordInput::new(DnsRecordType::Mx, "@", "mx.acme.com") }];
        let err = plan_error(cmr_dns::plan("acme.com", &[], changes).unwrap_err());
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.fields.unwrap().contains_key("priority"));
        assert!(err.message.starts_with("@ MX"), "{}", err.message);
    }
}
