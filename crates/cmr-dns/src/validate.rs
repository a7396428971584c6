//! Checks a record typed in the editor before it leaves the machine, and writes it the way
//! CMR expects it (relative host, bare target, plain TXT text, priority as digits). CMR
//! answers 422 to bad values; catching them here lets the form point at the field.

use std::net::{Ipv4Addr, Ipv6Addr};

use cmr_client::dns::DnsRecordInput;
use cmr_client::{DmarcTag, DnsRecordType};
use serde::{Deserialize, Serialize};

use crate::dmarc_check::dmarc_errors;
use crate::names::{check_domain, normalize_host, normalize_target, APEX, MAX_NAME_LEN};
use crate::record::{is_dmarc, is_spf};
use crate::spf::analyze_spf;
use crate::txt::txt_content;

/// Field names the errors are keyed by, as the form (and the wire) spell them.
pub mod field {
    pub const HOST: &str = "host";
    pub const VALUE: &str = "value";
    pub const PRIORITY: &str = "priority";
    pub const TTL: &str = "ttl";
    pub const RECORD_TYPE: &str = "recordType";
    pub const EXCLUDED_DMARC_TAGS: &str = "excludedDMARCtags";
}

/// Smallest and largest TTL the editor accepts: below a minute caches barely help and most
/// DNS hosts refuse it; RFC 2181 §8 caps TTLs at 2^31 - 1 seconds.
pub const MIN_TTL: u32 = 60;
pub const MAX_TTL: u32 = 2_147_483_647;

/// Longest TXT text, in bytes of UTF-8. DNS allows about 64 KiB, but the longest records in
/// real use (4096-bit DKIM keys, about 750 bytes; SPF and site verification are shorter) fit
/// five times over, while an answer past the 4096-byte EDNS buffer resolvers commonly offer
/// must be retried over TCP, which some networks block: a longer text is a paste gone wrong.
pub const MAX_TXT_LEN: usize = 4096;
/// Longest TXT value as typed: quoted strings may write each byte as a four-character `\DDD`
/// escape, and quotes come on top.
pub const MAX_TXT_INPUT_LEN: usize = 5 * MAX_TXT_LEN;
/// Longest IPv4 address (`255.255.255.255`) and IPv6 address
/// (`ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255`) as text.
pub const MAX_IPV4_LEN: usize = 15;
pub const MAX_IPV6_LEN: usize = 45;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The problems of one record, each tied to a form field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
#[error("{}", .errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
pub struct FieldErrors {
    pub errors: Vec<FieldError>,
}

impl FieldErrors {
    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.to_owned(), message: message.into() });
    }

    /// The first message for a field.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Checks a record for `domain` and returns it normalised, or every field error found.
