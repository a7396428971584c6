use super::*;

const STORED: &str = "v=DMARC1; p=none; rua=mailto:dmarc-reports@acme.com; fo=0; rf=afrf; ri=604800; pct=100; sp=reject; aspf=r; adkim=r";

#[test]
fn a_stored_record_shows_its_policy_address_and_exclusions() {
    let s = dmarc_state(STORED, &[]).unwrap();
    assert_eq!(s.policy, Some(DmarcPolicy::None));
    assert_eq!(s.rua, ["dmarc-reports@acme.com"]);
    assert_eq!(s.excluded, [DmarcTag::Ruf], "ruf is missing, so CMR was told to leave it out");
    assert_eq!(s.report_address.as_deref(), Some("dmarc-reports@acme.com"));
    assert!(s.present.contains(&DmarcTag::Rua) && !s.present.contains(&DmarcTag::Ruf));
    // A list CMR returns wins over what the value shows.
    assert_eq!(dmarc_state(STORED, &[DmarcTag::Pct]).unwrap().excluded, [DmarcTag::Pct]);
    assert!(stored_exclusions("v=spf1 -all", &[]).is_empty());
}

#[test]
fn one_tag_is_set_or_removed_in_place() {
    let v = set_dmarc_tag(STORED, "p", Some("reject")).unwrap();
    assert!(v.starts_with("v=DMARC1; p=reject; rua=mailto:dmarc-reports@acme.com; fo=0"), "{v}");
    let v = set_dmarc_tag(&v, "rua", None).unwrap();
    assert!(v.starts_with("v=DMARC1; p=reject; fo=0"), "{v}");
    assert_eq!(set_dmarc_tag("", "p", Some("quarantine")).unwrap(), "v=DMARC1; p=quarantine");
    assert_eq!(set_dmarc_tag("v=DMARC1; rua=mailto:a@b.c", "p", Some("none")).unwrap(), "v=DMARC1; p=none; rua=mailto:a@b.c");
    assert!(set_dmarc_tag(STORED, "v", None).is_err());
    let v = set_dmarc_tag("v=DMARC1; p=none", "rua", Some("a@acme.com, mailto:b@acme.com")).unwrap();
    assert_eq!(v, "v=DMARC1; p=none; rua=mailto:a@acme.com,mailto:b@acme.com");
    assert!(set_dmarc_tag("not dmarc", "p", Some("none")).is_err());
}

#[test]
fn an_update_that_omits_exclusions_keeps_the_stored_ones() {
    let edited = set_dmarc_tag(STORED, "p", Some("quarantine")).unwrap();
    let kept = preview_dmarc(&edited, None, Some((STORED, &[]))).unwrap();
    assert!(!kept.completed.contains("ruf="), "{}", kept.completed);
    assert_eq!(kept.completed, edited, "nothing to add: every other default is written");
    // Clearing them lets CMR add ruf again, with the address the record shows.
    let cleared = preview_dmarc(&edited, Some(&[]), Some((STORED, &[]))).unwrap();
    assert!(cleared.completed.ends_with("; ruf=mailto:dmarc-reports@acme.com"), "{}", cleared.completed);
    // A new record has no stored exclusions and no known address.
    let fresh = preview_dmarc("v=DMARC1; p=reject", None, None).unwrap();
    assert!(fresh.completed.contains("rua=mailto:<email>; ruf=mailto:<email>"), "{}", fresh.completed);
}
