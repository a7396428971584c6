//! No paid call sent twice, whatever the reply: redirects are not followed, oversized replies
//! are refused, and an error inside a 2xx envelope never repeats a write.
//!
//! A binary of its own so that its CPU-heavy cases (a gzip bomb, many servers) do not run
//! alongside the timing-sensitive pacing tests of `behaviour/`.

#[path = "../common/mod.rs"]
mod common;

mod body_size;
mod envelope_status;
mod redirects;
