//! Asynchronous lifecycles on the simulated clock: orders, mailboxes, subscriptions,
//! pre-warmup, and the webhooks they record.

mod common;

use common::*;
use serde_json::{json, Value};

fn order_body(domains: &[&str], confirm: bool) -> Value {
    let mut mailboxes = serde_json::Map::new();
    for d in domains {
        mailboxes.insert(d.to_string(), json!([
            {"username": "alice", "firstName": "Alice", "lastName": "Johnson", "onWarmup": true},
            {"username": "bob", "firstName": "Bob", "lastName": "Smith"}]));
    }
    json!({"domains": domains.iter().map(|d| json!({"domain": d, "years": 1})).collect::<Vec<_>>(),
        "mailboxes": mailboxes, "billingCycle": "MONTHLY", "confirm": confirm, "serviceProvider": "GOOGLE",
        "autoRenew": true})
}

fn mailbox_statuses(bed: &Bed, domain: &str) -> Vec<String> {
    bed.sb.with_state(|s| s.mailboxes.values().filter(|m| m.domain == domain).map(|m| m.status.as_str().to_string()).collect())
}

#[tokio::test]
async fn order_confirm_true_moves_domain_then_mailboxes_on_the_clock() {
    let bed = start().await;
    let before = bed.wallet_cents();
    let r = bed.post(&format!("/orders/json?userId={USER}"), order_body(&["fresh-alpha-send.com", "taken-beta.com"], true)).await;
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["data"]["unavailableDomains"], json!(["taken-beta.com"]));
    let action = r.body["actionId"].as_str().unwrap().to_string();
    let order = r.body["data"]["orderId"].as_str().unwrap().to_string();
    // .com 12.00 + 2 mailboxes 3.00 + one warmup 1.00; the unavailable domain is not charged.
    assert_eq!(before - bed.wallet_cents(), 1200 + 600 + 100);
    let status = |bed: &Bed| bed.sb.with_state(|s| s.orders[&order].status);
    assert_eq!(status(&bed), "PROCESSING");
    assert_eq!(bed.sb.with_state(|s| s.domain_by_name("fresh-alpha-send.com").unwrap().status.as_str()), "PENDING");
    assert!(mailbox_statuses(&bed, "fresh-alpha-send.com").is_empty());

    bed.advance(21);
    assert_eq!(bed.sb.with_state(|s| s.domain_by_name("fresh-alpha-send.com").unwrap().status.as_str()), "ACTIVE");
    bed.advance(5);
    assert_eq!(mailbox_statuses(&bed, "fresh-alpha-send.com"), vec!["IN_PROGRESS", "IN_PROGRESS"]);
    bed.advance(15);
    assert_eq!(mailbox_statuses(&bed, "fresh-alpha-send.com"), vec!["CREATING_PASSWORD", "CREATING_PASSWORD"]);
    bed.advance(15);
    assert_eq!(mailbox_statuses(&bed, "fresh-alpha-send.com"), vec!["ACTIVE", "ACTIVE"]);
    assert_eq!(status(&bed), "PAID");
    let st = bed.get(&format!("/orders/status?userId={USER}&orderId={order}")).await;
    assert_eq!(st.body["data"]["status"], "PAID");

    let names: Vec<String> = bed.sb.events().iter().filter(|e| e.action_id.as_deref() == Some(action.as_str())).map(|e| e.event.clone()).collect();
    assert_eq!(names, ["domain.order.success", "mailbox.order.success", "mailbox.created", "mailbox.created"]);
    bed.advance(60);
    let warm = bed.events("mailbox.warmup.started");
    assert_eq!(warm.iter().filter(|e| e["data"]["domain"] == "fresh-alpha-send.com").count(), 1);
    let dns = bed.get(&format!("/dns?userId={USER}&domain=fresh-alpha-send.com")).await;
    assert!(dns.body["data"].as_array().unwrap().len() >= 4);
}

