//! Mail templates: the records a mail provider needs, applied to one domain or many. A
//! template replaces what would conflict (the MX set, the SPF record, whatever sits at a
//! name that becomes a CNAME) and keeps every other record. A DMARC record is only added
//! where none exists, so a domain's stricter policy is never weakened.

use cmr_client::dns::{DnsRecord, DnsRecordInput};
use cmr_client::DnsRecordType;
use serde::{Deserialize, Serialize};

use crate::lint::{lint, LintFinding, Severity};
use crate::names::{host_key, normalize_domain};
use crate::plan::{plan, plan_to_desired, preview, Plan, PlanError};
use crate::record::{record_type_of, to_input, txt_kind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum MailTemplate {
    GoogleWorkspace,
    Microsoft365,
}

/// How a template record meets the records already at its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum TemplateRule {
    /// Replaces every record of the same type at the name (the MX set).
    ReplaceType,
    /// Replaces TXT records of the same kind at the name (the SPF record).
    ReplaceKind,
    /// Replaces every record at the name (a CNAME must stand alone).
    ReplaceName,
    /// Added only when the name has no record of this kind (DMARC).
    AddIfMissing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TemplateRecord {
    pub record: DnsRecordInput,
    pub rule: TemplateRule,
}

/// DMARC record the templates add where a domain has none: quarantine rather than none, so
/// the template does not itself raise a lint warning; CMR completes the reporting tags.
pub const TEMPLATE_DMARC: &str = "v=DMARC1; p=quarantine";

fn txt(host: &str, value: &str, rule: TemplateRule) -> TemplateRecord {
    TemplateRecord { record: DnsRecordInput::new(DnsRecordType::Txt, host, value), rule }
}

fn mx(target: String, priority: u16) -> TemplateRecord {
    let mut record = DnsRecordInput::new(DnsRecordType::Mx, "@", target);
    record.priority = Some(priority.to_string());
    TemplateRecord { record, rule: TemplateRule::ReplaceType }
}

/// Microsoft 365's MX host for a domain: its name with dots (and hyphens) turned into
/// hyphens, under `mail.protection.outlook.com` (`acme.co.uk` → `acme-co-uk.mail.…`).
pub fn microsoft_mx_host(domain: &str) -> String {
    format!("{}.mail.protection.outlook.com", normalize_domain(domain).replace('.', "-"))
}

/// The records of a template for one domain.
pub fn template_records(template: MailTemplate, domain: &str) -> Vec<TemplateRecord> {
    match template {
        // Google's current advice for new set-ups is the single MX smtp.google.com (priority 1);
        // the five aspmx hosts still work and are replaced by it.
        MailTemplate::GoogleWorkspace => vec![
            mx("smtp.google.com".into(), 1),
            txt("@", "v=spf1 include:_spf.google.com ~all", TemplateRule::ReplaceKind),
            txt("_dmarc", TEMPLATE_DMARC, TemplateRule::AddIfMissing),
        ],
        MailTemplate::Microsoft365 => vec![
            mx(microsoft_mx_host(domain), 0),
            txt("@", "v=spf1 include:spf.protection.outlook.com -all", TemplateRule::ReplaceKind),
            TemplateRecord {
                record: DnsRecordInput::new(DnsRecordType::Cname, "autodiscover", "autodiscover.outlook.com"),
                rule: TemplateRule::ReplaceName,
            },
            txt("_dmarc", TEMPLATE_DMARC, TemplateRule::AddIfMissing),
        ],
    }
}

/// Whether a template record pushes an existing record out.
fn conflicts(domain: &str, existing: &DnsRecord, t: &TemplateRecord) -> bool {
    if host_key(&existing.host, domain) != host_key(&t.record.host, domain) {
        return false;
    }
    let same_type = record_type_of(existing) == t.record.record_type;
    match t.rule {
        TemplateRule::ReplaceType => same_type,
        TemplateRule::ReplaceKind => same_type && txt_kind(&existing.value) == txt_kind(&t.record.value),
        TemplateRule::ReplaceName => true,
        TemplateRule::AddIfMissing => false,
    }
}

/// The plan that applies a template to one domain's current records.
pub fn apply_template(template: MailTemplate, domain: &str, current: &[DnsRecord]) -> Result<Plan, PlanError> {
    let records = template_records(template, domain);
    let mut desired: Vec<DnsRecordInput> =
        current.iter().filter(|r| !records.iter().any(|t| conflicts(domain, r, t))).map(to_input).collect();
    for t in &records {
        let present = current.iter().any(|r| {
            host_key(&r.host, domain) == host_key(&t.record.host, domain)
                && record_type_of(r) == t.record.record_type
                && txt_kind(&r.value) == txt_kind(&t.record.value)
        });
        if t.rule != TemplateRule::AddIfMissing || !present {
            desired.push(t.record.clone());
        }
    }
    plan(domain, current, plan_to_desired(domain, current, &desired))
}

/// One domain's records, as read before applying a template.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DomainRecords {
    pub domain: String,
    pub records: Vec<DnsRecord>,
}

