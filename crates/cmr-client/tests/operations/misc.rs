use cmr_client::misc::SendErrorRequest;
use serde_json::{json, Value};

use crate::common::{accepted_reply, Ctx};

cases! {
    "sendError" => send_error,
}

async fn send_error(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    let body = json!({"message": "Export failed in client", "context": {"operation": "exportMailboxesToPlatform"}});
    ctx.expect("POST", "/send-error", &[], Some(body), reply).await;
    let mut request = SendErrorRequest::new("Export failed in client");
    request.context = json!({"operation": "exportMailboxesToPlatform"});
    ctx.ok(ctx.client.send_error(&request).await).await;
    ctx.verify().await;
}
