//! Exactly once, for every paid or creating operation × every way an answer can be lost
//! after CMR committed the call: the effect happens once, the action is `outcome_unknown`
//! and then reconciled by reading state, and a second send is refused by the guard.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use cmr_client::exports::{PlatformCredentialInput, PlatformLogin};
use cmr_client::ExportPlatform;
use cmr_client::orders::{AddMailboxesMultipart, CreateOrderMultipart, CreateOrderRequest, DomainOrderItem, MailboxOrderItem, OrderMailboxesRequest};
use cmr_client::prewarmup::{PrewarmupOrderItem, PrewarmupOrderRequest, PrewarmupQuery, SandboxPrewarmupOrderRequest};
use cmr_client::subscriptions::{RecreateSubscriptionsRequest, SubscriptionIdsRequest};
use cmr_client::users::NewUser;
use cmr_client::warmup::PlacementTestRequest;
use cmr_client::domains::RenewDomainsRequest;
use cmr_client::{CmrClient, ErrorCode, SandboxScenario, ServiceProvider};
use cmr_core::{ActionFilter, ActionState, Desk, DeskConfig, DeskError, MemorySink, Mutation};
use cmr_sandbox::{CommitThen, FaultConfig, SandboxHandle, World};
use common::*;
use serde_json::json;

const OPS: [&str; 14] = [
    "create_user",
    "renew_domains",
    "create_order",
    "create_order_json",
    "order_mailboxes_json",
    "add_mailboxes_to_subscription",
    "process_order",
    "add_warmup",
    "create_placement_test",
    "renew_subscriptions",
    "recreate_subscriptions",
    "add_platform_credential",
    "order_prewarmup",
    "sandbox_order_prewarmup",
];

/// Everything a paid or creating call can leave behind in the simulated state.
fn effects(sb: &SandboxHandle) -> Vec<usize> {
    sb.with_state(|s| {
        vec![
            s.users.len(),
            s.orders.len(),
            s.credentials.len(),
            s.placements.len(),
            s.subscriptions.len(),
            s.transactions.len(),
            s.mailboxes.values().filter(|m| m.warmup.is_some()).count(),
            s.domains.len(),
            s.domains.values().filter(|d| d.status.as_str() == "RENEWING").count(),
            s.subscriptions.values().map(|x| x.period_end as usize % 1_000_003).sum(),
            s.domains.values().map(|d| d.expire_on as usize % 1_000_003).sum(),
        ]
    })
}

fn item(u: &str) -> MailboxOrderItem {
    MailboxOrderItem { username: u.into(), first_name: "Test".into(), last_name: u.into(), ..Default::default() }
}

fn domain_order(domain: &str, confirm: bool) -> CreateOrderRequest {
    CreateOrderRequest {
        domains: vec![DomainOrderItem { domain: domain.into(), years: 1, ..Default::default() }],
        mailboxes: BTreeMap::from([(domain.to_owned(), vec![item("ann")])]),
        confirm: Some(confirm),
        service_provider: Some(ServiceProvider::Google),
        ..Default::default()
    }
}

fn user_with_active_domain(sb: &SandboxHandle) -> String {
    sb.with_state(|s| {
        let near = s.domains.values().find(|d| d.status.as_str() == "ACTIVE" && d.expire_on - s.now < 45 * 86_400_000);
        near.map(|d| d.user_id.clone()).unwrap_or_else(|| s.users.keys().next().unwrap().clone())
    })
}

/// The route of an operation as the sandbox matches faults: `"POST /orders/json"`.
fn route(op: &str) -> String {
    let e = cmr_core::policy::endpoint(op).expect("known operation");
    // The sandbox compares the method without case.
    format!("{:?} {}", e.method, e.path)
}

/// What one case acts on, chosen once so a second send repeats the very same call.
struct Picks {
    user: String,
    near_domain: String,
    subscription: (String, String, String),
    warmup_mailbox: (String, String),
    placement_mailbox: (String, String),
    quote: Option<String>,
    prewarm_domain: Option<String>,
}

