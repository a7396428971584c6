use cmr_client::orders::*;
use cmr_client::{BillingCycle, GoogleOauthConfig, ServiceProvider};
use serde_json::{json, Value};

use crate::common::{accepted_reply, ok_reply, Ctx, MultipartHas, USER};

cases! {
    "getOrderDetails" => get_order_details,
    "createOrder" => create_order,
    "getOrderStatus" => get_order_status,
    "createOrderJson" => create_order_json,
    "orderMailboxesJson" => order_mailboxes_json,
    "processOrder" => process_order,
    "addMailboxesToSubscription" => add_mailboxes_to_subscription,
}

const ORDER: &str = "NQ682GAVFTMYC2H6C87PPKPG5WXV";

fn mailboxes(domain: &str, username: &str) -> MailboxesByDomain {
    let item = MailboxOrderItem {
        username: username.into(),
        first_name: "Alice".into(),
        last_name: "Johnson".into(),
        profile_picture: None,
        on_warmup: Some(true),
    };
    MailboxesByDomain::from([(domain.to_owned(), vec![item])])
}

fn google() -> GoogleOauthConfig {
    GoogleOauthConfig {
        google_oauth_route: Some("https://yourapp.com/oauth/google".into()),
        client_id: Some("1234-abc.apps.googleusercontent.com".into()),
        app_name: Some("YourApp".into()),
    }
}

fn created_reply() -> Value {
    json!({"status": 200, "message": "Order created and queued for processing",
        "data": {"orderId": ORDER, "unavailableDomains": []}, "actionId": "ACT_7a078272-0fa7-4db4-a85b-c78697dacea1"})
}

async fn get_order_details(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"orderId": ORDER, "status": "PAID", "amountCharged": 23.88})));
    ctx.expect("GET", "/orders", &[("userId", USER), ("orderId", ORDER)], None, reply).await;
    ctx.ok(ctx.client.get_order_details(USER, ORDER).await).await;
    ctx.verify().await;
}

async fn get_order_status(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"orderId": ORDER, "status": "PROCESSING"})));
    ctx.expect("GET", "/orders/status", &[("userId", USER), ("orderId", ORDER)], None, reply).await;
    ctx.ok(ctx.client.get_order_status(USER, ORDER).await).await;
    ctx.verify().await;
}

async fn create_order_json(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(created_reply);
    let body = json!({"domains": [{"domain": "alicesender.com", "years": 1}],
        "mailboxes": {"alicesender.com": [{"username": "alice", "firstName": "Alice", "lastName": "Johnson", "onWarmup": true}]},
        "billingCycle": "MONTHLY", "confirm": true, "serviceProvider": "GOOGLE",
        "google": {"googleOauthRoute": "https://yourapp.com/oauth/google", "clientId": "1234-abc.apps.googleusercontent.com",
            "appName": "YourApp"},
        "autoRenew": true});
    ctx.expect("POST", "/orders/json", &[("userId", USER)], Some(body), reply).await;
    let request = CreateOrderRequest {
        domains: vec![DomainOrderItem { domain: "alicesender.com".into(), years: 1, forward_to: None, mask_forwarding: None }],
        mailboxes: mailboxes("alicesender.com", "alice"),
        billing_cycle: Some(BillingCycle::Monthly),
        confirm: Some(true),
        service_provider: Some(ServiceProvider::Google),
        microsoft_oauth_route: None,
        google: Some(google()),
        auto_renew: Some(true),
    };
    ctx.ok(ctx.client.create_order_json(USER, &request).await).await;
    ctx.verify().await;
}

