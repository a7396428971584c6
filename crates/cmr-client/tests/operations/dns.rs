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
