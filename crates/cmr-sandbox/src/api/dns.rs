//! DNS zones CMR hosts for a user's domains. Record ids are stable across updates.

use axum::extract::State;
use serde_json::{json, Value};

use super::{req_str, require_object};
use crate::envelope::{accepted, ok, ApiError, ApiResult, Data, JsonBody, Params};
use crate::model::*;
use crate::rules::Rule;
use crate::server::AppState;
use crate::sim::{timing, Job, Sim};

/// The default tags a DMARC record may exclude (seed page, "DMARC Default Tags").
pub const DMARC_TAGS: &[&str] = &["rua", "ruf", "fo", "rf", "ri", "pct", "sp", "aspf", "adkim"];

pub fn is_dmarc_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    h == "_dmarc" || h.starts_with("_dmarc.")
}

/// The value CMR publishes for a DMARC record: the shared completion (cmr-dns) with the
/// address this simulator reports to. The policy check is the simulator's own (assumed).
pub fn complete_dmarc(value: &str, domain: &str, excluded: &[String]) -> Result<String, String> {
    let tags: Vec<cmr_dns::DmarcTag> = excluded.iter().map(|t| cmr_dns::DmarcTag::from(t.as_str())).collect();
    let record = cmr_dns::parse_dmarc(value)?;
    match record.get("p") {
        Some("none" | "quarantine" | "reject") => {}
        Some(p) => return Err(format!("Invalid DMARC policy p={p}")),
        None => return Err("A DMARC record needs a policy tag p=".into()),
    }
    let address = format!("dmarc-reports@{domain}");
    cmr_dns::complete_dmarc(value, &tags, Some(&address)).map(|c| c.completed)
}

