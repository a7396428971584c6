//! Bulk jobs: one operation over many subjects (a DNS change on 500 domains, an update to
//! 2,000 mailboxes), with per-item results, cancel, retry of the failed items and resume after
//! a restart, paced by the client's shared rate limit.
//!
//! - [`model`]: the operations a job carries and the views of jobs and items;
//! - `dispatch`: sending one item through [`crate::Desk::mutate`];
//! - `runner`: starting, running, cancelling, retrying and resuming jobs in SQLite.

mod dispatch;
pub mod model;
mod runner;

pub use model::*;
pub use runner::{MAX_ITEMS, MAX_LABEL_CHARS, MAX_SUBJECT_CHARS};
