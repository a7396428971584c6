//! The loopback DNS server on its own: real UDP and TCP queries on 127.0.0.1, answered
//! authoritatively from the zones it was given.

mod common;

use cmr_sandbox::{DnsRecord, DnsServer, DnsServerHandle};
use common::dns::*;
use hickory_proto::op::ResponseCode;
use hickory_proto::rr::{RData, RecordType};

fn rec(name: &str, rtype: &str, data: &str) -> DnsRecord {
    DnsRecord { name: name.into(), rtype: rtype.into(), ttl: 3600, data: data.into() }
}

/// 600 bytes: more than one character-string holds.
fn long_dkim() -> String {
    format!("v=DKIM1; k=rsa; p={}", "A".repeat(582))
}

fn acme() -> Vec<DnsRecord> {
    vec![
        rec("acme.com", "A", "192.0.2.10"),
        rec("acme.com", "MX", "10 mx1.acme.com"),
        rec("acme.com", "MX", "20 mx2.acme.com"),
        rec("acme.com", "TXT", "v=spf1 include:_spf.google.com ~all"),
        rec("_dmarc.acme.com", "TXT", "v=DMARC1; p=none"),
        rec("google._domainkey.acme.com", "TXT", &long_dkim()),
        rec("www.acme.com", "CNAME", "acme.com"),
        rec("shop.acme.com", "CNAME", "shops.example.net"),
        rec("v6.acme.com", "AAAA", "2001:db8::1"),
        rec("deep.sub.acme.com", "A", "192.0.2.20"),
    ]
}

async fn server() -> DnsServerHandle {
    DnsServer::start(0, vec![("acme.com".into(), acme())]).await.expect("dns server starts")
}

fn soa_of(m: &hickory_proto::op::Message) -> String {
    let soa: Vec<_> = m.name_servers().iter().filter(|r| r.record_type() == RecordType::SOA).collect();
    assert_eq!(soa.len(), 1, "one SOA in the authority section: {m:?}");
    assert_eq!(soa[0].name().to_ascii(), "acme.com.");
    data_text(soa[0].data())
}

#[tokio::test]
async fn answers_a_mx_and_txt_authoritatively() {
    let dns = server().await;
    let a = udp(dns.addr(), "acme.com.", RecordType::A).await;
    assert_eq!(a.response_code(), ResponseCode::NoError);
    assert!(a.authoritative(), "AA bit");
    assert_eq!(answers(&a), ["192.0.2.10"]);
    assert_eq!(a.answers()[0].ttl(), 3600);

    let mx = udp(dns.addr(), "acme.com.", RecordType::MX).await;
    assert_eq!(answers(&mx), ["10 mx1.acme.com", "20 mx2.acme.com"]);

    let txt = udp(dns.addr(), "_dmarc.acme.com.", RecordType::TXT).await;
    assert_eq!(answers(&txt), ["v=DMARC1; p=none"]);

    let aaaa = udp(dns.addr(), "v6.acme.com.", RecordType::AAAA).await;
    assert_eq!(answers(&aaaa), ["2001:db8::1"]);
    dns.shutdown().await;
}

#[tokio::test]
async fn a_long_txt_goes_as_several_strings_that_join_back() {
    let dns = server().await;
    let m = udp_edns(dns.addr(), "google._domainkey.acme.com.", RecordType::TXT).await;
    assert!(!m.truncated());
    let RData::TXT(txt) = m.answers()[0].data() else { panic!("TXT expected: {m:?}") };
    let lengths: Vec<usize> = txt.iter().map(|s| s.len()).collect();
    assert_eq!(lengths, [255, 255, 90]);
    assert_eq!(answers(&m), [long_dkim()]);
    dns.shutdown().await;
}

#[tokio::test]
async fn a_name_without_records_is_nxdomain_with_the_soa() {
    let dns = server().await;
    let m = udp(dns.addr(), "nope.acme.com.", RecordType::A).await;
    assert_eq!(m.response_code(), ResponseCode::NXDomain);
    assert!(m.authoritative());
    assert!(m.answers().is_empty());
    assert_eq!(soa_of(&m), "ns1.acme.com hostmaster.acme.com 300");
    dns.shutdown().await;
}

