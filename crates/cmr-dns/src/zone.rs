//! BIND zone files (RFC 1035 §5): import records from a file (the export is in
//! [`crate::zone_export`]).
//!
//! Import reads each record with the `domain` crate's zone-file scanner (names, escapes,
//! quoted strings, record data). That scanner stops at the first error, while the editor
//! must list every bad line; so the file is first cut into entries here (comments, quotes
//! and parentheses decide where an entry ends), and each entry is scanned on its own with
//! the current `$ORIGIN` and owner. Every bad entry then gets its own line error.

use cmr_client::dns::DnsRecordInput;
use cmr_client::DnsRecordType;
use domain::base::iana::Class;
use domain::base::RecordData;
use domain::rdata::ZoneRecordData;
use domain::zonefile::inplace::{Entry, Zonefile};
use serde::{Deserialize, Serialize};

use crate::names::{absolute_name, check_domain, is_ip, APEX};
use crate::record::has_priority;
use crate::validate::validate_record;

/// TTL written as `$TTL` when the records carry none, and the one a file without `$TTL` has.
pub const DEFAULT_TTL: u32 = 3600;

/// The largest zone file read, in bytes (a domain's records, even thousands, fit well within).
pub const MAX_ZONE_BYTES: usize = 1024 * 1024;
/// The most lines a zone file may have.
pub const MAX_ZONE_LINES: usize = 20_000;

/// Refuses a file above [`MAX_ZONE_BYTES`] or [`MAX_ZONE_LINES`] before any of it is read
/// (counting lines stops at the limit).
pub fn check_zone_size(text: &str) -> Result<(), LineError> {
    if text.len() > MAX_ZONE_BYTES {
        return Err(LineError {
            line: 0,
            message: format!("The zone file is {} bytes; at most {MAX_ZONE_BYTES} bytes (1 MiB) are read.", text.len()),
        });
    }
    if text.lines().nth(MAX_ZONE_LINES).is_some() {
        return Err(LineError { line: 0, message: format!("The zone file has more than {MAX_ZONE_LINES} lines; at most {MAX_ZONE_LINES} are read.") });
    }
    Ok(())
}

/// A line of the file that could not be imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LineError {
    /// 1-based line where the entry starts.
    pub line: u32,
    pub message: String,
}

/// Something left out on purpose (SOA, apex NS, unsupported types); line 0 is the whole file.
pub type LineNote = LineError;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ZoneImport {
    /// Records checked and normalised, ready for a plan.
    pub records: Vec<DnsRecordInput>,
    pub notes: Vec<LineNote>,
}

/// One entry of the file: its text on one line (comments and parentheses removed).
pub(crate) struct RawEntry {
    pub(crate) line: u32,
    pub(crate) text: String,
    /// Starts with a blank: the owner is the previous record's.
    pub(crate) inherits_owner: bool,
}

/// Cuts the file into entries. An entry ends at a line end outside parentheses; a quote must
/// close on its own line.
pub(crate) fn split_entries(text: &str) -> (Vec<RawEntry>, Vec<LineError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let (mut depth, mut start, mut current, mut inherits, mut broken) = (0u32, 0u32, String::new(), false, false);
    for (index, line) in text.lines().enumerate() {
        let line_no = index as u32 + 1;
        if depth == 0 {
            start = line_no;
            current.clear();
            inherits = line.starts_with([' ', '\t']);
            broken = false;
        }
        let (mut in_quote, mut escaped) = (false, false);
        for c in line.chars() {
            if escaped {
                current.push(c);
                escaped = false;
                continue;
            }
            match c {
                '\\' => {
                    escaped = true;
                    current.push(c);
                }
                '"' => {
                    in_quote = !in_quote;
                    current.push(c);
                }
                _ if in_quote => current.push(c),
                ';' => break,
                '(' => {
                    depth += 1;
                    current.push(' ');
                }
                ')' if depth == 0 => {
                    errors.push(LineError { line: line_no, message: "')' without a matching '('.".into() });
                    broken = true;
                }
                ')' => {
                    depth -= 1;
                    current.push(' ');
                }
                _ => current.push(c),
            }
        }
        if in_quote {
            errors.push(LineError { line: line_no, message: "A quoted text is not closed on this line.".into() });
            broken = true;
        }
        if depth == 0 {
            if !broken && !current.trim().is_empty() {
                entries.push(RawEntry { line: start, text: current.clone(), inherits_owner: inherits });
            }
        } else {
            current.push(' ');
        }
    }
    if depth > 0 {
        errors.push(LineError { line: start, message: "A '(' is never closed.".into() });
    }
    (entries, errors)
}

