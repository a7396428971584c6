//! Behaviour shared by all operations: errors, retries, pacing, pagination, tolerant parsing.

#[path = "../common/mod.rs"]
mod common;

mod errors;
mod overrides;
mod pagination;
mod parsing;
mod rate_limit;
mod retries;
