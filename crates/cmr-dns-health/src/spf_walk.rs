//! The SPF record followed through DNS as a receiver evaluates it (RFC 7208 §4.6.4): every
//! `include:` and `redirect=` is read, and the terms that cost a lookup (include, a, mx, ptr,
//! exists, redirect) are counted across the whole tree against the limit of 10. Lookups that
//! return nothing (void lookups) are counted too; receivers fail a record after two of them.
//!
//! Everything is read, even past the limit, so the reseller sees the real count ("14 of 10")
//! rather than "over". Terms with macros (`%{i}`) depend on the sending address: they are
//! counted but not resolved.

use cmr_dns::record::is_spf;
use cmr_dns::MAX_SPF_LOOKUPS;

use crate::answer::{Lookup, Outcome, Rtype};

/// How deep includes are followed (RFC 7208 bounds evaluation by the lookup limit; ten
/// levels is that limit spent on nesting alone).
pub const MAX_DEPTH: usize = 10;
/// RFC 7208 §4.6.4: more void lookups than this fail the record.
pub const MAX_VOID_LOOKUPS: u32 = 2;
/// Records read at most in one walk, against includes that fan out without end.
const MAX_RECORDS: usize = 60;

/// What the walk found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpfWalk {
    /// SPF records at the domain itself (one is right).
    pub records: Vec<String>,
    /// Terms costing a DNS lookup, over the whole tree.
    pub lookups: u32,
    pub void_lookups: u32,
    /// Names whose lookups came back empty, for the message.
    pub void_names: Vec<String>,
    /// Include chains that come back to a domain already on the way: "a.com → b.com → a.com".
    pub loops: Vec<String>,
    /// Includes deeper than [`MAX_DEPTH`] were not followed.
    pub too_deep: bool,
    /// Included (or redirected-to) domains that have no SPF record: a permanent error.
    pub missing_includes: Vec<String>,
    /// Included domains with more than one SPF record.
    pub ambiguous_includes: Vec<String>,
    /// Names that could not be read (timeout, refused): the count may be low.
    pub unreadable: Vec<String>,
    /// The domain's record could not be read at all.
    pub failed: bool,
}

impl SpfWalk {
    pub fn over_limit(&self) -> bool {
        self.lookups > MAX_SPF_LOOKUPS
    }
}

/// One term, reduced to what the walk needs.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Term {
    Include(String),
    Redirect(String),
    A(Option<String>),
    Mx(Option<String>),
    Exists(String),
    Ptr,
    All,
    /// ip4, ip6, exp= and unknown modifiers: no lookup.
    Free,
}

fn terms(record: &str) -> Vec<Term> {
    let content = cmr_dns::txt::txt_content_lossy(record);
    content
        .split_whitespace()
        .skip(1)
        .map(|raw| {
            let term = raw.trim_start_matches(['+', '-', '~', '?']);
            let (name, arg) = match term.find([':', '=', '/']) {
                Some(i) => (&term[..i], Some(&term[i..])),
                None => (term, None),
            };
            // `a:host/24` → host; `a/24` → none; `redirect=x` → x.
            let target = arg
                .filter(|a| a.starts_with([':', '=']))
                .map(|a| a[1..].split('/').next().unwrap_or_default().trim_end_matches('.').to_ascii_lowercase())
                .filter(|t| !t.is_empty());
            match (name.to_ascii_lowercase().as_str(), target) {
                ("include", Some(t)) => Term::Include(t),
                ("redirect", Some(t)) => Term::Redirect(t),
                ("a", t) => Term::A(t),
                ("mx", t) => Term::Mx(t),
                ("exists", Some(t)) => Term::Exists(t),
                ("ptr", _) => Term::Ptr,
                ("all", None) => Term::All,
                _ => Term::Free,
            }
        })
        .collect()
}

fn has_macro(name: &str) -> bool {
    name.contains('%')
}

/// The SPF records among a name's TXT strings.
pub fn spf_records(outcome: &Outcome) -> Vec<String> {
    outcome.texts().into_iter().filter(|t| is_spf(t)).collect()
}