/// Reads records for `domain` from a zone file. SOA records, NS records at the apex and types
/// CMR does not manage are skipped with a note; every bad entry is an error with its line.
pub fn import_zone(domain: &str, text: &str) -> Result<ZoneImport, Vec<LineError>> {
    check_zone_size(text).map_err(|e| vec![e])?;
    let domain = check_domain(domain).map_err(|message| vec![LineError { line: 0, message }])?;
    let (entries, mut errors) = split_entries(text);
    let mut result = ZoneImport::default();
    let mut origin = domain.clone();
    let mut last_owner: Option<String> = None;
    let mut ttl_seen = false;
    for entry in entries {
        let fail = |message: String| LineError { line: entry.line, message };
        let mut words = entry.text.split_whitespace();
        let first = words.next().unwrap_or_default();
        if first.starts_with('$') && !entry.inherits_owner {
            match first.to_ascii_uppercase().as_str() {
                "$ORIGIN" => match words.next().map(|o| resolve_origin(o, &origin)) {
                    Some(Ok(o)) => origin = o,
                    Some(Err(e)) => errors.push(fail(e)),
                    None => errors.push(fail("$ORIGIN needs a domain name.".into())),
                },
                "$TTL" => {
                    ttl_seen = true;
                    if words.next().and_then(parse_ttl).is_none() {
                        errors.push(fail("$TTL needs a time such as 3600 or 1h.".into()));
                    }
                }
                "$INCLUDE" => errors.push(fail("$INCLUDE is not supported; paste the included records into this file.".into())),
                other => errors.push(fail(format!("Unknown directive {other}."))),
            }
            continue;
        }
        let owner_prefix = match (&last_owner, entry.inherits_owner) {
            (_, false) => String::new(),
            (Some(owner), true) => format!("{owner}. "),
            (None, true) => {
                errors.push(fail("This record has no name: it starts with a blank and no record comes before it.".into()));
                continue;
            }
        };
        let text = prepare_entry(&entry.text, &origin, entry.inherits_owner);
        let zone_text = format!("$ORIGIN {origin}.\n{owner_prefix}{}\n", text.trim_end());
        match scan_one(&zone_text) {
            Err(e) => errors.push(fail(format!("Could not read this record: {e}."))),
            Ok(None) => {}
            Ok(Some(record)) => {
                let owner = record.owner().to_string().trim_end_matches('.').to_ascii_lowercase();
                last_owner = Some(owner.clone());
                ttl_seen |= record.ttl().as_secs() != DEFAULT_TTL;
                match convert(&domain, &origin, &owner, record.class(), record.into_data()) {
                    Converted::Record(input) => match validate_record(&input, &domain) {
                        Ok(valid) => result.records.push(valid),
                        Err(field_errors) => errors.push(fail(field_errors.to_string())),
                    },
                    Converted::Skip(note) => result.notes.push(fail(note)),
                    Converted::Error(message) => errors.push(fail(message)),
                }
            }
        }
    }
    if ttl_seen {
        result.notes.push(LineError { line: 0, message: "CMR sets TTLs itself; the TTLs in the file are not imported.".into() });
    }
    if errors.is_empty() {
        Ok(result)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// A TTL in seconds or with BIND's units (`1h30m`, `2d`, `1w`).
fn parse_ttl(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse::<u32>() {
        return Some(n);
    }
    let (mut total, mut number) = (0u64, None::<u64>);
    for c in text.chars() {
        if let Some(d) = c.to_digit(10) {
            number = Some(number.unwrap_or(0).checked_mul(10)? + u64::from(d));
            continue;
        }
        let unit = match c.to_ascii_lowercase() {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 604_800,
            _ => return None,
        };
        total = total.checked_add(number.take()?.checked_mul(unit)?)?;
    }
    if number.is_some() {
        return None;
    }
    u32::try_from(total).ok()
}

/// What the scanner does not take from BIND: `@` in record data (the origin) and TTLs with
/// units. Quoted strings are left untouched.
fn prepare_entry(text: &str, origin: &str, inherits_owner: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    let (mut in_quote, mut escaped, mut index, mut before_type) = (false, false, 0usize, true);
    let flush = |token: &mut String, out: &mut String, index: &mut usize, before_type: &mut bool| {
        if token.is_empty() {
            return;
        }
        let is_owner = *index == 0 && !inherits_owner;
        let mapped = if token == "@" && !is_owner {
            format!("{origin}.")
        } else if *before_type && !is_owner {
            let class = ["IN", "CH", "HS", "CS"].contains(&token.to_ascii_uppercase().as_str());
            if token.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && !class {
                *before_type = false;
            }
            match parse_ttl(token) {
                Some(ttl) if token.chars().next().is_some_and(|c| c.is_ascii_digit()) => ttl.to_string(),
                _ => token.clone(),
            }
        } else {
            token.clone()
        };
        out.push_str(&mapped);
        token.clear();
        *index += 1;
    };
    for c in text.chars() {
        if in_quote {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_quote = false,
                _ => {}
            }
        } else if c == '"' {
            flush(&mut token, &mut out, &mut index, &mut before_type);
            in_quote = true;
            before_type = false;
            out.push(c);
        } else if c.is_whitespace() {
            flush(&mut token, &mut out, &mut index, &mut before_type);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out, &mut index, &mut before_type);
    out
}

fn resolve_origin(name: &str, current: &str) -> Result<String, String> {
    let resolved = if let Some(absolute) = name.strip_suffix('.') {
        absolute.to_ascii_lowercase()
    } else if name == APEX {
        current.to_owned()
    } else {
        format!("{}.{current}", name.to_ascii_lowercase())
    };
    check_domain(&resolved).map_err(|e| format!("$ORIGIN: {e}"))
}

type Scanned = domain::zonefile::inplace::ScannedRecord;

/// Scans one entry; the scanner's `line:col:` prefix is dropped (the entry's line is known).
pub(crate) fn scan_one(text: &str) -> Result<Option<Scanned>, String> {
    let mut zone = Zonefile::new();
    zone.extend_from_slice(text.as_bytes());
    match zone.next_entry() {
        Ok(Some(Entry::Record(record))) => Ok(Some(record)),
        Ok(Some(Entry::Include { .. })) => Err("$INCLUDE is not supported".into()),
        Ok(None) => Ok(None),
        Err(e) => Err(strip_position(&e.to_string())),
    }
}

fn strip_position(text: &str) -> String {
    let mut parts = text.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(l), Some(c), Some(msg)) if l.trim().parse::<u32>().is_ok() && c.trim().parse::<u32>().is_ok() => msg.trim().to_owned(),
        _ => text.to_owned(),
    }
}

