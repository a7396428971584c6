//! Seed worlds. The demo world is a pure function of the seed and the start time: the same
//! customers, domains, mailboxes and ids on every start.

use serde_json::json;

use crate::model::*;
use crate::rng::Rng;
use crate::server::World;
use crate::sim::{timing, Job, Sim};
use crate::time::{add_months, DAY};

pub const FIRST_NAMES: &[&str] = &[
    "James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Sofia", "Mason", "Isla",
    "Leo", "Chloe", "Arjun", "Hannah", "Mateo", "Nora", "Elias", "Zara", "Owen", "Layla", "Samuel", "Ivy",
];
pub const LAST_NAMES: &[&str] = &[
    "Carter", "Nguyen", "Patel", "Schmidt", "Rossi", "Kim", "Walker", "Silva", "Novak", "Hughes", "Moreau",
    "Khan", "Larsen", "Brooks", "Tanaka", "Reyes", "Fischer", "Murphy", "Costa", "Ward",
];
const WORDS: &[&str] = &[
    "reach", "signal", "harbor", "summit", "cedar", "relay", "beacon", "vertex", "nimbus", "orbit", "pioneer",
    "quill", "ember", "lumen", "atlas", "canopy", "drift", "forge", "haven", "meridian",
];
const TLDS: &[&str] = &["com", "com", "com", "net", "io", "co", "org"];

pub fn build(world: &World, seed: u64, now: Ms) -> Sim {
    let mut sim = Sim::new(seed, now);
    sim.wallet_cents = 125_000;
    sim.txn(125_000, "Wallet top-up", None);
    seed_inventory(&mut sim);
    match world {
        World::Empty => {}
        World::Demo => demo(&mut sim),
        World::Large { mailboxes, domains } => crate::large::build(&mut sim, *mailboxes, *domains),
        World::BigAccount => crate::large::build_big_account(&mut sim),
    }
    sim
}

pub fn person(rng: &mut Rng) -> (String, String) {
    (rng.pick(FIRST_NAMES).to_string(), rng.pick(LAST_NAMES).to_string())
}

pub fn username(first: &str, last: &str, n: usize) -> String {
    let f = first.to_ascii_lowercase();
    let l = last.to_ascii_lowercase();
    match n % 4 {
        0 => f,
        1 => format!("{f}.{l}"),
        2 => format!("{}{l}", &f[..1]),
        _ => format!("{f}{}", n),
    }
}

fn seed_inventory(sim: &mut Sim) {
    let mut rng = sim.rng.fork();
    let make = |rng: &mut Rng, domain: String, provider: Provider, since: Ms, price: (Cents, Cents)| {
        let mailboxes = (0..3)
            .map(|i| {
                let (f, l) = person(rng);
                PrewarmMailbox { username: username(&f, &l, i), first_name: f, last_name: l, created_at: since }
            })
            .collect::<Vec<_>>();
        let mut seen = std::collections::BTreeSet::new();
        let mailboxes = mailboxes.into_iter().filter(|m| seen.insert(m.username.clone())).collect();
        PrewarmDomain { domain, provider, mailboxes, purchase_cents: price.0, renewal_cents: price.1, warming_since: since }
    };
    for i in 0..12 {
        let provider = if i % 3 == 2 { Provider::Microsoft } else { Provider::Google };
        let since = sim.now - rng.range(30, 75) * DAY;
        let name = format!("prewarm-{}{}.com", WORDS[i % WORDS.len()], 10 + i);
        let d = make(&mut rng, name, provider, since, (crate::prices::PREWARM_PURCHASE, crate::prices::PREWARM_RENEWAL));
        sim.prewarm.push(d);
    }
    let pool = [
        ("sandbox.nexora-tech.com", Provider::Google),
        ("mail-sandbox.brightplathlabs.com", Provider::Google),
        ("sandbox-mail.corevista.io", Provider::Microsoft),
        ("sandbox.stratospherehq.com", Provider::Microsoft),
    ];
    for (name, provider) in pool {
        let since = sim.now - 45 * DAY;
        let d = make(&mut rng, name.to_string(), provider, since, (0, 0));
        sim.sandbox_pool.push(d);
    }
}

struct Customer {
    id: Option<&'static str>,
    first: &'static str,
    last: &'static str,
    company: &'static str,
    email: &'static str,
    country: &'static str,
    state: &'static str,
    city: &'static str,
}

