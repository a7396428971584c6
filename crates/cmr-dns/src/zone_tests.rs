use super::*;
use crate::plan::tests::rec;
use crate::zone_export::{export_zone, ZoneForm};
use cmr_client::dns::DnsRecord;
use crate::record::{canonical_input, canonical_record};

pub(crate) const D: &str = "acme.com";

pub(crate) fn dkim() -> String {
    format!("v=DKIM1; k=rsa; p={}", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(9))
}

pub(crate) fn zone() -> Vec<DnsRecord> {
    let mut records = vec![
        rec("1", DnsRecordType::Mx, "@", "smtp.google.com", Some("1")),
        rec("2", DnsRecordType::Txt, "@", "v=spf1 include:_spf.google.com ~all", None),
        rec("3", DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=quarantine; rua=mailto:dmarc@acme.com", None),
        rec("4", DnsRecordType::Txt, "google._domainkey", &dkim(), None),
        rec("5", DnsRecordType::Txt, "quote", r#"say "hi" \o/"#, None),
        rec("6", DnsRecordType::A, "@", "192.0.2.1", None),
        rec("7", DnsRecordType::Aaaa, "@", "2001:db8::1", None),
        rec("8", DnsRecordType::Cname, "www", "acme.com", None),
        rec("9", DnsRecordType::Ns, "eu", "ns1.dnshost.net", None),
        rec("10", DnsRecordType::Mx, "eu", "mx.dnshost.net.", Some("20")),
    ];
    records[5].ttl = Some(300);
    records
}

#[test]
fn export_then_import_gives_the_same_records() {
    let original = zone();
    let imported = import_zone(D, &export_zone(D, &original, &ZoneForm::Fragment).unwrap().text).unwrap();
    let before: Vec<_> = original.iter().map(|r| canonical_record(D, r)).collect();
    let after: Vec<_> = imported.records.iter().map(|r| canonical_input(D, r)).collect();
    assert_eq!(before, after);
    assert_eq!(imported.records[3].value, dkim());
    // The exported TTLs differ, so the file says they are not carried over.
    assert_eq!(imported.notes.iter().map(|n| n.line).collect::<Vec<_>>(), [0]);
}

#[test]
fn import_reads_bind_syntax() {
    let text = r#"
; acme.com, as the old host exported it
$ORIGIN acme.com.
$TTL 1h
@       IN SOA ns1.oldhost.net. hostmaster.acme.com. (
            2024010101 ; serial
            7200 3600 1209600 3600 )
        IN NS  ns1.oldhost.net.
        IN MX  10 mail              ; relative target
        IN TXT "v=spf1 mx " "include:_spf.google.com ~all"
mail    1h30m IN A   192.0.2.25
www.acme.com.  300 IN CNAME @
$ORIGIN eu.acme.com.
shop    IN A   192.0.2.26
_sip._tcp IN SRV 10 5 5060 sip.acme.com.
"#;
    let z = import_zone(D, text).unwrap();
    let got: Vec<String> = z.records.iter().map(crate::record::describe_input).collect();
    assert_eq!(got, [
        "@ MX 10 mail.acme.com",
        "@ TXT v=spf1 mx include:_spf.google.com ~all",
        "mail A 192.0.2.25",
        "www CNAME acme.com",
        "shop.eu A 192.0.2.26",
    ]);
    let notes: Vec<(u32, bool)> = z.notes.iter().map(|n| (n.line, n.message.contains("skipped"))).collect();
    assert_eq!(notes, [(5, true), (8, true), (15, true), (0, false)]);
}

#[test]
fn import_lists_every_bad_line() {
    let text = "\
$ORIGIN acme.com.
@ IN A 192.0.2.1
@ IN A 999.0.0.1
www IN CNAME https://acme.com/
mail IN MX 10 192.0.2.5
ok IN TXT \"fine\"
broken IN TXT \"not closed
other.org. IN A 192.0.2.2
(
";
    let errors = import_zone(D, text).unwrap_err();
    let lines: Vec<u32> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 7, 8, 9], "{errors:#?}");
    assert!(errors[2].message.contains("IP address"), "{}", errors[2].message);
    assert!(errors[3].message.contains("not closed"));
    assert!(errors[4].message.contains("outside"));
}

#[test]
fn import_refuses_include_and_ownerless_records() {
    let errors = import_zone(D, "  IN A 192.0.2.1\n$INCLUDE other.zone\n").unwrap_err();
    assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 2]);
    assert!(import_zone("not a domain", "").is_err());
}

#[test]
fn ttl_units() {
    assert_eq!(parse_ttl("3600"), Some(3600));
    assert_eq!(parse_ttl("1h30m"), Some(5400));
    assert_eq!(parse_ttl("1W"), Some(604_800));
    assert_eq!(parse_ttl("h"), None);
    assert_eq!(parse_ttl("10x"), None);
    assert_eq!(parse_ttl("5h3"), None);
}

#[test]
fn at_sign_in_data_is_the_origin_but_not_inside_quotes() {
    let z = import_zone(D, "$ORIGIN acme.com.\nwww IN CNAME @\n@ IN TXT \"a @ b\"\n").unwrap();
    assert_eq!(z.records[0].value, "acme.com");
    assert_eq!(z.records[1].value, "a @ b");
}

#[test]
fn escaped_text_reads_back_as_it_was() {
    let texts = [
        r#"say "hi"; \o/ (twice)"#.to_owned(),
        "naïve café ✓ 日本語".to_owned(),
        format!("v=DKIM1; p={}é", "x".repeat(600)),
    ];
    let records: Vec<DnsRecord> =
        texts.iter().enumerate().map(|(i, t)| rec(&i.to_string(), DnsRecordType::Txt, &format!("t{i}"), t, None)).collect();
    let text = export_zone(D, &records, &ZoneForm::Fragment).unwrap().text;
    assert!(text.is_ascii(), "{text}");
    let imported = import_zone(D, &text).unwrap();
    let values: Vec<&str> = imported.records.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(values, texts.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn escaped_bytes_must_form_text_and_control_characters_stay_out() {
    let errors = import_zone(D, "a IN TXT \"caf\\195\"\nb IN TXT \"one\\010two\"\nc IN TXT \"\\195\\169\"\n").unwrap_err();
    assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 2], "{errors:#?}");
    assert!(errors[0].message.contains("UTF-8"), "{}", errors[0].message);
    assert!(errors[1].message.contains("line break"), "{}", errors[1].message);
}

#[test]
fn a_zone_file_above_the_size_or_line_limit_is_refused_before_it_is_read() {
    use crate::zone::{MAX_ZONE_BYTES, MAX_ZONE_LINES};
    // Lines that would each be an error if they were read: the limit answers first.
    let too_many = "x IN A nope\n".repeat(MAX_ZONE_LINES + 1);
    let errors = import_zone(D, &too_many).unwrap_err();
    assert_eq!(errors.len(), 1, "one error for the file, none per line");
    assert_eq!(errors[0].line, 0);
    assert!(errors[0].message.contains(&MAX_ZONE_LINES.to_string()), "{}", errors[0].message);

    let just_enough = "www IN A 192.0.2.1\n".repeat(MAX_ZONE_LINES);
    assert!(just_enough.len() <= MAX_ZONE_BYTES);
    assert_eq!(import_zone(D, &just_enough).unwrap().records.len(), MAX_ZONE_LINES);

    let too_big = format!("a IN TXT \"{}\"\n", "x".repeat(MAX_ZONE_BYTES));
    let errors = import_zone(D, &too_big).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains(&MAX_ZONE_BYTES.to_string()), "{}", errors[0].message);
}
