//! The action tracker against the sandbox: orders tracked to the end, a paid order whose answer
//! is lost is created exactly once and reconciled, and tracking survives a restart.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use cmr_client::endpoints as ep;
use cmr_client::orders::{CreateOrderRequest, DomainOrderItem, MailboxOrderItem};
use cmr_client::ErrorCode;
use cmr_core::{ActionFilter, ActionState, AuditQuery, CoreEvent, Mutation};
use cmr_sandbox::{FaultConfig, World};
use common::*;

fn order(domain: &str) -> CreateOrderRequest {
    let mailbox = MailboxOrderItem { username: "ada".into(), first_name: "Ada".into(), last_name: "Lovelace".into(), ..Default::default() };
    CreateOrderRequest {
        domains: vec![DomainOrderItem { domain: domain.into(), years: 1, ..Default::default() }],
        mailboxes: BTreeMap::from([(domain.to_owned(), vec![mailbox])]),
        confirm: Some(true),
        ..Default::default()
    }
}

fn orders_for(sb: &cmr_sandbox::SandboxHandle, domain: &str) -> usize {
    sb.with_state(|s| s.orders.values().filter(|o| o.domains.iter().any(|d| d.name == domain)).count())
}

fn first_user(sb: &cmr_sandbox::SandboxHandle) -> String {
    sb.with_state(|s| s.users.keys().next().cloned().unwrap())
}

async fn place(desk: &cmr_core::Desk, user: &str, req: &CreateOrderRequest) -> Result<cmr_client::ApiResponse<Option<cmr_client::orders::OrderCreated>>, cmr_core::DeskError> {
    let subject = req.domains[0].domain.clone();
    let m = Mutation::new(&ep::CREATE_ORDER_JSON, subject).customer(user).request(req);
    desk.mutate(m, |c| async move { c.create_order_json(user, req).await }).await
}

async fn wait_state(desk: &cmr_core::Desk, sb: &cmr_sandbox::SandboxHandle, id: &str, want: ActionState) {
    let tracker = desk.tracker().clone();
    let id = id.to_owned();
    eventually(sb, &format!("action {id} {want:?}"), || tracker.get(&id).ok().map(|a| a.state) == Some(want)).await;
}

#[tokio::test]
async fn accepted_order_is_polled_to_the_end_with_events() {
    let sb = sandbox(World::Demo).await;
    let dir = tempfile::tempdir().unwrap();
    let (desk, sink) = open(dir.path(), &sb);
    let user = first_user(&sb);
    let reply = place(&desk, &user, &order("fresh-tracked-one.com")).await.expect("order accepted");
    let action_id = reply.action_id.clone().expect("orders carry an actionId");
    let actions = desk.tracker().list(&ActionFilter::default()).unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0].action_id.as_deref(), Some(action_id.as_str()));
    assert_eq!(actions[0].subject, "fresh-tracked-one.com");
    assert_eq!(actions[0].state, ActionState::Accepted);
    wait_state(&desk, &sb, &actions[0].id, ActionState::Succeeded).await;
    let states: Vec<ActionState> = sink
        .events()
        .into_iter()
        .filter_map(|e| match e {
            CoreEvent::Action(a) => Some(a.state),
            _ => None,
        })
        .collect();
    assert_eq!(states.first(), Some(&ActionState::Accepted));
    assert_eq!(states.last(), Some(&ActionState::Succeeded));
    let audit = desk.audit().query(&AuditQuery::default()).unwrap();
    assert_eq!(audit[0].action_id.as_deref(), Some(action_id.as_str()));
    desk.close();
}

