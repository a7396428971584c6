//! The lint panel: problems of a domain's record set as a whole (one SPF per name, lookup
//! limits, DMARC policy, MX targets, CNAME coexistence, duplicates).

use std::collections::{BTreeMap, HashMap};

use cmr_client::dns::DnsRecord;
use cmr_client::DnsRecordType;
use serde::{Deserialize, Serialize};

use crate::dmarc_check::check_dmarc;
use crate::names::{host_key, is_ip, normalize_domain, normalize_target, APEX};
use crate::record::{canonical_record, is_dmarc, is_spf, record_type_of};
use crate::spf::{analyze_spf, MAX_SPF_LOOKUPS};
use crate::txt::{has_overlong_string, txt_content_lossy, MAX_STRING_LEN};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// One problem. `code` is stable (the UI may filter on it); `message` is for the reseller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LintFinding {
    pub severity: Severity,
    pub code: String,
    pub message: String,
    /// Hosts concerned, in CMR's relative form (`@`, `_dmarc`).
    pub hosts: Vec<String>,
    /// Records concerned, when they have ids.
    pub record_ids: Vec<String>,
}

struct Linter<'a> {
    domain: String,
    findings: Vec<LintFinding>,
    records: &'a [DnsRecord],
}

impl<'a> Linter<'a> {
    fn add(&mut self, severity: Severity, code: &str, message: impl Into<String>, records: &[&DnsRecord]) {
        let mut hosts: Vec<String> = records.iter().map(|r| host_key(&r.host, &self.domain)).collect();
        hosts.dedup();
        self.findings.push(LintFinding {
            severity,
            code: code.to_owned(),
            message: message.into(),
            hosts,
            record_ids: records.iter().filter_map(|r| r.record_id.clone()).collect(),
        });
    }

    fn by_host(&self) -> BTreeMap<String, Vec<&'a DnsRecord>> {
        let mut map: BTreeMap<String, Vec<&'a DnsRecord>> = BTreeMap::new();
        for r in self.records {
            map.entry(host_key(&r.host, &self.domain)).or_default().push(r);
        }
        map
    }
}

fn is_txt(r: &DnsRecord) -> bool {
    record_type_of(r) == DnsRecordType::Txt
}

fn is_dmarc_host(host: &str) -> bool {
    host == "_dmarc" || host.starts_with("_dmarc.")
}

/// Every finding for a domain's records, errors first.
pub fn lint(records: &[DnsRecord], domain: &str) -> Vec<LintFinding> {
    let mut l = Linter { domain: normalize_domain(domain), findings: Vec::new(), records };
    let hosts = l.by_host();
    for (host, at_host) in &hosts {
        lint_spf(&mut l, host, at_host);
        lint_dmarc(&mut l, host, at_host);
        lint_cname(&mut l, host, at_host);
    }
    lint_mx(&mut l, &hosts);
    lint_missing(&mut l, &hosts);
    lint_duplicates(&mut l);
    l.findings.sort_by_key(|f| f.severity);
    l.findings
}

fn lint_spf(l: &mut Linter, host: &str, at_host: &[&DnsRecord]) {
    let spf: Vec<&DnsRecord> = at_host.iter().copied().filter(|r| is_txt(r) && is_spf(&r.value)).collect();
    if spf.len() > 1 {
        let msg = format!("{host} has {} SPF records; receivers then fail SPF for every message. Merge them into one.", spf.len());
        l.add(Severity::Error, "spf-multiple", msg, &spf);
    }
    for r in spf {
        let a = analyze_spf(&r.value);
        for e in &a.errors {
            l.add(Severity::Error, "spf-syntax", e.clone(), &[r]);
        }
        if has_overlong_string(&r.value) {
            let msg = format!("An SPF string is longer than {MAX_STRING_LEN} characters; split it into quoted strings.");
            l.add(Severity::Error, "spf-string-too-long", msg, &[r]);
        } else if txt_content_lossy(&r.value).len() > MAX_STRING_LEN {
            let msg = format!("The SPF record is longer than {MAX_STRING_LEN} characters; it is published as several strings, which some checkers mishandle. Consider shortening it.");
            l.add(Severity::Warning, "spf-long", msg, &[r]);
        }
        if !a.errors.is_empty() {
            continue;
        }
        if a.lookups > MAX_SPF_LOOKUPS {
            let msg = format!(
                "The SPF record needs {} DNS lookups (include, a, mx, ptr, exists, redirect); the limit is {MAX_SPF_LOOKUPS}, past it SPF fails.",
                a.lookups
            );
            l.add(Severity::Error, "spf-too-many-lookups", msg, &[r]);
        } else if a.lookups > 0 {
            // Each include costs its own lookups too; they cannot be counted without resolving.
            let msg = format!("{} of {MAX_SPF_LOOKUPS} DNS lookups used here, plus those inside included records.", a.lookups);
            l.add(Severity::Info, "spf-lookups", msg, &[r]);
        }
        match a.all {
            None if !a.redirect => l.add(Severity::Warning, "spf-no-all", "The SPF record does not end with an all term (e.g. ~all or -all).", &[r]),
            Some('+') => l.add(Severity::Warning, "spf-plus-all", "+all lets any server send mail as this domain; use ~all or -all.", &[r]),
            Some('?') => l.add(Severity::Info, "spf-neutral-all", "?all gives no protection; ~all or -all is usual.", &[r]),
            _ => {}
        }
        if a.uses_ptr {
            l.add(Severity::Warning, "spf-ptr", "The ptr mechanism is deprecated (RFC 7208 §5.5) and slow; remove it.", &[r]);
        }
        if !a.after_all.is_empty() {
            let msg = format!("Terms after all are never evaluated: {}.", a.after_all.join(" "));
            l.add(Severity::Warning, "spf-after-all", msg, &[r]);
        }
    }
}

