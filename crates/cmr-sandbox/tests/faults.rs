//! Faults on demand, the rate limit, clock control, seed determinism and the large world.

mod common;

use std::time::{Duration, Instant};

use cmr_sandbox::{FaultConfig, World};
use common::*;
use serde_json::json;

#[tokio::test]
async fn fail_next_error_rate_and_latency() {
    let bed = start().await;
    let set = bed.admin("PUT", "/faults", Some(json!({"failNext": 2, "errorStatus": 503, "route": "GET /wallet"}))).await;
    assert_eq!(set.status, 200);
    assert_eq!(bed.get("/geo/countries").await.status, 200, "other routes are untouched");
    assert_eq!(bed.get("/wallet").await.status, 503);
    assert_eq!(bed.get("/wallet").await.status, 503);
    assert_eq!(bed.get("/wallet").await.status, 200);

    bed.sb.set_faults(FaultConfig { error_rates: [("/geo/countries".to_string(), 1.0)].into(), ..Default::default() });
    assert_eq!(bed.get("/geo/countries").await.status, 500);
    bed.sb.set_faults(FaultConfig { latency_ms: 300, ..Default::default() });
    let t = Instant::now();
    assert_eq!(bed.get("/geo/countries").await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(bed.admin("DELETE", "/faults", None).await.status, 200);
    assert_eq!(bed.admin("GET", "/faults", None).await.body["data"]["latencyMs"], 0);
    let url = format!("{}/faults", bed.sb.admin_url());
    assert_eq!(bed.raw("GET", &url, None, Some("wrong")).await.status, 401, "admin routes need the key");
}

#[tokio::test]
async fn dropped_connection_and_malformed_body() {
    let bed = start().await;
    bed.sb.set_faults(FaultConfig { drop_next: 1, ..Default::default() });
    let err = bed.http.get(format!("{}/wallet", bed.sb.base_url())).header("cmr-x-api-key", &bed.key).send().await;
    assert!(err.is_err(), "the connection closes without a response");
    assert_eq!(bed.get("/wallet").await.status, 200, "the server keeps serving");

    bed.sb.set_faults(FaultConfig { malformed_next: 1, ..Default::default() });
    let r = bed.get("/wallet").await;
    assert_eq!(r.status, 200);
    assert!(r.body.is_string(), "body is not valid JSON: {:?}", r.body);
}

#[tokio::test]
async fn commit_then_timeout_applies_the_change_but_never_answers() {
    let bed = start().await;
    bed.sb.set_faults(FaultConfig { commit_then_timeout_next: 1, hang_ms: 5_000, ..Default::default() });
    let quick = reqwest::Client::builder().timeout(Duration::from_millis(500)).build().unwrap();
    let res = quick
        .post(format!("{}/users", bed.sb.base_url()))
        .header("cmr-x-api-key", &bed.key)
        .json(&new_user_body("ghost@client.example"))
        .send()
        .await;
    assert!(res.unwrap_err().is_timeout());
    let found = bed.get("/users/list?search=ghost@client").await;
    assert_eq!(found.body["data"]["users"].as_array().unwrap().len(), 1, "the user was created anyway");
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let bed = start_with(World::Empty, |c| c.requests_per_second = Some(5)).await;
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let r = bed.get("/geo/countries").await;
        statuses.push(r.status);
        if r.status == 429 {
            assert_eq!(r.retry_after.as_deref(), Some("1"));
            assert_eq!(r.body["message"], "Rate limit exceeded");
        }
    }
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 5, "{statuses:?}");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(bed.get("/geo/countries").await.status, 200);
    bed.sb.set_rate_limit(None);
    for _ in 0..20 {
        assert_eq!(bed.get("/geo/countries").await.status, 200);
    }
}

