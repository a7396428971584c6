//! Where the rules come from: `--lenient` switches off exactly the assumed ones, the keys go
//! where CMR documents them, and PUT /dns refuses with the only error its page shows (422).

mod common;

use common::*;
use serde_json::json;

async fn strict_and_lenient() -> (Bed, Bed) {
    (start().await, start_with(cmr_sandbox::World::Demo, |c| c.lenient = true).await)
}

#[tokio::test]
async fn assumed_rules_are_off_when_lenient_documented_ones_stay() {
    let (strict, lenient) = strict_and_lenient().await;
    for bed in [&strict, &lenient] {
        let on = !bed.sb.with_state(|s| s.lenient);

        // user.phone-digits (assumed)
        let mut body = new_user_body(&format!("phone-{on}@client.example"));
        body["phone"] = json!("212-555");
        assert_eq!(bed.post("/users", body).await.status, if on { 422 } else { 200 });

        // mailbox.username-format and order.max-mailboxes (assumed)
        let boxes: Vec<_> = (0..101).map(|i| json!({"username": format!("Ann {i}"), "firstName": "Ann", "lastName": "Lee"})).collect();
        let order = json!({"domains": [{"domain": format!("fresh-lenient-{on}.com"), "years": 1}],
            "mailboxes": {format!("fresh-lenient-{on}.com"): boxes}, "confirm": false});
        assert_eq!(bed.post(&format!("/orders/json?userId={USER}"), order).await.status, if on { 422 } else { 200 });

        // dns.value-format (assumed)
        let (domain, user) = bed.domain_in("ACTIVE");
        let bad_ip = json!({"domain": domain, "records": [{"host": "x", "value": "999.1.1.1", "recordType": "A"}]});
        assert_eq!(bed.post(&format!("/dns?userId={user}"), bad_ip).await.status, if on { 422 } else { 200 });

        // mailbox.removal-cutoff (docs) stays on either way.
        let m = bed.sb.with_state(|s| {
            let m = s.mailboxes.values().find(|m| m.user_id == USER && m.status.as_str() == "ACTIVE").unwrap().clone();
            let sub = m.subscription_id.clone().unwrap();
            let now = s.now;
            s.subscriptions.get_mut(&sub).unwrap().period_end = now + 3_600_000;
            m.id
        });
        let r = bed.delete(&format!("/mailboxes/remove?userId={USER}"), Some(json!({"mailboxId": m}))).await;
        assert_eq!(r.status, 422, "documented: no removal within 24 h of expiry");

        // user.delete-empty (docs) stays on either way.
        assert_eq!(bed.delete(&format!("/users?userId={USER}"), None).await.status, 422);
    }
}

#[tokio::test]
async fn put_dns_refuses_with_422_only() {
    let bed = start().await;
    let (domain, user) = bed.domain_in("ACTIVE");
    let q = format!("/dns?userId={user}");
    let missing = bed.put(&q, json!({"domain": domain, "host": "x", "value": "1.2.3.4", "recordType": "A"})).await;
    assert_eq!((missing.status, missing.body["status"].as_u64()), (422, Some(422)), "{:?}", missing.body);
    let unknown = bed.put(&q, json!({"recordId": "NOPE", "domain": domain, "host": "x", "value": "1.2.3.4", "recordType": "A"})).await;
    assert_eq!(unknown.status, 422);
    let not_json = bed.put(&q, json!([])).await;
    assert_eq!(not_json.status, 422);
}

#[tokio::test]
async fn each_key_only_on_its_own_routes_and_header() {
    let bed = start().await;
    let base = bed.sb.base_url();
    let sandbox = format!("{base}/sandbox/pre-warmup");
    let main = format!("{base}/wallet");
    let (k, sk) = (bed.key.as_str(), bed.sandbox_key.as_str());
    let get = |url: String, headers: Vec<(&'static str, String)>| {
        let bed = &bed;
        async move {
            let h: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
            bed.raw_headers("GET", &url, None, &h).await.status
        }
    };
    assert_eq!(get(sandbox.clone(), vec![("cmr-x-sandbox-api-key", sk.into())]).await, 200);
    assert_eq!(get(sandbox.clone(), vec![("cmr-x-api-key", k.into())]).await, 401, "the partner key is not a sandbox key");
    assert_eq!(get(sandbox.clone(), vec![("cmr-x-sandbox-api-key", k.into())]).await, 401);
    assert_eq!(get(sandbox.clone(), vec![("cmr-x-api-key", sk.into())]).await, 401, "sandbox key in the wrong header");
    assert_eq!(get(sandbox.clone(), vec![]).await, 401);
    assert_eq!(get(format!("{sandbox}?cmr-x-api-key={k}"), vec![]).await, 401);
    assert_eq!(get(main.clone(), vec![("cmr-x-api-key", k.into())]).await, 200);
    assert_eq!(get(main.clone(), vec![("cmr-x-sandbox-api-key", sk.into())]).await, 401, "the sandbox key is not a partner key");
    assert_eq!(get(main.clone(), vec![("cmr-x-api-key", sk.into())]).await, 401);

    let none = start_with(cmr_sandbox::World::Empty, |c| c.sandbox_api_key = None).await;
    let url = format!("{}/sandbox/pre-warmup", none.sb.base_url());
    let r = none.raw_headers("GET", &url, None, &[("cmr-x-sandbox-api-key", ""), ("cmr-x-api-key", &none.key)]).await;
    assert_eq!(r.status, 401, "no sandbox key configured: nothing opens the sandbox routes");
}
