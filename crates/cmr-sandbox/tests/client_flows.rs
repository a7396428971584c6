//! The typed client against the sandbox over real HTTP: orders, mailboxes, warmup,
//! placement, subscriptions and pre-warmup, including the error paths and a
//! timeout-after-commit write that must be reconciled by reading state.

#[macro_use]
mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use cmr_client::mailboxes::*;
use cmr_client::orders::*;
use cmr_client::prewarmup::*;
use cmr_client::subscriptions::*;
use cmr_client::warmup::*;
use cmr_client::{ErrorCode, MailboxStatus, OrderStatus, PageQuery, SandboxScenario, ServiceProvider, SubscriptionStatus, WarmupStatus};
use cmr_sandbox::FaultConfig;
use common::*;

fn item(u: &str) -> MailboxOrderItem {
    MailboxOrderItem { username: u.into(), first_name: "Test".into(), last_name: u.into(), ..Default::default() }
}

fn order(domain: &str, confirm: bool) -> CreateOrderRequest {
    let mut mailboxes = BTreeMap::new();
    mailboxes.insert(domain.to_string(), vec![item("ann"), item("ben")]);
    CreateOrderRequest {
        domains: vec![DomainOrderItem { domain: domain.into(), years: 1, ..Default::default() }],
        mailboxes,
        confirm: Some(confirm),
        service_provider: Some(ServiceProvider::Google),
        auto_renew: Some(true),
        ..Default::default()
    }
}

async fn orders_json_multipart_process_and_status() {
    let bed = start().await;
    let c = client(&bed);
    let made = c.create_order_json(USER, &order("fresh-client-one.com", true)).await.unwrap();
    let id = made.data.unwrap().order_id.unwrap();
    assert!(made.action_id.unwrap().starts_with("ACT_"));
    assert_eq!(c.get_order_status(USER, &id).await.unwrap().data.status, Some(OrderStatus::Processing));
    bed.advance(60);
    assert_eq!(c.get_order_status(USER, &id).await.unwrap().data.status, Some(OrderStatus::Paid));
    let details = c.get_order_details(USER, &id).await.unwrap().data;
    assert_eq!(details.mailboxes.len(), 2);
    assert_eq!(details.amount_charged.unwrap().to_cents(), Some(1200 + 600));

    let quote = c.create_order_json(USER, &order("fresh-client-two.net", false)).await.unwrap().data.unwrap().order_id.unwrap();
    assert_eq!(c.get_order_status(USER, &quote).await.unwrap().data.status, Some(OrderStatus::Pending));
    assert!(c.process_order(USER, &quote).await.is_ok());
    if !lenient() { assert_eq!(status_of(c.process_order(USER, &quote).await), 422); } // an assumed rule: off when lenient
    assert_eq!(status_of(c.get_order_status(USER, "NOPE").await), 422);

    let mut multipart = CreateOrderMultipart { domains: order("fresh-client-three.io", true).domains, ..Default::default() };
    multipart.mailboxes.insert("fresh-client-three.io".into(), vec![item("cat")]);
    multipart.confirm = Some(true);
    multipart.files = vec![ProfilePicture { mailbox: "cat@fresh-client-three.io".into(), file_name: "cat.png".into(), content_type: "image/png".into(), bytes: vec![137, 80, 78, 71] }];
    let mp = c.create_order(USER, &multipart).await.unwrap();
    assert!(mp.data.unwrap().order_id.is_some());
    bed.advance(60);
    let cat = c.get_all_mailboxes_for_user(USER).await.unwrap().into_iter().find(|m| m.email.as_deref() == Some("cat@fresh-client-three.io")).unwrap();
    assert_eq!(cat.status, Some(MailboxStatus::Active));
    assert!(cat.profile_picture.unwrap().contains("cat@fresh-client-three.io"));

    // More seats: on an active subscription, then (deprecated multipart) on the same one.
    let sub = c.list_subscriptions(&SubscriptionQuery { domain: Some("fresh-client-one.com".into()), ..Default::default() }).await.unwrap().data.subscriptions[0].subscription_id.clone();
    let mut more = BTreeMap::new();
    more.insert("fresh-client-one.com".to_string(), vec![item("dan")]);
    let req = OrderMailboxesRequest { subscription_id: Some(sub.clone()), mailboxes: more.clone(), confirm: Some(true), ..Default::default() };
    assert!(c.order_mailboxes_json(USER, &req).await.is_ok());
    let both = OrderMailboxesRequest { domain_id: Some("X".into()), ..req.clone() };
    assert_eq!(status_of(c.order_mailboxes_json(USER, &both).await), 400);
    let dup = c.order_mailboxes_json(USER, &req).await;
    assert!(dup.is_ok(), "dan is not created yet, so the name is still free");
    let mut eve = BTreeMap::new();
    eve.insert("fresh-client-one.com".to_string(), vec![item("eve")]);
    let legacy = AddMailboxesMultipart { subscription_id: sub.clone(), mailboxes: eve, confirm: Some(true), ..Default::default() };
    assert!(c.add_mailboxes_to_subscription(USER, &legacy).await.is_ok());
    bed.advance(60);
    let subs = c.list_subscriptions(&SubscriptionQuery { component_subscription_id: Some(sub), ..Default::default() }).await.unwrap().data.subscriptions;
    assert!(subs[0].total_mailbox_quantity.unwrap() >= 4);

    // Unavailable names are reported, not charged; an order with nothing available fails.
    let taken = c.create_order_json(USER, &order("taken-client.com", true)).await;
    assert_eq!(taken.unwrap_err().code(), ErrorCode::Unprocessable);
    bed.sb.set_wallet_cents(0);
    assert_eq!(status_of(c.create_order_json(USER, &order("fresh-client-four.com", true)).await), 422);
}

