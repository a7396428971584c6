//! BIND zone export: a domain's records written so that a DNS server reads back exactly those
//! records and no others.
//!
//! Values come from CMR and may hold anything: written as they are, a newline in an A value
//! starts a second, injected record, and a newline in a TXT value leaves a quote open. So
//! every part of a line is either rebuilt from parsed data (addresses, names, numbers) or
//! escaped (TXT, RFC 1035 §5.1); a record that cannot be written for its type is left out and
//! listed in a comment at the top of the file, and the rest of the zone is still exported.

use std::net::{Ipv4Addr, Ipv6Addr};

use cmr_client::dns::DnsRecord;
use cmr_client::DnsRecordType;

use crate::names::{check_domain, normalize_host, APEX, MAX_LABEL_LEN, MAX_NAME_LEN};
use crate::record::record_type_of;
use crate::txt::{quote_txt, split_strings, txt_content_lossy};
use crate::validate::MAX_TTL;
use crate::zone::{scan_one, split_entries, DEFAULT_TTL};

/// Timers of the generated SOA: refresh 2 h, retry 1 h, expire 14 days, negative answers
/// cached 1 h. Common values for a zone that changes now and then; a server that loads the
/// file as primary only uses them for its secondaries.
const SOA_TIMERS: &str = "7200 3600 1209600 3600";

/// Longest TXT record data (RFC 1035 §3.2.1: RDLENGTH is 16 bits), counting one length octet
/// per character string.
const MAX_RDATA_LEN: usize = 65_535;

/// What the export writes around the records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZoneForm {
    /// Only the records, under a comment saying the file is a fragment of a zone: CMR keeps
    /// the SOA and the domain's own NS records, and a DNS server refuses a zone without them.
    Fragment,
    /// A file a DNS server loads on its own: a generated SOA and NS records come first. The
    /// NS records name `name_servers`, or, when it is empty, the set's own NS records at the
    /// domain; the first one is the SOA's primary server.
    Complete { name_servers: Vec<String>, serial: u32 },
}

/// The exported file and the records it leaves out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ZoneExport {
    pub text: String,
    /// One sentence per record left out; the file lists them in comments at the top.
    pub skipped: Vec<String>,
}

/// One record as written: every part already safe to put on a line.
struct Line {
    owner: String,
    ttl: Option<u32>,
    record_type: String,
    data: String,
}

impl Line {
    fn render(&self, default_ttl: u32) -> String {
        let ttl = match self.ttl {
            Some(t) if t != default_ttl => format!(" {t}"),
            _ => String::new(),
        };
        format!("{}{ttl} IN {} {}", self.owner, self.record_type, self.data)
    }

    fn is_apex_ns(&self) -> bool {
        self.owner == APEX && self.record_type == "NS"
    }
}