#[tokio::test]
async fn workspace_conflict_fails_the_domain_and_refunds() {
    let bed = start().await;
    let check = bed.post("/domains/has-workspace", json!({"domainName": "workspace-gamma.com", "serviceProvider": "GOOGLE"})).await;
    assert_eq!(check.status, 409);
    let free = bed.post("/domains/has-workspace", json!({"domainName": "fresh-gamma.com"})).await;
    assert_eq!((free.status, free.body["message"].as_str()), (200, Some("Workspace not exists")));
    let bulk = bed.post("/domains/has-workspace", json!({"domains": [{"domainName": "workspace-gamma.com"}, {"domainName": "fresh-gamma.com"}]})).await;
    assert_eq!(bulk.body["data"][0]["success"], false);
    assert_eq!(bulk.body["data"][1]["success"], true);

    let before = bed.wallet_cents();
    let r = bed.post(&format!("/orders/json?userId={USER}"), order_body(&["workspace-gamma.com", "fresh-delta.io"], true)).await;
    let order = r.body["data"]["orderId"].as_str().unwrap().to_string();
    bed.advance(120);
    let failed = bed.events("domain.order.failed");
    assert_eq!(failed[0]["data"]["reason"], "Workspace validation failed");
    assert_eq!(bed.sb.with_state(|s| s.orders[&order].status), "PARTIAL_REFUND");
    // Only the .io domain and its mailboxes stay charged.
    assert_eq!(before - bed.wallet_cents(), 3500 + 600 + 100);
    assert!(bed.sb.with_state(|s| s.domain_by_name("workspace-gamma.com").is_none()));
    assert!(mailbox_statuses(&bed, "workspace-gamma.com").is_empty());
}

#[tokio::test]
async fn confirm_false_waits_for_process_order() {
    let bed = start().await;
    let before = bed.wallet_cents();
    let r = bed.post(&format!("/orders/json?userId={USER}"), order_body(&["fresh-quote.net"], false)).await;
    let order = r.body["data"]["orderId"].as_str().unwrap().to_string();
    bed.advance(300);
    assert_eq!(bed.wallet_cents(), before, "nothing is charged before processing");
    assert!(bed.sb.with_state(|s| s.domain_by_name("fresh-quote.net").is_none()));
    let details = bed.get(&format!("/orders?userId={USER}&orderId={order}")).await;
    assert_eq!(details.body["data"]["status"], "PENDING");
    let p = bed.post(&format!("/orders/process?userId={USER}&orderId={order}"), json!({})).await;
    assert_eq!(p.status, 200, "{:?}", p.body);
    assert_eq!(bed.post(&format!("/orders/process?userId={USER}&orderId={order}"), json!({})).await.status, 422);
    bed.advance(120);
    assert_eq!(mailbox_statuses(&bed, "fresh-quote.net"), vec!["ACTIVE", "ACTIVE"]);
    assert_eq!(bed.get(&format!("/orders/process?userId={USER}&orderId=NOPE")).await.status, 405, "route takes POST only");
}

#[tokio::test]
async fn mailbox_update_remove_and_last_mailbox_deletes_workspace() {
    let bed = start().await;
    bed.advance(120); // let the demo's in-flight orders land first
    let (domain, ids, sub) = bed.sb.with_state(|s| {
        let sub = s.subscriptions.values().find(|x| x.user_id == USER && x.status.as_str() == "ACTIVE" && s.sub_quantity(&x.id) >= 2 && x.period_end - s.now > 2 * 86_400_000).unwrap();
        let ids: Vec<String> = s.mailboxes.values().filter(|m| m.subscription_id.as_deref() == Some(sub.id.as_str())).map(|m| m.id.clone()).collect();
        (sub.domain.clone(), ids, sub.id.clone())
    });
    let q = format!("/mailboxes/update-mailbox-details?userId={USER}");
    let one = bed.patch(&q, json!({"mailboxData": {"mailboxId": ids[0], "userName": "renamed", "firstName": "Ren"}})).await;
    assert_eq!((one.status, one.body["message"].as_str()), (200, Some("Mailbox details will update shortly")));
    let bulk = bed.patch(&q, json!({"mailboxData": [{"mailboxId": ids[1], "lastName": "Bulk"}, {"mailboxId": "MISSING"}]})).await;
    assert_eq!(bulk.body["data"][0]["success"], true);
    assert_eq!(bulk.body["data"][1]["success"], false);
    assert_eq!(bed.patch(&q, json!({"mailboxData": {"mailboxId": "MISSING"}})).await.status, 404);
    bed.advance(10);
    let upd = bed.events("mailbox.updated");
    let first = upd.iter().find(|e| e["data"]["mailboxId"] == ids[0].as_str()).unwrap();
    assert_eq!(first["data"]["updatedFields"], json!({"userName": "renamed", "firstName": "Ren"}));
    assert_eq!(first["data"]["email"], format!("renamed@{domain}"));

    for id in &ids {
        let r = bed.delete(&format!("/mailboxes/remove?userId={USER}"), Some(json!({"mailboxId": id}))).await;
        assert_eq!((r.status, r.body["message"].as_str()), (200, Some("Mailbox will be removed shortly")));
    }
    bed.advance(10);
    assert!(mailbox_statuses(&bed, &domain).is_empty());
    assert_eq!(bed.sb.with_state(|s| s.subscriptions[&sub].status.as_str()), "CANCELLED");
    assert!(bed.events("subscription.cancelled").iter().any(|e| e["data"]["subscriptionId"] == sub.as_str()));

    // With the workspace gone the domain can be removed, and then its customer… still has others.
    let rm = bed.delete(&format!("/domains?userId={USER}"), Some(json!({"domains": [domain]}))).await;
    assert_eq!(rm.status, 200, "{:?}", rm.body);
    bed.advance(10);
    assert!(bed.sb.with_state(|s| s.domain_by_name(&domain).is_none()));
}

