use serde_json::{json, Value};

use crate::common::{ok_reply, Ctx};

cases! {
    "getWalletDetails" => get_wallet_details,
}

async fn get_wallet_details(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"walletBalance": 125.5})));
    ctx.expect("GET", "/wallet", &[], None, reply).await;
    let wallet = ctx.ok(ctx.client.get_wallet_details().await).await;
    assert!(wallet.data.wallet_balance.is_some());
    ctx.verify().await;
}