fn lint_dmarc(l: &mut Linter, host: &str, at_host: &[&DnsRecord]) {
    let txt: Vec<&DnsRecord> = at_host.iter().copied().filter(|r| is_txt(r)).collect();
    if !is_dmarc_host(host) {
        for r in txt.iter().filter(|r| is_dmarc(&r.value)) {
            let msg = format!("A DMARC record at {host} is never read; it belongs at _dmarc.");
            l.add(Severity::Error, "dmarc-wrong-host", msg, &[r]);
        }
        return;
    }
    let dmarc: Vec<&DnsRecord> = txt.iter().copied().filter(|r| is_dmarc(&r.value)).collect();
    if dmarc.len() > 1 {
        l.add(Severity::Error, "dmarc-multiple", format!("{host} has {} DMARC records; receivers then ignore DMARC. Keep one.", dmarc.len()), &dmarc);
    }
    for r in txt {
        for issue in check_dmarc(&r.value) {
            l.add(issue.severity, issue.code, issue.message, &[r]);
        }
    }
}

fn lint_cname(l: &mut Linter, host: &str, at_host: &[&DnsRecord]) {
    let cnames: Vec<&DnsRecord> = at_host.iter().copied().filter(|r| record_type_of(r) == DnsRecordType::Cname).collect();
    if cnames.is_empty() {
        return;
    }
    if host == APEX {
        l.add(Severity::Error, "cname-apex", "A CNAME at the domain itself (@) breaks its MX, TXT and NS records. Use A records.", &cnames);
    }
    if at_host.len() > cnames.len() || cnames.len() > 1 {
        let others: Vec<String> = at_host.iter().filter(|r| record_type_of(r) != DnsRecordType::Cname).map(|r| record_type_of(r).to_string()).collect();
        let msg = if others.is_empty() {
            format!("{host} has {} CNAME records; a name can have only one.", cnames.len())
        } else {
            format!("{host} has a CNAME beside other records ({}); a CNAME must be alone at its name.", others.join(", "))
        };
        l.add(Severity::Error, "cname-coexists", msg, at_host);
    }
}

fn lint_mx(l: &mut Linter, hosts: &BTreeMap<String, Vec<&DnsRecord>>) {
    let records = l.records;
    for r in records.iter().filter(|r| record_type_of(r) == DnsRecordType::Mx) {
        let value = r.value.trim();
        if is_ip(value.trim_end_matches('.')) {
            l.add(Severity::Error, "mx-ip-target", format!("The MX points to the IP address {value}; an MX must name a host (e.g. mail.{}).", l.domain), &[r]);
        } else if let Err(e) = normalize_target(value, &l.domain, "MX record", false) {
            l.add(Severity::Error, "mx-bad-target", e, &[r]);
        } else if let Some(local) = value.trim_end_matches('.').to_ascii_lowercase().strip_suffix(&format!(".{}", l.domain)) {
            // RFC 2181 §10.3: an MX must not point at an alias.
            if hosts.get(local).is_some_and(|rs| rs.iter().any(|x| record_type_of(x) == DnsRecordType::Cname)) {
                l.add(Severity::Warning, "mx-cname-target", format!("The MX points to {value}, which is a CNAME; it must point to a name with A/AAAA records."), &[r]);
            }
        }
        if r.priority.as_deref().is_none_or(|p| p.trim().parse::<u16>().is_err()) {
            l.add(Severity::Error, "mx-bad-priority", "The MX has no valid priority (0 to 65535).", &[r]);
        }
    }
}

fn lint_missing(l: &mut Linter, hosts: &BTreeMap<String, Vec<&DnsRecord>>) {
    let apex = hosts.get(APEX).map(Vec::as_slice).unwrap_or_default();
    let receives_mail = apex.iter().any(|r| record_type_of(r) == DnsRecordType::Mx);
    if !receives_mail {
        return;
    }
    if !apex.iter().any(|r| is_txt(r) && is_spf(&r.value)) {
        l.add(Severity::Warning, "spf-missing", "The domain has MX records but no SPF record at @.", &[]);
        l.findings.last_mut().expect("just added").hosts = vec![APEX.into()];
    }
    if !hosts.get("_dmarc").is_some_and(|rs| rs.iter().any(|r| is_txt(r) && is_dmarc(&r.value))) {
        l.add(Severity::Warning, "dmarc-missing", "The domain has no DMARC record at _dmarc.", &[]);
        l.findings.last_mut().expect("just added").hosts = vec!["_dmarc".into()];
    }
}

fn lint_duplicates(l: &mut Linter) {
    let records = l.records;
    let mut seen: HashMap<_, Vec<&DnsRecord>> = HashMap::new();
    let mut order = Vec::new();
    for r in records {
        let key = canonical_record(&l.domain, r);
        if !seen.contains_key(&key) {
            order.push(key.clone());
        }
        seen.entry(key).or_default().push(r);
    }
    for key in order {
        let group = &seen[&key];
        if group.len() > 1 {
            let msg = format!("The same {} record at {} appears {} times; keep one.", key.record_type, key.host, group.len());
            l.add(Severity::Warning, "duplicate-record", msg, group);
        }
    }
}

#[cfg(test)]
#[path = "lint_tests.rs"]
mod tests;
