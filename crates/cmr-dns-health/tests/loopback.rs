//! Health checks against the sandbox's authoritative DNS server on loopback: real queries,
//! real answers, real negative caching times.

mod common;

use std::time::Duration;

use cmr_dns_health::{check_domain, HealthInput, MailProvider, NetworkState, ResolverSettings, SeenAt, Severity, VisibilityState};
use cmr_sandbox::DnsServer;
use common::*;

fn settings(server: &cmr_sandbox::DnsServerHandle) -> ResolverSettings {
    ResolverSettings::loopback(server.addr()).with_timeout(Duration::from_secs(2))
}

fn codes(report: &cmr_dns_health::HealthReport, severity: Severity) -> Vec<String> {
    report.findings.iter().filter(|f| f.severity == severity).map(|f| f.code.clone()).collect()
}

#[tokio::test]
async fn a_right_domain_is_published_and_clean() {
    let (held, zone) = good("good.test");
    let server = DnsServer::start(0, vec![("good.test".into(), zone), mailer_zone()]).await.unwrap();
    let input = HealthInput::new("good.test", held, Some(MailProvider::Google));
    let report = check_domain(&input, &settings(&server)).await;
    assert_eq!(report.network, NetworkState::Ok);
    for r in &report.records {
        assert_eq!(r.state, VisibilityState::Published, "{r:?}");
        assert_eq!(r.seen_at, Some(SeenAt::Authoritative));
        assert_eq!(r.ttl, Some(3600));
        assert!(!r.public_lag);
    }
    assert!(codes(&report, Severity::Error).is_empty(), "{:#?}", report.findings);
    assert!(codes(&report, Severity::Warning).is_empty(), "{:#?}", report.findings);
    let lookups = report.finding("spf-lookups").unwrap();
    assert!(lookups.message.contains("1 of 10"), "{}", lookups.message);
    assert!(report.finding("dkim-present").is_some());
    assert!(report.finding("mx-provider").is_some());
    assert!(report.finding("dmarc-reports").unwrap().message.contains("dmarc@good.test"));
    assert!(report.queries > 0 && u64::from(report.queries) <= server.query_count() + 2);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["records"][0]["seenAt"], "authoritative");
    assert_eq!(json["records"][0]["state"]["kind"], "published");
    assert!(json["checkedAt"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn a_changed_record_shows_the_old_value_and_its_ttl() {
    let (mut held, mut zone) = good("stale.test");
    held[4].value = "192.0.2.20".into();
    zone[5] = rr("www.stale.test", "A", 1800, "192.0.2.19");
    let server = DnsServer::start(0, vec![("stale.test".into(), zone), mailer_zone()]).await.unwrap();
    let report = check_domain(&HealthInput::new("stale.test", held, Some(MailProvider::Google)), &settings(&server)).await;
    let www = report.records.iter().find(|r| r.host == "www").unwrap();
    assert_eq!(www.state, VisibilityState::Different { seen: vec!["192.0.2.19".into()] });
    assert_eq!(www.ttl, Some(1800));
    assert_eq!(report.not_published(), 1);
}

#[tokio::test]
async fn a_missing_record_is_not_yet_visible_with_the_negative_ttl() {
    let (mut held, zone) = good("missing.test");
    held.push(held_record("A", "app", "192.0.2.30"));
    held.push(held_record("TXT", "@", "ms-verify=xyz"));
    let server = DnsServer::start(0, vec![("missing.test".into(), zone), mailer_zone()]).await.unwrap();
    let report = check_domain(&HealthInput::new("missing.test", held, Some(MailProvider::Google)), &settings(&server)).await;
    let app = report.records.iter().find(|r| r.host == "app").unwrap();
    assert_eq!(app.state, VisibilityState::NotYetVisible);
    assert_eq!(app.ttl, Some(300), "the SOA minimum of the sandbox zone");
    // Another TXT at the apex does not stand in for the missing one.
    let verify = report.records.iter().find(|r| r.held == "ms-verify=xyz").unwrap();
    assert!(matches!(verify.state, VisibilityState::Different { ref seen } if seen.len() == 2), "{verify:?}");
}

fn held_record(rtype: &str, host: &str, value: &str) -> cmr_client::dns::DnsRecord {
    held(rtype, host, value, None)
}

#[tokio::test]
async fn an_spf_chain_over_the_limit_is_an_error_with_its_count() {
    let (held, mut zone) = good("over.test");
    zone[1] = rr("over.test", "TXT", 3600, "v=spf1 include:c1.chain.test mx ~all");
    let mut chain = Vec::new();
    for i in 1..=11 {
        let next = if i < 11 { format!("include:c{}.chain.test ", i + 1) } else { String::new() };
        chain.push(rr(&format!("c{i}.chain.test"), "TXT", 3600, &format!("v=spf1 {next}ip4:198.51.100.{i} ~all")));
    }
    let server = DnsServer::start(0, vec![("over.test".into(), zone), ("chain.test".into(), chain)]).await.unwrap();
    let report = check_domain(&HealthInput::new("over.test", held, Some(MailProvider::Google)), &settings(&server)).await;
    let f = report.finding("spf-too-many-lookups").expect("over the limit");
    assert_eq!(f.severity, Severity::Error);
    // Eleven includes and the mx term.
    assert!(f.message.contains("needs 12 DNS lookups"), "{}", f.message);
    assert_eq!(report.findings[0].severity, Severity::Error, "errors come first");
}

#[tokio::test]
async fn void_lookups_and_pass_all_are_errors() {
    let (held, mut zone) = good("void.test");
    zone[1] = rr("void.test", "TXT", 3600, "v=spf1 include:nothere.void.test a:nohost.void.test mx:nomx.void.test +all");
    let server = DnsServer::start(0, vec![("void.test".into(), zone)]).await.unwrap();
    let report = check_domain(&HealthInput::new("void.test", held, Some(MailProvider::Google)), &settings(&server)).await;
    let errors = codes(&report, Severity::Error);
    for code in ["spf-void-lookups", "spf-pass-all", "spf-include-missing"] {
        assert!(errors.contains(&code.to_owned()), "{code} in {errors:?}");
    }
    assert!(report.finding("spf-void-lookups").unwrap().message.starts_with("3 SPF lookups"));
    // The held SPF differs from what is published.
    assert!(matches!(report.records[1].state, VisibilityState::Different { .. }));
}

#[tokio::test]
async fn microsoft_dkim_through_a_cname_and_a_missing_selector() {
    let domain = "ms.test";
    let held = vec![held("CNAME", "selector1._domainkey", "selector1-ms-test._domainkey.mstenant.test", None)];
    let zone = vec![
        rr(domain, "MX", 3600, "0 ms-test.mail.protection.outlook.com"),
        rr(domain, "TXT", 3600, "v=spf1 include:spf.protection.outlook.com -all"),
        rr(&format!("_dmarc.{domain}"), "TXT", 3600, "v=DMARC1; p=none"),
        rr("selector1._domainkey.ms.test", "CNAME", 3600, "selector1-ms-test._domainkey.mstenant.test"),
    ];
    let tenant = vec![rr("selector1-ms-test._domainkey.mstenant.test", "TXT", 3600, DKIM_KEY)];
    let server = DnsServer::start(0, vec![(domain.into(), zone), ("mstenant.test".into(), tenant)]).await.unwrap();
    let report = check_domain(&HealthInput::new(domain, held, Some(MailProvider::Microsoft)), &settings(&server)).await;
    assert_eq!(report.records[0].state, VisibilityState::Published);
    let present = report.finding("dkim-present").unwrap();
    assert!(present.message.contains("selector1._domainkey through"), "{}", present.message);
    assert!(report.finding("dkim-missing").unwrap().message.contains("selector2"));
    assert!(report.finding("mx-provider").is_some());
    assert_eq!(report.finding("dmarc-policy-none").unwrap().severity, Severity::Warning);
    assert!(report.finding("dmarc-no-reports").is_some());
    // The include is not served here: the walk says so rather than guessing.
    assert!(report.finding("spf-include-missing").is_some() || report.finding("spf-partly-unchecked").is_some());
}

#[tokio::test]
async fn published_at_the_name_servers_but_cached_old_at_a_public_resolver() {
    let (held, zone) = good("lag.test");
    let mut old = zone.clone();
    old[5] = rr("www.lag.test", "A", 900, "192.0.2.9");
    let auth = DnsServer::start(0, vec![("lag.test".into(), zone), mailer_zone()]).await.unwrap();
    let public = DnsServer::start(0, vec![("lag.test".into(), old), mailer_zone()]).await.unwrap();
    let settings = ResolverSettings {
        authoritative: Some(vec![auth.addr()]),
        public: vec![public.addr()],
        timeout: Duration::from_secs(2),
    };
    let report = check_domain(&HealthInput::new("lag.test", held, Some(MailProvider::Google)), &settings).await;
    let www = report.records.iter().find(|r| r.host == "www").unwrap();
    assert_eq!(www.state, VisibilityState::Published);
    assert_eq!(www.seen_at, Some(SeenAt::Authoritative));
    assert!(www.public_lag);
    assert_eq!(www.public_ttl, Some(900));
    assert!(report.records.iter().filter(|r| r.host != "www").all(|r| !r.public_lag));
}
