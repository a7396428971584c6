//! Starting the sandbox: configuration, the shared state, the request gate (API key, rate
//! limit, faults, status fitting) and the handle that controls a running instance.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_layer::Layer;
use tokio::sync::oneshot;

use crate::clock::{Clock, ClockMode};
use crate::dns_publish::{HeldZones, Published};
use crate::dns_server::{DnsServer, DnsServerHandle};
use crate::envelope::{error_response, error_with_data, set_header, ErrorMessage};
use crate::fault_reply::{after_commit, drop_connection, refuse};
use crate::faults::{Fault, FaultConfig, Faults};
use crate::model::Event;
use crate::ratelimit::RateLimiter;
use crate::rules::Rule;
use crate::sim::Sim;

/// Where every documented path is served. `SandboxHandle::base_url` includes it, so a client
/// appends the documented paths exactly as it does for production.
pub const API_PREFIX: &str = "/api/v1/integration";
pub const ADMIN_PREFIX: &str = "/__admin";

/// Which world to build on start (and on reset).
#[derive(Debug, Clone, PartialEq)]
pub enum World {
    /// A few customers, ~25 domains in every status, ~120 mailboxes, subscriptions, credentials,
    /// pre-warmed inventory and a funded wallet. Identical for the same seed.
    Demo,
    /// Only the pre-warmed inventory and a funded wallet.
    Empty,
    /// Many users with ACTIVE domains and mailboxes, for performance work.
    Large { mailboxes: usize, domains: usize },
    /// A large reseller's account: 200 customers, 10,000 domains, 100,000 mailboxes, one
    /// customer with 50,000 of them, one 1,000-record zone ([`crate::large::build_big_account`]).
    BigAccount,
}

