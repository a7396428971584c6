//! Faults on demand, for testing how a client copes with a misbehaving API.
//!
//! Besides refusals and dropped connections, the "commit-then" faults let a test prove that a
//! paid call takes effect exactly once: the request is processed and its change committed, then
//! the answer is lost in one of the ways a real network or gateway loses it ([`CommitThen`]).
//! A [`ScriptedFault`] list replays a fixed sequence of outcomes, one per matching request, for
//! property tests that need to know exactly what each attempt saw.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::drift::Drift;
use crate::rng::Rng;

/// How the answer of a committed request is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitThen {
    /// Sits on the connection for `hangMs`, then closes it without answering.
    #[default]
    Timeout,
    /// Closes the connection at once without any response.
    Reset,
    /// HTTP 502 with a gateway's HTML error page.
    Html502,
    /// HTTP 504 with a gateway's HTML timeout page.
    Gateway504,
    /// The real status with a truncated JSON body.
    Malformed,
    /// HTTP 200 whose JSON envelope says 429: the body, not the status, carries the refusal.
    Envelope429,
}

impl CommitThen {
    pub const ALL: [CommitThen; 6] = [
        CommitThen::Timeout,
        CommitThen::Reset,
        CommitThen::Html502,
        CommitThen::Gateway504,
        CommitThen::Malformed,
        CommitThen::Envelope429,
    ];
}

/// One step of `FaultConfig::script`, e.g. `{"kind": "fail", "status": 503}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ScriptedFault {
    /// Served normally.
    None,
    /// Refused with this status before touching state.
    Fail { status: u16 },
    /// Connection closed before processing: nothing is committed.
    Drop,
    /// Processed and committed, then the answer is lost this way.
    CommitThen { mode: CommitThen },
}

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
    /// The next N matching requests are processed, then answered as `commitThen` says.
    pub commit_then_next: u32,
    pub commit_then: CommitThen,
    pub hang_ms: u64,
    /// Restricts the `*Next` faults and the script to one route (`"POST /orders/json"` or
    /// `"/orders/json"`).
    pub route: Option<String>,
    /// One entry per matching request, in order; while it is not empty it decides alone
    /// (counters and `errorRates` wait until it runs out).
    pub script: Vec<ScriptedFault>,
    /// Serves one operation under another path and renames one reply field (see
    /// [`crate::drift`]); for testing how the app spots an API that left the contract.
    pub drift: Option<Drift>,
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
            commit_then_next: 0,
            commit_then: CommitThen::Timeout,
            hang_ms: 30_000,
            route: None,
            script: Vec::new(),
            drift: None,
        }
    }
}

/// The fault chosen for one request.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    Fail(u16),
    Drop,
    /// The answer is replaced; `hang_ms` is only used by `CommitThen::Timeout`.
    CommitThen { mode: CommitThen, hang_ms: u64 },
}

pub fn route_matches(pattern: &str, method: &str, path: &str) -> bool {
    let pattern = pattern.trim();
    pattern == "*"
        || pattern == path
        || pattern.split_once(' ').is_some_and(|(m, p)| m.eq_ignore_ascii_case(method) && p.trim() == path)
}

fn take(counter: &mut u32) -> bool {
    let hit = *counter > 0;
    if hit {
        *counter -= 1;
    }
    hit
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
        let hang_ms = c.hang_ms;
        let commit_then = move |mode| Some(Fault::CommitThen { mode, hang_ms });
        if targeted && !c.script.is_empty() {
            return match c.script.remove(0) {
                ScriptedFault::None => None,
                ScriptedFault::Fail { status } => Some(Fault::Fail(status)),
                ScriptedFault::Drop => Some(Fault::Drop),
                ScriptedFault::CommitThen { mode } => commit_then(mode),
            };
        }
        if targeted {
            if take(&mut c.drop_next) {
                return Some(Fault::Drop);
            }
            if take(&mut c.fail_next) {
                return Some(Fault::Fail(c.error_status));
            }
            if take(&mut c.commit_then_timeout_next) {
                return commit_then(CommitThen::Timeout);
            }
            if take(&mut c.commit_then_next) {
                return commit_then(c.commit_then);
            }
            if take(&mut c.malformed_next) {
                return commit_then(CommitThen::Malformed);
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_shape_of_the_new_fields() {
        let c: FaultConfig = serde_json::from_value(json!({
            "commitThenNext": 2, "commitThen": "envelope429",
            "script": [{"kind": "none"}, {"kind": "fail", "status": 503}, {"kind": "drop"},
                {"kind": "commitThen", "mode": "html502"}]
        }))
        .unwrap();
        assert_eq!((c.commit_then_next, c.commit_then), (2, CommitThen::Envelope429));
        assert_eq!(c.script[3], ScriptedFault::CommitThen { mode: CommitThen::Html502 });
        let names: Vec<_> = CommitThen::ALL.iter().map(|m| serde_json::to_value(m).unwrap()).collect();
        assert_eq!(names, ["timeout", "reset", "html502", "gateway504", "malformed", "envelope429"]);
    }

    #[test]
    fn the_script_goes_first_and_only_on_its_route() {
        let config = FaultConfig {
            route: Some("POST /users".into()),
            fail_next: 1,
            script: vec![ScriptedFault::None, ScriptedFault::Drop],
            ..Default::default()
        };
        let mut f = Faults::new(config, 1);
        assert_eq!(f.pick("GET", "/users"), None, "another route consumes nothing");
        assert_eq!(f.pick("POST", "/users"), None);
        assert_eq!(f.pick("POST", "/users"), Some(Fault::Drop));
        assert_eq!(f.pick("POST", "/users"), Some(Fault::Fail(500)), "then the counters");
        assert_eq!(f.pick("POST", "/users"), None);
    }
}
