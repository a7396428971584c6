//! The built-in Demo profile: an in-process CMR sandbox on 127.0.0.1 (random port) with a
//! realistic account, so the app can be tried with no CMR account at all. Its state lives in
//! memory and starts afresh with every launch.

use cmr_sandbox::{Sandbox, SandboxConfig, SandboxHandle};

use crate::profiles::{Environment, KeyStatus, Profile, ProfileView};
use crate::secrets::Secret;

pub const DEMO_PROFILE_ID: &str = "demo";

pub struct DemoBackend {
    handle: SandboxHandle,
    key: Secret,
    /// The sandbox's pre-warmup sandbox routes take this one only, as CMR's do.
    sandbox_key: Secret,
}

/// The world the Demo profile shows: the sample account, or with `CMR_DESK_DEMO_WORLD` a
/// bigger one for trying the app at scale (`big-account`: 200 customers, 10,000 domains,
/// 100,000 mailboxes, one customer with 50,000). A name the sandbox does not know is logged
/// and the sample account is used: the app always opens.
fn demo_world() -> cmr_sandbox::World {
    match std::env::var("CMR_DESK_DEMO_WORLD") {
        Err(_) => cmr_sandbox::World::Demo,
        Ok(name) => cmr_sandbox::World::parse(name.trim()).unwrap_or_else(|e| {
            crate::app_log::warn(&format!("CMR_DESK_DEMO_WORLD: {e}; the Demo uses its sample account"));
            cmr_sandbox::World::Demo
        }),
    }
}

impl DemoBackend {
    pub async fn start() -> Result<Self, cmr_sandbox::SandboxError> {
        // A fresh key per launch: nothing outside this process can use the demo server. The
        // end-to-end tests fix key and port (CMR_DESK_DEMO_KEY, CMR_DESK_DEMO_PORT) so they can
        // read the sandbox's state and check what the app did.
        let key = std::env::var("CMR_DESK_DEMO_KEY")
            .unwrap_or_else(|_| format!("demo-{}", uuid::Uuid::new_v4().simple()));
        let port = std::env::var("CMR_DESK_DEMO_PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(0);
        let sandbox_key = format!("{key}-sandbox");
        // The Demo's domains are served on loopback DNS too, so a live health check of a Demo
        // domain asks a real name server and needs no network.
        let mut config = SandboxConfig { port, sandbox_api_key: Some(sandbox_key.clone()), dns_port: Some(0), ..SandboxConfig::demo(key.clone()) };
        config.world = demo_world();
        // A fixed port may still be held for a moment by the previous run of the app.
        let mut attempts = 0;
        let handle = loop {
            match Sandbox::start(config.clone()).await {
                Ok(handle) => break handle,
                Err(_) if port != 0 && attempts < 50 => {
                    attempts += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => return Err(e),
            }
        };
        Ok(Self { handle, key: Secret::new(key), sandbox_key: Secret::new(sandbox_key) })
    }

    pub fn base_url(&self) -> String {
        self.handle.base_url()
    }

    /// The loopback name server that publishes the Demo's zones.
    pub fn dns_addr(&self) -> Option<std::net::SocketAddr> {
        self.handle.dns_addr()
    }

    /// `(userId, orderId)` of an order of the demo world: CMR has no order list, and the
    /// Demo profile's app records start empty each launch.
    pub fn known_order(&self) -> Option<(String, String)> {
        self.handle.with_state(|s| s.orders.values().next().map(|o| (o.user_id.clone(), o.id.clone())))
    }

    pub fn key(&self) -> &Secret {
        &self.key
    }

    pub fn sandbox_key(&self) -> &Secret {
        &self.sandbox_key
    }

    pub fn view(&self, active: bool) -> ProfileView {
        ProfileView {
            profile: Profile {
                id: DEMO_PROFILE_ID.into(),
                name: "Demo".into(),
                environment: Environment::Sandbox,
                base_url: self.base_url(),
                default_customer_id: None,
            },
            key: KeyStatus::Set { mask: self.key.masked() },
            sandbox_key: KeyStatus::Set { mask: self.sandbox_key.masked() },
            active,
            demo: true,
        }
    }
}