#[tokio::test]
async fn paid_order_with_lost_answer_is_created_exactly_once() {
    let sb = sandbox(World::Demo).await;
    sb.set_faults(FaultConfig {
        commit_then_timeout_next: 1,
        hang_ms: 3_000,
        route: Some("POST /orders/json".into()),
        ..FaultConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    let user = first_user(&sb);
    let err = place(&desk, &user, &order("fresh-lost-answer.com")).await.expect_err("the answer is lost");
    assert_eq!(err.api_code(), Some(ErrorCode::OutcomeUnknown));
    let action = desk.tracker().list(&ActionFilter::default()).unwrap().remove(0);
    assert!(matches!(action.state, ActionState::Reconciling), "{action:?}");
    // Reconciliation reads the customer's domains, finds the order's domain, and stops there.
    wait_state(&desk, &sb, &action.id, ActionState::Submitted).await;
    let action = desk.tracker().get(&action.id).unwrap();
    assert!(action.detail.unwrap().contains("not sent again"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(orders_for(&sb, "fresh-lost-answer.com"), 1, "created exactly once");
    let entry = &desk.audit().query(&AuditQuery { operation: Some("create_order_json".into()), ..Default::default() }).unwrap()[0];
    assert_eq!(entry.result, "outcome_unknown");
    assert!(entry.outcome.as_deref().unwrap().starts_with("reconciled: applied"), "{entry:?}");
    desk.close();
}

#[tokio::test]
async fn a_dropped_order_stays_unknown_until_a_person_checks_and_releases_it() {
    let sb = sandbox(World::Demo).await;
    sb.set_faults(FaultConfig { drop_next: 1, route: Some("POST /orders/json".into()), ..FaultConfig::default() });
    let dir = tempfile::tempdir().unwrap();
    let (desk, _) = open(dir.path(), &sb);
    let user = first_user(&sb);
    let req = order("fresh-never-arrived.com");
    let err = place(&desk, &user, &req).await.expect_err("connection dropped");
    assert_eq!(err.api_code(), Some(ErrorCode::OutcomeUnknown));
    let action = desk.tracker().list(&ActionFilter::default()).unwrap().remove(0);
    // Reads that do not show the order are no proof it never arrived: it stays unknown.
    wait_state(&desk, &sb, &action.id, ActionState::OutcomeUnknown).await;
    assert!(desk.tracker().get(&action.id).unwrap().detail.unwrap().contains("not seen"));
    assert_eq!(orders_for(&sb, "fresh-never-arrived.com"), 0);
    let entry = &desk.audit().query(&AuditQuery::default()).unwrap()[0];
    assert!(entry.outcome.as_deref().unwrap().starts_with("reconciled: still unknown"), "{entry:?}");

    // Refused while unknown; a release needs a check first, then the typed phrase.
    assert!(matches!(place(&desk, &user, &req).await, Err(cmr_core::DeskError::InFlight(_))));
    assert!(desk.release_action(&action.id, cmr_core::RELEASE_PHRASE).is_err(), "not checked yet");
    let checked = desk.check_action(&action.id).await.unwrap();
    assert_eq!(checked.state, ActionState::OutcomeUnknown);
    assert!(checked.checked_at.is_some());
    assert!(desk.release_action(&action.id, "yes").is_err(), "the phrase is required");
    let released = desk.release_action(&action.id, cmr_core::RELEASE_PHRASE).unwrap();
    assert_eq!(released.state, ActionState::Released);
    place(&desk, &user, &req).await.expect("sent again after the release");
    assert_eq!(orders_for(&sb, "fresh-never-arrived.com"), 1);
    let entry = desk.audit().query(&AuditQuery::default()).unwrap().into_iter().find(|e| e.id == entry.id).unwrap();
    assert!(entry.outcome.as_deref().unwrap().starts_with("released"), "{entry:?}");
    desk.close();
}

#[tokio::test]
async fn tracking_resumes_after_a_restart() {
    let sb = sandbox(World::Demo).await;
    let dir = tempfile::tempdir().unwrap();
    let user = first_user(&sb);
    let (desk, _) = open(dir.path(), &sb);
    place(&desk, &user, &order("fresh-restart-a.com")).await.unwrap();
    place(&desk, &user, &order("fresh-restart-b.com")).await.unwrap();
    // The process "dies": every task stops, nothing is flushed specially.
    desk.close();
    drop(desk);
    sb.advance(Duration::from_secs(600));
    let (desk, sink) = open(dir.path(), &sb);
    let tracker = desk.tracker().clone();
    eventually(&sb, "both orders done after restart", || {
        let all = tracker.list(&ActionFilter::default()).unwrap();
        all.len() == 2 && all.iter().all(|a| a.state == ActionState::Succeeded)
    })
    .await;
    assert!(sink.events().iter().any(|e| matches!(e, CoreEvent::Action(a) if a.state == ActionState::Succeeded)));
    assert_eq!(orders_for(&sb, "fresh-restart-a.com"), 1);
    desk.close();
}

#[tokio::test]
async fn a_call_in_flight_at_a_crash_is_reconciled_on_open() {
    let sb = sandbox(World::Demo).await;
    // Every order hangs: the desk is closed while the call is still out.
    sb.set_faults(FaultConfig { latency_ms: 400, ..FaultConfig::default() });
    let dir = tempfile::tempdir().unwrap();
    let user = first_user(&sb);
    let (desk, _) = open(dir.path(), &sb);
    let call = {
        let desk = desk.clone();
        let user = user.clone();
        tokio::spawn(async move { place(&desk, &user, &order("fresh-in-flight.com")).await })
    };
    let tracker = desk.tracker().clone();
    while !tracker.list(&ActionFilter::default()).unwrap().iter().any(|a| a.state == ActionState::Sending) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    call.abort();
    desk.close();
    drop(desk);
    let sending = cmr_core::db::Db::open_in(dir.path())
        .unwrap()
        .with(|c| c.query_row("SELECT COUNT(*) FROM actions WHERE state = 'sending'", [], |r| r.get::<_, i64>(0)))
        .unwrap();
    assert_eq!(sending, 1, "the call was written down before it was sent");
    sb.set_faults(FaultConfig::default());
    let (desk, _) = open(dir.path(), &sb);
    let tracker = desk.tracker().clone();
    eventually(&sb, "the interrupted order settled", || {
        tracker.list(&ActionFilter::default()).unwrap()[0].state.is_settled()
    })
    .await;
    let state = tracker.list(&ActionFilter::default()).unwrap()[0].state;
    let created = orders_for(&sb, "fresh-in-flight.com");
    // Whether the server got it or not, the tracker's finding matches the server, and it
    // was never sent a second time.
    assert!(created <= 1);
    assert_eq!(state, if created == 1 { ActionState::Submitted } else { ActionState::OutcomeUnknown });
    desk.close();
}

/// A progress screen watches the order instead of polling it: the tracker then reads it every
/// two seconds (not at its slow back-off) and reports each reading, the last one before the
/// action settles; an order nobody follows is not watched.
#[tokio::test]
async fn a_watched_order_is_read_often_and_each_reading_is_reported() {
    let sb = sandbox(World::Demo).await;
    let dir = tempfile::tempdir().unwrap();
    let sink = std::sync::Arc::new(cmr_core::MemorySink::default());
    let mut config = fast_config();
    // Left to its back-off, the tracker would not look again within this test's patience.
    config.tracker.first_poll = Duration::from_secs(120);
    config.tracker.max_interval = Duration::from_secs(120);
    let desk = cmr_core::Desk::open_with(dir.path(), "p-test", client(&sb), sink.clone(), config).expect("desk");
    let user = first_user(&sb);
    let reply = place(&desk, &user, &order("fresh-watched.com")).await.expect("order accepted");
    let order_id = reply.data.as_ref().and_then(|d| d.order_id.clone()).expect("an order id");
    assert!(!desk.tracker().watch_order("no-such-order").unwrap(), "nobody follows an unknown order");
    assert!(desk.tracker().watch_order(&order_id).unwrap(), "the tracker follows the order it placed");
    let id = desk.tracker().list(&ActionFilter::default()).unwrap()[0].id.clone();
    wait_state(&desk, &sb, &id, ActionState::Succeeded).await;

    let events = sink.events();
    let readings: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            CoreEvent::Order(r) => Some(r.clone()),
            _ => None,
        })
        .collect();
    assert!(!readings.is_empty(), "each reading is reported");
    assert!(readings.iter().all(|r| r.order_id == order_id && r.id == id && r.customer_id == user));
    assert!(readings.last().unwrap().status.finished, "the last reading is the finished status");
    let last_reading = events.iter().rposition(|e| matches!(e, CoreEvent::Order(_))).unwrap();
    let settled = events.iter().position(|e| matches!(e, CoreEvent::Action(a) if a.state == ActionState::Succeeded)).unwrap();
    assert!(last_reading < settled, "the reading goes out before the settled state");
    desk.tracker().unwatch_order(&order_id);
    desk.close();
}
