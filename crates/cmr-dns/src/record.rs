//! Comparing records: the same record may come back from CMR written differently (a host as
//! a full name, a target with its trailing dot, TXT in quotes, a priority as a number), so
//! records are compared in a canonical form.

use std::net::IpAddr;

use cmr_client::dns::{DnsRecord, DnsRecordInput};
use cmr_client::DnsRecordType;

use crate::names::{host_key, normalize_domain};
use crate::txt::txt_content_lossy;

/// The type of a record read back; a record without one counts as an unknown type.
pub fn record_type_of(record: &DnsRecord) -> DnsRecordType {
    record.record_type.clone().unwrap_or_else(|| DnsRecordType::Other(String::new()))
}

/// The input that would recreate a record read back.
pub fn to_input(record: &DnsRecord) -> DnsRecordInput {
    DnsRecordInput {
        host: record.host.clone(),
        value: record.value.clone(),
        record_type: record_type_of(record),
        priority: record.priority.clone(),
        excluded_dmarc_tags: (!record.excluded_dmarc_tags.is_empty()).then(|| record.excluded_dmarc_tags.clone()),
    }
}

/// Whether the record type carries a priority.
pub fn has_priority(record_type: &DnsRecordType) -> bool {
    matches!(record_type, DnsRecordType::Mx)
}

/// A record reduced to what makes it the same record in DNS.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Canonical {
    pub record_type: String,
    pub host: String,
    pub value: String,
    pub priority: Option<u32>,
}

/// Canonical form of any record-shaped value.
pub fn canonical(domain: &str, record_type: &DnsRecordType, host: &str, value: &str, priority: Option<&str>) -> Canonical {
    let value = match record_type {
        DnsRecordType::A | DnsRecordType::Aaaa => {
            value.trim().parse::<IpAddr>().map(|ip| ip.to_string()).unwrap_or_else(|_| value.trim().to_owned())
        }
        DnsRecordType::Cname | DnsRecordType::Mx | DnsRecordType::Ns => {
            let target = value.trim().trim_end_matches('.').to_ascii_lowercase();
            if target == "@" {
                normalize_domain(domain)
            } else {
                target
            }
        }
        DnsRecordType::Txt => txt_content_lossy(value),
        _ => value.trim().to_owned(),
    };
    let priority = if has_priority(record_type) {
        priority.and_then(|p| p.trim().parse::<u32>().ok())
    } else {
        None
    };
    Canonical {
        record_type: record_type.as_str().to_ascii_uppercase(),
        host: host_key(host, domain),
        value,
        priority,
    }
}

pub fn canonical_record(domain: &str, record: &DnsRecord) -> Canonical {
    canonical(domain, &record_type_of(record), &record.host, &record.value, record.priority.as_deref())
}

pub fn canonical_input(domain: &str, input: &DnsRecordInput) -> Canonical {
    canonical(domain, &input.record_type, &input.host, &input.value, input.priority.as_deref())
}

/// What a TXT value is for, from its version tag. Records of the same kind at the same name
/// replace each other (a new SPF replaces the old one; two verification tokens coexist).
pub fn txt_kind(value: &str) -> String {
    let content = txt_content_lossy(value);
    let lower = content.trim_start().to_ascii_lowercase();
    for (prefix, kind) in [("v=spf1", "spf"), ("v=dmarc1", "dmarc"), ("v=dkim1", "dkim")] {
        if lower.starts_with(prefix) && lower[prefix.len()..].chars().next().is_none_or(|c| c == ' ' || c == ';') {
            return kind.to_owned();
        }
    }
    // A token such as `google-site-verification=…` is its own kind; anything else is free text.
    match lower.split_once('=') {
        Some((key, _)) if !key.is_empty() && !key.contains(' ') => format!("token:{key}"),
        _ => format!("text:{content}"),
    }
}

/// Whether a value is an SPF record (`v=spf1` then a space or nothing).
pub fn is_spf(value: &str) -> bool {
    txt_kind(value) == "spf"
}

/// Whether a value is a DMARC record.
pub fn is_dmarc(value: &str) -> bool {
    txt_kind(value) == "dmarc"
}

/// One line for a record, as in a zone file: `mail MX 10 mx.acme.com`.
pub fn describe(record_type: &DnsRecordType, host: &str, value: &str, priority: Option<&str>) -> String {
    match (has_priority(record_type), priority) {
        (true, Some(p)) => format!("{host} {record_type} {p} {value}"),
        _ => format!("{host} {record_type} {value}"),
    }
}

pub fn describe_record(record: &DnsRecord) -> String {
    describe(&record_type_of(record), &record.host, &record.value, record.priority.as_deref())
}

pub fn describe_input(input: &DnsRecordInput) -> String {
    describe(&input.record_type, &input.host, &input.value, input.priority.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_record_compare_equal() {
        let a = canonical("acme.com", &DnsRecordType::Mx, "@", "ASPMX.L.GOOGLE.COM.", Some("1"));
        let b = canonical("acme.com", &DnsRecordType::Mx, "acme.com", "aspmx.l.google.com", Some(" 1"));
        assert_eq!(a, b);
        let t1 = canonical("acme.com", &DnsRecordType::Txt, "@", "\"v=spf1 \" \"-all\"", None);
        let t2 = canonical("acme.com", &DnsRecordType::Txt, "@", "v=spf1 -all", None);
        assert_eq!(t1, t2);
    }

    #[test]
    fn txt_kinds() {
        assert_eq!(txt_kind("v=spf1 include:x ~all"), "spf");
        assert_eq!(txt_kind("\"v=DMARC1; p=none\""), "dmarc");
        assert_eq!(txt_kind("v=spf10"), "token:v");
        assert_eq!(txt_kind("google-site-verification=abc"), "token:google-site-verification");
        assert_eq!(txt_kind("hello world"), "text:hello world");
    }
}
