//! The app's rules (cmr_core::rules) against the sandbox's own copy of the wire contract, over
//! real HTTP: where the app offers an action the sandbox accepts it, and where the app refuses
//! the sandbox refuses too. A drift in either copy fails here.

mod common;

use std::collections::BTreeMap;

use cmr_client::mailboxes::{MailboxUpdateItem, UpdateMailboxDetailsRequest};
use cmr_client::subscriptions::RecreateSubscriptionsRequest;
use cmr_client::{OneOrMany, SubscriptionStatus};
use cmr_core::rules::{subscription_actions, username_problem, SubscriptionAction};
use cmr_sandbox::World;
use common::*;

#[tokio::test]
async fn recreate_is_accepted_exactly_where_the_app_offers_it() {
    let sb = sandbox(World::Demo).await;
    let c = client(&sb);
    // One subscription in each status the demo world holds.
    let by_status: BTreeMap<String, String> = sb.with_state(|s| {
        s.subscriptions.values().map(|x| (x.status.as_str().to_owned(), x.id.clone())).collect()
    });
    for status in ["ACTIVE", "CANCELLED", "EXPIRED", "PAST_DUE"] {
        assert!(by_status.contains_key(status), "the demo world has a {status} subscription: {by_status:?}");
    }
    for (status, id) in &by_status {
        let offered = subscription_actions(&SubscriptionStatus::from(status.as_str())).contains(&SubscriptionAction::Recreate);
        let request = RecreateSubscriptionsRequest::BySubscriptions { subscription_ids: vec![id.clone()] };
        let reply = c.recreate_subscriptions(&request).await;
        assert_eq!(reply.is_ok(), offered, "{status}: app offers recreate = {offered}, sandbox said {reply:?}");
    }
}

#[tokio::test]
async fn usernames_the_app_accepts_are_the_ones_the_sandbox_accepts() {
    let sb = sandbox(World::Demo).await;
    let c = client(&sb);
    let (user_id, mailbox_id) = sb.with_state(|s| {
        let m = s.mailboxes.values().find(|m| m.status.as_str() == "ACTIVE").expect("an active mailbox");
        (m.user_id.clone(), m.id.clone())
    });
    for (i, name) in ["a..b", "rename.me", ".lead", "trail.", "a-b_c", "a b", "ü", &"x".repeat(65)].iter().enumerate() {
        // Each accepted name is new, so uniqueness never decides.
        let name = if username_problem(name).is_none() { format!("{name}{i}") } else { name.to_string() };
        let item = MailboxUpdateItem { mailbox_id: mailbox_id.clone(), user_name: Some(name.clone()), ..Default::default() };
        let request = UpdateMailboxDetailsRequest { mailbox_data: OneOrMany::One(item) };
        let reply = c.update_mailbox_details(&user_id, &request).await;
        let app_accepts = username_problem(&name).is_none();
        assert_eq!(reply.is_ok(), app_accepts, "{name:?}: app says {:?}, sandbox said {reply:?}", username_problem(&name));
    }
}
