//! Admin routes under `/__admin` (same API key): webhook log, clock, faults, rate limit,
//! wallet, DNS publishing, state dump and reset. Not part of the CMR API.

use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use serde_json::{json, Value};

use crate::clock::ClockMode;
use crate::envelope::{error_response, ok, ApiError, ApiResult, JsonBody, Params};
use crate::faults::FaultConfig;
use crate::server::{AppState, World};
use crate::time::iso;

async fn require_key(State(s): State<AppState>, req: Request, next: Next) -> Response {
    if s.accepted_key(crate::ADMIN_PREFIX, req.headers(), req.uri().query()).is_some() {
        next.run(req).await
    } else {
        error_response(401, "Invalid API Key")
    }
}

pub fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/events", get(events).delete(clear_events))
        .route("/clock", get(clock))
        .route("/clock/advance", post(advance))
        .route("/clock/mode", post(clock_mode))
        .route("/faults", get(get_faults).put(set_faults).delete(clear_faults))
        .route("/rate-limit", put(rate_limit))
        .route("/wallet", put(wallet))
        .route("/dns/publishing", get(dns_publishing).put(set_dns_publishing))
        .route("/state", get(state_dump))
        .route("/reset", post(reset))
        .route("/calls", get(calls).delete(clear_calls))
        .layer(middleware::from_fn_with_state(state, require_key))
}

/// `?since=SEQ` returns events after that sequence number; `?event=NAME` filters by name.
async fn events(State(s): State<AppState>, p: Params) -> ApiResult {
    let since: u64 = p.get("since").and_then(|v| v.parse().ok()).unwrap_or(0);
    let name = p.get("event");
    let sim = s.sim();
    let rows: Vec<_> = sim.events.iter().filter(|e| e.seq > since && name.is_none_or(|n| e.event == n)).collect();
    ok("Events fetched", json!({"events": rows, "lastSeq": sim.events.len()}))
}

async fn clear_events(State(s): State<AppState>) -> ApiResult {
    s.sim().events.clear();
    ok("Events cleared", Value::Null)
}

/// Calls answered per route since the last clear: `{"GET /orders/status": 4, …}`.
async fn calls(State(s): State<AppState>) -> ApiResult {
    let counts = s.calls.lock().unwrap_or_else(|e| e.into_inner()).clone();
    ok("Calls counted", json!(counts))
}

async fn clear_calls(State(s): State<AppState>) -> ApiResult {
    s.calls.lock().unwrap_or_else(|e| e.into_inner()).clear();
    ok("Call counts cleared", Value::Null)
}

fn clock_json(s: &AppState) -> Value {
    let sim = s.sim();
    let mode = match s.clock.mode() {
        ClockMode::Real => json!({"mode": "real"}),
        ClockMode::Fast { factor } => json!({"mode": "fast", "factor": factor}),
        ClockMode::Manual => json!({"mode": "manual"}),
    };
    json!({"now": sim.now, "nowIso": iso(sim.now), "clock": mode, "pendingJobs": sim.pending_jobs(),
        "nextJobDue": sim.next_job_due().map(iso)})
}

async fn clock(State(s): State<AppState>) -> ApiResult {
    ok("Clock", clock_json(&s))
}

/// Body `{"seconds": 90}` (fractions allowed) or `{"ms": 90000}`.
async fn advance(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let ms = body
        .get("ms")
        .and_then(Value::as_i64)
        .or_else(|| body.get("seconds").and_then(Value::as_f64).map(|x| (x * 1000.0) as i64))
        .filter(|ms| *ms >= 0)
        .ok_or_else(|| ApiError::bad_request("Send {\"seconds\": N} or {\"ms\": N}"))?;
    let now = s.clock.advance(ms);
    s.sim().advance_to(now);
    ok("Clock advanced", clock_json(&s))
}

/// Body `{"mode": "manual" | "real" | "fast", "factor": 20}`.
async fn clock_mode(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let mode = match body.get("mode").and_then(Value::as_str) {
        Some("manual") => ClockMode::Manual,
        Some("real") => ClockMode::Real,
        Some("fast") => ClockMode::Fast { factor: body.get("factor").and_then(Value::as_f64).unwrap_or(20.0) },
        _ => return Err(ApiError::bad_request("mode must be manual, real or fast")),
    };
    drop(s.sim());
    s.clock.set_mode(mode);
    ok("Clock mode set", clock_json(&s))
}

async fn get_faults(State(s): State<AppState>) -> ApiResult {
    ok("Faults", json!(s.faults().config))
}

async fn set_faults(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let config: FaultConfig =
        serde_json::from_value(body).map_err(|e| ApiError::bad_request(format!("Invalid fault config: {e}")))?;
    s.faults().config = config.clone();
    ok("Faults set", json!(config))
}