#[tokio::test]
async fn removal_is_refused_within_24_hours_of_expiry_and_domain_with_mailboxes() {
    let bed = start().await;
    let (mailbox, domain, period_end) = bed.sb.with_state(|s| {
        let m = s.mailboxes.values().find(|m| m.user_id == USER && m.status.as_str() == "ACTIVE").unwrap();
        (m.id.clone(), m.domain.clone(), s.mailbox_expiry(m))
    });
    let r = bed.delete(&format!("/domains?userId={USER}"), Some(json!({"domains": [domain]}))).await;
    assert_eq!(r.status, 422);
    let until = (period_end - bed.sb.now_ms()) / 1000 - 3600;
    bed.sb.with_state(|s| {
        // Keep the subscription from renewing past the window during the jump.
        let sub = s.mailboxes[&mailbox].subscription_id.clone().unwrap();
        s.subscriptions.get_mut(&sub).unwrap().auto_renew = true;
    });
    bed.advance(until as u64);
    let late = bed.delete(&format!("/mailboxes/remove?userId={USER}"), Some(json!({"mailboxId": mailbox}))).await;
    assert_eq!(late.status, 422);
    assert!(late.body["message"].as_str().unwrap().contains("24 hours"));
}

#[tokio::test]
async fn subscriptions_renew_past_due_expire_cancel_recreate() {
    let bed = start().await;
    let list = bed.get("/subscriptions?limit=100").await;
    let subs = list.body["data"]["subscriptions"].as_array().unwrap().clone();
    for st in ["ACTIVE", "PAST_DUE", "CANCELLED", "EXPIRED"] {
        assert!(subs.iter().any(|s| s["subscriptionStatus"] == st), "demo has a {st} subscription");
    }
    assert!(subs.iter().any(|s| s["pricePerMailbox"] == json!(5.0)), "a subscription past 12 months costs $5");
    let filtered = bed.get("/subscriptions?status=PAST_DUE").await;
    assert!(filtered.body["data"]["subscriptions"].as_array().unwrap().iter().all(|s| s["subscriptionStatus"] == "PAST_DUE"));

    // PAST_DUE because its domain is in grace: renewal fails until the domain is renewed.
    let past_due = subs.iter().find(|s| s["subscriptionStatus"] == "PAST_DUE").unwrap();
    let id = past_due["subscriptionId"].as_str().unwrap();
    let r = bed.post("/subscriptions/renew-subscriptions", json!({"subscriptionIds": [id]})).await;
    assert_eq!(r.status, 200);
    bed.advance(15);
    let failed = bed.events("subscription.renewal.failed");
    assert!(failed.iter().any(|e| e["data"]["subscriptionId"] == id && e["data"]["reason"].as_str().unwrap().contains("renew the domain first")));
    bed.advance(8 * 86_400);
    assert_eq!(bed.sb.with_state(|s| s.subscriptions[id].status.as_str()), "EXPIRED");
    assert!(bed.sb.with_state(|s| s.mailboxes.values().filter(|m| m.subscription_id.as_deref() == Some(id)).all(|m| m.status.as_str() == "EXPIRED")));
    assert!(bed.events("subscription.expired").iter().any(|e| e["data"]["subscriptionId"] == id));
    assert_eq!(bed.post("/subscriptions/renew-subscriptions", json!({"subscriptionIds": [id]})).await.status, 422);

    let active: Vec<String> = bed.sb.with_state(|s| s.subscriptions.values().filter(|x| x.status.as_str() == "ACTIVE" && x.period_end - s.now > 2 * 86_400_000).map(|x| x.id.clone()).collect());
    let t = bed.post("/subscriptions/toggle-autorenewal", json!({"subscriptionId": active[0], "autoRenew": false})).await;
    assert_eq!(t.status, 200);
    assert!(!bed.sb.with_state(|s| s.subscriptions[&active[0]].auto_renew));
    let c = bed.post("/subscriptions/cancel", json!({"subscriptionId": active[0]})).await;
    assert_eq!((c.status, c.body["message"].as_str()), (200, Some("Subscription will be cancelled successfully")));
    assert!(c.body["data"].is_null());
    assert_eq!(bed.post("/subscriptions/cancel", json!({"subscriptionId": active[0]})).await.status, 422);

    let rec = bed.post("/component/subscriptions/recreate", json!({"subscriptionIds": [active[1]]})).await;
    assert_eq!(rec.status, 200);
    let new_id = rec.body["data"][0]["subscriptionId"].as_str().unwrap().to_string();
    assert!(bed.sb.with_state(|s| !s.subscriptions.contains_key(&active[1])), "the old id stops resolving");
    bed.advance(40);
    assert!(bed.sb.with_state(|s| s.mailboxes.values().filter(|m| m.subscription_id.as_deref() == Some(new_id.as_str())).all(|m| m.status.as_str() == "ACTIVE")));
}