impl World {
    /// Reads a world's name as the command line, the app's `CMR_DESK_DEMO_WORLD` and the admin
    /// reset take it: `demo`, `empty`, `big-account`, `large` or `large:<mailboxes>:<domains>`.
    pub fn parse(text: &str) -> Result<World, String> {
        let msg = || format!("unknown world {text:?}: demo, empty, big-account, large or large:<mailboxes>:<domains>");
        match text.split(':').collect::<Vec<_>>().as_slice() {
            ["demo"] => Ok(World::Demo),
            ["empty"] => Ok(World::Empty),
            ["big-account"] => Ok(World::BigAccount),
            ["large"] => Ok(World::Large { mailboxes: 50_000, domains: 10_000 }),
            ["large", m, d] => Ok(World::Large { mailboxes: m.parse().map_err(|_| msg())?, domains: d.parse().map_err(|_| msg())? }),
            _ => Err(msg()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The partner key: every route except the pre-warmup sandbox ones, in `cmr-x-api-key`.
    pub api_key: String,
    /// The sandbox key: only the `/sandbox/pre-warmup` routes, in `cmr-x-sandbox-api-key`.
    /// `None` refuses those routes (as CMR does for a partner without one).
    pub sandbox_api_key: Option<String>,
    /// Switches off the rules whose source is `assumed` (see `crate::rules`).
    pub lenient: bool,
    pub seed: u64,
    pub world: World,
    /// Requests per second per key; `None` turns the limit off.
    pub requests_per_second: Option<u32>,
    pub clock: ClockMode,
    /// 0 picks a free port.
    pub port: u16,
    /// Simulated start time (ms since the epoch). Default: now, or 2026-01-01 for a manual clock.
    pub start_time_ms: Option<i64>,
    pub faults: FaultConfig,
    /// Also serve the domains' DNS on 127.0.0.1 at this port (UDP and TCP; 0 picks a free
    /// one). `None`: no DNS server.
    pub dns_port: Option<u16>,
}

impl SandboxConfig {
    /// What the app's Demo profile runs: demo world, fast clock, the live 5 requests/s limit.
    pub fn demo(api_key: impl Into<String>) -> Self {
        let api_key = api_key.into();
        SandboxConfig {
            sandbox_api_key: Some(format!("{api_key}-sandbox")),
            lenient: false,
            api_key,
            seed: 42,
            world: World::Demo,
            requests_per_second: Some(5),
            clock: ClockMode::fast(),
            port: 0,
            start_time_ms: None,
            faults: FaultConfig::default(),
            dns_port: None,
        }
    }

    /// Deterministic and quick: manual clock, no rate limit.
    pub fn for_tests(api_key: impl Into<String>) -> Self {
        SandboxConfig { requests_per_second: None, clock: ClockMode::Manual, ..Self::demo(api_key) }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("could not bind 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("could not serve DNS on 127.0.0.1:{port}: {source}")]
    DnsBind { port: u16, source: std::io::Error },
}

pub struct Shared {
    pub sim: Mutex<Sim>,
    pub clock: Clock,
    pub api_key: String,
    pub sandbox_api_key: Option<String>,
    pub lenient: bool,
    pub faults: Mutex<Faults>,
    pub limiter: Mutex<RateLimiter>,
    pub seed: u64,
    /// Calls answered per route ("GET /orders/status"), so a test can see what a screen spent.
    pub calls: Mutex<std::collections::BTreeMap<String, u64>>,
    /// What the DNS server serves while publishing is held; `None` serves the live records.
    pub dns_held: Mutex<Option<HeldZones>>,
}

pub type AppState = Arc<Shared>;

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    /// The state, with every job due by now already applied.
    pub fn sim(&self) -> MutexGuard<'_, Sim> {
        let now = self.clock.now();
        let mut g = lock(&self.sim);
        g.advance_to(now);
        g
    }

    pub fn faults(&self) -> MutexGuard<'_, Faults> {
        lock(&self.faults)
    }

    pub fn limiter(&self) -> MutexGuard<'_, RateLimiter> {
        lock(&self.limiter)
    }

    /// Which key a route takes, in which header: the pre-warmup sandbox routes only the
    /// sandbox key in `cmr-x-sandbox-api-key`; every other route only the partner key in
    /// `cmr-x-api-key` or, as the seed page's "or Query Params" shows, the query (name assumed).
    /// Returns the accepted key (for rate limiting), `None` when refused.
    pub fn accepted_key(&self, path: &str, headers: &HeaderMap, query: Option<&str>) -> Option<String> {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        if path.starts_with("/sandbox/") && self.rule_on(Rule::SandboxKey) {
            let want = self.sandbox_api_key.as_deref()?;
            return header("cmr-x-sandbox-api-key").filter(|k| k == want);
        }
        // Rule::MainKey: documented, never switched off.
        if header("cmr-x-api-key").is_some_and(|k| k == self.api_key) {
            return Some(self.api_key.clone());
        }
        let in_query = query.is_some_and(|q| {
            q.split('&').any(|kv| kv.split_once('=').is_some_and(|(k, v)| k == "cmr-x-api-key" && v == self.api_key))
        });
        in_query.then(|| self.api_key.clone())
    }

    pub fn rule_on(&self, rule: Rule) -> bool {
        rule.on(self.lenient)
    }

    pub fn reset(&self, world: &World, seed: u64) {
        let now = self.clock.now();
        let mut sim = crate::seed::build(world, seed, now);
        sim.lenient = self.lenient;
        *lock(&self.sim) = sim;
    }
}

async fn gate(State(s): State<AppState>, matched: MatchedPath, req: Request, next: Next) -> Response {
    let route = matched.as_str().strip_prefix(API_PREFIX).unwrap_or(matched.as_str());
    let Some(key) = s.accepted_key(route, req.headers(), req.uri().query()) else {
        return error_response(401, "Invalid API Key");
    };
    let limited = s.rule_on(Rule::RateLimit).then(|| s.limiter().check(&key)).unwrap_or(Ok(()));
    if let Err(retry) = limited {
        let mut r = error_response(429, "Rate limit exceeded");
        set_header(&mut r, "retry-after", &retry.to_string());
        return r;
    }
    let method = req.method().clone();
    let path = matched.as_str().strip_prefix(API_PREFIX).unwrap_or(matched.as_str()).to_string();
    *lock(&s.calls).entry(format!("{method} {path}")).or_default() += 1;
    let (latency, fault) = {
        let mut f = s.faults();
        (f.config.latency_ms, f.pick(method.as_str(), &path))
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    match fault {
        Some(Fault::Drop) => return drop_connection(),
        Some(Fault::Fail(status)) => return refuse(status),
        _ => {}
    }
    let response = fit_status(&method, &path, next.run(req).await);
    match fault {
        Some(Fault::CommitThen { mode, hang_ms }) => after_commit(mode, hang_ms, response).await,
        _ => response,
    }
}

/// Rebuilds an error whose status the operation does not document (see `ops::fit`).
fn fit_status(method: &Method, path: &str, response: Response) -> Response {
    let Some(op) = crate::ops::find(method.as_str(), path) else { return response };
    let status = response.status().as_u16();
    let fitted = crate::ops::fit(op, status);
    match response.extensions().get::<ErrorMessage>() {
        Some(msg) if fitted != status => error_with_data(fitted, &msg.0, msg.1.clone()),
        _ => response,
    }
}

async fn not_found() -> Response {
    error_response(404, "No such route")
}

async fn method_not_allowed() -> Response {
    error_response(405, "Method not allowed on this route")
}

pub fn app(state: AppState) -> Router {
    let api = crate::api::routes()
        .route_layer(middleware::from_fn_with_state(state.clone(), gate))
        .method_not_allowed_fallback(method_not_allowed);
    let routed = Router::new()
        .nest(API_PREFIX, api)
        .nest(ADMIN_PREFIX, crate::admin::routes(state.clone()))
        .fallback(not_found)
        .with_state(state.clone());
    // Drift moves paths, so it has to run before the router picks a route.
    Router::new().fallback_service(middleware::from_fn_with_state(state, crate::drift::apply).layer(routed))
}

/// Entry point: `Sandbox::start(config).await`.
pub struct Sandbox;

impl Sandbox {
    pub async fn start(config: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
        let clock = Clock::new(config.clock, config.start_time_ms);
        let mut sim = crate::seed::build(&config.world, config.seed, clock.now());
        sim.lenient = config.lenient;
        let shared = Arc::new(Shared {
            sim: Mutex::new(sim),
            clock,
            api_key: config.api_key.clone(),
            sandbox_api_key: config.sandbox_api_key.clone(),
            lenient: config.lenient,
            faults: Mutex::new(Faults::new(config.faults.clone(), config.seed)),
            limiter: Mutex::new(RateLimiter::new(config.requests_per_second)),
            seed: config.seed,
            calls: Mutex::default(),
            dns_held: Mutex::default(),
        });
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port))
            .await
            .map_err(|source| SandboxError::Bind { port: config.port, source })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind { port: config.port, source })?;
        let dns = match config.dns_port {
            Some(port) => Some(
                DnsServer::start_with_source(port, Vec::new(), Some(Arc::new(Published(shared.clone()))))
                    .await
                    .map_err(|source| SandboxError::DnsBind { port, source })?,
            ),
            None => None,
        };
        let (tx, rx) = oneshot::channel::<()>();
        let router = app(shared.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(SandboxHandle { addr, shared, shutdown: Some(tx), task: Some(task), dns })
    }
}

