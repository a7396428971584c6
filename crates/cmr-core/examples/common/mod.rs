//! What the cache benchmarks share: the sandbox's big account over loopback and a desk on a
//! throwaway data folder, whose client reads as fast as loopback allows (filling the cache is
//! not what they measure), and the quantile they report.

use std::sync::Arc;
use std::time::Duration;

use cmr_client::{ApiKey, ClientConfig, CmrClient};
use cmr_core::{Desk, DeskConfig, NullSink};
use cmr_sandbox::{Sandbox, SandboxConfig, SandboxHandle, World};

const KEY: &str = "bench-key-0123456789abcdef";

/// The sandbox, the desk, and the folder the desk lives in (removed when dropped).
pub async fn big_account_desk() -> (SandboxHandle, Desk, tempfile::TempDir) {
    let sandbox = Sandbox::start(SandboxConfig { world: World::BigAccount, requests_per_second: None, ..SandboxConfig::for_tests(KEY) })
        .await
        .expect("sandbox");
    let mut cfg = ClientConfig::new(sandbox.base_url(), ApiKey::new(KEY));
    cfg.requests_per_second = 10_000;
    cfg.request_timeout = Duration::from_secs(30);
    let client = CmrClient::new(cfg).expect("client");
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open_with(dir.path(), "bench", client, Arc::new(NullSink), DeskConfig::default()).expect("desk");
    (sandbox, desk, dir)
}

pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}