pub fn validate_record(input: &DnsRecordInput, domain: &str) -> Result<DnsRecordInput, FieldErrors> {
    let mut errors = FieldErrors::default();
    // The domain is the records' own (a route, a picker), checked too: a value such as `@`
    // becomes it, so a domain holding a control character must not make one.
    let domain = match check_domain(domain) {
        Ok(d) => d,
        Err(e) => {
            errors.push("domain", e);
            return Err(errors);
        }
    };
    let domain = domain.as_str();
    let mut out = input.clone();
    match normalize_host(&input.host, domain) {
        Ok(host) => out.host = host,
        Err(e) => errors.push(field::HOST, e),
    }
    out.priority = None;
    if let Err(e) = check_value_bounds(input) {
        errors.push(field::VALUE, e);
        check_excluded_tags(&out, &mut errors);
        return Err(errors);
    }
    match &input.record_type {
        DnsRecordType::A => match input.value.trim() {
            v if v.parse::<Ipv4Addr>().is_ok() => out.value = v.to_owned(),
            v if v.parse::<Ipv6Addr>().is_ok() => errors.push(field::VALUE, "This is an IPv6 address; use an AAAA record for it."),
            _ => errors.push(field::VALUE, "Enter an IPv4 address such as 192.0.2.10."),
        },
        DnsRecordType::Aaaa => match input.value.trim() {
            v if v.parse::<Ipv6Addr>().is_ok() => out.value = v.parse::<Ipv6Addr>().map(|ip| ip.to_string()).unwrap_or_default(),
            v if v.parse::<Ipv4Addr>().is_ok() => errors.push(field::VALUE, "This is an IPv4 address; use an A record for it."),
            _ => errors.push(field::VALUE, "Enter an IPv6 address such as 2001:db8::10."),
        },
        DnsRecordType::Cname => {
            if out.host == APEX && errors.get(field::HOST).is_none() {
                errors.push(field::HOST, "A CNAME cannot be at the domain itself (@): the root also holds the domain's MX, TXT and NS records. Use an A record.");
            }
            match normalize_target(&input.value, domain, "CNAME", true) {
                Ok(target) if target == crate::names::absolute_name(&out.host, domain) => {
                    errors.push(field::VALUE, "A CNAME cannot point to itself.")
                }
                Ok(target) => out.value = target,
                Err(e) => errors.push(field::VALUE, e),
            }
        }
        DnsRecordType::Mx => {
            let (priority, target) = split_mx(input);
            match normalize_target(&target, domain, "MX record", false) {
                Ok(t) => out.value = t,
                Err(e) => errors.push(field::VALUE, e),
            }
            match priority.as_deref().map(str::trim) {
                None | Some("") => errors.push(field::PRIORITY, "An MX record needs a priority from 0 to 65535 (lower is tried first)."),
                Some(p) => match p.parse::<u32>() {
                    Ok(n) if n <= 65535 => out.priority = Some(n.to_string()),
                    _ => errors.push(field::PRIORITY, "The priority must be a whole number from 0 to 65535."),
                },
            }
        }
        DnsRecordType::Ns => {
            if out.host == APEX {
                errors.push(field::HOST, "The domain's own name servers are set by CMR; NS records here can only delegate a subdomain.");
            }
            match normalize_target(&input.value, domain, "NS record", false) {
                Ok(t) => out.value = t,
                Err(e) => errors.push(field::VALUE, e),
            }
        }
        DnsRecordType::Txt => validate_txt(input, &mut out, &mut errors),
        DnsRecordType::Other(t) => errors.push(
            field::RECORD_TYPE,
            format!("{} records cannot be managed here; choose A, AAAA, CNAME, MX, TXT or NS.", if t.is_empty() { "Untyped" } else { t }),
        ),
    }
    check_excluded_tags(&out, &mut errors);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A TTL from a form or a zone file.
pub fn validate_ttl(ttl: u32) -> Result<u32, FieldErrors> {
    if (MIN_TTL..=MAX_TTL).contains(&ttl) {
        Ok(ttl)
    } else {
        let mut errors = FieldErrors::default();
        errors.push(field::TTL, format!("The TTL must be between {MIN_TTL} seconds and {MAX_TTL} seconds."));
        Err(errors)
    }
}

/// Length and characters of a value, checked before it is parsed: a value is one line of
/// text, and a pasted megabyte is refused without being read.
fn check_value_bounds(input: &DnsRecordInput) -> Result<(), String> {
    let value = input.value.trim();
    // A name's trailing dot (absolute form) is not counted, as DNS does not count it.
    let name = value.strip_suffix('.').unwrap_or(value);
    let (len, max, what) = match &input.record_type {
        DnsRecordType::A => (value.len(), MAX_IPV4_LEN, "An IPv4 address"),
        DnsRecordType::Aaaa => (value.len(), MAX_IPV6_LEN, "An IPv6 address"),
        DnsRecordType::Cname | DnsRecordType::Ns => (name.len(), MAX_NAME_LEN, "A host name"),
        // `10 mx.example.com` may be typed into the value: a priority, a space and a name.
        DnsRecordType::Mx => (name.len(), MAX_NAME_LEN + 6, "A priority and host name"),
        DnsRecordType::Txt | DnsRecordType::Other(_) => (value.len(), MAX_TXT_INPUT_LEN, "The text as typed"),
    };
    if len > max {
        return Err(format!("{what} is at most {max} characters; this value has {len}."));
    }
    check_one_line(value)
}

/// Line breaks and other control characters: in a zone file they would end the record, and
/// no DNS value here needs them.
fn check_one_line(text: &str) -> Result<(), String> {
    match text.chars().find(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')) {
        Some(c) => Err(format!(
            "The value holds a line break or another control character (U+{:04X}); a DNS value is one line of text.",
            u32::from(c)
        )),
        None => Ok(()),
    }
}

/// The priority of an MX record, taking `10 mx.example.com` typed into the value field too.
fn split_mx(input: &DnsRecordInput) -> (Option<String>, String) {
    let value = input.value.trim();
    if input.priority.as_deref().is_none_or(|p| p.trim().is_empty()) {
        if let Some((first, rest)) = value.split_once(char::is_whitespace) {
            if first.chars().all(|c| c.is_ascii_digit()) {
                return (Some(first.to_owned()), rest.trim().to_owned());
            }
        }
    }
    (input.priority.clone(), value.to_owned())
}

fn validate_txt(input: &DnsRecordInput, out: &mut DnsRecordInput, errors: &mut FieldErrors) {
    let content = match txt_content(&input.value) {
        Ok(c) => c,
        Err(e) => return errors.push(field::VALUE, e),
    };
    if content.trim().is_empty() {
        return errors.push(field::VALUE, "Enter the text of the record.");
    }
    // Quoted strings may spell control characters as `\DDD` escapes.
    if let Err(e) = check_one_line(&content) {
        return errors.push(field::VALUE, e);
    }
    if content.len() > MAX_TXT_LEN {
        return errors.push(
            field::VALUE,
            format!("The text is {} bytes long; a TXT record here holds at most {MAX_TXT_LEN} bytes.", content.len()),
        );
    }
    // CMR stores the plain text; DNS splits it into strings of 255 characters when published.
    // Text that would read back otherwise as plain text (surrounding blanks, a leading quote)
    // is kept in quoted form, so a checked value checks again to itself.
    out.value = match txt_content(&content) {
        Ok(again) if again == content => content.clone(),
        _ => crate::txt::quote_txt(&content),
    };
    if is_spf(&content) {
        if let Some(e) = analyze_spf(&content).errors.into_iter().next() {
            errors.push(field::VALUE, e);
        }
    }
    let dmarc_host = out.host == "_dmarc" || out.host.starts_with("_dmarc.");
    if dmarc_host || is_dmarc(&content) {
        if !dmarc_host {
            errors.push(field::HOST, "A DMARC record belongs at the host _dmarc.");
        }
        if let Some(e) = dmarc_errors(&content).into_iter().next() {
            errors.push(field::VALUE, e);
        }
    }
}

/// CMR answers 400 to `excludedDMARCtags` on anything but a DMARC TXT record.
fn check_excluded_tags(out: &DnsRecordInput, errors: &mut FieldErrors) {
    let Some(tags) = &out.excluded_dmarc_tags else { return };
    let dmarc_txt = out.record_type == DnsRecordType::Txt && (out.host == "_dmarc" || out.host.starts_with("_dmarc."));
    if !dmarc_txt && !tags.is_empty() {
        errors.push(field::EXCLUDED_DMARC_TAGS, "Excluded DMARC tags apply only to the DMARC TXT record at _dmarc.");
    }
    if let Some(unknown) = tags.iter().find(|t| !t.is_known()) {
        let names: Vec<&str> = DmarcTag::KNOWN.iter().map(DmarcTag::as_str).collect();
        errors.push(field::EXCLUDED_DMARC_TAGS, format!("{unknown} is not one of CMR's default tags ({}).", names.join(", ")));
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