#[tokio::test]
async fn a_name_without_the_type_is_nodata_with_the_soa() {
    let dns = server().await;
    let m = udp(dns.addr(), "_dmarc.acme.com.", RecordType::A).await;
    assert_eq!(m.response_code(), ResponseCode::NoError);
    assert!(m.authoritative());
    assert!(m.answers().is_empty());
    assert_eq!(soa_of(&m), "ns1.acme.com hostmaster.acme.com 300");

    // A name with records only below it exists too.
    let m = udp(dns.addr(), "sub.acme.com.", RecordType::A).await;
    assert_eq!(m.response_code(), ResponseCode::NoError);
    assert!(m.answers().is_empty());
    dns.shutdown().await;
}

#[tokio::test]
async fn names_outside_every_zone_are_refused() {
    let dns = server().await;
    for name in ["example.org.", "com.", "notacme.com."] {
        let m = udp(dns.addr(), name, RecordType::A).await;
        assert_eq!(m.response_code(), ResponseCode::Refused, "{name}");
        assert!(!m.authoritative());
        assert!(m.answers().is_empty());
    }
    dns.shutdown().await;
}

#[tokio::test]
async fn the_apex_has_ns_and_soa() {
    let dns = server().await;
    let ns = udp(dns.addr(), "acme.com.", RecordType::NS).await;
    assert_eq!(answers(&ns), ["ns1.acme.com"]);
    let soa = udp(dns.addr(), "acme.com.", RecordType::SOA).await;
    assert_eq!(answers(&soa), ["ns1.acme.com hostmaster.acme.com 300"]);

    // NS records of its own replace the made-up one.
    let mut records = acme();
    records.push(rec("acme.com", "NS", "ns-a.dnshost.example"));
    dns.publish_zone("acme.com", records);
    let ns = udp(dns.addr(), "acme.com.", RecordType::NS).await;
    assert_eq!(answers(&ns), ["ns-a.dnshost.example"]);
    dns.shutdown().await;
}

#[tokio::test]
async fn a_cname_answers_other_types() {
    let dns = server().await;
    // Inside the zone the target is followed.
    let m = udp(dns.addr(), "www.acme.com.", RecordType::A).await;
    assert_eq!(m.response_code(), ResponseCode::NoError);
    assert_eq!(answers(&m), ["acme.com", "192.0.2.10"]);
    // Outside it, the CNAME alone.
    let m = udp(dns.addr(), "shop.acme.com.", RecordType::MX).await;
    assert_eq!(answers(&m), ["shops.example.net"]);
    let m = udp(dns.addr(), "shop.acme.com.", RecordType::CNAME).await;
    assert_eq!(answers(&m), ["shops.example.net"]);
    dns.shutdown().await;
}

#[tokio::test]
async fn names_are_case_insensitive() {
    let dns = server().await;
    let m = udp(dns.addr(), "_DMARC.AcMe.CoM.", RecordType::TXT).await;
    assert_eq!(m.response_code(), ResponseCode::NoError);
    assert_eq!(answers(&m), ["v=DMARC1; p=none"]);
    // The question comes back as it was asked.
    assert_eq!(m.queries()[0].name().to_ascii(), "_DMARC.AcMe.CoM.");
    dns.shutdown().await;
}

#[tokio::test]
async fn answers_over_tcp_on_the_same_port() {
    let dns = server().await;
    let m = tcp(dns.addr(), "acme.com.", RecordType::MX).await;
    assert!(m.authoritative());
    assert_eq!(answers(&m), ["10 mx1.acme.com", "20 mx2.acme.com"]);
    let m = tcp(dns.addr(), "google._domainkey.acme.com.", RecordType::TXT).await;
    assert_eq!(answers(&m), [long_dkim()]);
    dns.shutdown().await;
}

#[tokio::test]
async fn a_reply_too_big_for_plain_udp_is_truncated() {
    let many: Vec<DnsRecord> = (0..40).map(|i| rec("big.com", "TXT", &format!("token-{i:03}-{}", "x".repeat(40)))).collect();
    let dns = DnsServer::start(0, vec![("big.com".into(), many)]).await.unwrap();
    let m = udp(dns.addr(), "big.com.", RecordType::TXT).await;
    assert!(m.truncated(), "TC set so the resolver asks again over TCP");
    assert!(m.answers().is_empty());
    let m = tcp(dns.addr(), "big.com.", RecordType::TXT).await;
    assert!(!m.truncated());
    assert_eq!(m.answers().len(), 40);
    dns.shutdown().await;
}

