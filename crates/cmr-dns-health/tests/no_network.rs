//! Without a network a check ends quickly in a clear state, never a hang.

mod common;

use std::time::{Duration, Instant};

use cmr_dns_health::{check_domain, HealthInput, NetworkState, ResolverSettings, VisibilityState};

fn input() -> HealthInput {
    HealthInput::new("nowhere.test", common::good("nowhere.test").0, Some(cmr_dns_health::MailProvider::Google))
}

async fn closed_port() -> std::net::SocketAddr {
    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    socket.local_addr().unwrap()
}

#[tokio::test]
async fn a_closed_loopback_port_is_no_network() {
    let settings = ResolverSettings::loopback(closed_port().await).with_timeout(Duration::from_millis(300));
    let started = Instant::now();
    let report = check_domain(&input(), &settings).await;
    assert_eq!(report.network, NetworkState::NoNetwork);
    assert!(report.records.iter().all(|r| r.state == VisibilityState::Unchecked));
    assert!(report.findings.is_empty());
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[tokio::test]
async fn unroutable_resolvers_without_known_name_servers_are_no_network() {
    // TEST-NET-1: documentation addresses nothing answers.
    let mut settings = ResolverSettings::internet().with_timeout(Duration::from_millis(300));
    settings.public = vec!["192.0.2.1:53".parse().unwrap(), "192.0.2.2:53".parse().unwrap()];
    let started = Instant::now();
    let report = check_domain(&input(), &settings).await;
    assert_eq!(report.network, NetworkState::NoNetwork);
    assert!(report.queries >= 1);
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}
