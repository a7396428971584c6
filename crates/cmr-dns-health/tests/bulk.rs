//! A hundred domains checked at once against the loopback server: a figure for the bulk job
//! (time and queries), written to `$ARTIFACTS_DIR/dns-health.txt` when that is set.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use cmr_dns_health::{check_domain, HealthInput, MailProvider, NetworkState, ResolverSettings};
use cmr_sandbox::DnsServer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_domains() {
    const N: usize = 100;
    let mut zones = vec![common::mailer_zone()];
    let mut inputs = Vec::new();
    for i in 0..N {
        let domain = format!("d{i}.bulk.test");
        let (held, zone) = common::good(&domain);
        zones.push((domain.clone(), zone));
        inputs.push(HealthInput::new(domain, held, Some(MailProvider::Google)));
    }
    let server = DnsServer::start(0, zones).await.unwrap();
    let settings = Arc::new(ResolverSettings::loopback(server.addr()).with_timeout(Duration::from_secs(3)));
    let started = Instant::now();
    let mut jobs = tokio::task::JoinSet::new();
    for input in inputs {
        let settings = settings.clone();
        jobs.spawn(async move { check_domain(&input, &settings).await });
    }
    let mut reports = Vec::new();
    while let Some(r) = jobs.join_next().await {
        reports.push(r.unwrap());
    }
    let elapsed = started.elapsed();
    assert_eq!(reports.len(), N);
    assert!(reports.iter().all(|r| r.network == NetworkState::Ok && r.errors() == 0 && r.not_published() == 0));
    let counted: u32 = reports.iter().map(|r| r.queries).sum();
    let figure = format!(
        "dns-health: {N} domains checked concurrently against the loopback DNS server in {:.3} s; \
         queries counted by the checks: {counted}; answered by the server: {}\n",
        elapsed.as_secs_f64(),
        server.query_count()
    );
    print!("{figure}");
    if let Some(dir) = std::env::var_os("ARTIFACTS_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("dns-health.txt"), &figure).unwrap();
    }
}
