//! What the sandbox's DNS server publishes: for each domain, the records CMR holds for it (as
//! GET /dns reports them, DMARC already completed), read from the live state on every query,
//! so an API change is visible at once and start-up copies nothing. Holding publishing
//! freezes what is served at a snapshot, as a slow propagation would look; releasing it serves
//! the live records again.

use std::collections::HashMap;
use std::sync::Arc;

use crate::dns_server::{DnsRecord, ZoneSource};
use crate::model::{Domain, RecordType};
use crate::server::{lock, Shared};

/// The zones served while publishing is held, by apex.
pub type HeldZones = HashMap<String, Arc<Vec<DnsRecord>>>;

/// A domain's zone as published; `None` for a domain without records (nothing to publish
/// yet: a domain still being registered gets its records when it becomes active).
pub fn zone_of_domain(d: &Domain) -> Option<Vec<DnsRecord>> {
    if d.dns.is_empty() {
        return None;
    }
    let apex = d.name.to_ascii_lowercase();
    let host_name = |v: &str| v.trim().trim_end_matches('.').to_ascii_lowercase();
    let records = d
        .dns
        .iter()
        .map(|r| DnsRecord {
            name: fqdn(&r.host, &apex),
            rtype: r.rtype.as_str().to_string(),
            ttl: u32::try_from(r.ttl).unwrap_or(0),
            data: match r.rtype {
                RecordType::Mx => {
                    let priority = if r.priority.trim().is_empty() { "10" } else { r.priority.trim() };
                    format!("{priority} {}", host_name(&r.value))
                }
                RecordType::Cname | RecordType::Ns => host_name(&r.value),
                RecordType::A | RecordType::Aaaa => r.value.trim().to_string(),
                RecordType::Txt => r.value.clone(),
            },
        })
        .collect();
    Some(records)
}

/// A CMR host as a full name: "@" is the apex, a name already under the apex stays as it is,
/// anything else is relative to the apex ("_dmarc", "google._domainkey").
fn fqdn(host: &str, apex: &str) -> String {
    let h = host.trim().trim_end_matches('.').to_ascii_lowercase();
    if h.is_empty() || h == "@" {
        apex.to_string()
    } else if h == apex || h.ends_with(&format!(".{apex}")) {
        h
    } else {
        format!("{h}.{apex}")
    }
}

/// Holds publishing (keeping what is served now) or releases it (serving every domain's
/// current records at once). Holding twice keeps the first snapshot.
pub fn set_held(shared: &Shared, held: bool) {
    if !held {
        *lock(&shared.dns_held) = None;
        return;
    }
    if lock(&shared.dns_held).is_some() {
        return;
    }
    let snapshot: HeldZones = {
        let sim = shared.sim();
        sim.domains
            .values()
            .filter_map(|d| Some((d.name.to_ascii_lowercase(), Arc::new(zone_of_domain(d)?))))
            .collect()
    };
    lock(&shared.dns_held).get_or_insert(snapshot);
}

pub fn is_held(shared: &Shared) -> bool {
    lock(&shared.dns_held).is_some()
}

/// The DNS server's view of the sandbox.
pub struct Published(pub Arc<Shared>);

impl ZoneSource for Published {
    fn zone(&self, apex: &str) -> Option<Arc<Vec<DnsRecord>>> {
        if let Some(held) = lock(&self.0.dns_held).as_ref() {
            return held.get(apex).cloned();
        }
        let sim = self.0.sim();
        sim.domain_by_name(apex).and_then(zone_of_domain).map(Arc::new)
    }
}
