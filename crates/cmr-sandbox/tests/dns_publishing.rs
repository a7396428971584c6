//! The sandbox publishes its domains' DNS on loopback: what GET /dns reports is what the DNS
//! server answers, API changes show at once, and held publishing keeps them at CMR only.

mod common;

use common::dns::*;
use common::*;
use hickory_proto::op::ResponseCode;
use hickory_proto::rr::RecordType;
use serde_json::{json, Value};

async fn start_dns() -> Bed {
    start_with(cmr_sandbox::World::Demo, |c| c.dns_port = Some(0)).await
}

fn dns(bed: &Bed) -> std::net::SocketAddr {
    bed.sb.dns_addr().expect("the DNS server runs")
}

async fn records(bed: &Bed, user: &str, domain: &str) -> Vec<Value> {
    let r = bed.get(&format!("/dns?userId={user}&domain={domain}")).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    r.body["data"].as_array().unwrap().clone()
}

fn fqdn(host: &str, domain: &str) -> String {
    if host == "@" { format!("{domain}.") } else { format!("{host}.{domain}.") }
}

async fn txt_at(bed: &Bed, name: &str) -> Vec<String> {
    answers(&udp(dns(bed), name, RecordType::TXT).await)
}

async fn dmarc_record(bed: &Bed, user: &str, domain: &str) -> Value {
    records(bed, user, domain).await.into_iter().find(|r| r["host"] == "_dmarc").expect("a DMARC record")
}

#[tokio::test]
async fn no_dns_server_unless_asked() {
    let bed = start().await;
    assert!(bed.sb.dns_addr().is_none());
    assert!(cmr_sandbox::SandboxConfig::demo("k").dns_port.is_none());
}

#[tokio::test]
async fn what_cmr_holds_is_what_is_served() {
    let bed = start_dns().await;
    let (domain, user) = bed.domain_in("ACTIVE");
    let held = records(&bed, &user, &domain).await;
    assert!(held.len() >= 3, "{held:?}");
    for r in &held {
        let (host, value, rtype) = (r["host"].as_str().unwrap(), r["value"].as_str().unwrap(), r["recordType"].as_str().unwrap());
        let qtype: RecordType = rtype.parse().unwrap();
        let m = udp(dns(&bed), &fqdn(host, &domain), qtype).await;
        assert_eq!(m.response_code(), ResponseCode::NoError, "{r}");
        assert!(m.authoritative());
        let want = match rtype {
            "MX" => format!("{} {value}", r["priority"].as_str().unwrap()),
            _ => value.to_string(),
        };
        assert!(answers(&m).contains(&want), "{r} served as {:?}", answers(&m));
    }
    // DMARC as CMR publishes it: the default tags completed.
    let dmarc = dmarc_record(&bed, &user, &domain).await;
    let served = txt_at(&bed, &format!("_dmarc.{domain}.")).await;
    assert_eq!(served, [dmarc["value"].as_str().unwrap()]);
    assert!(served[0].contains("rua=mailto:"), "{served:?}");

    let nx = udp(dns(&bed), &format!("nothing-here.{domain}."), RecordType::A).await;
    assert_eq!(nx.response_code(), ResponseCode::NXDomain);
    assert_eq!(nx.name_servers()[0].record_type(), RecordType::SOA);
    assert_eq!(udp(dns(&bed), "not-a-sandbox-domain.example.", RecordType::A).await.response_code(), ResponseCode::Refused);
    assert!(bed.sb.dns_server().unwrap().query_count() >= held.len() as u64 + 3);
}

#[tokio::test]
async fn api_changes_are_published_at_once() {
    let bed = start_dns().await;
    let (domain, user) = bed.domain_in("ACTIVE");
    let q = format!("/dns?userId={user}");
    let verify = format!("verify.{domain}.");
    assert_eq!(udp(dns(&bed), &verify, RecordType::TXT).await.response_code(), ResponseCode::NXDomain);

    let add = json!({"domain": domain, "records": [{"host": "verify", "value": "cmr-verify=abc123", "recordType": "TXT"}]});
    let r = bed.post(&q, add).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(txt_at(&bed, &verify).await, ["cmr-verify=abc123"]);

    let dmarc = dmarc_record(&bed, &user, &domain).await;
    let update = json!({"recordId": dmarc["recordId"], "domain": domain, "host": "_dmarc", "value": "v=DMARC1; p=reject",
        "recordType": "TXT"});
    assert_eq!(bed.put(&q, update).await.status, 200);
    let now = dmarc_record(&bed, &user, &domain).await["value"].as_str().unwrap().to_string();
    assert!(now.contains("p=reject"), "{now}");
    assert_eq!(txt_at(&bed, &format!("_dmarc.{domain}.")).await, [now]);

    let id = r.body["data"]["records"][0]["recordId"].clone();
    let del = bed.delete(&q, Some(json!({"domain": domain, "recordIds": [id]}))).await;
    assert_eq!(del.status, 200, "{:?}", del.body);
    assert_eq!(udp(dns(&bed), &verify, RecordType::TXT).await.response_code(), ResponseCode::NXDomain);
}

