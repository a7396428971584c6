//! endpoints.toml: an override moves a call to its path and method; the table's other entries
//! and the documented path are left alone; a bad file names each mistake.

use cmr_client::endpoints::{GET_DNS_RECORDS, LIST_USERS};
use cmr_client::{CmrError, EndpointOverrides};
use serde_json::json;

use crate::common::{Ctx, USER};

fn overrides(text: &str) -> EndpointOverrides {
    EndpointOverrides::from_toml(text, "endpoints.toml").expect("valid overrides")
}

#[tokio::test]
async fn an_override_moves_the_call_to_the_new_path_and_method() {
    let file = "[getDnsRecords]\npath = \"/dns/records\"\nmethod = \"POST\"\n\n[getWalletDetails]\npath = \"/partner/wallet\"\n";
    let ctx = Ctx::with(|c| c.endpoint_overrides = overrides(file)).await;
    let records = json!({"status": 200, "message": "ok", "data": []});
    ctx.expect("POST", "/dns/records", &[("userId", USER), ("domain", "acme.com")], None, records).await;
    let wallet = json!({"status": 200, "message": "ok", "data": {"walletBalance": 12.5}});
    ctx.expect("GET", "/partner/wallet", &[], None, wallet).await;
    let users = json!({"status": 200, "message": "ok", "data": {"users": []}});
    ctx.expect("GET", "/users/list", &[("page", "1"), ("limit", "20")], None, users.clone()).await;

    ctx.ok(ctx.client.get_dns_records(USER, "acme.com").await).await;
    let w = ctx.ok(ctx.client.get_wallet_details().await).await;
    assert_eq!(w.data.wallet_balance.unwrap().to_string(), "12.5");
    // Untouched operations keep the table's route, and the raw reads follow overrides too.
    let q = vec![("page".to_owned(), "1".to_owned()), ("limit".to_owned(), "20".to_owned())];
    let raw = ctx.ok(ctx.client.call_raw(&LIST_USERS, None, q, None).await).await;
    assert_eq!((raw.status, raw.body), (200, users));
    assert_eq!(ctx.client.route_of(&GET_DNS_RECORDS), (cmr_client::HttpMethod::Post, "/dns/records".to_owned()));
}

#[tokio::test]
async fn without_overrides_the_documented_path_is_used() {
    let ctx = Ctx::start().await;
    let records = json!({"status": 200, "message": "ok", "data": []});
    ctx.expect("GET", "/dns", &[("userId", USER), ("domain", "acme.com")], None, records).await;
    ctx.ok(ctx.client.get_dns_records(USER, "acme.com").await).await;
}

#[tokio::test]
async fn raw_calls_refuse_writes() {
    let ctx = Ctx::start().await;
    let err = ctx.client.call_raw(&cmr_client::endpoints::CREATE_ORDER_JSON, Some(USER), vec![], Some(json!({}))).await;
    assert!(matches!(err, Err(CmrError::InvalidRequest { .. })), "{err:?}");
    assert!(ctx.server.received_requests().await.unwrap_or_default().is_empty());
}

#[test]
fn an_invalid_file_gives_named_errors() {
    let text = "[getDnsRecordz]\npath = \"/dns\"\n\n[getWalletDetails]\npath = \"wallet\"\nmethod = \"FETCH\"\n\n[listUsers]\npath = \"/users list\"\n";
    let errors = EndpointOverrides::from_toml(text, "/home/me/.config/cmr-desk/endpoints.toml").unwrap_err();
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let f = "/home/me/.config/cmr-desk/endpoints.toml";
    assert_eq!(shown.len(), 4, "{shown:#?}");
    assert_eq!(shown[0], format!("{f}:1: getDnsRecordz: unknown operationId \"getDnsRecordz\""));
    assert!(shown[1].starts_with(&format!("{f}:5: getWalletDetails.path: path \"wallet\" must start with \"/\"")));
    assert!(shown[2].starts_with(&format!("{f}:6: getWalletDetails.method: unknown method \"FETCH\"")));
    assert!(shown[3].starts_with(&format!("{f}:9: listUsers.path: path \"/users list\" contains ' '")));
}
