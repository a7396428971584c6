//! DNS zones CMR hosts for a user's domains. Record ids are stable across updates.

use axum::extract::State;
use serde_json::{json, Value};

use super::{req_str, require_object};
use crate::envelope::{accepted, ok, ApiError, ApiResult, Data, JsonBody, Params};
use crate::model::*;
use crate::rules::Rule;
use crate::server::AppState;
use crate::sim::{timing, Job, Sim};

/// Tags CMR appends to a DMARC record unless excluded, in this order.
pub const DMARC_DEFAULTS: &[(&str, &str)] = &[
    ("rua", "mailto:dmarc-reports@{domain}"),
    ("ruf", "mailto:dmarc-reports@{domain}"),
    ("fo", "0"),
    ("rf", "afrf"),
    ("ri", "604800"),
    ("pct", "100"),
    ("sp", "reject"),
    ("aspf", "r"),
    ("adkim", "r"),
];

pub fn is_dmarc_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    h == "_dmarc" || h.starts_with("_dmarc.")
}

/// Completes a DMARC value with the default tags, keeping the caller's tags and order.
pub fn complete_dmarc(value: &str, domain: &str, excluded: &[String]) -> Result<String, String> {
    let mut tags: Vec<(String, String)> = Vec::new();
    for part in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').ok_or_else(|| format!("Malformed DMARC tag '{part}'"))?;
        tags.push((k.trim().to_string(), v.trim().to_string()));
    }
    if tags.first().is_none_or(|(k, v)| k != "v" || v != "DMARC1") {
        return Err("A DMARC record must start with v=DMARC1".into());
    }
    match tags.iter().find(|(k, _)| k == "p").map(|(_, v)| v.as_str()) {
        Some("none" | "quarantine" | "reject") => {}
        Some(p) => return Err(format!("Invalid DMARC policy p={p}")),
        None => return Err("A DMARC record needs a policy tag p=".into()),
    }
    for (k, v) in DMARC_DEFAULTS {
        if !excluded.iter().any(|e| e == k) && !tags.iter().any(|(t, _)| t == k) {
            tags.push((k.to_string(), v.replace("{domain}", domain)));
        }
    }
    Ok(tags.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; "))
}

