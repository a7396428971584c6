use cmr_client::mailboxes::*;
use cmr_client::{OneOrMany, PageQuery};
use serde_json::{json, Value};

use crate::common::{accepted_reply, ok_reply, Ctx, USER};

cases! {
    "listAllMailboxes" => list_all_mailboxes,
    "getMailboxesForUser" => get_mailboxes_for_user,
    "getMailboxById" => get_mailbox_by_id,
    "getMailboxAdminDetails" => get_mailbox_admin_details,
    "updateMailboxDetails" => update_mailbox_details,
    "removeMailbox" => remove_mailbox,
    "validateMailbox" => validate_mailbox,
}

const MAILBOX: &str = "GP6M2J2DHXM3F2J40S8AP316R2QR";

fn mailbox_list() -> Value {
    ok_reply(json!({"mailboxes": [{"mailboxId": MAILBOX, "email": "alice@acme.com", "status": "ACTIVE"}],
        "pagination": {"currentPage": 1, "totalPages": 1}}))
}

async fn list_all_mailboxes(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(mailbox_list);
    ctx.expect("GET", "/mailboxes", &[("page", "3"), ("limit", "25")], None, reply).await;
    ctx.ok(ctx.client.list_all_mailboxes(&PageQuery::page(3, 25)).await).await;
    ctx.verify().await;
}

async fn get_mailboxes_for_user(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(mailbox_list);
    ctx.expect("GET", "/mailboxes/single", &[("userId", USER)], None, reply).await;
    ctx.ok(ctx.client.get_mailboxes_for_user(USER, &PageQuery::default()).await).await;
    ctx.verify().await;
}

async fn get_mailbox_by_id(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"mailbox": {"mailboxId": MAILBOX, "status": "ACTIVE"}})));
    ctx.expect("GET", "/mailboxes/mailbox", &[("userId", USER), ("mailboxId", MAILBOX)], None, reply).await;
    ctx.ok(ctx.client.get_mailbox_by_id(MAILBOX, Some(USER)).await).await;
    ctx.verify().await;
}

async fn get_mailbox_admin_details(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"email": "admin@acme.com", "password": "pw"})));
    ctx.expect("GET", "/mailboxes/admin-mailbox-details", &[("userId", USER), ("mailboxId", MAILBOX)], None, reply)
        .await;
    let details = ctx.ok(ctx.client.get_mailbox_admin_details(USER, MAILBOX).await).await;
    assert!(!format!("{:?}", details.data).contains("password: Some"));
    ctx.verify().await;
}

async fn update_mailbox_details(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| {
        json!({"message": "Mailbox details will update shortly", "data": [
            {"mailboxId": MAILBOX, "success": true, "message": "Mailbox details will update shortly"},
            {"mailboxId": "X2", "success": false, "message": "Rate limit exceeded"}]})
    });
    let body = json!({"mailboxData": [
        {"mailboxId": MAILBOX, "userName": "alice.doe", "firstName": "Alice", "lastName": "Doe"},
        {"mailboxId": "X2", "removeProfilePicture": true}]});
    ctx.expect("PATCH", "/mailboxes/update-mailbox-details", &[("userId", USER)], Some(body), reply).await;
    let request = UpdateMailboxDetailsRequest {
        mailbox_data: OneOrMany::Many(vec![
            MailboxUpdateItem {
                mailbox_id: MAILBOX.into(),
                user_name: Some("alice.doe".into()),
                first_name: Some("Alice".into()),
                last_name: Some("Doe".into()),
                ..Default::default()
            },
            MailboxUpdateItem { mailbox_id: "X2".into(), remove_profile_picture: Some(true), ..Default::default() },
        ]),
    };
    ctx.ok(ctx.client.update_mailbox_details(USER, &request).await).await;
    ctx.verify().await;
}

async fn remove_mailbox(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    ctx.expect("DELETE", "/mailboxes/remove", &[("userId", USER)], Some(json!({"mailboxId": "JKFLDKDHSKTGITJAGFD"})), reply)
        .await;
    ctx.ok(ctx.client.remove_mailbox(USER, &MailboxIdRequest::new("JKFLDKDHSKTGITJAGFD")).await).await;
    ctx.verify().await;
}

async fn validate_mailbox(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"smtp": "ok", "dns": "ok"})));
    ctx.expect("POST", "/mailboxes/validate-mailbox", &[("userId", USER)], Some(json!({"mailboxId": MAILBOX})), reply)
        .await;
    ctx.ok(ctx.client.validate_mailbox(USER, &MailboxIdRequest::new(MAILBOX)).await).await;
    ctx.verify().await;
}
