use serde_json::{json, Value};

use crate::common::{ok_reply, Ctx};

cases! {
    "listCountries" => list_countries,
    "listStates" => list_states,
}

async fn list_countries(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"United States": "US"})));
    ctx.expect("GET", "/geo/countries", &[], None, reply).await;
    let countries = ctx.ok(ctx.client.list_countries().await).await;
    assert!(!countries.data.is_empty());
    ctx.verify().await;
}

async fn list_states(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"California": "CA"})));
    ctx.expect("GET", "/geo/states", &[("countryCode", "US")], None, reply).await;
    let states = ctx.ok(ctx.client.list_states("US").await).await;
    assert!(!states.data.is_empty());
    ctx.verify().await;
}