struct Frame {
    domain: String,
    record: String,
    /// Domains from the top down to this one, for loops and depth.
    path: Vec<String>,
}

/// Walks the SPF record of `domain`. `top` is the domain's TXT answer when the caller has
/// it already (it is asked for otherwise).
pub async fn walk_spf<L: Lookup>(dns: &L, domain: &str, top: Option<Outcome>) -> SpfWalk {
    let domain = cmr_dns::names::normalize_domain(domain);
    let mut walk = SpfWalk::default();
    let top = match top {
        Some(t) => t,
        None => dns.lookup(&domain, Rtype::Txt).await,
    };
    if top.failed().is_some() {
        walk.failed = true;
        walk.unreadable.push(domain);
        return walk;
    }
    walk.records = spf_records(&top);
    if walk.records.len() != 1 {
        return walk;
    }
    let mut stack =
        vec![Frame { domain: domain.clone(), record: walk.records[0].clone(), path: vec![domain.clone()] }];
    let mut read = 0;
    while let Some(frame) = stack.pop() {
        read += 1;
        if read > MAX_RECORDS {
            walk.too_deep = true;
            break;
        }
        let terms = terms(&frame.record);
        let has_all = terms.contains(&Term::All);
        let mut next = Vec::new();
        for term in terms {
            match term {
                Term::Include(target) => {
                    walk.lookups += 1;
                    next.push(target);
                }
                // RFC 7208 §6.1: a redirect in a record with `all` is never used.
                Term::Redirect(target) if !has_all => {
                    walk.lookups += 1;
                    next.push(target);
                }
                Term::A(target) => {
                    walk.lookups += 1;
                    let name = target.unwrap_or_else(|| frame.domain.clone());
                    if !has_macro(&name) {
                        let a = dns.lookup(&name, Rtype::A).await;
                        let void = a.is_void(Rtype::A) && dns.lookup(&name, Rtype::Aaaa).await.is_void(Rtype::Aaaa);
                        note(&mut walk, &name, void, &a);
                    }
                }
                Term::Mx(target) => {
                    walk.lookups += 1;
                    let name = target.unwrap_or_else(|| frame.domain.clone());
                    if !has_macro(&name) {
                        let mx = dns.lookup(&name, Rtype::Mx).await;
                        note(&mut walk, &name, mx.is_void(Rtype::Mx), &mx);
                    }
                }
                Term::Exists(name) => {
                    walk.lookups += 1;
                    if !has_macro(&name) {
                        let a = dns.lookup(&name, Rtype::A).await;
                        note(&mut walk, &name, a.is_void(Rtype::A), &a);
                    }
                }
                Term::Ptr => walk.lookups += 1,
                Term::Redirect(_) | Term::All | Term::Free => {}
            }
        }
        // Pushed in reverse so includes are read in the order written.
        for target in next.into_iter().rev() {
            if has_macro(&target) {
                continue;
            }
            if frame.path.contains(&target) {
                walk.loops.push(format!("{} → {target}", frame.path.join(" → ")));
                continue;
            }
            if frame.path.len() > MAX_DEPTH {
                walk.too_deep = true;
                continue;
            }
            let txt = dns.lookup(&target, Rtype::Txt).await;
            if txt.failed().is_some() {
                walk.unreadable.push(target);
                continue;
            }
            if txt.is_void(Rtype::Txt) {
                walk.void_lookups += 1;
                walk.void_names.push(target.clone());
            }
            let records = spf_records(&txt);
            match records.len() {
                0 => walk.missing_includes.push(target),
                1 => {
                    let mut path = frame.path.clone();
                    path.push(target.clone());
                    stack.push(Frame { domain: target, record: records[0].clone(), path });
                }
                _ => walk.ambiguous_includes.push(target),
            }
        }
    }
    walk
}

fn note(walk: &mut SpfWalk, name: &str, void: bool, outcome: &Outcome) {
    if outcome.failed().is_some() {
        walk.unreadable.push(name.to_owned());
    } else if void {
        walk.void_lookups += 1;
        walk.void_names.push(name.to_owned());
    }
}

#[cfg(test)]
#[path = "spf_walk_tests.rs"]
mod tests;
