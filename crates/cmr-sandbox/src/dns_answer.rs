//! One DNS query turned into its authoritative answer: the zone's records at the name, CNAME
//! following inside the zone, negative answers carrying the zone's SOA, and the wire form
//! (TXT split into character-strings, truncation when a UDP reply would not fit).

use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use hickory_proto::op::{Edns, Message, MessageType, OpCode, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA, CNAME, MX, NS, SOA, TXT};
use hickory_proto::rr::{DNSClass, Name, RData, Record, RecordType};

use crate::dns_server::DnsRecord;

/// A served zone as one query sees it.
pub(crate) struct Zone {
    pub apex: String,
    pub records: Arc<Vec<DnsRecord>>,
}

/// Negative answers may be cached this long (the SOA's minimum and its own TTL).
const NEGATIVE_TTL: u32 = 300;
/// How many CNAMEs in a row are followed inside one zone before giving up (a loop guard).
const MAX_CHAIN: usize = 8;
/// What a UDP reply may hold when the query did not say (RFC 1035), and at most (the usual
/// EDNS buffer that avoids fragmentation).
const UDP_PLAIN: usize = 512;
const UDP_EDNS: u16 = 1232;

/// The reply to one packet; `None` when there is nothing sensible to answer (no header, or a
/// packet that is itself a response). `zone_of` gives the zone whose apex is the longest
/// suffix of a lowercase name.
pub(crate) fn reply(packet: &[u8], udp: bool, zone_of: impl FnOnce(&str) -> Option<Zone>) -> Option<Vec<u8>> {
    if packet.len() < 12 || packet[2] & 0x80 != 0 {
        return None;
    }
    let request = match Message::from_vec(packet) {
        Ok(m) => m,
        Err(_) => {
            let id = u16::from_be_bytes([packet[0], packet[1]]);
            return Message::error_msg(id, OpCode::Query, ResponseCode::FormErr).to_vec().ok();
        }
    };
    let mut response = respond(&request, zone_of);
    if request.extensions().is_some() {
        let mut edns = Edns::new();
        edns.set_max_payload(UDP_EDNS);
        response.set_edns(edns);
    }
    let bytes = response.to_vec().ok()?;
    let limit = match request.extensions() {
        Some(e) => usize::from(e.max_payload().clamp(UDP_PLAIN as u16, UDP_EDNS)),
        None => UDP_PLAIN,
    };
    if udp && bytes.len() > limit {
        // The resolver asks again over TCP on seeing TC.
        return response.truncate().to_vec().ok();
    }
    Some(bytes)
}

fn respond(request: &Message, zone_of: impl FnOnce(&str) -> Option<Zone>) -> Message {
    let mut base = Message::new();
    base.set_id(request.id())
        .set_message_type(MessageType::Response)
        .set_op_code(request.op_code())
        .set_recursion_desired(request.recursion_desired());
    if request.op_code() != OpCode::Query {
        base.set_response_code(ResponseCode::NotImp);
        return base;
    }
    let [query] = request.queries() else {
        base.set_response_code(ResponseCode::FormErr);
        return base;
    };
    base.add_query(query.clone());
    if query.query_class() != DNSClass::IN {
        base.set_response_code(ResponseCode::Refused);
        return base;
    }
    let name = query.name().to_lowercase().to_ascii();
    let name = name.trim_end_matches('.').to_string();
    let qtype = query.query_type();
    let Some(zone) = zone_of(&name) else {
        base.set_response_code(ResponseCode::Refused);
        return base;
    };
    let (code, answers, authority) = resolve(&zone, &name, qtype);
    base.set_authoritative(true).set_response_code(code);
    base.add_answers(answers);
    base.add_name_servers(authority);
    base
}

