//! The typed client against the sandbox over real HTTP: users, geo, domains, DNS, exports,
//! wallet and error reports. Happy paths and the documented error paths.

#[macro_use]
mod common;

use cmr_client::dns::*;
use cmr_client::domains::*;
use cmr_client::exports::*;
use cmr_client::misc::SendErrorRequest;
use cmr_client::users::*;
use cmr_client::{DnsRecordType, DmarcTag, DomainStatus, ErrorCode, ExportPlatform, ServiceProvider};
use common::*;

fn new_user(email: &str) -> NewUser {
    NewUser {
        email: email.into(),
        company: "Nordlicht Media".into(),
        first_name: "Ingrid".into(),
        last_name: "Solberg".into(),
        country: "DE".into(),
        state: "Berlin".into(),
        city: "Berlin".into(),
        address_line_one: "Torstraße 1".into(),
        postal_code: "10119".into(),
        language_preference: "de".into(),
        phone_cc: "49".into(),
        phone: "30123456".into(),
        ..Default::default()
    }
}

async fn users_and_geo() {
    let bed = start().await;
    let c = client(&bed);
    let created = c.create_user(&new_user("ingrid@nordlicht.example")).await.unwrap();
    let id = created.data.unwrap().user_id;
    let page = c.list_users(&ListUsersQuery { search: Some("nordlicht".into()), ..Default::default() }).await.unwrap();
    assert_eq!(page.data.users.len(), 1);
    assert_eq!(c.list_all_users(None).await.unwrap().len(), 6);
    let user = c.get_user(&id).await.unwrap().data;
    assert_eq!(user.user_id(), Some(id.as_str()));
    assert_eq!(user.fields.city.as_deref(), Some("Berlin"));
    let upd = UserUpdate { city: Some("Hamburg".into()), ..Default::default() };
    assert_eq!(c.update_user(&id, &upd).await.unwrap().data.unwrap().fields.city.as_deref(), Some("Hamburg"));
    assert_eq!(c.delete_user(&id).await.unwrap().message, "User successfully deleted");

    assert_eq!(status_of(c.get_user(&id).await), 404);
    assert_eq!(status_of(c.get_user("").await), 400);
    if !lenient() { assert_eq!(status_of(c.create_user(&new_user("bad address")).await), 422); } // an assumed rule: off when lenient
    assert_eq!(status_of(c.update_user("NOPE", &upd).await), 422);
    let err = c.delete_user(USER).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unprocessable);
    // The refusal's counts reach the client in `details` (the envelope's `data`).
    let (domains, mailboxes) = bed.sb.with_state(|s| {
        (s.domains.values().filter(|d| d.user_id == USER).count(), s.mailboxes.values().filter(|m| m.user_id == USER).count())
    });
    let details = err.api().and_then(|a| a.details.clone()).expect("counts in details");
    assert_eq!(details, serde_json::json!({"domainCount": domains, "mailboxCount": mailboxes}));

    let countries = c.list_countries().await.unwrap().data;
    assert_eq!(countries.get("United States").map(String::as_str), Some("US"));
    let states = c.list_states("US").await.unwrap().data;
    assert_eq!(states.get("New York").map(String::as_str), Some("NY"));
    assert_eq!(status_of(c.list_states("ZZ").await), 400);

    let bad_key = {
        let mut cfg = cmr_client::ClientConfig::new(bed.sb.base_url(), cmr_client::ApiKey::new("wrong-key"));
        cfg.max_retries = 0;
        cmr_client::CmrClient::new(cfg).unwrap()
    };
    assert_eq!(bad_key.get_wallet_details().await.unwrap_err().code(), ErrorCode::Unauthorized);
}

