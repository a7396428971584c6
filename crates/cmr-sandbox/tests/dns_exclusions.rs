//! PUT /dns as the seed page documents it: the seed's own request and reply, and DMARC
//! exclusions kept until an update replaces them (a list) or clears them (`[]`).

mod common;

use cmr_client::dns::{DnsRecordInput, UpdateDnsRecordRequest};
use cmr_client::{DmarcTag, DnsRecordType};
use cmr_sandbox::model::{DnsRecord, DomainStatus, Provider, RecordType};
use common::*;
use serde_json::{json, Value};

const SEED_USER: &str = "BVZGM5TE9BMP3PP0VWGW943RGV1K";
const ALL_BUT_REPORTS: &str = "fo=0; rf=afrf; ri=604800; pct=100; sp=reject; aspf=r; adkim=r";

/// The seed's world: its user, example.com, and the record rec_98765 at `mail`.
fn seed_world(bed: &Bed) {
    bed.sb.with_state(|s| {
        s.users.insert(SEED_USER.into(), cmr_sandbox::api::users::blank_user(SEED_USER.into()));
        let now = s.now;
        let id = s.add_domain(SEED_USER, "example.com", Provider::Google, DomainStatus::Active, now, now + 86_400_000 * 300, "NEW", false);
        s.domains.get_mut(&id).unwrap().dns.push(DnsRecord {
            id: "rec_98765".into(),
            host: "mail".into(),
            value: "old.example.com".into(),
            rtype: RecordType::Mx,
            priority: "20".into(),
            ttl: 3600,
            excluded_dmarc_tags: Vec::new(),
        });
    });
}

#[tokio::test]
async fn the_seed_request_gets_the_seed_reply() {
    let bed = start().await;
    seed_world(&bed);
    let q = format!("/dns?userId={SEED_USER}");
    let body = json!({"recordId": "rec_98765", "domain": "example.com", "host": "mail", "value": "mail.example.com",
        "recordType": "MX", "priority": "10"});
    let r = bed.put(&q, body).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    let action = r.body["actionId"].as_str().unwrap().to_string();
    assert!(action.starts_with("ACT_") && uuid_like(&action[4..]), "{action}");
    let mut expected = json!({"status": 200, "message": "DNS Record updated successfully",
        "data": {"status": "Success", "statusDescription": "The record was modified successfully."}, "actionId": action});
    assert_eq!(r.body, expected);
    let got = bed.get(&format!("{q}&domain=example.com")).await.body["data"].clone();
    let rec = got.as_array().unwrap().iter().find(|r| r["recordId"] == "rec_98765").unwrap().clone();
    expected = json!({"recordId": "rec_98765", "host": "mail", "value": "mail.example.com", "recordType": "MX", "priority": "10", "ttl": 3600});
    assert_eq!(rec, expected, "the documented GET fields only; exclusions stay internal");
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36 && s.chars().enumerate().all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() })
}

struct Dmarc<'a> {
    bed: &'a Bed,
    q: String,
    domain: String,
    id: String,
}

impl Dmarc<'_> {
    async fn put(&self, value: &str, excluded: Option<Value>) -> (u16, Value) {
        let mut body = json!({"recordId": self.id, "domain": self.domain, "host": "_dmarc", "value": value, "recordType": "TXT"});
        if let Some(tags) = excluded {
            body["excludedDMARCtags"] = tags;
        }
        let r = self.bed.put(&self.q, body).await;
        (r.status, r.body)
    }

    /// The value a GET returns, and the exclusions the sandbox holds.
    async fn read(&self) -> (String, Vec<String>) {
        let got = self.bed.get(&format!("{}&domain={}", self.q, self.domain)).await.body["data"].clone();
        let rec = got.as_array().unwrap().iter().find(|r| r["recordId"] == self.id.as_str()).unwrap().clone();
        assert!(rec.get("excludedDMARCtags").is_none(), "no documented reply shows exclusions");
        let held = self.bed.sb.with_state(|s| {
            s.domains.values().flat_map(|d| d.dns.iter()).find(|r| r.id == self.id).unwrap().excluded_dmarc_tags.clone()
        });
        (rec["value"].as_str().unwrap().to_string(), held)
    }
}

async fn dmarc_record(bed: &Bed) -> Dmarc<'_> {
    let (domain, user) = bed.domain_in("ACTIVE");
    let q = format!("/dns?userId={user}");
    let recs = bed.get(&format!("{q}&domain={domain}")).await.body["data"].clone();
    let id = recs.as_array().unwrap().iter().find(|r| r["host"] == "_dmarc").unwrap()["recordId"].as_str().unwrap().to_string();
    Dmarc { bed, q, domain, id }
}