/// Response code, answer section and authority section for `name` in `zone`.
fn resolve(zone: &Zone, name: &str, qtype: RecordType) -> (ResponseCode, Vec<Record>, Vec<Record>) {
    let mut answers = Vec::new();
    let mut current = name.to_string();
    for _ in 0..MAX_CHAIN {
        let here: Vec<&DnsRecord> = zone.records.iter().filter(|r| r.name.eq_ignore_ascii_case(&current)).collect();
        let apex = current.eq_ignore_ascii_case(&zone.apex);
        if here.is_empty() && !apex {
            // A name with records below it exists, empty as it is (RFC 8020).
            let suffix = format!(".{current}");
            let below = zone.records.iter().any(|r| r.name.to_ascii_lowercase().ends_with(&suffix));
            let code = if below { ResponseCode::NoError } else { ResponseCode::NXDomain };
            return (code, answers, vec![soa(zone)]);
        }
        let cname = here.iter().find(|r| r.rtype.eq_ignore_ascii_case("CNAME"));
        if let Some(c) = cname.filter(|_| !matches!(qtype, RecordType::CNAME | RecordType::ANY)) {
            answers.extend(record(c));
            let target = c.data.trim_end_matches('.').to_ascii_lowercase();
            if !in_zone(&target, &zone.apex) {
                return (ResponseCode::NoError, answers, Vec::new());
            }
            current = target;
            continue;
        }
        let wanted = qtype.to_string();
        let mut found: Vec<Record> = here
            .iter()
            .filter(|r| qtype == RecordType::ANY || r.rtype.eq_ignore_ascii_case(&wanted))
            .filter_map(|r| record(r))
            .collect();
        if apex {
            if matches!(qtype, RecordType::SOA | RecordType::ANY) {
                found.push(soa(zone));
            }
            let has_ns = here.iter().any(|r| r.rtype.eq_ignore_ascii_case("NS"));
            if matches!(qtype, RecordType::NS | RecordType::ANY) && !has_ns {
                found.extend(default_ns(zone));
            }
        }
        if found.is_empty() {
            return (ResponseCode::NoError, answers, vec![soa(zone)]);
        }
        answers.extend(found);
        return (ResponseCode::NoError, answers, Vec::new());
    }
    (ResponseCode::ServFail, answers, Vec::new())
}

fn in_zone(name: &str, apex: &str) -> bool {
    name == apex || name.ends_with(&format!(".{apex}"))
}

fn fqdn(name: &str) -> Option<Name> {
    Name::from_ascii(format!("{}.", name.trim_end_matches('.'))).ok()
}

/// The zone's SOA, made up: nothing else publishes one. The serial follows the records, so
/// it changes whenever the zone does.
fn soa(zone: &Zone) -> Record {
    let apex = fqdn(&zone.apex).unwrap_or_else(Name::root);
    let mname = fqdn(&format!("ns1.{}", zone.apex)).unwrap_or_else(|| apex.clone());
    let rname = fqdn(&format!("hostmaster.{}", zone.apex)).unwrap_or_else(|| apex.clone());
    let serial = serial(&zone.records);
    let data = SOA::new(mname, rname, serial, 3600, 600, 604_800, NEGATIVE_TTL);
    Record::from_rdata(apex, NEGATIVE_TTL, RData::SOA(data))
}

fn default_ns(zone: &Zone) -> Option<Record> {
    let apex = fqdn(&zone.apex)?;
    let host = fqdn(&format!("ns1.{}", zone.apex))?;
    Some(Record::from_rdata(apex, 3600, RData::NS(NS(host))))
}

/// FNV-1a over the records, kept in 31 bits so it reads as a plain positive number.
fn serial(records: &[DnsRecord]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for r in records {
        for b in [r.name.as_bytes(), r.rtype.as_bytes(), &r.ttl.to_be_bytes(), r.data.as_bytes(), b"\n"].concat() {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    (h & 0x7fff_ffff).max(1)
}

/// The wire record for a published one; `None` when its data cannot be sent as its type (a
/// lenient sandbox stores what it is given).
fn record(r: &DnsRecord) -> Option<Record> {
    let name = fqdn(&r.name)?;
    let data = match r.rtype.to_ascii_uppercase().as_str() {
        "A" => RData::A(A(r.data.trim().parse::<Ipv4Addr>().ok()?)),
        "AAAA" => RData::AAAA(AAAA(r.data.trim().parse::<Ipv6Addr>().ok()?)),
        "CNAME" => RData::CNAME(CNAME(fqdn(r.data.trim())?)),
        "NS" => RData::NS(NS(fqdn(r.data.trim())?)),
        "MX" => {
            let (pref, host) = r.data.trim().split_once(char::is_whitespace)?;
            RData::MX(MX::new(pref.parse().ok()?, fqdn(host.trim())?))
        }
        // One character-string holds at most 255 bytes; resolvers join the pieces.
        "TXT" => RData::TXT(TXT::from_bytes(match r.data.as_bytes() {
            [] => vec![&[][..]],
            bytes => bytes.chunks(255).collect(),
        })),
        _ => return None,
    };
    Some(Record::from_rdata(name, r.ttl, data))
}