/// The records of `domain` as a zone file: comments saying what the file is, `$ORIGIN`,
/// `$TTL`, then one line per record with relative owners, absolute targets and TXT in quoted
/// strings of at most 255 octets. Fails only for a domain that is not a domain name or a
/// complete file without any name server.
pub fn export_zone(domain: &str, records: &[DnsRecord], form: &ZoneForm) -> Result<ZoneExport, String> {
    let domain = check_domain(domain)?;
    let default_ttl = most_common_ttl(records);
    let mut lines = Vec::new();
    let mut skipped = Vec::new();
    for record in records {
        match record_line(&domain, record) {
            Ok(line) => lines.push(line),
            Err(reason) => skipped.push(format!("{}: {reason}", describe_for_comment(record))),
        }
    }
    let mut out = match form {
        ZoneForm::Fragment => format!(
            "; A fragment of the zone {domain}: its records, without the SOA record and the domain's own\n\
             ; NS records, which CMR manages. A DNS server loads it only inside a complete zone file.\n"
        ),
        ZoneForm::Complete { .. } => {
            format!("; The zone {domain} as a complete zone file. The SOA record and the domain's NS records are generated.\n")
        }
    };
    for note in &skipped {
        out.push_str(&format!("; Left out: {note}\n"));
    }
    out.push_str(&format!("$ORIGIN {domain}.\n$TTL {default_ttl}\n"));
    if let ZoneForm::Complete { name_servers, serial } = form {
        let generated = if name_servers.is_empty() {
            lines.iter().filter(|l| l.is_apex_ns()).map(|l| l.data.clone()).collect::<Vec<_>>()
        } else {
            let mut names = Vec::new();
            for ns in name_servers {
                names.push(name_data(ns, &domain).map_err(|e| format!("Name server {}: {e}", printable(ns)))?);
            }
            // The set's own NS records at the domain would repeat the generated ones.
            lines.retain(|l| !l.is_apex_ns() || !names.contains(&l.data));
            names
        };
        let Some(primary) = generated.first() else {
            return Err(format!("A complete zone file needs the name servers of {domain}; none was given."));
        };
        out.push_str(&format!("@ IN SOA {primary} hostmaster.{domain}. {serial} {SOA_TIMERS}\n"));
        for ns in generated.iter().filter(|ns| !lines.iter().any(|l| l.is_apex_ns() && &l.data == *ns)) {
            out.push_str(&format!("@ IN NS {ns}\n"));
        }
    }
    for line in &lines {
        out.push_str(&line.render(default_ttl));
        out.push('\n');
    }
    Ok(ZoneExport { text: out, skipped })
}

/// The line for one record, or why it cannot be written.
fn record_line(domain: &str, record: &DnsRecord) -> Result<Line, String> {
    let record_type = record_type_of(record);
    let owner = owner(&record.host, domain)?;
    // RFC 2181 §8: a TTL with the top bit set means 0; such a record takes the file's $TTL.
    let ttl = record.ttl.filter(|t| *t <= MAX_TTL);
    let value = record.value.as_str();
    let data = match &record_type {
        DnsRecordType::A => match value.trim().parse::<Ipv4Addr>() {
            Ok(ip) => ip.to_string(),
            Err(_) => return Err("the value is not an IPv4 address".into()),
        },
        DnsRecordType::Aaaa => match value.trim().parse::<Ipv6Addr>() {
            Ok(ip) => ip.to_string(),
            Err(_) => return Err("the value is not an IPv6 address".into()),
        },
        DnsRecordType::Cname | DnsRecordType::Ns => name_data(value, domain)?,
        DnsRecordType::Mx => {
            let priority = record.priority.as_deref().unwrap_or("0").trim();
            let Ok(priority) = priority.parse::<u16>() else {
                return Err("the priority is not a number from 0 to 65535".into());
            };
            format!("{priority} {}", name_data(value, domain)?)
        }
        DnsRecordType::Txt => txt_data(&txt_content_lossy(value))?,
        DnsRecordType::Other(name) => return other_line(owner, ttl, name, value),
    };
    Ok(Line { owner, ttl, record_type: record_type.as_str().to_owned(), data })
}

/// The owner relative to the origin: the editor's form when the host is one the editor
/// accepts, else any name DNS can hold that needs no escape.
fn owner(host: &str, domain: &str) -> Result<String, String> {
    if let Ok(host) = normalize_host(host, domain) {
        return Ok(host);
    }
    let raw = host.trim().to_ascii_lowercase();
    let name = raw.strip_suffix('.').unwrap_or(&raw);
    let relative = match name.strip_suffix(&format!(".{domain}")) {
        Some(relative) => relative,
        None if raw.ends_with('.') => return Err(format!("the host is outside {domain}")),
        None => name,
    };
    if relative.len() + 1 + domain.len() > MAX_NAME_LEN || !is_plain_name(relative) {
        return Err("the host is not a DNS name".into());
    }
    Ok(relative.to_owned())
}

