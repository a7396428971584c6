//! The questions on the wire: two hickory resolvers (the domain's own name servers asked
//! without recursion, and public recursive resolvers), each question asked once per check,
//! counted, and turned into an [`Outcome`].
//!
//! A role that has never answered and has timed out once is not asked again: with no
//! network, a check ends after a timeout or two instead of one per question. The whole check
//! is bounded by a deadline of [`DEADLINE_TIMEOUTS`] timeouts.

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use hickory_resolver::config::{NameServerConfig, NameServerConfigGroup, ResolveHosts, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{RData, RecordType};
use hickory_resolver::proto::xfer::Protocol;
use hickory_resolver::proto::ProtoErrorKind;
use hickory_resolver::{ResolveError, TokioResolver};
use tokio::time::Instant;

use crate::answer::{Lookup, Outcome, Rtype, Seen};
use crate::report::{NetworkState, SeenAt};
use crate::settings::ResolverSettings;

/// The whole check gives up after this many per-query timeouts.
pub const DEADLINE_TIMEOUTS: u32 = 20;
/// Name servers of a domain asked at most (resolving more only costs queries).
const MAX_NAME_SERVERS: usize = 4;

struct Role {
    resolver: TokioResolver,
    answered: AtomicU32,
    unreachable: AtomicU32,
}

impl Role {
    fn new(servers: &[SocketAddr], timeout: Duration, recursion: bool) -> Self {
        let mut group = NameServerConfigGroup::new();
        for addr in servers {
            // TCP beside UDP: a long TXT answer comes truncated over UDP and is asked again.
            for protocol in [Protocol::Udp, Protocol::Tcp] {
                let mut config = NameServerConfig::new(*addr, protocol);
                config.trust_negative_responses = true;
                group.push(config);
            }
        }
        let mut opts = ResolverOpts::default();
        opts.timeout = timeout;
        opts.attempts = 1;
        opts.recursion_desired = recursion;
        opts.use_hosts_file = ResolveHosts::Never;
        opts.preserve_intermediates = true;
        opts.edns0 = true;
        // Every server at once: the first answer wins, so a dead one costs no extra timeout.
        opts.num_concurrent_reqs = servers.len().max(1);
        let config = ResolverConfig::from_parts(None, Vec::new(), group);
        let resolver =
            TokioResolver::builder_with_config(config, TokioConnectionProvider::default()).with_options(opts).build();
        Role { resolver, answered: AtomicU32::new(0), unreachable: AtomicU32::new(0) }
    }

    fn dead(&self) -> bool {
        self.answered.load(Ordering::Relaxed) == 0 && self.unreachable.load(Ordering::Relaxed) > 0
    }
}

/// The resolvers of one check.
pub(crate) struct Dns {
    domain: String,
    /// `None`: the name servers could not be found; the public resolvers answer for them.
    auth: Option<Role>,
    /// `None` when both roles are the same servers (then `auth` answers everything).
    public: Option<Role>,
    memo: Mutex<HashMap<(SeenAt, String, Rtype), Outcome>>,
    queries: AtomicU32,
    deadline: Instant,
}

impl Dns {
    /// Sets up the roles; without given name servers, finds the domain's through the public
    /// resolvers.
    pub async fn connect(domain: &str, settings: &ResolverSettings) -> Self {
        let timeout = settings.timeout;
        let deadline = Instant::now() + timeout * DEADLINE_TIMEOUTS;
        let (auth, public) = match &settings.authoritative {
            // Authoritative servers ignore RD, and a recursive one given for both roles needs it.
            Some(servers) if settings.one_set() => (Some(Role::new(servers, timeout, true)), None),
            Some(servers) => (Some(Role::new(servers, timeout, false)), Some(Role::new(&settings.public, timeout, true))),
            None => (None, Some(Role::new(&settings.public, timeout, true))),
        };
        let mut dns = Dns { domain: domain.to_owned(), auth, public, memo: Mutex::default(), queries: AtomicU32::new(0), deadline };
        if settings.authoritative.is_none() {
            let servers = dns.name_servers().await;
            if !servers.is_empty() {
                dns.auth = Some(Role::new(&servers, timeout, false));
            }
        }
        dns
    }

    async fn name_servers(&self) -> Vec<SocketAddr> {
        let ns = self.ask(SeenAt::Public, &self.domain, Rtype::Ns).await;
        let mut addrs = Vec::new();
        for host in ns.of(Rtype::Ns).iter().take(MAX_NAME_SERVERS) {
            for a in self.ask(SeenAt::Public, &host.value, Rtype::A).await.of(Rtype::A) {
                if let Ok(ip) = a.value.parse() {
                    addrs.push(SocketAddr::new(ip, 53));
                }
            }
        }
        addrs
    }

    fn role(&self, at: SeenAt) -> Option<&Role> {
        match at {
            SeenAt::Authoritative => self.auth.as_ref(),
            SeenAt::Public => self.public.as_ref().or(self.auth.as_ref()),
        }
    }

    /// The roles a held record is asked of, the domain's own servers first. One role when
    /// both are the same servers or the name servers are unknown.
    pub fn roles(&self) -> Vec<SeenAt> {
        match (&self.auth, &self.public) {
            (Some(_), Some(_)) => vec![SeenAt::Authoritative, SeenAt::Public],
            (Some(_), None) => vec![SeenAt::Authoritative],
            _ => vec![SeenAt::Public],
        }
    }

    /// One question to one role, asked at most once per check.
    pub async fn ask(&self, at: SeenAt, name: &str, rtype: Rtype) -> Outcome {
        let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
        let key = (at, name.clone(), rtype);
        if let Some(hit) = self.memo.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return hit.clone();
        }
        let Some(role) = self.role(at) else {
            return Outcome::Failed { reason: "no server to ask".into(), unreachable: true };
        };
        if role.dead() {
            return Outcome::Failed { reason: "the servers did not answer earlier questions".into(), unreachable: true };
        }
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Outcome::Failed { reason: "the check ran out of time".into(), unreachable: true };
        }
        self.queries.fetch_add(1, Ordering::Relaxed);
        let asked = tokio::time::timeout(left, role.resolver.lookup(format!("{name}."), record_type(rtype))).await;
        let outcome = match asked {
            Ok(result) => outcome(result, rtype),
            Err(_) => Outcome::Failed { reason: "the check ran out of time".into(), unreachable: true },
        };
        match &outcome {
            Outcome::Failed { unreachable: true, .. } => role.unreachable.fetch_add(1, Ordering::Relaxed),
            _ => role.answered.fetch_add(1, Ordering::Relaxed),
        };
        self.memo.lock().unwrap_or_else(|e| e.into_inner()).insert(key, outcome.clone());
        outcome
    }

    /// What the world sees: names of the domain from its own servers first (what is
    /// published now), anything else, or when those do not answer, from the public resolvers.
    pub async fn world(&self, name: &str, rtype: Rtype) -> Outcome {
        let own = name == self.domain || name.ends_with(&format!(".{}", self.domain));
        if own && self.auth.is_some() {
            let outcome = self.ask(SeenAt::Authoritative, name, rtype).await;
            if outcome.failed().is_none() || self.public.is_none() {
                return outcome;
            }
        }
        self.ask(SeenAt::Public, name, rtype).await
    }

    pub fn queries(&self) -> u32 {
        self.queries.load(Ordering::Relaxed)
    }

    pub fn network(&self) -> NetworkState {
        let roles = [self.auth.as_ref(), self.public.as_ref()];
        let sum = |f: fn(&Role) -> &AtomicU32| roles.iter().flatten().map(|r| f(r).load(Ordering::Relaxed)).sum::<u32>();
        match (sum(|r| &r.answered), sum(|r| &r.unreachable)) {
            (0, u) if u > 0 => NetworkState::NoNetwork,
            (_, u) if u > 0 => NetworkState::Partial,
            _ => NetworkState::Ok,
        }
    }
}

