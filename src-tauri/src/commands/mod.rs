//! Tauri commands: thin adapters, one module per area. Logic lives in the modules they call.
//!
//! The CMR operations (one command per `operationId`, named like the client method) are in
//! users … misc; each goes through the active profile's `cmr_core::Desk`, which audits,
//! tracks and caches. activity, audit, cache and jobs expose the core's own services.

pub mod activity;
pub mod api_check;
pub mod audit;
pub mod cache;
pub mod cache_rows;
pub mod desktop;
pub mod dns;
pub mod dns_health;
pub mod dns_tools;
pub mod domains;
pub mod exports;
pub mod geo;
pub mod jobs;
pub mod key_storage;
pub mod mailboxes;
pub mod misc;
pub mod orders;
pub mod overview;
pub mod prewarmup;
pub mod profiles;
pub mod subscriptions;
pub mod updates;
pub mod users;
pub mod wallet;
pub mod warmup;

#[cfg(test)]
mod ipc_test;
#[cfg(test)]
mod api_check_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod key_storage_tests;
