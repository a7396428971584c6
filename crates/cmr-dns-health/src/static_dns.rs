//! Answers written by hand, for checking the checks without a network (and for the app's
//! own tests). A name asked for but not written is void; CNAMEs are followed as a resolver
//! would.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::answer::{Lookup, Outcome, Rtype, Seen};

#[derive(Default)]
pub struct StaticDns {
    records: Vec<Seen>,
    failing: HashMap<(String, Rtype), String>,
    asked: AtomicU32,
}

const TTL: u32 = 3600;

impl StaticDns {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn record(mut self, name: &str, rtype: Rtype, value: &str) -> Self {
        let (priority, value) = match (rtype, value.split_once(' ')) {
            (Rtype::Mx, Some((p, host))) => (p.parse().ok(), host.to_owned()),
            _ => (None, value.to_owned()),
        };
        let value = if matches!(rtype, Rtype::Cname | Rtype::Mx | Rtype::Ns) { norm(&value) } else { value };
        self.records.push(Seen { rtype, name: norm(name), value, priority, ttl: TTL });
        self
    }

    pub fn txt(self, name: &str, text: &str) -> Self {
        self.record(name, Rtype::Txt, text)
    }

    /// `"10 mx.example.net"`.
    pub fn mx(self, name: &str, value: &str) -> Self {
        self.record(name, Rtype::Mx, value)
    }

    pub fn a(self, name: &str, ip: &str) -> Self {
        self.record(name, Rtype::A, ip)
    }

    pub fn cname(self, name: &str, target: &str) -> Self {
        self.record(name, Rtype::Cname, target)
    }

    /// The question times out.
    pub fn failing(mut self, name: &str, rtype: Rtype) -> Self {
        self.failing.insert((norm(name), rtype), "timed out".into());
        self
    }

    /// Questions asked so far.
    pub fn asked(&self) -> u32 {
        self.asked.load(Ordering::Relaxed)
    }

    pub fn answer(&self, name: &str, rtype: Rtype) -> Outcome {
        self.asked.fetch_add(1, Ordering::Relaxed);
        let mut name = norm(name);
        if let Some(reason) = self.failing.get(&(name.clone(), rtype)) {
            return Outcome::Failed { reason: reason.clone(), unreachable: true };
        }
        let mut found = Vec::new();
        for _ in 0..8 {
            let here: Vec<&Seen> = self.records.iter().filter(|r| r.name == name).collect();
            match here.iter().find(|r| r.rtype == Rtype::Cname).filter(|_| rtype != Rtype::Cname) {
                Some(c) => {
                    found.push((*c).clone());
                    name = c.value.clone();
                }
                None => {
                    found.extend(here.into_iter().filter(|r| r.rtype == rtype).cloned());
                    break;
                }
            }
        }
        if found.is_empty() {
            Outcome::Void { negative_ttl: Some(300) }
        } else {
            Outcome::Found(found)
        }
    }
}

impl Lookup for StaticDns {
    fn lookup<'a>(&'a self, name: &'a str, rtype: Rtype) -> impl std::future::Future<Output = Outcome> + Send + 'a {
        std::future::ready(self.answer(name, rtype))
    }
}

fn norm(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}