impl Lookup for Dns {
    fn lookup<'a>(&'a self, name: &'a str, rtype: Rtype) -> impl Future<Output = Outcome> + Send + 'a {
        self.world(name, rtype)
    }
}

fn record_type(rtype: Rtype) -> RecordType {
    match rtype {
        Rtype::A => RecordType::A,
        Rtype::Aaaa => RecordType::AAAA,
        Rtype::Cname => RecordType::CNAME,
        Rtype::Mx => RecordType::MX,
        Rtype::Txt => RecordType::TXT,
        Rtype::Ns => RecordType::NS,
    }
}

fn host(name: &hickory_resolver::Name) -> String {
    name.to_ascii().trim_end_matches('.').to_ascii_lowercase()
}

fn outcome(result: Result<hickory_resolver::lookup::Lookup, ResolveError>, asked: Rtype) -> Outcome {
    let lookup = match result {
        Ok(lookup) => lookup,
        Err(e) => return failure(&e),
    };
    let mut seen = Vec::new();
    for record in lookup.records() {
        let (rtype, value, priority) = match record.data() {
            RData::A(a) => (Rtype::A, a.0.to_string(), None),
            RData::AAAA(a) => (Rtype::Aaaa, a.0.to_string(), None),
            RData::CNAME(c) => (Rtype::Cname, host(&c.0), None),
            RData::NS(n) => (Rtype::Ns, host(&n.0), None),
            RData::MX(mx) => (Rtype::Mx, host(mx.exchange()), Some(mx.preference())),
            RData::TXT(txt) => {
                let bytes: Vec<u8> = txt.txt_data().iter().flat_map(|s| s.iter().copied()).collect();
                (Rtype::Txt, String::from_utf8_lossy(&bytes).into_owned(), None)
            }
            _ => continue,
        };
        seen.push(Seen { rtype, name: host(record.name()), value, priority, ttl: record.ttl() });
    }
    if seen.iter().any(|s| s.rtype == asked || s.rtype == Rtype::Cname) {
        Outcome::Found(seen)
    } else {
        Outcome::Void { negative_ttl: None }
    }
}

fn failure(e: &ResolveError) -> Outcome {
    let Some(proto) = e.proto() else {
        return Outcome::Failed { reason: e.to_string(), unreachable: false };
    };
    match proto.kind() {
        ProtoErrorKind::NoRecordsFound { response_code, negative_ttl, .. }
            if matches!(*response_code, ResponseCode::NXDomain | ResponseCode::NoError) =>
        {
            Outcome::Void { negative_ttl: *negative_ttl }
        }
        ProtoErrorKind::NoRecordsFound { response_code, .. } => {
            Outcome::Failed { reason: format!("the server answered {response_code}"), unreachable: false }
        }
        ProtoErrorKind::Timeout | ProtoErrorKind::NoConnections | ProtoErrorKind::Io(_) | ProtoErrorKind::Busy => {
            Outcome::Failed { reason: proto.to_string(), unreachable: true }
        }
        _ => Outcome::Failed { reason: proto.to_string(), unreachable: false },
    }
}