async fn domains_listing_availability_and_renewal() {
    let bed = start().await;
    let c = client(&bed);
    let all = c.get_all_domains_for_user(USER).await.unwrap();
    assert!(all.len() >= 5);
    let grace = c.get_domains_for_user(USER, &DomainListQuery { status: Some(DomainStatus::Active), ..Default::default() }).await.unwrap();
    assert!(grace.data.domains.iter().all(|d| d.status == Some(DomainStatus::Active)));
    assert!(c.get_domains_for_user("NOPE", &DomainListQuery::default()).await.unwrap().data.domains.is_empty());

    let sugg = c.suggest_available_domains(None, &SuggestDomainsRequest { domain: "fresh-lumen".into(), tlds: Some(vec![".com".into(), ".io".into()]), ..Default::default() }).await.unwrap();
    assert!(sugg.data.0.iter().any(|s| s.name() == Some("fresh-lumen.io") && s.available == Some(true)));
    let io = sugg.data.0.iter().find(|s| s.name() == Some("fresh-lumen.io")).unwrap();
    assert_eq!(io.price.as_ref().unwrap().to_cents(), Some(3500));
    if !lenient() { assert_eq!(status_of(c.suggest_available_domains(None, &SuggestDomainsRequest { domain: "x".into(), tlds: Some(vec!["zz".into()]), ..Default::default() }).await), 422); } // an assumed rule: off when lenient
    let one = c.get_single_available_domain(Some(USER), &SingleDomainRequest { domain_name: "taken-lumen.com".into(), ..Default::default() }).await.unwrap();
    assert_eq!(one.data.unwrap().available, Some(false));
    if !lenient() { assert_eq!(status_of(c.get_single_available_domain(None, &SingleDomainRequest { domain_name: "no dots".into(), ..Default::default() }).await), 422); } // an assumed rule: off when lenient

    let item = |d: &str| WorkspaceCheckItem { domain_name: d.into(), service_provider: Some(ServiceProvider::Google) };
    assert_eq!(c.check_workspace_exists(&WorkspaceCheckRequest::Single(item("fresh-lumen.com"))).await.unwrap().message, "Workspace not exists");
    assert_eq!(status_of(c.check_workspace_exists(&WorkspaceCheckRequest::Single(item("workspace-lumen.com"))).await), 409);
    let bulk = c.check_workspace_exists(&WorkspaceCheckRequest::Bulk { domains: vec![item("fresh-a.com"), item("workspace-b.com")] }).await.unwrap();
    assert_eq!(bulk.data.unwrap().as_array().unwrap().len(), 2);

    let (near, _) = bed.sb.with_state(|s| {
        let d = s.domains.values().find(|d| d.user_id == USER && d.status.as_str() == "ACTIVE" && d.expire_on - s.now < 45 * 86_400_000).unwrap();
        (d.name.clone(), ())
    });
    let price = c.get_domain_renewal_price(USER, &DomainsRequest::new([near.clone()])).await.unwrap();
    assert_eq!(price.data[0].domain_name, near);
    assert!(price.data[0].renewal_price.is_some());
    assert_eq!(status_of(c.get_domain_renewal_price(USER, &DomainsRequest::new(["not-mine.com"])).await), 422);
    let renew = c.renew_domains(USER, &RenewDomainsRequest { domains: vec![near.clone()], ..Default::default() }).await.unwrap();
    assert!(renew.action_id.unwrap().starts_with("ACT_"));
    if !lenient() { assert_eq!(status_of(c.renew_domains(USER, &RenewDomainsRequest { domains: vec![near.clone()], ..Default::default() }).await), 422, "already renewing"); } // an assumed rule: off when lenient
    let t = c.toggle_domain_auto_renew(USER, &ToggleDomainAutoRenewRequest { domains: vec![near.clone()], auto_renew: true, ..Default::default() }).await.unwrap();
    assert!(t.data.unwrap()[0].auto_renew);
    assert_eq!(status_of(c.toggle_domain_auto_renew("", &ToggleDomainAutoRenewRequest { domains: vec![near], auto_renew: true, ..Default::default() }).await), 400);
}

async fn domain_forwarding_client_id_and_removal() {
    let bed = start().await;
    let c = client(&bed);
    let (name, bare) = bed.sb.with_state(|s| {
        let with_boxes = s.domains.values().find(|d| d.user_id == USER && d.status.as_str() == "ACTIVE" && d.provider.as_str() == "GOOGLE"
            && !s.domain_mailboxes(&d.id).is_empty() && s.domain_mailboxes(&d.id).iter().all(|m| m.status.as_str() == "ACTIVE")).unwrap();
        let bare = s.domains.values().find(|d| d.status.as_str() == "ACTIVE" && s.domain_mailboxes(&d.id).is_empty() && d.user_id == USER)
            .map(|d| d.name.clone());
        (with_boxes.name.clone(), bare)
    });
    let fwd = DomainForwardingRequest { domains: Some(vec![name.clone()]), forward_to: "https://acme-main.example".into(), mask_forwarding: Some(false), ..Default::default() };
    assert!(c.add_domain_forwarding(USER, &fwd).await.unwrap().action_id.is_some());
    let email = EmailForwardingRequest { domains: Some(vec![name.clone()]), email: "support@acme.example".into(), ..Default::default() };
    assert!(c.add_email_forwarding(USER, &email).await.unwrap().action_id.is_some());
    bed.advance(10);
    let d = c.get_all_domains_for_user(USER).await.unwrap().into_iter().find(|d| d.name() == Some(name.as_str())).unwrap();
    assert_eq!(d.forward_to.as_deref(), Some("https://acme-main.example"));
    assert_eq!(d.email_forwarding.as_deref(), Some("support@acme.example"));
    assert_eq!(bed.events("dns-record.updated").len(), 2);
    assert_eq!(status_of(c.add_domain_forwarding(USER, &DomainForwardingRequest { domains: Some(vec!["nope.com".into()]), forward_to: "x.com".into(), ..Default::default() }).await), 422);

    let cid = AddGoogleClientIdRequest { domains: vec![name.clone()], client_id: "1234-abc.apps.googleusercontent.com".into(), app_name: "EmailBison".into(), ..Default::default() };
    assert!(c.add_google_client_id_to_domain(USER, &cid).await.is_ok());
    let bad = AddGoogleClientIdRequest { client_id: "not-a-client-id".into(), ..cid };
    if !lenient() { assert_eq!(status_of(c.add_google_client_id_to_domain(USER, &bad).await), 400); } // an assumed rule: off when lenient

    assert_eq!(status_of(c.remove_domains(USER, &RemoveDomainsRequest { domains: Some(vec![name]), ids: None }).await), 422);
    if let Some(bare) = bare {
        assert!(c.remove_domains(USER, &RemoveDomainsRequest { domains: Some(vec![bare.clone()]), ids: None }).await.is_ok());
        bed.advance(10);
        assert!(bed.sb.with_state(|s| s.domain_by_name(&bare).is_none()));
    }
}