async fn pick(c: &CmrClient, sb: &SandboxHandle, op: &str, tag: &str) -> Picks {
    let user = user_with_active_domain(sb);
    let near_domain = sb.with_state(|s| {
        s.domains
            .values()
            .find(|d| d.user_id == user && d.status.as_str() == "ACTIVE" && d.expire_on - s.now < 45 * 86_400_000)
            .map(|d| d.name.clone())
            .unwrap_or_default()
    });
    let subscription = sb.with_state(|s| {
        let x = s.subscriptions.values().find(|x| x.status.as_str() == "ACTIVE").unwrap();
        (x.id.clone(), x.domain.clone(), x.user_id.clone())
    });
    let warmup_mailbox = sb.with_state(|s| {
        let m = s.mailboxes.values().find(|m| m.status.as_str() == "ACTIVE" && m.warmup.is_none()).unwrap();
        (m.id.clone(), m.user_id.clone())
    });
    let placement_mailbox = sb.with_state(|s| {
        let m = s.mailboxes.values().find(|m| m.status.as_str() == "ACTIVE").unwrap();
        (m.id.clone(), m.user_id.clone())
    });
    let quote = match op {
        "process_order" => {
            let quote = domain_order(&format!("fresh-once-quote-{tag}.com"), false);
            Some(c.create_order_json(&user, &quote).await.unwrap().data.unwrap().order_id.unwrap())
        }
        _ => None,
    };
    let prewarm_domain = match op {
        "order_prewarmup" => {
            let q = PrewarmupQuery { service_provider: Some(ServiceProvider::Microsoft), ..Default::default() };
            Some(c.list_prewarmup_inventory(&q).await.unwrap().data.inventory[0].domain.clone())
        }
        _ => None,
    };
    Picks { user, near_domain, subscription, warmup_mailbox, placement_mailbox, quote, prewarm_domain }
}