#[tokio::test]
async fn clock_admin_routes_and_events_log() {
    let bed = start().await;
    let c = bed.admin("GET", "/clock", None).await;
    assert_eq!(c.body["data"]["clock"]["mode"], "manual");
    assert_eq!(c.body["data"]["nowIso"], "2026-01-01T00:00:00.000Z");
    let a = bed.admin("POST", "/clock/advance", Some(json!({"seconds": 120}))).await;
    assert_eq!(a.body["data"]["nowIso"], "2026-01-01T00:02:00.000Z");
    let ev = bed.admin("GET", "/events?event=domain.order.success", None).await;
    assert_eq!(ev.body["data"]["events"].as_array().unwrap().len(), 2, "the demo's two in-flight registrations");
    let e = &ev.body["data"]["events"][0];
    assert!(e["eventId"].as_str().unwrap().len() == 28 && e["actionId"].as_str().unwrap().starts_with("ACT_"));
    let since = ev.body["data"]["lastSeq"].as_u64().unwrap();
    assert!(bed.admin("GET", &format!("/events?since={since}"), None).await.body["data"]["events"].as_array().unwrap().is_empty());
    let st = bed.admin("GET", "/state", None).await;
    assert_eq!(st.body["data"]["counts"]["users"], 5);
    assert_eq!(bed.admin("POST", "/clock/mode", Some(json!({"mode": "fast", "factor": 1000}))).await.status, 200);
    let r = bed.admin("POST", "/reset", Some(json!({"world": "empty"}))).await;
    assert_eq!(r.status, 200);
    assert_eq!(bed.admin("GET", "/state", None).await.body["data"]["counts"]["users"], 0);
}

#[tokio::test]
async fn fast_clock_finishes_an_order_within_seconds() {
    let bed = start_with(World::Empty, |c| c.clock = cmr_sandbox::ClockMode::Fast { factor: 50.0 }).await;
    let u = bed.post("/users", new_user_body("fast@client.example")).await.body["data"]["userId"].as_str().unwrap().to_string();
    let order = json!({"domains": [{"domain": "fresh-fast-lane.com", "years": 1}],
        "mailboxes": {"fresh-fast-lane.com": [{"username": "a", "firstName": "A", "lastName": "B"}]}, "confirm": true});
    assert_eq!(bed.post(&format!("/orders/json?userId={u}"), order).await.status, 200);
    let t = Instant::now();
    loop {
        let m = bed.get(&format!("/mailboxes/single?userId={u}")).await;
        if m.body["data"]["mailboxes"][0]["status"] == "ACTIVE" {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(5), "order did not finish in time");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_demo_world_is_identical_for_the_same_seed() {
    let a = start().await;
    let b = start().await;
    let dump = |bed: &Bed| bed.sb.with_state(|s| serde_json::to_string(&(&s.users, &s.domains, &s.mailboxes, &s.subscriptions)).unwrap());
    assert_eq!(dump(&a), dump(&b));
    let (domains, mailboxes, statuses) = a.sb.with_state(|s| {
        let mut st: Vec<&str> = s.domains.values().map(|d| d.status.as_str()).collect();
        st.sort();
        st.dedup();
        (s.domains.len(), s.mailboxes.len(), st.join(","))
    });
    assert_eq!(domains, 25);
    assert!((100..=130).contains(&mailboxes), "{mailboxes}");
    assert_eq!(statuses, "ACTIVE,EXPIRED,GRACE_PERIOD,INACTIVE,PENDING,RENEWING,TRANSFERRED");
    let c = start_with(World::Demo, |c| c.seed = 9).await;
    assert_ne!(dump(&a), dump(&c));
}

#[tokio::test]
async fn large_world_builds_and_pages_quickly() {
    let t = Instant::now();
    let bed = start_with(World::Large { mailboxes: 50_000, domains: 10_000 }, |_| {}).await;
    let built = t.elapsed();
    let (m, d) = bed.sb.with_state(|s| (s.mailboxes.len(), s.domains.len()));
    assert_eq!((m, d), (50_000, 10_000));
    let t = Instant::now();
    let page = bed.get("/mailboxes?page=250&limit=100").await;
    assert_eq!(page.body["data"]["mailboxes"].as_array().unwrap().len(), 100);
    assert_eq!(page.body["data"]["pagination"]["totalPages"], 500);
    assert!(t.elapsed() < Duration::from_secs(2), "paging took {:?}", t.elapsed());
    assert!(built < Duration::from_secs(30), "building took {built:?}");
}
