//! A typed async client for the Cold Mail Reseller (CMR) integration API.
//!
//! Every operation of `openapi.yaml` (beside this crate) is a method on [`CmrClient`] named
//! the snake_case of its `operationId` (`getDnsRecords` → [`CmrClient::get_dns_records`]),
//! implemented in the module of its API area. How each travels on the wire — method, path,
//! where `userId` goes, whether it may be retried, whether the path is confirmed — is in
//! [`endpoints::ENDPOINTS`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), cmr_client::CmrError> {
//! use cmr_client::{ApiKey, ClientConfig, CmrClient};
//! let client = CmrClient::new(ClientConfig::production(ApiKey::new("…")))?;
//! let records = client.get_dns_records("4CZNXJNXEEMECTH5Q65AXCB8QE78", "acme.com").await?;
//! for r in &records.data.records {
//!     println!("{} {:?} {}", r.host, r.record_type, r.value);
//! }
//! # Ok(()) }
//! ```
//!
//! Behaviour shared by all calls:
//! - the key travels in `cmr-x-api-key`; [`ApiKey`] never prints it;
//! - all clients with the same key share one pace (5 requests/s by default), see [`limiter`];
//! - reads are retried on 429, 5xx and timeouts with capped, jittered exponential back-off;
//!   writes are retried only on an HTTP 429 (refused unprocessed; never on a 429 inside the
//!   envelope of a 2xx reply) and a write that times out returns
//!   [`ErrorCode::OutcomeUnknown`]: reconcile by reading state;
//! - redirects are never followed (a 3xx is [`CmrError::Redirected`]) and a reply larger than
//!   [`ClientConfig::max_response_bytes`] once decoded is refused unread;
//! - errors carry a stable [`ErrorCode`], the HTTP status, the server's message, Retry-After
//!   and `actionId` ([`CmrError`]).
//! - [`ClientConfig::endpoint_overrides`] moves an operation to another path or method
//!   (the reseller's `endpoints.toml`), leaving the table's other entries as they are;
//! - list endpoints are walked page by page with [`paginate`] (a `Stream`, lazily) or
//!   [`collect_all`] and the `list_all_*` / `get_all_*` helpers (a `Vec`).

pub mod api;
mod client;
pub mod config;
pub mod endpoints;
pub mod enums;
pub mod envelope;
pub mod error;
pub mod key;
pub mod limiter;
pub mod money;
pub mod overrides;
pub mod pagination;
mod serde_util;

pub use api::{dns, domains, exports, geo, mailboxes, misc, orders, prewarmup, subscriptions, users, wallet, warmup};
pub use api::{GoogleOauthConfig, PageQuery};

/// The API contract the client is written against (guessed parts marked), for checking live
/// replies against it.
pub const OPENAPI_YAML: &str = include_str!("../openapi.yaml");
pub use client::{CmrClient, RawReply, API_KEY_HEADER, SANDBOX_API_KEY_HEADER};
pub use config::{ClientConfig, Environment, API_PATH, PRODUCTION_BASE_URL, SANDBOX_BASE_URL};
pub use endpoints::{Endpoint, HttpMethod, UserIdIn, ENDPOINTS};
pub use enums::*;
pub use envelope::{Accepted, ApiResponse};
pub use error::{ApiError, CmrError, ErrorCode, ErrorReport};
pub use key::ApiKey;
pub use money::Money;
pub use overrides::{EndpointOverride, EndpointOverrides, OverrideError, ENDPOINTS_FILE};
pub use pagination::{collect_all, next_page, paginate, Paginated, Pagination, MAX_PAGE_SIZE};
pub use serde_util::OneOrMany;
