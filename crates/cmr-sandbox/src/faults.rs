//! Faults on demand, for testing how a client copes with a misbehaving API.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// What to break. Counters (`*Next`) are consumed one per matching request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FaultConfig {
    /// Added before every API request.
    pub latency_ms: u64,
    /// Probability (0..1) of an injected error, per route: `"GET /dns"`, `"/dns"` or `"*"`.
    pub error_rates: BTreeMap<String, f64>,
    /// Status of errors from `errorRates` and `failNext` (500, 503, 429, …).
    pub error_status: u16,
    /// The next N matching requests fail with `errorStatus` without touching state.
    pub fail_next: u32,
    /// The next N matching requests have their connection closed without any response.
    pub drop_next: u32,
    /// The next N matching requests are processed, then answered with a truncated JSON body.
    pub malformed_next: u32,
    /// The next N matching requests are processed (the change is committed), then the server
    /// sits on the connection for `hangMs` and closes it without answering.
    pub commit_then_timeout_next: u32,
    pub hang_ms: u64,
    /// Restricts the `*Next` faults to one route (`"POST /orders/json"` or `"/orders/json"`).
    pub route: Option<String>,
}

impl Default for FaultConfig {
    fn default() -> Self {
        FaultConfig {
            latency_ms: 0,
            error_rates: BTreeMap::new(),
            error_status: 500,
            fail_next: 0,
            drop_next: 0,
            malformed_next: 0,
            commit_then_timeout_next: 0,
            hang_ms: 30_000,
            route: None,
        }
    }
}

/// The fault chosen for one request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    Fail(u16),
    Drop,
    Malformed,
    CommitThenTimeout(u64),
}

pub fn route_matches(pattern: &str, method: &str, path: &str) -> bool {
    let pattern = pattern.trim();
    pattern == "*"
        || pattern == path
        || pattern.split_once(' ').is_some_and(|(m, p)| m.eq_ignore_ascii_case(method) && p.trim() == path)
}

pub struct Faults {
    pub config: FaultConfig,
    rng: Rng,
}

impl Faults {
    pub fn new(config: FaultConfig, seed: u64) -> Self {
        Faults { config, rng: Rng::new(seed ^ 0xFA17) }
    }

    /// Decides (and consumes) the fault for a request.
    pub fn pick(&mut self, method: &str, path: &str) -> Option<Fault> {
        let c = &mut self.config;
        let targeted = c.route.as_deref().is_none_or(|r| route_matches(r, method, path));
        if targeted {
            if c.drop_next > 0 {
                c.drop_next -= 1;
                return Some(Fault::Drop);
            }
            if c.fail_next > 0 {
                c.fail_next -= 1;
                return Some(Fault::Fail(c.error_status));
            }
            if c.commit_then_timeout_next > 0 {
                c.commit_then_timeout_next -= 1;
                return Some(Fault::CommitThenTimeout(c.hang_ms));
            }
            if c.malformed_next > 0 {
                c.malformed_next -= 1;
                return Some(Fault::Malformed);
            }
        }
        let rate = c
            .error_rates
            .iter()
            .filter(|(k, _)| route_matches(k, method, path))
            .map(|(_, v)| *v)
            .fold(0.0, f64::max);
        let status = c.error_status;
        (rate > 0.0 && self.rng.chance(rate)).then_some(Fault::Fail(status))
    }
}