#[tokio::test]
async fn exclusions_are_kept_until_replaced_or_cleared() {
    let bed = start().await;
    let d = dmarc_record(&bed).await;
    let reports = format!("rua=mailto:dmarc-reports@{0}; ruf=mailto:dmarc-reports@{0}", d.domain);

    // A list replaces the exclusions; the value is completed without them.
    assert_eq!(d.put("v=DMARC1; p=none", Some(json!(["rua", "ruf"]))).await.0, 200);
    assert_eq!(d.read().await, (format!("v=DMARC1; p=none; {ALL_BUT_REPORTS}"), vec!["rua".into(), "ruf".into()]));
    // Omitted: the stored exclusions stay and still apply.
    assert_eq!(d.put("v=DMARC1; p=reject", None).await.0, 200);
    assert_eq!(d.read().await, (format!("v=DMARC1; p=reject; {ALL_BUT_REPORTS}"), vec!["rua".into(), "ruf".into()]));
    // `[]` clears them: every default tag comes back.
    assert_eq!(d.put("v=DMARC1; p=reject", Some(json!([]))).await.0, 200);
    assert_eq!(d.read().await, (format!("v=DMARC1; p=reject; {reports}; {ALL_BUT_REPORTS}"), vec![]));
    // Omitted after clearing: still none.
    assert_eq!(d.put("v=DMARC1; p=quarantine", None).await.0, 200);
    assert_eq!(d.read().await.1, Vec::<String>::new());
    // A tag written in the value stays even when excluded; exclusions stop CMR's additions.
    assert_eq!(d.put("v=DMARC1; p=none; pct=50", Some(json!(["pct", "sp"]))).await.0, 200);
    let (value, held) = d.read().await;
    assert!(value.starts_with("v=DMARC1; p=none; pct=50; rua=") && !value.contains("sp="), "{value}");
    assert_eq!(held, ["pct", "sp"]);
    // The sandbox stores exactly what the shared completion says.
    let tags = [DmarcTag::Pct, DmarcTag::Sp];
    let expected = cmr_dns::complete_dmarc("v=DMARC1; p=none; pct=50", &tags, Some(&format!("dmarc-reports@{}", d.domain))).unwrap();
    assert_eq!(value, expected.completed);
}

#[tokio::test]
async fn put_dns_refusals_are_422() {
    let bed = start().await;
    let d = dmarc_record(&bed).await;
    for (value, tags) in [
        ("v=DMARC1; p=maybe", None),
        ("p=none", None),
        ("v=DMARC1; p=none", Some(json!(["zz"]))),
        ("v=DMARC1; p=none", Some(json!("rua"))),
    ] {
        let (status, body) = d.put(value, tags).await;
        assert_eq!(status, 422, "{value}: {body}");
        assert!(body["data"].is_null());
    }
    let q = &d.q;
    let spf = json!({"recordId": d.id, "domain": d.domain, "host": "@", "value": "v=spf1 -all", "recordType": "TXT", "excludedDMARCtags": ["rua"]});
    assert_eq!(bed.put(q, spf).await.status, 422, "exclusions on a record that is not DMARC");
    assert_eq!(bed.put(q, json!({"domain": d.domain, "host": "_dmarc", "value": "v=DMARC1; p=none", "recordType": "TXT"})).await.status, 422);
    let unknown = json!({"recordId": "nope", "domain": d.domain, "host": "_dmarc", "value": "v=DMARC1; p=none", "recordType": "TXT"});
    assert_eq!(bed.put(q, unknown).await.status, 422);
    assert_eq!(bed.put(q, json!(["not an object"])).await.status, 422);
    // Nothing above changed the record's exclusions.
    assert!(d.read().await.1.is_empty());
}

/// The same through the client: omitted, `[]` and a list, each read back, each followed by an
/// update that omits the field.
#[tokio::test]
async fn the_client_sends_omitted_cleared_and_listed_exclusions() {
    let bed = start().await;
    let c = client(&bed);
    let d = dmarc_record(&bed).await;
    let user = d.q.trim_start_matches("/dns?userId=").to_string();
    let update = |value: &str, excluded: Option<Vec<DmarcTag>>| {
        let mut record = DnsRecordInput::new(DnsRecordType::Txt, "_dmarc", value);
        record.excluded_dmarc_tags = excluded;
        UpdateDnsRecordRequest { record_id: d.id.clone(), domain: d.domain.clone(), record }
    };
    let read = || async {
        let recs = c.get_dns_records(&user, &d.domain).await.unwrap().data.records;
        recs.into_iter().find(|r| r.record_id.as_deref() == Some(d.id.as_str())).unwrap().value
    };
    for (excluded, ruf_after) in [(Some(vec![DmarcTag::Ruf]), false), (None, false), (Some(vec![]), true), (None, true)] {
        c.update_dns_record(&user, &update("v=DMARC1; p=none", excluded.clone())).await.unwrap();
        assert_eq!(read().await.contains("ruf="), ruf_after, "after {excluded:?}");
        c.update_dns_record(&user, &update("v=DMARC1; p=reject", None)).await.unwrap();
        let value = read().await;
        assert!(value.starts_with("v=DMARC1; p=reject"));
        assert_eq!(value.contains("ruf="), ruf_after, "an omitted list keeps what {excluded:?} left");
    }
}