async fn dns_round_trip_through_the_client() {
    let bed = start().await;
    let c = client(&bed);
    let (domain, user) = bed.domain_in("ACTIVE");
    let recs = c.get_dns_records(&user, &domain).await.unwrap().data.records;
    assert!(recs.iter().any(|r| r.record_type == Some(DnsRecordType::Mx)));
    let mut dmarc = DnsRecordInput::new(DnsRecordType::Txt, "_dmarc.mail", "v=DMARC1; p=reject");
    dmarc.excluded_dmarc_tags = Some(vec![DmarcTag::Rua, DmarcTag::Ruf, DmarcTag::Pct]);
    let add = c.add_dns_records(&user, &AddDnsRecordsRequest { domain: domain.clone(), records: vec![dmarc] }).await.unwrap();
    assert!(add.action_id.is_some());
    let recs = c.get_dns_records(&user, &domain).await.unwrap().data.records;
    let made = recs.iter().find(|r| r.host == "_dmarc.mail").unwrap();
    assert_eq!(made.value, "v=DMARC1; p=reject; fo=0; rf=afrf; ri=604800; sp=reject; aspf=r; adkim=r");
    let id = made.record_id.clone().unwrap();
    let upd = UpdateDnsRecordRequest { record_id: id.clone(), domain: domain.clone(), record: DnsRecordInput::new(DnsRecordType::Txt, "_dmarc.mail", "v=DMARC1; p=none; pct=50") };
    let r = c.update_dns_record(&user, &upd).await.unwrap();
    assert_eq!(r.data.unwrap().status.as_deref(), Some("Success"));
    let after = c.get_dns_records(&user, &domain).await.unwrap().data.records;
    assert!(after.iter().any(|r| r.record_id.as_deref() == Some(id.as_str()) && r.value.contains("pct=50")), "same id after update");
    let mut wrong = DnsRecordInput::new(DnsRecordType::Cname, "www2", "x.example.com");
    wrong.excluded_dmarc_tags = Some(vec![DmarcTag::Rua]);
    assert_eq!(status_of(c.add_dns_records(&user, &AddDnsRecordsRequest { domain: domain.clone(), records: vec![wrong] }).await), 400);
    let bad_ip = DnsRecordInput::new(DnsRecordType::A, "api", "300.1.2.3");
    if !lenient() { assert_eq!(status_of(c.add_dns_records(&user, &AddDnsRecordsRequest { domain: domain.clone(), records: vec![bad_ip] }).await), 422); } // an assumed rule: off when lenient
    assert!(c.delete_dns_records(&user, &DeleteDnsRecordsRequest { domain: domain.clone(), record_ids: vec![id.clone()] }).await.is_ok());
    assert_eq!(status_of(c.delete_dns_records(&user, &DeleteDnsRecordsRequest { domain: domain.clone(), record_ids: vec![id] }).await), 422);
    assert_eq!(status_of(c.get_dns_records(&user, "not-mine.com").await), 422);
}