/// A target name, absolute with its trailing dot; `@` is the domain, an empty name the root
/// (a null MX, RFC 7505).
fn name_data(value: &str, domain: &str) -> Result<String, String> {
    let name = value.trim().to_ascii_lowercase();
    if name == APEX {
        return Ok(format!("{domain}."));
    }
    let name = name.strip_suffix('.').unwrap_or(&name);
    if name.is_empty() {
        return Ok(".".into());
    }
    if name.len() > MAX_NAME_LEN || !is_plain_name(name) {
        return Err("the value is not a host name".into());
    }
    Ok(format!("{name}."))
}

/// Labels of letters, digits, `-` and `_` (or a lone `*`), within DNS's lengths: names that
/// need no escape in a zone file.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name.split('.').all(|label| {
            label == "*"
                || (!label.is_empty()
                    && label.len() <= MAX_LABEL_LEN
                    && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        })
}

fn txt_data(content: &str) -> Result<String, String> {
    let wire: usize = split_strings(content).iter().map(|s| s.len() + 1).sum();
    if wire > MAX_RDATA_LEN {
        return Err(format!("the text is longer than a DNS record holds ({MAX_RDATA_LEN} bytes)"));
    }
    Ok(quote_txt(content))
}

/// A type the editor does not manage (CAA, SRV…): its value is written as CMR holds it, so
/// it must be printable ASCII and read back, alone, as exactly one record of that type.
fn other_line(owner: String, ttl: Option<u32>, name: &str, value: &str) -> Result<Line, String> {
    let record_type = name.trim().to_ascii_uppercase();
    let type_ok = record_type.starts_with(|c: char| c.is_ascii_alphabetic()) && record_type.bytes().all(|b| b.is_ascii_alphanumeric());
    if !type_ok {
        return Err("the record type is not a DNS type name".into());
    }
    if record_type == "SOA" {
        return Err("a zone has one SOA record, which CMR manages".into());
    }
    let data = value.trim();
    if data.is_empty() || !data.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        return Err(format!("the {record_type} value is empty or holds characters a zone file cannot take as they are"));
    }
    let line = Line { owner, ttl, record_type, data: data.to_owned() };
    let text = line.render(DEFAULT_TTL);
    let (entries, errors) = split_entries(&text);
    let whole = errors.is_empty() && entries.len() == 1 && entries[0].text.trim_end() == text;
    let scanned = whole.then(|| scan_one(&format!("$ORIGIN invalid.\n{text}\n")));
    match scanned {
        Some(Ok(Some(r))) if r.rtype().to_string().eq_ignore_ascii_case(&line.record_type) => Ok(line),
        Some(Err(e)) => Err(format!("the {} value does not read back: {e}", line.record_type)),
        _ => Err(format!("the {} value does not read back as one record", line.record_type)),
    }
}

/// The TTL most records have, written as `$TTL` so that only the others carry their own.
fn most_common_ttl(records: &[DnsRecord]) -> u32 {
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for ttl in records.iter().filter_map(|r| r.ttl).filter(|t| *t <= MAX_TTL) {
        match counts.iter_mut().find(|(t, _)| *t == ttl) {
            Some((_, n)) => *n += 1,
            None => counts.push((ttl, 1)),
        }
    }
    counts.iter().max_by_key(|(t, n)| (*n, std::cmp::Reverse(*t))).map(|(t, _)| *t).unwrap_or(DEFAULT_TTL)
}

/// `host TYPE value` of a record left out, safe inside a comment: escapes instead of line
/// breaks, and short.
fn describe_for_comment(record: &DnsRecord) -> String {
    let record_type = record_type_of(record);
    let record_type = if record_type.as_str().is_empty() { "untyped" } else { record_type.as_str() };
    format!("{} {} {}", printable(&record.host), printable(record_type), printable(&record.value))
}

fn printable(text: &str) -> String {
    const MAX: usize = 60;
    let escaped: String = text.trim().escape_debug().collect();
    if escaped.chars().count() > MAX {
        format!("{}…", escaped.chars().take(MAX).collect::<String>())
    } else if escaped.is_empty() {
        "(empty)".into()
    } else {
        escaped
    }
}

#[cfg(test)]
#[path = "zone_export_tests.rs"]
mod tests;
