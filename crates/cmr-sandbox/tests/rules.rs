//! Business rules over plain HTTP: auth, userId, pagination, users, wallet, DNS, renewals.

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn api_key_user_id_and_envelope_rules() {
    let bed = start().await;
    let url = format!("{}/wallet", bed.sb.base_url());
    let none = bed.raw("GET", &url, None, None).await;
    assert_eq!((none.status, none.body["message"].as_str()), (401, Some("Invalid API Key")));
    assert!(none.body["data"].is_null());
    assert_eq!(bed.raw("GET", &url, None, Some("wrong")).await.status, 401);
    let in_query = bed.raw("GET", &format!("{url}?cmr-x-api-key={}", bed.key), None, None).await;
    assert_eq!(in_query.status, 200);

    let missing = bed.get("/users").await;
    assert_eq!((missing.status, missing.body["message"].as_str()), (400, Some("Please provide a userId")));
    let unknown = bed.get("/users?userId=NOPE").await;
    assert_eq!((unknown.status, unknown.body["message"].as_str()), (404, Some("The requested user does not exist.")));
    // Operations that document no 404 answer the same message with 422.
    let unknown_dns = bed.get("/dns?userId=NOPE&domain=x.com").await;
    assert_eq!((unknown_dns.status, unknown_dns.body["message"].as_str()), (422, Some("The requested user does not exist.")));
    // A wrong userId on domains/by-user is an empty list (documented).
    let empty = bed.get("/domains/by-user?userId=NOPE").await;
    assert_eq!(empty.status, 200);
    assert_eq!(empty.body["data"]["domains"], json!([]));

    let page = bed.get("/users/list?page=2&limit=2").await;
    assert_eq!(page.body["data"]["users"].as_array().unwrap().len(), 2);
    assert_eq!(page.body["data"]["pagination"], json!({"totalSearchedCount": 5, "currentPage": 2, "nextPage": 3, "totalPages": 3}));
    assert_eq!(bed.get("/users/list?limit=101").await.status, 400);
    assert_eq!(bed.get("/users/list?page=0").await.status, 400);
    assert_eq!(bed.get("/no/such/route").await.status, 404);
}

#[tokio::test]
async fn user_fields_and_delete_rules() {
    let bed = start().await;
    let created = bed.post("/users", new_user_body("new@client.example")).await;
    assert_eq!(created.status, 200, "{:?}", created.body);
    let id = created.body["data"]["userId"].as_str().unwrap().to_string();
    assert_eq!(created.body["data"]["id"].as_str(), Some(id.as_str()));
    let user = bed.get(&format!("/users?userId={id}")).await.body["data"].clone();
    assert_eq!(user["lastName"], "O'Neil", "HTML entities are decoded");
    assert_eq!(user["company"], "Acme & Sons (EU)");

    let mut missing = new_user_body("x@y.example");
    missing.as_object_mut().unwrap().remove("phone");
    assert_eq!(bed.post("/users", missing).await.status, 400);
    let mut bad = new_user_body("z@y.example");
    bad["city"] = json!("<script>");
    assert_eq!(bed.post("/users", bad).await.status, 422);
    let mut bad_email = new_user_body("not-an-email");
    bad_email["email"] = json!("not-an-email");
    assert_eq!(bed.post("/users", bad_email).await.status, 422);
    assert_eq!(bed.post("/users", new_user_body("new@client.example")).await.status, 422, "duplicate email");

    let upd = bed.put(&format!("/users?userId={id}"), json!({"city": "San Francisco"})).await;
    assert_eq!((upd.status, upd.body["data"]["city"].as_str()), (200, Some("San Francisco")));
    assert_eq!(upd.body["data"]["phone"], "2125551234", "partial update keeps other fields");
    assert_eq!(bed.put(&format!("/users?userId={id}"), json!({"state": "N@Y"})).await.status, 422);

    // A customer holding domains and mailboxes cannot be deleted; the counts are in `data`.
    let refused = bed.delete(&format!("/users?userId={USER}"), None).await;
    assert_eq!(refused.status, 422);
    let (domains, mailboxes) = bed.sb.with_state(|s| {
        (s.domains.values().filter(|d| d.user_id == USER).count(), s.mailboxes.values().filter(|m| m.user_id == USER).count())
    });
    assert!(domains > 0 && mailboxes > 0);
    assert_eq!(refused.body["data"], json!({"domainCount": domains, "mailboxCount": mailboxes}));
    let deleted = bed.delete(&format!("/users?userId={id}"), None).await;
    assert_eq!((deleted.status, deleted.body["message"].as_str()), (200, Some("User successfully deleted")));
    assert_eq!(bed.get(&format!("/users?userId={id}")).await.status, 404);
}

