use super::*;

const D: &str = "acme.com";

fn rec(t: DnsRecordType, host: &str, value: &str) -> DnsRecordInput {
    DnsRecordInput::new(t, host, value)
}

fn mx(host: &str, value: &str, priority: Option<&str>) -> DnsRecordInput {
    DnsRecordInput { priority: priority.map(String::from), ..rec(DnsRecordType::Mx, host, value) }
}

fn err(input: &DnsRecordInput, field: &str) -> String {
    let errors = validate_record(input, D).expect_err("should be refused");
    errors.get(field).unwrap_or_else(|| panic!("no {field} error in {errors:?}")).to_owned()
}

#[test]
fn a_and_aaaa() {
    assert_eq!(validate_record(&rec(DnsRecordType::A, "www.acme.com.", " 192.0.2.1 "), D).unwrap(), rec(DnsRecordType::A, "www", "192.0.2.1"));
    assert!(err(&rec(DnsRecordType::A, "@", "2001:db8::1"), "value").contains("AAAA"));
    assert!(err(&rec(DnsRecordType::A, "@", "300.1.1.1"), "value").contains("IPv4"));
    assert_eq!(validate_record(&rec(DnsRecordType::Aaaa, "@", "2001:DB8:0::1"), D).unwrap().value, "2001:db8::1");
    assert!(err(&rec(DnsRecordType::Aaaa, "@", "192.0.2.1"), "value").contains("A record"));
}

#[test]
fn host_rules() {
    assert!(err(&rec(DnsRecordType::A, "bad host", "192.0.2.1"), "host").contains("not allowed"));
    assert!(err(&rec(DnsRecordType::A, "x.other.org.", "192.0.2.1"), "host").contains("outside"));
}

#[test]
fn cname_rules() {
    let ok = validate_record(&rec(DnsRecordType::Cname, "autodiscover", "AutoDiscover.Outlook.com."), D).unwrap();
    assert_eq!(ok.value, "autodiscover.outlook.com");
    assert!(err(&rec(DnsRecordType::Cname, "@", "x.example.net"), "host").contains("CNAME"));
    assert!(err(&rec(DnsRecordType::Cname, "www", "http://acme.com/"), "value").contains("web address"));
    assert!(err(&rec(DnsRecordType::Cname, "www", "www.acme.com"), "value").contains("itself"));
}

#[test]
fn mx_rules() {
    let ok = validate_record(&mx("@", "smtp.google.com.", Some("01")), D).unwrap();
    assert_eq!((ok.value.as_str(), ok.priority.as_deref()), ("smtp.google.com", Some("1")));
    let typed_in_value = validate_record(&mx("@", "10 mx1.acme.com", None), D).unwrap();
    assert_eq!((typed_in_value.value.as_str(), typed_in_value.priority.as_deref()), ("mx1.acme.com", Some("10")));
    assert!(err(&mx("@", "mx1.acme.com", None), "priority").contains("priority"));
    assert!(err(&mx("@", "mx1.acme.com", Some("70000")), "priority").contains("65535"));
    assert!(err(&mx("@", "192.0.2.1", Some("10")), "value").contains("IP address"));
}

#[test]
fn priority_is_dropped_where_it_means_nothing() {
    let a = DnsRecordInput { priority: Some("10".into()), ..rec(DnsRecordType::A, "@", "192.0.2.1") };
    assert_eq!(validate_record(&a, D).unwrap().priority, None);
}

#[test]
fn ns_rules() {
    assert!(validate_record(&rec(DnsRecordType::Ns, "eu", "ns1.dnshost.net"), D).is_ok());
    assert!(err(&rec(DnsRecordType::Ns, "@", "ns1.dnshost.net"), "host").contains("CMR"));
}

