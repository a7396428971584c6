//! A large world for performance work: many users, ACTIVE domains with DNS, ACTIVE mailboxes.

use serde_json::json;

use crate::model::*;
use crate::seed::{person, username};
use crate::sim::Sim;
use crate::time::{add_months, DAY};

pub fn build(sim: &mut Sim, mailboxes: usize, domains: usize) {
    let domains = domains.max(1);
    let users = domains.div_ceil(100);
    let mut rng = sim.rng.fork();
    let mut user_ids = Vec::with_capacity(users);
    for i in 0..users {
        let id = sim.new_id();
        let (f, l) = person(&mut rng);
        let mut u = crate::api::users::blank_user(id.clone());
        u.email = format!("{}.{}{}@customer{}.example", f.to_lowercase(), l.to_lowercase(), i, i);
        u.company = format!("{l} & {f} Outreach {i}");
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
        user_ids.push(id);
    }
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
