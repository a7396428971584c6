//! A DNS answer as the checks read it, apart from the resolver that produced it, so every
//! check can be tested with answers written by hand.

use std::future::Future;

/// Record types the checks ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rtype {
    A,
    Aaaa,
    Cname,
    Mx,
    Txt,
    Ns,
}

impl Rtype {
    pub fn as_str(self) -> &'static str {
        match self {
            Rtype::A => "A",
            Rtype::Aaaa => "AAAA",
            Rtype::Cname => "CNAME",
            Rtype::Mx => "MX",
            Rtype::Txt => "TXT",
            Rtype::Ns => "NS",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Rtype::A, Rtype::Aaaa, Rtype::Cname, Rtype::Mx, Rtype::Txt, Rtype::Ns]
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// One record of an answer. CNAMEs met on the way are kept, so a DKIM key reached through a
/// provider's CNAME can be told from one published in the zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    pub rtype: Rtype,
    /// Owner name, lower case without the trailing dot.
    pub name: String,
    /// A/AAAA: the address; CNAME/NS/MX: the target without the trailing dot; TXT: the
    /// character-strings joined.
    pub value: String,
    /// MX preference.
    pub priority: Option<u16>,
    pub ttl: u32,
}

impl Seen {
    /// As a person reads it: MX with its preference.
    pub fn display(&self) -> String {
        match self.priority {
            Some(p) => format!("{p} {}", self.value),
            None => self.value.clone(),
        }
    }
}

/// What one question brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Records of the asked type (and any CNAME before them).
    Found(Vec<Seen>),
    /// The name does not exist or has nothing of this type; `negative_ttl` is how long
    /// resolvers may cache that (from the zone's SOA).
    Void { negative_ttl: Option<u32> },
    /// No usable answer. `unreachable`: nothing answered at all (timeout, no route).
    Failed { reason: String, unreachable: bool },
}

impl Outcome {
    /// The records of one type, in answer order.
    pub fn of(&self, rtype: Rtype) -> Vec<&Seen> {
        match self {
            Outcome::Found(records) => records.iter().filter(|r| r.rtype == rtype).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the lookup counts as void for SPF (RFC 7208 §4.6.4): an answer, but no record.
    pub fn is_void(&self, rtype: Rtype) -> bool {
        match self {
            Outcome::Void { .. } => true,
            Outcome::Found(_) => self.of(rtype).is_empty(),
            Outcome::Failed { .. } => false,
        }
    }

    pub fn failed(&self) -> Option<&str> {
        match self {
            Outcome::Failed { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// TXT strings at the name.
    pub fn texts(&self) -> Vec<String> {
        self.of(Rtype::Txt).into_iter().map(|r| r.value.clone()).collect()
    }
}

/// Asks DNS one question. The checks take this rather than a resolver, so they run on
/// answers written by hand as well as on the network.
pub trait Lookup: Sync {
    fn lookup<'a>(&'a self, name: &'a str, rtype: Rtype) -> impl Future<Output = Outcome> + Send + 'a;
}
