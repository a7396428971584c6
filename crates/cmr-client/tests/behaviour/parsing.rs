//! Tolerant reading of the shapes the reference is unsure about, checked through the
//! client methods, and the request headers every call carries.

use cmr_client::users::CreatedUser;
use cmr_client::{Accepted, ApiResponse, DnsRecordType, DomainStatus, Money, SubscriptionStatus};
use serde_json::{json, Value};
use wiremock::matchers::{header, header_regex, method};
use wiremock::{Mock, ResponseTemplate};

use crate::common::{ok_reply, Ctx, KEY, USER};

async fn answer(ctx: &Ctx, verb: &str, body: Value) {
    Mock::given(method(verb))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&ctx.server)
        .await;
}

#[tokio::test]
async fn created_user_id_is_read_from_id_or_user_id() {
    for data in [json!({"id": "U1"}), json!({"userId": "U1"}), json!({"id": "U1", "userId": "U1"}), json!({"user": {"userId": "U1"}})] {
        let ctx = Ctx::start().await;
        answer(&ctx, "POST", ok_reply(data.clone())).await;
        let created = ctx.client.create_user(&Default::default()).await.unwrap();
        assert_eq!(created.data, Some(CreatedUser { user_id: "U1".into() }), "{data}");
    }
    let written = serde_json::to_value(CreatedUser { user_id: "U1".into() }).unwrap();
    assert_eq!(written, json!({"id": "U1", "userId": "U1"}));
}

#[tokio::test]
async fn dns_records_are_read_as_an_array_or_an_object() {
    let record = json!({"recordId": "R1", "host": "_dmarc", "value": "v=DMARC1; p=none", "recordType": "TXT",
        "priority": "", "ttl": 3600});
    let disabled = json!({"recordId": "R2", "host": "@", "value": "1.2.3.4", "recordType": "A", "priority": 10, "ttl": "300"});
    let shapes = [
        (json!([record]), 0),
        (json!({"records": [record]}), 0),
        (json!({"records": [record], "disabledRecords": [disabled]}), 1),
    ];
    for (data, disabled_count) in shapes {
        let ctx = Ctx::start().await;
        answer(&ctx, "GET", ok_reply(data.clone())).await;
        let records = ctx.client.get_dns_records(USER, "acme.com").await.unwrap().data;
        assert_eq!(records.records.len(), 1, "{data}");
        assert_eq!(records.records[0].record_type, Some(DnsRecordType::Txt));
        assert_eq!(records.records[0].priority, None);
        assert_eq!(records.disabled_records.len(), disabled_count);
        if disabled_count == 1 {
            assert_eq!(records.disabled_records[0].priority.as_deref(), Some("10"));
            assert_eq!(records.disabled_records[0].ttl, Some(300));
        }
    }
}

#[tokio::test]
async fn domains_are_read_as_an_array_or_an_object() {
    let domain = json!({"domainId": "D1", "domainName": "acme.com", "status": "GRACE_PERIOD", "autoRenew": "true",
        "forwardTo": null, "registrar": "X"});
    for data in [json!([domain]), json!({"domains": [domain], "pagination": {"totalPages": 1}})] {
        let ctx = Ctx::start().await;
        answer(&ctx, "GET", ok_reply(data)).await;
        let page = ctx.client.get_domains_for_user(USER, &Default::default()).await.unwrap().data;
        assert_eq!(page.domains[0].status, Some(DomainStatus::GracePeriod));
        assert_eq!(page.domains[0].auto_renew, Some(true));
        assert_eq!(page.domains[0].name(), Some("acme.com"));
        assert_eq!(page.domains[0].extra["registrar"], "X");
    }
}

#[tokio::test]
async fn prices_keep_their_decimal_text() {
    let ctx = Ctx::start().await;
    answer(
        &ctx,
        "POST",
        ok_reply(json!([{"domainName": "a.com", "renewalPrice": "14.50"}, {"domainName": "b.com", "renewalPrice": 9.99}])),
    )
    .await;
    let prices = ctx.client.get_domain_renewal_price(USER, &Default::default()).await.unwrap().data;
    assert_eq!(prices[0].renewal_price.as_ref().unwrap().as_str(), "14.50");
    assert_eq!(prices[0].renewal_price.as_ref().unwrap().to_cents(), Some(1450));
    assert_eq!(prices[1].renewal_price, Some(Money::from_cents(999)));
}

#[tokio::test]
async fn unknown_enum_values_do_not_fail_a_list() {
    let ctx = Ctx::start().await;
    answer(
        &ctx,
        "GET",
        ok_reply(json!({"subscriptions": [{"subscriptionId": "S1", "subscriptionStatus": "SUSPENDED", "serviceProvider": "ZOHO",
            "billingCycle": "YEARLY", "pricePerMailbox": 5}]})),
    )
    .await;
    let subs = ctx.client.list_subscriptions(&Default::default()).await.unwrap().data.subscriptions;
    assert_eq!(subs[0].subscription_status, Some(SubscriptionStatus::Other("SUSPENDED".into())));
    assert_eq!(subs[0].service_provider.as_ref().unwrap().as_str(), "ZOHO");
    assert_eq!(subs[0].price_per_mailbox.as_ref().unwrap().to_cents(), Some(500));
}

#[tokio::test]
async fn mailbox_by_id_is_read_wrapped_or_bare() {
    for data in [json!({"mailbox": {"mailboxId": "M1", "status": "CREATING_PASSWORD"}}), json!({"mailboxId": "M1"})] {
        let ctx = Ctx::start().await;
        answer(&ctx, "GET", ok_reply(data)).await;
        let details = ctx.client.get_mailbox_by_id("M1", None).await.unwrap().data;
        assert_eq!(details.mailbox.id(), Some("M1"));
    }
}

#[test]
fn the_reference_envelope_examples_parse() {
    let generic: Accepted = serde_json::from_value(
        json!({ "status": 200, "message": "human readable text", "data": { } , "actionId": "ACT_<uuid>" }),
    )
    .unwrap();
    assert_eq!(generic.action_id.as_deref(), Some("ACT_<uuid>"));
    let error: Accepted = serde_json::from_value(json!({"status":422,"message":"<validation message>","data":null})).unwrap();
    assert_eq!(error.status, 422);
    let typed: ApiResponse<Vec<u32>> = serde_json::from_value(json!({"status": 200, "message": "m", "data": [1]})).unwrap();
    assert_eq!(typed.data, vec![1]);
}

#[tokio::test]
async fn every_call_names_the_app_and_accepts_gzip() {
    let ctx = Ctx::start().await;
    Mock::given(method("GET"))
        .and(header("cmr-x-api-key", KEY))
        .and(header_regex("user-agent", r"^CMR-Desk/\d+\.\d+\.\d+"))
        .and(header_regex("accept-encoding", "gzip"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(ok_reply(json!({}))))
        .expect(1)
        .mount(&ctx.server)
        .await;
    ctx.client.list_countries().await.unwrap();
    ctx.verify().await;
}

#[tokio::test]
async fn the_base_url_path_is_kept() {
    // Ctx points the client at <server>/api/v1/integration; a path-only match would pass
    // without it, so check the full received path.
    let ctx = Ctx::start().await;
    answer(&ctx, "GET", ok_reply(json!({}))).await;
    ctx.client.list_states("US").await.unwrap();
    let received = ctx.server.received_requests().await.unwrap();
    assert_eq!(received[0].url.path(), "/api/v1/integration/geo/states");
    assert_eq!(received[0].url.query(), Some("countryCode=US"));
}