#[tokio::test]
async fn wallet_pays_and_refuses_when_short() {
    let bed = start().await;
    let before = bed.wallet_cents();
    let mailbox = bed.sb.with_state(|s| {
        s.mailboxes.values().find(|m| m.user_id == USER && m.status.as_str() == "ACTIVE").unwrap().id.clone()
    });
    let ok = bed.post(&format!("/placement?userId={USER}"), json!({"mailboxIds": [mailbox], "aiInsight": true})).await;
    assert_eq!(ok.status, 200);
    assert_eq!(bed.wallet_cents(), before - 50 - 200);

    bed.sb.set_wallet_cents(10);
    let poor = bed.post(&format!("/placement?userId={USER}"), json!({"mailboxIds": [mailbox]})).await;
    assert_eq!((poor.status, poor.body["message"].as_str()), (402, Some("Insufficient wallet balance to run placement test")));
    let order = json!({"domains": [{"domain": "fresh-poor-partner.com", "years": 1}],
        "mailboxes": {"fresh-poor-partner.com": [{"username": "a", "firstName": "A", "lastName": "B"}]},
        "billingCycle": "MONTHLY", "confirm": true});
    let refused = bed.post(&format!("/orders/json?userId={USER}"), order).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body["message"].as_str().unwrap().contains("Insufficient wallet balance"));
    assert_eq!(bed.wallet_cents(), 10);
    let w = bed.get("/wallet").await;
    assert_eq!(w.body["data"]["walletBalance"], json!(0.1));
}

#[tokio::test]
async fn dns_records_dmarc_completion_and_validation() {
    let bed = start().await;
    let (domain, user) = bed.domain_in("ACTIVE");
    let q = format!("/dns?userId={user}");
    let before = bed.get(&format!("{q}&domain={domain}")).await.body["data"].as_array().unwrap().clone();
    let dmarc = before.iter().find(|r| r["host"] == "_dmarc").unwrap();
    assert!(dmarc["value"].as_str().unwrap().contains("adkim=r"));

    // Replace the DMARC record: defaults are appended unless excluded; the id stays.
    let id = dmarc["recordId"].as_str().unwrap();
    let upd = bed.put(&q, json!({"recordId": id, "domain": domain, "host": "_dmarc", "recordType": "TXT",
        "value": "v=DMARC1; p=quarantine", "excludedDMARCtags": ["rua", "ruf"]})).await;
    assert_eq!(upd.status, 200, "{:?}", upd.body);
    assert!(upd.body["actionId"].as_str().unwrap().starts_with("ACT_"));
    let after = bed.get(&format!("{q}&domain={domain}")).await.body["data"].as_array().unwrap().clone();
    let v = after.iter().find(|r| r["recordId"] == id).unwrap()["value"].as_str().unwrap().to_string();
    assert_eq!(v, "v=DMARC1; p=quarantine; fo=0; rf=afrf; ri=604800; pct=100; sp=reject; aspf=r; adkim=r");

    let add = bed.post(&q, json!({"domain": domain, "records": [
        {"host": "www", "value": "203.0.113.7", "recordType": "A"},
        {"host": "mail2", "value": "mx.example.net", "recordType": "MX", "priority": "20"}]})).await;
    assert_eq!(add.status, 200, "{:?}", add.body);
    let new_ids: Vec<String> = add.body["data"]["records"].as_array().unwrap().iter().map(|r| r["recordId"].as_str().unwrap().to_string()).collect();
    assert_eq!(new_ids.len(), 2);

    let non_dmarc = bed.post(&q, json!({"domain": domain, "records": [
        {"host": "@", "value": "v=spf1 -all", "recordType": "TXT", "excludedDMARCtags": ["rua"]}]})).await;
    assert_eq!(non_dmarc.status, 400);
    for bad in [json!({"host": "x", "value": "999.1.1.1", "recordType": "A"}),
                json!({"host": "x", "value": "not a host", "recordType": "CNAME"}),
                json!({"host": "_dmarc2", "value": "hello", "recordType": "MX", "priority": "abc"}),
                json!({"host": "www", "value": "203.0.113.7", "recordType": "A"})] {
        let r = bed.post(&q, json!({"domain": domain, "records": [bad]})).await;
        assert_eq!(r.status, 422, "{:?}", r.body);
    }
    let second_dmarc = bed.post(&q, json!({"domain": domain, "records": [{"host": "_dmarc", "value": "v=DMARC1; p=none", "recordType": "TXT"}]})).await;
    assert_eq!(second_dmarc.status, 422);

    let del = bed.delete(&q, Some(json!({"domain": domain, "recordIds": new_ids}))).await;
    assert_eq!(del.status, 200);
    assert_eq!(bed.get(&format!("{q}&domain={domain}")).await.body["data"].as_array().unwrap().len(), before.len());
    assert_eq!(bed.delete(&q, Some(json!({"domain": domain, "recordIds": ["GONE"]}))).await.status, 422);
    bed.advance(10);
    let changes = bed.events("dns-record.updated");
    assert_eq!(changes.len(), 5, "one per record change");
}

