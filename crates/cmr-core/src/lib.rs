//! cmr-core: everything CMR Desk does besides drawing windows, with no Tauri in sight, so a
//! test or a command-line tool can drive it like the app does.
//!
//! One [`Desk`] per active profile holds the profile's [`cmr_client::CmrClient`] and:
//! - the **audit log** ([`audit`]): every mutating call with time, profile, customer,
//!   operation, a redacted request summary, result, actionId, and for DNS the zone before and
//!   after; queries by customer / operation / date range and CSV export;
//! - the **action tracker** ([`tracker`]): every accepted asynchronous call, polled with
//!   back-off until seen done, resumed after a restart; a creating or paying call whose
//!   answer is lost is reconciled by reading state, never sent twice;
//! - the **cache** ([`cache`], [`Desk::customers`] …): customers, domains, mailboxes and
//!   subscriptions per profile, with their sync time; mutations mark what they touch stale;
//! - the **bulk runner** ([`bulk`]): one operation over many subjects with per-item results,
//!   cancel, retry-failed-only and resume after a restart, paced by the client's shared limit;
//! - **DNS changes** ([`dns_changes`]): plans against a fresh read, applied one audited call
//!   per change and verified by reading the zone again; templates and zone files;
//! - the **error vocabulary** ([`app_error`]): the one closed set of codes the UI handles.
//!
//! Every mutating call goes through [`Desk::mutate`]; progress reaches the UI through an
//! [`EventSink`] the shell implements.
//!
//! ```no_run
//! # async fn demo(client: cmr_client::CmrClient, dir: &std::path::Path) -> Result<(), cmr_core::DeskError> {
//! use std::sync::Arc;
//! use cmr_client::endpoints as ep;
//! use cmr_core::{Desk, Mutation, NullSink};
//! let desk = Desk::open(dir, "profile-1", client, Arc::new(NullSink))?;
//! let req = cmr_client::dns::DeleteDnsRecordsRequest { domain: "acme.com".into(), record_ids: vec!["R1".into()] };
//! let m = Mutation::new(&ep::DELETE_DNS_RECORDS, "acme.com").customer("U1").request(&req);
//! let reply = desk.mutate(m, |c| async move { c.delete_dns_records("U1", &req).await }).await?;
//! println!("tracked as {:?}", reply.action_id);
//! # Ok(()) }
//! ```

pub mod api_check;
pub mod app_error;
pub mod audit;
pub mod bulk;
pub mod charge;
pub mod charges;
pub mod cache;
pub mod cache_rows;
pub mod cache_search;
pub mod cache_sync;
pub mod db;
pub mod mailbox_csv;
pub mod dns_changes;
pub mod dns_health_cache;
mod desk;
pub mod error;
pub mod events;
pub mod fields;
mod in_flight;
pub mod once;
pub mod overview;
pub mod lease;
pub mod local_files;
mod log;
pub mod evidence;
pub mod policy;
mod read_models;
pub mod redact;
pub mod rotating_log;
pub mod rules;
pub mod secret_patterns;
pub mod time;
pub mod template_fit;
pub mod tracker;

pub use app_error::{AppError, AppResult, ErrorCode};
pub use audit::{AuditEntry, AuditLog, AuditQuery};
pub use bulk::{BulkItem, BulkOp, ItemError, ItemState, JobItemView, JobState, JobView, NewBulkJob, MAX_ITEMS, MAX_LABEL_CHARS, MAX_SUBJECT_CHARS};
pub use db::DB_FILE;
pub use cache::{CacheEntryInfo, CacheKind, Cached};
pub use cache_rows::{RowFilter, RowPage, RowQuery, RowSort};
pub use cache_search::{SearchHit, SearchQuery};
pub use cache_sync::{CacheReadProgress, SyncOutcome};
pub use overview::{DueItem, DueKind, Overview, StatusCount};
pub use dns_health_cache::{HealthProblem, HealthRecord};
pub use desk::{Desk, DeskConfig, Mutation};
pub use error::{DeskError, DeskResult};
pub use events::{CoreEvent, EventSink, MemorySink, NullSink};
pub use rotating_log::RotatingLog;
pub use tracker::{ActionFilter, ActionState, ActionView, OrderReading, TrackerConfig, RELEASE_PHRASE};