async fn order_mailboxes_json(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(created_reply);
    let body = json!({"domainId": "AH2BD0WYWSMQC9NQHTMES3TFK4TX", "billingCycle": "MONTHLY",
        "mailboxes": {"example.com": [{"username": "bob", "firstName": "Alice", "lastName": "Johnson", "onWarmup": true}]},
        "autoRenew": true, "confirm": true});
    ctx.expect("POST", "/orders/create-mailbox-order/json", &[("userId", USER)], Some(body), reply).await;
    let request = OrderMailboxesRequest {
        domain_id: Some("AH2BD0WYWSMQC9NQHTMES3TFK4TX".into()),
        mailboxes: mailboxes("example.com", "bob"),
        billing_cycle: Some(BillingCycle::Monthly),
        confirm: Some(true),
        auto_renew: Some(true),
        ..Default::default()
    };
    ctx.ok(ctx.client.order_mailboxes_json(USER, &request).await).await;
    ctx.verify().await;
}

async fn process_order(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    ctx.expect("POST", "/orders/process", &[("userId", USER), ("orderId", ORDER)], None, reply).await;
    ctx.ok(ctx.client.process_order(USER, ORDER).await).await;
    ctx.verify().await;
}

fn picture(mailbox: &str) -> ProfilePicture {
    ProfilePicture {
        mailbox: mailbox.into(),
        file_name: "john.png".into(),
        content_type: "image/png".into(),
        bytes: vec![0x89, b'P', b'N', b'G'],
    }
}

async fn create_order(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(created_reply);
    let parts = MultipartHas {
        text: vec![("billingCycle".into(), "MONTHLY".into()), ("confirm".into(), "false".into()),
            ("serviceProvider".into(), "GOOGLE".into())],
        json: vec![
            ("domains".into(), json!([{"domain": "onecompanycenter.com", "years": 1, "forwardTo": "https://one.example",
                "maskForwarding": true}])),
            ("mailboxes".into(), json!({"onecompanycenter.com": [{"username": "john", "firstName": "Alice",
                "lastName": "Johnson", "onWarmup": true}]})),
            ("google".into(), json!({"googleOauthRoute": "https://yourapp.com/oauth/google",
                "clientId": "1234-abc.apps.googleusercontent.com", "appName": "YourApp"})),
        ],
        files: vec![("john@onecompanycenter.com".into(), "john.png".into())],
        absent: vec!["autoRenew".into(), "microsoftOauthRoute".into()],
    };
    ctx.expect_multipart("/orders", &[("userId", USER)], parts, reply).await;
    let request = CreateOrderMultipart {
        domains: vec![DomainOrderItem {
            domain: "onecompanycenter.com".into(),
            years: 1,
            forward_to: Some("https://one.example".into()),
            mask_forwarding: Some(true),
        }],
        mailboxes: mailboxes("onecompanycenter.com", "john"),
        billing_cycle: BillingCycle::Monthly,
        files: vec![picture("john@onecompanycenter.com")],
        confirm: Some(false),
        service_provider: Some(ServiceProvider::Google),
        microsoft_oauth_route: None,
        google: Some(google()),
        auto_renew: None,
    };
    ctx.ok(ctx.client.create_order(USER, &request).await).await;
    ctx.verify().await;
}

async fn add_mailboxes_to_subscription(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(created_reply);
    let parts = MultipartHas {
        text: vec![("subscriptionId".into(), "1BNTZJG2Q041JWGS3NY9E1BZ9APA".into()), ("autoRenew".into(), "true".into())],
        json: vec![("mailboxes".into(), json!({"example.com": [{"username": "john", "firstName": "Alice",
            "lastName": "Johnson", "onWarmup": true}]}))],
        files: vec![("john@example.com".into(), "john.png".into())],
        absent: vec!["confirm".into(), "google".into()],
    };
    ctx.expect_multipart("/orders/create-mailbox-order", &[("userId", USER)], parts, reply).await;
    let request = AddMailboxesMultipart {
        subscription_id: "1BNTZJG2Q041JWGS3NY9E1BZ9APA".into(),
        mailboxes: mailboxes("example.com", "john"),
        files: vec![picture("john@example.com")],
        confirm: None,
        google: None,
        auto_renew: Some(true),
    };
    ctx.ok(ctx.client.add_mailboxes_to_subscription(USER, &request).await).await;
    ctx.verify().await;
}
