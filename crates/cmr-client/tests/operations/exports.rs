use cmr_client::exports::*;
use cmr_client::{ExportPlatform, GoogleOauthConfig};
use serde_json::{json, Value};

use crate::common::{accepted_reply, ok_reply, Ctx, USER};

cases! {
    "addPlatformCredential" => add_platform_credential,
    "updatePlatformCredential" => update_platform_credential,
    "removePlatformCredential" => remove_platform_credential,
    "getConnectedPlatforms" => get_connected_platforms,
    "exportMailboxesToPlatform" => export_mailboxes_to_platform,
    "getPlatformWorkspaces" => get_platform_workspaces,
    "reExportMailboxOAuth" => re_export_mailbox_o_auth,
}

const CRED: &str = "A1B2C3D4E5F6G7H8";
const MAILBOX: &str = "GP6M2J2DHXM3F2J40S8AP316R2QR";

async fn add_platform_credential(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"credentialId": CRED})));
    let body = json!({"app": "EMAILBISON", "credentials": {"email": "john@agency.com", "password": "eb_password_abc123"},
        "metadata": {"appBaseUrl": "https://app.emailbison.com", "clientId": "client_eb_1234abcd", "appName": "EmailBison",
            "workspace": "my-workspace"}});
    ctx.expect("POST", "/exports/platform-credential", &[("userId", USER)], Some(body), reply).await;
    let request = PlatformCredentialInput {
        app: ExportPlatform::EmailBison,
        credentials: PlatformLogin { email: "john@agency.com".into(), password: "eb_password_abc123".into() },
        metadata: Some(PlatformMetadata {
            app_base_url: Some("https://app.emailbison.com".into()),
            client_id: Some("client_eb_1234abcd".into()),
            app_name: Some("EmailBison".into()),
            workspace: Some("my-workspace".into()),
            extra: Default::default(),
        }),
        org_id: None,
    };
    assert!(!format!("{request:?}").contains("eb_password_abc123"));
    ctx.ok(ctx.client.add_platform_credential(USER, &request).await).await;
    ctx.verify().await;
}

async fn update_platform_credential(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"credentialId": CRED, "orgId": "org-1"});
    ctx.expect("PUT", "/exports/platform-credential", &[("userId", USER)], Some(body), reply).await;
    let request = UpdatePlatformCredentialRequest { credential_id: CRED.into(), credentials: None, org_id: Some("org-1".into()) };
    ctx.ok(ctx.client.update_platform_credential(USER, &request).await).await;
    ctx.verify().await;
}

async fn remove_platform_credential(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    ctx.expect("DELETE", "/exports/platform-credential", &[("userId", USER), ("credentialId", CRED)], None, reply).await;
    ctx.ok(ctx.client.remove_platform_credential(USER, CRED).await).await;
    ctx.verify().await;
}

async fn get_connected_platforms(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"EMAILBISON": {"connected": false, "credentials": []}})));
    ctx.expect("GET", "/exports/platform-credentials", &[("userId", USER)], None, reply).await;
    ctx.ok(ctx.client.get_connected_platforms(USER).await).await;
    ctx.verify().await;
}

async fn export_mailboxes_to_platform(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"credentialId": CRED, "componentMailboxIds": [MAILBOX]});
    ctx.expect("POST", "/exports/platform-exports", &[("userId", USER)], Some(body), reply).await;
    let request = ExportMailboxesRequest { credential_id: CRED.into(), component_mailbox_ids: vec![MAILBOX.into()] };
    ctx.ok(ctx.client.export_mailboxes_to_platform(USER, &request).await).await;
    ctx.verify().await;
}

async fn get_platform_workspaces(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!([{"orgId": "org-1", "name": "Main"}])));
    ctx.expect("GET", "/exports/platform-workspaces", &[("userId", USER), ("credentialId", CRED)], None, reply).await;
    ctx.ok(ctx.client.get_platform_workspaces(USER, CRED).await).await;
    ctx.verify().await;
}

async fn re_export_mailbox_o_auth(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"mailboxId": MAILBOX, "google": {"googleOauthRoute": "https://yourapp.com/oauth/google",
        "clientId": "1234-abc.apps.googleusercontent.com", "appName": "YourApp"}});
    ctx.expect("POST", "/mailboxes/oauth", &[("userId", USER)], Some(body), reply).await;
    let request = ReExportMailboxRequest {
        mailbox_id: MAILBOX.into(),
        google: Some(GoogleOauthConfig {
            google_oauth_route: Some("https://yourapp.com/oauth/google".into()),
            client_id: Some("1234-abc.apps.googleusercontent.com".into()),
            app_name: Some("YourApp".into()),
        }),
        microsoft: None,
    };
    ctx.ok(ctx.client.re_export_mailbox_o_auth(USER, &request).await).await;
    ctx.verify().await;
}
