//! Checks of a DMARC record's tags (RFC 7489 §6.3), for the lint panel and the record form.

use crate::dmarc::{parse_dmarc, DmarcPolicy, DmarcRecord};
use crate::lint::Severity;

/// One problem in a DMARC record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DmarcIssue {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
}

fn issue(severity: Severity, code: &'static str, message: impl Into<String>) -> DmarcIssue {
    DmarcIssue { severity, code, message: message.into() }
}

/// Every problem of a DMARC value, syntax first.
pub fn check_dmarc(value: &str) -> Vec<DmarcIssue> {
    match parse_dmarc(value) {
        Ok(record) => check_tags(&record),
        Err(e) => vec![issue(Severity::Error, "dmarc-syntax", e)],
    }
}

/// Only the errors, as messages (what the record form refuses).
pub fn dmarc_errors(value: &str) -> Vec<String> {
    check_dmarc(value).into_iter().filter(|i| i.severity == Severity::Error).map(|i| i.message).collect()
}

fn check_tags(record: &DmarcRecord) -> Vec<DmarcIssue> {
    let mut issues = Vec::new();
    match record.get("p").map(|p| (p, DmarcPolicy::parse(p))) {
        None => issues.push(issue(Severity::Error, "dmarc-no-policy", "The DMARC record has no policy (p=none, quarantine or reject).")),
        Some((p, None)) => issues.push(issue(Severity::Error, "dmarc-bad-policy", format!("p={p} is not a policy; use none, quarantine or reject."))),
        Some((_, Some(DmarcPolicy::None))) => issues.push(issue(
            Severity::Warning,
            "dmarc-policy-none",
            "p=none only monitors: failing mail is still delivered. Move to quarantine or reject once reports look clean.",
        )),
        Some(_) => {}
    }
    if record.tags.get(1).is_some_and(|t| t.name != "p") && record.has("p") {
        issues.push(issue(Severity::Warning, "dmarc-policy-order", "p= should come right after v=DMARC1."));
    }
    for name in ["sp", "np"] {
        if let Some(v) = record.get(name) {
            if DmarcPolicy::parse(v).is_none() {
                issues.push(issue(Severity::Error, "dmarc-bad-policy", format!("{name}={v} is not a policy; use none, quarantine or reject.")));
            }
        }
    }
    if let Some(pct) = record.get("pct") {
        if !pct.parse::<u32>().is_ok_and(|n| n <= 100) {
            issues.push(issue(Severity::Error, "dmarc-bad-pct", format!("pct={pct} must be a whole number from 0 to 100.")));
        } else if pct != "100" {
            issues.push(issue(Severity::Info, "dmarc-partial-pct", format!("The policy applies to {pct}% of failing mail only.")));
        }
    }
    for name in ["rua", "ruf"] {
        if let Some(list) = record.get(name) {
            for uri in list.split(',').map(str::trim) {
                if let Err(e) = check_report_uri(uri) {
                    issues.push(issue(Severity::Error, "dmarc-bad-uri", format!("{name}: {e}")));
                }
            }
        }
    }
    for name in ["adkim", "aspf"] {
        if let Some(v) = record.get(name) {
            if v != "r" && v != "s" {
                issues.push(issue(Severity::Error, "dmarc-bad-alignment", format!("{name}={v} must be r (relaxed) or s (strict).")));
            }
        }
    }
    if let Some(fo) = record.get("fo") {
        if fo.split(':').any(|o| !matches!(o.trim(), "0" | "1" | "d" | "s")) {
            issues.push(issue(Severity::Error, "dmarc-bad-fo", format!("fo={fo} must be 0, 1, d or s (several joined with ':').")));
        }
    }
    if let Some(rf) = record.get("rf") {
        if rf.split(':').any(|f| !matches!(f.trim().to_ascii_lowercase().as_str(), "afrf" | "iodef")) {
            issues.push(issue(Severity::Error, "dmarc-bad-rf", format!("rf={rf} must be afrf.")));
        }
    }
    if let Some(ri) = record.get("ri") {
        if ri.parse::<u32>().is_err() {
            issues.push(issue(Severity::Error, "dmarc-bad-ri", format!("ri={ri} must be a number of seconds.")));
        }
    }
    let known = ["v", "p", "sp", "np", "pct", "rua", "ruf", "adkim", "aspf", "fo", "rf", "ri", "t", "psd"];
    for t in &record.tags {
        if !known.contains(&t.name.to_ascii_lowercase().as_str()) {
            issues.push(issue(Severity::Warning, "dmarc-unknown-tag", format!("The tag {} is not a DMARC tag; receivers ignore it.", t.name)));
        }
    }
    issues
}

/// A report destination: `mailto:` followed by an address, optionally `!size` (e.g. `!10m`).
pub fn check_report_uri(uri: &str) -> Result<(), String> {
    let Some(rest) = uri.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map(|_| &uri[7..]) else {
        return Err(format!("'{uri}' must be a mailto: address, e.g. mailto:dmarc@example.com."));
    };
    let address = match rest.rsplit_once('!') {
        Some((addr, size)) => {
            let digits = size.trim_end_matches(['k', 'm', 'g', 't', 'K', 'M', 'G', 'T']);
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("'{uri}' has a bad size limit after '!'."));
            }
            addr
        }
        None => rest,
    };
    let valid = address.split_once('@').is_some_and(|(local, host)| {
        !local.is_empty()
            && !local.contains(char::is_whitespace)
            && host.contains('.')
            && host.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    });
    if valid {
        Ok(())
    } else {
        Err(format!("'{address}' is not an email address."))
    }
}