async fn a_write_that_times_out_after_commit_is_reconciled_by_reading() {
    let bed = start().await;
    let mut cfg = cmr_client::ClientConfig::new(bed.sb.base_url(), cmr_client::ApiKey::new(bed.key.clone()));
    cfg.request_timeout = Duration::from_millis(700);
    cfg.max_retries = 2;
    cfg.requests_per_second = 1000;
    let c = cmr_client::CmrClient::new(cfg).unwrap();
    bed.sb.set_faults(FaultConfig { commit_then_timeout_next: 1, hang_ms: 3_000, route: Some("POST /orders/json".into()), ..Default::default() });
    let err = c.create_order_json(USER, &order("fresh-timeout-case.com", true)).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::OutcomeUnknown);
    let domains = c.get_all_domains_for_user(USER).await.unwrap();
    assert!(domains.iter().any(|d| d.name() == Some("fresh-timeout-case.com")), "the order happened once");
    assert_eq!(bed.sb.with_state(|s| s.orders.values().filter(|o| o.domains.iter().any(|d| d.name == "fresh-timeout-case.com")).count()), 1);

    // Reads are retried through injected 503s and dropped connections.
    bed.sb.set_faults(FaultConfig { fail_next: 1, error_status: 503, ..Default::default() });
    let mut fast = cmr_client::ClientConfig::new(bed.sb.base_url(), cmr_client::ApiKey::new(bed.key.clone()));
    fast.retry_base_delay = Duration::from_millis(10);
    fast.retry_max_delay = Duration::from_millis(50);
    fast.requests_per_second = 1000;
    let f = cmr_client::CmrClient::new(fast).unwrap();
    assert!(f.get_wallet_details().await.is_ok());
    bed.sb.set_faults(FaultConfig { drop_next: 1, ..Default::default() });
    assert!(f.get_wallet_details().await.is_ok());
    bed.sb.set_faults(FaultConfig { malformed_next: 1, ..Default::default() });
    assert_eq!(f.get_wallet_details().await.unwrap_err().code(), ErrorCode::BadResponse);
}