#[tokio::test]
async fn auto_renewal_charges_and_steps_price_after_twelve_months() {
    let bed = start().await;
    let id = bed.sb.with_state(|s| {
        let id = s.subscriptions.values().find(|x| x.status.as_str() == "ACTIVE" && x.auto_renew && x.price_cents == 300
            && s.domains[&x.domain_id].expire_on - s.now > 400 * 86_400_000 / 2).unwrap().id.clone();
        let x = s.subscriptions.get_mut(&id).unwrap();
        x.cycle_start = cmr_sandbox::time::add_months(x.period_end, -12);
        id
    });
    bed.sb.set_wallet_cents(1_000_000);
    let end = bed.sb.with_state(|s| s.subscriptions[&id].period_end);
    bed.advance(((end - bed.sb.now_ms()) / 1000 + 20) as u64);
    assert!(bed.events("subscription.renewing").iter().any(|e| e["data"]["subscriptionId"] == id.as_str()));
    assert!(bed.events("subscription.renewal.success").iter().any(|e| e["data"]["subscriptionId"] == id.as_str()));
    let updated: Vec<_> = bed.events("subscription.updated").into_iter().filter(|e| e["data"]["subscriptionId"] == id.as_str()).collect();
    assert_eq!(updated.len(), 1);
    assert_eq!(bed.sb.with_state(|s| s.subscriptions[&id].price_cents), 500);
}

