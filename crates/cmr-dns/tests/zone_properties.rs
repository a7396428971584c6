//! Property tests of the BIND zone export and import:
//!
//! - for every set of valid records, export then import gives the same records back, in the
//!   fragment form and in the complete form;
//! - whatever a record holds (newlines, quotes, control characters, directives, any type
//!   name), the export never writes a record that is not in the set: the file is read back
//!   with the `domain` crate's scanner alone, and every record found is one of the set's.
//!
//! 256 cases each keep the normal test run fast; `PROPTEST_CASES` raises them.

use std::net::{Ipv4Addr, Ipv6Addr};

use cmr_client::dns::{DnsRecord, DnsRecordInput};
use cmr_client::DnsRecordType;
use cmr_dns::names::{absolute_name, host_key};
use cmr_dns::record::{canonical, canonical_input, canonical_record, Canonical};
use cmr_dns::txt::txt_content_lossy;
use cmr_dns::{export_zone, import_zone, validate_record, ZoneForm};
use domain::base::RecordData;
use domain::rdata::ZoneRecordData;
use domain::zonefile::inplace::{Entry, ScannedRecordData, Zonefile};
use proptest::prelude::*;

const D: &str = "acme.com";
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(CASES);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

// --- valid records -----------------------------------------------------------------------

fn label() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", "_[a-z0-9]{1,8}"]
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("@".to_owned()),
        prop::collection::vec(label(), 1..4).prop_map(|l| l.join(".")),
        "[a-z]{1,6}".prop_map(|l| format!("*.{l}")),
        "[A-Z]{1,6}".prop_map(|l| format!("{l}.{}.", D.to_uppercase())),
    ]
}

fn target() -> impl Strategy<Value = String> {
    (prop::collection::vec("[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?", 1..3), "[a-z]{2,6}", any::<bool>())
        .prop_map(|(labels, tld, dot)| format!("{}.{tld}{}", labels.join("."), if dot { "." } else { "" }))
}

/// TXT text with what a zone file must escape: quotes, semicolons, backslashes, parentheses,
/// long runs past 255 bytes, and characters outside ASCII.
fn txt_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[ -~]{1,20}",
        Just("\"".to_owned()),
        Just(";".to_owned()),
        Just("\\".to_owned()),
        Just("()".to_owned()),
        Just("$ORIGIN evil.com.".to_owned()),
        "\\PC{1,10}",
        "[a-zA-Z0-9+/]{200,400}",
        Just("é".repeat(130)),
    ];
    prop::collection::vec(piece, 1..6).prop_map(|p| p.concat())
}

fn valid_input() -> impl Strategy<Value = DnsRecordInput> {
    let value = prop_oneof![
        any::<Ipv4Addr>().prop_map(|ip| (DnsRecordType::A, ip.to_string(), None)),
        any::<Ipv6Addr>().prop_map(|ip| (DnsRecordType::Aaaa, ip.to_string(), None)),
        target().prop_map(|t| (DnsRecordType::Cname, t, None)),
        (target(), 0u32..=65535).prop_map(|(t, p)| (DnsRecordType::Mx, t, Some(p.to_string()))),
        target().prop_map(|t| (DnsRecordType::Ns, t, None)),
        txt_text().prop_map(|t| (DnsRecordType::Txt, t, None)),
    ];
    (host(), value).prop_map(|(host, (record_type, value, priority))| DnsRecordInput {
        priority,
        ..DnsRecordInput::new(record_type, host, value)
    })
}

/// The records the editor accepts, as CMR would hand them back.
fn valid_set() -> impl Strategy<Value = Vec<DnsRecord>> {
    prop::collection::vec((valid_input(), prop::option::of(60u32..100_000)), 0..12).prop_map(|inputs| {
        inputs
            .into_iter()
            .filter_map(|(input, ttl)| validate_record(&input, D).ok().map(|r| (r, ttl)))
            .map(|(r, ttl)| DnsRecord {
                host: r.host,
                value: r.value,
                record_type: Some(r.record_type),
                priority: r.priority,
                ttl,
                ..DnsRecord::default()
            })
            .collect()
    })
}

