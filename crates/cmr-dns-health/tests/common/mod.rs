//! Zones for the loopback DNS server and the records CMR would hold for them.

#![allow(dead_code)]

use cmr_client::dns::DnsRecord as Held;
use cmr_client::DnsRecordType;
use cmr_sandbox::DnsRecord;

pub const DKIM_KEY: &str = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDNvjXkQJ7dJ1Ni4TFqS1yQ0kH7cQIDAQAB";
pub const DMARC_SENT: &str = "v=DMARC1; p=reject; rua=mailto:dmarc@{d}";

pub fn rr(name: &str, rtype: &str, ttl: u32, data: &str) -> DnsRecord {
    DnsRecord { name: name.into(), rtype: rtype.into(), ttl, data: data.into() }
}

pub fn held(rtype: &str, host: &str, value: &str, priority: Option<&str>) -> Held {
    Held {
        host: host.into(),
        value: value.into(),
        record_type: Some(DnsRecordType::from(rtype)),
        priority: priority.map(Into::into),
        ..Default::default()
    }
}

/// A domain set up right for Google Workspace: what CMR holds, and the zone publishing it.
pub fn good(domain: &str) -> (Vec<Held>, Vec<DnsRecord>) {
    let dmarc = DMARC_SENT.replace("{d}", domain);
    let completed = cmr_dns::complete_dmarc(&dmarc, &[], None).unwrap().completed;
    let held = vec![
        held("MX", "@", "smtp.google.com", Some("1")),
        held("TXT", "@", "v=spf1 include:_spf.mailer.test ~all", None),
        held("TXT", "_dmarc", &dmarc, None),
        held("TXT", "google._domainkey", DKIM_KEY, None),
        held("A", "www", "192.0.2.10", None),
    ];
    let zone = vec![
        rr(domain, "MX", 3600, "1 smtp.google.com"),
        rr(domain, "TXT", 3600, "v=spf1 include:_spf.mailer.test ~all"),
        rr(domain, "TXT", 3600, "google-site-verification=abc123"),
        rr(&format!("_dmarc.{domain}"), "TXT", 3600, &completed.replace("<email>", &format!("dmarc@{domain}"))),
        rr(&format!("google._domainkey.{domain}"), "TXT", 3600, DKIM_KEY),
        rr(&format!("www.{domain}"), "A", 3600, "192.0.2.10"),
    ];
    (held, zone)
}

/// The shared SPF include the good domains use.
pub fn mailer_zone() -> (String, Vec<DnsRecord>) {
    ("mailer.test".into(), vec![rr("_spf.mailer.test", "TXT", 3600, "v=spf1 ip4:192.0.2.0/24 ~all")])
}