#[test]
fn txt_quotes_are_removed_and_long_text_kept_whole() {
    let quoted = validate_record(&rec(DnsRecordType::Txt, "@", r#""v=spf1 include:_spf.google.com " "~all""#), D).unwrap();
    assert_eq!(quoted.value, "v=spf1 include:_spf.google.com ~all");
    let dkim = format!("v=DKIM1; k=rsa; p={}", "A".repeat(400));
    assert_eq!(validate_record(&rec(DnsRecordType::Txt, "google._domainkey", &dkim), D).unwrap().value, dkim);
    assert!(err(&rec(DnsRecordType::Txt, "@", "\"unclosed"), "value").contains("quote"));
    assert!(err(&rec(DnsRecordType::Txt, "@", "  "), "value").contains("text"));
}

#[test]
fn txt_spf_and_dmarc_syntax() {
    assert!(err(&rec(DnsRecordType::Txt, "@", "v=spf1 ip4:1.2.3 -all"), "value").contains("1.2.3"));
    assert!(err(&rec(DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=maybe"), "value").contains("policy"));
    assert!(err(&rec(DnsRecordType::Txt, "@", "v=DMARC1; p=reject"), "host").contains("_dmarc"));
    assert!(validate_record(&rec(DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=none"), D).is_ok());
}

#[test]
fn excluded_tags_only_on_dmarc() {
    let mut dmarc = rec(DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=reject");
    dmarc.excluded_dmarc_tags = Some(vec![DmarcTag::Rua, DmarcTag::Ruf]);
    assert!(validate_record(&dmarc, D).is_ok());
    let mut spf = rec(DnsRecordType::Txt, "@", "v=spf1 -all");
    spf.excluded_dmarc_tags = Some(vec![DmarcTag::Rua]);
    assert!(err(&spf, "excludedDMARCtags").contains("DMARC"));
    // An empty list clears earlier exclusions and is fine anywhere CMR would take it.
    dmarc.excluded_dmarc_tags = Some(vec![DmarcTag::Other("np".into())]);
    assert!(err(&dmarc, "excludedDMARCtags").contains("np"));
}

#[test]
fn unknown_type_and_ttl() {
    assert!(err(&rec(DnsRecordType::Other("SRV".into()), "@", "x"), "recordType").contains("SRV"));
    assert_eq!(validate_ttl(3600).unwrap(), 3600);
    assert!(validate_ttl(5).unwrap_err().get("ttl").is_some());
}

#[test]
fn errors_serialise_for_the_form() {
    let e = validate_record(&mx("bad host", "1.2.3.4", None), D).unwrap_err();
    let json = serde_json::to_value(&e).unwrap();
    let fields: Vec<&str> = json["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["host", "value", "priority"]);
    assert!(e.to_string().starts_with("host: "));
}

#[test]
fn values_are_one_line() {
    let injected = "192.0.2.1\n@ IN A 203.0.113.66";
    assert!(err(&rec(DnsRecordType::A, "@", injected), "value").contains("at most 15"));
    assert!(err(&rec(DnsRecordType::A, "@", "192.0.2.1\n@"), "value").contains("line break"));
    for value in ["line one\nline two", "tab\there", "nul\u{0}", "del\u{7f}", "c1\u{85}x", "sep\u{2028}x"] {
        let e = err(&rec(DnsRecordType::Txt, "@", value), "value");
        assert!(e.contains("line break"), "{value:?}: {e}");
    }
    // Spelled as an escape in quoted form, a control character is still refused.
    assert!(err(&rec(DnsRecordType::Txt, "@", r#""a\010b""#), "value").contains("U+000A"));
    assert!(err(&rec(DnsRecordType::Cname, "www", "a.example.net\nb"), "value").contains("line break"));
    assert!(err(&rec(DnsRecordType::Mx, "@", "mx.example.net\n@ IN A 203.0.113.66"), "value").contains("line break"));
    // Unicode, quotes, semicolons and backslashes are ordinary text.
    let text = r#"naïve ✓ "quoted"; back\slash"#;
    assert_eq!(validate_record(&rec(DnsRecordType::Txt, "@", text), D).unwrap().value, text);
}

#[test]
fn values_are_bounded_before_they_are_read_and_the_limit_is_named() {
    let at_limit = "a".repeat(MAX_TXT_LEN);
    assert_eq!(validate_record(&rec(DnsRecordType::Txt, "@", &at_limit), D).unwrap().value, at_limit);
    let over = err(&rec(DnsRecordType::Txt, "@", &format!("{at_limit}a")), "value");
    assert!(over.contains("4096"), "{over}");
    // Multi-byte characters count as their UTF-8 bytes, as DNS counts them.
    assert!(err(&rec(DnsRecordType::Txt, "@", &"é".repeat(MAX_TXT_LEN / 2 + 1)), "value").contains("4096"));
    let pasted = err(&rec(DnsRecordType::Txt, "@", &"x".repeat(1 << 20)), "value");
    assert!(pasted.contains(&MAX_TXT_INPUT_LEN.to_string()), "{pasted}");
    assert!(err(&rec(DnsRecordType::Aaaa, "@", &"1".repeat(46)), "value").contains("at most 45"));
    let long_name = format!("{}.example.net", "a.".repeat(130));
    assert!(err(&rec(DnsRecordType::Cname, "www", &long_name), "value").contains("253"));
    assert!(err(&rec(DnsRecordType::A, &"a.".repeat(130), "192.0.2.1"), "host").contains("253"));
    let label = err(&rec(DnsRecordType::A, &"a".repeat(64), "192.0.2.1"), "host");
    assert!(label.contains("63"), "{label}");
}

/// Found by fuzzing (fuzz/ dns_validate): an NS value `@` became a domain holding U+0013,
/// accepted once and refused when checked again. The domain is checked first now.
#[test]
fn a_domain_with_a_control_character_is_refused_before_it_can_become_a_value() {
    let input = DnsRecordInput::new(DnsRecordType::Ns, "W", "@");
    let errors = validate_record(&input, "\u{13}~@gd--ogoe").unwrap_err();
    assert!(errors.get("domain").is_some(), "{errors:?}");
    // A domain with surrounding blanks is used as checked (trimmed), never as passed.
    let ns = validate_record(&DnsRecordInput::new(DnsRecordType::Ns, "sub", "@"), "Acme.com.\n\n").unwrap();
    assert_eq!(ns.value, "acme.com");
    let fine = validate_record(&DnsRecordInput::new(DnsRecordType::Cname, "www", "@"), "acme.com").unwrap();
    assert_eq!(validate_record(&fine, "acme.com").unwrap(), fine, "stable once valid");
}

/// Found by fuzzing (fuzz/ dns_validate): `"= "` became `= `, which checked again lost its
/// blank. Text that plain would read otherwise stays quoted.
#[test]
fn a_checked_txt_value_checks_again_to_itself() {
    for typed in [r#""= ""#, r#"" padded ""#, r#""\"quoted\"""#, "plain text", r#""a" "b""#] {
        let once = validate_record(&rec(DnsRecordType::Txt, "t", typed), D).unwrap();
        let twice = validate_record(&once, D).unwrap();
        assert_eq!(twice, once, "{typed}");
        assert_eq!(crate::txt::txt_content(&once.value).unwrap(), crate::txt::txt_content(typed).unwrap(), "{typed}");
    }
}