async fn clear_faults(State(s): State<AppState>) -> ApiResult {
    s.faults().config = FaultConfig::default();
    ok("Faults cleared", json!(FaultConfig::default()))
}

/// Body `{"requestsPerSecond": 5}`; null or 0 turns the limit off.
async fn rate_limit(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let rps = body.get("requestsPerSecond").and_then(Value::as_u64).map(|r| r as u32);
    s.limiter().set(rps);
    ok("Rate limit set", json!({"requestsPerSecond": s.limiter().rps}))
}

/// Body `{"balanceCents": 500}` or `{"balance": 5.0}`, optionally `"autoRecharge": bool`.
async fn wallet(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let cents = body
        .get("balanceCents")
        .and_then(Value::as_i64)
        .or_else(|| body.get("balance").and_then(Value::as_f64).map(|d| (d * 100.0).round() as i64));
    let mut sim = s.sim();
    if let Some(c) = cents {
        sim.wallet_cents = c;
        sim.txn(0, "Balance set by the sandbox administrator", None);
    }
    if let Some(a) = body.get("autoRecharge").and_then(Value::as_bool) {
        sim.auto_recharge = a;
    }
    ok("Wallet updated", json!({"walletBalanceCents": sim.wallet_cents, "autoRecharge": sim.auto_recharge}))
}

async fn dns_publishing(State(s): State<AppState>) -> ApiResult {
    ok("DNS publishing", json!({"held": crate::dns_publish::is_held(&s)}))
}

/// Body `{"held": true}` keeps DNS changes at CMR only (the DNS server goes on serving what it
/// served); `{"held": false}` publishes every domain's current records at once.
async fn set_dns_publishing(State(s): State<AppState>, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let held = body.get("held").and_then(Value::as_bool).ok_or_else(|| ApiError::bad_request("Send {\"held\": true|false}"))?;
    crate::dns_publish::set_held(&s, held);
    ok(if held { "DNS publishing held" } else { "DNS publishing released" }, json!({"held": held}))
}

/// Counts by default; `?full=true` dumps every record (large worlds make this big).
async fn state_dump(State(s): State<AppState>, p: Params) -> ApiResult {
    let sim = s.sim();
    let mut v = json!({
        "now": iso(sim.now),
        "walletBalanceCents": sim.wallet_cents,
        "counts": {"users": sim.users.len(), "domains": sim.domains.len(), "mailboxes": sim.mailboxes.len(),
            "subscriptions": sim.subscriptions.len(), "orders": sim.orders.len(),
            "credentials": sim.credentials.len(), "prewarmInventory": sim.prewarm.len(),
            "placements": sim.placements.len(), "events": sim.events.len(), "pendingJobs": sim.pending_jobs(),
            "reportedErrors": sim.errors.len()},
    });
    if p.get("full") == Some("true") {
        v["users"] = json!(sim.users);
        v["domains"] = json!(sim.domains);
        v["mailboxes"] = json!(sim.mailboxes);
        v["subscriptions"] = json!(sim.subscriptions);
        v["orders"] = json!(sim.orders);
        v["credentials"] = json!(sim.credentials);
        v["placements"] = json!(sim.placements);
        v["transactions"] = json!(sim.transactions);
        v["reportedErrors"] = json!(sim.errors);
    }
    ok("State", v)
}

/// Body `{"world": "demo" | "empty" | {"large": {"mailboxes": N, "domains": M}}}`.
async fn reset(State(s): State<AppState>, raw: axum::body::Bytes) -> ApiResult {
    let body: Value = if raw.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        serde_json::from_slice(&raw).map_err(|e| ApiError::bad_request(format!("Invalid body: {e}")))?
    };
    let world = match body.get("world") {
        None => World::Demo,
        Some(Value::String(w)) if w == "demo" => World::Demo,
        Some(Value::String(w)) if w == "empty" => World::Empty,
        Some(Value::String(w)) if w == "big-account" => World::BigAccount,
        Some(v) => match v.get("large") {
            Some(l) => World::Large {
                mailboxes: l.get("mailboxes").and_then(Value::as_u64).unwrap_or(50_000) as usize,
                domains: l.get("domains").and_then(Value::as_u64).unwrap_or(10_000) as usize,
            },
            None => return Err(ApiError::bad_request("world must be demo, empty or {\"large\": {...}}")),
        },
    };
    let seed = body.get("seed").and_then(Value::as_u64).unwrap_or(s.seed);
    s.reset(&world, seed);
    ok("Sandbox reset", json!({"world": format!("{world:?}"), "seed": seed}))
}
