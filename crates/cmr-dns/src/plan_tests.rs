use super::*;
use cmr_client::DmarcTag;

const D: &str = "acme.com";

pub(crate) fn rec(id: &str, t: DnsRecordType, host: &str, value: &str, priority: Option<&str>) -> DnsRecord {
    DnsRecord {
        record_id: Some(id.into()),
        host: host.into(),
        value: value.into(),
        record_type: Some(t),
        priority: priority.map(String::from),
        ttl: Some(3600),
        ..DnsRecord::default()
    }
}

fn input(t: DnsRecordType, host: &str, value: &str, priority: Option<&str>) -> DnsRecordInput {
    DnsRecordInput { priority: priority.map(String::from), ..DnsRecordInput::new(t, host, value) }
}

fn zone() -> Vec<DnsRecord> {
    vec![
        rec("mx1", DnsRecordType::Mx, "@", "mx1.oldhost.net", Some("10")),
        rec("mx2", DnsRecordType::Mx, "@", "mx2.oldhost.net", Some("20")),
        rec("spf", DnsRecordType::Txt, "@", "v=spf1 include:oldhost.net ~all", None),
        rec("ver", DnsRecordType::Txt, "@", "google-site-verification=abc", None),
        rec("www", DnsRecordType::A, "www", "192.0.2.1", None),
    ]
}

fn kinds(plan: &Plan) -> Vec<ChangeKind> {
    plan.items.iter().map(|i| i.kind).collect()
}

#[test]
fn plan_orders_deletes_first_and_keeps_before_after() {
    let changes = vec![
        Change::Add { record: input(DnsRecordType::Cname, "shop", "shops.example.net", None) },
        Change::Update { record_id: "www".into(), record: input(DnsRecordType::A, "www", "192.0.2.9", None) },
        Change::Delete { record_id: "ver".into() },
    ];
    let p = plan(D, &zone(), changes).unwrap();
    assert_eq!(kinds(&p), [ChangeKind::Delete, ChangeKind::Update, ChangeKind::Add]);
    assert_eq!(p.summary, PlanSummary { adds: 1, updates: 1, deletes: 1, unchanged: 0 });
    let update = &p.items[1];
    assert_eq!(update.before.as_ref().unwrap().value, "192.0.2.1");
    assert_eq!(update.after.as_ref().unwrap().value, "192.0.2.9");
    assert_eq!(p.diff_text(), "- @ TXT google-site-verification=abc\n- www A 192.0.2.1\n+ www A 192.0.2.9\n+ shop CNAME shops.example.net\n");
}

#[test]
fn plan_drops_changes_that_change_nothing() {
    let changes = vec![
        Change::Update { record_id: "mx1".into(), record: input(DnsRecordType::Mx, "acme.com.", "MX1.oldhost.net.", Some("10")) },
        Change::Add { record: input(DnsRecordType::Txt, "@", "\"google-site-verification=abc\"", None) },
        Change::Add { record: input(DnsRecordType::A, "new", "192.0.2.7", None) },
        Change::Add { record: input(DnsRecordType::A, "new", "192.0.2.7", None) },
    ];
    let p = plan(D, &zone(), changes).unwrap();
    assert_eq!(kinds(&p), [ChangeKind::Add]);
    assert_eq!(p.summary.unchanged, 3);
}

#[test]
fn plan_refuses_unknown_ids_double_changes_and_bad_records() {
    let unknown = plan(D, &zone(), vec![Change::Delete { record_id: "nope".into() }]);
    assert_eq!(unknown.unwrap_err(), PlanError::UnknownRecord { record_id: "nope".into() });
    let twice = plan(D, &zone(), vec![Change::Delete { record_id: "www".into() }, Change::Delete { record_id: "www".into() }]);
    assert!(matches!(twice, Err(PlanError::ChangedTwice { .. })));
    let bad = plan(D, &zone(), vec![Change::Add { record: input(DnsRecordType::Mx, "@", "192.0.2.1", Some("10")) }]).unwrap_err();
    let PlanError::Invalid { errors, .. } = &bad else { panic!("{bad:?}") };
    assert!(errors.get("value").is_some());
    let json = serde_json::to_value(&bad).unwrap();
    assert_eq!(json["code"], "invalid");
}

#[test]
fn desired_set_gives_the_fewest_changes() {
    let desired = vec![
        input(DnsRecordType::Mx, "@", "smtp.google.com", Some("1")),
        input(DnsRecordType::Txt, "@", "v=spf1 include:_spf.google.com ~all", None),
        input(DnsRecordType::Txt, "@", "google-site-verification=abc", None),
        input(DnsRecordType::A, "www", "192.0.2.1", None),
    ];
    let changes = plan_to_desired(D, &zone(), &desired);
    // mx1 becomes the new MX, mx2 goes, the SPF is rewritten; the token and A stay.
    assert_eq!(changes, vec![
        Change::Update { record_id: "mx1".into(), record: desired[0].clone() },
        Change::Update { record_id: "spf".into(), record: desired[1].clone() },
        Change::Delete { record_id: "mx2".into() },
    ]);
    assert!(plan_to_desired(D, &zone(), &zone().iter().map(crate::record::to_input).collect::<Vec<_>>()).is_empty());
}

#[test]
fn a_token_never_replaces_an_spf() {
    let desired = vec![input(DnsRecordType::Txt, "@", "ms=ms12345", None)];
    let current = vec![rec("spf", DnsRecordType::Txt, "@", "v=spf1 -all", None)];
    let changes = plan_to_desired(D, &current, &desired);
    assert_eq!(changes, vec![Change::Delete { record_id: "spf".into() }, Change::Add { record: desired[0].clone() }]);
}

