use cmr_client::users::{ListUsersQuery, NewUser, UserUpdate};
use serde_json::{json, Value};

use crate::common::{accepted_reply, ok_reply, Ctx, USER};

cases! {
    "listUsers" => list_users,
    "getUser" => get_user,
    "createUser" => create_user,
    "updateUser" => update_user,
    "deleteUser" => delete_user,
}

pub fn new_user() -> NewUser {
    NewUser {
        email: "johndoe@company.com".into(),
        company: "TechCorp Inc.".into(),
        first_name: "John".into(),
        last_name: "Doe".into(),
        country: "US".into(),
        state: "New York".into(),
        city: "New York".into(),
        address_line_one: "123 Main Street".into(),
        address_line_two: Some("Suite 400".into()),
        address_line_three: None,
        postal_code: "10001".into(),
        language_preference: "en".into(),
        phone_cc: "1".into(),
        phone: "2125551234".into(),
    }
}

fn new_user_json() -> Value {
    json!({"email":"johndoe@company.com","company":"TechCorp Inc.","firstName":"John","lastName":"Doe",
        "country":"US","state":"New York","city":"New York","addressLineOne":"123 Main Street",
        "addressLineTwo":"Suite 400","postalCode":"10001","languagePreference":"en","phoneCc":"1",
        "phone":"2125551234"})
}

async fn list_users(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"users": [], "pagination": {"totalPages": 1}})));
    ctx.expect("GET", "/users/list", &[("page", "2"), ("limit", "50"), ("search", "acme")], None, reply).await;
    let query = ListUsersQuery { page: Some(2), limit: Some(50), search: Some("acme".into()) };
    ctx.ok(ctx.client.list_users(&query).await).await;
    ctx.verify().await;
}

async fn get_user(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"userId": USER, "email": "johndoe@company.com"})));
    ctx.expect("GET", "/users", &[("userId", USER)], None, reply).await;
    ctx.ok(ctx.client.get_user(USER).await).await;
    ctx.verify().await;
}

async fn create_user(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"userId": USER})));
    ctx.expect("POST", "/users", &[], Some(new_user_json()), reply).await;
    let created = ctx.ok(ctx.client.create_user(&new_user()).await).await;
    assert!(!created.data.expect("created id").user_id.is_empty());
    ctx.verify().await;
}

async fn update_user(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(|| ok_reply(json!({"userId": USER, "city": "Boston"})));
    ctx.expect("PUT", "/users", &[("userId", USER)], Some(new_user_json()), reply).await;
    ctx.ok(ctx.client.update_user(USER, &UserUpdate::from(new_user())).await).await;
    ctx.verify().await;
}

async fn delete_user(ctx: Ctx, reply: Option<Value>) {
    let reply = reply.unwrap_or_else(accepted_reply);
    ctx.expect("DELETE", "/users", &[("userId", USER)], None, reply).await;
    ctx.ok(ctx.client.delete_user(USER).await).await;
    ctx.verify().await;
}