enum Converted {
    Record(DnsRecordInput),
    Skip(String),
    Error(String),
}

fn convert(domain: &str, origin: &str, owner: &str, class: Class, data: domain::zonefile::inplace::ScannedRecordData) -> Converted {
    if class != Class::IN {
        return Converted::Error(format!("Only class IN records can be imported, not {class}."));
    }
    let host = if owner == domain {
        APEX.to_owned()
    } else if let Some(relative) = owner.strip_suffix(&format!(".{domain}")) {
        relative.to_owned()
    } else {
        return Converted::Error(format!("{owner} is outside {domain}."));
    };
    let name = |n: &dyn std::fmt::Display| n.to_string().trim_end_matches('.').to_ascii_lowercase();
    let (record_type, value, priority) = match &data {
        ZoneRecordData::A(a) => (DnsRecordType::A, a.addr().to_string(), None),
        ZoneRecordData::Aaaa(a) => (DnsRecordType::Aaaa, a.addr().to_string(), None),
        ZoneRecordData::Cname(c) => (DnsRecordType::Cname, name(c.cname()), None),
        ZoneRecordData::Mx(m) => (DnsRecordType::Mx, name(m.exchange()), Some(m.preference().to_string())),
        ZoneRecordData::Ns(_) if host == APEX => {
            return Converted::Skip(format!("NS records of {domain} itself are managed by CMR; skipped."));
        }
        ZoneRecordData::Ns(n) => (DnsRecordType::Ns, name(n.nsdname()), None),
        ZoneRecordData::Txt(t) => {
            // The scanner has turned `\DDD` escapes into bytes; joined, they must be text.
            let bytes: Vec<u8> = t.iter().flatten().copied().collect();
            match String::from_utf8(bytes) {
                Ok(text) => (DnsRecordType::Txt, text, None),
                Err(_) => return Converted::Error("The TXT text is not UTF-8: its escaped bytes (\\DDD) do not form characters.".into()),
            }
        }
        ZoneRecordData::Soa(_) => return Converted::Skip("The SOA record is managed by CMR; skipped.".into()),
        other => {
            return Converted::Skip(format!("{} records are not managed through CMR; skipped {}.", other.rtype(), absolute_name(&host, domain)));
        }
    };
    // `MX 10 192.0.2.5` reads as the relative name 192.0.2.5.<origin>; it was meant as an IP.
    let relative_ip = value.strip_suffix(&format!(".{origin}")).filter(|v| is_ip(v));
    if let (Some(ip), DnsRecordType::Cname | DnsRecordType::Mx | DnsRecordType::Ns) = (relative_ip, &record_type) {
        return Converted::Error(format!("{ip} is an IP address; a {record_type} record must point to a host name."));
    }
    let mut input = DnsRecordInput::new(record_type, host, value);
    input.priority = priority.filter(|_| has_priority(&input.record_type));
    Converted::Record(input)
}

#[cfg(test)]
#[path = "zone_tests.rs"]
pub(crate) mod tests;