async fn mailboxes_through_the_client() {
    let bed = start().await;
    let c = client(&bed);
    bed.advance(120);
    let all = c.list_all_mailboxes(&PageQuery::page(1, 100)).await.unwrap().data;
    assert_eq!(all.mailboxes.len(), 100);
    assert!(all.pagination.unwrap().total_pages.unwrap() >= 2);
    let mine = c.get_all_mailboxes_for_user(USER).await.unwrap();
    let m = mine.iter().find(|m| m.status == Some(MailboxStatus::Active)).unwrap();
    let id = m.id().unwrap().to_string();
    let one = c.get_mailbox_by_id(&id, Some(USER)).await.unwrap().data.mailbox;
    assert_eq!(one.email, m.email);
    assert_eq!(status_of(c.get_mailbox_by_id("NOPE", None).await), 404);
    let admin = c.get_mailbox_admin_details(USER, &id).await.unwrap().data;
    assert!(admin.email.is_some() && admin.password.is_some() && admin.secret.is_some());
    assert_eq!(status_of(c.get_mailbox_admin_details(USER, "NOPE").await), 404);
    assert_eq!(status_of(c.get_mailboxes_for_user("NOPE", &PageQuery::default()).await), 422);

    let upd = UpdateMailboxDetailsRequest { mailbox_data: MailboxUpdateItem { mailbox_id: id.clone(), first_name: Some("Renamed".into()), ..Default::default() }.into() };
    assert!(c.update_mailbox_details(USER, &upd).await.unwrap().action_id.is_some());
    let bulk = UpdateMailboxDetailsRequest { mailbox_data: vec![
        MailboxUpdateItem { mailbox_id: id.clone(), last_name: Some("Bulk".into()), ..Default::default() },
        MailboxUpdateItem { mailbox_id: "NOPE".into(), ..Default::default() }].into() };
    let results = c.update_mailbox_details(USER, &bulk).await.unwrap().data.unwrap();
    assert_eq!(results.iter().map(|r| r.success).collect::<Vec<_>>(), vec![true, false]);
    bed.advance(10);
    assert_eq!(c.get_mailbox_by_id(&id, None).await.unwrap().data.mailbox.first_name.as_deref(), Some("Renamed"));

    let v = c.validate_mailbox(USER, &MailboxIdRequest::new(id.clone())).await.unwrap();
    assert_eq!(v.data.unwrap()["valid"], true);
    assert_eq!(status_of(c.validate_mailbox(USER, &MailboxIdRequest::new("NOPE")).await), 422);
    assert!(c.remove_mailbox(USER, &MailboxIdRequest::new(id.clone())).await.is_ok());
    bed.advance(10);
    assert_eq!(status_of(c.get_mailbox_by_id(&id, None).await), 404);
    assert_eq!(status_of(c.remove_mailbox(USER, &MailboxIdRequest::new(id)).await), 422);
}

