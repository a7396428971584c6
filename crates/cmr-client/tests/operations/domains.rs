use cmr_client::domains::*;
use cmr_client::{DomainStatus, ServiceProvider};
use serde_json::{json, Value};

use crate::common::{accepted_reply, ok_reply, Ctx, USER};

cases! {
    "getDomainRenewalPrice" => get_domain_renewal_price,
    "renewDomains" => renew_domains,
    "toggleDomainAutoRenew" => toggle_domain_auto_renew,
    "getDomainsForUser" => get_domains_for_user,
    "suggestAvailableDomains" => suggest_available_domains,
    "getSingleAvailableDomain" => get_single_available_domain,
    "checkWorkspaceExists" => check_workspace_exists,
    "addDomainForwarding" => add_domain_forwarding,
    "addEmailForwarding" => add_email_forwarding,
    "addGoogleClientIdToDomain" => add_google_client_id_to_domain,
    "removeDomains" => remove_domains,
}

async fn get_domain_renewal_price(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!([{"domainName": "acme.com", "renewalPrice": "14.50"}])));
    let body = json!({"userId": USER, "domains": ["acme.com", "acme.io"]});
    ctx.expect("POST", "/domains/renewal-price", &[], Some(body), reply).await;
    let prices = ctx.ok(ctx.client.get_domain_renewal_price(USER, &DomainsRequest::new(["acme.com", "acme.io"])).await).await;
    assert!(!prices.data.is_empty());
    ctx.verify().await;
}

async fn renew_domains(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"userId": USER, "domains": ["acme.com"], "years": 1});
    ctx.expect("POST", "/domains/renew", &[], Some(body), reply).await;
    let request = RenewDomainsRequest { user_id: None, domains: vec!["acme.com".into()], years: Some(1) };
    ctx.ok(ctx.client.renew_domains(USER, &request).await).await;
    ctx.verify().await;
}

async fn toggle_domain_auto_renew(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!([{"domainName": "acme.com", "autoRenew": false}])));
    let body = json!({"userId": USER, "domains": ["acme.com"], "autoRenew": false});
    ctx.expect("PATCH", "/domains/toggle-auto-renew", &[], Some(body), reply).await;
    let request = ToggleDomainAutoRenewRequest { user_id: None, domains: vec!["acme.com".into()], auto_renew: false };
    ctx.ok(ctx.client.toggle_domain_auto_renew(USER, &request).await).await;
    ctx.verify().await;
}

async fn get_domains_for_user(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| {
        ok_reply(json!({"domains": [{"domainId": "D1", "domainName": "acme.com", "status": "GRACE_PERIOD"}]}))
    });
    let query = [("userId", USER), ("page", "1"), ("limit", "100"), ("status", "ACTIVE")];
    ctx.expect("GET", "/domains/by-user", &query, None, reply).await;
    let q = DomainListQuery { page: Some(1), limit: Some(100), status: Some(DomainStatus::Active) };
    ctx.ok(ctx.client.get_domains_for_user(USER, &q).await).await;
    ctx.verify().await;
}

async fn suggest_available_domains(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!([{"domain": "acme.io", "available": true, "price": 12.5}])));
    let body = json!({"userId": USER, "domain": "acme", "tlds": [".com", ".io"]});
    ctx.expect("POST", "/domains/suggest", &[], Some(body), reply).await;
    let request =
        SuggestDomainsRequest { user_id: None, domain: "acme".into(), tlds: Some(vec![".com".into(), ".io".into()]) };
    ctx.ok(ctx.client.suggest_available_domains(Some(USER), &request).await).await;
    ctx.verify().await;
}

async fn get_single_available_domain(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"domain": "acme.com", "available": false})));
    ctx.expect("POST", "/domains/available", &[], Some(json!({"domainName": "acme.com"})), reply).await;
    let request = SingleDomainRequest { user_id: None, domain_name: "acme.com".into() };
    ctx.ok(ctx.client.get_single_available_domain(None, &request).await).await;
    ctx.verify().await;
}

async fn check_workspace_exists(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| json!({"status": 200, "message": "Workspace not exists", "data": null}));
    let body = json!({"domains": [{"domainName": "acmecorp.com", "serviceProvider": "GOOGLE"}, {"domainName": "example.com"}]});
    ctx.expect("POST", "/domains/has-workspace", &[], Some(body), reply).await;
    let request = WorkspaceCheckRequest::Bulk {
        domains: vec![
            WorkspaceCheckItem { domain_name: "acmecorp.com".into(), service_provider: Some(ServiceProvider::Google) },
            WorkspaceCheckItem { domain_name: "example.com".into(), service_provider: None },
        ],
    };
    ctx.ok(ctx.client.check_workspace_exists(&request).await).await;
    ctx.verify().await;
}

async fn add_domain_forwarding(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"domains": ["acme.com"], "forwardTo": "https://acme-main.com", "maskForwarding": false});
    ctx.expect("POST", "/domains/forwarding", &[("userId", USER)], Some(body), reply).await;
    let request = DomainForwardingRequest {
        domains: Some(vec!["acme.com".into()]),
        domain_ids: None,
        forward_to: "https://acme-main.com".into(),
        mask_forwarding: Some(false),
    };
    ctx.ok(ctx.client.add_domain_forwarding(USER, &request).await).await;
    ctx.verify().await;
}

async fn add_email_forwarding(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"domainIds": ["D1"], "email": "support@company.com"});
    ctx.expect("POST", "/domains/email-forwarding", &[("userId", USER)], Some(body), reply).await;
    let request =
        EmailForwardingRequest { domains: None, domain_ids: Some(vec!["D1".into()]), email: "support@company.com".into() };
    ctx.ok(ctx.client.add_email_forwarding(USER, &request).await).await;
    ctx.verify().await;
}

async fn add_google_client_id_to_domain(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"userId": USER, "domains": ["acme.com"], "clientId": "1234-abc.apps.googleusercontent.com",
        "appName": "EmailBison"});
    ctx.expect("POST", "/domains/add-client-id", &[], Some(body), reply).await;
    let request = AddGoogleClientIdRequest {
        user_id: None,
        domains: vec!["acme.com".into()],
        client_id: "1234-abc.apps.googleusercontent.com".into(),
        app_name: "EmailBison".into(),
    };
    ctx.ok(ctx.client.add_google_client_id_to_domain(USER, &request).await).await;
    ctx.verify().await;
}

async fn remove_domains(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    ctx.expect("DELETE", "/domains", &[("userId", USER)], Some(json!({"domains": ["acme.com"]})), reply).await;
    let request = RemoveDomainsRequest { domains: Some(vec!["acme.com".into()]), ids: None };
    ctx.ok(ctx.client.remove_domains(USER, &request).await).await;
    ctx.verify().await;
}
