//! One held record against one DNS answer: published, not yet visible, or different, in the
//! canonical form the editor compares records in (case, trailing dots, quoting of TXT).
//!
//! DMARC is compared by its tags: CMR publishes the value completed with its default tags
//! (`complete_dmarc`), and the order or spacing of tags means nothing to a receiver.

use cmr_client::dns::DnsRecord;
use cmr_client::DnsRecordType;
use cmr_dns::record::{canonical, is_dmarc, record_type_of};
use cmr_dns::{complete_dmarc, parse_dmarc};

use crate::answer::{Outcome, Rtype, Seen};
use crate::report::VisibilityState;

/// A held record's state in one answer, and the TTL that goes with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub state: VisibilityState,
    pub ttl: Option<u32>,
}

/// The type to ask for a held record; `None` for a type the check does not look up.
pub fn rtype_of(record: &DnsRecord) -> Option<Rtype> {
    Rtype::parse(record_type_of(record).as_str())
}

/// The value CMR publishes for a held record: DMARC completed with the default tags it has
/// not excluded; anything else as held.
pub fn published_value(record: &DnsRecord) -> String {
    if record_type_of(record) == DnsRecordType::Txt && is_dmarc(&record.value) {
        if let Ok(c) = complete_dmarc(&record.value, &record.excluded_dmarc_tags, None) {
            return c.completed;
        }
    }
    record.value.clone()
}

/// How `outcome` shows `held` of `domain`.
pub fn verdict(domain: &str, held: &DnsRecord, outcome: &Outcome) -> Verdict {
    let Some(rtype) = rtype_of(held) else {
        return Verdict { state: VisibilityState::Unchecked, ttl: None };
    };
    match outcome {
        Outcome::Failed { .. } => Verdict { state: VisibilityState::Unchecked, ttl: None },
        Outcome::Void { negative_ttl } => Verdict { state: VisibilityState::NotYetVisible, ttl: *negative_ttl },
        Outcome::Found(_) => {
            let seen = outcome.of(rtype);
            if seen.is_empty() {
                return Verdict { state: VisibilityState::NotYetVisible, ttl: None };
            }
            let expected = published_value(held);
            if let Some(hit) = seen.iter().find(|s| same(domain, held, &expected, s)) {
                return Verdict { state: VisibilityState::Published, ttl: Some(hit.ttl) };
            }
            Verdict {
                state: VisibilityState::Different { seen: seen.iter().map(|s| s.display()).collect() },
                ttl: seen.iter().map(|s| s.ttl).min(),
            }
        }
    }
}

fn same(domain: &str, held: &DnsRecord, expected: &str, seen: &Seen) -> bool {
    let record_type = record_type_of(held);
    if record_type == DnsRecordType::Txt && is_dmarc(expected) {
        return same_dmarc(expected, &seen.value);
    }
    let priority = seen.priority.map(|p| p.to_string());
    let mine = canonical(domain, &record_type, &held.host, expected, held.priority.as_deref());
    let theirs = canonical(domain, &record_type, &held.host, &seen.value, priority.as_deref());
    mine == theirs
}

/// Same tags with the same values, in any order. A value CMR has not filled in
/// (`mailto:<email>`) matches whatever address is published.
pub fn same_dmarc(expected: &str, seen: &str) -> bool {
    let (Ok(a), Ok(b)) = (parse_dmarc(expected), parse_dmarc(seen)) else {
        return false;
    };
    let squash = |v: &str| v.split(',').map(|p| p.trim().to_ascii_lowercase()).collect::<Vec<_>>().join(",");
    a.tags.len() == b.tags.len()
        && a.tags.iter().all(|t| {
            b.get(&t.name).is_some_and(|v| t.value.contains("<email>") || squash(&t.value) == squash(v))
        })
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