/// A record checked and ready to store.
struct Checked {
    host: String,
    value: String,
    rtype: RecordType,
    priority: String,
    excluded: Vec<String>,
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

/// Validates one record input. `stored` are the exclusions of the record being updated (`None`
/// on an add): an omitted `excludedDMARCtags` keeps them, `[]` clears them, a list replaces
/// them (seed); the exclusions in force then complete the value. `lenient` switches off the
/// assumed rules.
fn check_record(domain: &str, rec: &Value, stored: Option<&[String]>, lenient: bool) -> Result<Checked, ApiError> {
    require_object(rec)?;
    let on = |r: Rule| r.on(lenient);
    let host = req_str(rec, "host")?.to_ascii_lowercase();
    let value = req_str(rec, "value")?.to_string();
    let rtype_s = req_str(rec, "recordType")?;
    // Rule::DnsRecordType: documented, never off (an unknown type has nowhere to go).
    let rtype = RecordType::parse(&rtype_s.to_ascii_uppercase())
        .ok_or_else(|| ApiError::unprocessable(format!("Unsupported recordType {rtype_s}")))?;
    let sent: Option<Vec<String>> = match rec.get("excludedDMARCtags") {
        None | Some(Value::Null) => None,
        Some(Value::Array(a)) => Some(a.iter().map(|t| t.as_str().unwrap_or("").to_string()).collect()),
        Some(_) => return Err(ApiError::bad_request("excludedDMARCtags must be an array")),
    };
    let dmarc = rtype == RecordType::Txt && is_dmarc_host(&host);
    if on(Rule::DmarcTagsOnDmarcOnly) && sent.as_ref().is_some_and(|t| !t.is_empty()) && !dmarc {
        return Err(ApiError::bad_request("excludedDMARCtags is only allowed on a DMARC TXT record (host _dmarc)"));
    }
    if let Some(t) = sent.iter().flatten().find(|t| !DMARC_TAGS.contains(&t.as_str())).filter(|_| on(Rule::DmarcTagsKnown)) {
        return Err(ApiError::bad_request(format!("Unknown DMARC tag '{t}' in excludedDMARCtags")));
    }
    // A record that is no longer DMARC holds no exclusions.
    let excluded = if dmarc { sent.unwrap_or_else(|| stored.unwrap_or_default().to_vec()) } else { Vec::new() };
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
    Ok(Checked { host, value, rtype, priority, excluded })
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
    let mut fresh: Vec<Checked> = Vec::new();
    for r in records {
        let rec = check_record(&d.name, r, None, sim.lenient)?;
        if !sim.rule_on(Rule::DnsNoClash) {
            fresh.push(rec);
            continue;
        }
        let clash = d.dns.iter().map(|x| (&x.host, &x.value, x.rtype)).chain(fresh.iter().map(|x| (&x.host, &x.value, x.rtype)));
        for (h, v, t) in clash {
            if *h == rec.host && *v == rec.value && t == rec.rtype {
                return Err(ApiError::unprocessable(format!("An identical {} record for {} already exists", t.as_str(), h)));
            }
            if *h == rec.host && t == RecordType::Txt && rec.rtype == RecordType::Txt && is_dmarc_host(h) {
                return Err(ApiError::unprocessable("A DMARC record already exists for this host; update it instead"));
            }
            if *h == rec.host && (t == RecordType::Cname || rec.rtype == RecordType::Cname) {
                return Err(ApiError::unprocessable(format!("A CNAME at {h} cannot coexist with other records")));
            }
        }
        fresh.push(rec);
    }
    let action = sim.action_id();
    let mut created = Vec::new();
    for Checked { host, value, rtype, priority, excluded } in fresh {
        let rec = DnsRecord { id: sim.new_id(), host, value, rtype, priority, ttl: 3600, excluded_dmarc_tags: excluded };
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

/// PUT /dns (seed page). The seed documents 422 as its only error, so every refusal of the
/// body answers 422; a missing or unknown user keeps the answer shared by all calls.
pub async fn update_dns_record(State(s): State<AppState>, p: Params, JsonBody(body): JsonBody<Value>) -> ApiResult {
    let user_id = p.user_id()?.to_string();
    s.sim().user(&user_id)?;
    update_record(&s, &user_id, &body).map_err(|e| match e.status {
        400 | 404 => ApiError::unprocessable(e.message),
        _ => e,
    })
}

fn update_record(s: &AppState, user_id: &str, body: &Value) -> ApiResult {
    require_object(body)?;
    let record_id = req_str(body, "recordId")?.to_string();
    let domain = req_str(body, "domain")?.to_ascii_lowercase();
    let mut sim = s.sim();
    let d = zone(&sim, user_id, &domain)?.clone();
    // Rule::DnsRecordExists: an update replaces a stored record, whose exclusions it may keep.
    let Some(stored) = d.dns.iter().find(|r| r.id == record_id) else {
        return Err(ApiError::not_found(format!("DNS record {record_id} not found on {}", d.name)));
    };
    let Checked { host, value, rtype, priority, excluded } =
        check_record(&d.name, body, Some(&stored.excluded_dmarc_tags), sim.lenient)?;
    if sim.rule_on(Rule::DnsNoClash) && rtype == RecordType::Txt && is_dmarc_host(&host)
        && d.dns.iter().any(|r| r.id != record_id && r.host == host && r.rtype == RecordType::Txt)
    {
        return Err(ApiError::unprocessable("Another DMARC record already exists for this host"));
    }
    let action = sim.action_id();
    let dm = sim.domains.get_mut(&d.id).unwrap();
    let rec = dm.dns.iter_mut().find(|r| r.id == record_id).unwrap();
    *rec = DnsRecord { id: record_id, host, value, rtype, priority, ttl: rec.ttl, excluded_dmarc_tags: excluded };
    let record = record_json(rec);
    let job = Job::DnsChanged { domain_id: d.id.clone(), change: "RECORD_UPDATED", record, action: action.clone() };
    sim.schedule(timing::APPLY, job);
    // The seed's reply, field for field.
    let data = json!({"status": "Success", "statusDescription": "The record was modified successfully."});
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
