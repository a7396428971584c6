//! Change plans: the edits gathered in the editor, shown as a diff before anything is sent,
//! then checked against a fresh read once applied. Each item carries the record before and
//! after, which is also what the audit log keeps.

use std::collections::HashSet;

use cmr_client::dns::{DnsRecord, DnsRecordInput};
use serde::{Deserialize, Serialize};

use crate::names::{check_domain, normalize_domain};
use crate::record::{canonical_input, canonical_record, describe_input, describe_record, is_dmarc, record_type_of, txt_kind};
use crate::validate::{validate_record, FieldErrors};
use cmr_client::{DmarcTag, DnsRecordType};

/// One edit the user asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Change {
    #[serde(rename_all = "camelCase")]
    Add { record: DnsRecordInput },
    #[serde(rename_all = "camelCase")]
    Update { record_id: String, record: DnsRecordInput },
    #[serde(rename_all = "camelCase")]
    Delete { record_id: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    // Deletes go first so a CNAME can replace other records at the same name.
    Delete,
    Update,
    Add,
}

/// One step of a plan; `before` is the record as read, `after` exactly what will be sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanItem {
    pub kind: ChangeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<DnsRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<DnsRecordInput>,
    /// One line for the reseller: `Add MX @ 1 smtp.google.com`.
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    pub adds: u32,
    pub updates: u32,
    pub deletes: u32,
    /// Asked-for changes dropped because the zone already holds them.
    pub unchanged: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub domain: String,
    pub items: Vec<PlanItem>,
    pub summary: PlanSummary,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The plan as diff lines: `-` for what goes away, `+` for what comes.
    pub fn diff(&self) -> Vec<DiffLine> {
        let mut lines = Vec::new();
        for item in &self.items {
            if let Some(before) = &item.before {
                lines.push(DiffLine { sign: DiffSign::Removed, text: describe_record(before) });
            }
            if let Some(after) = &item.after {
                lines.push(DiffLine { sign: DiffSign::Added, text: describe_input(after) });
            }
        }
        lines
    }

    /// The diff as text, one `- `/`+ ` line per record.
    pub fn diff_text(&self) -> String {
        self.diff().iter().map(|l| format!("{} {}\n", if l.sign == DiffSign::Added { '+' } else { '-' }, l.text)).collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum DiffSign {
    Removed,
    Added,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DiffLine {
    pub sign: DiffSign,
    pub text: String,
}

/// Why a set of changes cannot become a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "code", rename_all = "camelCase")]
pub enum PlanError {
    #[error("record {record_id} is not in the zone any more; reload the records")]
    #[serde(rename_all = "camelCase")]
    UnknownRecord { record_id: String },
    #[error("record {record_id} is changed twice in one plan")]
    #[serde(rename_all = "camelCase")]
    ChangedTwice { record_id: String },
    #[error("{domain} is not a domain name: {message}")]
    #[serde(rename_all = "camelCase")]
    InvalidDomain { domain: String, message: String },
    #[error("{record}: {errors}")]
    #[serde(rename_all = "camelCase")]
    Invalid { record: String, errors: FieldErrors },
}

/// Whether a record read back is the record sent: same canonical form, or for DMARC the
/// record sent plus the default tags CMR appends.
pub fn same_record(domain: &str, read: &DnsRecord, sent: &DnsRecordInput) -> bool {
    if canonical_record(domain, read) == canonical_input(domain, sent) {
        return true;
    }
    let dmarc_pair = record_type_of(read) == DnsRecordType::Txt
        && sent.record_type == DnsRecordType::Txt
        && is_dmarc(&read.value)
        && is_dmarc(&sent.value)
        && canonical_record(domain, read).host == canonical_input(domain, sent).host;
    dmarc_pair && crate::dmarc::dmarc_matches(&sent.value, sent.excluded_dmarc_tags.as_deref().unwrap_or_default(), &read.value)
}

/// Turns the user's edits into a plan against the records as read: each record is checked
/// and normalised, edits that change nothing are dropped, and ids must exist.
pub fn plan(domain: &str, current: &[DnsRecord], changes: Vec<Change>) -> Result<Plan, PlanError> {
    let domain = check_domain(domain).map_err(|message| PlanError::InvalidDomain { domain: domain.to_owned(), message })?;
    let find = |id: &str| current.iter().find(|r| r.record_id.as_deref() == Some(id)).ok_or_else(|| PlanError::UnknownRecord { record_id: id.to_owned() });
    let checked = |input: &DnsRecordInput| {
        validate_record(input, &domain).map_err(|errors| PlanError::Invalid { record: describe_input(input), errors })
    };
    let mut touched = HashSet::new();
    let mut result = Plan { domain: domain.clone(), ..Plan::default() };
    let mut added: Vec<DnsRecordInput> = Vec::new();
    for change in changes {
        match change {
            Change::Add { record } => {
                let after = checked(&record)?;
                let exists = current.iter().any(|r| same_record(&domain, r, &after) && !is_deleted(r, &touched));
                let repeated = added.iter().any(|a| canonical_input(&domain, a) == canonical_input(&domain, &after));
                if exists || repeated {
                    result.summary.unchanged += 1;
                    continue;
                }
                added.push(after.clone());
                result.items.push(PlanItem { kind: ChangeKind::Add, record_id: None, before: None, description: format!("Add {}", describe_input(&after)), after: Some(after) });
            }
            Change::Update { record_id, record } => {
                let before = find(&record_id)?;
                if !touched.insert(record_id.clone()) {
                    return Err(PlanError::ChangedTwice { record_id });
                }
                let after = checked(&record)?;
                let same_tags = same_exclusions(after.excluded_dmarc_tags.as_deref(), before);
                if same_record(&domain, before, &after) && same_tags {
                    result.summary.unchanged += 1;
                    continue;
                }
                let description = format!("Change {} → {}", describe_record(before), describe_input(&after));
                result.items.push(PlanItem { kind: ChangeKind::Update, record_id: Some(record_id), before: Some(before.clone()), after: Some(after), description });
            }
            Change::Delete { record_id } => {
                let before = find(&record_id)?;
                if !touched.insert(record_id.clone()) {
                    return Err(PlanError::ChangedTwice { record_id });
                }
                let description = format!("Delete {}", describe_record(before));
                result.items.push(PlanItem { kind: ChangeKind::Delete, record_id: Some(record_id), before: Some(before.clone()), after: None, description });
            }
        }
    }
    result.items.sort_by_key(|i| i.kind);
    for item in &result.items {
        match item.kind {
            ChangeKind::Add => result.summary.adds += 1,
            ChangeKind::Update => result.summary.updates += 1,
            ChangeKind::Delete => result.summary.deletes += 1,
        }
    }
    Ok(result)
}

/// Whether an update leaves a record's DMARC exclusions as they are. An omitted list keeps the
/// stored one at CMR; a list sent is compared with the stored one, read or shown by the value.
fn same_exclusions(sent: Option<&[DmarcTag]>, before: &DnsRecord) -> bool {
    let Some(sent) = sent else { return true };
    let mut stored = crate::dmarc_form::stored_exclusions(&before.value, &before.excluded_dmarc_tags);
    let mut sent = sent.to_vec();
    stored.sort();
    sent.sort();
    stored.dedup();
    sent.dedup();
    sent == stored
}

fn is_deleted(r: &DnsRecord, touched: &HashSet<String>) -> bool {
    r.record_id.as_ref().is_some_and(|id| touched.contains(id))
}

/// Records that stand for each other at one name: an MX for an MX, an SPF for an SPF, but a
/// verification token never for an SPF.
fn pairing_key(domain: &str, record_type: &DnsRecordType, host: &str, value: &str) -> (String, String, String) {
    let kind = if *record_type == DnsRecordType::Txt { txt_kind(value) } else { String::new() };
    (record_type.as_str().to_ascii_uppercase(), crate::names::host_key(host, domain), kind)
}

/// The fewest changes that turn `current` into `desired`: records already there stay,
/// a record replaced by one of its kind at the same name becomes an update, the rest are
/// deletes and adds. Records read without an id cannot be deleted and are left alone.
pub fn plan_to_desired(domain: &str, current: &[DnsRecord], desired: &[DnsRecordInput]) -> Vec<Change> {
    let domain = normalize_domain(domain);
    let mut current_left: Vec<&DnsRecord> = Vec::new();
    let mut desired_left: Vec<&DnsRecordInput> = desired.iter().collect();
    for r in current {
        if let Some(pos) = desired_left.iter().position(|d| same_record(&domain, r, d)) {
            desired_left.remove(pos);
        } else {
            current_left.push(r);
        }
    }
    let mut changes = Vec::new();
    let mut adds = Vec::new();
    for d in desired_left {
        let key = pairing_key(&domain, &d.record_type, &d.host, &d.value);
        let pair = current_left.iter().position(|r| r.record_id.is_some() && pairing_key(&domain, &record_type_of(r), &r.host, &r.value) == key);
        match pair {
            Some(pos) => {
                let r = current_left.remove(pos);
                changes.push(Change::Update { record_id: r.record_id.clone().unwrap_or_default(), record: d.clone() });
            }
            None => adds.push(Change::Add { record: d.clone() }),
        }
    }
    for r in current_left {
        // A type the app cannot write is never in the desired set (a zone import skips it), so
        // it is left alone rather than deleted: unknown types are kept, never dropped.
        if !record_type_of(r).is_known() {
            continue;
        }
        if let Some(id) = &r.record_id {
            changes.push(Change::Delete { record_id: id.clone() });
        }
    }
    changes.extend(adds);
    changes
}

/// The records as they will be once the plan is applied (new records have no id yet); the
/// lint panel runs on this to preview a plan.
pub fn preview(current: &[DnsRecord], plan: &Plan) -> Vec<DnsRecord> {
    let mut records: Vec<DnsRecord> = current.to_vec();
    for item in &plan.items {
        let to_record = |input: &DnsRecordInput, id: Option<String>, ttl: Option<u32>| DnsRecord {
            record_id: id,
            host: input.host.clone(),
            value: input.value.clone(),
            record_type: Some(input.record_type.clone()),
            priority: input.priority.clone(),
            ttl,
            // An omitted list keeps the record's exclusions (set below for an update).
            excluded_dmarc_tags: input.excluded_dmarc_tags.clone().unwrap_or_default(),
            extra: Default::default(),
        };
        let position = |records: &Vec<DnsRecord>| records.iter().position(|r| r.record_id.is_some() && r.record_id == item.record_id);
        match (item.kind, &item.after) {
            (ChangeKind::Delete, _) => {
                if let Some(pos) = position(&records) {
                    records.remove(pos);
                }
            }
            (ChangeKind::Update, Some(after)) => {
                if let Some(pos) = position(&records) {
                    let mut updated = to_record(after, item.record_id.clone(), records[pos].ttl);
                    if after.excluded_dmarc_tags.is_none() {
                        updated.excluded_dmarc_tags = std::mem::take(&mut records[pos].excluded_dmarc_tags);
                    }
                    records[pos] = updated;
                }
            }
            (ChangeKind::Add, Some(after)) => records.push(to_record(after, None, None)),
            _ => {}
        }
    }
    records
}

/// A plan item the records read after applying do not show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Mismatch {
    /// Index in `plan.items`.
    pub item: u32,
    pub kind: ChangeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    pub message: String,
}

/// Checks a fresh read against a plan. Ids may change when a provider rewrites a record, so
/// an added or updated record is found by content; a deleted one must be gone by id.
pub fn verify(plan: &Plan, records_after: &[DnsRecord]) -> Vec<Mismatch> {
    let domain = &plan.domain;
    let mut mismatches = Vec::new();
    for (index, item) in plan.items.iter().enumerate() {
        let by_id = item.record_id.as_ref().and_then(|id| records_after.iter().find(|r| r.record_id.as_ref() == Some(id)));
        let message = match (item.kind, &item.after) {
            (ChangeKind::Delete, _) => by_id.map(|r| format!("{} is still there.", describe_record(r))),
            (_, Some(after)) => {
                let found = records_after.iter().any(|r| same_record(domain, r, after));
                match (found, by_id) {
                    (true, _) => None,
                    (false, Some(r)) => Some(format!("{} reads back as {}.", describe_input(after), describe_record(r))),
                    (false, None) => Some(format!("{} was not found after applying.", describe_input(after))),
                }
            }
            (_, None) => None,
        };
        if let Some(message) = message {
            mismatches.push(Mismatch { item: index as u32, kind: item.kind, record_id: item.record_id.clone(), message });
        }
    }
    mismatches
}

#[cfg(test)]
#[path = "plan_tests.rs"]
pub(crate) mod tests;
