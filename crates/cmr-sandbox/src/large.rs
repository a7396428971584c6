//! Large worlds for performance work: many users, ACTIVE domains with DNS, ACTIVE mailboxes;
//! and the big account a large reseller runs (see [`build_big_account`]).

use serde_json::json;

use crate::model::*;
use crate::seed::{person, username};
use crate::sim::Sim;
use crate::time::{add_months, DAY};

pub fn build(sim: &mut Sim, mailboxes: usize, domains: usize) {
    let domains = domains.max(1);
    let users = domains.div_ceil(100);
    let mut rng = sim.rng.fork();
    let user_ids: Vec<String> = (0..users).map(|i| add_customer(sim, &mut rng, i, None)).collect();
    let now = sim.now;
    for d in 0..domains {
        let owner = &user_ids[d / 100];
        let name = format!("bulk{d:05}-outreach.com");
        let provider = if d % 4 == 3 { Provider::Microsoft } else { Provider::Google };
        let expire_on = now + rng.range(46, 360) * DAY;
        let did = sim.add_domain(owner, &name, provider, DomainStatus::Active, add_months(expire_on, -12), expire_on, "NEW_REGISTRATION", false);
        let count = mailboxes / domains + usize::from(d < mailboxes % domains);
        if count == 0 {
            continue;
        }
        let sub = sim.add_subscription(&did, true, json!({}), false);
        for n in 0..count {
            let (f, l) = person(&mut rng);
            let req = MailboxReq { username: format!("{}{n}", username(&f, &l, n)), first_name: f, last_name: l, profile_picture: None, on_warmup: None };
            sim.add_mailbox(&did, &req, Some(sub.clone()), None, MailboxStatus::Active, n == 0, false);
        }
    }
}

/// Adds customer number `i` with a made-up person and address; `named` gives its e-mail and
/// company instead. Returns its id.
fn add_customer(sim: &mut Sim, rng: &mut crate::rng::Rng, i: usize, named: Option<(&str, &str)>) -> String {
    let id = sim.new_id();
    let (f, l) = person(rng);
    let mut u = crate::api::users::blank_user(id.clone());
    (u.email, u.company) = match named {
        Some((email, company)) => (email.into(), company.into()),
        None => (format!("{}.{}{}@customer{}.example", f.to_lowercase(), l.to_lowercase(), i, i), format!("{l} & {f} Outreach {i}")),
    };
    u.first_name = f;
    u.last_name = l;
    u.country = "US".into();
    u.state = "Texas".into();
    u.city = "Austin".into();
    u.address_line_one = format!("{} Congress Avenue", 100 + i);
    u.postal_code = "78701".into();
    u.phone_cc = "1".into();
    u.phone = format!("512555{:04}", i % 10_000);
    sim.users.insert(id.clone(), u);
    id
}

/// The big account: 200 customers, 10,000 domains and 100,000 mailboxes, the first customer
/// ("Atlas Mail Group") holding 50,000 of them on 500 domains, and a 1,000-record zone on its
/// first domain. Built the same way for the same seed.
pub fn build_big_account(sim: &mut Sim) {
    const CUSTOMERS: usize = 200;
    const DOMAINS: usize = 10_000;
    const BIG_DOMAINS: usize = 500;
    const BIG_MAILBOXES: usize = 50_000;
    const OTHER_MAILBOXES: usize = 50_000;
    const ZONE_RECORDS: usize = 1_000;
    let mut rng = sim.rng.fork();
    // The first customer is the big one, named so it is easy to find in the app.
    let user_ids: Vec<String> = (0..CUSTOMERS)
        .map(|i| add_customer(sim, &mut rng, i, (i == 0).then_some(("ops@atlasmail-group.example", "Atlas Mail Group"))))
        .collect();
    let now = sim.now;
    let others = DOMAINS - BIG_DOMAINS;
    for d in 0..DOMAINS {
        let big = d < BIG_DOMAINS;
        let owner = if big { &user_ids[0] } else { &user_ids[1 + (d - BIG_DOMAINS) % (CUSTOMERS - 1)] };
        let name = if big { format!("atlas{d:04}-mail.com") } else { format!("bulk{d:05}-outreach.com") };
        let provider = if d % 4 == 3 { Provider::Microsoft } else { Provider::Google };
        let expire_on = now + rng.range(10, 360) * DAY;
        let did = sim.add_domain(owner, &name, provider, DomainStatus::Active, add_months(expire_on, -12), expire_on, "NEW_REGISTRATION", false);
        if d == 0 {
            let zone = &mut sim.domains.get_mut(&did).expect("just added").dns;
            for n in 0..ZONE_RECORDS {
                let (host, value, rtype) = match n % 4 {
                    0 => (format!("host{n}"), format!("192.0.{}.{}", (n / 250) % 256, n % 250 + 1), RecordType::A),
                    1 => (format!("alias{n}"), format!("host{}.{name}", n - 1), RecordType::Cname),
                    2 => (format!("txt{n}"), format!("v=verify{n} token-{n:06}"), RecordType::Txt),
                    _ => (format!("v6-{n}"), format!("2001:db8::{:x}", n), RecordType::Aaaa),
                };
                zone.push(DnsRecord { id: format!("ZR{n:05}"), host, value, rtype, priority: String::new(), ttl: 3600, excluded_dmarc_tags: Vec::new() });
            }
        }
        let count = if big {
            BIG_MAILBOXES / BIG_DOMAINS
        } else {
            let i = d - BIG_DOMAINS;
            OTHER_MAILBOXES / others + usize::from(i < OTHER_MAILBOXES % others)
        };
        let sub = sim.add_subscription(&did, true, json!({}), false);
        for n in 0..count {
            let (f, l) = person(&mut rng);
            let req = MailboxReq { username: format!("{}{n}", username(&f, &l, n)), first_name: f, last_name: l, profile_picture: None, on_warmup: None };
            sim.add_mailbox(&did, &req, Some(sub.clone()), None, MailboxStatus::Active, n == 0, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::server::World;

    #[test]
    fn the_big_account_has_the_advertised_shape() {
        let sim = crate::seed::build(&World::BigAccount, 7, 1_800_000_000_000);
        assert_eq!(sim.users.len(), 200);
        assert_eq!(sim.domains.len(), 10_000);
        assert_eq!(sim.mailboxes.len(), 100_000);
        let (atlas, _) = sim.users.iter().find(|(_, u)| u.company == "Atlas Mail Group").expect("the big customer");
        let theirs = sim.mailboxes.values().filter(|m| &m.user_id == atlas).count();
        assert_eq!(theirs, 50_000);
        assert!(sim.domains.values().any(|d| d.dns.len() >= 1_000), "one 1,000-record zone");
    }

    #[test]
    fn worlds_are_named_as_the_app_and_the_command_line_take_them() {
        assert_eq!(World::parse("big-account"), Ok(World::BigAccount));
        assert_eq!(World::parse("large:10:2"), Ok(World::Large { mailboxes: 10, domains: 2 }));
        assert!(World::parse("huge").unwrap_err().contains("big-account"));
    }
}