async fn exports_credentials_and_platform_exports() {
    let bed = start().await;
    let c = client(&bed);
    let input = PlatformCredentialInput {
        app: ExportPlatform::Instantly,
        credentials: PlatformLogin { email: "growth@acme.example".into(), password: "s3cret-pass".into() },
        metadata: None,
        org_id: None,
    };
    let cred = c.add_platform_credential(USER, &input).await.unwrap().data.unwrap().credential_id.unwrap();
    let platforms = c.get_connected_platforms(USER).await.unwrap().data;
    assert!(platforms["INSTANTLY"].connected);
    assert_eq!(platforms["INSTANTLY"].credentials.len(), 2);
    let ws = c.get_platform_workspaces(USER, &cred).await.unwrap().data.0;
    let org = ws[0].org_id.clone().unwrap();
    let mailbox = active_mailbox(&bed, USER);
    let export = ExportMailboxesRequest { credential_id: cred.clone(), component_mailbox_ids: vec![mailbox.clone()] };
    if !lenient() { assert_eq!(status_of(c.export_mailboxes_to_platform(USER, &export).await), 400, "Instantly needs a workspace first"); } // an assumed rule: off when lenient
    c.update_platform_credential(USER, &UpdatePlatformCredentialRequest { credential_id: cred.clone(), credentials: None, org_id: Some(org) }).await.unwrap();
    assert!(c.export_mailboxes_to_platform(USER, &export).await.unwrap().action_id.is_some());
    if !lenient() { assert_eq!(status_of(c.export_mailboxes_to_platform(USER, &export).await), 400, "already in progress"); } // an assumed rule: off when lenient
    bed.advance(20);
    assert!(bed.events("mailbox.exported").iter().any(|e| e["data"]["mailboxId"] == mailbox.as_str()));

    let bad = PlatformCredentialInput { credentials: PlatformLogin { email: "x@y.example".into(), password: "invalid-pass".into() }, ..input.clone() };
    assert_eq!(status_of(c.add_platform_credential(USER, &bad).await), 400);
    let eb = PlatformCredentialInput { app: ExportPlatform::EmailBison, ..input.clone() };
    if !lenient() { assert_eq!(status_of(c.add_platform_credential(USER, &eb).await), 400, "EmailBison needs metadata.appBaseUrl"); } // an assumed rule: off when lenient
    assert_eq!(status_of(c.add_platform_credential("NOPE", &input).await), 404);
    let other = bed.sb.with_state(|s| s.users.keys().find(|u| *u != USER).unwrap().clone());
    assert_eq!(status_of(c.remove_platform_credential(&other, &cred).await), 403);
    let foreign = ExportMailboxesRequest { credential_id: cred.clone(), component_mailbox_ids: vec![active_mailbox(&bed, &other)] };
    assert_eq!(status_of(c.export_mailboxes_to_platform(USER, &foreign).await), 403);
    assert!(c.remove_platform_credential(USER, &cred).await.is_ok());
    assert_eq!(status_of(c.remove_platform_credential(USER, &cred).await), 404);
    assert_eq!(status_of(c.get_connected_platforms("NOPE").await), 403);

    let reexp = ReExportMailboxRequest { mailbox_id: mailbox.clone(), google: Some(cmr_client::GoogleOauthConfig {
        google_oauth_route: Some("https://app.example/oauth/google".into()), client_id: Some("1-a.apps.googleusercontent.com".into()), app_name: Some("App".into()) }), microsoft: None };
    let provider = bed.sb.with_state(|s| s.mailboxes[&mailbox].provider.as_str());
    if provider == "GOOGLE" {
        assert!(c.re_export_mailbox_o_auth(USER, &reexp).await.is_ok());
    }
    let none = ReExportMailboxRequest { google: None, ..reexp };
    assert_eq!(status_of(c.re_export_mailbox_o_auth(USER, &none).await), 400);
}

async fn wallet_and_send_error() {
    let bed = start().await;
    let c = client(&bed);
    let w = c.get_wallet_details().await.unwrap().data;
    assert_eq!(w.wallet_balance.unwrap().to_cents(), Some(bed.wallet_cents()));
    assert_eq!(w.auto_recharge_enabled, Some(false));
    let mut report = SendErrorRequest::new("Export failed in client");
    report.context = serde_json::json!({"screen": "exports"});
    assert!(c.send_error(&report).await.is_ok());
    assert_eq!(bed.sb.with_state(|s| s.errors.len()), 1);
    assert_eq!(status_of(c.send_error(&SendErrorRequest::new("")).await), 400);
}

strict_and_lenient!(
    users_and_geo,
    domains_listing_availability_and_renewal,
    domain_forwarding_client_id_and_removal,
    dns_round_trip_through_the_client,
    exports_credentials_and_platform_exports,
    wallet_and_send_error,
);
