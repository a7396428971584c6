use super::*;
use crate::plan::tests::rec;
use crate::zone::import_zone;
use crate::zone::tests::{dkim, zone, D};

fn fragment(records: &[DnsRecord]) -> ZoneExport {
    export_zone(D, records, &ZoneForm::Fragment).unwrap()
}

/// The lines that are not comments.
fn body(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.starts_with(';')).collect()
}

#[test]
fn export_writes_origin_ttl_and_quoted_split_txt() {
    let text = fragment(&zone()).text;
    let lines = body(&text);
    assert_eq!(lines[0], "$ORIGIN acme.com.");
    assert_eq!(lines[1], "$TTL 3600");
    assert_eq!(lines[2], "@ IN MX 1 smtp.google.com.");
    assert_eq!(lines[3], "@ IN TXT \"v=spf1 include:_spf.google.com ~all\"");
    assert_eq!(lines[6], r#"quote IN TXT "say \"hi\" \\o/""#);
    assert_eq!(lines[7], "@ 300 IN A 192.0.2.1");
    assert_eq!(lines[9], "www IN CNAME acme.com.");
    let dkim_line = lines[5];
    assert!(dkim_line.starts_with("google._domainkey IN TXT \""));
    assert_eq!(dkim_line.matches("\" \"").count(), dkim().len() / 255);
}

#[test]
fn a_fragment_says_so_at_the_top() {
    let text = fragment(&zone()).text;
    assert!(text.starts_with("; A fragment of the zone acme.com"), "{text}");
    assert!(!body(&text).iter().any(|l| l.contains(" SOA ")), "{text}");
}

#[test]
fn control_characters_and_unicode_are_escaped_in_txt() {
    let records = [
        rec("1", DnsRecordType::Txt, "a", "line one\nb IN A 203.0.113.66", None),
        rec("2", DnsRecordType::Txt, "b", "tab\there; (paren) \"quoted\" naïve ✓", None),
    ];
    let export = fragment(&records);
    let lines = body(&export.text);
    assert_eq!(lines.len(), 4, "one line per record: {}", export.text);
    assert_eq!(lines[2], r#"a IN TXT "line one\010b IN A 203.0.113.66""#);
    assert_eq!(lines[3], r#"b IN TXT "tab\009here; (paren) \"quoted\" na\195\175ve \226\156\147""#);
    assert!(export.text.is_ascii());
    assert!(export.skipped.is_empty());
}

#[test]
fn values_that_would_inject_records_are_left_out_and_listed() {
    let mut bad_priority = rec("5", DnsRecordType::Mx, "@", "mx.acme.com", Some("10 mx.acme.com.\n@ IN A 203.0.113.66 ;"));
    bad_priority.ttl = None;
    let records = [
        rec("1", DnsRecordType::A, "@", "192.0.2.1\n@ IN A 203.0.113.66", None),
        rec("2", DnsRecordType::A, "evil\n@ IN A 203.0.113.66\nx", "192.0.2.1", None),
        rec("3", DnsRecordType::Cname, "www", "acme.com. \n@ IN A 203.0.113.66", None),
        rec("4", DnsRecordType::Aaaa, "@", "192.0.2.1", None),
        bad_priority,
        rec("6", DnsRecordType::Other("CAA".into()), "@", "0 issue \"ca.example\"\n@ IN A 203.0.113.66", None),
        rec("7", DnsRecordType::Other("CAA".into()), "@", "0 issue \"ca.example\" ( ", None),
        rec("8", DnsRecordType::Other("CAA".into()), "@", "0 issue \"ca.example\" ; x", None),
        rec("9", DnsRecordType::Other("A\n@ IN A".into()), "@", "203.0.113.66", None),
        rec("10", DnsRecordType::Other("SOA".into()), "@", "ns1.acme.com. h.acme.com. 1 2 3 4 5", None),
        rec("11", DnsRecordType::Other(String::new()), "@", "x", None),
        rec("12", DnsRecordType::A, "ok", "192.0.2.7", None),
    ];
    let export = fragment(&records);
    assert_eq!(export.skipped.len(), 11, "{:#?}", export.skipped);
    assert!(!export.text.contains("203.0.113.66\n") && !export.text.contains("\n@ IN A"), "{}", export.text);
    assert_eq!(body(&export.text)[2..], ["ok IN A 192.0.2.7"]);
    // The notes are comments: each on one line, the bad value shown with escapes.
    let notes: Vec<&str> = export.text.lines().filter(|l| l.starts_with("; Left out: ")).collect();
    assert_eq!(notes.len(), 11);
    assert!(notes[0].contains(r"192.0.2.1\n@ IN A") && notes[0].contains("not an IPv4 address"), "{}", notes[0]);
    assert!(notes[3].contains("IPv6"), "{}", notes[3]);
    assert!(notes[4].contains("priority"), "{}", notes[4]);
    let imported = import_zone(D, &export.text).unwrap();
    assert_eq!(imported.records.len(), 1);
}

#[test]
fn hosts_and_targets_outside_the_editor_rules_still_export_when_dns_can_hold_them() {
    let mut null_mx = rec("1", DnsRecordType::Mx, "@", ".", Some("0"));
    null_mx.ttl = None;
    let records = [
        null_mx,
        rec("2", DnsRecordType::A, "-odd-", "192.0.2.1", None),
        rec("3", DnsRecordType::Other("SRV".into()), "_sip._tcp", "10 5 5060 sip.acme.com.", None),
        rec("4", DnsRecordType::A, "x.other.org.", "192.0.2.1", None),
        rec("5", DnsRecordType::A, "-Odd-.ACME.com.", "192.0.2.2", None),
    ];
    let export = fragment(&records);
    let expected = ["@ IN MX 0 .", "-odd- IN A 192.0.2.1", "_sip._tcp IN SRV 10 5 5060 sip.acme.com.", "-odd- IN A 192.0.2.2"];
    assert_eq!(body(&export.text)[2..], expected);
    assert_eq!(export.skipped.len(), 1);
    assert!(export.skipped[0].contains("outside acme.com"), "{:?}", export.skipped);
}

#[test]
fn a_complete_file_has_a_generated_soa_and_ns() {
    let form = ZoneForm::Complete { name_servers: vec!["NS1.dnshost.net".into(), "ns2.dnshost.net.".into()], serial: 2024010101 };
    let text = export_zone(D, &zone(), &form).unwrap().text;
    let lines = body(&text);
    assert!(text.starts_with("; The zone acme.com as a complete zone file."), "{text}");
    assert_eq!(lines[2], "@ IN SOA ns1.dnshost.net. hostmaster.acme.com. 2024010101 7200 3600 1209600 3600");
    assert_eq!(lines[3..5], ["@ IN NS ns1.dnshost.net.", "@ IN NS ns2.dnshost.net."]);
    // Without names given, the set's own NS records at the domain serve; one is not repeated.
    let mut records = zone();
    records.push(rec("ns", DnsRecordType::Ns, "@", "ns9.dnshost.net", None));
    let own = export_zone(D, &records, &ZoneForm::Complete { name_servers: vec![], serial: 1 }).unwrap().text;
    assert!(own.contains("@ IN SOA ns9.dnshost.net. hostmaster.acme.com. 1 "), "{own}");
    assert_eq!(own.matches("IN NS ns9.dnshost.net.").count(), 1, "{own}");
    let given = ZoneForm::Complete { name_servers: vec!["ns9.dnshost.net".into()], serial: 1 };
    assert_eq!(export_zone(D, &records, &given).unwrap().text.matches("IN NS ns9.dnshost.net.").count(), 1);
}

#[test]
fn a_complete_file_needs_name_servers_and_a_domain_name() {
    let none = ZoneForm::Complete { name_servers: vec![], serial: 1 };
    assert!(export_zone(D, &zone(), &none).unwrap_err().contains("name servers"));
    let bad = ZoneForm::Complete { name_servers: vec!["ns1.x.net\n@ IN A 203.0.113.66".into()], serial: 1 };
    let err = export_zone(D, &zone(), &bad).unwrap_err();
    assert!(err.contains(r"\n") && !err.contains('\n'), "{err}");
    assert!(export_zone("acme.com\n@ IN A 203.0.113.66", &zone(), &ZoneForm::Fragment).is_err());
}

#[test]
fn ttls_beyond_the_dns_maximum_take_the_default() {
    let mut records = zone();
    for r in &mut records {
        r.ttl = Some(u32::MAX);
    }
    let text = fragment(&records).text;
    assert!(text.contains("$TTL 3600\n") && !text.contains(&u32::MAX.to_string()), "{text}");
}
