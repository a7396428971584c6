use super::*;
use crate::dmarc_check::{check_dmarc, check_report_uri};
use crate::lint::Severity;

fn codes(value: &str) -> Vec<&'static str> {
    check_dmarc(value).into_iter().map(|i| i.code).collect()
}

#[test]
fn parse_keeps_order_and_values() {
    let r = parse_dmarc("\"v=DMARC1; p=quarantine; rua=mailto:a@acme.com,mailto:b@acme.com; pct=50;\"").unwrap();
    assert_eq!(r.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["v", "p", "rua", "pct"]);
    assert_eq!(r.get("RUA"), Some("mailto:a@acme.com,mailto:b@acme.com"));
    assert_eq!(r.to_value(), "v=DMARC1; p=quarantine; rua=mailto:a@acme.com,mailto:b@acme.com; pct=50");
}

#[test]
fn parse_refuses_bad_syntax() {
    assert!(parse_dmarc("p=reject; v=DMARC1").is_err());
    assert!(parse_dmarc("v=dmarc1; p=reject").is_err());
    assert!(parse_dmarc("v=DMARC1; p").is_err());
    assert!(parse_dmarc("v=DMARC1; p=none; p=reject").is_err());
    assert!(parse_dmarc("").is_err());
}

#[test]
fn build_parse_round_trip_with_exclusions() {
    let options = DmarcOptions {
        rua: vec!["reports@acme.com".into()],
        ruf: vec!["mailto:forensic@acme.com".into()],
        sp: Some(DmarcPolicy::Quarantine),
        pct: Some(100),
        adkim: Some("s".into()),
        ..DmarcOptions::default()
    };
    let value = build_dmarc(DmarcPolicy::Reject, &options, &[DmarcTag::Ruf]);
    assert_eq!(value, "v=DMARC1; p=reject; sp=quarantine; pct=100; rua=mailto:reports@acme.com; adkim=s");
    let parsed = parse_dmarc(&value).unwrap();
    assert_eq!(parsed.get("ruf"), None);
    assert_eq!(parsed.get("rua"), Some("mailto:reports@acme.com"));
    assert_eq!(parsed.to_value(), value);
    assert!(check_dmarc(&value).is_empty(), "{:?}", check_dmarc(&value));
}

#[test]
fn completion_adds_defaults_not_present_nor_excluded() {
    let c = complete_dmarc("v=DMARC1; p=quarantine; pct=50", &[DmarcTag::Rua, DmarcTag::Ruf], None).unwrap();
    let added: Vec<&str> = c.added.iter().map(|d| d.tag.as_str()).collect();
    assert_eq!(added, ["fo", "rf", "ri", "sp", "aspf", "adkim"]);
    assert_eq!(c.completed, "v=DMARC1; p=quarantine; pct=50; fo=0; rf=afrf; ri=604800; sp=reject; aspf=r; adkim=r");
    assert!(c.untouched.contains(&DmarcTag::Pct) && c.untouched.contains(&DmarcTag::Rua));
    assert_eq!(dmarc_default_tags().len(), 9);
}

#[test]
fn completion_fills_the_report_address_and_keeps_written_tags() {
    let c = complete_dmarc("v=DMARC1; p=none", &[], Some("dmarc@acme.com")).unwrap();
    assert_eq!(
        c.completed,
        "v=DMARC1; p=none; rua=mailto:dmarc@acme.com; ruf=mailto:dmarc@acme.com; fo=0; rf=afrf; ri=604800; pct=100; sp=reject; aspf=r; adkim=r"
    );
    assert_eq!(c.added[0].value, "mailto:dmarc@acme.com");
    // Without an address the placeholder stays; a tag written stays even when excluded.
    let c = complete_dmarc("v=DMARC1; p=none; ruf=mailto:me@acme.com", &[DmarcTag::Ruf, DmarcTag::Rua], None).unwrap();
    assert!(c.completed.starts_with("v=DMARC1; p=none; ruf=mailto:me@acme.com; fo=0"), "{}", c.completed);
    assert!(complete_dmarc("v=DMARC1; p=none", &[], None).unwrap().completed.contains("rua=mailto:<email>"));
    assert!(complete_dmarc("p=none", &[], None).is_err());
}

#[test]
fn read_back_matches_after_completion() {
    let sent = "v=DMARC1; p=quarantine";
    let read = "v=DMARC1; p=quarantine; fo=0; rf=afrf; ri=604800; pct=100; sp=reject; aspf=r; adkim=r";
    assert!(dmarc_matches(sent, &[DmarcTag::Rua, DmarcTag::Ruf], read));
    // An excluded tag must not come back, and sent tags must keep their values.
    assert!(!dmarc_matches(sent, &[DmarcTag::Sp], read));
    assert!(!dmarc_matches("v=DMARC1; p=reject", &[], read));
    assert!(!dmarc_matches(sent, &[], "v=DMARC1; p=quarantine; foo=1"));
}

#[test]
fn checks_policy() {
    assert_eq!(codes("v=DMARC1; p=reject"), Vec::<&str>::new());
    assert_eq!(codes("v=DMARC1; rua=mailto:a@acme.com"), ["dmarc-no-policy"]);
    assert_eq!(codes("v=DMARC1; rua=mailto:a@acme.com; p=reject"), ["dmarc-policy-order"]);
    assert_eq!(codes("v=DMARC1; p=none"), ["dmarc-policy-none"]);
    assert_eq!(codes("v=DMARC1; p=block"), ["dmarc-bad-policy"]);
    assert_eq!(codes("v=DMARC1; p=reject; sp=maybe"), ["dmarc-bad-policy"]);
    let none = check_dmarc("v=DMARC1; p=none");
    assert_eq!(none[0].severity, Severity::Warning);
}

#[test]
fn checks_pct_uris_and_modes() {
    assert_eq!(codes("v=DMARC1; p=reject; pct=101"), ["dmarc-bad-pct"]);
    assert_eq!(codes("v=DMARC1; p=reject; pct=40"), ["dmarc-partial-pct"]);
    assert_eq!(codes("v=DMARC1; p=reject; rua=reports@acme.com"), ["dmarc-bad-uri"]);
    assert_eq!(codes("v=DMARC1; p=reject; rua=mailto:reports@acme.com!10m,mailto:x@y.org"), Vec::<&str>::new());
    assert_eq!(codes("v=DMARC1; p=reject; adkim=x; fo=2; rf=xml; ri=soon; zz=1"), [
        "dmarc-bad-alignment",
        "dmarc-bad-fo",
        "dmarc-bad-rf",
        "dmarc-bad-ri",
        "dmarc-unknown-tag"
    ]);
    assert!(check_report_uri("mailto:a@b").is_err());
    assert!(check_report_uri("https://acme.com/report").is_err());
}
