use super::*;

const D: &str = "acme.com";

fn r(id: &str, t: DnsRecordType, host: &str, value: &str) -> DnsRecord {
    DnsRecord {
        record_id: Some(id.into()),
        host: host.into(),
        value: value.into(),
        record_type: Some(t),
        priority: None,
        ttl: Some(3600),
        ..DnsRecord::default()
    }
}

fn mx(id: &str, value: &str, priority: &str) -> DnsRecord {
    DnsRecord { priority: Some(priority.into()), ..r(id, DnsRecordType::Mx, "@", value) }
}

fn codes(records: &[DnsRecord]) -> Vec<String> {
    lint(records, D).into_iter().map(|f| f.code).collect()
}

fn has(records: &[DnsRecord], code: &str) -> bool {
    codes(records).iter().any(|c| c == code)
}

/// A healthy Google Workspace zone: nothing but the lookup count note.
fn healthy() -> Vec<DnsRecord> {
    vec![
        mx("1", "smtp.google.com", "1"),
        r("2", DnsRecordType::Txt, "@", "v=spf1 include:_spf.google.com ~all"),
        r("3", DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=quarantine; rua=mailto:dmarc@acme.com"),
        r("4", DnsRecordType::A, "@", "192.0.2.1"),
        r("5", DnsRecordType::Cname, "www", "acme.com"),
    ]
}

fn includes(n: usize) -> String {
    let terms: Vec<String> = (0..n).map(|i| format!("include:s{i}.example.net")).collect();
    format!("v=spf1 {} -all", terms.join(" "))
}

#[test]
fn healthy_zone_has_only_notes() {
    let findings = lint(&healthy(), D);
    assert!(findings.iter().all(|f| f.severity == Severity::Info), "{findings:#?}");
}

#[test]
fn one_spf_per_name() {
    let mut rs = healthy();
    assert!(!has(&rs, "spf-multiple"));
    rs.push(r("9", DnsRecordType::Txt, "@", "v=spf1 include:mailgun.org ~all"));
    let f = lint(&rs, D).into_iter().find(|f| f.code == "spf-multiple").unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.record_ids, ["2", "9"]);
    assert_eq!(f.hosts, ["@"]);
    // SPF records at different names do not conflict.
    let other = vec![r("a", DnsRecordType::Txt, "@", "v=spf1 -all"), r("b", DnsRecordType::Txt, "mail", "v=spf1 -all")];
    assert!(!has(&other, "spf-multiple"));
}

#[test]
fn spf_lookup_limit() {
    assert!(!has(&[r("1", DnsRecordType::Txt, "@", &includes(10))], "spf-too-many-lookups"));
    let eleven = lint(&[r("1", DnsRecordType::Txt, "@", &includes(11))], D);
    let f = eleven.iter().find(|f| f.code == "spf-too-many-lookups").unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("11"));
}

#[test]
fn spf_string_length() {
    let long = format!("v=spf1 {} -all", (0..30).map(|i| format!("ip4:192.0.2.{i}")).collect::<Vec<_>>().join(" "));
    assert!(long.len() > 255);
    assert!(has(&[r("1", DnsRecordType::Txt, "@", &format!("\"{long}\""))], "spf-string-too-long"));
    let split = crate::txt::quote_txt(&long);
    let split_codes = codes(&[r("1", DnsRecordType::Txt, "@", &split)]);
    assert!(!split_codes.contains(&"spf-string-too-long".to_string()));
    assert!(split_codes.contains(&"spf-long".to_string()));
}

#[test]
fn spf_syntax_and_all() {
    assert!(has(&[r("1", DnsRecordType::Txt, "@", "v=spf1 ip4:1.2.3 -all")], "spf-syntax"));
    assert!(has(&[r("1", DnsRecordType::Txt, "@", "v=spf1 +all")], "spf-plus-all"));
    assert!(has(&[r("1", DnsRecordType::Txt, "@", "v=spf1 mx")], "spf-no-all"));
    assert!(!has(&[r("1", DnsRecordType::Txt, "@", "v=spf1 redirect=_spf.acme.com")], "spf-no-all"));
    assert!(!has(&[r("1", DnsRecordType::Txt, "@", "v=spf1 mx -all")], "spf-no-all"));
}

#[test]
fn dmarc_rules() {
    assert!(has(&[r("1", DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=none")], "dmarc-policy-none"));
    assert!(has(&[r("1", DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=reject; pct=150")], "dmarc-bad-pct"));
    assert!(has(&[r("1", DnsRecordType::Txt, "_dmarc", "v=DMARC1 p=reject")], "dmarc-syntax"));
    assert!(has(&[r("1", DnsRecordType::Txt, "@", "v=DMARC1; p=reject")], "dmarc-wrong-host"));
    let two = [r("1", DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=reject"), r("2", DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=none")];
    assert!(has(&two, "dmarc-multiple"));
    assert!(!has(&healthy(), "dmarc-bad-uri"));
    assert!(has(&[r("1", DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=reject; rua=dmarc@acme.com")], "dmarc-bad-uri"));
}

#[test]
fn mx_targets_are_host_names() {
    assert!(has(&[mx("1", "192.0.2.25", "10")], "mx-ip-target"));
    assert!(has(&[mx("1", "https://mail.acme.com", "10")], "mx-bad-target"));
    assert!(has(&[mx("1", "mail.acme.com", "")], "mx-bad-priority"));
    let alias = [mx("1", "mail.acme.com.", "10"), r("2", DnsRecordType::Cname, "mail", "ghs.google.com")];
    assert!(has(&alias, "mx-cname-target"));
    assert!(!has(&healthy(), "mx-ip-target"));
}

#[test]
fn cname_coexistence() {
    let clash = [r("1", DnsRecordType::Cname, "www", "acme.com"), r("2", DnsRecordType::Txt, "www", "hello")];
    let f = lint(&clash, D).into_iter().find(|f| f.code == "cname-coexists").unwrap();
    assert_eq!(f.record_ids, ["1", "2"]);
    assert!(f.message.contains("TXT"));
    assert!(has(&[r("1", DnsRecordType::Cname, "@", "x.example.net")], "cname-apex"));
    let two = [r("1", DnsRecordType::Cname, "www", "a.example.net"), r("2", DnsRecordType::Cname, "www", "b.example.net")];
    assert!(has(&two, "cname-coexists"));
    assert!(!has(&healthy(), "cname-coexists"));
}

#[test]
fn duplicates_compare_canonically() {
    let dup = [r("1", DnsRecordType::A, "www", "192.0.2.1"), r("2", DnsRecordType::A, "www.acme.com.", "192.0.2.1")];
    let f = lint(&dup, D).into_iter().find(|f| f.code == "duplicate-record").unwrap();
    assert_eq!(f.record_ids, ["1", "2"]);
    assert!(!has(&healthy(), "duplicate-record"));
}

#[test]
fn missing_spf_and_dmarc_when_mail_is_received() {
    let bare = [mx("1", "smtp.google.com", "1")];
    assert!(has(&bare, "spf-missing") && has(&bare, "dmarc-missing"));
    assert!(!has(&[r("1", DnsRecordType::A, "@", "192.0.2.1")], "spf-missing"));
}

#[test]
fn errors_come_first_and_serialise_camel_case() {
    let rs = [r("1", DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=none"), mx("2", "192.0.2.25", "10")];
    let findings = lint(&rs, D);
    assert_eq!(findings[0].severity, Severity::Error);
    let json = serde_json::to_value(&findings[0]).unwrap();
    assert_eq!(json["severity"], "error");
    assert!(json.get("recordIds").is_some());
}