#[test]
fn dmarc_completed_by_cmr_is_not_a_change() {
    let current = vec![rec("d", DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=quarantine; fo=0; rf=afrf; ri=604800; pct=100; sp=reject; aspf=r; adkim=r", None)];
    let mut desired = input(DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=quarantine", None);
    desired.excluded_dmarc_tags = Some(vec![DmarcTag::Rua, DmarcTag::Ruf]);
    assert!(plan_to_desired(D, &current, std::slice::from_ref(&desired)).is_empty());
}

#[test]
fn verify_finds_what_did_not_land() {
    let changes = vec![
        Change::Add { record: input(DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=reject", None) },
        Change::Update { record_id: "www".into(), record: input(DnsRecordType::A, "www", "192.0.2.9", None) },
        Change::Delete { record_id: "ver".into() },
        Change::Add { record: input(DnsRecordType::A, "api", "192.0.2.50", None) },
    ];
    let p = plan(D, &zone(), changes).unwrap();
    let mut after = preview(&zone(), &p);
    // CMR completed the DMARC record and gave the new records ids.
    for r in after.iter_mut().filter(|r| r.record_id.is_none()) {
        r.record_id = Some(format!("new-{}", r.host));
        if r.host == "_dmarc" {
            r.value.push_str("; rua=mailto:reports@cmr.example; sp=reject");
        }
    }
    assert_eq!(verify(&p, &after), vec![]);
    // Now the update did not happen, the delete did not either, and the A was lost.
    let mut stale = zone();
    stale.push(after.iter().find(|r| r.host == "_dmarc").unwrap().clone());
    let m = verify(&p, &stale);
    assert_eq!(m.iter().map(|m| m.kind).collect::<Vec<_>>(), [ChangeKind::Delete, ChangeKind::Update, ChangeKind::Add]);
    assert!(m[1].message.contains("reads back as www A 192.0.2.1"), "{}", m[1].message);
}

#[test]
fn change_json_is_tagged_camel_case() {
    let json = serde_json::to_value(Change::Update { record_id: "r1".into(), record: input(DnsRecordType::A, "@", "192.0.2.1", None) }).unwrap();
    assert_eq!(json["kind"], "update");
    assert_eq!(json["recordId"], "r1");
    assert_eq!(json["record"]["recordType"], "A");
    let back: Change = serde_json::from_value(json).unwrap();
    assert!(matches!(back, Change::Update { .. }));
}

const STORED_DMARC: &str = "v=DMARC1; p=none; rua=mailto:r@acme.com; fo=0; rf=afrf; ri=604800; pct=100; sp=reject; aspf=r; adkim=r";

#[test]
fn omitted_exclusions_are_kept_and_a_cleared_list_is_a_change() {
    let current = vec![rec("d", DnsRecordType::Txt, "_dmarc", STORED_DMARC, None)];
    let same = input(DnsRecordType::Txt, "_dmarc", STORED_DMARC, None);
    let p = plan(D, &current, vec![Change::Update { record_id: "d".into(), record: same.clone() }]).unwrap();
    assert!(p.items.is_empty(), "omitted exclusions change nothing");
    // The value shows ruf excluded: sending that list again changes nothing, clearing it does.
    let mut again = same.clone();
    again.excluded_dmarc_tags = Some(vec![DmarcTag::Ruf]);
    assert!(plan(D, &current, vec![Change::Update { record_id: "d".into(), record: again }]).unwrap().items.is_empty());
    let mut cleared = same.clone();
    cleared.excluded_dmarc_tags = Some(vec![]);
    let p = plan(D, &current, vec![Change::Update { record_id: "d".into(), record: cleared }]).unwrap();
    assert_eq!(kinds(&p), [ChangeKind::Update]);
    assert_eq!(p.items[0].after.as_ref().unwrap().excluded_dmarc_tags, Some(vec![]), "the empty list is sent, not dropped");
    // A policy edit that omits the list keeps the record's exclusions in the preview.
    let mut read = current.clone();
    read[0].excluded_dmarc_tags = vec![DmarcTag::Ruf];
    let policy = input(DnsRecordType::Txt, "_dmarc", &STORED_DMARC.replace("p=none", "p=reject"), None);
    let p = plan(D, &read, vec![Change::Update { record_id: "d".into(), record: policy }]).unwrap();
    assert_eq!(p.items[0].after.as_ref().unwrap().excluded_dmarc_tags, None);
    assert_eq!(preview(&read, &p)[0].excluded_dmarc_tags, [DmarcTag::Ruf]);
}

#[test]
fn a_record_of_an_unknown_type_is_kept_by_a_replacing_plan() {
    let caa = rec("caa", DnsRecordType::Other("CAA".into()), "@", "0 issue \"letsencrypt.org\"", None);
    let current = vec![caa.clone(), rec("www", DnsRecordType::A, "www", "192.0.2.1", None)];
    let changes = plan_to_desired(D, &current, &[]);
    assert_eq!(changes, vec![Change::Delete { record_id: "www".into() }]);
    let exported = crate::export_zone(D, &current, &crate::ZoneForm::Fragment).unwrap();
    assert!(exported.text.contains("@ IN CAA 0 issue \"letsencrypt.org\""), "{}", exported.text);
}
