use cmr_client::dns::*;
use cmr_client::{DmarcTag, DnsRecordType};
use serde_json::{json, Value};

use crate::common::{accepted_reply, ok_reply, Ctx, USER};

cases! {
    "getDnsRecords" => get_dns_records,
    "addDnsRecords" => add_dns_records,
    "updateDnsRecord" => update_dns_record,
    "deleteDnsRecords" => delete_dns_records,
}

async fn get_dns_records(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!([{"recordId": "R1", "host": "@", "value": "1.2.3.4", "recordType": "A"}])));
    ctx.expect("GET", "/dns", &[("userId", USER), ("domain", "acme.com")], None, reply).await;
    let records = ctx.ok(ctx.client.get_dns_records(USER, "acme.com").await).await;
    assert!(!records.data.records.is_empty());
    ctx.verify().await;
}

async fn add_dns_records(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"domain": "acme.com", "records": [
        {"host": "@", "value": "v=spf1 include:_spf.google.com ~all", "recordType": "TXT"},
        {"host": "_dmarc", "value": "v=DMARC1; p=quarantine", "recordType": "TXT", "excludedDMARCtags": ["rua", "ruf"]},
        {"host": "@", "value": "mx.acme.com", "recordType": "MX", "priority": "10"}]});
    ctx.expect("POST", "/dns", &[("userId", USER)], Some(body), reply).await;
    let mut dmarc = DnsRecordInput::new(DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=quarantine");
    dmarc.excluded_dmarc_tags = Some(vec![DmarcTag::Rua, DmarcTag::Ruf]);
    let mut mx = DnsRecordInput::new(DnsRecordType::Mx, "@", "mx.acme.com");
    mx.priority = Some("10".into());
    let request = AddDnsRecordsRequest {
        domain: "acme.com".into(),
        records: vec![DnsRecordInput::new(DnsRecordType::Txt, "@", "v=spf1 include:_spf.google.com ~all"), dmarc, mx],
    };
    ctx.ok(ctx.client.add_dns_records(USER, &request).await).await;
    ctx.verify().await;
}

async fn update_dns_record(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"recordId": "rec_98765", "domain": "example.com", "host": "mail", "value": "mail.example.com",
        "recordType": "MX", "priority": "10"});
    ctx.expect("PUT", "/dns", &[("userId", USER)], Some(body), reply).await;
    let mut record = DnsRecordInput::new(DnsRecordType::Mx, "mail", "mail.example.com");
    record.priority = Some("10".into());
    let request = UpdateDnsRecordRequest { record_id: "rec_98765".into(), domain: "example.com".into(), record };
    ctx.ok(ctx.client.update_dns_record(USER, &request).await).await;
    ctx.verify().await;
}

async fn delete_dns_records(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"domain": "acme.com", "recordIds": ["4EV4X7Q6DJ4DCPKX3VM46RN4HRY4"]});
    ctx.expect("DELETE", "/dns", &[("userId", USER)], Some(body), reply).await;
    let request = DeleteDnsRecordsRequest { domain: "acme.com".into(), record_ids: vec!["4EV4X7Q6DJ4DCPKX3VM46RN4HRY4".into()] };
    ctx.ok(ctx.client.delete_dns_records(USER, &request).await).await;
    ctx.verify().await;
}

/// The seed page's PUT /dns, replayed as written: its userId, its body, its reply.
mod seed_update {
    use super::*;
    use crate::common::{fixtures, Ctx};

    const SEED_USER: &str = "BVZGM5TE9BMP3PP0VWGW943RGV1K";

    fn seed(kind: &str) -> Value {
        fixtures(kind).into_iter().find(|(_, name, _)| name == "updateDnsRecord.seed.json").expect("seed fixture").2
    }