const CUSTOMERS: &[Customer] = &[
    // The id doubles as the contract's example id, so example-driven tools hit a real user.
    Customer { id: Some("4CZNXJNXEEMECTH5Q65AXCB8QE78"), first: "John", last: "Doe", company: "TechCorp Inc.",
        email: "johndoe@company.com", country: "US", state: "New York", city: "New York" },
    Customer { id: None, first: "Priya", last: "Raman", company: "Brightpath Labs", email: "priya@brightpath-labs.in",
        country: "IN", state: "Karnataka", city: "Bengaluru" },
    Customer { id: None, first: "Oliver", last: "Grant", company: "Northwind Outreach", email: "oliver@northwind-outreach.co.uk",
        country: "GB", state: "England", city: "London" },
    Customer { id: None, first: "Lena", last: "Fischer", company: "Kestrel Growth GmbH", email: "lena@kestrel-growth.de",
        country: "DE", state: "Berlin", city: "Berlin" },
    Customer { id: None, first: "Maya", last: "Chen", company: "Solace Media", email: "maya@solacemedia.com",
        country: "US", state: "California", city: "San Francisco" },
];

/// Status plan for the 25 demo domains: (domain status, workspace kind, mailboxes).
#[derive(Clone, Copy, PartialEq)]
enum Ws {
    Active,
    PastDue,
    Expired,
    Cancelled,
    None,
}

const PLAN: &[(DomainStatus, Ws, usize, i64)] = &[
    // (status, workspace, mailboxes, days until expiry)
    (DomainStatus::Active, Ws::Active, 6, 300),
    (DomainStatus::Active, Ws::Active, 6, 250),
    (DomainStatus::Active, Ws::Active, 6, 10),
    (DomainStatus::Active, Ws::Active, 6, 200),
    (DomainStatus::Active, Ws::Active, 6, 25),
    (DomainStatus::Active, Ws::Active, 6, 180),
    (DomainStatus::Active, Ws::Active, 6, 40),
    (DomainStatus::Active, Ws::Active, 6, 320),
    (DomainStatus::Active, Ws::Active, 6, 150),
    (DomainStatus::Active, Ws::Active, 6, 120),
    (DomainStatus::Active, Ws::Active, 6, 90),
    (DomainStatus::Active, Ws::Active, 6, 270),
    (DomainStatus::Active, Ws::Active, 6, 60),
    (DomainStatus::Active, Ws::Active, 6, 340),
    (DomainStatus::Active, Ws::Active, 6, 210),
    (DomainStatus::Renewing, Ws::Active, 6, 20),
    (DomainStatus::GracePeriod, Ws::PastDue, 6, -2),
    (DomainStatus::GracePeriod, Ws::PastDue, 6, -5),
    (DomainStatus::Expired, Ws::Expired, 4, -20),
    (DomainStatus::Transferred, Ws::None, 0, 100),
    (DomainStatus::Inactive, Ws::None, 0, 80),
    (DomainStatus::Active, Ws::Cancelled, 0, 230),
    (DomainStatus::Active, Ws::None, 0, 190),
];