/// Sends one call of `op` through the desk on what `p` chose; returns what the desk
/// answered. `tag` keeps new names unique per case.
async fn send(desk: &Desk, c: &CmrClient, p: &Picks, op: &str, tag: &str) -> Result<(), DeskError> {
    macro_rules! go {
        ($m:expr, $call:expr) => {
            desk.mutate($m, |_| async move { $call.await }).await.map(|_| ())
        };
    }
    let user = p.user.clone();
    match op {
        "create_user" => {
            let u = NewUser {
                email: format!("once-{tag}@nordlicht.example"),
                company: "Nordlicht".into(),
                first_name: "Ingrid".into(),
                last_name: "Solberg".into(),
                country: "DE".into(),
                state: "Berlin".into(),
                city: "Berlin".into(),
                address_line_one: "Torstraße 1".into(),
                postal_code: "10119".into(),
                language_preference: "de".into(),
                phone_cc: "49".into(),
                phone: "30123456".into(),
                ..Default::default()
            };
            go!(Mutation::for_operation(op, &u.email).request(&u), c.create_user(&u))
        }
        "renew_domains" => {
            let domain = p.near_domain.clone();
            let r = RenewDomainsRequest { domains: vec![domain.clone()], ..Default::default() };
            go!(Mutation::for_operation(op, &domain).customer(&user).request(&r), c.renew_domains(&user, &r))
        }
        "create_order_json" => {
            let r = domain_order(&format!("fresh-once-json-{tag}.com"), true);
            go!(Mutation::for_operation(op, &r.domains[0].domain).customer(&user).request(&r), c.create_order_json(&user, &r))
        }
        "create_order" => {
            let base = domain_order(&format!("fresh-once-mp-{tag}.com"), true);
            let r = CreateOrderMultipart { domains: base.domains, mailboxes: base.mailboxes, confirm: Some(true), ..Default::default() };
            go!(Mutation::for_operation(op, &r.domains[0].domain).customer(&user).request(&r), c.create_order(&user, &r))
        }
        "order_mailboxes_json" | "add_mailboxes_to_subscription" => {
            let (sub, domain, sub_user) = p.subscription.clone();
            let mailboxes = BTreeMap::from([(domain.clone(), vec![item(&format!("more{}", tag.replace('-', "")))])]);
            if op == "order_mailboxes_json" {
                let r = OrderMailboxesRequest { subscription_id: Some(sub), mailboxes, confirm: Some(true), ..Default::default() };
                go!(Mutation::for_operation(op, &domain).customer(&sub_user).request(&r), c.order_mailboxes_json(&sub_user, &r))
            } else {
                let r = AddMailboxesMultipart { subscription_id: sub, mailboxes, confirm: Some(true), ..Default::default() };
                go!(Mutation::for_operation(op, &r.subscription_id).customer(&sub_user).request(&r), c.add_mailboxes_to_subscription(&sub_user, &r))
            }
        }
        "process_order" => {
            let order_id = p.quote.clone().unwrap();
            let body = json!({ "orderId": order_id });
            go!(Mutation::for_operation(op, &order_id).customer(&user).request(&body), c.process_order(&user, &order_id))
        }
        "add_warmup" => {
            // As the app's command sends it: a mailbox call names no customer.
            let (id, _owner) = p.warmup_mailbox.clone();
            let body = json!({ "mailboxId": id });
            go!(Mutation::for_operation(op, &id).request(&body), c.add_warmup(&id))
        }
        "create_placement_test" => {
            let (id, owner) = p.placement_mailbox.clone();
            let r = PlacementTestRequest { mailbox_ids: vec![id.clone()], spamassassin: Some(true), blacklist: Some(true), ai_insight: Some(false) };
            go!(Mutation::for_operation(op, &id).customer(&owner).request(&r), c.create_placement_test(&owner, &r))
        }
        "renew_subscriptions" | "recreate_subscriptions" => {
            let sub = p.subscription.0.clone();
            if op == "renew_subscriptions" {
                let r = SubscriptionIdsRequest { subscription_ids: vec![sub.clone()] };
                go!(Mutation::for_operation(op, &sub).request(&r), c.renew_subscriptions(&r))
            } else {
                let r = RecreateSubscriptionsRequest::BySubscriptions { subscription_ids: vec![sub.clone()] };
                go!(Mutation::for_operation(op, &sub).request(&r), c.recreate_subscriptions(&r))
            }
        }
        "add_platform_credential" => {
            let r = PlatformCredentialInput {
                app: ExportPlatform::Instantly,
                credentials: PlatformLogin { email: format!("growth-{tag}@acme.example"), password: "s3cret-pass".into() },
                metadata: None,
                org_id: None,
            };
            go!(Mutation::for_operation(op, "INSTANTLY").customer(&user).request(&r), c.add_platform_credential(&user, &r))
        }
        "order_prewarmup" => {
            let domain = p.prewarm_domain.clone().unwrap();
            let r = PrewarmupOrderRequest {
                order: vec![PrewarmupOrderItem { domain: domain.clone(), forward_to: None }],
                service_provider: ServiceProvider::Microsoft,
                google: None,
                microsoft_oauth_route: Some("https://app.example/oauth/ms".into()),
                auto_renew: Some(true),
            };
            go!(Mutation::for_operation(op, &domain).customer(&user).request(&r), c.order_prewarmup(&user, &r))
        }
        "sandbox_order_prewarmup" => {
            let r = SandboxPrewarmupOrderRequest {
                order: PrewarmupOrderRequest {
                    order: vec![PrewarmupOrderItem { domain: "sandbox.stratospherehq.com".into(), forward_to: None }],
                    service_provider: ServiceProvider::Microsoft,
                    google: None,
                    microsoft_oauth_route: None,
                    auto_renew: None,
                },
                scenario: Some(SandboxScenario::Success),
            };
            go!(Mutation::for_operation(op, "sandbox.stratospherehq.com").customer(&user).request(&r), c.sandbox_order_prewarmup(&user, &r))
        }
        other => panic!("no case for {other}"),
    }
}

fn quiet_desk(dir: &std::path::Path, sb: &SandboxHandle) -> Desk {
    let config = DeskConfig { background: false, ..fast_config() };
    Desk::open_with(dir, "p-once", client(sb), std::sync::Arc::new(MemorySink::default()), config).expect("desk")
}