    fn dmarc(excluded: Option<Vec<DmarcTag>>) -> UpdateDnsRecordRequest {
        let mut record = DnsRecordInput::new(DnsRecordType::Txt, "_dmarc", "v=DMARC1; p=none");
        record.excluded_dmarc_tags = excluded;
        UpdateDnsRecordRequest { record_id: "rec_98765".into(), domain: "example.com".into(), record }
    }

    #[tokio::test]
    async fn the_seed_request_and_reply() {
        let ctx = Ctx::start().await;
        ctx.expect("PUT", "/dns", &[("userId", SEED_USER)], Some(seed("requests")), seed("responses")).await;
        let mut record = DnsRecordInput::new(DnsRecordType::Mx, "mail", "mail.example.com");
        record.priority = Some("10".into());
        let request = UpdateDnsRecordRequest { record_id: "rec_98765".into(), domain: "example.com".into(), record };
        let reply = ctx.ok(ctx.client.update_dns_record(SEED_USER, &request).await).await;
        assert_eq!(reply.action_id.as_deref(), Some("ACT_7a078272-0fa7-4db4-a85b-c78697dacea1"));
        let data = reply.data.expect("data");
        assert_eq!(data.status.as_deref(), Some("Success"));
        assert_eq!(data.status_description.as_deref(), Some("The record was modified successfully."));
        assert!(data.extra.is_empty());
        ctx.verify().await;
    }

    /// Omitted, `[]` and a list are three different requests: keep, clear, replace.
    #[tokio::test]
    async fn exclusions_omitted_cleared_or_listed() {
        let base = json!({"recordId": "rec_98765", "domain": "example.com", "host": "_dmarc", "value": "v=DMARC1; p=none", "recordType": "TXT"});
        let with = |tags: Value| {
            let mut b = base.clone();
            b["excludedDMARCtags"] = tags;
            b
        };
        for (excluded, body) in [
            (None, base.clone()),
            (Some(vec![]), with(json!([]))),
            (Some(vec![DmarcTag::Ruf, DmarcTag::Other("np".into())]), with(json!(["ruf", "np"]))),
        ] {
            let ctx = Ctx::start().await;
            ctx.expect("PUT", "/dns", &[("userId", SEED_USER)], Some(body), seed("responses")).await;
            ctx.ok(ctx.client.update_dns_record(SEED_USER, &dmarc(excluded)).await).await;
            ctx.verify().await;
        }
    }

    /// The one error the seed documents.
    #[tokio::test]
    async fn unprocessable_entity() {
        let ctx = Ctx::start().await;
        let reply = json!({"status": 422, "message": "Invalid DMARC policy p=maybe", "data": null});
        ctx.expect("PUT", "/dns", &[("userId", SEED_USER)], Some(serde_json::to_value(dmarc(None)).unwrap()), reply).await;
        let err = ctx.client.update_dns_record(SEED_USER, &dmarc(None)).await.unwrap_err();
        assert_eq!(err.status(), Some(422));
        ctx.verify().await;
    }

    /// A record of a type the reference does not list, and tags read back, are kept as sent.
    #[test]
    fn unknown_types_and_tags_round_trip() {
        let read = json!({"recordId": "R9", "host": "@", "value": "0 issue \"letsencrypt.org\"", "recordType": "CAA",
            "priority": "", "ttl": 3600, "excludedDMARCtags": ["ruf", "np"]});
        let record: DnsRecord = serde_json::from_value(read.clone()).unwrap();
        assert_eq!(record.record_type, Some(DnsRecordType::Other("CAA".into())));
        assert_eq!(record.excluded_dmarc_tags, [DmarcTag::Ruf, DmarcTag::Other("np".into())]);
        let back = serde_json::to_value(&record).unwrap();
        assert_eq!(back["recordType"], "CAA");
        assert_eq!(back["excludedDMARCtags"], json!(["ruf", "np"]));
        let list: DnsRecords = serde_json::from_value(json!([read])).unwrap();
        assert_eq!(list.records.len(), 1);
    }
}