fn demo(sim: &mut Sim) {
    let mut rng = sim.rng.fork();
    let mut users = Vec::new();
    for c in CUSTOMERS {
        let id = c.id.map(str::to_string).unwrap_or_else(|| sim.new_id());
        let mut u = crate::api::users::blank_user(id.clone());
        u.email = c.email.into();
        u.company = c.company.into();
        u.first_name = c.first.into();
        u.last_name = c.last.into();
        u.country = c.country.into();
        u.state = c.state.into();
        u.city = c.city.into();
        u.address_line_one = format!("{} Market Street", rng.range(10, 990));
        u.postal_code = format!("{}", rng.range(10000, 99999));
        u.phone_cc = match c.country { "IN" => "91", "GB" => "44", "DE" => "49", _ => "1" }.into();
        u.phone = format!("{}", rng.range(2_000_000_000, 9_999_999_999));
        sim.users.insert(id.clone(), u);
        users.push(id);
    }
    let now = sim.now;
    for (i, (status, ws, count, days)) in PLAN.iter().copied().enumerate() {
        let owner = users[i % 4].clone();
        let name = format!("{}{}.{}", WORDS[i % WORDS.len()], ["mail", "hq", "team", "io", "send"][i % 5], TLDS[i % TLDS.len()]);
        let name = if sim.domain_names.contains_key(&name) { format!("get{name}") } else { name };
        let provider = if i % 5 == 3 { Provider::Microsoft } else { Provider::Google };
        let expire_on = now + days * DAY;
        let registered = add_months(expire_on, -12);
        let did = sim.add_domain(&owner, &name, provider, status, registered, expire_on, "NEW_REGISTRATION", false);
        sim.domains.get_mut(&did).unwrap().auto_renew = i % 3 == 0;
        match status {
            DomainStatus::GracePeriod => {
                let job = Job::DomainGraceEnd { domain_id: did.clone(), expire_on };
                sim.schedule_at(crate::billing::grace_deadline(expire_on), job);
            }
            DomainStatus::Renewing => sim.schedule(timing::RENEWAL, Job::DomainRenewed { domain_id: did.clone(), years: 1, action: None }),
            _ => {}
        }
        if ws == Ws::None {
            continue;
        }
        let sub = sim.add_subscription(&did, i % 3 != 1, json!({}), false);
        let start = now - rng.range(1, 27) * DAY;
        let months_active = if i == 1 { 12 } else { rng.range(0, 10) };
        {
            let s = sim.subscriptions.get_mut(&sub).unwrap();
            s.period_start = start;
            s.period_end = add_months(start, 1);
            s.cycle_start = add_months(start, -months_active);
            if months_active >= 12 {
                s.price_cents = crate::prices::MAILBOX_MONTHLY_AFTER_YEAR;
            }
            match ws {
                Ws::PastDue => {
                    s.period_start = add_months(now - DAY, -1);
                    s.period_end = now - DAY;
                    s.status = SubStatus::PastDue;
                    s.past_due_since = Some(now - DAY);
                }
                Ws::Expired => {
                    s.period_end = now - 10 * DAY;
                    s.period_start = add_months(s.period_end, -1);
                    s.status = SubStatus::Expired;
                }
                Ws::Cancelled => s.status = SubStatus::Cancelled,
                _ => {}
            }
        }
        let s = sim.subscriptions[&sub].clone();
        match ws {
            Ws::Active => sim.schedule_at(s.period_end, Job::SubPeriodEnd { sub_id: sub.clone(), period_end: s.period_end }),
            Ws::PastDue => sim.schedule_at(now - DAY + crate::billing::PAST_DUE_DAYS * DAY,
                Job::SubPastDueEnd { sub_id: sub.clone(), since: now - DAY }),
            _ => {}
        }
        let order_id = history_order(sim, &owner, &name, provider, count, start);
        let mut taken = std::collections::BTreeSet::new();
        for n in 0..count {
            let (f, l) = person(&mut rng);
            let mut un = username(&f, &l, n);
            while !taken.insert(un.clone()) {
                un = format!("{un}{n}");
            }
            let req = MailboxReq { username: un, first_name: f, last_name: l, profile_picture: None, on_warmup: None };
            let st = if ws == Ws::Expired { MailboxStatus::Expired } else { MailboxStatus::Active };
            let mid = sim.add_mailbox(&did, &req, Some(sub.clone()), Some(order_id.clone()), st, n == 0, false);
            let m = sim.mailboxes.get_mut(&mid).unwrap();
            m.created_at = start;
            if st == MailboxStatus::Active && rng.chance(0.35) {
                let status = if rng.chance(0.2) { WarmupStatus::Paused } else { WarmupStatus::Active };
                m.warmup = Some(Warmup { status, since: start, settings: crate::api::warmup::default_settings() });
            }
        }
    }
    rekey_example_mailbox(sim, &users[0]);
    in_flight(sim, &users);
    credentials(sim, &users);
    let first_boxes: Vec<String> = sim.mailboxes.values().filter(|m| m.user_id == users[0] && m.status == MailboxStatus::Active).take(2).map(|m| m.id.clone()).collect();
    let pid = sim.new_id();
    sim.placements.insert(pid.clone(), Placement { order_id: pid.clone(), user_id: users[0].clone(), status: "PENDING",
        spamassassin: true, blacklist: true, ai_insight: false, created_at: now - 3 * DAY, mailbox_ids: first_boxes, results: Default::default() });
    sim.placement_done(&pid);
}

/// The contract's example mailbox id points at a real mailbox of the example user.
fn rekey_example_mailbox(sim: &mut Sim, user: &str) {
    let Some(id) = sim.mailboxes.values().find(|m| m.user_id == user && m.status == MailboxStatus::Active).map(|m| m.id.clone()) else { return };
    let mut m = sim.mailboxes.remove(&id).unwrap();
    m.id = "GP6M2J2DHXM3F2J40S8AP316R2QR".into();
    sim.mailboxes.insert(m.id.clone(), m);
}