/// A running sandbox. Dropping it stops the server too.
pub struct SandboxHandle {
    addr: SocketAddr,
    shared: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    dns: Option<DnsServerHandle>,
}

impl SandboxHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/api/v1/integration`: append the documented paths to it.
    pub fn base_url(&self) -> String {
        format!("http://{}{}", self.addr, API_PREFIX)
    }

    /// `http://127.0.0.1:PORT/__admin`.
    pub fn admin_url(&self) -> String {
        format!("http://{}{}", self.addr, ADMIN_PREFIX)
    }

    /// Where the domains' DNS is served (UDP and TCP), when `dns_port` was set.
    pub fn dns_addr(&self) -> Option<SocketAddr> {
        self.dns.as_ref().map(DnsServerHandle::addr)
    }

    /// The DNS server itself (its query count, say), when `dns_port` was set. A zone published
    /// through it takes precedence over the sandbox's own domain of the same name.
    pub fn dns_server(&self) -> Option<&DnsServerHandle> {
        self.dns.as_ref()
    }

    /// Held: DNS changes made through the API stay at CMR and the DNS server goes on serving
    /// what it served (a slow propagation). Released: every domain's current records at once.
    pub fn set_dns_publishing_held(&self, held: bool) {
        crate::dns_publish::set_held(&self.shared, held);
    }

    /// Moves simulated time forward and applies everything that fell due.
    pub fn advance(&self, by: Duration) {
        let now = self.shared.clock.advance(by.as_millis() as i64);
        lock(&self.shared.sim).advance_to(now);
    }

    pub fn set_clock_mode(&self, mode: ClockMode) {
        self.shared.clock.set_mode(mode);
    }

    /// Simulated now, in milliseconds since the epoch.
    pub fn now_ms(&self) -> i64 {
        self.shared.clock.now()
    }

    /// Webhook events recorded so far, oldest first.
    pub fn events(&self) -> Vec<Event> {
        self.shared.sim().events.clone()
    }

    pub fn set_faults(&self, faults: FaultConfig) {
        self.shared.faults().config = faults;
    }

    /// The fault configuration as it stands: counters and script minus what was consumed.
    pub fn faults_remaining(&self) -> FaultConfig {
        self.shared.faults().config.clone()
    }

    pub fn set_rate_limit(&self, requests_per_second: Option<u32>) {
        self.shared.limiter().set(requests_per_second);
    }

    pub fn set_wallet_cents(&self, cents: i64) {
        self.shared.sim().wallet_cents = cents;
    }

    pub fn reset(&self, world: World) {
        self.shared.reset(&world, self.shared.seed);
    }

    /// Runs `f` on the live state (inspection and set-up in tests).
    pub fn with_state<R>(&self, f: impl FnOnce(&mut Sim) -> R) -> R {
        f(&mut self.shared.sim())
    }

    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(dns) = self.dns.take() {
            dns.shutdown().await;
        }
        if let Some(mut task) = self.task.take() {
            // Open keep-alive connections could hold a graceful shutdown for a long time.
            if tokio::time::timeout(Duration::from_secs(2), &mut task).await.is_err() {
                task.abort();
            }
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