#[tokio::test]
async fn domain_renewal_window_grace_and_expiry() {
    let bed = start().await;
    let (far, far_user) = bed.sb.with_state(|s| {
        let d = s.domains.values().find(|d| d.status.as_str() == "ACTIVE" && d.expire_on - s.now > 100 * 86_400_000).unwrap();
        (d.name.clone(), d.user_id.clone())
    });
    let r = bed.post("/domains/renew", json!({"userId": far_user, "domains": [far]})).await;
    assert_eq!(r.status, 422, "outside the 45-day window");

    let (near, near_user, exp) = bed.sb.with_state(|s| {
        let d = s.domains.values().find(|d| d.status.as_str() == "ACTIVE" && d.expire_on - s.now < 45 * 86_400_000 && d.expire_on > s.now).unwrap();
        (d.name.clone(), d.user_id.clone(), d.expire_on)
    });
    let price = bed.post("/domains/renewal-price", json!({"userId": near_user, "domains": [near]})).await;
    assert!(price.body["data"][0]["renewalPrice"].is_string());
    let before = bed.wallet_cents();
    let r = bed.post("/domains/renew", json!({"userId": near_user, "domains": [near]})).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert!(bed.wallet_cents() < before);
    assert_eq!(bed.sb.with_state(|s| s.domain_by_name(&near).unwrap().status.as_str()), "RENEWING");
    bed.advance(30);
    let (status, new_exp) = bed.sb.with_state(|s| { let d = s.domain_by_name(&near).unwrap(); (d.status.as_str(), d.expire_on) });
    assert_eq!(status, "ACTIVE");
    assert!(new_exp - exp >= 365 * 86_400_000);
    assert!(bed.events("domain.renewal.success").iter().any(|e| e["data"]["domainName"] == near.as_str()));

    // A domain left alone: GRACE_PERIOD at expiry, EXPIRED after the end of the UTC day +7 days.
    let (lapsing, user) = bed.sb.with_state(|s| {
        let d = s.domains.values().find(|d| d.status.as_str() == "ACTIVE" && !d.auto_renew && d.expire_on - s.now < 60 * 86_400_000 && d.expire_on > s.now).unwrap();
        (d.name.clone(), d.user_id.clone())
    });
    let days_left = bed.sb.with_state(|s| (s.domain_by_name(&lapsing).unwrap().expire_on - s.now) / 86_400_000 + 1);
    bed.advance(days_left as u64 * 86_400);
    assert_eq!(bed.sb.with_state(|s| s.domain_by_name(&lapsing).unwrap().status.as_str()), "GRACE_PERIOD");
    assert!(bed.events("domain.grace_period").iter().any(|e| e["data"]["domainName"] == lapsing.as_str()));
    let ok_in_grace = bed.post("/domains/renewal-price", json!({"userId": user, "domains": [lapsing]})).await;
    assert_eq!(ok_in_grace.status, 200);
    bed.advance(9 * 86_400);
    assert_eq!(bed.sb.with_state(|s| s.domain_by_name(&lapsing).unwrap().status.as_str()), "EXPIRED");
    assert!(bed.events("domain.expired").iter().any(|e| e["data"]["domainName"] == lapsing.as_str()));
    let late = bed.post("/domains/renew", json!({"userId": user, "domains": [lapsing]})).await;
    assert_eq!(late.status, 422);
}

#[tokio::test]
async fn auto_renew_toggle_renews_a_domain_in_grace() {
    let bed = start().await;
    let (name, user) = bed.domain_in("GRACE_PERIOD");
    let off = bed.patch("/domains/toggle-auto-renew", json!({"userId": user, "domains": [name], "autoRenew": false})).await;
    assert_eq!(off.body["message"], "Auto-renew toggled off for 1 domain.");
    let on = bed.patch("/domains/toggle-auto-renew", json!({"userId": user, "domains": [name], "autoRenew": true})).await;
    assert_eq!((on.status, on.body["data"][0]["autoRenew"].as_bool()), (200, Some(true)));
    bed.advance(30);
    assert_eq!(bed.sb.with_state(|s| s.domain_by_name(&name).unwrap().status.as_str()), "ACTIVE");
}

#[tokio::test]
async fn every_documented_operation_is_served_and_answers_in_the_envelope() {
    let bed = start().await;
    let spec = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../cmr-client/openapi.yaml")).unwrap();
    let mut count = 0;
    for op in cmr_sandbox::ops::OPS {
        assert!(spec.contains(&format!("operationId: {}", op.id)), "{} is in the contract", op.id);
        let body = if op.method == "GET" { None } else { Some(json!({})) };
        let r = bed.call(op.method, op.path, body).await;
        assert_ne!(r.status, 405, "{} {}", op.method, op.path);
        assert_ne!(r.body["message"], "No such route", "{} {}", op.method, op.path);
        assert!(op.codes.contains(&r.status), "{} answered {} which it does not document", op.id, r.status);
        assert!(r.body["status"].as_u64() == Some(r.status as u64) && r.body["message"].is_string(), "{}: {:?}", op.id, r.body);
        count += 1;
    }
    assert_eq!(count, spec.matches("operationId: ").count() - spec.matches("operationId: webhook_").count());
}