#[test]
fn the_matrix_covers_every_paid_or_creating_operation() {
    let mut paid: Vec<String> = cmr_client::ENDPOINTS
        .iter()
        .map(|e| cmr_core::policy::snake_case(e.operation_id))
        .filter(|op| cmr_core::policy::policy(op).is_some_and(|p| p.paid_or_creating))
        .collect();
    paid.sort();
    let mut ours: Vec<String> = OPS.iter().map(|s| s.to_string()).collect();
    ours.sort();
    assert_eq!(paid, ours);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_paid_call_happens_once_whatever_loses_its_answer() {
    let mut cases = 0;
    let mut duplicates = 0;
    for op in OPS {
        // What one clean call changes.
        let clean = sandbox(World::Demo).await;
        let dir = tempfile::tempdir().unwrap();
        let desk = quiet_desk(dir.path(), &clean);
        let picks = pick(&client(&clean), &clean, op, "clean").await;
        let before = effects(&clean);
        send(&desk, &client(&clean), &picks, op, "clean").await.unwrap_or_else(|e| panic!("{op}: a clean call works: {e}"));
        clean.advance(Duration::from_secs(120));
        let one_call: Vec<i64> = effects(&clean).iter().zip(&before).map(|(a, b)| *a as i64 - *b as i64).collect();
        assert!(one_call.iter().any(|d| *d != 0), "{op}: a clean call leaves a trace");
        desk.close();

        for mode in CommitThen::ALL {
            cases += 1;
            let tag = format!("{}-{mode:?}", op.len()).to_ascii_lowercase();
            let sb = sandbox(World::Demo).await;
            let dir = tempfile::tempdir().unwrap();
            let desk = quiet_desk(dir.path(), &sb);
            let c = client(&sb);
            let picks = pick(&c, &sb, op, &tag).await;
            let before = effects(&sb);
            sb.set_faults(FaultConfig { commit_then_next: 1, commit_then: mode, hang_ms: 50, route: Some(route(op)), ..FaultConfig::default() });
            let err = send(&desk, &c, &picks, op, &tag).await.expect_err("the answer is lost");
            assert_eq!(err.api_code(), Some(ErrorCode::OutcomeUnknown), "{op} × {mode:?}: {err}");
            let action = desk.tracker().list(&ActionFilter::default()).unwrap().into_iter().find(|a| a.operation == op).expect("tracked");
            assert!(matches!(action.state, ActionState::Reconciling | ActionState::OutcomeUnknown), "{op} × {mode:?}: {action:?}");

            // The same purchase again is refused, naming the earlier action.
            match send(&desk, &c, &picks, op, &tag).await {
                Err(DeskError::InFlight(earlier)) => assert_eq!(earlier.id, action.id, "{op} × {mode:?}"),
                other => panic!("{op} × {mode:?}: a second send must be refused, got {other:?}"),
            }

            // Reading state settles it as applied.
            let mut state = action.state;
            for _ in 0..6 {
                sb.advance(Duration::from_secs(60));
                state = desk.check_action(&action.id).await.unwrap().state;
                if state == ActionState::Submitted {
                    break;
                }
            }
            assert_eq!(state, ActionState::Submitted, "{op} × {mode:?}: reconciled as applied");
            sb.advance(Duration::from_secs(120));
            let delta: Vec<i64> = effects(&sb).iter().zip(&before).map(|(a, b)| *a as i64 - *b as i64).collect();
            // Sums of dates differ by which item was renewed; counts must match exactly.
            let counts = |d: &[i64]| d[..9].to_vec();
            if counts(&delta) != counts(&one_call) {
                duplicates += 1;
                eprintln!("{op} × {mode:?}: effect {delta:?}, one call {one_call:?}");
            }
            desk.close();
        }
    }
    let figure = format!("exactly-once matrix: {} operations × {} modes = {cases} cases, {duplicates} duplicated effects\n", OPS.len(), CommitThen::ALL.len());
    print!("{figure}");
    // The test command prints this after the run (cargo keeps a passing test's output).
    if let Some(dir) = std::env::var_os("ARTIFACTS_DIR") {
        let _ = std::fs::write(std::path::Path::new(&dir).join("exactly-once.txt"), &figure);
    }
    assert_eq!(duplicates, 0);
}