#[tokio::test]
async fn held_publishing_keeps_changes_at_cmr_until_released() {
    let bed = start_dns().await;
    let (domain, user) = bed.domain_in("ACTIVE");
    let q = format!("/dns?userId={user}");
    let dmarc_name = format!("_dmarc.{domain}.");
    let before = txt_at(&bed, &dmarc_name).await;

    let r = bed.admin("PUT", "/dns/publishing", Some(json!({"held": true}))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(bed.admin("GET", "/dns/publishing", None).await.body["data"]["held"], true);

    let add = json!({"domain": domain, "records": [{"host": "verify", "value": "cmr-verify=held", "recordType": "TXT"}]});
    assert_eq!(bed.post(&q, add).await.status, 200);
    let dmarc = dmarc_record(&bed, &user, &domain).await;
    let update = json!({"recordId": dmarc["recordId"], "domain": domain, "host": "_dmarc", "value": "v=DMARC1; p=quarantine",
        "recordType": "TXT"});
    assert_eq!(bed.put(&q, update).await.status, 200);
    let at_cmr = dmarc_record(&bed, &user, &domain).await["value"].as_str().unwrap().to_string();
    assert!(at_cmr.contains("p=quarantine"));

    // CMR has the changes; the zone does not.
    let verify = udp(dns(&bed), &format!("verify.{domain}."), RecordType::TXT).await;
    assert_eq!(verify.response_code(), ResponseCode::NXDomain);
    assert_eq!(txt_at(&bed, &dmarc_name).await, before);

    let r = bed.admin("PUT", "/dns/publishing", Some(json!({"held": false}))).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(txt_at(&bed, &format!("verify.{domain}.")).await, ["cmr-verify=held"]);
    assert_eq!(txt_at(&bed, &dmarc_name).await, [at_cmr]);

    assert_eq!(bed.admin("PUT", "/dns/publishing", Some(json!({"held": "yes"}))).await.status, 400);
    assert_eq!(bed.raw("PUT", &format!("{}/dns/publishing", bed.sb.admin_url()), Some(json!({"held": true})), Some("wrong")).await.status, 401);
}

#[tokio::test]
async fn the_handle_holds_and_releases_too() {
    let bed = start_dns().await;
    let (domain, user) = bed.domain_in("ACTIVE");
    bed.sb.set_dns_publishing_held(true);
    let add = json!({"domain": domain, "records": [{"host": "www", "value": "192.0.2.44", "recordType": "A"}]});
    assert_eq!(bed.post(&format!("/dns?userId={user}"), add).await.status, 200);
    let www = format!("www.{domain}.");
    assert!(answers(&udp(dns(&bed), &www, RecordType::A).await).is_empty());
    bed.sb.set_dns_publishing_held(false);
    assert_eq!(answers(&tcp(dns(&bed), &www, RecordType::A).await), ["192.0.2.44"]);
}

#[tokio::test]
async fn a_domain_bought_later_is_published_once_it_has_records() {
    let bed = start_dns().await;
    let name = "fresh-dns-later.com";
    let order = json!({"domains": [{"domain": name, "years": 1}], "confirm": true,
        "mailboxes": {name: [{"username": "alice", "firstName": "Alice", "lastName": "Johnson"}]},
        "serviceProvider": "GOOGLE", "autoRenew": true});
    let r = bed.post(&format!("/orders/json?userId={USER}"), order).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    // Still being registered: no records, nothing published.
    assert_eq!(udp(dns(&bed), &format!("{name}."), RecordType::MX).await.response_code(), ResponseCode::Refused);
    bed.advance(21);
    let mx = records(&bed, USER, name).await.into_iter().find(|r| r["recordType"] == "MX").unwrap();
    let served = answers(&udp(dns(&bed), &format!("{name}."), RecordType::MX).await);
    assert_eq!(served, [format!("{} {}", mx["priority"].as_str().unwrap(), mx["value"].as_str().unwrap())]);
}

#[tokio::test]
async fn shutdown_stops_the_dns_server() {
    let bed = start_dns().await;
    let addr = dns(&bed);
    bed.sb.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}