async fn warmup_and_placement_through_the_client() {
    let bed = start().await;
    let c = client(&bed);
    let id = active_mailbox(&bed, USER);
    assert!(c.add_warmup(&id).await.is_ok());
    if !lenient() { assert_eq!(status_of(c.add_warmup(&id).await), 422); } // an assumed rule: off when lenient
    assert_eq!(status_of(c.toggle_warmup(&id).await), 422, "still PENDING");
    bed.advance(61);
    assert_eq!(c.toggle_warmup(&id).await.unwrap().data.unwrap().status, Some(WarmupStatus::Paused));
    assert!(c.set_warmup_status(&id, &WarmupStatusRequest { status: WarmupStatus::Active }).await.is_ok());
    if !lenient() { assert_eq!(status_of(c.set_warmup_status(&id, &WarmupStatusRequest { status: WarmupStatus::Pending }).await), 422); } // an assumed rule: off when lenient
    let settings = WarmupSettings { warmup_limit: Some(40), minimum_warmup_limit: Some(5), warmup_reply_rate: Some(0.3), ..Default::default() };
    assert!(c.update_warmup_settings(&id, &settings).await.is_ok());
    let bad = WarmupSettings { minimum_warmup_limit: Some(90), warmup_limit: Some(10), ..Default::default() };
    assert_eq!(status_of(c.update_warmup_settings(&id, &bad).await), 422);
    assert!(c.remove_warmup(&id).await.is_ok());
    assert_eq!(status_of(c.remove_warmup(&id).await), 422);
    assert_eq!(status_of(c.add_warmup("NOPE").await), 422);

    let test = c.create_placement_test(USER, &PlacementTestRequest { mailbox_ids: vec![id.clone()], spamassassin: Some(true), blacklist: Some(true), ai_insight: Some(false) }).await.unwrap();
    let order = test.data.unwrap().order_id.unwrap();
    let q = PlacementReportsQuery { order_id: Some(order.clone()), ..Default::default() };
    assert_eq!(c.get_placement_reports(USER, &q).await.unwrap().data.reports[0].status, Some(cmr_client::PlacementStatus::Pending));
    bed.advance(121);
    let report = &c.get_placement_reports(USER, &q).await.unwrap().data.reports[0];
    assert_eq!(report.status, Some(cmr_client::PlacementStatus::Completed));
    assert!(report.mailboxes[0].report.as_ref().unwrap()["inboxTest"]["google"].is_array());
    bed.sb.set_wallet_cents(0);
    let poor = c.create_placement_test(USER, &PlacementTestRequest { mailbox_ids: vec![id], spamassassin: None, blacklist: None, ai_insight: None }).await.unwrap_err();
    assert_eq!(poor.code(), ErrorCode::InsufficientFunds);
}

async fn subscriptions_through_the_client() {
    let bed = start().await;
    let c = client(&bed);
    let all = c.list_all_subscriptions(&SubscriptionQuery::default()).await.unwrap();
    assert!(all.len() >= 18);
    let active: Vec<&Subscription> = all.iter().filter(|s| s.subscription_status == Some(SubscriptionStatus::Active)).collect();
    let a = active[0].subscription_id.clone();
    let b = active[1].subscription_id.clone();
    let cancelled_domain = all.iter().find(|s| s.subscription_status == Some(SubscriptionStatus::Cancelled)).unwrap().domain.clone().unwrap();
    assert!(c.renew_subscriptions(&SubscriptionIdsRequest { subscription_ids: vec![a.clone()] }).await.unwrap().action_id.is_some());
    assert_eq!(status_of(c.renew_subscriptions(&SubscriptionIdsRequest { subscription_ids: vec!["NOPE".into()] }).await), 422);
    bed.advance(15);
    assert!(bed.events("subscription.renewal.success").iter().any(|e| e["data"]["subscriptionId"] == a.as_str()));
    assert!(c.toggle_subscription_auto_renew(&ToggleSubscriptionAutoRenewRequest { subscription_id: a.clone(), auto_renew: false }).await.is_ok());
    let listed = c.list_subscriptions(&SubscriptionQuery { component_subscription_id: Some(a.clone()), ..Default::default() }).await.unwrap().data.subscriptions;
    assert_eq!(listed[0].auto_renew, Some(false));
    assert!(c.recreate_subscriptions(&RecreateSubscriptionsRequest::BySubscriptions { subscription_ids: vec![b.clone()] }).await.is_ok());
    assert_eq!(status_of(c.recreate_subscriptions(&RecreateSubscriptionsRequest::BySubscriptions { subscription_ids: vec![b] }).await), 422, "old id is gone");
    assert!(c.cancel_subscription(&CancelSubscriptionRequest::BySubscription { subscription_id: a.clone() }).await.is_ok());
    assert_eq!(status_of(c.cancel_subscription(&CancelSubscriptionRequest::ByDomain { domain: cancelled_domain.clone() }).await), 422);

    // A cancelled workspace gets a fresh subscription through domainId.
    let domain_id = bed.sb.with_state(|s| s.domain_by_name(&cancelled_domain).unwrap().id.clone());
    let user = bed.sb.with_state(|s| s.domain_by_name(&cancelled_domain).unwrap().user_id.clone());
    let mut mailboxes = BTreeMap::new();
    mailboxes.insert(cancelled_domain.clone(), vec![item("new")]);
    let req = OrderMailboxesRequest { domain_id: Some(domain_id), mailboxes, confirm: Some(true), auto_renew: Some(true), ..Default::default() };
    assert!(c.order_mailboxes_json(&user, &req).await.is_ok());
    bed.advance(60);
    let fresh = c.list_subscriptions(&SubscriptionQuery { domain: Some(cancelled_domain), status: Some(SubscriptionStatus::Active), ..Default::default() }).await.unwrap().data.subscriptions;
    assert_eq!(fresh.len(), 1);
}