#[tokio::test]
async fn prewarmup_orders_and_sandbox_scenarios() {
    let bed = start().await;
    let inv = bed.get("/pre-warmup?serviceProvider=GOOGLE&limit=2").await;
    assert_eq!(inv.body["data"]["inventory"].as_array().unwrap().len(), 2);
    assert_eq!(inv.body["data"]["totalDomains"], 8);
    let domain = inv.body["data"]["inventory"][0]["domain"].as_str().unwrap().to_string();
    let before = bed.wallet_cents();
    let r = bed.post(&format!("/pre-warmup/order?userId={USER}"), json!({"order": [{"domain": domain}], "serviceProvider": "GOOGLE", "autoRenew": true})).await;
    assert_eq!(r.status, 201, "{:?}", r.body);
    assert_eq!(before - bed.wallet_cents(), 3000);
    bed.advance(20);
    let ok = bed.events("prewarmup.order.success");
    assert_eq!(ok[0]["data"]["mailboxDetails"][0]["domain"], domain.as_str());
    assert!(mailbox_statuses(&bed, &domain).iter().all(|s| s == "ACTIVE"));
    let wrong = bed.post(&format!("/pre-warmup/order?userId={USER}"), json!({"order": [{"domain": "nope.com"}], "serviceProvider": "GOOGLE"})).await;
    assert_eq!(wrong.status, 422);

    let sb = bed.get("/sandbox/pre-warmup").await;
    assert_eq!(sb.body["data"]["totalDomains"], 4);
    let before = bed.wallet_cents();
    let partial = bed.post(&format!("/sandbox/pre-warmup/order?userId={USER}"), json!({"order": [
        {"domain": "sandbox.nexora-tech.com"}, {"domain": "mail-sandbox.brightplathlabs.com"}],
        "serviceProvider": "GOOGLE", "scenario": "partial_failure"})).await;
    assert_eq!(partial.status, 201);
    bed.advance(20);
    assert_eq!(bed.wallet_cents(), before, "sandbox orders cost nothing");
    let failed = bed.events("prewarmup.order.failed");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["data"]["domain"], "sandbox.nexora-tech.com");
    let ok = bed.events("prewarmup.order.success");
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[1]["data"]["mailboxDetails"][0]["domain"], "mail-sandbox.brightplathlabs.com");
    let full = bed.post(&format!("/sandbox/pre-warmup/order?userId={USER}"), json!({"order": [{"domain": "sandbox-mail.corevista.io"}],
        "serviceProvider": "MICROSOFT", "scenario": "full_failure"})).await;
    assert_eq!(full.status, 201);
    bed.advance(20);
    assert_eq!(bed.events("prewarmup.order.failed").len(), 2);
    assert!(bed.sb.with_state(|s| s.domain_by_name("mail-sandbox.brightplathlabs.com").is_some()));
    assert_eq!(bed.post("/sandbox/pre-warmup/reset", json!({})).await.status, 200);
    assert!(bed.sb.with_state(|s| s.domain_by_name("mail-sandbox.brightplathlabs.com").is_none()));
    assert!(bed.sb.with_state(|s| s.domain_by_name(&domain).is_some()), "reset leaves real records alone");
}

#[tokio::test]
async fn warmup_enrol_pause_settings_and_remove() {
    let bed = start().await;
    let id = bed.sb.with_state(|s| s.mailboxes.values().find(|m| m.status.as_str() == "ACTIVE" && m.warmup.is_none()).unwrap().id.clone());
    let q = format!("?mailboxId={id}");
    assert_eq!(bed.post(&format!("/mailboxes/warmup/toggle{q}"), json!({})).await.status, 422);
    let before = bed.wallet_cents();
    assert_eq!(bed.post(&format!("/mailboxes/warmup{q}"), json!({})).await.status, 200);
    assert!(bed.wallet_cents() < before, "prorated warmup is charged");
    assert_eq!(bed.post(&format!("/mailboxes/warmup{q}"), json!({})).await.status, 422);
    bed.advance(61);
    assert!(bed.events("mailbox.warmup.started").iter().any(|e| e["data"]["mailboxId"] == id.as_str()));
    let t = bed.post(&format!("/mailboxes/warmup/toggle{q}"), json!({})).await;
    assert_eq!((t.body["message"].as_str(), t.body["data"]["status"].as_str()), (Some("Warmup paused"), Some("PAUSED")));
    assert_eq!(bed.patch(&format!("/mailboxes/warmup/status{q}"), json!({"status": "ACTIVE"})).await.status, 200);
    assert_eq!(bed.patch(&format!("/mailboxes/warmup/settings{q}"), json!({"warmupLimit": 30, "warmupReplyRate": 0.4})).await.status, 200);
    assert_eq!(bed.patch(&format!("/mailboxes/warmup/settings{q}"), json!({"warmupReplyRate": 1.5})).await.status, 422);
    let rm = bed.delete(&format!("/mailboxes/warmup{q}"), None).await;
    assert_eq!((rm.body["message"].as_str(), rm.body["data"].is_null()), (Some("Warmup disabled"), true));
    assert!(bed.events("mailbox.warmup.removed").iter().any(|e| e["data"]["mailboxId"] == id.as_str()));
    let mb = bed.get(&format!("/mailboxes/mailbox?mailboxId={id}")).await;
    assert_eq!(mb.body["data"]["mailbox"]["warmupStatus"], "STOPPED");
}
