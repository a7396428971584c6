use cmr_client::warmup::*;
use cmr_client::WarmupStatus;
use serde_json::{json, Value};

use crate::common::{accepted_reply, ok_reply, Ctx, USER};

cases! {
    "addWarmup" => add_warmup,
    "removeWarmup" => remove_warmup,
    "toggleWarmup" => toggle_warmup,
    "setWarmupStatus" => set_warmup_status,
    "updateWarmupSettings" => update_warmup_settings,
    "createPlacementTest" => create_placement_test,
    "getPlacementReports" => get_placement_reports,
}

const MAILBOX: &str = "GP6M2J2DHXM3F2J40S8AP316R2QR";

async fn add_warmup(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    ctx.expect("POST", "/mailboxes/warmup", &[("mailboxId", MAILBOX)], None, reply).await;
    ctx.ok(ctx.client.add_warmup(MAILBOX).await).await;
    ctx.verify().await;
}

async fn remove_warmup(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    ctx.expect("DELETE", "/mailboxes/warmup", &[("mailboxId", MAILBOX)], None, reply).await;
    ctx.ok(ctx.client.remove_warmup(MAILBOX).await).await;
    ctx.verify().await;
}

async fn toggle_warmup(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"status": "ACTIVE"})));
    ctx.expect("POST", "/mailboxes/warmup/toggle", &[("mailboxId", MAILBOX)], None, reply).await;
    let state = ctx.ok(ctx.client.toggle_warmup(MAILBOX).await).await;
    assert!(state.data.and_then(|s| s.status).is_some());
    ctx.verify().await;
}

async fn set_warmup_status(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    ctx.expect("PATCH", "/mailboxes/warmup/status", &[("mailboxId", MAILBOX)], Some(json!({"status": "PAUSED"})), reply)
        .await;
    ctx.ok(ctx.client.set_warmup_status(MAILBOX, &WarmupStatusRequest { status: WarmupStatus::Paused }).await).await;
    ctx.verify().await;
}

async fn update_warmup_settings(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"warmupLimit": 40, "warmupReplyRate": 0.3, "warmupOnWeekdays": true,
        "maximumDelayBetweenWarmupEmails": 300});
    ctx.expect("PATCH", "/mailboxes/warmup/settings", &[("mailboxId", MAILBOX)], Some(body), reply).await;
    let settings = WarmupSettings {
        warmup_limit: Some(40),
        warmup_reply_rate: Some(0.3),
        warmup_on_weekdays: Some(true),
        maximum_delay_between_warmup_emails: Some(300),
        ..Default::default()
    };
    ctx.ok(ctx.client.update_warmup_settings(MAILBOX, &settings).await).await;
    ctx.verify().await;
}

async fn create_placement_test(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"orderId": "7K2M9P4Q1R8S5T3U6V0W2X4Y8Z1A"})));
    let body = json!({"mailboxIds": [MAILBOX], "spamassassin": true, "blacklist": true, "aiInsight": false});
    ctx.expect("POST", "/placement", &[("userId", USER)], Some(body), reply).await;
    let request = PlacementTestRequest {
        mailbox_ids: vec![MAILBOX.into()],
        spamassassin: Some(true),
        blacklist: Some(true),
        ai_insight: Some(false),
    };
    ctx.ok(ctx.client.create_placement_test(USER, &request).await).await;
    ctx.verify().await;
}

async fn get_placement_reports(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| {
        ok_reply(json!([{"orderId": "O1", "status": "PENDING", "spamassassin": true, "blacklist": true, "mailboxCount": 1,
            "mailboxes": [{"placementOrderId": "P1", "fromEmail": "a@acme.com", "status": "PENDING",
                "report": {"inboxTest": {"google": [], "microsoft365": []}, "spamassassin": {}, "blacklist": {}}}]}]))
    });
    let query = [("userId", USER), ("orderId", "O1"), ("mailboxId", MAILBOX), ("page", "1"), ("limit", "10")];
    ctx.expect("GET", "/placement/reports", &query, None, reply).await;
    let q = PlacementReportsQuery {
        order_id: Some("O1".into()),
        mailbox_id: Some(MAILBOX.into()),
        page: Some(1),
        limit: Some(10),
    };
    ctx.ok(ctx.client.get_placement_reports(USER, &q).await).await;
    ctx.verify().await;
}
