//! One wiremock test per operation: exact method, path, query, key header and body.
//! Each area's cases are also listed in `CASES`, which the coverage test checks against the
//! operationIds of openapi.yaml and re-runs with every documented reply example.

#[path = "../common/mod.rs"]
mod common;

use std::future::Future;
use std::pin::Pin;

use serde_json::Value;

pub type CaseFn = fn(common::Ctx, Option<Value>) -> Pin<Box<dyn Future<Output = ()>>>;

/// A per-operation test: mounts the strict mock, answers with `reply` (or its own default)
/// and calls the client method.
pub struct Case {
    pub operation_id: &'static str,
    pub run: CaseFn,
}

macro_rules! cases {
    ($($op:literal => $name:ident),* $(,)?) => {
        pub const CASES: &[crate::Case] = &[
            $(crate::Case { operation_id: $op, run: |ctx, reply| Box::pin($name(ctx, reply)) },)*
        ];

        mod per_operation {
            $(
                #[tokio::test]
                async fn $name() {
                    let ctx = crate::common::Ctx::start().await;
                    super::$name(ctx, crate::common::example_reply($op)).await;
                }
            )*
        }
    };
}

mod dns;
mod domains;
mod exports;
mod geo;
mod mailboxes;
mod misc;
mod orders;
mod prewarmup;
mod subscriptions;
mod users;
mod wallet;
mod warmup;

mod coverage;

pub fn all_cases() -> Vec<&'static Case> {
    [
        users::CASES,
        geo::CASES,
        domains::CASES,
        dns::CASES,
        orders::CASES,
        mailboxes::CASES,
        warmup::CASES,
        subscriptions::CASES,
        exports::CASES,
        prewarmup::CASES,
        wallet::CASES,
        misc::CASES,
    ]
    .into_iter()
    .flatten()
    .collect()
}