fn hostname_ok(s: &str) -> bool {
    let s = s.trim_end_matches('.');
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| !l.is_empty() && l.len() <= 63 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

pub fn record_json(r: &DnsRecord) -> Value {
    json!({"recordId": r.id, "host": r.host, "value": r.value, "recordType": r.rtype.as_str(),
        "priority": r.priority, "ttl": r.ttl})
}

/// Validates one record input and returns (host, value, type, priority) ready to store.
fn check_record(domain: &str, rec: &Value, lenient: bool) -> Result<(String, String, RecordType, String), ApiError> {
    require_object(rec)?;
    let on = |r: Rule| r.on(lenient);
    let host = req_str(rec, "host")?.to_ascii_lowercase();
    let value = req_str(rec, "value")?.to_string();
    let rtype_s = req_str(rec, "recordType")?;
    // Rule::DnsRecordType: documented, never off (an unknown type has nowhere to go).
    let rtype = RecordType::parse(&rtype_s.to_ascii_uppercase())
        .ok_or_else(|| ApiError::unprocessable(format!("Unsupported recordType {rtype_s}")))?;
    let excluded: Vec<String> = match rec.get("excludedDMARCtags") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().map(|t| t.as_str().unwrap_or("").to_string()).collect(),
        Some(_) => return Err(ApiError::bad_request("excludedDMARCtags must be an array")),
    };
    let dmarc = rtype == RecordType::Txt && is_dmarc_host(&host);
    if on(Rule::DmarcTagsOnDmarcOnly) && !excluded.is_empty() && !dmarc {
        return Err(ApiError::bad_request("excludedDMARCtags is only allowed on a DMARC TXT record (host _dmarc)"));
    }
    if let Some(t) = excluded.iter().find(|t| !DMARC_DEFAULTS.iter().any(|(k, _)| k == t)).filter(|_| on(Rule::DmarcTagsKnown)) {
        return Err(ApiError::bad_request(format!("Unknown DMARC tag '{t}' in excludedDMARCtags")));
    }
    let strict = on(Rule::DnsValueFormat);
    if strict && host != "@" && !hostname_ok(&host.replace('*', "wildcard")) {
        return Err(ApiError::unprocessable(format!("Invalid host '{host}'")));
    }
    let mut priority = match rec.get("priority") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(ApiError::bad_request("priority must be a string")),
    };
    let bad = |m: String| Err(ApiError::unprocessable(m));
    let value = match rtype {
        RecordType::Mx if !strict => {
            if priority.is_empty() {
                priority = "10".into();
            }
            value
        }
        RecordType::Txt if dmarc && !strict => complete_dmarc(&value, domain, &excluded).unwrap_or(value),
        _ if !strict => value,
        RecordType::A if value.parse::<std::net::Ipv4Addr>().is_err() => return bad(format!("'{value}' is not an IPv4 address")),
        RecordType::Aaaa if value.parse::<std::net::Ipv6Addr>().is_err() => return bad(format!("'{value}' is not an IPv6 address")),
        RecordType::Cname | RecordType::Ns | RecordType::Mx if !hostname_ok(&value) => {
            return bad(format!("'{value}' is not a valid host name"))
        }
        RecordType::Mx => {
            if priority.is_empty() {
                priority = "10".into();
            }
            if priority.parse::<u16>().is_err() {
                return bad("MX priority must be a number between 0 and 65535".into());
            }
            value
        }
        RecordType::Txt if value.len() > 2048 => return bad("TXT value is too long".into()),
        RecordType::Txt if dmarc => complete_dmarc(&value, domain, &excluded).map_err(ApiError::unprocessable)?,
        _ => value,
    };
    if strict && rtype != RecordType::Mx && !priority.is_empty() {
        return bad("priority applies to MX records only".into());
    }
    Ok((host, value, rtype, priority))
}

fn zone<'a>(sim: &'a Sim, user_id: &str, domain: &str) -> Result<&'a Domain, ApiError> {
    sim.user(user_id)?;
    let d = sim.user_domain(user_id, &domain.to_ascii_lowercase())?;
    if sim.rule_on(Rule::PendingDomainLocked) && d.status == DomainStatus::Pending {
        return Err(ApiError::unprocessable(format!("{} is still being registered", d.name)));
    }
    Ok(d)
}

pub async fn get_dns_records(State(s): State<AppState>, p: Params) -> ApiResult {
    let user_id = p.user_id()?;
    let domain = p.require("domain")?;
    let sim = s.sim();
    let d = zone(&sim, user_id, domain)?;
    let rows: Vec<Value> = d.dns.iter().map(record_json).collect();
    ok("Dns records fetched successfully", json!(rows))
}

pub async fn add_dns_records(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let domain = req_str(&body, "domain")?.to_ascii_lowercase();
    let records = body.get("records").and_then(Value::as_array).ok_or_else(|| ApiError::bad_request("records is required"))?;
    if records.is_empty() {
        return Err(ApiError::bad_request("records must not be empty"));
    }
    let mut sim = s.sim();
    let d = zone(&sim, &user_id, &domain)?.clone();
    let mut fresh: Vec<(String, String, RecordType, String)> = Vec::new();
    for r in records {
        let rec = check_record(&d.name, r, sim.lenient)?;
        if !sim.rule_on(Rule::DnsNoClash) {
            fresh.push(rec);
            continue;
        }
        let clash = d.dns.iter().map(|x| (&x.host, &x.value, x.rtype)).chain(fresh.iter().map(|x| (&x.0, &x.1, x.2)));
        for (h, v, t) in clash {
            if *h == rec.0 && *v == rec.1 && t == rec.2 {
                return Err(ApiError::unprocessable(format!("An identical {} record for {} already exists", t.as_str(), h)));
            }
            if *h == rec.0 && t == RecordType::Txt && rec.2 == RecordType::Txt && is_dmarc_host(h) {
                return Err(ApiError::unprocessable("A DMARC record already exists for this host; update it instead"));
            }
            if *h == rec.0 && (t == RecordType::Cname || rec.2 == RecordType::Cname) {
                return Err(ApiError::unprocessable(format!("A CNAME at {h} cannot coexist with other records")));
            }
        }
        fresh.push(rec);
    }
    let action = sim.action_id();
    let mut created = Vec::new();
    for (host, value, rtype, priority) in fresh {
        let rec = DnsRecord { id: sim.new_id(), host, value, rtype, priority, ttl: 3600 };
        created.push(record_json(&rec));
        sim.domains.get_mut(&d.id).unwrap().dns.push(rec);
    }
    for r in &created {
        let job = Job::DnsChanged { domain_id: d.id.clone(), change: "RECORD_ADDED", record: r.clone(), action: action.clone() };
        sim.schedule(timing::APPLY, job);
    }
    let data = json!({"status": "Success", "statusDescription": format!("{} record(s) added.", created.len()),
        "records": created});
    accepted("DNS records added successfully", Data::Some(data), &action)
}