async fn prewarmup_through_the_client() {
    let bed = start().await;
    let c = client(&bed);
    let inv = c.list_prewarmup_inventory(&PrewarmupQuery { service_provider: Some(ServiceProvider::Microsoft), ..Default::default() }).await.unwrap().data;
    assert_eq!(inv.total_domains, Some(4));
    let domain = inv.inventory[0].domain.clone();
    let req = PrewarmupOrderRequest { order: vec![PrewarmupOrderItem { domain: domain.clone(), forward_to: None }], service_provider: ServiceProvider::Microsoft,
        google: None, microsoft_oauth_route: Some("https://app.example/oauth/ms".into()), auto_renew: Some(true) };
    let placed = c.order_prewarmup(USER, &req).await.unwrap();
    assert_eq!(placed.status, 201);
    let wrong = PrewarmupOrderRequest { service_provider: ServiceProvider::Google, ..req.clone() };
    assert_eq!(status_of(c.order_prewarmup(USER, &wrong).await), 422);
    bed.advance(20);
    assert!(c.get_all_mailboxes_for_user(USER).await.unwrap().iter().any(|m| m.domain.as_deref() == Some(domain.as_str())));

    let pool = c.sandbox_list_prewarmup(&PrewarmupQuery::default()).await.unwrap().data;
    assert_eq!(pool.total_domains, Some(4));
    let sb = SandboxPrewarmupOrderRequest {
        order: PrewarmupOrderRequest { order: vec![PrewarmupOrderItem { domain: "sandbox.stratospherehq.com".into(), forward_to: None }], service_provider: ServiceProvider::Microsoft, google: None, microsoft_oauth_route: None, auto_renew: None },
        scenario: Some(SandboxScenario::Success),
    };
    let before = bed.wallet_cents();
    assert_eq!(c.sandbox_order_prewarmup(USER, &sb).await.unwrap().status, 201);
    bed.advance(20);
    assert_eq!(bed.wallet_cents(), before);
    assert_eq!(c.sandbox_list_prewarmup(&PrewarmupQuery::default()).await.unwrap().data.total_domains, Some(3));
    if !lenient() { assert_eq!(status_of(c.sandbox_order_prewarmup(USER, &sb).await), 422, "assigned until reset"); } // an assumed rule: off when lenient
    assert!(c.sandbox_reset_prewarmup().await.is_ok());
    assert_eq!(c.sandbox_list_prewarmup(&PrewarmupQuery::default()).await.unwrap().data.total_domains, Some(4));
}

strict_and_lenient!(
    orders_json_multipart_process_and_status,
    a_write_that_times_out_after_commit_is_reconciled_by_reading,
    mailboxes_through_the_client,
    warmup_and_placement_through_the_client,
    subscriptions_through_the_client,
    prewarmup_through_the_client,
);
