use super::*;

fn held(rtype: &str, host: &str, value: &str, priority: Option<&str>) -> DnsRecord {
    DnsRecord {
        host: host.into(),
        value: value.into(),
        record_type: Some(DnsRecordType::from(rtype)),
        priority: priority.map(Into::into),
        ..Default::default()
    }
}

fn seen(rtype: Rtype, value: &str, priority: Option<u16>, ttl: u32) -> Seen {
    Seen { rtype, name: "acme.com".into(), value: value.into(), priority, ttl }
}

#[test]
fn spellings_of_one_record_are_published() {
    let mx = held("MX", "@", "ASPMX.L.GOOGLE.COM.", Some("1"));
    let v = verdict("acme.com", &mx, &Outcome::Found(vec![seen(Rtype::Mx, "aspmx.l.google.com", Some(1), 3600)]));
    assert_eq!(v, Verdict { state: VisibilityState::Published, ttl: Some(3600) });
    let txt = held("TXT", "@", "\"v=spf1 include:_spf.google.com \" \"~all\"", None);
    let found = Outcome::Found(vec![
        seen(Rtype::Txt, "google-site-verification=abc", None, 300),
        seen(Rtype::Txt, "v=spf1 include:_spf.google.com ~all", None, 300),
    ]);
    assert_eq!(verdict("acme.com", &txt, &found).state, VisibilityState::Published);
}

#[test]
fn another_value_is_different_with_what_was_seen() {
    let a = held("A", "www", "192.0.2.2", None);
    let v = verdict("acme.com", &a, &Outcome::Found(vec![seen(Rtype::A, "192.0.2.1", None, 1800)]));
    assert_eq!(v.state, VisibilityState::Different { seen: vec!["192.0.2.1".into()] });
    assert_eq!(v.ttl, Some(1800));
    let mx = held("MX", "@", "mx.acme.com", Some("10"));
    let v = verdict("acme.com", &mx, &Outcome::Found(vec![seen(Rtype::Mx, "mx.acme.com", Some(20), 60)]));
    assert_eq!(v.state, VisibilityState::Different { seen: vec!["20 mx.acme.com".into()] });
}

#[test]
fn nothing_yet_carries_the_negative_ttl() {
    let a = held("A", "www", "192.0.2.2", None);
    let v = verdict("acme.com", &a, &Outcome::Void { negative_ttl: Some(300) });
    assert_eq!(v, Verdict { state: VisibilityState::NotYetVisible, ttl: Some(300) });
    let failed = Outcome::Failed { reason: "timed out".into(), unreachable: true };
    assert_eq!(verdict("acme.com", &a, &failed).state, VisibilityState::Unchecked);
    let srv = DnsRecord { record_type: Some(DnsRecordType::from("SRV")), ..a };
    assert_eq!(verdict("acme.com", &srv, &Outcome::Void { negative_ttl: None }).state, VisibilityState::Unchecked);
}

#[test]
fn dmarc_compares_the_completed_tags() {
    let mut dmarc = held("TXT", "_dmarc", "v=DMARC1; p=reject; rua=mailto:d@acme.com", None);
    dmarc.excluded_dmarc_tags = vec![cmr_client::DmarcTag::Ruf];
    let completed = published_value(&dmarc);
    assert!(completed.contains("adkim=r") && !completed.contains("ruf="), "{completed}");
    let shuffled = "v=DMARC1;p=reject; adkim=r; aspf=r; sp=reject; pct=100; ri=604800; rf=afrf; fo=0; rua=mailto:d@acme.com";
    let v = verdict("acme.com", &dmarc, &Outcome::Found(vec![seen(Rtype::Txt, shuffled, None, 300)]));
    assert_eq!(v.state, VisibilityState::Published);
    // Without CMR's additions the record is not what CMR publishes.
    let bare = "v=DMARC1; p=reject; rua=mailto:d@acme.com";
    let v = verdict("acme.com", &dmarc, &Outcome::Found(vec![seen(Rtype::Txt, bare, None, 300)]));
    assert!(matches!(v.state, VisibilityState::Different { .. }));
    assert!(same_dmarc("v=DMARC1; p=none; rua=mailto:<email>", "v=DMARC1; p=none; rua=mailto:x@y.com"));
    assert!(!same_dmarc("v=DMARC1; p=none", "v=DMARC1; p=reject"));
}
