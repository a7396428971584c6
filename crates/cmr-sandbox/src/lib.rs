//! cmr-sandbox: a stateful simulator of the Cold Mail Reseller (CMR) integration API.
//!
//! It is the backend of the app's Demo profile and the bed every test runs on. It serves all
//! documented operations under [`API_PREFIX`] with the CMR envelope, the `cmr-x-api-key`
//! header, the `userId` rules, pagination, the partner wallet and the business rules of the
//! contract; asynchronous work advances on a controllable clock and records the webhooks the
//! live API would send.
//!
//! ```no_run
//! # async fn demo() -> Result<(), cmr_sandbox::SandboxError> {
//! let sandbox = cmr_sandbox::Sandbox::start(cmr_sandbox::SandboxConfig::demo("demo-key")).await?;
//! let base = sandbox.base_url(); // http://127.0.0.1:PORT/api/v1/integration
//! # let _ = base; sandbox.shutdown().await; Ok(()) }
//! ```
//!
//! Predictable names for demos and tests: `taken-…` domains are never available, `fresh-…`
//! always are (and have no existing workspace), `workspace-…` always have an existing
//! workspace (orders for them fail with "Workspace validation failed"). Credentials whose
//! password contains `invalid` or `wrong` fail platform validation.

mod admin;
pub mod api;
mod billing;
pub mod clock;
mod dns_answer;
mod dns_publish;
pub mod dns_server;
pub mod drift;
mod effects;
pub mod envelope;
mod fault_reply;
pub mod faults;
mod large;
mod lifecycle;
pub mod model;
pub mod ops;
pub mod prices;
mod ratelimit;
pub mod rng;
pub mod rules;
mod seed;
mod server;
pub mod sim;
pub mod time;

pub use clock::ClockMode;
pub use dns_server::{DnsRecord, DnsServer, DnsServerHandle};
pub use drift::{Drift, MovedPath, RenamedField};
pub use faults::{CommitThen, FaultConfig, ScriptedFault};
pub use model::Event;
pub use server::{Sandbox, SandboxConfig, SandboxError, SandboxHandle, World, ADMIN_PREFIX, API_PREFIX};
pub use sim::Sim;
