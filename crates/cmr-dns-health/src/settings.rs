//! Which servers a health check asks, and how long it waits for each answer.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

/// Where the questions go. Addresses are always explicit: the machine's own resolver
/// configuration is never read, so a check gives the same answer wherever the app runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolverSettings {
    /// Where to ask first. `None`: find the domain's NS through `public`, resolve them, and
    /// ask them directly (no recursion), so a change shows as soon as CMR's servers have it.
    pub authoritative: Option<Vec<SocketAddr>>,
    /// Recursive resolvers: what mail receivers see, caches included.
    pub public: Vec<SocketAddr>,
    /// Per query; the whole check is bounded by a multiple of it.
    pub timeout: Duration,
}

/// The public resolvers asked by default (Cloudflare, Google, Quad9).
pub const PUBLIC_RESOLVERS: [IpAddr; 3] = [
    IpAddr::V4(Ipv4Addr::new(1, 1, 1, 1)),
    IpAddr::V4(Ipv4Addr::new(8, 8, 8, 8)),
    IpAddr::V4(Ipv4Addr::new(9, 9, 9, 9)),
];

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

impl Default for ResolverSettings {
    fn default() -> Self {
        Self::internet()
    }
}

impl ResolverSettings {
    /// The domain's own name servers first, then the big public resolvers.
    pub fn internet() -> Self {
        ResolverSettings {
            authoritative: None,
            public: PUBLIC_RESOLVERS.iter().map(|ip| SocketAddr::new(*ip, 53)).collect(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Every question to one server (tests, the Demo's loopback server).
    pub fn loopback(addr: SocketAddr) -> Self {
        Self::servers(vec![addr])
    }

    /// Given servers in both roles.
    pub fn servers(addrs: Vec<SocketAddr>) -> Self {
        ResolverSettings { authoritative: Some(addrs.clone()), public: addrs, timeout: DEFAULT_TIMEOUT }
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// `"127.0.0.1:5353, 127.0.0.1:5354"` → settings using them for both roles. A bare
    /// address means port 53; an IPv6 address with a port is written `[::1]:5353`.
    pub fn from_list(text: &str) -> Result<Self, String> {
        let mut addrs = Vec::new();
        for entry in text.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let addr = entry
                .parse::<SocketAddr>()
                .or_else(|_| entry.parse::<IpAddr>().map(|ip| SocketAddr::new(ip, 53)))
                .map_err(|_| format!("'{entry}' is not a server address such as 127.0.0.1:5353 or 9.9.9.9."))?;
            addrs.push(addr);
        }
        if addrs.is_empty() {
            return Err("Enter at least one DNS server, e.g. 127.0.0.1:5353.".into());
        }
        Ok(Self::servers(addrs))
    }

    /// Whether both roles are the same servers: one answer then serves both.
    pub(crate) fn one_set(&self) -> bool {
        self.authoritative.as_ref().is_some_and(|a| {
            let (mut a, mut p) = (a.clone(), self.public.clone());
            a.sort();
            p.sort();
            a == p
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_and_name_the_bad_entry() {
        let s = ResolverSettings::from_list("127.0.0.1:5353, 9.9.9.9 ,[::1]:53").unwrap();
        assert_eq!(s.public.len(), 3);
        assert_eq!(s.public[1], "9.9.9.9:53".parse().unwrap());
        assert_eq!(s.authoritative.as_deref(), Some(&s.public[..]));
        assert!(s.one_set());
        let e = ResolverSettings::from_list("127.0.0.1:5353,nope:1").unwrap_err();
        assert!(e.contains("'nope:1'"), "{e}");
        assert!(ResolverSettings::from_list(" , ").is_err());
        assert!(!ResolverSettings::internet().one_set());
    }
}
