use cmr_client::pagination::paginate;
use cmr_client::subscriptions::SubscriptionQuery;
use cmr_client::users::ListUsersQuery;
use futures_util::TryStreamExt;
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::common::{ok_reply, Ctx, BASE_PATH, USER};

fn users_page(ids: &[&str], current: u32, total: u32) -> Value {
    let users: Vec<Value> = ids.iter().map(|id| json!({"userId": id})).collect();
    ok_reply(json!({"users": users, "pagination": {"currentPage": current, "totalPages": total, "nextPage": current + 1}}))
}

async fn mount_page(ctx: &Ctx, api_path: &str, page: u32, body: Value) {
    Mock::given(method("GET"))
        .and(path(format!("{BASE_PATH}{api_path}")))
        .and(query_param("page", page.to_string()))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&ctx.server)
        .await;
}

#[tokio::test]
async fn all_users_follow_total_pages() {
    let ctx = Ctx::start().await;
    mount_page(&ctx, "/users/list", 1, users_page(&["A", "B"], 1, 3)).await;
    mount_page(&ctx, "/users/list", 2, users_page(&["C", "D"], 2, 3)).await;
    mount_page(&ctx, "/users/list", 3, users_page(&["E"], 3, 3)).await;
    let users = ctx.client.list_all_users(None).await.unwrap();
    let ids: Vec<_> = users.iter().filter_map(|u| u.user_id()).collect();
    assert_eq!(ids, ["A", "B", "C", "D", "E"]);
    ctx.verify().await;
}

#[tokio::test]
async fn the_stream_fetches_pages_lazily() {
    let ctx = Ctx::start().await;
    mount_page(&ctx, "/users/list", 1, users_page(&["A", "B"], 1, 2)).await;
    let client = ctx.client.clone();
    let mut stream = Box::pin(paginate(2, move |page| {
        let client = client.clone();
        async move { client.list_users(&ListUsersQuery { page: Some(page), limit: Some(2), search: None }).await }
    }));
    let first = stream.try_next().await.unwrap().unwrap();
    assert_eq!(first.user_id(), Some("A"));
    // Only page 1 was needed so far.
    assert_eq!(ctx.server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn lists_without_total_pages_stop_at_a_short_page() {
    let ctx = Ctx::start().await;
    let subs = |ids: std::ops::Range<u32>| {
        let items: Vec<Value> = ids.map(|i| json!({"subscriptionId": format!("S{i}")})).collect();
        ok_reply(json!({"subscriptions": items}))
    };
    mount_page(&ctx, "/subscriptions", 1, subs(0..100)).await;
    mount_page(&ctx, "/subscriptions", 2, subs(100..130)).await;
    let filter = SubscriptionQuery { user_id: Some(USER.into()), ..Default::default() };
    let all = ctx.client.list_all_subscriptions(&filter).await.unwrap();
    assert_eq!(all.len(), 130);
    ctx.verify().await;
}

#[tokio::test]
async fn errors_end_the_walk() {
    let ctx = Ctx::with(|c| c.max_retries = 0).await;
    mount_page(&ctx, "/mailboxes/single", 1, ok_reply(json!({"mailboxes": [{"mailboxId": "M1"}], "pagination": {"totalPages": 2}}))).await;
    Mock::given(method("GET"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&ctx.server)
        .await;
    let err = ctx.client.get_all_mailboxes_for_user(USER).await.unwrap_err();
    assert_eq!(err.code().as_str(), "upstream");
}