/// A template's outcome for one domain: its plan, or why there is none, and the errors the
/// lint panel would still show once the plan is applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TemplateOutcome {
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub remaining_errors: Vec<LintFinding>,
}

/// Plans a template for many domains at once; one domain's failure does not stop the others.
pub fn apply_template_many(template: MailTemplate, domains: &[DomainRecords]) -> Vec<TemplateOutcome> {
    domains
        .iter()
        .map(|d| match apply_template(template, &d.domain, &d.records) {
            Ok(p) => {
                let remaining_errors = lint(&preview(&d.records, &p), &d.domain).into_iter().filter(|f| f.severity == Severity::Error).collect();
                TemplateOutcome { domain: d.domain.clone(), plan: Some(p), error: None, remaining_errors }
            }
            Err(e) => TemplateOutcome { domain: d.domain.clone(), plan: None, error: Some(e.to_string()), remaining_errors: Vec::new() },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::ChangeKind;
    use crate::plan::tests::rec;

    fn existing_zone() -> Vec<DnsRecord> {
        let mx_hosts = ["aspmx.l.google.com", "alt1.aspmx.l.google.com", "alt2.aspmx.l.google.com"];
        let mut zone: Vec<DnsRecord> =
            mx_hosts.iter().enumerate().map(|(i, h)| rec(&format!("mx{i}"), DnsRecordType::Mx, "@", h, Some(&(i * 5 + 1).to_string()))).collect();
        zone.push(rec("spf", DnsRecordType::Txt, "@", "v=spf1 include:mailgun.org ~all", None));
        zone.push(rec("ver", DnsRecordType::Txt, "@", "google-site-verification=abc", None));
        zone.push(rec("dmarc", DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=reject", None));
        zone.push(rec("web", DnsRecordType::A, "@", "192.0.2.1", None));
        zone.push(rec("auto", DnsRecordType::A, "autodiscover", "192.0.2.2", None));
        zone
    }

    #[test]
    fn google_replaces_mx_and_spf_keeps_the_rest() {
        let p = apply_template(MailTemplate::GoogleWorkspace, "acme.com", &existing_zone()).unwrap();
        let text = p.diff_text();
        assert_eq!(p.summary.updates, 2, "{text}");
        assert_eq!(p.summary.deletes, 2, "{text}");
        assert_eq!(p.summary.adds, 0, "{text}");
        assert!(text.contains("+ @ MX 1 smtp.google.com"));
        assert!(text.contains("+ @ TXT v=spf1 include:_spf.google.com ~all"));
        // The stricter DMARC, the token, the web and autodiscover records stay.
        assert!(!text.contains("DMARC") && !text.contains("google-site") && !text.contains("192.0.2"));
        let after = preview(&existing_zone(), &p);
        assert!(lint(&after, "acme.com").iter().all(|f| f.severity != Severity::Error));
        // Applying again changes nothing.
        let mut again = after.clone();
        for (i, r) in again.iter_mut().enumerate() {
            r.record_id.get_or_insert_with(|| format!("n{i}"));
        }
        assert!(apply_template(MailTemplate::GoogleWorkspace, "acme.com", &again).unwrap().is_empty());
    }

    #[test]
    fn microsoft_adds_dmarc_only_where_missing_and_frees_autodiscover() {
        let zone: Vec<DnsRecord> = existing_zone().into_iter().filter(|r| r.host != "_dmarc").collect();
        let p = apply_template(MailTemplate::Microsoft365, "acme.co.uk", &zone).unwrap();
        let text = p.diff_text();
        assert!(text.contains("+ @ MX 0 acme-co-uk.mail.protection.outlook.com"), "{text}");
        assert!(text.contains("- autodiscover A 192.0.2.2"), "{text}");
        assert!(text.contains("+ autodiscover CNAME autodiscover.outlook.com"), "{text}");
        assert!(text.contains("+ _dmarc TXT v=DMARC1; p=quarantine"), "{text}");
        assert!(p.items.iter().any(|i| i.kind == ChangeKind::Add));
    }

    #[test]
    fn many_domains_give_one_outcome_each() {
        let domains = vec![
            DomainRecords { domain: "acme.com".into(), records: existing_zone() },
            DomainRecords { domain: "empty.io".into(), records: vec![] },
            DomainRecords { domain: "bad domain".into(), records: vec![] },
        ];
        let outcomes = apply_template_many(MailTemplate::GoogleWorkspace, &domains);
        assert_eq!(outcomes.len(), 3);
        assert!(outcomes[0].plan.is_some() && outcomes[0].remaining_errors.is_empty());
        assert_eq!(outcomes[1].plan.as_ref().unwrap().summary.adds, 3);
        assert!(outcomes[2].error.is_some(), "{:?}", outcomes[2]);
    }
}