fn sorted(mut records: Vec<Canonical>) -> Vec<Canonical> {
    records.sort();
    records
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn export_then_import_is_the_identity_for_valid_records(records in valid_set()) {
        let before = sorted(records.iter().map(|r| canonical_record(D, r)).collect());
        let forms = [ZoneForm::Fragment, ZoneForm::Complete { name_servers: vec!["ns1.dnshost.net".into()], serial: 1 }];
        for form in &forms {
            let export = export_zone(D, &records, form).unwrap();
            prop_assert!(export.skipped.is_empty(), "{:?}", export.skipped);
            let imported = import_zone(D, &export.text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{}", export.text)))?;
            let after = sorted(imported.records.iter().map(|r| canonical_input(D, r)).collect());
            prop_assert_eq!(&after, &before, "{}", export.text);
        }
    }
}

// --- any records -------------------------------------------------------------------------

/// Text built from what breaks zone files: line ends, quotes, comments, parentheses, escapes,
/// directives and whole injected records, mixed with names, addresses and any character.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_owned()),
        Just("\r".to_owned()),
        Just("\"".to_owned()),
        Just(";".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("\\".to_owned()),
        Just(" ".to_owned()),
        Just("\t".to_owned()),
        Just("\u{0}".to_owned()),
        Just("@".to_owned()),
        Just(".".to_owned()),
        Just("@ IN A 203.0.113.66".to_owned()),
        Just("\ninjected 60 IN TXT \"x\"\n".to_owned()),
        Just("$ORIGIN evil.com.".to_owned()),
        Just("$INCLUDE /etc/passwd".to_owned()),
        Just("192.0.2.1".to_owned()),
        Just("2001:db8::1".to_owned()),
        Just("mail.acme.com.".to_owned()),
        Just("10".to_owned()),
        Just("é✓".to_owned()),
        Just("x".repeat(300)),
        "[a-z0-9.-]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

fn any_type() -> impl Strategy<Value = DnsRecordType> {
    prop_oneof![
        Just(DnsRecordType::A),
        Just(DnsRecordType::Aaaa),
        Just(DnsRecordType::Cname),
        Just(DnsRecordType::Mx),
        Just(DnsRecordType::Ns),
        Just(DnsRecordType::Txt),
        prop_oneof![Just("CAA"), Just("SRV"), Just("SOA"), Just("a"), Just("")].prop_map(|t| DnsRecordType::Other(t.into())),
        hostile().prop_map(DnsRecordType::Other),
    ]
}

fn any_record() -> impl Strategy<Value = DnsRecord> {
    let host = prop_oneof![host(), hostile()];
    let value = prop_oneof![hostile(), any::<String>(), txt_text(), target(), any::<Ipv4Addr>().prop_map(|ip| ip.to_string())];
    let priority = prop::option::of(prop_oneof![hostile(), (0u32..70_000).prop_map(|p| p.to_string())]);
    (any_type(), host, value, priority, any::<Option<u32>>()).prop_map(|(t, host, value, priority, ttl)| DnsRecord {
        host,
        value,
        record_type: Some(t),
        priority,
        ttl,
        ..DnsRecord::default()
    })
}

/// A host relative to the domain, as a name in the zone: `mail.acme.com` and `mail` are one.
fn relative(host: &str) -> String {
    let name = absolute_name(host, D);
    let relative = if name == D { "@" } else { name.strip_suffix(&format!(".{D}")).unwrap_or(&name) };
    host_key(relative, D)
}

/// What the export means to write for a record, in the form the scanner's records are put.
fn intended(record: &DnsRecord) -> (String, String, Option<String>) {
    let record_type = record.record_type.clone().unwrap_or(DnsRecordType::Other(String::new()));
    let host = relative(&record.host);
    match &record_type {
        // Compared as written: the scanner's text is the text itself, not a value to unquote.
        DnsRecordType::Txt => ("TXT".into(), host, Some(txt_content_lossy(&record.value))),
        DnsRecordType::Other(name) => (name.trim().to_ascii_uppercase(), host, None),
        _ => {
            let priority = record.priority.clone().or_else(|| Some("0".into()));
            let c = canonical(D, &record_type, &host, &record.value, priority.as_deref());
            (c.record_type, c.host, Some(format!("{} {:?}", c.value, c.priority)))
        }
    }
}

/// The same triple for a record the scanner read.
fn scanned(owner: &str, data: &ScannedRecordData) -> (String, String, Option<String>) {
    let host = relative(&format!("{}.", owner.trim_end_matches('.')));
    let name = |n: &dyn std::fmt::Display| n.to_string();
    let (record_type, value, priority) = match data {
        ZoneRecordData::A(a) => (DnsRecordType::A, a.addr().to_string(), None),
        ZoneRecordData::Aaaa(a) => (DnsRecordType::Aaaa, a.addr().to_string(), None),
        ZoneRecordData::Cname(c) => (DnsRecordType::Cname, name(c.cname()), None),
        ZoneRecordData::Ns(n) => (DnsRecordType::Ns, name(n.nsdname()), None),
        ZoneRecordData::Mx(m) => (DnsRecordType::Mx, name(m.exchange()), Some(m.preference().to_string())),
        ZoneRecordData::Txt(t) => {
            let bytes: Vec<u8> = t.iter().flatten().copied().collect();
            let text = String::from_utf8(bytes).expect("exported TXT is UTF-8");
            return ("TXT".into(), host, Some(text));
        }
        other => return (other.rtype().to_string(), host, None),
    };
    let c = canonical(D, &record_type, &host, &value, priority.as_deref());
    (c.record_type, c.host, Some(format!("{} {:?}", c.value, c.priority)))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_value_makes_the_export_write_a_record_not_in_the_set(records in prop::collection::vec(any_record(), 0..8)) {
        let export = export_zone(D, &records, &ZoneForm::Fragment).unwrap();
        // Line ends only where the export puts them; every other control character is escaped.
        prop_assert!(export.text.chars().all(|c| c == '\n' || !c.is_control()), "{:?}", export.text);
        let mut zone = Zonefile::new();
        zone.extend_from_slice(export.text.as_bytes());
        let mut found = Vec::new();
        loop {
            match zone.next_entry() {
                Ok(Some(Entry::Record(r))) => found.push(scanned(&r.owner().to_string(), r.data())),
                Ok(Some(Entry::Include { .. })) => prop_assert!(false, "an $INCLUDE was written:\n{}", export.text),
                Ok(None) => break,
                Err(e) => prop_assert!(false, "the export does not scan: {e}\n{}", export.text),
            }
        }
        prop_assert_eq!(found.len(), records.len() - export.skipped.len(), "{}", export.text);
        let mut expected: Vec<_> = records.iter().map(intended).collect();
        for record in found {
            let at = expected.iter().position(|e| {
                e.0.eq_ignore_ascii_case(&record.0) && e.1 == record.1 && (e.2.is_none() || e.2 == record.2)
            });
            match at {
                Some(i) => { expected.swap_remove(i); }
                None => prop_assert!(false, "{record:?} is not in the set:\n{}", export.text),
            }
        }
    }
}
