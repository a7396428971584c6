//! Exactly-once money: a paid order whose change is committed while its answer is lost, seen
//! through a plain HTTP client so the raw reply (or its absence) is visible.

mod common;

use std::time::{Duration, Instant};

use cmr_sandbox::{CommitThen, FaultConfig};
use common::*;
use serde_json::{json, Value};

const ROUTE: &str = "POST /orders/json";

/// What came back on the wire: nothing, or a status, a content type and the raw text.
type Raw = Result<(u16, String, String), reqwest::Error>;

fn order(domain: &str) -> Value {
    json!({"domains": [{"domain": domain, "years": 1}],
        "mailboxes": {domain: [{"username": "a", "firstName": "A", "lastName": "B"}]}, "confirm": true})
}

/// A fresh connection per request, so a dropped one never affects the next call.
fn plain_client() -> reqwest::Client {
    reqwest::Client::builder().pool_max_idle_per_host(0).timeout(Duration::from_secs(5)).build().unwrap()
}

async fn place(bed: &Bed, http: &reqwest::Client, domain: &str) -> Raw {
    let url = format!("{}/orders/json?userId={USER}", bed.sb.base_url());
    let resp = http.post(url).header("cmr-x-api-key", &bed.key).json(&order(domain)).send().await?;
    let status = resp.status().as_u16();
    let ct = resp.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    Ok((status, ct, resp.text().await?))
}

/// Orders for `domain` and the wallet charges that reference them.
fn committed(bed: &Bed, domain: &str) -> (usize, usize, i64) {
    bed.sb.with_state(|s| {
        let ids: Vec<&String> = s.orders.values().filter(|o| o.domains.iter().any(|d| d.name == domain)).map(|o| &o.id).collect();
        let charges = s.transactions.iter().filter(|t| t.reference.as_ref().is_some_and(|r| ids.contains(&r))).count();
        let amount = s.orders.values().filter(|o| ids.contains(&&o.id)).map(|o| o.amount_cents).sum();
        (ids.len(), charges, amount)
    })
}

fn assert_outcome(mode: CommitThen, raw: &Raw, elapsed: Duration) {
    match (mode, raw) {
        (CommitThen::Timeout, Err(e)) => {
            assert!(!e.is_timeout(), "the server closes after hangMs, before the client gives up: {e}");
            assert!(elapsed >= Duration::from_millis(200), "closed after {elapsed:?}");
        }
        (CommitThen::Reset, Err(e)) => assert!(elapsed < Duration::from_secs(2), "reset at once, not {elapsed:?}: {e}"),
        (CommitThen::Html502, Ok((502, ct, body))) => {
            assert!(ct.starts_with("text/html") && body.contains("<h1>502 Bad Gateway</h1>"), "{ct} {body}")
        }
        (CommitThen::Gateway504, Ok((504, ct, body))) => assert!(ct.starts_with("text/html") && body.contains("504"), "{ct} {body}"),
        (CommitThen::Malformed, Ok((200, _, body))) => assert!(serde_json::from_str::<Value>(body).is_err(), "{body}"),
        (CommitThen::Envelope429, Ok((200, ct, body))) => {
            assert!(ct.starts_with("application/json"), "{ct}");
            let v: Value = serde_json::from_str(body).unwrap();
            assert_eq!(v, json!({"status": 429, "message": "Too many requests, please slow down", "data": null}));
        }
        (mode, raw) => panic!("{mode:?}: unexpected reply {raw:?}"),
    }
}

#[tokio::test]
async fn every_commit_then_mode_loses_the_answer_but_charges_exactly_once() {
    let bed = start().await;
    let http = plain_client();
    for mode in CommitThen::ALL {
        let domain = format!("fresh-commit-{}.com", serde_json::to_value(mode).unwrap().as_str().unwrap());
        let before = bed.wallet_cents();
        bed.sb.set_faults(FaultConfig { commit_then_next: 1, commit_then: mode, hang_ms: 200, route: Some(ROUTE.into()), ..Default::default() });
        let t = Instant::now();
        let raw = place(&bed, &http, &domain).await;
        assert_outcome(mode, &raw, t.elapsed());
        let (orders, charges, amount) = committed(&bed, &domain);
        assert_eq!((orders, charges), (1, 1), "{mode:?}: one order, one charge");
        assert!(amount > 0 && before - bed.wallet_cents() == amount, "{mode:?}: the wallet paid {amount} once");
        assert_eq!(bed.sb.faults_remaining().commit_then_next, 0, "{mode:?}: the counter is consumed");
    }
    let (status, _, _) = place(&bed, &http, "fresh-commit-after.com").await.expect("the server keeps serving");
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_script_plays_its_outcomes_in_order_on_its_route_only() {
    let bed = start().await;
    let http = plain_client();
    let script = json!([{"kind": "fail", "status": 503}, {"kind": "drop"}, {"kind": "commitThen", "mode": "reset"}, {"kind": "none"}]);
    let set = bed.admin("PUT", "/faults", Some(json!({"route": ROUTE, "script": script}))).await;
    assert_eq!(set.status, 200);
    assert_eq!(bed.get("/wallet").await.status, 200, "another route consumes nothing");
    let before = bed.wallet_cents();
    let domains = ["fresh-script-0.com", "fresh-script-1.com", "fresh-script-2.com", "fresh-script-3.com"];

    let first = place(&bed, &http, domains[0]).await.expect("a refusal is an answer");
    assert_eq!(first.0, 503);
    assert!(place(&bed, &http, domains[1]).await.is_err(), "dropped before processing");
    let left = bed.admin("GET", "/faults", None).await.body["data"]["script"].clone();
    assert_eq!(left, json!([{"kind": "commitThen", "mode": "reset"}, {"kind": "none"}]));
    assert!(place(&bed, &http, domains[2]).await.is_err(), "committed, then reset");
    assert_eq!(place(&bed, &http, domains[3]).await.expect("served").0, 200);
    assert!(bed.sb.faults_remaining().script.is_empty());

    let seen: Vec<_> = domains.iter().map(|d| committed(&bed, d)).collect();
    assert_eq!(seen.iter().map(|(o, c, _)| (*o, *c)).collect::<Vec<_>>(), [(0, 0), (0, 0), (1, 1), (1, 1)]);
    assert_eq!(before - bed.wallet_cents(), seen[2].2 + seen[3].2, "exactly two orders were paid");
}