#[tokio::test]
async fn counts_the_queries_it_answers() {
    let dns = server().await;
    assert_eq!(dns.query_count(), 0);
    udp(dns.addr(), "acme.com.", RecordType::A).await;
    udp(dns.addr(), "nope.acme.com.", RecordType::A).await;
    udp(dns.addr(), "example.org.", RecordType::A).await;
    tcp(dns.addr(), "acme.com.", RecordType::MX).await;
    assert_eq!(dns.query_count(), 4);
    dns.shutdown().await;
}

#[tokio::test]
async fn publish_zone_replaces_and_remove_zone_removes() {
    let dns = DnsServer::start(0, Vec::new()).await.unwrap();
    assert_eq!(udp(dns.addr(), "acme.com.", RecordType::A).await.response_code(), ResponseCode::Refused);
    dns.publish_zone("acme.com", acme());
    assert_eq!(answers(&udp(dns.addr(), "acme.com.", RecordType::A).await), ["192.0.2.10"]);
    let serial = |m: &hickory_proto::op::Message| match m.answers()[0].data() {
        RData::SOA(soa) => soa.serial(),
        other => panic!("SOA expected: {other:?}"),
    };
    let serial_before = serial(&udp(dns.addr(), "acme.com.", RecordType::SOA).await);

    dns.publish_zone("acme.com", vec![rec("acme.com", "A", "198.51.100.7")]);
    assert_eq!(answers(&udp(dns.addr(), "acme.com.", RecordType::A).await), ["198.51.100.7"]);
    let gone = udp(dns.addr(), "_dmarc.acme.com.", RecordType::TXT).await;
    assert_eq!(gone.response_code(), ResponseCode::NXDomain, "the old records are gone");
    assert_ne!(serial(&udp(dns.addr(), "acme.com.", RecordType::SOA).await), serial_before, "the serial follows the records");

    // The longest apex wins: a zone below another answers for its names.
    dns.publish_zone("mail.acme.com", vec![rec("mail.acme.com", "A", "203.0.113.5")]);
    assert_eq!(answers(&udp(dns.addr(), "mail.acme.com.", RecordType::A).await), ["203.0.113.5"]);
    let nx = udp(dns.addr(), "x.mail.acme.com.", RecordType::A).await;
    assert_eq!(nx.name_servers()[0].name().to_ascii(), "mail.acme.com.");

    dns.remove_zone("acme.com");
    assert_eq!(udp(dns.addr(), "acme.com.", RecordType::A).await.response_code(), ResponseCode::Refused);
    assert_eq!(answers(&udp(dns.addr(), "mail.acme.com.", RecordType::A).await), ["203.0.113.5"]);
    dns.shutdown().await;
}

#[tokio::test]
async fn malformed_packets_do_not_stop_it() {
    let dns = server().await;
    // Too short for a header: ignored.
    assert!(raw_udp(dns.addr(), &[1, 2, 3], std::time::Duration::from_millis(200)).await.is_none());
    // A header that promises a question that is not there: FORMERR, same id.
    let bad = [0xab, 0xcd, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0x05, b'a'];
    let reply = raw_udp(dns.addr(), &bad, std::time::Duration::from_secs(5)).await.expect("a FORMERR");
    let m = hickory_proto::op::Message::from_vec(&reply).unwrap();
    assert_eq!((m.id(), m.response_code()), (0xabcd, ResponseCode::FormErr));
    // Garbage over TCP, then a proper question on a new connection.
    let mut s = tokio::net::TcpStream::connect(dns.addr()).await.unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut s, &[0, 4, 0xff, 0xff, 0xff, 0xff]).await.unwrap();
    drop(s);
    assert_eq!(answers(&udp(dns.addr(), "acme.com.", RecordType::A).await), ["192.0.2.10"]);
    assert_eq!(answers(&tcp(dns.addr(), "acme.com.", RecordType::A).await), ["192.0.2.10"]);
    dns.shutdown().await;
}

#[tokio::test]
async fn shutdown_frees_the_port() {
    let dns = server().await;
    let addr = dns.addr();
    dns.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "nothing listens any more");
    let again = DnsServer::start(addr.port(), Vec::new()).await.expect("the same port binds again");
    assert_eq!(again.addr(), addr);
    again.shutdown().await;
}