fn history_order(sim: &mut Sim, user: &str, domain: &str, provider: Provider, count: usize, at: Ms) -> String {
    let id = sim.new_id();
    let action_id = sim.action_id();
    let price = crate::prices::registration(domain).unwrap_or(1200);
    sim.orders.insert(id.clone(), Order {
        id: id.clone(), user_id: user.into(), kind: OrderKind::NewDomains, status: "PAID", created_at: at,
        amount_cents: price + count as i64 * crate::prices::MAILBOX_MONTHLY, confirm: true, provider, auto_renew: true,
        oauth: json!({}), domains: vec![OrderDomain { name: domain.into(), years: 1, forward_to: None, mask_forwarding: false,
            price_cents: price, status: "REGISTERED", reason: None, domain_id: sim.domain_names.get(domain).cloned() }],
        mailboxes: Default::default(), unavailable: Vec::new(), action_id, sandbox: false,
    });
    id
}

/// Work already under way when the demo opens: two registrations, one mailbox top-up, and
/// an unconfirmed quote waiting for Process the Order.
fn in_flight(sim: &mut Sim, users: &[String]) {
    let mk = |u: &str, f: &str, l: &str, w: bool| MailboxReq { username: u.into(), first_name: f.into(), last_name: l.into(), profile_picture: None, on_warmup: Some(w) };
    let plans = [
        (users[1].clone(), "fresh-brightpath-outreach.com", Provider::Google, true),
        (users[2].clone(), "fresh-northwind-growth.net", Provider::Microsoft, true),
        (users[0].clone(), "fresh-techcorp-pipeline.io", Provider::Google, false),
    ];
    for (user, name, provider, confirm) in plans {
        let reqs = vec![mk("alex", "Alex", "Morgan", true), mk("sam", "Sam", "Rivera", false), mk("jordan", "Jordan", "Lee", false), mk("casey", "Casey", "Park", true)];
        let domains = vec![OrderDomain { name: name.into(), years: 1, forward_to: None, mask_forwarding: false,
            price_cents: crate::prices::registration(name).unwrap(), status: "PENDING", reason: None, domain_id: None }];
        let mut mailboxes = std::collections::BTreeMap::new();
        mailboxes.insert(name.to_string(), reqs);
        let amount = Sim::order_cost(&domains, &mailboxes);
        let (id, action_id) = (sim.new_id(), sim.action_id());
        sim.orders.insert(id.clone(), Order { id: id.clone(), user_id: user, kind: OrderKind::NewDomains, status: "PENDING",
            created_at: sim.now, amount_cents: amount, confirm, provider, auto_renew: true, oauth: json!({}), domains,
            mailboxes, unavailable: Vec::new(), action_id, sandbox: false });
        if confirm {
            let _ = sim.charge(amount, &format!("Order {id}"), Some(&id));
            sim.start_processing(&id);
        }
    }
    // Two more seats on an existing workspace of the first customer.
    let sub = sim.subscriptions.values().find(|s| s.user_id == users[0] && s.status == SubStatus::Active).cloned();
    if let Some(sub) = sub {
        let mut mailboxes = std::collections::BTreeMap::new();
        mailboxes.insert(sub.domain.clone(), vec![mk("growth", "Riley", "Quinn", false), mk("partners", "Drew", "Ellis", false)]);
        let amount = Sim::order_cost(&[], &mailboxes);
        let (id, action_id) = (sim.new_id(), sim.action_id());
        sim.orders.insert(id.clone(), Order { id: id.clone(), user_id: users[0].clone(),
            kind: OrderKind::AddMailboxes { subscription_id: Some(sub.id.clone()), domain_id: None }, status: "PENDING",
            created_at: sim.now, amount_cents: amount, confirm: true, provider: sub.provider, auto_renew: true,
            oauth: json!({}), domains: Vec::new(), mailboxes, unavailable: Vec::new(), action_id, sandbox: false });
        let _ = sim.charge(amount, &format!("Order {id}"), Some(&id));
        sim.start_processing(&id);
    }
}

fn credentials(sim: &mut Sim, users: &[String]) {
    let now = sim.now;
    let rows = [
        (0, Platform::Emailbison, "ops@techcorp.example", json!({"appBaseUrl": "https://app.emailbison.com", "appName": "EmailBison", "workspace": "techcorp"}), None),
        (0, Platform::Instantly, "growth@techcorp.example", json!({}), Some("org_main")),
        (1, Platform::Smartlead, "team@brightpath.example", json!({}), None),
        (2, Platform::Reachinbox, "sales@northwind.example", json!({}), None),
    ];
    for (u, platform, email, metadata, org) in rows {
        let id = sim.id_of_len(16);
        sim.credentials.insert(id.clone(), Credential { id, user_id: users[u].clone(), platform, email: email.into(),
            password: "sandbox-secret".into(), metadata, org_id: org.map(str::to_string), connected_at: now - 14 * DAY });
    }
}
