//! A sandbox on loopback and a desk on a temporary data folder.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use cmr_client::{ApiKey, ClientConfig, CmrClient};
use cmr_core::{Desk, DeskConfig, MemorySink, TrackerConfig};
use cmr_sandbox::{Sandbox, SandboxConfig, SandboxHandle, World};

/// Long enough to be scrubbed, distinctive enough to search for in files.
pub const KEY: &str = "sk_test_core_7f3c9a12e4b84d0f";

pub async fn sandbox(world: World) -> SandboxHandle {
    Sandbox::start(SandboxConfig { world, ..SandboxConfig::for_tests(KEY) }).await.expect("sandbox")
}

pub fn client(sb: &SandboxHandle) -> CmrClient {
    let mut cfg = ClientConfig::new(sb.base_url(), ApiKey::new(KEY));
    // SandboxConfig::for_tests gives the sandbox routes their own key: `<key>-sandbox`.
    cfg.sandbox_api_key = Some(ApiKey::new(format!("{KEY}-sandbox")));
    cfg.requests_per_second = 1000;
    cfg.request_timeout = Duration::from_millis(1500);
    cfg.retry_base_delay = Duration::from_millis(20);
    cfg.retry_max_delay = Duration::from_millis(100);
    CmrClient::new(cfg).expect("client")
}

pub fn fast_config() -> DeskConfig {
    DeskConfig {
        tracker: TrackerConfig {
            first_poll: Duration::from_millis(100),
            max_interval: Duration::from_millis(400),
            give_up_after: Duration::from_secs(60),
            reconcile_delay: Duration::from_millis(100),
            reconcile_attempts: 3,
        },
        dns_snapshots: true,
        background: true,
    }
}

pub fn open(dir: &Path, sb: &SandboxHandle) -> (Desk, Arc<MemorySink>) {
    let sink = Arc::new(MemorySink::default());
    let desk = Desk::open_with(dir, "p-test", client(sb), sink.clone(), fast_config()).expect("desk");
    (desk, sink)
}

/// A customer with an ACTIVE domain: (user id, domain name).
pub fn active_domain(sb: &SandboxHandle) -> (String, String) {
    sb.with_state(|s| {
        s.domains
            .values()
            .find(|d| d.status.as_str() == "ACTIVE" && !d.dns.is_empty())
            .map(|d| (d.user_id.clone(), d.name.clone()))
            .expect("an active domain")
    })
}

/// Waits until `f` holds, advancing the sandbox clock a little each round.
pub async fn eventually(sb: &SandboxHandle, what: &str, mut f: impl FnMut() -> bool) {
    for _ in 0..300 {
        if f() {
            return;
        }
        sb.advance(Duration::from_secs(5));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for: {what}");
}