pub async fn update_dns_record(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let record_id = req_str(&body, "recordId")?.to_string();
    let domain = req_str(&body, "domain")?.to_ascii_lowercase();
    let mut sim = s.sim();
    let d = zone(&sim, &user_id, &domain)?.clone();
    if sim.rule_on(Rule::DnsRecordExists) && !d.dns.iter().any(|r| r.id == record_id) {
        return Err(ApiError::not_found(format!("DNS record {record_id} not found on {}", d.name)));
    }
    let (host, value, rtype, priority) = check_record(&d.name, &body, sim.lenient)?;
    if sim.rule_on(Rule::DnsNoClash) && rtype == RecordType::Txt && is_dmarc_host(&host)
        && d.dns.iter().any(|r| r.id != record_id && r.host == host && r.rtype == RecordType::Txt)
    {
        return Err(ApiError::unprocessable("Another DMARC record already exists for this host"));
    }
    let action = sim.action_id();
    let dm = sim.domains.get_mut(&d.id).unwrap();
    let rec = dm.dns.iter_mut().find(|r| r.id == record_id).unwrap();
    *rec = DnsRecord { id: record_id, host, value, rtype, priority, ttl: rec.ttl };
    let record = record_json(rec);
    let job = Job::DnsChanged { domain_id: d.id.clone(), change: "RECORD_UPDATED", record: record.clone(), action: action.clone() };
    sim.schedule(timing::APPLY, job);
    let data = json!({"status": "Success", "statusDescription": "The record was modified successfully.", "record": record});
    accepted("DNS Record updated successfully", Data::Some(data), &action)
}

pub async fn delete_dns_records(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    require_object(&body)?;
    let domain = req_str(&body, "domain")?.to_ascii_lowercase();
    let mut ids = super::str_list(&body, "recordIds", false)?;
    if let Some(one) = super::str_field(&body, "recordId") {
        ids.push(one.to_string());
    }
    if ids.is_empty() {
        return Err(ApiError::bad_request("recordIds is required"));
    }
    let mut sim = s.sim();
    let d = zone(&sim, &user_id, &domain)?.clone();
    if let Some(missing) = ids.iter().find(|id| !d.dns.iter().any(|r| &r.id == *id)).filter(|_| sim.rule_on(Rule::DnsRecordExists)) {
        return Err(ApiError::not_found(format!("DNS record {missing} not found on {}", d.name)));
    }
    let action = sim.action_id();
    let removed: Vec<Value> = d.dns.iter().filter(|r| ids.contains(&r.id)).map(record_json).collect();
    sim.domains.get_mut(&d.id).unwrap().dns.retain(|r| !ids.contains(&r.id));
    for r in removed {
        let job = Job::DnsChanged { domain_id: d.id.clone(), change: "RECORD_DELETED", record: r, action: action.clone() };
        sim.schedule(timing::APPLY, job);
    }
    accepted("DNS records deleted successfully", Data::Omit, &action)
}
